// Writes the xlsx MSEL fixtures of test/fixtures/msel/ (the CSV ones are written by hand).
// Each is shaped like a real planner's workbook, one class of trouble each (military
// date-time groups, zone suffixes, placeholders, a status column, hidden and scratch
// sheets, one sheet per day, spellings of one group, a mis-dated row); the tests in
// test/unit/sheet-import*.test.ts assert the plan each imports to. The 200,000-row sheet is
// made at test time instead (test/helpers/big-msel.ts). Run: npx tsx --import ./scripts/raw-text.mjs scripts/make-msel-fixtures.ts
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

/** An Excel time of day (a fraction of a day), formatted hh:mm. */
function clock(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return (h * 60 + m) / 1440;
}

type Cell = string | number | Date | null;

function sheet(book: ExcelJS.Workbook, name: string, rows: Cell[][], timeColumns: number[] = []) {
  const ws = book.addWorksheet(name);
  for (const values of rows) {
    const row = ws.addRow(values);
    for (const col of timeColumns) {
      const cell = row.getCell(col);
      if (typeof cell.value === "number")
        cell.numFmt = cell.value < 1 ? "hh:mm" : "yyyy-mm-dd hh:mm";
    }
  }
  return ws;
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

// Military date-time groups (`DDHHMMZMONYY`) over two months, one without its year, under a
// title, with the header names real MSELs use: "Sent To:", "Event Summary", "Implementer
// (Actual Narrative)", "Expected Reaction to Inject", "1st Objective Supported".
async function dtg(): Promise<void> {
  const book = workbook();
  sheet(book, "MSEL", [
    ["OPERATION COASTAL SHIELD 2011 - MASTER SCENARIO EVENTS LIST"],
    [],
    [
      "Serial",
      "DTG",
      "From",
      "Sent To:",
      "Event Summary",
      "Implementer (Actual Narrative)",
      "Expected Reaction to Inject",
      "1st Objective Supported",
    ],
    [
      1,
      "210900ZAUG11",
      "NHC",
      "JOC",
      "Tropical storm watch",
      "The National Hurricane Center issues a tropical storm watch for the coast.",
      "Stand up the crisis action team within 2 hours",
      "Operational Coordination",
    ],
    [
      2,
      "211430ZAUG11",
      "State EOC",
      "JOC, J3",
      "Evacuation order",
      "The governor orders the evacuation of zones A and B.",
      "Plan traffic control points",
      "Critical Transportation",
    ],
    [
      3,
      "231800ZAUG11",
      "County EOC",
      "J3",
      "Shelter shortfall",
      "Two shelters report they are full.",
      "Open the armory as a shelter",
      "Mass Care Services",
    ],
    [
      4,
      "270600ZAUG11",
      "JTF",
      "J4",
      "Fuel request",
      "Generators at the hospital need 2,000 gallons of diesel.",
      "Source and deliver the fuel",
      "Logistics and Supply Chain Management",
    ],
    [
      5,
      "010900ZSEP11",
      "NHC",
      "JOC",
      "Landfall",
      "The storm makes landfall as a category 2 hurricane.",
      "Issue a shelter-in-place order",
      "Operational Coordination",
    ],
    [
      6,
      "021200ZSEP",
      "JTF",
      "JOC",
      "Recovery begins",
      "Winds fall below 40 mph; damage assessment can start.",
      "Send damage assessment teams",
      "Situational Assessment",
    ],
  ]);
  await book.xlsx.writeFile(join(OUT, "dtg.xlsx"));
}

// Clock times with zones written after them, CDT and Z mixed, in a column whose header
// ("Clock") names no field, beside "Expected outcome(s)".
async function zoneSuffix(): Promise<void> {
  const book = workbook();
  sheet(book, "Injects", [
    ["Inject No.", "Clock", "Sent To", "Subject", "Details", "Expected outcome(s)"],
    [
      "1",
      "0700 CDT",
      "EOC",
      "Severe weather warning",
      "NWS issues a severe thunderstorm warning.",
      "EOC moves to level 2",
    ],
    [
      "2",
      "1230Z",
      "Public Works",
      "Tree down",
      "A tree blocks Elm Street at 5th.",
      "Crew dispatched within 30 minutes",
    ],
    [
      "3",
      "08:15 CDT",
      "EOC",
      "Power outage",
      "The utility reports 12,000 customers without power.",
      "Cooling centres considered",
    ],
    [
      "4",
      "1400Z",
      "Public Information",
      "Media inquiry",
      "Channel 7 asks for an interview.",
      "Spokesperson named",
    ],
    ["5", "0945 CDT", "EOC", "All clear", "The warning expires.", "EOC returns to level 3"],
  ]);
  await book.xlsx.writeFile(join(OUT, "zone-suffix.xlsx"));
}

// Placeholders planners leave in cells: ---, …, N/A, TBD, TBA, none; "All" and 全体 as
// recipients; a row of nothing but TBD.
async function placeholders(): Promise<void> {
  const book = workbook();
  sheet(
    book,
    "MSEL",
    [
      ["Event #", "Time", "Title", "Description", "Send To", "Expected Action", "Remarks"],
      [
        1,
        clock("08:00"),
        "Exercise start",
        "StartEx briefing to all players.",
        "All",
        "Acknowledge the start",
        "---",
      ],
      [
        2,
        clock("08:15"),
        "…",
        "A caller reports a gas smell on Main Street.",
        "Fire",
        "Send an engine",
        "N/A",
      ],
      [3, clock("08:30"), "Road closed", "Police close Main Street.", "Police", "---", null],
      [
        4,
        clock("08:45"),
        "Media call",
        "A reporter asks about the gas leak.",
        "TBD",
        "Prepare a holding statement",
        "TBA",
      ],
      ["TBD", "TBD", "TBD", "TBD", "TBD", "TBD", "TBD"],
      [
        6,
        clock("09:00"),
        "Leak stopped",
        "The gas company stops the leak.",
        "全体",
        "Stand down",
        "none",
      ],
    ],
    [2],
  );
  await book.xlsx.writeFile(join(OUT, "placeholders.xlsx"));
}

// A status column (Injected, Omitted, Deleted, Deferred, Cancelled, 取消), the header
// repeated mid-table as on a printed page, and the drop-down list of statuses kept below the
// table after two blank rows.
async function status(): Promise<void> {
  const book = workbook();
  const header = [
    "MSEL #",
    "Scheduled Time",
    "Status",
    "Subject",
    "Description",
    "To",
    "Expected Player Action",
  ];
  sheet(
    book,
    "MSEL",
    [
      header,
      [
        1,
        clock("09:00"),
        "Injected",
        "Alarm",
        "The fire alarm sounds in building 4.",
        "Security",
        "Evacuate building 4",
      ],
      [
        2,
        clock("09:10"),
        "Omitted",
        "Second alarm",
        "A second alarm in building 5.",
        "Security",
        "Evacuate building 5",
      ],
      [
        3,
        clock("09:20"),
        "Ready",
        "Casualty",
        "A worker is hurt on the stairs.",
        "Medical",
        "Send a first-aid team",
      ],
      [
        4,
        clock("09:30"),
        "Deleted - duplicate of 3",
        "Casualty",
        "A worker is hurt on the stairs.",
        "Medical",
        "Send a first-aid team",
      ],
      header,
      [
        5,
        clock("09:40"),
        "Deferred",
        "Press",
        "A journalist arrives at the gate.",
        "Communications",
        "Meet the journalist",
      ],
      [
        6,
        clock("09:50"),
        "Cancelled",
        "Chemical spill",
        "A drum leaks in the store.",
        "Security",
        "Cordon off the store",
      ],
      [
        7,
        clock("10:00"),
        "取消",
        "Power cut",
        "The site loses power.",
        "Facilities",
        "Start the generator",
      ],
      [
        8,
        clock("10:10"),
        "Injected",
        "All clear",
        "The fire service declares the building safe.",
        "Security",
        "Let staff back in",
      ],
      [],
      [],
      [null, null, "Injected"],
      [null, null, "Ready"],
      [null, null, "Omitted"],
      [null, null, "Deleted"],
      [null, null, "Deferred"],
    ],
    [2],
  );
  await book.xlsx.writeFile(join(OUT, "status.xlsx"));
}

const HEADER = ["No.", "Time", "Subject", "Description", "To", "Expected Action"];

// A superseded MSEL kept as a hidden sheet before the current one (it has more rows), and a
// very hidden sheet of drop-down lists.
async function hiddenSheet(): Promise<void> {
  const book = workbook();
  const old = sheet(
    book,
    "MSEL (superseded)",
    [
      HEADER,
      ...[1, 2, 3, 4, 5, 6].map((n) => [
        n,
        clock(`0${n + 1}:00`),
        `Old inject ${n}`,
        `Draft text ${n}.`,
        "EOC",
        `Old action ${n}`,
      ]),
    ],
    [2],
  );
  old.state = "hidden";
  sheet(
    book,
    "MSEL",
    [
      HEADER,
      [
        1,
        clock("08:00"),
        "Flood watch",
        "The river is forecast to crest tonight.",
        "EOC",
        "Brief the duty officer",
      ],
      [
        2,
        clock("09:30"),
        "Sandbags",
        "Residents ask for sandbags.",
        "Public Works",
        "Open the sandbag depot",
      ],
      [
        3,
        clock("11:00"),
        "Evacuation",
        "Low-lying streets must be evacuated.",
        "Police",
        "Go door to door",
      ],
      [
        4,
        clock("13:00"),
        "Crest",
        "The river crests below the levee top.",
        "EOC",
        "Stand down the night shift",
      ],
    ],
    [2],
  );
  const lists = sheet(book, "Lists", [["EOC"], ["Public Works"], ["Police"]]);
  lists.state = "veryHidden";
  await book.xlsx.writeFile(join(OUT, "hidden-sheet.xlsx"));
}

// A scratch sheet of example injects first (more rows than the real MSEL), instructions,
// then the MSEL.
async function scratchSheet(): Promise<void> {
  const book = workbook();
  sheet(book, "Instructions", [
    ["How to fill in the MSEL"],
    ["One row per inject; times as hh:mm; recipients by their group name."],
  ]);
  sheet(
    book,
    "Examples",
    [
      HEADER,
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [
        n,
        clock(`0${n}:00`),
        `Example ${n}`,
        `Example text ${n}.`,
        "Example group",
        `Example action ${n}`,
      ]),
    ],
    [2],
  );
  sheet(
    book,
    "MSEL",
    [
      HEADER,
      [
        1,
        clock("10:00"),
        "Cyber alert",
        "The SOC sees unusual logins.",
        "IT Security",
        "Reset the affected accounts",
      ],
      [
        2,
        clock("10:20"),
        "Ransom note",
        "A ransom note appears on file servers.",
        "IT Security",
        "Isolate the file servers",
      ],
      [
        3,
        clock("10:45"),
        "Press call",
        "A reporter asks about an outage.",
        "Communications",
        "Issue a holding statement",
      ],
      [
        4,
        clock("11:30"),
        "Restore",
        "Backups are verified clean.",
        "IT Operations",
        "Start the restore",
      ],
      [
        5,
        clock("12:00"),
        "Lessons",
        "The incident is contained.",
        "IT Security",
        "Schedule the hot debrief",
      ],
    ],
    [2],
  );
  await book.xlsx.writeFile(join(OUT, "scratch-sheet.xlsx"));
}

