// How much `drill import` reads before it stops with a clear error, so that a hostile or
// mistaken file (a zip bomb, a million-row sheet) costs bounded time and memory. The README
// ("Spreadsheets") states the same numbers.

const MiB = 1024 * 1024;

export const IMPORT_LIMITS = {
  /**
   * Non-blank rows read from the sheets that become the plan. A plan file may be at most
   * 4 MB (src/plan/load.ts), which no plan of more injects than this could fit in.
   */
  rows: 100_000,
  /** Filled rows looked through in all the sheets of one workbook, kept or not. */
  scanRows: 500_000,
  /**
   * With no sheet named, rows kept of all the sheets at the first reading; the sheet chosen,
   * if it had more, is read again whole. A huge sheet so costs little before it is refused.
   */
  firstReadRows: 20_000,
  /** `xl/sharedStrings.xml`, inflated: every text of the workbook, held in memory while reading. */
  sharedStringsBytes: 64 * MiB,
  /** Any other part of a workbook, inflated (a sheet is read as a stream, never held whole). */
  partBytes: 256 * MiB,
  /** All parts together, inflated. */
  totalBytes: 512 * MiB,
  /** Files inside the workbook's zip. */
  parts: 10_000,
} as const;

export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes >= 10 * MiB ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
