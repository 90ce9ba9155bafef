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
import type { Review } from "../../src/review/model.js";
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

function relayReview(plan = relayPlan()): Review {
  return analyse(plan, header(relayPlan()), relayEvents(), { lang: "en", tool: "drillbook test" });
}

describe("expectations", () => {
  it("gives each its status, latency, lateness and hand-off wait", () => {
    const review = relayReview();
    const row = (id: string) => {
      const e = review.expectations.find((x) => x.id === id);
      return [e?.status, e?.latencyMinutes, e?.minutesLate, e?.handoffWaitMinutes];
    };
    expect(row("E1")).toEqual(["late", 25, 10, undefined]);
    expect(row("E2")).toEqual(["on-time", 30, 0, undefined]);
    expect(row("E4")).toEqual(["on-time", 40, 0, 15]);
    // Blocked and missed count from the deadline to the end of the drill (T+06:00).
    expect(row("E5")).toEqual(["blocked", undefined, 320, undefined]);
    expect(row("E6")).toEqual(["late", 280, 160, 10]);
    expect(row("E7")).toEqual(["not-reached", undefined, 0, undefined]);
    expect(row("E8")).toEqual(["missed", undefined, 270, undefined]);
    expect(row("E9")).toEqual(["not-reached", undefined, 0, undefined]);
    const e6 = review.expectations.find((x) => x.id === "E6");
    expect(e6?.decisions).toEqual([13, 17]);
    expect(e6?.lastDecision).toEqual({ seq: 17, t: 300, status: "done", text: "Repaired" });
  });

  it("counts injects and the drill's span", () => {
    const { drill, injects } = relayReview();
    expect([drill.injectsDelivered, drill.injectsSkipped, drill.injectsNotReached]).toEqual([
      4, 1, 1,
    ]);
    expect([drill.decisions, drill.improvised, drill.notes, drill.events]).toEqual([9, 2, 2, 19]);
    expect([drill.scenarioMinutes, drill.realMinutes, drill.ended]).toEqual([360, 36, true]);
    expect(injects.map((i) => [i.id, i.status, i.answered])).toEqual([
      ["I1", "delivered", true],
      ["I2", "delivered", true],
      ["I3", "delivered", true],
      ["I4", "skipped", false],
      ["I5", "delivered", false],
      ["I6", "not-reached", false],
    ]);
  });
});

describe("bottlenecks", () => {
  it("ranks every kind by the time it lost", () => {
    const review = relayReview();
    expect(review.bottlenecks.map((b) => [b.key, b.group ?? b.phase, b.minutesLost])).toEqual([
      ["critical-path:E2>E6", "works", 160],
      ["late-group:works", "works", 160],
      ["late-phase:response", "response", 160],
      ["handoff-wait:E4<-E1", "command", 10],
      ["late-group:command", "command", 10],
      ["late-phase:alert", "alert", 10],
      ["overload:command", "command", 5],
      ["overload:comms", "comms", 0],
      ["overload:works", "works", 0],
    ]);
  });

  it("describes an overload against the capacity, or flags the peak without one", () => {
    const review = relayReview();
    const command = review.bottlenecks.find((b) => b.key === "overload:command");
    expect(command).toMatchObject({ peakOpen: 2, capacity: 1, minutesLost: 5, minutesAtPeak: 5 });
    expect(command?.evidence).toMatchObject({ expectations: ["E1", "E5"], from: 20, to: 25 });
    const comms = review.bottlenecks.find((b) => b.key === "overload:comms");
    expect(comms).toMatchObject({ peakOpen: 2, minutesAtPeak: 20, minutesLost: 0 });
    expect(comms?.capacity).toBeUndefined();
  });

  it("counts a hand-off wait beyond the predecessor's deadline, owned by the predecessor's group", () => {
    const wait = relayReview().bottlenecks.find((b) => b.kind === "handoff-wait");
    expect(wait).toMatchObject({
      group: "command",
      waitingExpectation: "E4",
      waitingGroup: "comms",
      waitedOn: "E1",
      waitMinutes: 15,
      minutesLost: 10,
    });
    expect(wait?.evidence).toMatchObject({ from: 10, to: 25, quotes: ["Room open"] });
  });

  it("follows the critical path back through the hand-offs it waited on", () => {
    const path = relayReview().bottlenecks.find((b) => b.kind === "critical-path");
    expect(path).toMatchObject({ chain: ["E2", "E6"], minutesLost: 160 });
    expect(path?.evidence).toMatchObject({ from: 0, to: 300, quotes: ["Isolated", "Repaired"] });
  });

  it("sums late actions per group and per phase", () => {
    const review = relayReview();
    const late = review.bottlenecks.filter((b) => b.kind === "late-phase");
    expect(late.map((b) => [b.phase, b.count, b.minutesLost, b.evidence.expectations])).toEqual([
      ["response", 1, 160, ["E6"]],
      ["alert", 1, 10, ["E1"]],
    ]);
  });
});

