// The review's analysis on literal plans and events: every finding kind with its numbers.

import { describe, expect, it } from "vitest";
import {
  type DrillEvent,
  LOG_FORMAT,
  type LogHeader,
  type NewEvent,
} from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { analyse, createAnalyser, LIMITS } from "../../src/review/analyse.js";
import { type Review, rankedFindings } from "../../src/review/model.js";
import { expectation, inject, tinyPlan } from "../helpers/plans.js";

const START = Date.parse("2026-03-02T07:00:00+08:00");

/** Numbers and stamps events as a writer would; wall time runs at the plan's speed. */
function events(list: NewEvent[], speed = 10): DrillEvent[] {
  return list.map(
    (event, index) =>
      ({
        ...event,
        seq: index + 1,
        wall: event.wall ?? new Date(START + (event.t * 60_000) / speed).toISOString(),
      }) as DrillEvent,
  );
}

function header(plan: Plan): LogHeader {
  return {
    seq: 0,
    type: "header",
    format: LOG_FORMAT,
    wall: new Date(START).toISOString(),
    t: 0,
    tool: "drillbook test",
    startedAt: new Date(START).toISOString(),
    plan,
    planSha256: "0".repeat(64),
    planSource: "",
    planFile: "relay.yaml",
    clock: "virtual",
  };
}

const group = (id: string, name: string, capacity?: number) => ({
  id,
  name,
  members: [],
  responsibilities: [],
  ...(capacity !== undefined ? { capacity } : {}),
});

/** A water-main drill shaped so that its log below shows every finding once. */
function relayPlan(): Plan {
  return {
    title: "relay",
    scenario: "a water main bursts",
    lang: "en",
    clock: { speed: 10 },
    groups: [
      group("command", "Incident command", 1),
      group("works", "Water works"),
      group("comms", "Public information"),
      group("welfare", "Welfare"),
    ],
    objectives: [
      { id: "O1", title: "Restore the water supply" },
      { id: "O2", title: "Inform the public" },
      { id: "O3", title: "Care for vulnerable residents" },
      { id: "O4", title: "Coordinate the response" },
    ],
    injects: [
      inject(
        "I1",
        0,
        ["command", "works"],
        [
          expectation("E1", "I1", "command", 15, { critical: true, objective: "O4" }),
          expectation("E2", "I1", "works", 60, { critical: true, objective: "O1" }),
        ],
        { phase: "alert" },
      ),
      inject(
        "I2",
        10,
        ["comms"],
        [
          expectation("E3", "I2", "comms", 30, { objective: "O2" }),
          expectation("E4", "I2", "comms", 60, { after: ["E1"], objective: "O2" }),
        ],
        { phase: "alert" },
      ),
      inject(
        "I3",
        20,
        ["command", "works"],
        [
          expectation("E5", "I3", "command", 20, { objective: "O4" }),
          expectation("E6", "I3", "works", 120, { after: ["E2"], critical: true, objective: "O1" }),
        ],
        { phase: "response" },
      ),
      inject("I4", 40, ["welfare"], [expectation("E7", "I4", "welfare", 30, { objective: "O3" })], {
        phase: "response",
        when: { expectation: "E2", status: ["not-done"] },
      }),
      inject(
        "I5",
        60,
        ["comms"],
        [expectation("E8", "I5", "comms", 30, { critical: true, objective: "O2" })],
        { phase: "response" },
      ),
      inject("I6", 420, ["welfare"], [expectation("E9", "I6", "welfare", 60, { objective: "O3" })]),
    ],
  };
}

