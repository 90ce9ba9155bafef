// One fixture per kind of trouble real MSELs give (scripts/make-msel-fixtures.ts writes
// them), and the plan each must import to, field by field. Times are worked out by hand in
// the comments.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { parsePlan } from "../../src/plan/load.js";
import { planToYaml } from "../../src/plan/serialize.js";
import { renderImportComment, renderMapping } from "../../src/sheet/import-report.js";
import { type ColumnMapping, EMPTY_MAPPING, parseMapping } from "../../src/sheet/mapping.js";
import { type ImportResult, mselToPlan } from "../../src/sheet/msel-to-plan.js";
import { loadWorkbook } from "../../src/sheet/read.js";
import { fileSource } from "../../src/sheet/source.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/msel");

async function load(
  name: string,
  mapping: ColumnMapping = EMPTY_MAPPING,
  keepStatus = false,
): Promise<ImportResult> {
  const file = join(FIXTURES, name);
  const book = await loadWorkbook(fileSource(file), file, mapping);
  const result = mselToPlan(book, file, mapping, { keepStatus });
  // Whatever the sheet, the plan written validates and reads back the same.
  const { plan, problems } = parsePlan(
    renderImportComment(result.report) + planToYaml(result.plan),
    name,
  );
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(plan).toEqual(result.plan);
  return result;
}

const times = (plan: Plan) => plan.injects.map((i) => [i.id, i.atMinutes]);
const actions = (plan: Plan) =>
  plan.injects.flatMap((i) => i.expects.map((e) => [e.id, i.id, e.group, e.withinMinutes]));

describe("military date-time groups and the header names real MSELs use", () => {
  it("reads DDHHMMZMONYY over two months, and a group without its year", async () => {
    const { plan, report } = await load("dtg.xlsx");
    // From 21 Aug 09:00Z: 21 14:30 = 5h30; 23 18:00 = 2d 9h = 57h; 27 06:00 = 5d 21h = 141h;
    // 1 Sep 09:00 = 11d = 264h; 2 Sep 12:00 (no year: 2011, the others') = 11d 27h = 291h.
    expect(times(plan)).toEqual([
      ["1", 0],
      ["2", 330],
      ["3", 3420],
      ["4", 8460],
      ["5", 15840],
      ["6", 17460],
    ]);
    expect(plan.clock.start).toBe("2011-08-21T09:00");
    expect(report.assumptions).toEqual([
      "1 date-time group(s) without a year read in 2011, the year of the others",
      "zone: Z (UTC+0), as written (times not converted; rows without a zone taken as the same)",
      "start: 2011-08-21 09:00, the earliest date-time, is T+0",
    ]);
    expect(report.columns.map((c) => [c.header, c.field, c.confidence])).toEqual([
      ["Serial", "id", "exact"],
      ["DTG", "datetime", "exact"],
      ["From", "from", "exact"],
      ["Sent To:", "to", "exact"],
      ["Event Summary", "title", "exact"],
      ["Implementer (Actual Narrative)", "message", "exact"],
      ["Expected Reaction to Inject", "action", "exact"],
      ["1st Objective Supported", "objective", "phrase"],
    ]);
    expect(report.warnings).toContain(
      'column H "1st Objective Supported" taken as objective (from part of its header)',
    );
    expect(plan.title).toBe("OPERATION COASTAL SHIELD 2011 - MASTER SCENARIO EVENTS LIST");
    expect(plan.groups.map((g) => g.id)).toEqual(["joc", "j3", "j4"]);
    expect(plan.injects[1]).toMatchObject({
      title: "Evacuation order",
      message: "The governor orders the evacuation of zones A and B.",
      to: ["joc", "j3"],
      notes: "From: State EOC",
    });
    expect(actions(plan)).toEqual([
      ["E1", "1", "joc", 120],
      ["E2", "2", "joc", 60],
      ["E3", "3", "j3", 60],
      ["E4", "4", "j4", 60],
      ["E5", "5", "joc", 60],
      ["E6", "6", "joc", 60],
    ]);
    expect(plan.injects[3]?.expects[0]?.objective).toBe("logistics-and-supply-chain");
  });
});

