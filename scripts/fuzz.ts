// The long fuzz run, started by hand: `npm run fuzz -- [--runs N] [--seed S] [--only plans,scripts,logs,mappings]`.
// The same cases as the unit layer's (test/unit/fuzz.test.ts) for the same seed, many more of
// them; prints what each target did and every finding, and exits 1 if there was one.

import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type FuzzResult,
  fuzzLogs,
  fuzzMappings,
  fuzzPlans,
  fuzzScripts,
} from "../test/fuzz/targets.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    seed: { type: "string", default: "20261124" },
    only: { type: "string", default: "plans,scripts,logs,mappings" },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const only = new Set(values.only.split(","));
const folder = existsSync("/dev/shm") ? "/dev/shm" : undefined;

const targets: [string, () => Promise<FuzzResult> | FuzzResult][] = [
  ["plans", () => fuzzPlans({ runs, seed })],
  ["scripts", () => fuzzScripts({ runs, seed, ...(folder ? { folder } : {}) })],
  ["logs", () => fuzzLogs({ runs, seed })],
  ["mappings", () => fuzzMappings({ runs, seed })],
];

let findings = 0;
for (const [name, run] of targets) {
  if (!only.has(name)) continue;
  const started = performance.now();
  const result = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  findings += result.findings.length;
  console.log(
    `${result.target}: ${result.cases} cases (seed ${result.seed}) in ${seconds} s — ${result.accepted} accepted, ${result.refused} refused with a located error, ${result.findings.length} finding(s)`,
  );
  for (const finding of result.findings.slice(0, 20)) {
    console.log(`  case ${finding.index}: ${finding.message}`);
    console.log(`    input: ${JSON.stringify(finding.input.slice(0, 400))}`);
  }
}
process.exitCode = findings > 0 ? 1 : 0;
