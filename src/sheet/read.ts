// Reads a spreadsheet's bytes into plain rows: xlsx with exceljs, CSV with csv-parse.
// The format is told by the bytes, not the name, so a PNG renamed .xlsx gets a clear error.
// exceljs is loaded only when an xlsx file is read (it is the heaviest dependency).

import type { CellValue as ExcelCellValue, Worksheet } from "exceljs";
import { InputError } from "../errors.js";
import type { CellValue, Sheet, Workbook } from "./cells.js";
import { rowIsBlank } from "./cells.js";

const HINT_FORMATS = "drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)";

export async function readWorkbook(bytes: Uint8Array, file: string): Promise<Workbook> {
  const kind = sniff(bytes);
  if (kind === "zip") return readXlsx(bytes, file);
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
  return readCsv(bytes, file);
}

function sniff(bytes: Uint8Array): "zip" | "xls" | "binary" | "text" {
  const head = bytes.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "xls";
  // Text has no NUL bytes; images, PDFs and other binaries nearly always do early on.
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return "binary";
  const controls = sample.filter((b) => b < 0x09 || (b > 0x0d && b < 0x20)).length;
  return controls > sample.length / 100 ? "binary" : "text";
}

// ── CSV ──────────────────────────────────────────────────────────────────────

async function readCsv(bytes: Uint8Array, file: string): Promise<Workbook> {
  const notes: string[] = [];
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Chinese Excel saves "CSV" in the system code page: GBK, a subset of GB18030.
    text = new TextDecoder("gb18030").decode(bytes);
    notes.push("the CSV is not UTF-8: read as GB18030 (Chinese Windows encoding)");
  }
  text = text.replace(/^\uFEFF/, "");
  const { parse } = await import("csv-parse/sync");
  let best: string[][] | undefined;
  let bestScore = -1;
  let firstError: unknown;
  // csv-parse's delimiter discovery trips over quoted fields, so try the usual three and keep
  // the one that splits most rows into the same number of columns.
  for (const delimiter of [",", ";", "\t"]) {
    try {
      const records: string[][] = parse(text, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      });
      const score = delimiterScore(records);
      if (score > bestScore) {
        best = records;
        bestScore = score;
      }
    } catch (error) {
      firstError ??= error;
    }
  }
  if (!best) {
    const detail = firstError instanceof Error ? firstError.message : String(firstError);
    throw new InputError(`not readable as CSV: ${detail}`, {
      location: { file },
      hint: HINT_FORMATS,
    });
  }
  const rows: CellValue[][] = best.map((record) => record.map((v) => (v === "" ? null : v)));
  while (rows.length > 0 && rowIsBlank(rows.at(-1))) rows.pop();
  const name = file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return { format: "csv", sheets: [{ name, rows }], notes };
}

function delimiterScore(records: string[][]): number {
  const counts = new Map<number, number>();
  for (const record of records) {
    if (record.length > 1) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  }
  const [width, rows] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [1, 0];
  return rows * 1000 + width;
}

// ── xlsx ─────────────────────────────────────────────────────────────────────

async function readXlsx(bytes: Uint8Array, file: string): Promise<Workbook> {
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  try {
    // exceljs' types predate Node's generic Buffer; the bytes are what it expects.
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`not a readable .xlsx workbook (${detail})`, {
      location: { file },
      hint: HINT_FORMATS,
    });
  }
  const sheets: Sheet[] = book.worksheets.map((worksheet) => ({
    name: worksheet.name,
    rows: readWorksheet(worksheet),
  }));
  return { format: "xlsx", sheets, notes: [] };
}

function readWorksheet(worksheet: Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    for (let col = 1; col <= row.cellCount; col++) {
      const cell = row.getCell(col);
      let value: CellValue = null;
      if (cell.isMerged && cell.master.address !== cell.address) {
        // A merge down a column (a phase or an inject spanning several rows) belongs to every
        // row it covers; a merge across a row (a banner) stays in its first column only.
        if (cell.master.col === cell.col) {
          value = plainValue(cell.master.value);
        }
      } else {
        value = plainValue(cell.value);
      }
      values[col - 1] = value;
    }
    for (let i = 0; i < values.length; i++) values[i] ??= null;
    rows[rowNumber - 1] = values;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  while (rows.length > 0 && rowIsBlank(rows.at(-1))) rows.pop();
  return rows;
}

/** exceljs' rich text, formulas, hyperlinks and errors as plain values. */
function plainValue(value: ExcelCellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((part) => part.text).join("") || null;
    if ("result" in value) return plainValue(value.result as ExcelCellValue);
    if ("text" in value && typeof value.text === "string") return value.text || null;
    if ("error" in value) return null;
  }
  return null;
}
