// Writing sheets: xlsx with exceljs (merged inject cells, bold frozen header, wrapped text),
// CSV with csv-stringify, UTF-8 with a byte-order mark so spreadsheet programs show
// Chinese correctly. Text that a spreadsheet program would run as a formula is written
// inert in both (formula.ts). Both libraries are loaded only when a file is written.

import { neutraliseFormula } from "./formula.js";
import type { OutCell, OutSheet } from "./plan-to-msel.js";

export async function sheetsToXlsx(sheets: OutSheet[]): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  book.creator = "drillbook";
  for (const sheet of sheets) {
    const first = sheet.headerRows[0] ?? 0;
    const ws = book.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: first + 1 }],
    });
    sheet.widths.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
    sheet.rows.forEach((row, r) => {
      const out = ws.getRow(r + 1);
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = out.getCell(c + 1);
        cell.value = inert(value);
        cell.alignment = { vertical: "top", wrapText: typeof value === "string" && r > first };
      });
      if (sheet.headerRows.includes(r)) out.font = { bold: true };
    });
    for (const [top, bottom, col] of sheet.merges)
      ws.mergeCells(top + 1, col + 1, bottom + 1, col + 1);
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
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
