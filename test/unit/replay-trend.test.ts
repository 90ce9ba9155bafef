// Drills compared over time, on literal rows: recurring, new, fixed and dropped findings,
// per-expectation and per-group records, rating trends and where the plans differ.
import { describe, expect, it } from "vitest";
import type { Rating } from "../../src/core/events.js";
import { type DrillRow, DUE, emptyCounts, type PlanExpectation } from "../../src/replay/row.js";
import {
  compareDrills,
  createTrend,
  diffPlans,
  drillChanges,
  headline,
  trendOf,
} from "../../src/replay/trend.js";
import type { ExpectationOutcome } from "../../src/review/model.js";

type Cell = [id: string, status: ExpectationOutcome, latency?: number];

const PLAN_A: PlanExpectation[] = [
  { id: "E1", inject: "I1", group: "command", targetMinutes: 30, critical: true },
  { id: "E2", inject: "I1", group: "testing", targetMinutes: 120, critical: false },
  { id: "E3", inject: "I2", group: "tracing", targetMinutes: 240, critical: true },
];
// Revision B: E2's target relaxed, E3 removed, E4 added.
const PLAN_B: PlanExpectation[] = [
  { id: "E1", inject: "I1", group: "command", targetMinutes: 30, critical: true },
  { id: "E2", inject: "I1", group: "testing", targetMinutes: 180, critical: false },
  { id: "E4", inject: "I2", group: "tracing", targetMinutes: 60, critical: false },
];

function row(
  file: string,
  startedAt: string,
  options: {
    findings: string[];
    cells?: Cell[];
    plan?: "A" | "B";
    ratings?: Record<string, Rating | "-">;
    evaluators?: Record<string, Rating>;
    rescore?: { removed: string[]; added: string[] };
    partial?: boolean;
  },
): DrillRow {
  const planExpectations = options.plan === "B" ? PLAN_B : PLAN_A;
  const byId = new Map(planExpectations.map((e) => [e.id, e]));
  const cells = options.cells ?? planExpectations.map((e): Cell => [e.id, "on-time", 10]);
  const counts = emptyCounts();
  for (const [, status] of cells) counts[status]++;
  const expectations = cells.map(([id, status, latency]) => {
    const spec = byId.get(id) ?? { inject: "I9", group: "command", targetMinutes: 60 };
    return {
      id,
      inject: spec.inject,
      group: spec.group,
      action: `action ${id}`,
      critical: id === "E1",
      status,
      targetMinutes: spec.targetMinutes,
      ...(latency !== undefined ? { latencyMinutes: latency } : {}),
      minutesLate: latency !== undefined ? Math.max(0, latency - spec.targetMinutes) : 0,
    };
  });
  const due = counts["on-time"] + counts.late + counts.missed + counts.blocked;
  const e2 = cells.find(([id]) => id === "E2");
  const testing = emptyCounts();
  if (e2) testing[e2[1]]++;
  return {
    format: "drillbook-replay-drill/2",
    file,
    title: "Drill",
    lang: "en",
    startedAt,
    ended: true,
    partial: options.partial ?? false,
    realMinutes: 60,
    scenarioMinutes: 600,
    planMinutes: 600,
    events: 50,
    decisions: 30,
    improvised: 0,
    plan: {
      version: options.plan ?? "A",
      sha256: (options.plan ?? "A").repeat(64),
      expectations: planExpectations,
    },
    ...(options.rescore
      ? { scoredWith: { sha256: "c".repeat(64), version: "C" }, rescore: options.rescore }
      : {}),
    counts,
    totals: {
      minutesLate: expectations.reduce((sum, e) => sum + e.minutesLate, 0),
      due,
      onTime: counts["on-time"],
      onTimeShare: due > 0 ? Math.round((counts["on-time"] / due) * 100) / 100 : null,
      missed: counts.missed,
      blocked: counts.blocked,
    },
    expectations,
    groups: [
      {
        id: "testing",
        name: "Testing",
        expectations: e2 ? 1 : 0,
        due: e2 && DUE.has(e2[1]) ? 1 : 0,
        counts: testing,
        minutesLate: 0,
        decisions: 3,
      },
    ],
    findings: options.findings.map((key, i) => {
      const about = /^missed:(E\d+)$/.exec(key)?.[1];
      const minutes = key.startsWith("own-delay") ? 20 : 0;
      return {
        key,
        category: minutes > 0 ? "bottleneck" : "gap",
        kind: key.startsWith("own-delay")
          ? "own-delay"
          : key.startsWith("blocker")
            ? "blocker"
            : "expectation-missed",
        rank: i + 1,
        ...(minutes > 0 ? { minutesLost: minutes } : {}),
        ...(about ? { expectations: [about] } : {}),
        text: `${key} in ${file}`,
      };
    }),
    objectives: Object.entries(options.ratings ?? { O1: "S" as const }).map(([id, rating]) => ({
      id,
      title: `objective ${id}`,
      rating,
      ...(options.evaluators?.[id] !== undefined ? { evaluator: options.evaluators[id] } : {}),
    })),
  };
}