function relayEvents(): DrillEvent[] {
  return events([
    { type: "drill-started", t: 0, speed: 10 },
    { type: "inject-delivered", t: 0, inject: "I1" },
    { type: "inject-delivered", t: 10, inject: "I2" },
    {
      type: "decision",
      t: 15,
      group: "works",
      inject: "I2",
      status: "done",
      text: "Works answers calls",
    },
    { type: "inject-delivered", t: 20, inject: "I3" },
    {
      type: "decision",
      t: 25,
      group: "command",
      expectation: "E1",
      status: "done",
      text: "Room open",
    },
    {
      type: "decision",
      t: 30,
      group: "works",
      expectation: "E2",
      status: "done",
      text: "Isolated",
    },
    {
      type: "decision",
      t: 30,
      group: "comms",
      expectation: "E3",
      status: "done",
      text: "Notice out",
    },
    {
      type: "decision",
      t: 30,
      group: "command",
      expectation: "E5",
      status: "blocked",
      text: "No tankers hired",
      blocker: { kind: "authority", text: "Waiting for approval" },
    },
    { type: "inject-skipped", t: 40, inject: "I4", reason: "condition" },
    {
      type: "decision",
      t: 50,
      group: "comms",
      expectation: "E4",
      status: "done",
      text: "Hotline open",
    },
    { type: "inject-delivered", t: 60, inject: "I5" },
    {
      type: "decision",
      t: 70,
      group: "works",
      expectation: "E6",
      status: "partial",
      text: "Digging",
      blocker: { kind: "supplies", text: "No spare pipe" },
    },
    { type: "decision", t: 130, group: "works", status: "done", text: "Borrowed a pipe" },
    {
      type: "note",
      t: 180,
      kind: "improvement",
      text: "No statement",
      group: "comms",
      objective: "O2",
      rating: "U",
    },
    { type: "note", t: 240, kind: "neutral", text: "Went well", objective: "O1", rating: "P" },
    {
      type: "decision",
      t: 300,
      group: "works",
      expectation: "E6",
      status: "done",
      text: "Repaired",
    },
    { type: "drill-ended", t: 360, reason: "script" },
    {
      type: "hotwash",
      t: 360,
      group: "works",
      wentWell: "fast",
      wentLessWell: "spare part",
      why: "no stock",
    },
  ]);
}

/** The review of `list` (numbered and stamped) against `plan`. */
function reviewOf(plan: Plan, list: NewEvent[], lang: "en" | "zh" = "en"): Review {
  return analyse(plan, header(plan), events(list), { lang, tool: "drillbook test" });
}

function relayReview(plan = relayPlan()): Review {
  return analyse(plan, header(relayPlan()), relayEvents(), { lang: "en", tool: "drillbook test" });
}

