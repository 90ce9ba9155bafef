// A large MSEL workbook written at test (and benchmark) time rather than committed: one sheet
// of `rows` injects, a quarter-hour apart over as many days as it takes, each with a
// recipient, a title, a message, an expected action and a time target, written with
// exceljs' streaming writer so that making it costs little memory.
import ExcelJS from "exceljs";

export const BIG_MSEL_GROUPS = ["EOC", "Fire", "Police", "EMS", "Public Works", "PIO", "Shelters"];
export const BIG_MSEL_START = Date.UTC(2026, 2, 2, 8, 0);

/** Row `i` (0-based) of the big MSEL: what the importer should make of it. */
export function bigMselRow(i: number): {
  number: number;
  at: Date;
  to: string;
  title: string;
  message: string;
  action: string;
  within: string;
} {
  return {
    number: i + 1,
    at: new Date(BIG_MSEL_START + i * 15 * 60_000),
    to: BIG_MSEL_GROUPS[i % BIG_MSEL_GROUPS.length] as string,
    title: `Report ${i + 1} from sector ${i % 40}`,
    message: `Sector ${i % 40} reports ${(i * 7) % 113} calls in the last quarter hour; situation ${i + 1}.`,
    action: `Log report ${i + 1} and assign a unit`,
    within: `${15 + (i % 4) * 15}m`,
  };
}

export async function writeBigMsel(path: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = book.addWorksheet("MSEL");
  sheet
    .addRow([
      "Event #",
      "Date/Time",
      "Send To",
      "Title",
      "Description",
      "Expected Action",
      "Deadline",
    ])
    .commit();
  for (let i = 0; i < rows; i++) {
    const r = bigMselRow(i);
    const row = sheet.addRow([r.number, r.at, r.to, r.title, r.message, r.action, r.within]);
    row.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
    row.commit();
  }
  sheet.commit();
  await book.commit();
}