describe("the findings across drills", () => {
  const rows = [
    row("a.jsonl", "2026-01-05T01:00:00Z", {
      findings: ["own-delay:testing", "blocker:people", "missed:E3"],
    }),
    row("b.jsonl", "2026-01-12T01:00:00Z", {
      findings: ["own-delay:testing", "blocker:people"],
    }),
    row("c.jsonl", "2026-01-19T01:00:00Z", {
      findings: ["own-delay:testing", "blocker:supplies"],
    }),
  ];

  it("sorts each finding by where it stands in the latest drill", () => {
    const trend = trendOf(rows);
    expect(
      trend.findings.map((f) => [f.key, f.status, f.drills, f.first, f.last, f.streak]),
    ).toEqual([
      ["own-delay:testing", "recurring", 3, 1, 3, 3],
      ["blocker:supplies", "new", 1, 3, 3, 1],
      ["blocker:people", "fixed", 2, 1, 2, 0],
      ["missed:E3", "fixed", 1, 1, 1, 0],
    ]);
    // The wording is the latest drill's that had it.
    expect(trend.findings[0]?.text).toBe("own-delay:testing in c.jsonl");
    expect(trend.findings[2]?.text).toBe("blocker:people in b.jsonl");
  });

  it("orders drills by their start, whatever order they come in", () => {
    const trend = trendOf([rows[2], rows[0], rows[1]] as DrillRow[]);
    expect(trend.first?.file).toBe("a.jsonl");
    expect(trend.latest?.file).toBe("c.jsonl");
    expect(trend.recent.map((d) => [d.position, d.file])).toEqual([
      [1, "a.jsonl"],
      [2, "b.jsonl"],
      [3, "c.jsonl"],
    ]);
    // Equal starts keep one order: by file.
    expect(
      compareDrills(
        { startedAt: "2026-01-05T01:00:00Z", file: "b" },
        { startedAt: "2026-01-05T09:00:00+08:00", file: "a" },
      ),
    ).toBeGreaterThan(0);
  });

  it("counts a streak from the latest drill back, broken by a drill without it", () => {
    const trend = trendOf([
      row("a", "2026-01-01T00:00:00Z", { findings: ["blocker:people"] }),
      row("b", "2026-01-02T00:00:00Z", { findings: [] }),
      row("c", "2026-01-03T00:00:00Z", { findings: ["blocker:people"] }),
      row("d", "2026-01-04T00:00:00Z", { findings: ["blocker:people"] }),
    ]);
    expect(trend.findings).toMatchObject([
      { key: "blocker:people", status: "recurring", drills: 3, streak: 2 },
    ]);
  });

  it("calls a finding about an expectation the latest plan dropped 'dropped', not fixed", () => {
    const trend = trendOf([
      row("a", "2026-01-01T00:00:00Z", {
        findings: ["missed:E3", "missed:E2"],
        cells: [
          ["E1", "on-time", 10],
          ["E2", "missed"],
          ["E3", "missed"],
        ],
      }),
      row("b", "2026-01-02T00:00:00Z", {
        plan: "B",
        findings: [],
        cells: [
          ["E1", "on-time", 10],
          ["E2", "on-time", 100],
          ["E4", "on-time", 30],
        ],
      }),
    ]);
    expect(trend.findings.map((f) => [f.key, f.status])).toEqual([
      ["missed:E2", "fixed"],
      ["missed:E3", "dropped"],
    ]);
  });

  it("drillChanges: what appeared and what went away since the drill before", () => {
    expect(drillChanges(undefined, rows[0] as DrillRow)).toEqual({ appeared: [], resolved: [] });
    expect(drillChanges(rows[1], rows[2] as DrillRow)).toEqual({
      appeared: ["blocker:supplies"],
      resolved: ["blocker:people"],
    });
  });
});