describe("gaps", () => {
  it("finds every kind, with its evidence", () => {
    const review = relayReview();
    expect(review.gaps.map((g) => [g.key, g.group, g.count])).toEqual([
      ["critical-missed:E8", "comms", undefined],
      ["expectation-missed:E5", "command", undefined],
      ["inject-unanswered:I5", "comms", undefined],
      ["group-silent:welfare", "welfare", undefined],
      ["objective-not-demonstrated:O3", "welfare", undefined],
      ["resource:supplies", "works", 1],
      ["resource:authority", "command", 1],
      ["improvised:works", "works", 2],
      ["role-confusion:works@I2", "works", 1],
    ]);
    const gap = (key: string) => review.gaps.find((g) => g.key === key);
    expect(gap("expectation-missed:E5")).toMatchObject({
      status: "blocked",
      evidence: { from: 40, to: 360, quotes: ["No tankers hired", "Waiting for approval"] },
    });
    expect(gap("critical-missed:E8")?.status).toBe("missed");
    expect(gap("resource:supplies")?.evidence).toMatchObject({
      expectations: ["E6"],
      events: [13],
      from: 70,
      quotes: ["No spare pipe"],
    });
    expect(gap("improvised:works")?.evidence).toMatchObject({
      events: [4, 14],
      from: 15,
      to: 130,
      quotes: ["Works answers calls", "Borrowed a pipe"],
    });
    expect(gap("role-confusion:works@I2")).toMatchObject({
      addressedTo: ["comms"],
      evidence: { injects: ["I2"], events: [4] },
    });
  });

  it("infers what blocked a group from its text when the log gives no blocker", () => {
    const plan = relayPlan();
    const review = analyse(
      plan,
      header(plan),
      events([
        { type: "inject-delivered", t: 0, inject: "I1" },
        {
          type: "decision",
          t: 5,
          group: "works",
          expectation: "E2",
          status: "blocked",
          text: "采样人员不足",
        },
      ]),
      { lang: "zh", tool: "t" },
    );
    expect(review.gaps.find((g) => g.kind === "resource")).toMatchObject({
      key: "resource:people",
      count: 1,
    });
  });
});

describe("objective ratings", () => {
  it("follows the stated rule and calls out the evaluators' disagreement", () => {
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
      ["O3", "-", "none-reached", [], [], false],
      ["O4", "M", "missed", ["E5"], [], false],
    ]);
  });

  it("rates P when all were on time and S when some were late", () => {
    const plan = relayPlan();
    const run = (doneAt: number) =>
      analyse(
        plan,
        header(plan),
        events([
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
        ]),
        { lang: "en", tool: "t" },
      ).objectives.find((o) => o.id === "O4");
    expect(run(10)).toMatchObject({ rating: "P", reason: "all-on-time" });
    expect(run(20)).toMatchObject({ rating: "S", reason: "some-late", basis: ["E1"] });
    // 31 minutes is more than twice the 15-minute target.
    expect(run(31)).toMatchObject({ rating: "M", reason: "over-twice", basis: ["E1"] });
  });
});