describe("expectations", () => {
  it("gives each its status, latency, lateness, hand-off and the split of its late minutes", () => {
    const review = relayReview();
    const row = (id: string) => {
      const e = review.expectations.find((x) => x.id === id);
      return [e?.status, e?.latencyMinutes, e?.minutesLate, e?.handoff?.pastDeadlineMinutes];
    };
    expect(row("E1")).toEqual(["late", 25, 10, undefined]);
    expect(row("E2")).toEqual(["on-time", 30, 0, undefined]);
    // Waited for E1 from its delivery (10) until 25; E1 was due at 15: 10 past that.
    expect(row("E4")).toEqual(["on-time", 40, 0, 10]);
    // Never done: counted as blocked or missed, not turned into minutes.
    expect(row("E5")).toEqual(["blocked", undefined, 0, undefined]);
    expect(row("E6")).toEqual(["late", 280, 160, 0]);
    expect(row("E7")).toEqual(["not-reached", undefined, 0, undefined]);
    expect(row("E8")).toEqual(["missed", undefined, 0, undefined]);
    expect(row("E9")).toEqual(["not-reached", undefined, 0, undefined]);
    const e1 = review.expectations.find((x) => x.id === "E1");
    // Due 15, done 25: 10 late, its own; command (capacity 1) held E1 and E5 at 20–25.
    expect(e1?.delay).toEqual({ upstream: [], blocked: [], own: 10 });
    expect(e1?.causes).toEqual([
      { finding: "overload:command", minutes: 5 },
      { finding: "own-delay:command", minutes: 5 },
    ]);
    const e6 = review.expectations.find((x) => x.id === "E6");
    expect(e6?.decisions).toEqual([13, 17]);
    expect(e6?.lastDecision).toEqual({ seq: 17, t: 300, status: "done", text: "Repaired" });
    expect(review.expectations.find((x) => x.id === "E5")?.cause).toBe("blocker:authority");
    expect(review.expectations.find((x) => x.id === "E8")?.cause).toBe("inject-unanswered:I5");
  });

  it("counts injects and the drill's span, and marks a drill that stopped before its plan did", () => {
    const { drill, injects, summary } = relayReview();
    expect([drill.injectsDelivered, drill.injectsSkipped, drill.injectsNotReached]).toEqual([
      4, 1, 1,
    ]);
    expect([drill.decisions, drill.improvised, drill.notes, drill.events]).toEqual([9, 2, 2, 19]);
    expect([drill.scenarioMinutes, drill.realMinutes, drill.ended]).toEqual([360, 36, true]);
    // I6 (T+07:00, within 1h) was never reached: the plan runs to T+08:00.
    expect([drill.partial, drill.planMinutes, drill.endReason]).toEqual([true, 480, "script"]);
    expect(injects.map((i) => [i.id, i.status, i.answered])).toEqual([
      ["I1", "delivered", true],
      ["I2", "delivered", true],
      ["I3", "delivered", true],
      ["I4", "skipped", false],
      ["I5", "delivered", false],
      ["I6", "not-reached", false],
    ]);
    expect(summary).toMatchObject({
      minutesLate: 170,
      onTimeShare: 0.43,
      missed: ["E8"],
      blocked: ["E5"],
      criticalPath: { chain: ["E2", "E6"], doneAt: 300, minutesLate: 160 },
    });
  });
});

