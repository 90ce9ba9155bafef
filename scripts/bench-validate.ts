// Benchmark of `drill validate` on hostile plans: files of n stray `}` (n YAML errors, on one
// line and one a line), for n doubling. Prints the median time of parsePlan and of the YAML
// parser alone on the same text, and the ratio from one n to the next: about 2 when the work
// is linear in the number of errors, about 4 when it is quadratic.
//
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-validate.ts [--from 10000] [--steps 4] [--reps 3]

import { parseArgs } from "node:util";
import { LineCounter, parseDocument } from "yaml";
import { parsePlan } from "../src/plan/load.js";
import { medianTime } from "./bench/harness.js";

const { values: args } = parseArgs({
  options: {
    from: { type: "string", default: "10000" },
    steps: { type: "string", default: "4" },
    reps: { type: "string", default: "3" },
  },
});
const FROM = Number(args.from);
const STEPS = Number(args.steps);
const REPS = Number(args.reps);

const time = (work: () => void) => medianTime(REPS, work);

for (const [shape, make] of [
  ["one line", (n: number) => "}".repeat(n)],
  ["a line each", (n: number) => "}\n".repeat(n)],
] as const) {
  let previous: number | undefined;
  for (let step = 0, n = FROM; step < STEPS; step++, n *= 2) {
    const source = make(n);
    const yamlOnly = time(() => {
      parseDocument(source, {
        lineCounter: new LineCounter(),
        prettyErrors: false,
        uniqueKeys: true,
      });
    });
    const whole = time(() => {
      const result = parsePlan(source, "bench.yaml");
      if (result.problems.length === 0) throw new Error("expected problems");
    });
    const ratio =
      previous === undefined ? "" : `, ×${(whole / previous).toFixed(2)} the time of half as many`;
    console.log(
      `${shape}: ${n} errors — parsePlan ${whole.toFixed(0)} ms (${(whole / yamlOnly).toFixed(2)}× the YAML parser alone, ${yamlOnly.toFixed(0)} ms)${ratio}`,
    );
    previous = whole;
  }
}
