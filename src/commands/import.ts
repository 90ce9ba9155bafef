import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { InputError, UsageError } from "../errors.js";
import { decodeText, MAPPING_INPUT, readInputFile } from "../input.js";
import { type CommandInput, checkOutput, writeOutput } from "../output.js";
import { MAX_PLAN_BYTES, parsePlan } from "../plan/load.js";
import { planToYaml } from "../plan/serialize.js";
import {
  coverageLine,
  formatCellWarning,
  renderImportComment,
  renderMapping,
} from "../sheet/import-report.js";
import { EMPTY_MAPPING, parseMapping } from "../sheet/mapping.js";
import { mselToPlan } from "../sheet/msel-to-plan.js";
import { openInput } from "../sheet/output.js";
import { loadWorkbook } from "../sheet/read.js";

export interface ImportOptions {
  /** Sheets to read, in order (`--sheet` may repeat). */
  sheet?: string[];
  /** `all`: every visible sheet that holds a MSEL. */
  sheets?: string;
  map?: string;
  out?: string;
  dryRun?: boolean;
  force?: boolean;
  keepStatus?: boolean;
}

/** The fewest bytes an inject takes in a plan file: beyond the limit, no need to write it out. */
const MIN_INJECT_BYTES = 48;

/**
 * `drill import <file.xlsx|file.csv> [--sheet NAME]... [--sheets all] [--map mapping.yaml]
 * [-o plan.yaml] [--dry-run] [--keep-status] [--force]`: a MSEL spreadsheet → a plan YAML
 * that validates, headed by a comment saying what was mapped, assumed and left out.
 */
export async function importMsel(
  file: string,
  options: ImportOptions,
  ctx: CommandContext,
): Promise<number> {
  const inputs: CommandInput[] = [
    { path: resolve(ctx.cwd, file), shown: file, what: "the spreadsheet" },
  ];
  if (options.map)
    inputs.push({
      path: resolve(ctx.cwd, options.map),
      shown: options.map,
      what: "the mapping file",
    });
  const rule = { force: options.force ?? false, inputs, example: "plan.yaml" };
  if (options.out && !options.dryRun)
    await checkOutput(resolve(ctx.cwd, options.out), options.out, rule);

  let mapping = EMPTY_MAPPING;
  if (options.map) {
    // A mapping file is held to a plan's limits: a regular file, at most 4 MiB, UTF-8.
    const bytes = await readInputFile(resolve(ctx.cwd, options.map), options.map, MAPPING_INPUT);
    const source = decodeText(bytes, options.map, MAPPING_INPUT);
    mapping = parseMapping(source, options.map);
  }
  if (options.sheets !== undefined) {
    if (options.sheets !== "all")
      throw new UsageError(`--sheets takes \`all\`, not "${options.sheets}"`, {
        hint: "name sheets one by one with --sheet NAME (it may repeat), or read them all with --sheets all",
      });
    mapping = { ...mapping, sheets: "all" };
  } else if (options.sheet !== undefined && options.sheet.length > 0)
    mapping = { ...mapping, sheets: options.sheet };

  const source = await openInput(resolve(ctx.cwd, file), file, "spreadsheet");
  const book = await loadWorkbook(source, file, mapping);
  const { plan, report } = mselToPlan(book, file, mapping, {
    keepStatus: options.keepStatus === true,
  });
  // The plan's heading comment only counts them, and is easy to miss: say where each one is.
  for (const warning of report.cellWarnings.slice(0, 100))
    ctx.stderr.write(`${formatCellWarning(report, warning)}\n`);
  if (report.cellWarnings.length > 100)
    ctx.stderr.write(
      `${file}: ${report.cellWarnings.length - 100} more cell warning(s) like these\n`,
    );
  if (options.dryRun) {
    ctx.stdout.write(renderMapping(report));
    return 0;
  }
  if (plan.injects.length === 0)
    throw new InputError(`sheet "${report.sheet}" has no inject rows below its header`, {
      location: { file, ...(report.headerRow ? { line: report.headerRow } : {}) },
      hint: "check the sheet with --dry-run, or pick another with --sheet",
    });
  const tooLarge = () =>
    new InputError(
      `the plan would be larger than a plan may be (${(MAX_PLAN_BYTES / 1024 / 1024).toFixed(0)} MB): ${plan.injects.length} inject(s)`,
      {
        location: { file },
        hint: "import part of the MSEL: one sheet with --sheet, or a copy with fewer rows (--dry-run reads it whole)",
      },
    );
  if (plan.injects.length * MIN_INJECT_BYTES > MAX_PLAN_BYTES) throw tooLarge();
  const yaml = renderImportComment(report) + planToYaml(plan);
  if (Buffer.byteLength(yaml) > MAX_PLAN_BYTES) throw tooLarge();
  const shown = options.out ?? "<stdout>";
  if (options.out) await writeOutput(resolve(ctx.cwd, options.out), options.out, yaml, rule);
  else ctx.stdout.write(yaml);

  ctx.stderr.write(`${file}: ${coverageLine(report)}\n`);
  if (options.out) ctx.stderr.write(`wrote ${options.out}\nnext: drill validate ${options.out}\n`);
  // The importer aims to always produce a valid plan; should it not, say where at once.
  const errors = parsePlan(yaml, shown).problems.filter((p) => p.severity === "error");
  if (errors.length > 0)
    throw new InputError(`the imported plan does not validate yet (${errors.length} error(s))`, {
      problems: errors,
    });
  return 0;
}
