// Formula injection: text from plans and participants that starts with = + - @ tab or CR is
// written inert (a leading ') in CSV and xlsx, by `export --msel` and `--decisions` alike,
// and `drill import` takes the ' off again, so a plan comes back exactly.

import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { DrillEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { decisionSheets } from "../../src/sheet/decisions.js";
import { neutraliseFormula, restoreFormula } from "../../src/sheet/formula.js";
import { EMPTY_MAPPING } from "../../src/sheet/mapping.js";
import { mselToPlan } from "../../src/sheet/msel-to-plan.js";
import { planToMsel } from "../../src/sheet/plan-to-msel.js";
import { readWorkbook } from "../../src/sheet/read.js";
import { sheetsToXlsx, sheetToCsv } from "../../src/sheet/write.js";
import { tinyPlan } from "../helpers/plans.js";

const FORMULA_START = /^[=+\-@\t\r]/;

describe("neutraliseFormula / restoreFormula", () => {
  it.each([
    ['=HYPERLINK("http://evil","open")', '\'=HYPERLINK("http://evil","open")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\tTab", "'\tTab"],
    ["\rReturn", "'\rReturn"],
    // Already starting with ' before one of them: one more, so that one is not lost on import.
    ["'=x", "''=x"],
    // Nothing a spreadsheet runs: unchanged.
    ["plain text", "plain text"],
    ["'quoted", "'quoted"],
    ["a=b", "a=b"],
  ])("%j is written %j and read back", (text, written) => {
    expect(neutraliseFormula(text)).toBe(written);
    expect(restoreFormula(written)).toBe(text);
  });
});

function hostilePlan(): Plan {
  const plan = tinyPlan();
  const [first, second] = plan.injects;
  if (first) {
    first.title = '=HYPERLINK("http://evil.example","Click for the briefing")';
    first.message = "+cmd|' /C calc'!A0";
    first.notes = "-2+3";
  }
  if (second) second.title = "'=already inert";
  const [e] = plan.injects.flatMap((i) => i.expects);
  if (e) e.action = "@SUM(A1:A9)";
  const [g] = plan.groups;
  if (g) g.name = "=1+1";
  return plan;
}

describe("export --msel", () => {
  it("writes no CSV field that starts like a formula, and imports back the same plan", async () => {
    const plan = hostilePlan();
    const [sheet] = planToMsel(plan, "single-sheet");
    const csv = await sheetToCsv(sheet?.rows ?? []);
    const fields: string[] = parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }).flat();
    expect(fields.filter((f) => FORMULA_START.test(f))).toEqual([]);
    expect(fields).toContain('\'=HYPERLINK("http://evil.example","Click for the briefing")');
    expect(fields).toContain("''=already inert");
    const back = mselToPlan(
      await readWorkbook(Buffer.from(csv), "plan.csv"),
      "plan.csv",
      EMPTY_MAPPING,
    );
    expect(back.plan).toEqual(plan);
  });

  it("writes no xlsx text cell that starts like a formula, and imports back the same plan", async () => {
    const plan = hostilePlan();
    const bytes = await sheetsToXlsx(planToMsel(plan, "workbook"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const ws of book.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string") texts.push(cell.value);
          // A formula cell would carry `formula`: there must be none.
          const value = cell.value as unknown;
          expect(typeof value === "object" && value !== null && "formula" in value).toBe(false);
        }),
      );
    expect(texts.filter((t) => FORMULA_START.test(t))).toEqual([]);
    expect(texts).toContain("'@SUM(A1:A9)");
    const back = mselToPlan(await readWorkbook(bytes, "plan.xlsx"), "plan.xlsx", EMPTY_MAPPING);
    expect(back.plan).toEqual(plan);
  });
});

describe("export --decisions", () => {
  it("writes a participant's =HYPERLINK(...) as inert text, in CSV and xlsx", async () => {
    const plan = tinyPlan();
    const [inject] = plan.injects;
    const [e] = inject?.expects ?? [];
    const wall = "2026-11-24T09:00:00.000Z";
    const events: DrillEvent[] = [
      { wall, seq: 1, t: 0, type: "drill-started", speed: 1 },
      { wall, seq: 2, t: 0, type: "inject-delivered", inject: inject?.id ?? "" },
      {
        wall,
        seq: 3,
        t: 5,
        type: "decision",
        group: e?.group ?? "",
        inject: inject?.id ?? "",
        expectation: e?.id ?? "",
        status: "blocked",
        text: '=HYPERLINK("http://evil.example","details")',
        blocker: { kind: "supplies", text: "@vans" },
      },
    ];
    const [entries] = decisionSheets(plan, events, []);
    const csv = await sheetToCsv(entries.rows);
    const fields: string[] = parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }).flat();
    expect(fields.filter((f) => FORMULA_START.test(f))).toEqual([]);
    expect(fields).toContain('\'=HYPERLINK("http://evil.example","details")');
    expect(fields).toContain("'@vans");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await sheetsToXlsx([entries])) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cells.push(cell.value);
      }),
    );
    expect(cells.filter((t) => FORMULA_START.test(t))).toEqual([]);
  });
});
