// `npm run bench`: every benchmark, one after another, each in a process of its own, and
// their tables written to bench/results.md (the README's "Measured" section is made from
// it). The reading benchmarks print markdown tables of ratios to the floors they run
// themselves; the others print their own lines, kept as printed.
//
//   npm run bench                       (builds and packages first; 6 to 9 minutes on 2 cores)
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench.ts [--quick] [--out bench/results.md]
//
// --quick runs every benchmark small, to try the harness; its numbers are not the README's.

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { progress, ROOT, seconds } from "./bench/harness.js";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string", default: "bench/results.md" },
  },
});
const quick = args.quick ?? false;

/** Each benchmark and its arguments; `table` ones print markdown, the others plain lines. */
const benchmarks: {
  script: string;
  /** How to run it, when not as `node --import tsx scripts/<script>`. */
  runner?: string[];
  args: string[];
  quick: string[];
  table: boolean;
  title?: string;
}[] = [
  { script: "bench-startup.ts", args: ["--reps", "15"], quick: ["--reps", "3"], table: true },
  {
    script: "bench-review.ts",
    args: ["--sizes", "10000,100000,1000000", "--reps", "5,5,3"],
    quick: ["--sizes", "10000,50000", "--reps", "2,2"],
    table: true,
  },
  {
    script: "bench-replay.ts",
    args: ["--count", "1000", "--events", "1000", "--reps", "3"],
    quick: ["--count", "50", "--events", "500", "--reps", "2"],
    table: true,
  },
  {
    script: "bench-log.ts",
    args: ["--events", "20000", "--reps", "3", "--fsync-reps", "1"],
    quick: ["--events", "5000", "--reps", "2", "--fsync-reps", "1"],
    table: false,
    title: "Writing a log (fsync per event)",
  },
  {
    script: "bench-group-commit.ts",
    args: ["--reps", "5"],
    quick: ["--seats", "10", "--reps", "2"],
    table: false,
    title: "Group commit: many seats posting at once",
  },
  {
    script: "room-load-main.ts",
    runner: ["scripts/run-bundled.mjs", "scripts/room-load-main.ts"],
    args: [],
    quick: ["--seats", "10", "--entries", "3"],
    table: false,
    title: "The room under load (loopback)",
  },
  {
    script: "bench-validate.ts",
    args: [],
    quick: ["--from", "2000", "--steps", "2", "--reps", "1"],
    table: false,
    title: "Validating a plan full of errors",
  },
  {
    script: "bench-export.ts",
    args: ["--count", "300", "--events", "200"],
    quick: ["--count", "30", "--events", "100"],
    table: false,
    title: "Exporting drills as OCEL and XES",
  },
  {
    script: "bench-import.ts",
    args: ["--rows", "20000", "--reps", "3"],
    quick: ["--rows", "2000", "--reps", "1"],
    table: false,
    title: "Importing a MSEL spreadsheet",
  },
  {
    script: "bench-ledger.ts",
    args: ["--count", "300", "--reps", "5"],
    quick: ["--count", "20", "--reps", "2"],
    table: false,
    title: "The rectification ledger over a history of drills",
  },
  {
    script: "bench-capabilities.ts",
    args: ["--reps", "3"],
    quick: ["--from", "200", "--steps", "2", "--reps", "1"],
    table: false,
    title: "Checking capability ids on large plans",
  },
];

const sections: string[] = [];
const started = performance.now();
for (const bench of benchmarks) {
  const argv = quick ? bench.quick : bench.args;
  progress(`— ${bench.script} ${argv.join(" ")}`);
  const t = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      ...(bench.runner ?? [
        "--import",
        "tsx",
        "--import",
        "./scripts/raw-text.mjs",
        join("scripts", bench.script),
      ]),
      ...argv,
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 << 20,
    },
  );
  if (result.status !== 0) throw new Error(`${bench.script} exited ${result.status}`);
  const took = seconds(performance.now() - t);
  sections.push(
    bench.table
      ? `${result.stdout.trim()}\n- took ${took}\n`
      : `## ${bench.title}\n\n\`${bench.runner ? `node ${bench.runner.join(" ")}` : `npx tsx --import ./scripts/raw-text.mjs scripts/${bench.script}`} ${argv.join(" ")}\` (took ${took})\n\n\`\`\`text\n${result.stdout.trim()}\n\`\`\`\n`,
  );
}
const total = seconds(performance.now() - started);
const head = [
  "# Measured",
  "",
  `\`npm run bench${quick ? " -- --quick" : ""}\`, ${new Date().toISOString().slice(0, 16)}Z: Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at the start; all of it took ${total}.`,
  "",
  "Floors, plain Node scripts run in the same repetition (scripts/bench/floor.mjs): **P** reads the log and `JSON.parse`s every line; **P+sha** also computes each line's chained sha256 (with Node's one-shot `crypto.hash`, the fastest plain way), as checking the chain is part of every read. Ratios are per repetition (each run against the floor run of its own repetition), shown min–**median**–max; CPU is user + system time, children included.",
  "",
].join("\n");
const text = `${head}\n${sections.join("\n")}`;
const out = resolve(ROOT, args.out ?? "");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
process.stdout.write(text);
progress(`written to ${args.out} in ${total}`);
