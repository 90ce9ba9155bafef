import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allExpectations, type Plan } from "../../src/core/plan.js";
import { InputError } from "../../src/errors.js";
import { parsePlan } from "../../src/plan/load.js";
import { planToYaml } from "../../src/plan/serialize.js";
import type { CellValue, Workbook } from "../../src/sheet/cells.js";
import {
  formatCellWarning,
  renderImportComment,
  renderMapping,
} from "../../src/sheet/import-report.js";
import { EMPTY_MAPPING, parseMapping } from "../../src/sheet/mapping.js";
import { type ImportOptions, type ImportResult, mselToPlan } from "../../src/sheet/msel-to-plan.js";
import { readWorkbook } from "../../src/sheet/read.js";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/msel");

async function importFile(
  path: string,
  mapping = EMPTY_MAPPING,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const book = await readWorkbook(readFileSync(path), path);
  return mselToPlan(book, path, mapping, options);
}

/** What `drill validate` says of the written plan: no error, and the same plan back. */
function expectValid(result: ImportResult): void {
  const yaml = renderImportComment(result.report) + planToYaml(result.plan);
  const { plan, problems } = parsePlan(yaml, "imported.yaml");
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(plan).toEqual(result.plan);
}

const injectTimes = (plan: Plan) => plan.injects.map((i) => [i.id, i.atMinutes]);

