// Benchmark of `drill replay`: generates a series of synthetic drill logs (scripts/gen-logs.ts),
// then runs the built CLI replaying all of them into a fresh folder (every log's md and json
// report and the summary; with --format json the JSON Lines too), and with --force into a
// folder that holds an earlier run's reports, as after each new drill; next to the floors over
// the same files in the same repetition (scripts/bench/floor.mjs): P and P+sha in one process,
// for CPU, and P+sha split over as many processes as the replay uses (--jobs), for wall.
// CPU counts the replay's workers. Peak memory is the largest sum of resident set sizes of
// the replay's whole process tree, sampled every 50 ms (Linux /proc).
//
//   npm run bench:replay            (builds, then 1,000 logs of about 1,000 events)
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-replay.ts [--count 1000] [--events 1000] [--jobs N] [--reps 3] [--logs dir]

import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  BIN,
  comparisonTable,
  FLOOR,
  floorP,
  floorPSha,
  interleave,
  type Measure,
  measure,
  median,
  progress,
  ROOT,
  type Row,
  seconds,
  section,
} from "./bench/harness.js";
import { generateLogs } from "./gen-logs.js";

const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    events: { type: "string", default: "1000" },
    jobs: { type: "string" },
    reps: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
    logs: { type: "string" },
  },
});

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist/main.cjs"))) throw new Error("build first: npm run build");
  const count = Number(args.count);
  const events = Number(args.events);
  const jobs = Number(args.jobs ?? availableParallelism());
  const reps = Number(args.reps);
  const scratch = mkdtempSync(join(tmpdir(), "drill-bench-replay-"));
  const logs = args.logs ? resolve(args.logs) : join(scratch, "logs");
  try {
    const started = performance.now();
    const paths = existsSync(logs)
      ? readdirSync(logs)
          .filter((f) => f.endsWith(".jsonl"))
          .map((f) => join(logs, f))
      : await generateLogs({
          count,
          events,
          out: logs,
          seed: Number(args.seed),
          plan: "examples/pooled-positive.zh.yaml",
          start: "2024-01-01T09:00:00+08:00",
          everyDays: 1,
          revisions: 2,
        });
    paths.sort();
    const bytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
    progress(`${paths.length} logs ready in ${seconds(performance.now() - started)}`);
    const all = join(scratch, "all.txt");
    writeFileSync(all, paths.join("\n"));
    const shares = Array.from({ length: jobs }, (_, i) => {
      const list = join(scratch, `share-${i}.txt`);
      writeFileSync(list, paths.filter((_, j) => j % jobs === i).join("\n"));
      return list;
    });
    // The shares read at once, each by its own plain process: what the replay's processes do.
    const split = shares.map((list) => `"${process.execPath}" "${FLOOR}" --sha --list "${list}" &`);
    const replayInto = (out: string, format: string, again = false) =>
      measure(
        [
          process.execPath,
          BIN,
          "replay",
          logs,
          "-o",
          out,
          "--quiet",
          "--jobs",
          String(jobs),
          "--format",
          format,
          ...(again ? ["--force"] : []),
        ],
        { tree: true },
      );
    const replay = (format: string) => async () => {
      const out = join(scratch, `out-${format}`);
      rmSync(out, { recursive: true, force: true });
      const m = await replayInto(out, format);
      rmSync(out, { recursive: true, force: true });
      return m;
    };
    // Replaying again after another drill: every report is there already and is replaced.
    const again = join(scratch, "out-again");
    const replayAgain = async () => {
      if (!existsSync(again)) await replayInto(again, "md");
      return replayInto(again, "md", true);
    };
    const runs = await interleave(
      {
        p: () => measure(floorP(["--list", all])),
        sha: () => measure(floorPSha(["--list", all])),
        split: () => measure(["bash", "-c", `${split.join(" ")} wait`]),
        md: replay("md"),
        json: replay("json"),
        again: replayAgain,
      },
      reps,
      "replay",
    );
    const lines = Number(runs.sha[0]?.stdout.trim());
    const eventCount = lines - paths.length;
    const treePeak = (m: Measure[]) =>
      `${Math.max(...m.map((x) => x.treeMiB ?? 0)).toFixed(0)} MiB`;
    const what = `${paths.length.toLocaleString("en")} logs × ${Math.round(eventCount / paths.length)} events, ${jobs} processes`;
    const rows: Row[] = [];
    for (const [format, list] of [
      ["md", runs.md],
      ["json", runs.json],
    ] as const) {
      const label = format === "md" ? "`replay`" : "`replay --format json`";
      rows.push(
        {
          work: `${label}, ${what}: CPU`,
          floor: "P+sha, one process",
          runs: list,
          floorRuns: runs.sha,
          note: `goal ≤ 1.5× CPU; P ${seconds(median(runs.p.map((m) => m.cpuMs)))} CPU`,
        },
        {
          work: `${label}, ${what}: wall`,
          floor: `P+sha, ${jobs} processes`,
          runs: list,
          floorRuns: runs.split,
          note: `goal ≤ 1.2× wall; peak ${treePeak(list)} for all processes together (goal < 300 MB)`,
        },
      );
    }
    rows.push({
      work: `\`replay --force\` into the folder of its own earlier reports, ${what}: CPU`,
      floor: "P+sha, one process",
      runs: runs.again,
      floorRuns: runs.sha,
      note: "goal ≤ 1.5× CPU, as a first replay",
    });
    console.log(
      section(
        "Replaying many logs",
        `npx tsx --import ./scripts/raw-text.mjs scripts/bench-replay.ts --count ${count} --events ${events} --jobs ${jobs} --reps ${reps}`,
        comparisonTable(rows),
        [
          `${paths.length.toLocaleString("en")} logs, ${eventCount.toLocaleString("en")} events, ${(bytes / 2 ** 20).toFixed(0)} MiB; ${availableParallelism()} cores`,
          "the wall rows read their wall ratio; the CPU rows their CPU ratio (the other column is shown for completeness)",
        ],
      ),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
