// The neutral shape of a spreadsheet once read: sheets of rows of plain cell values, with
// merged cells already filled in. Readers (read.ts) produce it; everything else is pure.

/** A cell's value: text, a number, a date-time (dates from xlsx are UTC-based wall times), or empty. */
export type CellValue = string | number | boolean | Date | null;

export interface Sheet {
  name: string;
  /** rows[r][c]; row and column numbers shown to people are 1-based. */
  rows: CellValue[][];
  /** Hidden sheets are never chosen unless named (`--sheet`). Default visible. */
  state?: "visible" | "hidden" | "veryHidden";
  /**
   * Set when only the first rows were kept (a large sheet nobody asked for, kept to rank it):
   * how many filled rows the sheet has in all.
   */
  truncatedFrom?: number;
}

export interface Workbook {
  /** "xlsx" or "csv". */
  format: "xlsx" | "csv";
  sheets: Sheet[];
  /** Things the reader noticed (the encoding of a CSV). */
  notes: string[];
}

/** Spreadsheet column letter: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let text = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    text = String.fromCharCode(65 + rem) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
}

/** Column index of a letter reference ("A" → 0, "aa" → 26), or undefined. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The cell as trimmed text ("" when empty); numbers without float noise, dates as ISO. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(Math.round(value * 1e9) / 1e9);
  if (typeof value === "boolean") return value ? "true" : "false";
  // A time without a date is a fraction of Excel's day 0 (1899-12-30): only its time says anything.
  if (value.getUTCFullYear() < 1901) return isoMinute(value).slice(11);
  return isoMinute(value);
}

/** `2024-06-26 09:00` from a UTC-based wall time (how exceljs hands dates over). */
export function isoMinute(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function isBlank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}

export function rowIsBlank(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every(isBlank);
}

/** Number of columns of the widest row. */
export function sheetWidth(sheet: Sheet): number {
  return sheet.rows.reduce((max, row) => Math.max(max, row.length), 0);
}