// A three-day exercise kept one sheet per day, times of day on each, and a cover sheet.
async function perDay(): Promise<void> {
  const book = workbook();
  sheet(book, "Cover", [
    ["Exercise Name", "River Valley flood functional exercise"],
    ["Scenario", "Three days of rain swell the river; the valley towns flood."],
  ]);
  const day = (n: number, rows: [string, string, string, string, string][]) =>
    sheet(
      book,
      `Day ${n}`,
      [
        HEADER,
        ...rows.map(([time, subject, text, to, action], i) => [
          `${n}.${i + 1}`,
          clock(time),
          subject,
          text,
          to,
          action,
        ]),
      ],
      [2],
    );
  day(1, [
    [
      "08:00",
      "Flood watch",
      "Heavy rain is forecast for three days.",
      "EOC",
      "Activate the flood plan",
    ],
    [
      "10:30",
      "Rising river",
      "The gauge at Mill Bridge rises fast.",
      "Public Works",
      "Close Mill Bridge",
    ],
    ["16:00", "Evening briefing", "The river will crest tomorrow.", "EOC", "Brief the mayors"],
  ]);
  day(2, [
    ["08:30", "Streets flooded", "Water enters the lower town.", "Fire", "Start rescues by boat"],
    [
      "12:00",
      "Shelter",
      "200 residents need a shelter.",
      "Social Services",
      "Open the school shelter",
    ],
  ]);
  day(3, [
    ["09:00", "Water recedes", "The river falls below flood level.", "EOC", "Plan the recovery"],
  ]);
  await book.xlsx.writeFile(join(OUT, "per-day.xlsx"));
}