describe("findings", () => {
  it("has one per root cause, ranked by the stated rule", () => {
    const review = relayReview();
    expect(
      rankedFindings(review).map((f) => [f.rank, f.key, f.group, f.minutesLost, f.rankBasis]),
    ).toEqual([
      [1, "inject-unanswered:I5", "comms", 0, "objective-u"],
      [2, "own-delay:works", "works", 160, "objective-m"],
      [3, "blocker:authority", "command", 0, "objective-m"],
      [4, "overload:command", "command", 5, "minutes"],
      [5, "own-delay:command", "command", 5, "minutes"],
      [6, "improvised:works", "works", 0, "minutes"],
      [7, "role-confusion:works@I2", "works", 0, "minutes"],
    ]);
    expect(review.bottlenecks.map((b) => b.key)).toEqual([
      "own-delay:works",
      "overload:command",
      "own-delay:command",
    ]);
  });

  it("measures an overload against the capacity, and never flags a group without one", () => {
    const review = relayReview();
    const command = rankedFindings(review).find((f) => f.key === "overload:command");
    expect(command).toMatchObject({
      peakOpen: 2,
      capacity: 1,
      minutesOverCapacity: 5,
      minutesLost: 5,
    });
    expect(rankedFindings(review).filter((f) => f.kind === "overload")).toHaveLength(1);
  });

  it("quotes what the groups wrote: a partial step and its blocker, the hot wash's why", () => {
    const review = relayReview();
    const quotes = (key: string) =>
      rankedFindings(review)
        .find((f) => f.key === key)
        ?.evidence.quotes?.map((q) => [q.source, q.text]);
    expect(quotes("own-delay:works")).toEqual([
      ["decision", "Digging"],
      ["blocker", "No spare pipe"],
      ["hotwash", "no stock"],
    ]);
    expect(quotes("blocker:authority")).toEqual([["blocker", "Waiting for approval"]]);
    expect(quotes("inject-unanswered:I5")).toEqual([["observation", "No statement"]]);
    expect(quotes("improvised:works")).toEqual([
      ["improvised", "Works answers calls"],
      ["improvised", "Borrowed a pipe"],
    ]);
  });

  it("merges what an action never done left undone into its cause", () => {
    const review = relayReview();
    const find = (key: string) => rankedFindings(review).find((f) => f.key === key);
    expect(find("blocker:authority")).toMatchObject({ blocked: ["E5"], count: 1 });
    expect(find("inject-unanswered:I5")).toMatchObject({
      missed: ["E8"],
      objectives: [{ id: "O2", rating: "U" }],
      priority: "high",
    });
    expect(find("role-confusion:works@I2")).toMatchObject({
      addressedTo: ["comms"],
      count: 1,
      evidence: { injects: ["I2"], events: [4] },
    });
  });

  it("pushes an action left undone back to a silent group that owed its predecessor", () => {
    const plan = relayPlan();
    const review = reviewOf(plan, [
      { type: "inject-delivered", t: 0, inject: "I1" },
      { type: "inject-delivered", t: 10, inject: "I2" },
      { type: "decision", t: 20, group: "works", expectation: "E2", status: "done", text: "ok" },
      { type: "decision", t: 30, group: "comms", expectation: "E3", status: "done", text: "ok" },
      { type: "drill-ended", t: 100, reason: "facilitator" },
    ]);
    // Command logged nothing: E1 was never done, and E4 (after E1) could not be.
    const silent = rankedFindings(review).find((f) => f.kind === "group-silent");
    expect(silent).toMatchObject({
      key: "group-silent:command",
      group: "command",
      missed: ["E1", "E4"],
      groupsHurt: ["command", "comms"],
    });
  });

  it("finds no silent group among those that were sent nothing due", () => {
    // Welfare's injects were skipped (I4) or never reached (I6).
    expect(relayReview().gaps.filter((g) => g.kind === "group-silent")).toEqual([]);
  });

  it("infers what blocked a group from its text when the log gives no blocker", () => {
    const plan = relayPlan();
    const review = reviewOf(
      plan,
      [
        { type: "inject-delivered", t: 0, inject: "I1" },
        {
          type: "decision",
          t: 5,
          group: "works",
          expectation: "E2",
          status: "blocked",
          text: "采样人员不足",
        },
        { type: "drill-ended", t: 90, reason: "facilitator" },
      ],
      "zh",
    );
    expect(rankedFindings(review).find((f) => f.kind === "blocker")).toMatchObject({
      key: "blocker:people",
      blocked: ["E2"],
    });
  });
});

describe("objective ratings", () => {
  it("follows the stated rule and explains the evaluators' disagreement", () => {
    const review = relayReview();
    expect(
      review.objectives.map((o) => [
        o.id,
        o.rating,
        o.reason,
        o.basis,
        o.evaluatorRatings,
        o.disagreement,
      ]),
    ).toEqual([
      ["O1", "M", "over-twice", ["E6"], ["P"], true],
      ["O2", "U", "critical-missed", ["E8"], ["U"], false],
      ["O3", "-", "not-exercised", [], [], false],
      ["O4", "M", "missed", ["E5"], [], false],
    ]);
    // Rated P at T+04:00; E6 (delivered T+00:20, 2h target) ran past twice it at T+04:20.
    const o1 = review.objectives.find((o) => o.id === "O1");
    expect(o1?.evaluations).toEqual([{ seq: 16, t: 240, rating: "P", text: "Went well" }]);
    expect(o1?.turnedAfter).toEqual([{ expectation: "E6", at: 260 }]);
  });

  it("rates P when all were on time and S when some were late", () => {
    const plan = relayPlan();
    const run = (doneAt: number) =>
      reviewOf(plan, [
        { type: "inject-delivered", t: 0, inject: "I1" },
        {
          type: "decision",
          t: doneAt,
          group: "command",
          expectation: "E1",
          status: "done",
          text: "ok",
        },
        { type: "drill-ended", t: 60, reason: "facilitator" },
      ]).objectives.find((o) => o.id === "O4");
    expect(run(10)).toMatchObject({ rating: "P", reason: "all-on-time" });
    expect(run(20)).toMatchObject({ rating: "S", reason: "some-late", basis: ["E1"] });
    // 31 minutes is more than twice the 15-minute target.
    expect(run(31)).toMatchObject({ rating: "M", reason: "over-twice", basis: ["E1"] });
  });
});

