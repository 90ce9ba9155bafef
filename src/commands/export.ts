import { extname, resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";
import { checkOutput, type WriteOutputOptions, writeOutput } from "../output.js";
import type { OutSheet } from "../sheet/plan-to-msel.js";
import { VERSION } from "../version.js";
import type { OpenFormatOptions } from "./export-open-formats.js";

export interface ExportOptions extends OpenFormatOptions {
  msel?: string;
  decisions?: string;
  force?: boolean;
}

/**
 * `drill export <plan> --msel <file.xlsx|file.csv>`: the plan as a MSEL that imports back
 * into the same plan. `drill export <log> --decisions <file.xlsx|file.csv>`: every decision
 * and note, and the per-expectation results (a second sheet, or `<name>.results.csv`).
 * `--ocel` / `--xes`: drills for process-mining tools (./export-open-formats.ts).
 */
export async function exportFile(
  sources: string[],
  options: ExportOptions,
  ctx: CommandContext,
): Promise<number> {
  if (options.ocel || options.xes || options.xesCase) {
    if (options.msel || options.decisions)
      throw new UsageError("--ocel and --xes do not go with --msel or --decisions", {
        hint: "export the open formats and the spreadsheets in two commands",
      });
    const { exportOpenFormats } = await import("./export-open-formats.js");
    return exportOpenFormats(sources, options, ctx);
  }
  const [source = "", ...more] = sources;
  if (more.length > 0)
    throw new UsageError("--msel and --decisions export one file at a time", {
      hint: "give one plan (--msel) or one drill log (--decisions); --ocel and --xes take many logs",
    });
  if (options.msel && options.decisions)
    throw new UsageError("give one of --msel and --decisions", {
      hint: "--msel exports a plan, --decisions a drill log",
    });
  const target = options.msel ?? options.decisions;
  if (!target)
    throw new UsageError(
      "say what to export: --msel <file> (a plan), --decisions <file> (a log), or --ocel / --xes <file> (logs)",
      {
        hint: "e.g. drill export plan.yaml --msel plan.xlsx",
      },
    );
  const format = formatOf(target);
  const rule: WriteOutputOptions = {
    force: options.force ?? false,
    inputs: [
      {
        path: resolve(ctx.cwd, source),
        shown: source,
        what: options.msel ? "the plan" : "the log",
      },
    ],
  };
  // Both files, or neither: everything in the way is refused before the first is written.
  const files = [target];
  if (options.decisions && format === "csv") files.push(resultsFileOf(target));
  for (const file of files) await checkOutput(resolve(ctx.cwd, file), file, rule);

  if (options.msel) {
    const { readPlanFile } = await import("../plan/load.js");
    const { planToMsel } = await import("../sheet/plan-to-msel.js");
    const { plan } = await readPlanFile(source, { cwd: ctx.cwd });
    const sheets = planToMsel(plan, format === "csv" ? "single-sheet" : "workbook");
    await writeSheets(sheets, format, target, rule, ctx);
    const expectations = plan.injects.reduce((n, i) => n + i.expects.length, 0);
    ctx.stdout.write(
      `wrote ${target}: ${plan.injects.length} inject(s), ${expectations} expected action(s), ${plan.groups.length} group(s)\n`,
    );
    return 0;
  }

  const { readLog } = await import("../log/reader.js");
  const { analyse } = await import("../review/analyse.js");
  const { decisionSheets } = await import("../sheet/decisions.js");
  const log = await readLog(resolve(ctx.cwd, source), { name: source });
  for (const warning of log.warnings) ctx.stderr.write(`${source}: warning: ${warning.message}\n`);
  const plan = log.header.plan;
  // The results are the review's, so the spreadsheet says what `drill review` says.
  const review = analyse(plan, log.header, log.events, {
    lang: plan.lang,
    tool: `drillbook ${VERSION}`,
  });
  const sheets = decisionSheets(plan, log.events, review.expectations);
  if (format === "csv") {
    const [entries, results] = sheets;
    const resultsFile = resultsFileOf(target);
    await writeSheets([entries as OutSheet], format, target, rule, ctx);
    await writeSheets([results as OutSheet], format, resultsFile, rule, ctx);
    ctx.stdout.write(
      `wrote ${target} (${(entries?.rows.length ?? 1) - 1} decision(s) and note(s)) and ${resultsFile}\n`,
    );
  } else {
    await writeSheets(sheets, format, target, rule, ctx);
    ctx.stdout.write(
      `wrote ${target} (${(sheets[0]?.rows.length ?? 1) - 1} decision(s) and note(s), and the results)\n`,
    );
  }
  return 0;
}

function formatOf(file: string): "xlsx" | "csv" {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv") return "csv";
  throw new UsageError(`cannot tell the format of ${file}`, {
    hint: "name the output .xlsx (a workbook) or .csv (UTF-8 text)",
  });
}

/** Where `--decisions x.csv` puts the per-expectation results: `x.results.csv`. */
function resultsFileOf(target: string): string {
  return target.replace(/\.csv$/i, ".results.csv");
}

async function writeSheets(
  sheets: OutSheet[],
  format: "xlsx" | "csv",
  file: string,
  rule: WriteOutputOptions,
  ctx: CommandContext,
): Promise<void> {
  const { sheetsToXlsx, sheetToCsv } = await import("../sheet/write.js");
  const data =
    format === "xlsx" ? await sheetsToXlsx(sheets) : await sheetToCsv(sheets[0]?.rows ?? []);
  await writeOutput(resolve(ctx.cwd, file), file, data, rule);
}
