// Writing sheets: xlsx with exceljs (merged inject cells, bold frozen header, wrapped text),
// CSV with csv-stringify, UTF-8 with a byte-order mark so spreadsheet programs show
// Chinese correctly. Text that a spreadsheet program would run as a formula is written
// inert in both (formula.ts). Both libraries are loaded only when a file is written.

import { neutraliseFormula } from "./formula.js";
import type { OutCell, OutSheet } from "./plan-to-msel.js";

export async function sheetsToXlsx(sheets: OutSheet[]): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const { PassThrough } = await import("node:stream");
  // The streaming writer: each row is written out as it is committed. The in-memory
  // workbook held some 18 KB per row (a 100,000-event log's decisions took 1.8 GB).
  const stream = new PassThrough();
  const parts: Buffer[] = [];
  stream.on("data", (part: Buffer) => parts.push(part));
  // The zip library under it still calls `new Buffer(text)`: bundled, Node takes that for
  // this program's own code and would print its deprecation warning to the user.
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    await writeBook(ExcelJS, stream, sheets);
  } finally {
    process.noDeprecation = quiet;
  }
  // The writer is done when the stream has taken the last byte; it has handed them on when ended.
  if (!stream.readableEnded) await new Promise((done) => stream.once("end", done));
  return new Uint8Array(Buffer.concat(parts));
}

async function writeBook(
  ExcelJS: typeof import("exceljs"),
  stream: import("node:stream").PassThrough,
  sheets: OutSheet[],
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
    // The compression the in-memory workbook used: the same size of file.
    zip: { zlib: { level: 6 } },
  });
  book.creator = "drillbook";
  for (const sheet of sheets) {
    const first = sheet.headerRows[0] ?? 0;
    const ws = book.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: first + 1 }],
    });
    sheet.widths.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
    for (const [top, bottom, col] of sheet.merges)
      ws.mergeCells(top + 1, col + 1, bottom + 1, col + 1);
    sheet.rows.forEach((row, r) => {
      const out = ws.getRow(r + 1);
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = out.getCell(c + 1);
        cell.value = inert(value);
        cell.alignment = { vertical: "top", wrapText: typeof value === "string" && r > first };
      });
      if (sheet.headerRows.includes(r)) out.font = { bold: true };
      out.commit();
    });
    ws.commit();
  }
  await book.commit();
}

export async function sheetToCsv(rows: (string | number | null)[][]): Promise<string> {
  const { stringify } = await import("csv-stringify/sync");
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const full = rows.map((row) => Array.from({ length: width }, (_, i) => inert(row[i] ?? "")));
  return stringify(full, { bom: true, record_delimiter: "\r\n" });
}

function inert<T extends OutCell>(value: T): T | string {
  return typeof value === "string" ? neutraliseFormula(value) : value;
}
