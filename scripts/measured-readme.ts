// Puts bench/results.md (what `npm run bench` printed) into the README's "Measured" section,
// between its markers, so the README shows only figures the benchmarks printed.
//
//   npx tsx --import ./scripts/raw-text.mjs scripts/measured-readme.ts [--results bench/results.md]

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./bench/harness.js";

const { values: args } = parseArgs({
  options: { results: { type: "string", default: "bench/results.md" } },
});
const START = "<!-- measured:start (scripts/measured-readme.ts writes this part) -->";
const END = "<!-- measured:end -->";
const readmePath = join(ROOT, "README.md");
const readme = readFileSync(readmePath, "utf8");
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END}`);
// The results' own headings go one level down, under the README's "## Measured".
const results = readFileSync(join(ROOT, args.results ?? ""), "utf8")
  .replace(/^# Measured\n+/, "")
  .replace(/^## /gm, "### ")
  .trim();
writeFileSync(
  readmePath,
  `${readme.slice(0, from + START.length)}\n\n${results}\n\n${readme.slice(to)}`,
);
