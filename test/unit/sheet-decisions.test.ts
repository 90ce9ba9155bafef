import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DrillEvent } from "../../src/core/events.js";
import { decisionSheets, expectationResults } from "../../src/sheet/decisions.js";
import { tinyPlan } from "../helpers/plans.js";

const base = { wall: "2026-11-24T09:00:00.000Z" };

describe("decisions export", () => {
  const plan = tinyPlan();
  const [first] = plan.injects;
  const [e1] = plan.injects.flatMap((i) => i.expects);
  const events: DrillEvent[] = [
    { ...base, seq: 1, t: 0, type: "drill-started", speed: 1 },
    { ...base, seq: 2, t: 0, type: "inject-delivered", inject: first?.id ?? "" },
    {
      ...base,
      seq: 3,
      t: 10,
      type: "decision",
      group: e1?.group ?? "",
      inject: first?.id ?? "",
      expectation: e1?.id ?? "",
      status: "blocked",
      text: "no vehicles",
      blocker: { kind: "supplies", text: "both vans in use" },
    },
    { ...base, seq: 4, t: 12, type: "note", kind: "improvement", text: "call list out of date" },
    {
      ...base,
      seq: 5,
      t: 200,
      type: "decision",
      group: e1?.group ?? "",
      expectation: e1?.id ?? "",
      status: "done",
      text: "vans found",
    },
    { ...base, seq: 6, t: 300, type: "drill-ended", reason: "facilitator" },
  ];

  it("lists every decision and note with times, group, inject, status and blocker", () => {
    const [entries] = decisionSheets(plan, events);
    expect(entries.rows).toHaveLength(4);
    const group = plan.groups.find((g) => g.id === e1?.group)?.name;
    expect(entries.rows[1]).toEqual([
      3,
      "T+00:10",
      base.wall,
      "decision",
      group,
      first?.id,
      first?.title,
      e1?.id,
      e1?.action,
      "blocked",
      "supplies",
      "both vans in use",
      "no vehicles",
      null,
      null,
    ]);
    expect(entries.rows[2]?.slice(0, 4)).toEqual([4, "T+00:12", base.wall, "note"]);
    expect(entries.rows[2]?.[9]).toBe("area for improvement");
    // A decision naming only its expectation still shows the inject.
    expect(entries.rows[3]?.[5]).toBe(first?.id);
  });

  it("gives each expectation's outcome at the end of the log", () => {
    const results = expectationResults(plan, events);
    // E1 (30 min target) done at T+200: late; E2 delivered and never done: missed; E3 not reached.
    expect(results.find((r) => r.id === "E1")).toMatchObject({
      deliveredAt: 0,
      deadline: 30,
      doneAt: 200,
      latencyMinutes: 200,
      status: "late",
      decisions: 2,
    });
    expect(results.find((r) => r.id === "E2")?.status).toBe("missed");
    expect(results.find((r) => r.id === "E3")?.status).toBe("not-reached");
    const [, sheet] = decisionSheets(plan, events);
    expect(sheet.rows).toHaveLength(results.length + 1);
  });

  it("speaks Chinese for a Chinese plan", () => {
    const path = resolve(import.meta.dirname, "../../examples/pooled-positive.zh.jsonl");
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const [header, ...rest] = lines;
    const [entries, results] = decisionSheets(header.plan, rest as DrillEvent[]);
    expect(entries.name).toBe("决策与记录");
    expect(entries.rows[0]?.slice(0, 4)).toEqual(["序号", "情景时间", "实际时间", "类型"]);
    expect(entries.rows.slice(1).some((row) => row[9] === "受阻")).toBe(true);
    expect(results.name).toBe("完成情况");
  });
});