describe("importing MSEL fixtures", () => {
  it("reads a Chinese CSV: groups g1.., objectives o1.., 时限 and targets in the text", async () => {
    const { plan, report } = await importFile(join(FIXTURES, "pooled-positive.zh.csv"));
    expectValid({ plan, report });
    expect(plan.lang).toBe("zh");
    expect(plan.groups.map((g) => [g.id, g.name])).toEqual([
      ["g1", "指挥调度组"],
      ["g2", "核酸检测组"],
      ["g3", "流调排查组"],
      ["g4", "封控管控组"],
      ["g5", "转运隔离组"],
    ]);
    expect(plan.objectives.map((o) => [o.id, o.title])).toEqual([
      ["o1", "30 分钟内激活应急指挥体系"],
      ["o2", "4 小时内形成首批密接名单"],
    ]);
    expect(injectTimes(plan)).toEqual([
      ["1", 0],
      ["2", 20],
      ["3", 90],
      ["4", 240],
    ]);
    expect(plan.injects[0]?.to).toEqual(["g1", "g2"]);
    expect(plan.injects.map((i) => i.phase)).toEqual(["预警", "预警", "响应", "处置"]);
    expect(allExpectations(plan).map((e) => [e.id, e.group, e.withinMinutes, e.objective])).toEqual(
      [
        ["E1", "g1", 30, "o1"],
        ["E2", "g3", 60, "o2"],
        ["E3", "g1", 60, "o1"],
        ["E4", "g5", 120, "o2"],
      ],
    );
    // The unknown column is kept, named, in the inject's notes; the notes column as is.
    expect(plan.injects[0]?.notes).toBe("联系人: 区疾控值班室");
    expect(plan.injects[1]?.notes).toBe("夜间开展");
    expect(report.keptAsNotes).toEqual(["联系人"]);
  });

  it("finds a header on row 3 under title rows, skips blank rows, reads phase headings", async () => {
    const { plan, report } = await importFile(join(FIXTURES, "header-row3.csv"));
    expectValid({ plan, report });
    expect(report.headerRow).toBe(3);
    expect(plan.title).toBe("Harbour Flood Exercise 2025");
    // Inject 3's status is Omitted: left out (--keep-status keeps it, below).
    expect(injectTimes(plan)).toEqual([
      ["1", 0],
      ["2", 90],
    ]);
    expect(plan.injects.map((i) => i.phase)).toEqual(["PHASE 1 - WARNING", "PHASE 1 - WARNING"]);
    // The row with only an expected action belongs to the inject above it.
    expect(plan.injects[0]?.expects.map((e) => [e.id, e.group, e.action, e.withinMinutes])).toEqual(
      [
        ["E1", "flood-hq", "Convene the working groups", 30],
        ["E2", "dyke-patrol", "Start hourly dyke patrols", 60],
      ],
    );
    expect(plan.injects[1]?.to).toEqual(["evacuation", "shelters"]);
    expect(report.rows).toBe(6);
    expect(report.rowsUsed).toBe(5);
    expect(report.skipped).toMatchObject({ status: 1 });

    const kept = await importFile(join(FIXTURES, "header-row3.csv"), EMPTY_MAPPING, {
      keepStatus: true,
    });
    expectValid(kept);
    expect(injectTimes(kept.plan)).toEqual([
      ["1", 0],
      ["2", 90],
      ["3", 1665],
    ]);
    expect(kept.plan.injects[2]?.phase).toBe("PHASE 2 - RESPONSE");
    expect(kept.plan.injects[2]?.expects[0]).toMatchObject({ group: "rescue", withinMinutes: 90 });
    expect(kept.plan.injects[2]?.notes).toBe("Status: Omitted\nController: Control 1");
    expect(kept.report.rowsUsed).toBe(6);
  });

  it("reads a Day column and Excel time cells on a sheet that is not the first", async () => {
    const { plan, report } = await importFile(join(FIXTURES, "multi-day.xlsx"));
    expectValid({ plan, report });
    expect(report.sheet).toBe("MSEL");
    expect(report.otherSheets).toEqual(["Cover", "Lookups"]);
    expect(plan.title).toBe("Coastal storm functional exercise");
    expect(plan.scenario).toBe("A category 2 storm makes landfall on the county coast overnight.");
    // Day 1 08:00 is T+0; Day 2 06:00 is 22 hours later.
    expect(injectTimes(plan)).toEqual([
      ["1", 0],
      ["2", 150],
      ["3", 915],
      ["4", 1320],
    ]);
    expect(plan.objectives.map((o) => o.id)).toEqual([
      "operational-coordination",
      "mass-care-services",
      "public-information-and-warning",
      "critical-transportation",
    ]);
    expect(allExpectations(plan).map((e) => e.withinMinutes)).toEqual([60, 180, 60, 120]);
    expect(plan.injects[2]?.to).toEqual(["eoc", "public-works"]);
    expect(plan.injects[0]?.notes).toBe("Method: Email");
  });

  it("fills merged cells down, leaves banners across, and reads Excel date serials", async () => {
    const { plan, report } = await importFile(join(FIXTURES, "merged-serials.xlsx"));
    expectValid({ plan, report });
    expect(report.headerRow).toBe(3);
    expect(plan.title).toBe("Chemical plant leak — tabletop");
    expect(plan.clock.start).toBe("2025-05-10T09:00");
    expect(injectTimes(plan)).toEqual([
      ["1", 0],
      ["2", 20],
      ["3", 125],
    ]);
    expect(plan.injects.map((i) => i.phase)).toEqual(["Warning", "Warning", "Response"]);
    const second = plan.injects[1];
    expect(second?.to).toEqual(["fire-brigade", "education-bureau"]);
    expect(second?.expects.map((e) => [e.group, e.action, e.withinMinutes])).toEqual([
      ["fire-brigade", "Set up a 500 m cordon", 30],
      ["education-bureau", "Evacuate the primary school", 45],
    ]);
  });

  it("prints the mapping it would use, with sample values", async () => {
    const result = await importFile(join(FIXTURES, "header-row3.csv"));
    const text = renderMapping(result.report);
    expect(text).toContain('sheet "header-row3" (header on row 3; 6 row(s) below it)');
    expect(text).toMatch(/B\s+Scenario Time\s+time\s+exact\s+T\+0 · T\+90 · D\+1 H\+3 M\+45/);
    expect(text).toMatch(/K\s+Controller\s+→ notes\s+Control 1 · Control 2/);
  });
});

