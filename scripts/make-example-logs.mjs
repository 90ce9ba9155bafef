// Regenerates the example logs (examples/*.jsonl) from the example plans and decision
// scripts, with a fixed start time so they are reproducible. Run after `npm run build`.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

export const EXAMPLE_RUNS = [
  [
    "examples/pooled-positive.zh.yaml",
    "examples/pooled-positive.zh.script.yaml",
    "2026-11-24T09:00:00+08:00",
  ],
  [
    "examples/pooled-positive.en.yaml",
    "examples/pooled-positive.en.script.yaml",
    "2026-11-24T09:00:00+08:00",
  ],
  [
    "examples/river-flood.en.yaml",
    "examples/river-flood.en.script.yaml",
    "2026-06-15T18:00:00+08:00",
  ],
];

for (const [plan, script, start] of EXAMPLE_RUNS) {
  const log = script.replace(/\.script\.yaml$/, ".jsonl");
  rmSync(log, { force: true });
  execFileSync(
    process.execPath,
    ["bin/drill", "run", plan, "--script", script, "--log", log, "--start-time", start],
    {
      stdio: "inherit",
    },
  );
}
