// `drill ledger export <file.xlsx|file.csv>`: the ledger as the form offices pass around
// (问题、整改措施、责任单位、责任人、完成时限、整改状态), to fill in and import back.

import { resolve } from "node:path";
import type { CommandContext } from "../../context.js";
import { readLedgerFile } from "../../ledger/file.js";
import { ledgerMessages } from "../../ledger/messages.js";
import { ledgerRows, ledgerSheet } from "../../ledger/sheet.js";
import { writeOutput } from "../../output.js";
import { DEFAULT_LEDGER, type LedgerCommandOptions, ledgerLang, sheetFormat } from "./options.js";

export interface LedgerExportOptions extends LedgerCommandOptions {
  force?: boolean;
}

export async function ledgerExportCommand(
  target: string,
  options: LedgerExportOptions,
  ctx: CommandContext,
): Promise<number> {
  const format = sheetFormat(target);
  const file = await readLedgerFile(options.ledger ?? DEFAULT_LEDGER, ctx);
  const { sheetsToXlsx, sheetToCsv } = await import("../../sheet/write.js");
  const content =
    format === "xlsx"
      ? await sheetsToXlsx([ledgerSheet(file.ledger)])
      : await sheetToCsv(ledgerRows(file.ledger));
  await writeOutput(resolve(ctx.cwd, target), target, content, {
    force: options.force ?? false,
    example: "ledger.xlsx",
    inputs: [{ path: file.path, shown: file.shown, what: "the ledger" }],
  });
  ctx.stdout.write(
    `${ledgerMessages[ledgerLang(options, ctx, file.ledger.lang)].exported(target, file.ledger.items.length)}\n`,
  );
  return 0;
}
