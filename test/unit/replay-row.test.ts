// A drill's row, from literal Review data: what the trend needs, and what re-scoring against a
// revised plan removes and adds.
import { describe, expect, it } from "vitest";
import { drillRow, rescoreDiff } from "../../src/replay/row.js";
import type { ExpectationResult, Review } from "../../src/review/model.js";

function expectation(
  id: string,
  group: string,
  status: ExpectationResult["status"],
  target: number,
  latency?: number,
): ExpectationResult {
  return {
    id,
    inject: "I1",
    group,
    action: `action ${id}`,
    critical: id === "E1",
    status,
    targetMinutes: target,
    ...(latency !== undefined ? { latencyMinutes: latency } : {}),
    minutesLate: latency !== undefined ? Math.max(0, latency - target) : 0,
    decisionCount: 1,
    decisions: [],
  };
}

function review(overrides: Partial<Review> = {}): Review {
  return {
    format: "drillbook-review/1",
    tool: "drillbook test",
    lang: "en",
    drill: {
      title: "Pooled positive",
      planVersion: "v2",
      planSha256: "a".repeat(64),
      planFile: "plan.yaml",
      loggedBy: "drillbook test",
      clock: "virtual",
      startedAt: "2026-11-24T01:00:00.000Z",
      timeZone: "+08:00",
      ended: true,
      realMinutes: 100,
      scenarioMinutes: 600,
      lastSeq: 40,
      groups: [
        { id: "command", name: "Command", decisions: 3 },
        { id: "testing", name: "Testing", capacity: 2, decisions: 4 },
      ],
      injectsDelivered: 1,
      injectsSkipped: 0,
      injectsNotReached: 0,
      decisions: 7,
      improvised: 1,
      notes: 2,
      events: 40,
    },
    injects: [],
    expectations: [
      expectation("E1", "command", "on-time", 30, 20),
      expectation("E2", "testing", "late", 120, 145),
      expectation("E3", "testing", "missed", 60),
    ],
    bottlenecks: [
      {
        key: "late-group:testing",
        kind: "late-group",
        group: "testing",
        minutesLost: 25,
        count: 1,
        evidence: { expectations: ["E2"] },
      },
      {
        key: "handoff-wait:E3<-E2",
        kind: "handoff-wait",
        group: "testing",
        minutesLost: 25,
        waitingExpectation: "E3",
        waitingGroup: "testing",
        waitedOn: "E2",
        waitMinutes: 145,
        evidence: {},
      },
    ],
    gaps: [
      {
        key: "expectation-missed:E3",
        kind: "expectation-missed",
        group: "testing",
        status: "missed",
        evidence: { expectations: ["E3"], from: 60 },
      },
      {
        key: "resource:people",
        kind: "resource",
        blockerKind: "people",
        count: 2,
        evidence: { groups: ["testing"] },
      },
    ],
    objectives: [
      {
        id: "O1",
        title: "Command activated",
        rating: "P",
        reason: "all-on-time",
        basis: [],
        expectations: ["E1"],
        evaluatorRatings: ["S", "P"],
        disagreement: false,
      },
    ],
    observations: [],
    hotwash: [],
    improvementPlan: [],
    unmatchedCount: 0,
    unmatched: [],
    ...overrides,
  };
}

describe("drillRow", () => {
  it("keeps each expectation's outcome and time, and counts them per group", () => {
    const row = drillRow(review(), { file: "logs/a.jsonl" });
    expect(row.counts).toEqual({
      "on-time": 1,
      late: 1,
      missed: 1,
      blocked: 0,
      "not-reached": 0,
      open: 0,
    });
    expect(row.expectations.map((e) => [e.id, e.status, e.latencyMinutes, e.minutesLate])).toEqual([
      ["E1", "on-time", 20, 0],
      ["E2", "late", 145, 25],
      ["E3", "missed", undefined, 0],
    ]);
    expect(row.groups).toEqual([
      {
        id: "command",
        name: "Command",
        expectations: 1,
        counts: { "on-time": 1, late: 0, missed: 0, blocked: 0, "not-reached": 0, open: 0 },
        minutesLate: 0,
        decisions: 3,
      },
      {
        id: "testing",
        name: "Testing",
        expectations: 2,
        counts: { "on-time": 0, late: 1, missed: 1, blocked: 0, "not-reached": 0, open: 0 },
        minutesLate: 25,
        decisions: 4,
      },
    ]);
    expect(row.timeZone).toBe("+08:00");
    expect(row.plan).toMatchObject({ version: "v2", sha256: "a".repeat(64), file: "plan.yaml" });
    expect(row.objectives).toEqual([
      { id: "O1", title: "Command activated", rating: "P", evaluator: "P" },
    ]);
  });

  it("keeps every finding by key, with the expected actions it is about and its wording", () => {
    const row = drillRow(review(), { file: "a.jsonl" });
    expect(row.findings.map((f) => [f.key, f.category, f.expectations])).toEqual([
      ["late-group:testing", "bottleneck", undefined],
      ["handoff-wait:E3<-E2", "bottleneck", ["E3", "E2"]],
      ["expectation-missed:E3", "gap", ["E3"]],
      ["resource:people", "gap", undefined],
    ]);
    // Worded as the drill's own report words it, names and all.
    expect(row.findings[0]?.text).toContain("Testing");
    expect(row.findings[2]?.text).toContain("E3");
  });

  it("with a revised plan, keeps the drill's own plan and what the revision changes", () => {
    const own = review();
    const revised = review({
      drill: {
        ...own.drill,
        rescoredWith: { file: "revised.yaml", sha256: "b".repeat(64), version: "v3" },
      },
      expectations: [
        expectation("E1", "command", "on-time", 30, 20),
        expectation("E2", "testing", "on-time", 180, 145),
        expectation("E3", "testing", "missed", 60),
        expectation("E4", "command", "missed", 60),
      ],
      bottlenecks: [],
      gaps: [
        ...own.gaps,
        {
          key: "expectation-missed:E4",
          kind: "expectation-missed",
          group: "command",
          status: "missed",
          evidence: { expectations: ["E4"] },
        },
      ],
    });
    const row = drillRow(revised, { file: "a.jsonl", own });
    expect(row.rescore).toEqual({
      removed: ["late-group:testing", "handoff-wait:E3<-E2"],
      added: ["expectation-missed:E4"],
    });
    expect(row.scoredWith).toEqual({ file: "revised.yaml", sha256: "b".repeat(64), version: "v3" });
    // The plan the drill was run with, not the revised one.
    expect(row.plan.expectations.map((e) => [e.id, e.targetMinutes])).toEqual([
      ["E1", 30],
      ["E2", 120],
      ["E3", 60],
    ]);
    expect(row.expectations.map((e) => e.id)).toEqual(["E1", "E2", "E3", "E4"]);
  });

  it("rescoreDiff compares finding keys only", () => {
    const a = review();
    expect(rescoreDiff(a, a)).toEqual({ removed: [], added: [] });
    expect(rescoreDiff(a, { bottlenecks: [], gaps: [] })).toEqual({
      removed: [
        "late-group:testing",
        "handoff-wait:E3<-E2",
        "expectation-missed:E3",
        "resource:people",
      ],
      added: [],
    });
  });
});