describe("improvement plan", () => {
  it("has one row per finding, in rank order, with its owner, contact and POETE element", () => {
    const plan = relayPlan();
    const command = plan.groups[0];
    if (command) command.lead = "Duty officer";
    const review = analyse(plan, header(plan), relayEvents(), { lang: "en", tool: "t" });
    expect(
      review.improvementPlan.map((i) => [i.finding, i.priority, i.owner, i.poete, i.status]),
    ).toEqual([
      ["inject-unanswered:I5", "high", "comms", "plan", "open"],
      ["own-delay:works", "high", "works", "equipment", "open"],
      ["blocker:authority", "medium", "command", "plan", "open"],
      ["overload:command", "medium", "command", "organisation", "open"],
      ["own-delay:command", "medium", "command", "training", "open"],
      ["improvised:works", "low", "works", "plan", "open"],
      ["role-confusion:works@I2", "low", "works", "plan", "open"],
    ]);
    const row = review.improvementPlan.find((i) => i.finding === "overload:command");
    expect([row?.poc, row?.start, row?.due]).toEqual(["Duty officer", "", ""]);
    expect(row?.issue).toBe(
      "Incident command held up to 2 open actions against its capacity of 1 (5 minutes over capacity); E1 was late by 5 minutes in all (3% of the drill's late minutes) in that time",
    );
    expect(row?.recommendation).toBe(
      "Give Incident command a reserve team, or move some of its tasks to other groups: it held 2 actions at once against a capacity of 1, for 5 minutes in all.",
    );
  });

  it("builds its recommendation from what people wrote, and says what is missing when nothing was", () => {
    const review = relayReview();
    const rec = (key: string) =>
      review.improvementPlan.find((i) => i.finding === key)?.recommendation;
    expect(rec("own-delay:works")).toBe(
      "Remove the cause Water works gave for the delay of “do E6”: “no stock”; then check its time target in the next drill.",
    );
    expect(rec("own-delay:command")).toBe(
      "Nobody recorded why “do E1” ran 10 minutes late: ask Incident command at the review meeting and record the cause before changing the procedure or its 15 minutes target.",
    );
  });

  it("proposes which part of the plan to change", () => {
    const review = relayReview();
    expect(review.planRevisions.map((r) => [r.finding, r.target, r.change])).toEqual([
      ["inject-unanswered:I5", { kind: "inject", id: "I5" }, "assign-owner"],
      ["own-delay:works", { kind: "expectation", id: "E6" }, "add-resource"],
      ["blocker:authority", { kind: "group", id: "command" }, "delegate-authority"],
      ["overload:command", { kind: "group", id: "command" }, "raise-capacity"],
      ["own-delay:command", { kind: "expectation", id: "E1" }, "review-target"],
      ["improvised:works", { kind: "group", id: "works" }, "add-step"],
      ["role-confusion:works@I2", { kind: "inject", id: "I2" }, "clarify-roles"],
    ]);
  });

  it("is worded in the review's language", () => {
    const plan = { ...relayPlan(), lang: "zh" as const };
    const review = analyse(plan, header(plan), relayEvents(), { lang: "zh", tool: "t" });
    const row = review.improvementPlan.find((i) => i.finding === "overload:command");
    expect(row?.issue).toBe(
      "Incident command最多同时在办 2 项动作，超出其能力（1 项），超负荷共 5 分钟；其间 E1 超时 5 分钟（占全部超时的 3%）",
    );
  });
});

