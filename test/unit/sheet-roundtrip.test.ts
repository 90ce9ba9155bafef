import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { parsePlan } from "../../src/plan/load.js";
import { EMPTY_MAPPING } from "../../src/sheet/mapping.js";
import { mselToPlan } from "../../src/sheet/msel-to-plan.js";
import { planToMsel } from "../../src/sheet/plan-to-msel.js";
import { readWorkbook } from "../../src/sheet/read.js";
import { sheetsToXlsx, sheetToCsv } from "../../src/sheet/write.js";
import { tinyPlan } from "../helpers/plans.js";

const EXAMPLES = resolve(import.meta.dirname, "../../examples");
// Plans only: the decision scripts beside them are another format.
const examples = readdirSync(EXAMPLES).filter(
  (name) => name.endsWith(".yaml") && !name.endsWith(".script.yaml"),
);

function loadExample(name: string): Plan {
  const { plan, problems } = parsePlan(readFileSync(join(EXAMPLES, name), "utf8"), name);
  if (!plan) throw new Error(`${name}: ${problems.map((p) => p.message).join("; ")}`);
  return plan;
}

async function viaXlsx(plan: Plan): Promise<Plan> {
  const bytes = await sheetsToXlsx(planToMsel(plan, "workbook"));
  return mselToPlan(await readWorkbook(bytes, "plan.xlsx"), "plan.xlsx", EMPTY_MAPPING).plan;
}

async function viaCsv(plan: Plan): Promise<Plan> {
  const [sheet] = planToMsel(plan, "single-sheet");
  const text = await sheetToCsv(sheet?.rows ?? []);
  const book = await readWorkbook(Buffer.from(text, "utf8"), "plan.csv");
  return mselToPlan(book, "plan.csv", EMPTY_MAPPING).plan;
}

describe("plan → MSEL → plan", () => {
  it("has example plans to try", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("%s comes back identical through xlsx", async (name) => {
    const plan = loadExample(name);
    expect(await viaXlsx(plan)).toEqual(plan);
  });

  it.each(examples)("%s comes back identical through CSV", async (name) => {
    const plan = loadExample(name);
    expect(await viaCsv(plan)).toEqual(plan);
  });

  it("keeps odd plans: ids that are numbers, fractional minutes, clashing names, no objectives", async () => {
    const plan = tinyPlan();
    plan.objectives = [];
    for (const e of plan.injects.flatMap((i) => i.expects)) delete e.objective;
    const [a, b] = plan.groups;
    if (a && b) b.name = a.name; // two groups of one name are written by id
    const first = plan.injects[0];
    if (first) {
      first.id = "7";
      first.atMinutes = 0;
      for (const e of first.expects) e.inject = "7";
      first.notes = "line one\nline two, with a comma";
    }
    const last = plan.injects.at(-1);
    if (last) last.atMinutes = 1530.5;
    expect(await viaXlsx(plan)).toEqual(plan);
    expect(await viaCsv(plan)).toEqual(plan);
  });

  it("keeps a group's aliases and an inject addressed to no group", async () => {
    const plan = tinyPlan();
    const [a] = plan.groups;
    if (a) a.aliases = ["Cmd-1", "COMMAND ONE"];
    // I4: its expectation is nobody's hand-off or condition.
    const quiet = plan.injects[3];
    if (quiet) {
      quiet.to = [];
      quiet.expects = [];
    }
    expect(await viaXlsx(plan)).toEqual(plan);
    expect(await viaCsv(plan)).toEqual(plan);
  });

  it("writes Chinese headings for a Chinese plan, and a UTF-8 BOM in CSV", async () => {
    const plan = loadExample("pooled-positive.zh.yaml");
    const [sheet] = planToMsel(plan, "single-sheet");
    expect(sheet?.rows[7]?.slice(0, 4)).toEqual(["编号", "情景时间 (T+)", "阶段", "标题"]);
    const text = await sheetToCsv(sheet?.rows ?? []);
    expect(text.startsWith("\uFEFF演练名称,")).toBe(true);
  });

  it("merges an inject's cells over its expected actions in xlsx", () => {
    const plan = loadExample("pooled-positive.en.yaml");
    const [msel] = planToMsel(plan, "workbook");
    const first = plan.injects[0];
    // I1 has two expected actions: its eight inject columns span both rows.
    expect(msel?.merges.filter(([top]) => top === 8)).toHaveLength(8);
    expect(first?.expects).toHaveLength(2);
  });
});
