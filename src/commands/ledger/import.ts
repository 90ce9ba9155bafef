// `drill ledger import <file.xlsx|file.csv>`: the office's filled-in form read back into the
// ledger — rows matched to items by 序号, rows without one added — every change kept in the
// items' history. A sheet exported and imported unchanged changes nothing.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandContext } from "../../context.js";
import { InputError } from "../../errors.js";
import { readLedgerFile, writeLedgerFile } from "../../ledger/file.js";
import { ledgerMessages } from "../../ledger/messages.js";
import { importLedgerSheet } from "../../ledger/sheet.js";
import { fileError } from "../../output.js";
import { DEFAULT_LEDGER, type LedgerCommandOptions, ledgerLang } from "./options.js";

export async function ledgerImportCommand(
  source: string,
  options: LedgerCommandOptions,
  ctx: CommandContext,
): Promise<number> {
  const file = await readLedgerFile(options.ledger ?? DEFAULT_LEDGER, ctx);
  const path = resolve(ctx.cwd, source);
  const bytes = await readFile(path).catch((error: unknown) => {
    throw fileError(error, { shown: source, path, action: "cannot read" });
  });
  const { readWorkbook } = await import("../../sheet/read.js");
  const book = await readWorkbook(new Uint8Array(bytes), source, { sheets: "all" });
  const sheet = book.sheets.find((s) => s.name === "整改台账") ?? book.sheets[0];
  if (!sheet)
    throw new InputError("the workbook has no sheet", {
      location: { file: source },
      hint: "drill ledger export writes the form to fill in",
    });
  const imported = importLedgerSheet(file.ledger, sheet, source, {
    at: ctx.now().toISOString(),
    by: "import",
  });
  if (imported.changed.length > 0 || imported.added.length > 0)
    await writeLedgerFile(file, imported.ledger, [{ path, shown: source, what: "the sheet" }]);
  ctx.stdout.write(
    `${ledgerMessages[ledgerLang(options, ctx, file.ledger.lang)].imported(imported.changed.length, imported.added.length, imported.unchanged.length)}\n`,
  );
  return 0;
}
