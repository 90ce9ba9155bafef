// What the `drill ledger` commands share: the ledger file they work on, the language they
// speak, the sheet format a file name asks for, and today's date in the user's zone.

import { extname } from "node:path";
import type { CommandContext } from "../../context.js";
import type { Lang } from "../../core/plan.js";
import { UsageError } from "../../errors.js";
import { resolveLang } from "../../lang.js";
import { isDueDate } from "../../ledger/edit.js";
import { drillDate } from "../../replay/dates.js";

export const DEFAULT_LEDGER = "ledger.yaml";

export interface LedgerCommandOptions {
  ledger?: string;
  lang?: string;
}

/** `--lang`, else the language of the drills in the ledger, else the system's. */
export function ledgerLang(
  options: LedgerCommandOptions,
  ctx: CommandContext,
  ledgerLang?: Lang,
): Lang {
  return resolveLang(options.lang, ledgerLang, ctx.env);
}

export function sheetFormat(file: string): "xlsx" | "csv" {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv") return "csv";
  throw new UsageError(`cannot tell the format of ${file}`, {
    hint: "name the sheet .xlsx (a workbook) or .csv (UTF-8 text)",
  });
}

/** The day to judge due dates by: `--as-of`, else today where the user is. */
export function asOf(option: string | undefined, ctx: CommandContext): string {
  if (option === undefined) return drillDate(ctx.now().toISOString(), ctx.timeZone, false);
  if (!isDueDate(option))
    throw new UsageError(`--as-of ${option} is not a date written YYYY-MM-DD`, {
      hint: "e.g. --as-of 2026-12-31",
    });
  return option;
}