describe("expectations, groups and objectives over time", () => {
  const rows = [
    row("a", "2026-01-01T00:00:00Z", {
      findings: [],
      cells: [
        ["E1", "on-time", 20],
        ["E2", "late", 150],
        ["E3", "missed"],
      ],
      ratings: { O1: "-", O2: "P" },
    }),
    row("b", "2026-01-02T00:00:00Z", {
      findings: [],
      cells: [
        ["E1", "late", 40],
        ["E2", "on-time", 100],
        ["E3", "on-time", 200],
      ],
      ratings: { O1: "M", O2: "S" },
    }),
    row("c", "2026-01-03T00:00:00Z", {
      plan: "B",
      findings: [],
      cells: [
        ["E1", "on-time", 25],
        ["E2", "on-time", 170],
        ["E4", "not-reached"],
      ],
      ratings: { O1: "S", O2: "S" },
    }),
  ];

  it("tallies each expectation over every drill whose plan had it, in the latest plan's order", () => {
    const trend = trendOf(rows);
    expect(
      trend.expectations.map((e) => [
        e.id,
        e.drills,
        e.due,
        e.counts["on-time"],
        e.inLatest,
        e.latency,
      ]),
    ).toEqual([
      ["E1", 3, 3, 2, true, { n: 3, min: 20, max: 40, mean: 28.33 }],
      ["E2", 3, 3, 2, true, { n: 3, min: 100, max: 170, mean: 140 }],
      // Its inject never fired: not applicable, so not one it failed.
      ["E4", 1, 0, 0, true, undefined],
      ["E3", 2, 2, 1, false, { n: 1, min: 200, max: 200, mean: 200 }],
    ]);
    // The latest target, and one cell per recent drill (null where its plan lacked the id).
    expect(trend.expectations[1]?.targetMinutes).toBe(180);
    expect(trend.expectations[3]?.recent.map((c) => c?.status ?? null)).toEqual([
      "missed",
      "on-time",
      null,
    ]);
  });

  it("keeps only the latest drills whole", () => {
    const builder = createTrend({ recent: 2 });
    for (const r of rows) builder.add(r);
    const trend = builder.finish();
    expect(trend.drills).toBe(3);
    expect(trend.recent.map((d) => d.position)).toEqual([2, 3]);
    expect(trend.expectations[0]?.recent.map((c) => c?.latencyMinutes)).toEqual([40, 25]);
    // Tallies still count all three.
    expect(trend.expectations[0]?.counts).toMatchObject({ "on-time": 2, late: 1 });
  });

  it("rates each objective first against latest, skipping drills that never reached it", () => {
    const trend = trendOf(rows);
    expect(trend.objectives.map((o) => [o.id, o.first, o.latest, o.direction])).toEqual([
      ["O1", "M", "S", "better"],
      ["O2", "P", "S", "worse"],
    ]);
    expect(trend.objectives[0]?.counts).toEqual({ P: 0, S: 1, M: 1, U: 0, "-": 1 });
  });

  it("adds up each group's record", () => {
    const trend = trendOf(rows);
    expect(trend.groups).toMatchObject([
      { id: "testing", drills: 3, due: 3, counts: { "on-time": 2, late: 1 } },
    ]);
  });

  it("follows the evaluators' ratings beside the computed ones", () => {
    const trend = trendOf([
      row("a", "2026-01-01T00:00:00Z", {
        findings: [],
        ratings: { O1: "P" },
        evaluators: { O1: "M" },
      }),
      row("b", "2026-01-02T00:00:00Z", {
        findings: [],
        ratings: { O1: "P" },
        evaluators: { O1: "P" },
      }),
    ]);
    expect(trend.objectives[0]).toMatchObject({
      first: "P",
      latest: "P",
      direction: "same",
      evaluatorFirst: "M",
      evaluatorLatest: "P",
    });
  });
});

