// Reading an .xlsx workbook's cells with exceljs. A workbook that inflates to more than a few
// MiB is read with exceljs' streaming reader, so that it is never loaded whole: rows arrive
// one at a time and only the rows asked for are kept. A smaller one is loaded whole, which
// costs little and sidesteps a race of the streaming reader: when every part fits in its
// buffers, its zip parser can reach the end of the file and end the stream before the last
// small parts (the workbook's sheet list, the shared strings) are read, and they are lost.
// The workbook's structure (sheet order, hidden sheets, merged cells) and the zip-bomb guard
// come first (xlsx-structure.ts). exceljs is loaded only when an xlsx file is read.

import type { CellValue as ExcelCellValue, Row } from "exceljs";
import { InputError } from "../errors.js";
import { type CellValue, rowIsBlank, type Sheet } from "./cells.js";
import { restoreFormula } from "./formula.js";
import { IMPORT_LIMITS } from "./limits.js";
import { tooManyRows } from "./read-csv.js";
import type { ByteSource } from "./source.js";
import type { SheetStructure, XlsxStructure } from "./xlsx-structure.js";

/** A sheet this small is read whole whether or not it is asked for (a cover sheet, a roster). */
const SMALL_SHEET_ROWS = 500;
/** A workbook inflating to no more than this is loaded whole. */
const WHOLE_LOAD_BYTES = 4 * 1024 * 1024;

const HINT = "drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)";

/** A worksheet as either reader gives it: how exceljs names it, and its rows. */
interface Worksheet {
  name?: string;
  /** The number of the part it was read from (`sheet3.xml` → 3), when exceljs could not name it. */
  part?: string | number;
  rows: AsyncIterable<Row> | Iterable<Row>;
}

/**
 * Every sheet's filled rows: all of a sheet `named`; of the others, as many as the row limit
 * leaves (the first few at least, to rank them), counting the rest (`truncatedFrom`).
 * More than the limit in the named sheets is an error, said as soon as it is seen.
 */