describe("import errors", () => {
  it("names the columns it found when none is a time or inject column", async () => {
    const error = await importFile(join(FIXTURES, "no-columns.csv")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('found: "Name", "Colour", "Size"');
    expect((error as InputError).hint).toContain("--map");
  });

  it.each([
    ["a PNG named .xlsx", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")],
    ["random bytes", Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256))],
    ["an old .xls", Buffer.from("d0cf11e0a1b11ae1000000", "hex")],
    ["a zip that is no workbook", Buffer.from("504b0304140000000000", "hex")],
  ])("refuses %s, naming the file", async (_what, bytes) => {
    const error = await readWorkbook(bytes, "plan.xlsx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toMatch(/^plan\.xlsx: error: /);
  });

  it("reports a mapping file's mistakes with line and column", () => {
    const error = (() => {
      try {
        return parseMapping("columns:\n  C: tiem\nheader: 0\n", "map.yaml");
      } catch (e) {
        return e;
      }
    })() as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.location.line, p.location.col, p.message])).toEqual([
      [2, 6, "unknown field `tiem` for column `C`"],
      [3, 9, "`header` is a row number (1 = first row) or `none`"],
    ]);
  });

  describe("a time cell that is not a time", () => {
    const book = (name: string, times: CellValue[]): Workbook => ({
      format: "xlsx",
      sheets: [
        {
          name,
          rows: [
            ["No", "Time", "Title", "To", "Expected action"],
            ...times.map((time, i) => [i + 1, time, `Inject ${i + 1}`, "HQ", `Act ${i + 1}`]),
          ],
        },
      ],
      notes: [],
    });

    it("says which cell, and that the row takes the previous row's time", () => {
      const { plan, report } = mselToPlan(
        book("Sheet1", ["T+10", "soon", "T+30"]),
        "msel.xlsx",
        EMPTY_MAPPING,
      );
      expect(plan.injects.map((i) => i.atMinutes)).toEqual([10, 10, 30]);
      expect(report.cellWarnings).toEqual([
        {
          sheet: "Sheet1",
          row: 3,
          column: "B",
          message: `"soon" is not a time; the row takes the previous row's time (T+00:10)`,
          hint: expect.stringContaining("--map"),
        },
      ]);
      expect(report.cellWarnings.map((w) => formatCellWarning(report, w)).join("\n")).toMatch(
        /^msel\.xlsx:Sheet1!B3: warning: "soon" is not a time; .*\n {2}hint: fix the cell /,
      );
      // The plan's heading comment still counts it.
      expect(renderImportComment(report)).toContain(
        "# Check: 1 inject(s) without a time take the time of the row above.",
      );
    });

    it("puts an unreadable first row at T+0 and quotes a sheet name with spaces", () => {
      const { report } = mselToPlan(book("Day 1", ["later", "T+30"]), "msel.xlsx", EMPTY_MAPPING);
      expect(report.cellWarnings.map((w) => [w.row, w.column, w.message])).toEqual([
        [2, "B", `"later" is not a time; the row is put at T+0`],
      ]);
      expect(report.cellWarnings.map((w) => formatCellWarning(report, w)).join("\n")).toMatch(
        /^msel\.xlsx:'Day 1'!B2: warning: /,
      );
    });

    it("names a CSV cell without a sheet, and says nothing of times it can read", async () => {
      const csv = await readWorkbook(
        Buffer.from(
          "No,Time,Title,To\n1,T+0,Start,HQ\n2,,Next,HQ\n3,1h30m,Then,HQ\n4,later,Last,HQ\n",
        ),
        "msel.csv",
      );
      const { report } = mselToPlan(csv, "msel.csv", EMPTY_MAPPING);
      expect(report.cellWarnings.map((w) => formatCellWarning(report, w).split("\n")[0])).toEqual([
        `msel.csv:B5: warning: "later" is not a time; the row takes the previous row's time (T+01:30)`,
      ]);
    });
  });

  it("reads a CSV that is not UTF-8 as GB18030", async () => {
    // "序号,时间,事件\n1,00:30,演练开始\n" in GBK, as Chinese Excel saves CSV.
    const gbk = Buffer.from(
      "d0f2bac52ccab1bce42ccac2bcfe0a312c30303a33302cd1ddc1b7bfaacabc0a",
      "hex",
    );
    const book = await readWorkbook(gbk, "gbk.csv");
    const { plan, report } = mselToPlan(book, "gbk.csv", EMPTY_MAPPING);
    expect(plan.injects[0]).toMatchObject({ atMinutes: 30, title: "演练开始" });
    expect(report.warnings.join("\n")).toContain("GB18030");
  });
});
