// Writes the xlsx MSEL fixtures of test/fixtures/msel/ (the CSV ones are written by hand).
// Each is shaped like a real planner's workbook; test/unit/sheet-import.test.ts asserts
// the plan each imports to. Run: npx tsx scripts/make-msel-fixtures.ts
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";

const OUT = resolve(import.meta.dirname, "../test/fixtures/msel");
const FIXED = new Date(Date.UTC(2026, 0, 1));

function workbook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = "drillbook fixtures";
  book.created = FIXED;
  book.modified = FIXED;
  return book;
}

/** Excel serial of a UTC-based wall time (how Excel stores dates). */
function serial(iso: string): number {
  return (Date.parse(`${iso}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

// A two-day exercise: a cover sheet, a `Day` column and a time-of-day column of real Excel
// time cells, a lookup sheet beside it. The MSEL is not the first sheet.
async function multiDay(): Promise<void> {
  const book = workbook();
  const cover = book.addWorksheet("Cover");
  cover.addRow(["Exercise Name", "Coastal storm functional exercise"]);
  cover.addRow(["Scenario", "A category 2 storm makes landfall on the county coast overnight."]);
  cover.addRow(["Prepared by", "County EMA"]);
  const msel = book.addWorksheet("MSEL");
  msel.addRow([
    "Event #",
    "Day",
    "Time",
    "Subject",
    "Message",
    "Send To",
    "Expected Action",
    "Response Window",
    "Core Capability",
    "Method",
  ]);
  const rows: [number, string, string, string, string, string, string, string, string, string][] = [
    [
      1,
      "Day 1",
      "08:00",
      "Storm watch issued",
      "NWS issues a hurricane watch for the county.",
      "EOC",
      "Activate the EOC to level 2",
      "1h",
      "Operational Coordination",
      "Email",
    ],
    [
      2,
      "Day 1",
      "10:30",
      "Shelter request",
      "Red Cross asks which shelters to open.",
      "Mass Care",
      "Open two shelters and report capacity",
      "3 hours",
      "Mass Care Services",
      "Phone",
    ],
    [
      3,
      "Day 1",
      "23:15",
      "Landfall",
      "The storm makes landfall south of the harbour.",
      "EOC, Public Works",
      "Issue a shelter-in-place order",
      "",
      "Public Information and Warning",
      "Radio",
    ],
    [
      4,
      "Day 2",
      "06:00",
      "Damage reports",
      "Roads blocked by debris on the north side.",
      "Public Works",
      "Clear a route to the hospital within 2 hours",
      "",
      "Critical Transportation",
      "Radio",
    ],
  ];
  for (const [n, day, time, ...rest] of rows) {
    const [h, m] = time.split(":").map(Number) as [number, number];
    const row = msel.addRow([n, day, (h * 60 + m) / 1440, ...rest]);
    row.getCell(3).numFmt = "hh:mm";
  }
  const lookups = book.addWorksheet("Lookups");
  lookups.addRow(["Methods"]);
  for (const method of ["Email", "Phone", "Radio"]) lookups.addRow([method]);
  await book.xlsx.writeFile(join(OUT, "multi-day.xlsx"));
}

// A title merged across the top, the header on row 3, phases merged down their rows, an
// inject with two expected actions whose inject cells are merged over both rows, a banner
// row merged across, and times as Excel date serials (one formatted, one a bare number).
async function mergedSerials(): Promise<void> {
  const book = workbook();
  const ws = book.addWorksheet("演练脚本");
  ws.addRow(["Chemical plant leak — tabletop"]);
  ws.mergeCells("A1:H1");
  ws.addRow([]);
  ws.addRow([
    "Phase",
    "Inject No.",
    "Date/Time",
    "Title",
    "Description",
    "To",
    "Expected Action",
    "Deadline",
  ]);
  const data: (string | number | null)[][] = [
    [
      "Warning",
      "1",
      serial("2025-05-10T09:00"),
      "Alarm at the plant",
      "Ammonia alarm sounds in unit 3.",
      "Plant control room",
      "Confirm the leak and call 119",
      "15 min",
    ],
    [
      null,
      "2",
      serial("2025-05-10T09:20"),
      "Plume drifts east",
      "Wind carries the plume toward the school.",
      "Fire brigade",
      "Set up a 500 m cordon",
      "30 min",
    ],
    [
      null,
      "2",
      serial("2025-05-10T09:20"),
      "Plume drifts east",
      "Wind carries the plume toward the school.",
      "Education bureau",
      "Evacuate the primary school",
      "45 min",
    ],
    ["RESPONSE", null, null, null, null, null, null, null],
    [
      "Response",
      "3",
      serial("2025-05-10T11:05"),
      "Leak sealed",
      "The valve is closed; levels fall.",
      "Fire brigade",
      "Declare the area safe",
      "1h",
    ],
  ];
  for (const values of data) ws.addRow(values);
  // Phase "Warning" down rows 4-6; inject 2 over rows 5-6; a banner across row 7.
  ws.mergeCells("A4:A6");
  for (const col of ["B", "C", "D", "E"]) ws.mergeCells(`${col}5:${col}6`);
  ws.mergeCells("A7:H7");
  ws.getCell("C4").numFmt = "yyyy-mm-dd hh:mm";
  ws.getCell("C5").numFmt = "yyyy-mm-dd hh:mm";
  // C8 stays a bare serial number, as when a date column lost its format.
  await book.xlsx.writeFile(join(OUT, "merged-serials.xlsx"));
}

mkdirSync(OUT, { recursive: true });
await multiDay();
await mergedSerials();
console.log(`wrote ${OUT}/multi-day.xlsx and merged-serials.xlsx`);