describe("zone suffixes, and a time column known by its cells", () => {
  it("brings CDT and Z to CDT and finds the times under an unknown header", async () => {
    const { plan, report } = await load("zone-suffix.xlsx");
    // 07:00 CDT; 12:30Z = 07:30 CDT; 08:15 CDT; 14:00Z = 09:00 CDT; 09:45 CDT.
    expect(times(plan)).toEqual([
      ["1", 0],
      ["2", 30],
      ["3", 75],
      ["4", 120],
      ["5", 165],
    ]);
    expect(report.columns[1]).toMatchObject({
      header: "Clock",
      field: "time",
      by: "content",
      confidence: "content",
    });
    expect(report.assumptions[0]).toBe(
      "zones: CDT, Z — every time brought to CDT (UTC-5) (rows without a zone taken as CDT)",
    );
    expect(report.columns[5]).toMatchObject({ header: "Expected outcome(s)", field: "action" });
    expect(plan.injects[1]?.expects[0]).toMatchObject({
      group: "public-works",
      action: "Crew dispatched within 30 minutes",
      withinMinutes: 30,
    });
  });

  it("reads three- and four-digit clock times (600, 0645, 1330)", async () => {
    const { plan, report } = await load("clock-digits.csv");
    // 06:00 is T+0; 06:45 = 45; 07:00 = 60; 13:30 = 450; 14:15 = 495.
    expect(times(plan)).toEqual([
      ["1", 0],
      ["2", 45],
      ["3", 60],
      ["4", 450],
      ["5", 495],
    ]);
    expect(report.assumptions[0]).toMatch(/^time: clock — column "Time" read as times of day/);
  });
});

describe("placeholders", () => {
  it("reads ---, …, N/A, TBD, TBA, none as empty cells; All and 全体 as every group", async () => {
    const { plan, report } = await load("placeholders.xlsx");
    expect(plan.lang).toBe("en");
    expect(plan.groups.map((g) => g.id)).toEqual(["fire", "police"]);
    expect(times(plan)).toEqual([
      ["1", 0],
      ["2", 15],
      ["3", 30],
      ["4", 45],
      ["6", 60],
    ]);
    expect(plan.injects.map((i) => [i.id, i.title, i.to, i.notes])).toEqual([
      ["1", "Exercise start", ["fire", "police"], undefined],
      ["2", "A caller reports a gas smell on Main Street.", ["fire"], undefined],
      ["3", "Road closed", ["police"], undefined],
      ["4", "Media call", [], "Expected action (no group named): Prepare a holding statement"],
      ["6", "Leak stopped", ["fire", "police"], undefined],
    ]);
    // "All" on a row with an action: the action is every group's.
    expect(actions(plan)).toEqual([
      ["E1", "1", "fire", 60],
      ["E2", "1", "police", 60],
      ["E3", "2", "fire", 60],
      ["E4", "6", "fire", 60],
      ["E5", "6", "police", 60],
    ]);
    expect(report.skipped).toEqual({ header: 1, placeholder: 1 });
    expect(report.rowRuns).toContainEqual({
      sheet: "MSEL",
      from: 6,
      to: 6,
      fate: "skipped",
      reason: "placeholder",
      details: ["7 placeholder cell(s)"],
    });
    expect(report.warnings).toContain(
      "1 inject(s) name no recipient and have no `to` (row 5): add one in the plan if a group should receive them",
    );
    expect(plan.groups.some((g) => /unassigned|未指定/i.test(g.name))).toBe(false);
  });
});

