// Benchmark of `drill import`: the largest public sample MSEL (../shared/samples, when it is
// there) and a generated workbook of 100,000 inject rows, each imported by the built CLI with
// --dry-run (the whole plan and report are made; nothing is written), against the floor:
// exceljs' streaming reader reading the same file, every row of every sheet, and doing
// nothing else, in a process of its own. Wall time and peak memory (the process's maximum
// resident set size, from process.resourceUsage() at its exit) are medians of a few runs,
// start-up included in both; the ratios are import / floor.
//
//   npm run bench:import            (builds, then the sample and 100,000 rows, 3 runs each)
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-import.ts [--rows 100000] [--reps 3]
//
// The generated workbook has `--rows` rows in all: a header and one inject a row.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeBigMsel } from "../test/helpers/big-msel.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/drill");
/** Printed by every measured process as it exits: its peak resident memory. */
const REPORT_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmax-rss-kib "+process.resourceUsage().maxRSS+"\\n"))`;

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    reps: { type: "string", default: "3" },
  },
});

/**
 * The floor, run as plain JavaScript (no TypeScript to compile at start-up, as the built CLI
 * has none): exceljs reads every row of the workbook, as `drill import` has it read.
 */
const FLOOR = `
import ExcelJS from "exceljs";
const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], {
  worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore",
});
let rows = 0;
for await (const sheet of reader) for await (const row of sheet) rows++;
`;

interface Run {
  ms: number;
  maxRssMiB: number;
  code: number | null;
  stderr: string;
}

function run(command: string, argv: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, argv, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => {
      const kib = Number(/max-rss-kib (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      done({ ms: performance.now() - started, maxRssMiB: kib / 1024, code, stderr });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function measure(label: string, file: string, reps: number): Promise<void> {
  const importRuns: Run[] = [];
  const floorRuns: Run[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate, so that a busy moment of a shared machine falls on both alike.
    floorRuns.push(
      await run(process.execPath, [
        "--import",
        REPORT_RSS,
        "--input-type=module",
        "--eval",
        FLOOR,
        file,
      ]),
    );
    const imported = await run(process.execPath, [
      "--import",
      REPORT_RSS,
      BIN,
      "import",
      file,
      "--dry-run",
    ]);
    if (imported.code !== 0) throw new Error(`drill import failed on ${file}:\n${imported.stderr}`);
    importRuns.push(imported);
  }
  const t = median(importRuns.map((r) => r.ms));
  const tf = median(floorRuns.map((r) => r.ms));
  const m = median(importRuns.map((r) => r.maxRssMiB));
  const mf = median(floorRuns.map((r) => r.maxRssMiB));
  const size = (statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(
    `${label} (${size} MiB): import ${(t / 1000).toFixed(2)} s, peak ${m.toFixed(0)} MiB; floor (exceljs reading it) ${(tf / 1000).toFixed(2)} s, ${mf.toFixed(0)} MiB; ratio ${(t / tf).toFixed(2)}× time, ${(m / mf).toFixed(2)}× memory (medians of ${reps})`,
  );
}

{
  if (!existsSync(join(ROOT, "dist/main.cjs"))) throw new Error("run `npm run build` first");
  const reps = Number(args.reps);
  const samples = [resolve(ROOT, "../shared/samples"), resolve(ROOT, "../../shared/samples")].find(
    existsSync,
  );
  if (samples)
    await measure(
      "roaringwinds2010msel.xlsx, the largest sample",
      join(samples, "msel-cadence/roaringwinds2010msel.xlsx"),
      reps,
    );
  else console.log("no ../shared/samples here: the sample is left out");
  const dir = mkdtempSync(join(tmpdir(), "drill-bench-import-"));
  try {
    const rows = Number(args.rows);
    const big = join(dir, "big.xlsx");
    await writeBigMsel(big, rows - 1);
    await measure(`generated, ${rows.toLocaleString("en")} rows`, big, reps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