describe("re-scoring against another plan", () => {
  function revisedPlan(): Plan {
    const revised = relayPlan();
    const [i1, i2, i3, , i5] = revised.injects;
    if (!i1 || !i2 || !i3 || !i5) throw new Error("plan shape");
    revised.groups = [...revised.groups, group("logistics", "Logistics")];
    revised.injects = [
      {
        ...i1,
        expects: [
          ...i1.expects.map((e) => (e.id === "E1" ? { ...e, withinMinutes: 30 } : e)),
          expectation("E11", "I1", "logistics", 20),
        ],
      },
      i2,
      { ...i3, expects: i3.expects.filter((e) => e.id !== "E5") },
      i5,
      inject(
        "I7",
        100,
        ["command"],
        [expectation("E10", "I7", "command", 30, { objective: "O4" })],
      ),
    ];
    return revised;
  }

  it("applies the plan's targets; what only it has is not in the drill, never missed or silent", () => {
    const review = analyse(revisedPlan(), header(relayPlan()), relayEvents(), {
      lang: "en",
      tool: "t",
      rescoredWith: { file: "relay.v2.yaml", sha256: "f".repeat(64), version: "v2" },
    });
    const status = (id: string) => review.expectations.find((e) => e.id === id)?.status;
    expect([status("E1"), status("E10"), status("E11")]).toEqual([
      "on-time",
      "not-in-drill",
      "not-in-drill",
    ]);
    expect(review.injects.find((i) => i.id === "I7")).toMatchObject({
      status: "not-reached",
      notInDrill: true,
    });
    expect(review.drill.groups.find((g) => g.id === "logistics")?.notInDrill).toBe(true);
    const keys = rankedFindings(review).map((f) => f.key);
    expect(keys.filter((k) => /E10|E11|logistics/.test(k))).toEqual([]);
    expect(review.unmatchedCount).toBe(2);
    expect(review.unmatched).toEqual([
      { seq: 9, t: 30, type: "decision", ids: ["E5"] },
      { seq: 10, t: 40, type: "inject-skipped", ids: ["I4"] },
    ]);
    expect(review.drill.rescoredWith).toEqual({
      file: "relay.v2.yaml",
      sha256: "f".repeat(64),
      version: "v2",
    });
  });

  it("reports an inject delivered twice", () => {
    const plan = relayPlan();
    const review = reviewOf(plan, [
      { type: "inject-delivered", t: 0, inject: "I1" },
      { type: "inject-delivered", t: 1, inject: "I1" },
    ]);
    expect(review.unmatched).toEqual([{ seq: 2, t: 1, type: "inject-delivered", ids: ["I1"] }]);
  });
});

describe("an unfinished drill", () => {
  it("ends at its last event: overdue is missed, what was still in time is open", () => {
    const plan = relayPlan();
    const review = reviewOf(plan, [
      { type: "drill-started", t: 0, speed: 10 },
      { type: "inject-delivered", t: 0, inject: "I1" },
      {
        type: "decision",
        t: 40,
        group: "works",
        expectation: "E2",
        status: "partial",
        text: "going",
      },
    ]);
    expect([review.drill.ended, review.drill.endedAt, review.drill.scenarioMinutes]).toEqual([
      false,
      undefined,
      40,
    ]);
    expect(review.drill.partial).toBe(true);
    const e2 = review.expectations.find((e) => e.id === "E2");
    // Its deadline (T+01:00) had not come when the drill stopped.
    expect([e2?.status, e2?.minutesLate]).toEqual(["open", 0]);
    expect(review.expectations.find((e) => e.id === "E1")).toMatchObject({
      status: "missed",
      minutesLate: 0,
      cause: "group-silent:command",
    });
  });
});