describe("a status column", () => {
  it("leaves out Omitted, Deleted, Deferred, Cancelled and 取消 rows, the header repeat and the list below", async () => {
    const { plan, report } = await load("status.xlsx");
    // 09:00 is T+0; 09:20 = 20; 10:10 = 70.
    expect(times(plan)).toEqual([
      ["1", 0],
      ["3", 20],
      ["8", 70],
    ]);
    expect(report.skipped).toEqual({
      header: 1,
      status: 5,
      "header-repeat": 1,
      blank: 2,
      "below-table": 5,
    });
    const skipped = report.rowRuns.flatMap((r) =>
      r.fate === "skipped" ? [[r.from, r.to, r.reason, r.details]] : [],
    );
    expect(skipped).toEqual([
      [1, 1, "header", []],
      [3, 3, "status", ["Omitted"]],
      [5, 5, "status", ["Deleted - duplicate of 3"]],
      [6, 6, "header-repeat", []],
      [7, 9, "status", ["Deferred", "Cancelled", "取消"]],
      [11, 12, "blank", []],
      [13, 17, "below-table", []],
    ]);
    expect(report.warnings).toContain(
      "5 row(s) left out for their status (Omitted, Deleted - duplicate of 3, Deferred, Cancelled, 取消): pass --keep-status to keep them",
    );
  });

  it("keeps them with --keep-status, their status in the notes", async () => {
    const { plan, report } = await load("status.xlsx", EMPTY_MAPPING, true);
    expect(plan.injects.map((i) => i.id)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(plan.injects[1]?.notes).toBe("Status: Omitted");
    expect(plan.injects[6]?.notes).toBe("Status: 取消");
    expect(report.skipped).toEqual({
      header: 1,
      "header-repeat": 1,
      blank: 2,
      "below-table": 5,
    });
  });
});

describe("which sheet", () => {
  it("never takes a hidden sheet, though it scores as high and has more rows", async () => {
    const { plan, report } = await load("hidden-sheet.xlsx");
    expect(report.sheet).toBe("MSEL");
    expect(report.ranking).toEqual([
      {
        name: "MSEL (superseded)",
        state: "hidden",
        rows: 7,
        score: 93,
        detail:
          "6 field(s) in the header, 100% of rows timed, 100% with a title or message, hidden",
        chosen: false,
      },
      {
        name: "MSEL",
        state: "visible",
        rows: 5,
        score: 93,
        detail: "6 field(s) in the header, 100% of rows timed, 100% with a title or message",
        chosen: true,
      },
      {
        name: "Lists",
        state: "veryHidden",
        rows: 3,
        score: 0,
        detail: "no time or inject column",
        chosen: false,
      },
    ]);
    expect(plan.injects.map((i) => i.title)).toEqual([
      "Flood watch",
      "Sandbags",
      "Evacuation",
      "Crest",
    ]);
    expect(renderMapping(report)).toContain("hidden — never chosen unless named");
  });

  it("reads a hidden sheet when it is named", async () => {
    const { plan, report } = await load("hidden-sheet.xlsx", {
      ...EMPTY_MAPPING,
      sheets: ["MSEL (superseded)"],
    });
    expect(report.sheet).toBe("MSEL (superseded)");
    expect(plan.injects.map((i) => i.title)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `Old inject ${n}`),
    );
  });

  it("passes over a scratch sheet of examples, though it comes first and is longer", async () => {
    const { plan, report } = await load("scratch-sheet.xlsx");
    expect(report.sheet).toBe("MSEL");
    expect(report.ranking.map((r) => [r.name, r.score, r.chosen])).toEqual([
      ["Instructions", 0, false],
      ["Examples", 47, false],
      ["MSEL", 93, true],
    ]);
    expect(plan.injects.map((i) => [i.id, i.atMinutes, i.to])).toEqual([
      ["1", 0, ["it-security"]],
      ["2", 20, ["it-security"]],
      ["3", 45, ["communications"]],
      ["4", 90, ["it-operations"]],
      ["5", 120, ["it-security"]],
    ]);
  });

  it("merges one sheet per day with --sheets all, each day's times a day later", async () => {
    const { plan, report } = await load("per-day.xlsx", { ...EMPTY_MAPPING, sheets: "all" });
    expect(report.sheets.map((s) => [s.name, s.dayOffset])).toEqual([
      ["Day 1", 0],
      ["Day 2", 1],
      ["Day 3", 2],
    ]);
    // Day 1 08:00 = T+0, 10:30 = 150, 16:00 = 480; Day 2 08:30 = 1440 + 30, 12:00 = 1440 + 240;
    // Day 3 09:00 = 2880 + 60.
    expect(times(plan)).toEqual([
      ["1.1", 0],
      ["1.2", 150],
      ["1.3", 480],
      ["2.1", 1470],
      ["2.2", 1680],
      ["3.1", 2940],
    ]);
    expect(plan.title).toBe("River Valley flood functional exercise");
    expect(report.assumptions).toContain(
      'sheet "Day 2" is day 2: its times of day are 1d after the first day\'s',
    );
  });

  it("counts days from the first sheet named (--sheet Day 2 --sheet Day 3)", async () => {
    const { plan } = await load("per-day.xlsx", { ...EMPTY_MAPPING, sheets: ["Day 2", "Day 3"] });
    // Day 2 08:30 = T+0, 12:00 = 210; Day 3 09:00 = 1440 + 30.
    expect(times(plan)).toEqual([
      ["2.1", 0],
      ["2.2", 210],
      ["3.1", 1470],
    ]);
  });

  it("takes the longest day's sheet alone when none is named", async () => {
    const { report } = await load("per-day.xlsx");
    expect(report.sheet).toBe("Day 1");
    expect(report.injects).toBe(3);
  });
});

