// How much of the public sample MSELs (../shared/samples) `drill import` maps: rows that
// became injects, expected actions or notes, and filled columns mapped to plan fields
// (the rest are kept as "Column: value" notes). Run: npx tsx --import ./scripts/raw-text.mjs scripts/msel-coverage.ts
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EMPTY_MAPPING } from "../src/sheet/mapping.js";
import { mselToPlan } from "../src/sheet/msel-to-plan.js";
import { readWorkbook } from "../src/sheet/read.js";

// Beside the checkout, or beside the folder that holds it (a git worktree).
const SAMPLES = ["../../shared/samples", "../../../shared/samples"]
  .map((path) => resolve(import.meta.dirname, path))
  .find(existsSync);
if (!SAMPLES) {
  console.log("no ../shared/samples here");
  process.exit(0);
}
let rows = 0;
let rowsUsed = 0;
let columns = 0;
let mapped = 0;
console.log("file | sheet | rows used | columns mapped | injects | expected actions");
for (const folder of ["msel-cadence", "openbas-xls-import"]) {
  const dir = join(SAMPLES, folder);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".xlsx"))) {
    const file = join(dir, name);
    const { report } = mselToPlan(
      await readWorkbook(readFileSync(file), file),
      file,
      EMPTY_MAPPING,
    );
    const filled = report.columns.filter((c) => c.samples.length > 0);
    const fields = filled.filter((c) => c.field && !["notes", "from", "status"].includes(c.field));
    rows += report.rows;
    rowsUsed += report.rowsUsed;
    columns += filled.length;
    mapped += fields.length;
    console.log(
      `${folder}/${name} | ${report.sheet} | ${report.rowsUsed}/${report.rows} | ${fields.length}/${filled.length} | ${report.injects} | ${report.expectations}`,
    );
  }
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(0)}%`;
console.log(`rows used: ${rowsUsed}/${rows} (${pct(rowsUsed, rows)})`);
console.log(`filled columns mapped to plan fields: ${mapped}/${columns} (${pct(mapped, columns)})`);
