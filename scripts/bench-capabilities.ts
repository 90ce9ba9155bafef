// Benchmark of what capability ids and unannounced drills add. For n doubling, prints the
// median time of parsePlan on a plan of n objectives naming capabilities (free text: the
// slowest case, a "did you mean" over every library name) against the same plan without
// them (the floor), and of jitterSchedule on a plan of n injects with hand-offs; the ratio
// from one n to the next is about 2 when the work is linear.
//
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-capabilities.ts [--from 500] [--steps 4] [--reps 5]

import { parseArgs } from "node:util";
import { jitterSchedule } from "../src/core/unannounced.js";
import { parsePlan } from "../src/plan/load.js";
import { medianTime } from "./bench/harness.js";

const { values: args } = parseArgs({
  options: {
    from: { type: "string", default: "500" },
    steps: { type: "string", default: "4" },
    reps: { type: "string", default: "5" },
  },
});
const FROM = Number(args.from);
const STEPS = Number(args.steps);
const REPS = Number(args.reps);

const time = (work: () => void) => medianTime(REPS, work);

const CAPABILITIES = ["cn.tracing", "流调溯源", "Operational Coordnation", "our own drills"];

function plan(n: number, withCapabilities: boolean): string {
  const lines = ["title: bench", "scenario: s", "groups:", "  - { id: a, name: A }", "objectives:"];
  for (let i = 0; i < n; i++) {
    const capability = withCapabilities
      ? `, capability: "${CAPABILITIES[i % CAPABILITIES.length]}"`
      : "";
    lines.push(`  - { id: O${i}, title: objective ${i}${capability} }`);
  }
  lines.push("injects:");
  for (let i = 0; i < n; i++) {
    lines.push(`  - id: I${i}`, `    at: ${i * 5}m`, "    title: t", "    message: m", "    to: a");
    lines.push("    expects:");
    const after = i > 0 ? `, after: E${i - 1}` : "";
    lines.push(
      `      - { id: E${i}, group: a, action: act, within: 30m, objective: O${i}${after} }`,
    );
  }
  return `${lines.join("\n")}\n`;
}

console.log("n       floor ms  capabilities ms  ×floor  ratio   jitter ms  ratio");
let before: { caps: number; jitter: number } | undefined;
for (let step = 0, n = FROM; step < STEPS; step++, n *= 2) {
  const bare = plan(n, false);
  const named = plan(n, true);
  const floor = time(() => parsePlan(bare, "bench.yaml"));
  const caps = time(() => parsePlan(named, "bench.yaml"));
  const parsed = parsePlan(bare, "bench.yaml").plan;
  if (!parsed) throw new Error("the bench plan does not parse");
  const jitter = time(() => jitterSchedule({ ...parsed, jitterMinutes: 60 }, 7));
  const ratio = (now: number, then: number | undefined) =>
    then === undefined ? "    –" : (now / then).toFixed(2).padStart(5);
  console.log(
    `${String(n).padEnd(8)}${floor.toFixed(1).padStart(8)}  ${caps.toFixed(1).padStart(15)}  ${(caps / floor).toFixed(2).padStart(6)}  ${ratio(caps, before?.caps)}  ${jitter.toFixed(2).padStart(9)}  ${ratio(jitter, before?.jitter)}`,
  );
  before = { caps, jitter };
}
