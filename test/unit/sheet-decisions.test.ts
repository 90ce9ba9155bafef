import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type DrillEvent, LOG_FORMAT, type LogHeader } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { analyse } from "../../src/review/analyse.js";
import { decisionSheets } from "../../src/sheet/decisions.js";
import { tinyPlan } from "../helpers/plans.js";

const base = { wall: "2026-11-24T09:00:00.000Z" };

function header(plan: Plan): LogHeader {
  return {
    seq: 0,
    type: "header",
    format: LOG_FORMAT,
    wall: base.wall,
    t: 0,
    tool: "drillbook test",
    startedAt: base.wall,
    plan,
    planSha256: "0".repeat(64),
    planSource: "",
    clock: "virtual",
  };
}

/** The sheets as `drill export --decisions` makes them: results from the review. */
function sheets(plan: Plan, events: DrillEvent[]) {
  const review = analyse(plan, header(plan), events, { lang: plan.lang, tool: "drillbook test" });
  return { review, sheets: decisionSheets(plan, events, review.expectations) };
}

/** The results sheet as objects keyed by its headings. */
function resultRows(sheet: { rows: unknown[][] }) {
  const [headings, ...rows] = sheet.rows;
  return rows.map((row) =>
    Object.fromEntries((headings ?? []).map((heading, i) => [String(heading), row[i]])),
  );
}

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
    const [entries] = sheets(plan, events).sheets;
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

  it("gives each expectation's outcome as the review decides it, in the review's words", () => {
    const {
      review,
      sheets: [, sheet],
    } = sheets(plan, events);
    const rows = resultRows(sheet);
    expect(rows).toHaveLength(review.expectations.length);
    // E1 (30 min target) done at T+200: late; E2 delivered and never done: missed; E3 not reached.
    expect(rows.find((r) => r.Expectation === "E1")).toMatchObject({
      Delivered: "T+00:00",
      Deadline: "T+00:30",
      Done: "T+03:20",
      Took: "3h20m",
      Target: "30m",
      Status: "late",
      Decisions: 2,
      Critical: "yes",
    });
    expect(rows.find((r) => r.Expectation === "E2")?.Status).toBe("missed");
    expect(rows.find((r) => r.Expectation === "E3")?.Status).toBe("not reached");
  });

  it("calls an action the drill ended before its deadline open, as the review does", () => {
    // Ended at T+15: E2 (due T+60) was still in time; the review says open at the end.
    const short: DrillEvent[] = [
      ...events.slice(0, 2),
      { ...base, seq: 3, t: 15, type: "drill-ended", reason: "facilitator" },
    ];
    const {
      review,
      sheets: [, sheet],
    } = sheets(plan, short);
    expect(review.expectations.find((e) => e.id === "E2")?.status).toBe("open");
    const rows = resultRows(sheet);
    expect(rows.find((r) => r.Expectation === "E2")?.Status).toBe("open at the end");
    expect(rows.map((r) => [r.Expectation, r.Status])).toEqual([
      ["E1", "open at the end"],
      ["E2", "open at the end"],
      ["E3", "not reached"],
      ["E4", "not reached"],
      ["E5", "not reached"],
    ]);
  });

  it("speaks Chinese for a Chinese plan", () => {
    const path = resolve(import.meta.dirname, "../../examples/pooled-positive.zh.jsonl");
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const [first, ...rest] = lines;
    const [entries, results] = sheets(first.plan, rest as DrillEvent[]).sheets;
    expect(entries.name).toBe("决策与记录");
    expect(entries.rows[0]?.slice(0, 4)).toEqual(["序号", "情景时间", "实际时间", "类型"]);
    expect(entries.rows.slice(1).some((row) => row[9] === "受阻")).toBe(true);
    expect(results.name).toBe("完成情况");
    // The review's Chinese words for an outcome.
    const statuses = new Set(resultRows(results).map((r) => r.状态));
    expect(
      [...statuses].every((w) =>
        ["按时", "超时", "未完成", "受阻", "未触发", "结束时未到时限"].includes(String(w)),
      ),
    ).toBe(true);
  });
});
