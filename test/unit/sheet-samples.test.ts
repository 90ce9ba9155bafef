// The public sample MSELs (../shared/samples) import into plans that validate, with the
// counts below. They changed on purpose when the importer learnt to leave out rows whose
// status is Omitted, Deleted or Deferred, to expand "All" to every group rather than make a
// group of it, to read placeholders (`???`) as empty cells, and to merge spellings of one
// group: each difference is named where it is asserted.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { parsePlan } from "../../src/plan/load.js";
import { planToYaml } from "../../src/plan/serialize.js";
import { renderImportComment } from "../../src/sheet/import-report.js";
import { type ColumnMapping, EMPTY_MAPPING, parseMapping } from "../../src/sheet/mapping.js";
import { type ImportResult, mselToPlan } from "../../src/sheet/msel-to-plan.js";
import { loadWorkbook } from "../../src/sheet/read.js";
import { fileSource } from "../../src/sheet/source.js";
import { samplesDir } from "../helpers/samples.js";

const SAMPLES = samplesDir();
const FIXTURES = resolve(import.meta.dirname, "../fixtures/msel");

async function importSample(path: string, mapping: ColumnMapping = EMPTY_MAPPING) {
  const file = join(SAMPLES as string, path);
  return mselToPlan(await loadWorkbook(fileSource(file), file, mapping), file, mapping);
}

function validates({ plan, report }: ImportResult): string[] {
  const { plan: parsed, problems } = parsePlan(renderImportComment(report) + planToYaml(plan), "x");
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(parsed).toEqual(plan);
  return problems.map((p) => p.message);
}

function span(plan: Plan): number {
  const times = plan.injects.map((i) => i.atMinutes);
  return Math.max(...times) - Math.min(...times);
}

const counts = (result: ImportResult) => ({
  sheet: result.report.sheet,
  rows: result.report.rows,
  injects: result.plan.injects.length,
  actions: result.report.expectations,
  groups: result.plan.groups.length,
  span: span(result.plan),
  merged: result.report.merged,
  skipped: result.report.skipped,
});

describe.skipIf(SAMPLES === undefined)("public sample MSELs", () => {
  it("IMT trailer: 49 injects; All Participants is every group, not one of its own", async () => {
    const result = await importSample("msel-cadence/IMT_Trailer_MSEL_Cadence_Import.xlsx");
    validates(result);
    // Before: 4 groups (All Participants among them) and 45 actions, each for one group.
    expect(counts(result)).toEqual({
      sheet: "MSEL",
      rows: 49,
      injects: 49,
      actions: 51,
      groups: 3,
      span: 450,
      merged: 0,
      skipped: { header: 1 },
    });
    expect(result.plan.groups.map((g) => g.name)).toEqual([
      "IMT Staff",
      "IMT Trailer",
      "All Field Personnel",
    ]);
  });

  it("NFL draft: 30 injects, 12 groups, targets read from the action text", async () => {
    const result = await importSample("msel-cadence/NFL_Draft_MSEL_Cadence_Import.xlsx");
    validates(result);
    expect(counts(result)).toEqual({
      sheet: "MSEL",
      rows: 30,
      injects: 30,
      actions: 30,
      groups: 12,
      span: 570,
      merged: 0,
      skipped: { header: 1 },
    });
  });

  it("winter exercise: no time column, so validate warns that every inject is at T+0", async () => {
    const result = await importSample("msel-cadence/Winter exercise MSEL.xlsx");
    const messages = validates(result);
    // Before: a group "Unassigned" for the STARTEX row, which names no recipient.
    expect(counts(result)).toEqual({
      sheet: "Sheet1",
      rows: 83,
      injects: 78,
      actions: 82,
      groups: 2,
      span: 0,
      merged: 5,
      skipped: { header: 1 },
    });
    expect(result.plan.injects.filter((i) => i.to.length === 0).map((i) => i.title)).toEqual([
      "STARTEX",
    ]);
    expect(messages).toContain(
      "78 of 78 injects are at T+00:00: the times look as if they were not read",
    );
  });

  it("Roaring Winds: the main sheet of six, 40 rows left out for their status, spellings merged", async () => {
    const result = await importSample("msel-cadence/roaringwinds2010msel.xlsx");
    validates(result);
    // Before: 239 injects over 6.5 days, Omitted rows among them, 34 groups.
    expect(counts(result)).toEqual({
      sheet: "Excercise - Al ",
      rows: 244,
      injects: 199,
      actions: 24,
      groups: 24,
      span: 7920,
      merged: 0,
      skipped: { header: 1, status: 40, blank: 259, "below-table": 5 },
    });
    const ranked = result.report.ranking.map((r) => [r.name, r.chosen]);
    expect(ranked.filter(([, chosen]) => chosen)).toEqual([["Excercise - Al ", true]]);
    expect(result.report.groupMerges.map((m) => [m.name, m.aliases])).toEqual([
      ["J-4", ["J4", "JOC J-4", "JOC J4"]],
      ["MSG CTR", ["JOC MSG CTR"]],
      ["J3", ["J-3"]],
      ["JTF-S", ["JTF South", "JTF-South"]],
    ]);
    const statuses = result.report.rowRuns.flatMap((r) =>
      r.fate === "skipped" && r.reason === "status" ? r.details : [],
    );
    expect(new Set(statuses)).toEqual(new Set(["Omitted", "Deferred", "Deleted"]));
  });

  it.each([
    ["test_file_1.xlsx", { injects: 2, span: 43200 }],
    ["test_file_3.xlsx", { injects: 4, span: 2880 }],
    ["test_file_5.xlsx", { injects: 4, span: 5760 }],
  ])("OpenBAS %s: the ??? row is a placeholder, not an inject", async (name, expected) => {
    const result = await importSample(`openbas-xls-import/${name}`);
    validates(result);
    // Before: one inject more, titled "???", and a group "Unassigned".
    expect(result.plan.injects.length).toBe(expected.injects);
    expect(span(result.plan)).toBe(expected.span);
    expect(result.report.skipped).toEqual({ placeholder: 1 });
    expect(result.plan.groups.map((g) => g.id)).toEqual(["players"]);
  });

  it("OpenBAS test_file_5 with the column mapping: times, teams and expectations", async () => {
    const mapping = parseMapping(
      readFileSync(join(FIXTURES, "openbas.map.yaml"), "utf8"),
      "openbas.map.yaml",
    );
    const result = await importSample("openbas-xls-import/test_file_5.xlsx", mapping);
    validates(result);
    expect(result.report.headerRow).toBeUndefined();
    // J-1 is the earliest; J+1 H+2 M-5 is two days, 1 h 55 min later; J+2 (???) left out.
    expect(result.plan.injects.map((i) => [i.id, i.atMinutes, i.to])).toEqual([
      ["I1", 0, ["team2"]],
      ["I2", 1440, ["team1"]],
      ["I3", 2995, ["team2"]],
      ["I4", 5760, []],
    ]);
    expect(result.plan.injects[1]).toMatchObject({ title: "message1", message: "message1" });
    expect(result.plan.injects[1]?.notes).toBe("B: Send an SMS\nG: description");
    expect(result.plan.injects[3]?.notes).toBe(
      "B: Send another mail\nExpected action (no group named): expectation done",
    );
    expect(result.plan.injects.flatMap((i) => i.expects).map((e) => e.withinMinutes)).toEqual([
      30, 30, 30,
    ]);
  });
});
