// Start-up benchmark: `drill --version`, `--help`, `validate`, `review` and `log` of the
// Chinese example, with bin/drill and with the single executable (if `npm run package` has
// built it), each next to `node -e 0` run in the same repetition. Prints wall and CPU
// ratios to `node -e 0`, min–median–max over the repetitions.
//
//   npm run bench:startup            (builds both first)
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-startup.ts [--reps 21]

import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  BIN,
  comparisonTable,
  interleave,
  type Measure,
  measure,
  ROOT,
  type Row,
  section,
} from "./bench/harness.js";

const { values: args } = parseArgs({ options: { reps: { type: "string", default: "21" } } });
const reps = Number(args.reps);
const SEA = join(ROOT, "dist/sea/drill");
const PLAN = "examples/pooled-positive.zh.yaml";
const LOG = "examples/pooled-positive.zh.jsonl";

const commands: { label: string; args: string[]; goal?: string }[] = [
  { label: "--version", args: ["--version"] },
  { label: "--help", args: ["--help"] },
  { label: `validate ${PLAN}`, args: ["validate", PLAN], goal: "goal ≤ 1.5× (executable ≤ 1.3×)" },
  { label: `review ${LOG}`, args: ["review", LOG], goal: "goal ≤ 1.5× (executable ≤ 1.3×)" },
  { label: `log ${LOG}`, args: ["log", LOG], goal: "goal ≤ 1.5× (executable ≤ 1.3×)" },
];
const targets = [{ label: "bin/drill", argv: [process.execPath, BIN] }];
const notes: string[] = [];
if (existsSync(SEA)) targets.push({ label: "executable", argv: [SEA] });
else notes.push("the single executable was not built (`npm run package`): left out");

const cases: Record<string, () => Promise<Measure>> = {
  floor: () => measure([process.execPath, "-e", "0"]),
};
for (const target of targets)
  for (const command of commands)
    cases[`${target.label} ${command.label}`] = () => measure([...target.argv, ...command.args]);

const runs = await interleave(cases, reps, "start-up");
const rows: Row[] = [];
for (const target of targets)
  for (const command of commands) {
    rows.push({
      work: `\`drill ${command.label}\` (${target.label})`,
      floor: "`node -e 0`",
      runs: runs[`${target.label} ${command.label}`] ?? [],
      floorRuns: runs.floor ?? [],
      note: command.goal ?? "",
    });
  }
notes.push(
  `Node ${process.version}, ${process.platform}-${process.arch}; ratios per repetition, min–**median**–max of ${reps}`,
);
console.log(
  section(
    "Start-up",
    `npx tsx --import ./scripts/raw-text.mjs scripts/bench-startup.ts --reps ${reps}`,
    comparisonTable(rows),
    notes,
  ),
);
