// Decision times (`at`) and corrections in the engine: the folded state is the drill as
// corrected, whether the fold keeps its records or streams.
import { describe, expect, it } from "vitest";
import { expectationStatus, foldDrill, groupBoards } from "../../src/core/engine.js";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import { tinyPlan } from "../helpers/plans.js";

const T0 = Date.parse("2026-11-24T09:00:00Z");

/** Numbers the events 1, 2, 3… with a wall clock at speed 1. */
function log(...events: NewEvent[]): DrillEvent[] {
  return events.map(
    (event, i) =>
      ({
        ...event,
        seq: i + 1,
        wall: new Date(T0 + event.t * 60_000).toISOString(),
      }) as DrillEvent,
  );
}

const start: NewEvent[] = [
  { type: "drill-started", t: 0, speed: 1 },
  { type: "inject-delivered", t: 0, inject: "I1" },
];

// seq 3: E1 (deadline T+30) logged at T+34 but taken at T+05.
const lateEntry: NewEvent = {
  type: "decision",
  t: 34,
  at: 5,
  group: "command",
  inject: "I1",
  expectation: "E1",
  status: "done",
  text: "command post set up",
};

describe("decision times", () => {
  it("judges a decision by when it was taken, not when it was logged", () => {
    const state = foldDrill(tinyPlan(), log(...start, lateEntry));
    const e1 = state.expectations.get("E1");
    expect(e1?.doneAt).toBe(5);
    expect(e1?.firstResponseAt).toBe(5);
    expect(e1 && expectationStatus(e1, 34)).toBe("on-time");
    // The log's own time is unchanged.
    expect(state.t).toBe(34);
  });

  it("takes the earliest time, not the first logged, and the status of what happened last", () => {
    const state = foldDrill(
      tinyPlan(),
      log(
        ...start,
        {
          type: "decision",
          t: 40,
          group: "testing",
          expectation: "E2",
          status: "blocked",
          text: "b",
        },
        // Logged later, happened earlier: the group had started at T+10.
        {
          type: "decision",
          t: 45,
          at: 10,
          group: "testing",
          expectation: "E2",
          status: "partial",
          text: "p",
        },
      ),
    );
    const e2 = state.expectations.get("E2");
    expect(e2?.firstResponseAt).toBe(10);
    expect(e2?.lastStatus).toBe("blocked");
    expect(e2?.lastBlockedAt).toBe(40);
    expect(e2?.decisions).toEqual([3, 4]);
  });
});

