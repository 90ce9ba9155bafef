// Reads a spreadsheet into plain rows: xlsx with exceljs' streaming reader, CSV with
// csv-parse, both as streams with bounded memory (limits.ts). The format is told by the
// bytes, not the name, so a PNG renamed .xlsx gets a clear error. Of a workbook, the sheets
// asked for are read whole, small ones too (a cover sheet, a roster of groups), and of the
// others only enough rows to rank them; `loadWorkbook` reads a chosen sheet again in full.

import { InputError } from "../errors.js";
import type { Workbook } from "./cells.js";
import { findSideTables } from "./layout.js";
import { IMPORT_LIMITS } from "./limits.js";
import type { ColumnMapping } from "./mapping.js";
import { readCsvSheet, tooManyRows } from "./read-csv.js";
import { readXlsxSheets } from "./read-xlsx.js";
import { chooseSheets } from "./sheet-choice.js";
import { type ByteSource, bytesSource, readHead } from "./source.js";
import { normaliseName } from "./vocabulary.js";
import { inspectXlsx, type SheetStructure } from "./xlsx-structure.js";

const HINT_FORMATS = "drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)";

export interface ReadOptions {
  /** Sheets to read whole (names as the user wrote them), or "all" the visible ones. */
  sheets?: readonly string[] | "all";
}

export async function readWorkbook(
  input: Uint8Array | ByteSource,
  file: string,
  options: ReadOptions = {},
): Promise<Workbook> {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  const kind = sniff(await readHead(source, 8192));
  if (kind === "xls")
    throw new InputError("this is an old binary .xls workbook, which drill import cannot read", {
      location: { file },
      hint: "open it in a spreadsheet program and save it as .xlsx or .csv",
    });
  if (kind === "binary")
    throw new InputError("not a spreadsheet: the file is neither an .xlsx workbook nor CSV text", {
      location: { file },
      hint: HINT_FORMATS,
    });
  if (kind === "text") {
    const { sheet, notes } = await readCsvSheet(source, file);
    return { format: "csv", sheets: [sheet], notes };
  }
  const structure = await inspectXlsx(source, file);
  const wanted = options.sheets;
  const named =
    wanted === undefined
      ? undefined
      : (sheet: SheetStructure) =>
          wanted === "all"
            ? sheet.state === "visible"
            : wanted.some(
                (name) => name === sheet.name || normaliseName(name) === normaliseName(sheet.name),
              );
  const sheets = await readXlsxSheets(source, file, structure, named);
  return { format: "xlsx", sheets, notes: [] };
}

/**
 * The workbook with the sheets a mapping asks for read whole; with none asked for, the sheet
 * that looks most like a MSEL, read again in full if only its first rows were kept.
 */
export async function loadWorkbook(
  source: ByteSource,
  file: string,
  mapping: ColumnMapping,
): Promise<Workbook> {
  const first = await firstReading(source, file, mapping);
  // The first reading is let go of before the second: it holds up to 20,000 rows.
  return "book" in first ? first.book : readWorkbook(source, file, { sheets: first.again });
}

async function firstReading(
  source: ByteSource,
  file: string,
  mapping: ColumnMapping,
): Promise<{ book: Workbook } | { again: string[] }> {
  const book = await readWorkbook(source, file, mapping.sheets ? { sheets: mapping.sheets } : {});
  const again = sheetsToReadAgain(book, file, mapping);
  return again ? { again } : { book };
}

/** The sheets chosen, when one of them was only partly read; undefined when all are whole. */
function sheetsToReadAgain(
  book: Workbook,
  file: string,
  mapping: ColumnMapping,
): string[] | undefined {
  if (!book.sheets.some((s) => s.truncatedFrom !== undefined)) return undefined;
  const choice = chooseSheets(book, mapping, findSideTables(book));
  // A workbook whose MSEL cannot be found is reported by mselToPlan, from what was read.
  if (!choice.ok) return undefined;
  const counts = choice.chosen.map(
    (r) => book.sheets.find((s) => s.name === r.name)?.truncatedFrom,
  );
  if (counts.every((n) => n === undefined)) return undefined;
  // Counted already: more than the limit needs no second reading to be refused.
  if (counts.reduce((sum: number, n) => sum + (n ?? 0), 0) > IMPORT_LIMITS.rows)
    throw tooManyRows(file);
  return choice.chosen.map((r) => r.name);
}

function sniff(head: Uint8Array): "zip" | "xls" | "binary" | "text" {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "xls";
  // Text has no NUL bytes; images, PDFs and other binaries nearly always do early on.
  if (head.includes(0)) return "binary";
  const controls = head.filter((b) => b < 0x09 || (b > 0x0d && b < 0x20)).length;
  return controls > head.length / 100 ? "binary" : "text";
}