describe("bounded memory", () => {
  it("caps the evidence it keeps, whatever the length of the log", () => {
    const plan = relayPlan();
    const analyser = createAnalyser(plan, header(plan), { lang: "en", tool: "t" });
    const list: NewEvent[] = [{ type: "inject-delivered", t: 0, inject: "I1" }];
    for (let i = 0; i < 1000; i++) {
      list.push({ type: "decision", t: 1, group: "works", status: "done", text: `extra ${i}` });
      list.push({
        type: "decision",
        t: 1,
        group: "works",
        expectation: "E2",
        status: "partial",
        text: "x",
      });
      list.push({ type: "note", t: 1, kind: "neutral", text: `note ${i}` });
    }
    for (const event of events(list)) analyser.add(event);
    const review = analyser.finish();
    const improvised = rankedFindings(review).find((f) => f.kind === "improvised");
    expect(improvised?.count).toBe(1000);
    expect(improvised?.evidence.events).toHaveLength(LIMITS.eventsPerFinding);
    expect(improvised?.evidence.quotes).toHaveLength(LIMITS.quotesPerFinding);
    const e2 = review.expectations.find((e) => e.id === "E2");
    expect(e2?.decisionCount).toBe(1000);
    expect(e2?.decisions).toHaveLength(LIMITS.decisionsPerExpectation);
    expect(review.observations).toHaveLength(LIMITS.observations);
    expect(review.drill.notes).toBe(1000);
  });

  it("gives the same review fed event by event as in one call", () => {
    const plan = relayPlan();
    const analyser = createAnalyser(plan, header(plan), { lang: "en", tool: "drillbook test" });
    for (const event of relayEvents()) analyser.add(event);
    expect(analyser.finish()).toEqual(relayReview());
  });
});

describe("a drill ended early", () => {
  it("holds nothing against an action whose deadline had not come, and rates without it", () => {
    const plan = tinyPlan();
    const review = reviewOf(plan, [
      { type: "drill-started", t: 0, speed: 1 },
      { type: "inject-delivered", t: 0, inject: "I1" },
      {
        type: "decision",
        t: 10,
        group: "command",
        expectation: "E1",
        status: "done",
        text: "on it",
      },
      { type: "drill-ended", t: 15, reason: "facilitator" },
    ]);
    expect(review.expectations.map((e) => [e.id, e.status, e.minutesLate])).toEqual([
      ["E1", "on-time", 0],
      ["E2", "open", 0],
      ["E3", "not-reached", 0],
      ["E4", "not-reached", 0],
      ["E5", "not-reached", 0],
    ]);
    expect(review.gaps.filter((g) => g.kind.endsWith("missed"))).toEqual([]);
    expect(review.objectives.map((o) => [o.id, o.rating])).toEqual([["O1", "P"]]);
  });
});

describe("a drill stopped before anything fell due", () => {
  it("finds nothing unanswered, no silent group and no gap in an objective not exercised", () => {
    const plan = tinyPlan();
    const review = reviewOf(plan, [
      { type: "drill-started", t: 0, speed: 1 },
      { type: "inject-delivered", t: 0, inject: "I1" },
      { type: "drill-ended", t: 20, reason: "facilitator" },
    ]);
    // I1 reached its groups 20 minutes before the end; its shortest target is 30 minutes.
    expect(review.injects.find((i) => i.id === "I1")).toMatchObject({
      answered: false,
      notYetDue: true,
    });
    expect(review.expectations.map((e) => e.status)).toEqual([
      "open",
      "open",
      "not-reached",
      "not-reached",
      "not-reached",
    ]);
    expect(review.objectives.map((o) => [o.id, o.rating, o.reason])).toEqual([
      ["O1", "-", "not-exercised"],
    ]);
    expect([review.bottlenecks, review.gaps, review.improvementPlan]).toEqual([[], [], []]);
    expect(review.drill.partial).toBe(true);
  });
});