describe("corrections", () => {
  it("retracts a decision: its expectation is open again and nothing counts it", () => {
    const events = log(...start, lateEntry, {
      type: "correction",
      t: 36,
      amends: 3,
      retract: true,
      reason: "logged against the wrong group",
    });
    for (const keepRecords of [true, false]) {
      const state = foldDrill(tinyPlan(), events, { keepRecords });
      const e1 = state.expectations.get("E1");
      expect(e1?.doneAt).toBeUndefined();
      expect(e1?.firstResponseAt).toBeUndefined();
      expect(e1?.decisions).toEqual([]);
      expect(e1 && expectationStatus(e1, 36)).toBe("overdue");
      expect(state.counts.decisions).toBe(0);
      expect(state.groups.get("command")).toEqual({ decisions: 0, improvised: 0, blocked: 0 });
      expect(state.corrections).toHaveLength(1);
      expect(state.corrections[0]?.correction).toMatchObject({ amends: 3, retract: true });
      expect(state.unmatched).toEqual([]);
    }
    const kept = foldDrill(tinyPlan(), events);
    expect(kept.decisions).toEqual([]);
    expect(kept.corrections[0]?.before).toMatchObject({ seq: 3, text: "command post set up" });
    expect(kept.corrections[0]?.after).toBeUndefined();
  });

  it("replaces a decision's fields: another status, another time, a blocker", () => {
    // Blocked at T+50 (E2's deadline is T+60), not done at T+34.
    const events = log(
      ...start,
      {
        type: "decision",
        t: 34,
        group: "testing",
        expectation: "E2",
        status: "done",
        text: "done",
      },
      {
        type: "correction",
        t: 52,
        amends: 3,
        decision: {
          group: "testing",
          inject: "I1",
          expectation: "E2",
          status: "blocked",
          text: "sampling stopped",
          blocker: { kind: "people", text: "no samplers" },
          at: 50,
        },
      },
    );
    for (const keepRecords of [true, false]) {
      const state = foldDrill(tinyPlan(), events, { keepRecords });
      const e2 = state.expectations.get("E2");
      expect(e2?.doneAt).toBeUndefined();
      expect(e2?.lastStatus).toBe("blocked");
      expect(e2?.lastBlockedAt).toBe(50);
      expect(e2?.firstResponseAt).toBe(50);
      expect(e2?.decisions).toEqual([3]);
      expect(state.groups.get("testing")).toEqual({ decisions: 1, improvised: 0, blocked: 1 });
      expect(state.counts.decisions).toBe(1);
    }
    const kept = foldDrill(tinyPlan(), events);
    // The kept decision is the corrected one, under its own seq and logged time.
    expect(kept.decisions).toEqual([
      expect.objectContaining({
        seq: 3,
        t: 34,
        at: 50,
        status: "blocked",
        text: "sampling stopped",
      }),
    ]);
    expect(kept.corrections[0]?.before).toMatchObject({ status: "done" });
    expect(kept.corrections[0]?.after).toMatchObject({ status: "blocked" });
  });

  it("re-derives an expectation from its other decisions when a later one is corrected", () => {
    // E2: partial at T+20, done at T+70 (late: deadline T+60), then the done is corrected to T+55.
    const events = log(
      ...start,
      {
        type: "decision",
        t: 20,
        group: "testing",
        expectation: "E2",
        status: "partial",
        text: "half",
      },
      { type: "decision", t: 70, group: "testing", expectation: "E2", status: "done", text: "all" },
      {
        type: "correction",
        t: 72,
        amends: 4,
        decision: { group: "testing", expectation: "E2", status: "done", text: "all", at: 55 },
      },
    );
    const state = foldDrill(tinyPlan(), events, { keepRecords: false });
    const e2 = state.expectations.get("E2");
    expect(e2?.firstResponseAt).toBe(20);
    expect(e2?.doneAt).toBe(55);
    expect(e2 && expectationStatus(e2, 72)).toBe("on-time");
    expect(e2?.decisions).toEqual([3, 4]);

    // Retracting the first one instead leaves the done one alone.
    const retracted = foldDrill(
      tinyPlan(),
      log(...start, events[2] as NewEvent, events[3] as NewEvent, {
        type: "correction",
        t: 72,
        amends: 3,
        retract: true,
      }),
    );
    const e2r = retracted.expectations.get("E2");
    expect(e2r?.firstResponseAt).toBe(70);
    expect(e2r?.doneAt).toBe(70);
    expect(e2r?.decisions).toEqual([4]);
    expect(retracted.decisions.map((d) => d.seq)).toEqual([4]);
  });

  it("moves a decision to another expectation and group: both are re-derived", () => {
    const events = log(
      ...start,
      { type: "decision", t: 10, group: "command", expectation: "E1", status: "done", text: "x" },
      {
        type: "correction",
        t: 12,
        amends: 3,
        decision: { group: "testing", expectation: "E2", status: "done", text: "x", at: 10 },
      },
    );
    const state = foldDrill(tinyPlan(), events);
    expect(state.expectations.get("E1")?.doneAt).toBeUndefined();
    expect(state.expectations.get("E2")?.doneAt).toBe(10);
    expect(state.groups.get("command")?.decisions).toBe(0);
    expect(state.groups.get("testing")?.decisions).toBe(1);
    const boards = groupBoards(state, 12);
    expect(boards.find((b) => b.group === "command")?.open.map((o) => o.expectation.id)).toEqual([
      "E1",
    ]);
    expect(boards.find((b) => b.group === "testing")?.done).toBe(1);
  });

  it("corrects an observation, and the latest correction of an entry wins", () => {
    const events = log(
      ...start,
      { type: "note", t: 15, kind: "strength", text: "fast", group: "command" },
      {
        type: "correction",
        t: 16,
        amends: 3,
        note: { kind: "improvement", text: "slow", group: "testing", objective: "O1", rating: "M" },
      },
      { type: "correction", t: 17, amends: 3, retract: true },
      {
        type: "correction",
        t: 18,
        amends: 3,
        note: { kind: "neutral", text: "as it was", inject: "I1" },
      },
    );
    const state = foldDrill(tinyPlan(), events);
    expect(state.notes).toEqual([
      {
        seq: 3,
        wall: events[2]?.wall,
        t: 15,
        type: "note",
        kind: "neutral",
        text: "as it was",
        inject: "I1",
      },
    ]);
    expect(state.counts.notes).toBe(1);
    expect(state.corrections.map((c) => c.correction.seq)).toEqual([4, 5, 6]);
  });

  it("sets aside a correction that fits nothing", () => {
    const events = log(
      ...start,
      { type: "note", t: 15, kind: "strength", text: "fast" },
      // No seq 9; seq 2 is an inject; a note is not corrected by a decision; unknown expectation.
      { type: "correction", t: 16, amends: 9, retract: true },
      { type: "correction", t: 16, amends: 2, retract: true },
      {
        type: "correction",
        t: 16,
        amends: 3,
        decision: { group: "command", status: "done", text: "x" },
      },
      {
        type: "correction",
        t: 16,
        amends: 3,
        note: { kind: "neutral", text: "x" },
        decision: { group: "command", status: "done", text: "x" },
      },
    );
    const state = foldDrill(tinyPlan(), events);
    expect(state.unmatched.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(state.corrections).toEqual([]);
    expect(state.notes.map((n) => n.text)).toEqual(["fast"]);
  });
});
