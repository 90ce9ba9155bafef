// Reading an .xlsx workbook's cells with exceljs' streaming reader, so that a large workbook
// is never loaded whole: rows arrive one at a time and only the rows asked for are kept.
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

const HINT = "drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)";

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
  const ExcelJS = (await import("exceljs")).default;
  const byName = new Map(structure.sheets.map((s) => [s.name, s]));
  const byPart = new Map(structure.sheets.map((s) => [s.part, s]));
  const read = new Map<SheetStructure, { rows: CellValue[][]; filled: number; kept: number }>();
  // With sheets named, the others are only glanced at; without, they share the row limit.
  let budget = named ? 0 : IMPORT_LIMITS.firstReadRows;
  let namedRows = 0;
  let scanned = 0;
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
      const structured =
        (name === undefined ? undefined : byName.get(name)) ??
        byPart.get(`xl/worksheets/sheet${String(id)}.xml`);
      const whole = structured !== undefined && named?.(structured) === true;
      const rows: CellValue[][] = [];
      let filled = 0;
      let kept = 0;
      for await (const row of worksheet) {
        if (!structured || !row.hasValues) continue;
        const keep = whole || budget > 0 || kept < SMALL_SHEET_ROWS;
        const values = rowValues(row);
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
  } finally {
    input.destroy();
  }
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

/** Shared by every blank row, so a sparse sheet costs a pointer per row. */
const EMPTY_ROW: CellValue[] = Object.freeze([]) as unknown as CellValue[];

function rowValues(row: Row): CellValue[] {
  const values: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
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