describe("plan versions", () => {
  it("says where each plan differs from the one the drill before used, once per pair", () => {
    const trend = trendOf([
      row("a", "2026-01-01T00:00:00Z", { findings: [] }),
      row("b", "2026-01-02T00:00:00Z", { findings: [], plan: "B" }),
      row("c", "2026-01-03T00:00:00Z", { findings: [] }),
      row("d", "2026-01-04T00:00:00Z", { findings: [], plan: "B" }),
    ]);
    expect(trend.plans.map((p) => [p.version, p.drills])).toEqual([
      ["A", 2],
      ["B", 2],
    ]);
    expect(trend.planChanges.map((c) => [c.from.version, c.to.version, c.position])).toEqual([
      ["A", "B", 2],
      ["B", "A", 3],
    ]);
    expect(trend.planChanges[0]).toMatchObject({
      added: [{ id: "E4" }],
      removed: [{ id: "E3" }],
      changed: [{ id: "E2", field: "targetMinutes", from: 120, to: 180 }],
    });
  });

  it("diffPlans sees every kind of change by id", () => {
    const before = PLAN_A;
    const after: PlanExpectation[] = [
      { id: "E1", inject: "I2", group: "lockdown", targetMinutes: 30, critical: false },
      ...PLAN_A.slice(1),
    ];
    expect(diffPlans(before, after)).toEqual({
      added: [],
      removed: [],
      changed: [
        { id: "E1", field: "group", from: "command", to: "lockdown" },
        { id: "E1", field: "critical", from: true, to: false },
        { id: "E1", field: "inject", from: "I1", to: "I2" },
      ],
    });
    expect(diffPlans(PLAN_A, PLAN_A)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe("re-scoring against a revised plan", () => {
  it("counts, per finding, the drills in which the revision removes or adds it", () => {
    const trend = trendOf([
      row("a", "2026-01-01T00:00:00Z", {
        findings: [],
        rescore: { removed: ["own-delay:testing"], added: ["missed:E4"] },
      }),
      row("b", "2026-01-02T00:00:00Z", {
        findings: [],
        rescore: { removed: [], added: ["missed:E4"] },
      }),
      row("c", "2026-01-03T00:00:00Z", { findings: [], rescore: { removed: [], added: [] } }),
    ]);
    expect(trend.rescore).toEqual({
      scoredWith: { sha256: "c".repeat(64), version: "C" },
      drillsChanged: 2,
      removed: [{ key: "own-delay:testing", drills: 1 }],
      added: [{ key: "missed:E4", drills: 2 }],
    });
  });

  it("is absent when no drill was re-scored", () => {
    expect(trendOf([row("a", "2026-01-01T00:00:00Z", { findings: [] })]).rescore).toBeUndefined();
  });
});

describe("drills not played through", () => {
  const rows = [
    row("a", "2026-01-01T00:00:00Z", { findings: ["blocker:people"] }),
    row("b", "2026-01-02T00:00:00Z", { findings: ["blocker:people", "own-delay:testing"] }),
    // An aborted two-hour test: it proves neither that own-delay was fixed nor anything new.
    row("c", "2026-01-03T00:00:00Z", {
      findings: ["blocker:people", "missed:E1", "missed:E2"],
      partial: true,
    }),
  ];

  it("never become the latest drill findings are judged against", () => {
    const trend = trendOf(rows);
    expect([trend.complete, trend.partial, trend.reference?.file]).toEqual([2, [3], "b"]);
    expect(trend.findings.map((f) => [f.key, f.status, f.drills])).toEqual([
      ["blocker:people", "recurring", 2],
      ["own-delay:testing", "new", 1],
      ["missed:E1", "partial", 1],
      ["missed:E2", "partial", 1],
    ]);
    expect(trend.recent.map((d) => d.partial ?? false)).toEqual([false, false, true]);
  });

  it("show no findings appearing or going away", () => {
    expect(drillChanges(rows[1], rows[2] as DrillRow)).toEqual({ appeared: [], resolved: [] });
  });

  it("are still judged when no drill was played through", () => {
    const only = trendOf([rows[2] as DrillRow]);
    expect(only.findings.map((f) => f.status)).toEqual(["new", "new", "new"]);
  });
});

describe("the headline", () => {
  it("is the change in late minutes, on-time share and both ratings", () => {
    const a = row("a", "2026-01-01T00:00:00Z", {
      findings: [],
      cells: [
        ["E1", "late", 50],
        ["E2", "on-time", 100],
        ["E3", "missed"],
      ],
      ratings: { O1: "M" },
      evaluators: { O1: "M" },
    });
    const b = row("b", "2026-01-02T00:00:00Z", {
      findings: [],
      cells: [
        ["E1", "on-time", 25],
        ["E2", "late", 150],
        ["E3", "not-reached"],
      ],
      ratings: { O1: "P" },
      evaluators: { O1: "S" },
    });
    // a: 20 late minutes (E1), 1 of 3 on time; b: 30 (E2), 1 of 2 on time (E3 not applicable).
    expect(headline(a, 1, b, 2)).toMatchObject({
      minutesLate: 10,
      onTimeShare: 0.17,
      from: { totals: { minutesLate: 20, due: 3, onTime: 1, onTimeShare: 0.33 } },
      to: { totals: { minutesLate: 30, due: 2, onTime: 1, onTimeShare: 0.5 } },
      ratings: [{ id: "O1", from: "M", to: "P", evaluatorFrom: "M", evaluatorTo: "S" }],
    });
    expect(trendOf([a, b]).headline?.to.file).toBe("b");
  });
});