describe("spelling variants of one group", () => {
  it("merges J4, J-4, JOC J4 and JTF-S, JTF South, keeping the variants as aliases", async () => {
    const { plan, report } = await load("variants.xlsx");
    expect(plan.groups).toEqual([
      { id: "joc", name: "JOC", members: [], responsibilities: [] },
      { id: "j4", name: "J4", members: [], responsibilities: [], aliases: ["J-4", "JOC J4"] },
      { id: "jtf-s", name: "JTF-S", members: [], responsibilities: [], aliases: ["JTF South"] },
    ]);
    expect(report.groupMerges).toEqual([
      {
        id: "j4",
        name: "J4",
        aliases: ["J-4", "JOC J4"],
        why: ["same up to case and punctuation", '"JOC" read as a prefix'],
      },
      {
        id: "jtf-s",
        name: "JTF-S",
        aliases: ["JTF South"],
        why: ["a word shortened to its first letters"],
      },
    ]);
    expect(plan.injects.map((i) => [i.id, i.to])).toEqual([
      ["1", ["joc"]],
      ["2", ["j4"]],
      ["3", ["j4"]],
      ["4", ["j4"]],
      ["5", ["jtf-s"]],
      ["6", ["jtf-s"]],
      ["7", ["joc", "j4", "jtf-s"]],
      ["8", ["joc", "j4", "jtf-s"]],
    ]);
    // "JOC, All" with no action-by: JOC's; "All" alone: every group's.
    expect(actions(plan).map(([id, inject, group]) => [id, inject, group])).toEqual([
      ["E1", "1", "joc"],
      ["E2", "2", "j4"],
      ["E3", "3", "j4"],
      ["E4", "4", "j4"],
      ["E5", "5", "jtf-s"],
      ["E6", "6", "jtf-s"],
      ["E7", "7", "joc"],
      ["E8", "8", "joc"],
      ["E9", "8", "j4"],
      ["E10", "8", "jtf-s"],
    ]);
    expect(renderMapping(report)).toContain(
      'j4 "J4" ← "J-4", "JOC J4" (same up to case and punctuation; "JOC" read as a prefix)',
    );
  });

  it("undoes a merge through the mapping file's groups:", async () => {
    const mapping = parseMapping('groups:\n  "JOC J4": joc-j4\n', "map.yaml");
    const { plan, report } = await load("variants.xlsx", mapping);
    expect(plan.groups.map((g) => [g.id, g.name, g.aliases])).toEqual([
      ["joc", "JOC", undefined],
      ["j4", "J4", ["J-4"]],
      ["joc-j4", "JOC J4", undefined],
      ["jtf-s", "JTF-S", ["JTF South"]],
    ]);
    expect(plan.injects[3]?.to).toEqual(["joc-j4"]);
    expect(report.groupMerges.map((m) => m.id)).toEqual(["j4", "jtf-s"]);
  });
});

describe("a row far outside the others' span", () => {
  it("is reported with its row and left out of the span, not stretching the plan to a year", async () => {
    const { plan, report } = await load("out-of-span.xlsx");
    // From 21 Aug 2011 09:00: 11:00 = 120; 22 Aug 08:00 = 23h; the 2012 row takes the previous
    // row's time; 23 Aug 14:00 = 2d 5h = 53h.
    expect(times(plan)).toEqual([
      ["A1", 0],
      ["A2", 120],
      ["A3", 1380],
      ["A4", 1380],
      ["A5", 3180],
    ]);
    expect(report.cellWarnings).toEqual([
      {
        sheet: "MSEL",
        row: 5,
        column: "B",
        message:
          "\"2012-08-22 10:00\" is far outside the other rows' times: left out of the plan's span; the row takes the previous row's time (T+23:00)",
        hint: "fix the date (a year or a month off?), or move the row to where it belongs",
      },
    ]);
    expect(report.warnings).toContain(
      "1 time(s) far outside the other rows' span left out of it (row 5: 2012-08-22 10:00): each row takes the previous row's time",
    );
    expect(plan.clock.start).toBe("2011-08-21T09:00");
  });
});
