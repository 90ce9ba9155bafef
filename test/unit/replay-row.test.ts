// A drill's row, from the review of a small literal drill: what the trend needs (totals,
// outcomes, findings by key), and what re-scoring against a revised plan removes and adds.
import { describe, expect, it } from "vitest";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { drillRow, rescoreDiff } from "../../src/replay/row.js";
import { analyse } from "../../src/review/analyse.js";
import type { Review } from "../../src/review/model.js";
import { expectation, inject } from "../helpers/plans.js";
import { logHeader } from "../helpers/scripted.js";

function plan(): Plan {
  return {
    title: "Pooled positive",
    scenario: "x",
    version: "v2",
    lang: "en",
    clock: { speed: 1 },
    groups: [
      { id: "command", name: "Command", members: [], responsibilities: [] },
      { id: "testing", name: "Testing", members: [], responsibilities: [], capacity: 2 },
    ],
    objectives: [
      { id: "O1", title: "Command activated" },
      { id: "O2", title: "Sampling done" },
    ],
    injects: [
      inject(
        "I1",
        0,
        ["command", "testing"],
        [
          expectation("E1", "I1", "command", 30, { critical: true, objective: "O1" }),
          expectation("E2", "I1", "testing", 120, { objective: "O2" }),
          expectation("E3", "I1", "testing", 60, { objective: "O2" }),
        ],
      ),
      // Needed only if E1 is late: it was not, so E4 does not apply to this drill.
      inject("I2", 100, ["command"], [expectation("E4", "I2", "command", 30)], {
        when: { expectation: "E1", status: ["late"] },
      }),
    ],
  };
}

function events(end = 300): DrillEvent[] {
  const list: NewEvent[] = [
    { type: "drill-started", t: 0, speed: 1 },
    { type: "inject-delivered", t: 0, inject: "I1" },
    { type: "decision", t: 20, group: "command", expectation: "E1", status: "done", text: "on" },
    { type: "note", t: 30, kind: "strength", text: "fast", objective: "O1", rating: "S" },
    { type: "note", t: 40, kind: "strength", text: "fast", objective: "O1", rating: "P" },
    { type: "inject-skipped", t: 100, inject: "I2", reason: "condition" },
    { type: "decision", t: 145, group: "testing", expectation: "E2", status: "done", text: "ok" },
    { type: "drill-ended", t: end, reason: "script" },
  ];
  return list
    .filter((e) => e.t <= end)
    .map(
      (e, i) =>
        ({
          ...e,
          seq: i + 1,
          wall: new Date(Date.UTC(2026, 10, 24, 1) + e.t * 60_000).toISOString(),
        }) as DrillEvent,
    );
}

function review(p = plan(), list = events()): Review {
  const header = { ...logHeader(plan(), "2026-11-24T01:00:00.000Z"), timeZone: "+08:00" };
  return analyse(p, header, list, { lang: "en", tool: "drillbook test" });
}

describe("drillRow", () => {
  it("keeps each expectation's outcome and time, the totals, and counts per group", () => {
    const row = drillRow(review(), { file: "logs/a.jsonl" });
    expect(row.counts).toMatchObject({ "on-time": 1, late: 1, missed: 1, "not-reached": 1 });
    // E2: due 120, done 145: 25 late. Three actions fell due, one on time.
    expect(row.totals).toEqual({
      minutesLate: 25,
      due: 3,
      onTime: 1,
      onTimeShare: 0.33,
      missed: 1,
      blocked: 0,
    });
    expect(
      row.expectations.map((e) => [e.id, e.status, e.latencyMinutes, e.minutesLate, e.openMinutes]),
    ).toEqual([
      ["E1", "on-time", 20, 0, undefined],
      ["E2", "late", 145, 25, undefined],
      // Never done: left open from delivery (T+0) to the end (T+05:00).
      ["E3", "missed", undefined, 0, 300],
      ["E4", "not-reached", undefined, 0, undefined],
    ]);
    // E4 was never needed: command's one action that fell due was on time.
    expect(
      row.groups.map((g) => [g.id, g.expectations, g.due, g.counts["on-time"], g.minutesLate]),
    ).toEqual([
      ["command", 2, 1, 1, 0],
      ["testing", 2, 2, 0, 25],
    ]);
    expect([row.partial, row.planMinutes, row.timeZone]).toEqual([false, 130, "+08:00"]);
    expect(row.plan).toMatchObject({ version: "v2", sha256: "0".repeat(64), file: "plan.yaml" });
    expect(row.objectives).toEqual([
      { id: "O1", title: "Command activated", rating: "P", evaluator: "P" },
      { id: "O2", title: "Sampling done", rating: "M" },
    ]);
  });

  it("keeps every finding by key and rank, with the actions it is about and its wording", () => {
    const row = drillRow(review(), { file: "a.jsonl" });
    expect(
      row.findings.map((f) => [f.rank, f.key, f.category, f.minutesLost, f.expectations]),
    ).toEqual([
      [1, "missed:E3", "gap", undefined, ["E3"]],
      [2, "own-delay:testing", "bottleneck", 25, ["E2"]],
    ]);
    // Worded as the drill's own report words it, names and all.
    expect(row.findings[1]?.text).toContain("Testing");
    expect(row.findings[0]?.text).toContain("E3");
  });

  it("marks a drill ended before its plan was played as partial", () => {
    const row = drillRow(review(plan(), events(50)), { file: "a.jsonl" });
    expect(row.partial).toBe(true);
  });

  it("with a revised plan, keeps the drill's own plan and only what the revision touches", () => {
    const own = review();
    const revisedPlan = plan();
    const i1 = revisedPlan.injects[0];
    if (!i1) throw new Error("plan shape");
    i1.expects = [
      ...i1.expects.map((e) => (e.id === "E2" ? { ...e, withinMinutes: 180 } : e)),
      expectation("E5", "I1", "logistics", 30),
    ];
    revisedPlan.groups.push({
      id: "logistics",
      name: "Logistics",
      members: [],
      responsibilities: [],
    });
    const revised = {
      ...review(revisedPlan),
      drill: {
        ...review(revisedPlan).drill,
        rescoredWith: { file: "revised.yaml", sha256: "b".repeat(64), version: "v3" },
      },
    };
    const row = drillRow(revised, { file: "a.jsonl", own });
    // E2's target moved: its lateness goes. E5 and Logistics are only in the revision: not in
    // the drill, so no "missed" or "silent" finding is added for them.
    expect(row.rescore).toEqual({ removed: ["own-delay:testing"], added: [] });
    expect(row.expectations.find((e) => e.id === "E5")?.status).toBe("not-in-drill");
    expect(row.scoredWith).toEqual({ file: "revised.yaml", sha256: "b".repeat(64), version: "v3" });
    // The plan the drill was run with, not the revised one.
    expect(row.plan.expectations.map((e) => [e.id, e.targetMinutes])).toEqual([
      ["E1", 30],
      ["E2", 120],
      ["E3", 60],
      ["E4", 30],
    ]);
  });

  it("credits a revision only with findings whose evidence it touches", () => {
    const a = review();
    expect(rescoreDiff(a, a)).toEqual({ removed: [], added: [] });
    // The same plan, the findings gone: nothing in the plan changed, so nothing is credited.
    expect(rescoreDiff(a, { ...a, bottlenecks: [], gaps: [] })).toEqual({ removed: [], added: [] });
  });
});