// One organisation written several ways (J4, J-4, JOC J4; JTF-S, JTF South), and "All".
async function variants(): Promise<void> {
  const book = workbook();
  sheet(
    book,
    "MSEL",
    [
      ["No", "Time", "Title", "To", "Expected Action", "Action By"],
      [1, clock("08:00"), "JOC activates", "JOC", "Open the log", "JOC"],
      [2, clock("08:10"), "Fuel request", "J4", "Source 2,000 gallons", "J4"],
      [3, clock("08:20"), "Fuel delivery", "J-4", "Confirm the delivery", "J-4"],
      [4, clock("08:30"), "Convoy", "JOC J4", "Plan the convoy route", "JOC J4"],
      [5, clock("08:40"), "Task force south", "JTF-S", "Report readiness", "JTF-S"],
      [6, clock("08:50"), "Sector update", "JTF South", "Send the sitrep", "JTF South"],
      [7, clock("09:00"), "All stations", "JOC, All", "Acknowledge", null],
      [8, clock("09:10"), "Shift change", "All", "Hand over the log", null],
    ],
    [2],
  );
  await book.xlsx.writeFile(join(OUT, "variants.xlsx"));
}

// A three-day exercise of date-times with one row dated a year off.
async function outOfSpan(): Promise<void> {
  const book = workbook();
  sheet(
    book,
    "MSEL",
    [
      ["Inject #", "Date/Time", "Title", "Message", "To", "Expected Action"],
      [
        "A1",
        serial("2011-08-21T09:00"),
        "Watch",
        "A tropical storm watch is issued.",
        "EOC",
        "Activate the EOC",
      ],
      [
        "A2",
        serial("2011-08-21T11:00"),
        "Warning",
        "The watch becomes a warning.",
        "EOC",
        "Warn the public",
      ],
      [
        "A3",
        serial("2011-08-22T08:00"),
        "Evacuation",
        "Zone A must evacuate.",
        "Police",
        "Close the causeway",
      ],
      [
        "A4",
        serial("2012-08-22T10:00"),
        "Shelters",
        "Shelters open across the county.",
        "Mass Care",
        "Staff the shelters",
      ],
      [
        "A5",
        serial("2011-08-23T14:00"),
        "Landfall",
        "The storm comes ashore.",
        "EOC",
        "Shelter in place",
      ],
    ],
    [2],
  );
  await book.xlsx.writeFile(join(OUT, "out-of-span.xlsx"));
}

mkdirSync(OUT, { recursive: true });
const made = [
  multiDay,
  mergedSerials,
  dtg,
  zoneSuffix,
  placeholders,
  status,
  hiddenSheet,
  scratchSheet,
  perDay,
  variants,
  outOfSpan,
];
for (const make of made) await make();
console.log(`wrote ${made.length} workbooks to ${OUT}`);