describe("improvement plan", () => {
  it("has one row per significant finding, highest priority first, with its owner", () => {
    const review = relayReview();
    expect(review.improvementPlan.map((i) => [i.finding, i.priority, i.owner])).toEqual([
      ["critical-path:E2>E6", "high", "works"],
      ["late-group:works", "high", "works"],
      ["late-group:command", "high", "command"],
      ["critical-missed:E8", "high", "comms"],
      ["objective-not-demonstrated:O3", "high", "welfare"],
      ["handoff-wait:E4<-E1", "medium", "command"],
      ["overload:command", "medium", "command"],
      ["expectation-missed:E5", "medium", "command"],
      ["inject-unanswered:I5", "medium", "comms"],
      ["group-silent:welfare", "medium", "welfare"],
      ["resource:supplies", "medium", "works"],
      ["resource:authority", "medium", "command"],
      ["overload:comms", "low", "comms"],
      ["overload:works", "low", "works"],
      ["improvised:works", "low", "works"],
      ["role-confusion:works@I2", "low", "works"],
    ]);
    const row = review.improvementPlan[6];
    expect(row?.issue).toBe(
      "Incident command held 2 open expected actions at once against a capacity of 1, over capacity for 5 minutes",
    );
    expect(row?.recommendation).toBe(
      "Give Incident command a reserve team, or move some of its tasks to other groups, so it holds no more than 1 at once.",
    );
  });

  it("is worded in the review's language", () => {
    const plan = { ...relayPlan(), lang: "zh" as const };
    const review = analyse(plan, header(plan), relayEvents(), { lang: "zh", tool: "t" });
    const row = review.improvementPlan.find((i) => i.finding === "overload:command");
    expect(row?.issue).toBe(
      "Incident command同时在办 2 项动作，超出其能力（1 项），超负荷共 5 分钟",
    );
  });
});

describe("re-scoring against another plan", () => {
  it("applies the plan's targets, reports ids it lacks and leaves new injects not reached", () => {
    const revised = relayPlan();
    const [i1, i2, i3, , i5] = revised.injects;
    if (!i1 || !i2 || !i3 || !i5) throw new Error("plan shape");
    revised.injects = [
      { ...i1, expects: i1.expects.map((e) => (e.id === "E1" ? { ...e, withinMinutes: 30 } : e)) },
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
    const review = analyse(revised, header(relayPlan()), relayEvents(), {
      lang: "en",
      tool: "t",
      rescoredWith: { file: "relay.v2.yaml", sha256: "f".repeat(64), version: "v2" },
    });
    expect(review.expectations.find((e) => e.id === "E1")?.status).toBe("on-time");
    expect(review.expectations.find((e) => e.id === "E10")?.status).toBe("not-reached");
    expect(review.injects.find((i) => i.id === "I7")?.status).toBe("not-reached");
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
    const review = analyse(
      plan,
      header(plan),
      events([
        { type: "inject-delivered", t: 0, inject: "I1" },
        { type: "inject-delivered", t: 1, inject: "I1" },
      ]),
      { lang: "en", tool: "t" },
    );
    expect(review.unmatched).toEqual([{ seq: 2, t: 1, type: "inject-delivered", ids: ["I1"] }]);
  });
});

describe("an unfinished drill", () => {
  it("ends at its last event: overdue is missed, what was still in time is open", () => {
    const plan = relayPlan();
    const review = analyse(
      plan,
      header(plan),
      events([
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
      ]),
      { lang: "en", tool: "t" },
    );
    expect([review.drill.ended, review.drill.endedAt, review.drill.scenarioMinutes]).toEqual([
      false,
      undefined,
      40,
    ]);
    const e2 = review.expectations.find((e) => e.id === "E2");
    // Its deadline (T+01:00) had not come when the drill stopped.
    expect([e2?.status, e2?.minutesLate]).toEqual(["open", 0]);
    expect(review.expectations.find((e) => e.id === "E1")).toMatchObject({
      status: "missed",
      minutesLate: 25,
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
    const improvised = review.gaps.find((g) => g.kind === "improvised");
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
    const review = analyse(
      plan,
      header(plan),
      events([
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
      ]),
      { lang: "en", tool: "drillbook test" },
    );
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
