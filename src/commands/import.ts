import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { InputError } from "../errors.js";
import { decodeText, MAPPING_INPUT, readInputFile } from "../input.js";
import { type CommandInput, checkOutput, writeOutput } from "../output.js";
import { parsePlan } from "../plan/load.js";
import { planToYaml } from "../plan/serialize.js";
import {
  coverageLine,
  formatCellWarning,
  renderImportComment,
  renderMapping,
} from "../sheet/import-report.js";
import { EMPTY_MAPPING, parseMapping } from "../sheet/mapping.js";
import { mselToPlan } from "../sheet/msel-to-plan.js";
import { readInput } from "../sheet/output.js";
import { readWorkbook } from "../sheet/read.js";

export interface ImportOptions {
  sheet?: string;
  map?: string;
  out?: string;
  dryRun?: boolean;
  force?: boolean;
}

/**
 * `drill import <file.xlsx|file.csv> [--sheet NAME] [--map mapping.yaml] [-o plan.yaml]
 * [--dry-run] [--force]`: a MSEL spreadsheet → a plan YAML that validates, headed by a
 * comment saying what was mapped and what was kept as notes.
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
  if (options.sheet !== undefined) mapping = { ...mapping, sheet: options.sheet };

  const bytes = await readInput(resolve(ctx.cwd, file), file, "spreadsheet");
  const book = await readWorkbook(bytes, file);
  const { plan, report } = mselToPlan(book, file, mapping);
  // The plan's heading comment only counts them, and is easy to miss: say where each one is.
  for (const warning of report.cellWarnings)
    ctx.stderr.write(`${formatCellWarning(report, warning)}\n`);
  if (options.dryRun) {
    ctx.stdout.write(renderMapping(report));
    return 0;
  }
  if (plan.injects.length === 0)
    throw new InputError(`sheet "${report.sheet}" has no inject rows below its header`, {
      location: { file, ...(report.headerRow ? { line: report.headerRow } : {}) },
      hint: "check the sheet with --dry-run, or pick another with --sheet",
    });

  const yaml = renderImportComment(report) + planToYaml(plan);
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