export async function readXlsxSheets(
  source: ByteSource,
  file: string,
  structure: XlsxStructure,
  named: ((sheet: SheetStructure) => boolean) | undefined,
): Promise<Sheet[]> {
  const byName = new Map(structure.sheets.map((s) => [s.name, s]));
  const byPart = new Map(structure.sheets.map((s) => [s.part, s]));
  const read = new Map<SheetStructure, { rows: CellValue[][]; filled: number; kept: number }>();
  // With sheets named, the others are only glanced at; without, they share the row limit.
  let budget = named ? 0 : IMPORT_LIMITS.firstReadRows;
  let namedRows = 0;
  let scanned = 0;
  let lostStrings = 0;
  const worksheets =
    structure.inflatedBytes <= WHOLE_LOAD_BYTES ? loadWhole(source) : stream(source);
  try {
    for await (const worksheet of worksheets) {
      const structured =
        (worksheet.name === undefined ? undefined : byName.get(worksheet.name)) ??
        byPart.get(`xl/worksheets/sheet${String(worksheet.part)}.xml`);
      const whole = structured !== undefined && named?.(structured) === true;
      const rows: CellValue[][] = [];
      let filled = 0;
      let kept = 0;
      for await (const row of worksheet.rows) {
        if (!structured || !row.hasValues) continue;
        const keep = whole || budget > 0 || kept < SMALL_SHEET_ROWS;
        const values = rowValues(row, () => lostStrings++);
        if (rowIsBlank(values)) continue;
        filled++;
        if (whole && ++namedRows > IMPORT_LIMITS.rows) throw tooManyRows(file);
        if (++scanned > IMPORT_LIMITS.scanRows) throw tooManyRows(file, IMPORT_LIMITS.scanRows);
        if (!keep) continue;
        rows[row.number - 1] = values;
        kept++;
        if (!whole) budget--;
      }
      if (structured) read.set(structured, { rows, filled, kept });
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`,
      { location: { file }, hint: HINT },
    );
  }
  if (lostStrings > 0)
    throw new InputError("the workbook's texts could not be read (its shared strings were lost)", {
      location: { file },
      hint: "save the workbook again from a spreadsheet program, or save its MSEL sheet as CSV",
    });
  return structure.sheets.map((structured) => {
    const { rows, filled, kept } = read.get(structured) ?? { rows: [], filled: 0, kept: 0 };
    fillMerges(rows, structured.merges);
    for (let i = 0; i < rows.length; i++) rows[i] ??= EMPTY_ROW;
    while (rows.length > 0 && rowIsBlank(rows.at(-1))) rows.pop();
    const sheet: Sheet = { name: structured.name, rows, state: structured.state };
    if (kept < filled) sheet.truncatedFrom = filled;
    return sheet;
  });
}

/** A small workbook, loaded whole. */
async function* loadWhole(source: ByteSource): AsyncGenerator<Worksheet> {
  const ExcelJS = (await import("exceljs")).default;
  const parts: Buffer[] = [];
  for await (const chunk of source.stream()) parts.push(chunk as Buffer);
  const book = new ExcelJS.Workbook();
  // exceljs' types predate Node's generic Buffer; the bytes are what it expects.
  await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  for (const worksheet of book.worksheets)
    yield { name: worksheet.name, rows: worksheet.getRows(1, worksheet.rowCount) ?? [] };
}

/** A large workbook, its rows streamed. */
async function* stream(source: ByteSource): AsyncGenerator<Worksheet> {
  const ExcelJS = (await import("exceljs")).default;
  const input = source.stream();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell a date from a number.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  try {
    for await (const worksheet of reader) {
      // exceljs names a sheet from the workbook's relations; when it cannot, it keeps the
      // number of the part it read (`sheet3.xml` → "Sheet3").
      const { name, id } = worksheet as unknown as { name?: string; id?: string | number };
      yield { ...(name === undefined ? {} : { name }), part: id ?? "", rows: worksheet };
    }
  } finally {
    input.destroy();
  }
}

/** Shared by every blank row, so a sparse sheet costs a pointer per row. */
const EMPTY_ROW: CellValue[] = Object.freeze([]) as unknown as CellValue[];

function rowValues(row: Row, lostString: () => void): CellValue[] {
  const values: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    // A merged cell's others are filled from the workbook's merges (fillMerges), not here.
    if (cell.isMerged && cell.master !== cell) return;
    const value = cell.value as unknown;
    if (typeof value === "object" && value !== null && "sharedString" in value) lostString();
    values[col - 1] = plainValue(cell.value);
  });
  for (let i = 0; i < values.length; i++) values[i] ??= null;
  return values;
}

/**
 * A merge down a column (a phase or an inject spanning several rows) belongs to every row it
 * covers; a merge across a row (a banner) stays in its first cell only.
 */
function fillMerges(rows: CellValue[][], merges: SheetStructure["merges"]): void {
  for (const [top, left, bottom] of merges) {
    const master = rows[top]?.[left] ?? null;
    if (master === null) continue;
    for (let r = top + 1; r <= bottom; r++) {
      const row = rows[r] === undefined || rows[r] === EMPTY_ROW ? [] : (rows[r] as CellValue[]);
      for (let c = row.length; c < left; c++) row[c] = null;
      row[left] = master;
      rows[r] = row;
    }
  }
}

/** exceljs' rich text, formulas, hyperlinks and errors as plain values. */
function plainValue(value: ExcelCellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : restoreFormula(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return restoreFormula(value.richText.map((part) => part.text ?? "").join("")) || null;
    if ("result" in value) return plainValue(value.result as ExcelCellValue);
    if ("text" in value && typeof value.text === "string") return value.text || null;
    if ("error" in value) return null;
  }
  return null;
}
