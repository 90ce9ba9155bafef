// Benchmark of reading one log: `drill review` (JSON and markdown) and `drill verify` of a
// long drill of the Chinese example plan (scripts/bench/logs.ts) at several sizes, each run
// of the built CLI in a fresh process, start-up included, next to the floors measured in the
// same repetition: P (read + JSON.parse every line) and P+sha (+ each line's chained
// sha256), plain scripts (scripts/bench/floor.mjs). Prints wall and CPU ratios to P+sha,
// min–median–max over the repetitions, and each review's peak memory; a markdown review is
// run once more with V8's old space capped far below the log's size.
//
//   npm run bench:review
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-review.ts [--sizes 10000,100000,1000000] [--reps 5,5,3] [--logs dir]
//                                   [--capped-size 100000]

import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  BIN,
  comparisonTable,
  floorP,
  floorPSha,
  interleave,
  type Measure,
  measure,
  median,
  peak,
  progress,
  ROOT,
  type Row,
  seconds,
  section,
} from "./bench/harness.js";
import { drillLog } from "./bench/logs.js";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000" },
    reps: { type: "string", default: "5,5,3" },
    logs: { type: "string" },
    "capped-size": { type: "string", default: "100000" },
  },
});

/** The old space the largest markdown review must fit in, MiB. */
const CAPPED_MIB = 24;

const events = (n: number) => n.toLocaleString("en");

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist/main.cjs"))) throw new Error("build first: npm run build");
  const sizes = (args.sizes ?? "").split(",").map(Number);
  const repsList = (args.reps ?? "").split(",").map(Number);
  const scratch = mkdtempSync(join(tmpdir(), "drill-bench-review-"));
  const logs = args.logs ? resolve(args.logs) : join(scratch, "logs");
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const [i, size] of sizes.entries()) {
      const reps = repsList[i] ?? repsList.at(-1) ?? 3;
      const started = performance.now();
      const log = await drillLog(logs, size);
      progress(`log of ${events(size)} events ready in ${seconds(performance.now() - started)}`);
      const out = (ext: string) => join(scratch, `review-${size}.${ext}`);
      const review = (format: string) => () =>
        measure(
          [process.execPath, BIN, "review", log, "--format", format, "-o", out(format), "--force"],
          { rss: true },
        );
      const runs = await interleave(
        {
          p: () => measure(floorP([log])),
          sha: () => measure(floorPSha([log])),
          json: review("json"),
          md: review("md"),
          verify: () => measure([process.execPath, BIN, "verify", log]),
        },
        reps,
        `review ${events(size)}`,
      );
      const floorNote = (m: Measure[]) =>
        `P ${seconds(median(m.map((x) => x.wallMs)))} / ${seconds(median(m.map((x) => x.cpuMs)))}`;
      const small = size <= 10_000;
      const goal = small ? "goal ≤ 1.5× CPU, ≤ 2× wall" : "goal ≤ 1.5× CPU";
      const mib = (statSync(log).size / 2 ** 20).toFixed(0);
      rows.push(
        {
          work: `\`review --format json\`, ${events(size)} events (${mib} MiB)`,
          floor: "P+sha",
          runs: runs.json,
          floorRuns: runs.sha,
          note: `${goal}; peak ${peak(runs.json)}; ${floorNote(runs.p)}`,
        },
        {
          work: `\`review\` markdown, ${events(size)} events`,
          floor: "P+sha",
          runs: runs.md,
          floorRuns: runs.sha,
          note: `${goal}; peak ${peak(runs.md)}`,
        },
        {
          work: `\`verify\`, ${events(size)} events`,
          floor: "P+sha",
          runs: runs.verify,
          floorRuns: runs.sha,
          note: "goal ≤ 1.2×",
        },
      );
    }
    const cappedSize = Number(args["capped-size"]);
    const largest = await drillLog(logs, cappedSize);
    let capped: string;
    try {
      const m = await measure([
        process.execPath,
        `--max-old-space-size=${CAPPED_MIB}`,
        BIN,
        "review",
        largest,
        "-o",
        join(scratch, "capped.md"),
        "--force",
      ]);
      capped = `ok in ${seconds(m.wallMs)}`;
    } catch {
      capped = "FAILED";
    }
    notes.push(
      `\`review\` markdown of the ${events(cappedSize)}-event log with V8's old space capped at ${CAPPED_MIB} MiB: ${capped}; the log is read as a stream, but a review keeps what it reports on (every note, every correction), so its peak grows with those`,
      "ratios are per repetition (each run against the floor run of its own repetition), min–**median**–max; wall includes start-up; CPU is user + system",
    );
    console.log(
      section(
        "Reading one log: review and verify",
        `npx tsx --import ./scripts/raw-text.mjs scripts/bench-review.ts --sizes ${args.sizes} --reps ${args.reps}`,
        comparisonTable(rows),
        notes,
      ),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
