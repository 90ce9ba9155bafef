// `drill ledger status`: the rectification ledger at a glance — open items by owner, the
// overdue ones, what each drill verified, what is claimed done but not yet verified — as a
// terminal table, markdown, JSON, or the office's sheet (xlsx).

import { resolve } from "node:path";
import type { CommandContext } from "../../context.js";
import { UsageError } from "../../errors.js";
import { readLedgerFile } from "../../ledger/file.js";
import { statusJson, statusMarkdown, statusTable } from "../../ledger/render.js";
import { ledgerStatus } from "../../ledger/status.js";
import { writeOutput } from "../../output.js";
import { asOf, DEFAULT_LEDGER, type LedgerCommandOptions, ledgerLang } from "./options.js";

export interface LedgerStatusOptions extends LedgerCommandOptions {
  format?: "table" | "md" | "json" | "xlsx";
  out?: string;
  asOf?: string;
  force?: boolean;
}

/** Terminal width when standard output is not a terminal. */
const DEFAULT_WIDTH = 100;

export async function ledgerStatusCommand(
  options: LedgerStatusOptions,
  ctx: CommandContext,
): Promise<number> {
  const format = options.format ?? "table";
  if (format === "xlsx" && options.out === undefined)
    throw new UsageError("--format xlsx writes a workbook: give it a file with --out", {
      hint: "e.g. drill ledger status --format xlsx --out ledger.xlsx",
    });
  const file = await readLedgerFile(options.ledger ?? DEFAULT_LEDGER, ctx);
  const lang = ledgerLang(options, ctx, file.ledger.lang);
  const view = ledgerStatus(file.ledger, asOf(options.asOf, ctx));
  let content: string | Uint8Array;
  if (format === "xlsx") {
    const { sheetsToXlsx } = await import("../../sheet/write.js");
    const { ledgerSheet } = await import("../../ledger/sheet.js");
    content = await sheetsToXlsx([ledgerSheet(file.ledger)]);
  } else if (format === "json") content = statusJson(view, file.ledger);
  else if (format === "md") content = statusMarkdown(view, lang);
  else content = statusTable(view, lang, ctx.stdout.columns ?? DEFAULT_WIDTH);
  if (options.out === undefined) {
    ctx.stdout.write(typeof content === "string" ? content : Buffer.from(content).toString());
    return 0;
  }
  await writeOutput(resolve(ctx.cwd, options.out), options.out, content, {
    force: options.force ?? false,
    inputs: [{ path: file.path, shown: file.shown, what: "the ledger" }],
  });
  return 0;
}
