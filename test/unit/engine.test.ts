import { describe, expect, it } from "vitest";
import { scenarioAt, wallAt } from "../../src/core/clock.js";
import {
  applyEvent,
  decisionProblem,
  dueInjects,
  expectationStatus,
  foldDrill,
  groupBoards,
  initialState,
  naturalEnd,
  nextPendingInject,
} from "../../src/core/engine.js";
import type { DrillEvent } from "../../src/core/events.js";
import { tinyPlan } from "../helpers/plans.js";

const T0 = Date.parse("2026-11-24T09:00:00Z");
let seq = 0;
/** An event at scenario minute t, with a wall clock at speed 1 unless given. */
function ev<E extends Omit<DrillEvent, "seq" | "wall">>(
  event: E,
  wallMs = T0 + event.t * 60_000,
): DrillEvent {
  seq++;
  return { ...event, seq, wall: new Date(wallMs).toISOString() } as unknown as DrillEvent;
}

describe("due injects", () => {
  it("fires injects whose time has come, in order, and nothing early", () => {
    const state = foldDrill(tinyPlan(), [ev({ type: "drill-started", t: 0, speed: 1 })]);
    expect(dueInjects(state, 0).map((d) => [d.inject.id, d.action])).toEqual([["I1", "deliver"]]);
    expect(dueInjects(state, 25).map((d) => d.inject.id)).toEqual(["I1", "I2"]);
    expect(nextPendingInject(state)?.id).toBe("I1");
  });

  it("skips a conditional inject when its condition does not hold at its own time", () => {
    const state = foldDrill(tinyPlan(), [
      ev({ type: "drill-started", t: 0, speed: 1 }),
      ev({ type: "inject-delivered", t: 0, inject: "I1" }),
      ev({ type: "inject-delivered", t: 20, inject: "I2" }),
      ev({
        type: "decision",
        t: 50,
        group: "testing",
        inject: "I1",
        expectation: "E2",
        status: "done",
        text: "ok",
      }),
    ]);
    expect(dueInjects(state, 95)).toEqual([
      { inject: state.plan.injects[2], at: state.plan.injects[2]?.atMinutes, action: "skip" },
    ]);
  });

  it("delivers a conditional inject when the expectation is missed, and when it was done late", () => {
    const base = [
      ev({ type: "drill-started", t: 0, speed: 1 }),
      ev({ type: "inject-delivered", t: 0, inject: "I1" }),
      ev({ type: "inject-delivered", t: 20, inject: "I2" }),
    ];
    const missed = foldDrill(tinyPlan(), base);
    expect(dueInjects(missed, 90).map((d) => d.action)).toEqual(["deliver"]);
    const late = foldDrill(tinyPlan(), [
      ...base,
      ev({
        type: "decision",
        t: 75,
        group: "testing",
        expectation: "E2",
        status: "done",
        text: "late",
      }),
    ]);
    expect(dueInjects(late, 90).map((d) => d.action)).toEqual(["deliver"]);
  });

  it("judges a condition at the inject's time, not later", () => {
    // E2's deadline is T+60; at I3's time (90) it is missed even if done at 100.
    const state = foldDrill(tinyPlan(), [
      ev({ type: "drill-started", t: 0, speed: 1 }),
      ev({ type: "inject-delivered", t: 0, inject: "I1" }),
      ev({ type: "inject-delivered", t: 20, inject: "I2" }),
    ]);
    expect(dueInjects(state, 200).map((d) => [d.inject.id, d.action])).toEqual([
      ["I3", "deliver"],
      ["I4", "deliver"],
    ]);
  });
});

describe("expectations", () => {
  const events = () => [
    ev({ type: "drill-started", t: 0, speed: 1 }),
    ev({ type: "inject-delivered", t: 0, inject: "I1" }),
    ev({
      type: "decision",
      t: 10,
      group: "command",
      expectation: "E1",
      status: "partial",
      text: "half",
    }),
    ev({
      type: "decision",
      t: 25,
      group: "command",
      expectation: "E1",
      status: "done",
      text: "done",
    }),
    ev({
      type: "decision",
      t: 40,
      group: "testing",
      expectation: "E2",
      status: "blocked",
      text: "no staff",
      blocker: { kind: "people", text: "no staff" },
    }),
  ];

  it("tracks open, done on time, blocked, overdue and late", () => {
    const state = foldDrill(tinyPlan(), events());
    const e1 = state.expectations.get("E1");
    const e2 = state.expectations.get("E2");
    if (!e1 || !e2) throw new Error("missing");
    expect(e1).toMatchObject({
      deliveredAt: 0,
      deadline: 30,
      doneAt: 25,
      firstResponseAt: 10,
      lastStatus: "done",
    });
    expect(expectationStatus(e1, 100)).toBe("on-time");
    expect(expectationStatus(e2, 45)).toBe("blocked");
    applyEvent(
      state,
      ev({
        type: "decision",
        t: 50,
        group: "testing",
        expectation: "E2",
        status: "partial",
        text: "some",
      }),
    );
    expect(expectationStatus(e2, 55)).toBe("open");
    expect(expectationStatus(e2, 61)).toBe("overdue");
    applyEvent(
      state,
      ev({
        type: "decision",
        t: 70,
        group: "testing",
        expectation: "E2",
        status: "done",
        text: "done",
      }),
    );
    expect(expectationStatus(e2, 80)).toBe("late");
    const e3 = state.expectations.get("E3");
    expect(e3 && expectationStatus(e3, 80)).toBe("not-reached");
  });

  it("boards list each group's open expectations, soonest deadline first, with overdue counts", () => {
    const state = foldDrill(tinyPlan(), [
      ...events(),
      ev({ type: "inject-delivered", t: 20, inject: "I2" }),
    ]);
    const boards = groupBoards(state, 65);
    expect(
      boards.map((b) => [
        b.group,
        b.open.map((o) => [o.expectation.id, o.status, o.minutesLeft]),
        b.done,
        b.overdue,
      ]),
    ).toEqual([
      ["command", [], 1, 0],
      ["testing", [["E2", "blocked", -5]], 0, 1],
      ["tracing", [["E3", "open", 75]], 0, 0],
    ]);
  });

  it("counts decisions per group and keeps improvised ones apart", () => {
    const state = foldDrill(tinyPlan(), [
      ...events(),
      ev({ type: "decision", t: 41, group: "tracing", status: "done", text: "called the school" }),
    ]);
    expect(state.groups.get("tracing")).toEqual({ decisions: 1, improvised: 1, blocked: 0 });
    expect(state.groups.get("testing")).toEqual({ decisions: 1, improvised: 0, blocked: 1 });
    expect(state.counts.decisions).toBe(4);
  });

  it("refuses decisions on expectations whose inject has not been delivered", () => {
    const state = foldDrill(tinyPlan(), events());
    expect(decisionProblem(state, { group: "tracing", expectation: "E3" })?.message).toMatch(
      /not open yet/,
    );
    expect(decisionProblem(state, { group: "nobody" })?.message).toMatch(/unknown group/);
    expect(decisionProblem(state, { group: "command", expectation: "E2" })).toEqual({
      message: "expectation E2 is testing's, not command's",
      hint: "log it as an improvised action of command: leave out the expectation and give `inject: I1`",
    });
    expect(
      decisionProblem(state, { group: "testing", expectation: "E2", inject: "I2" })?.message,
    ).toMatch(/belongs to inject I1/);
    expect(decisionProblem(state, { group: "testing", expectation: "E2" })).toBeUndefined();
  });

  it("records events naming ids the plan does not have instead of failing", () => {
    const state = foldDrill(tinyPlan(), [
      ev({ type: "drill-started", t: 0, speed: 1 }),
      ev({ type: "inject-delivered", t: 0, inject: "I9" }),
      ev({
        type: "decision",
        t: 1,
        group: "command",
        expectation: "E99",
        status: "done",
        text: "x",
      }),
    ]);
    expect(state.unmatched.map((e) => e.type)).toEqual(["inject-delivered", "decision"]);
  });

  it("ends after the last deadline when nothing else is pending", () => {
    const state = foldDrill(tinyPlan(), events());
    // I4 at 120 is pending; the latest deadline so far is E2's at 60.
    expect(naturalEnd(state)).toBe(120);
  });
});

describe("the clock", () => {
  it("runs at the drill's speed, pauses, resumes and changes speed as logged", () => {
    const state = initialState(tinyPlan());
    applyEvent(state, ev({ type: "drill-started", t: 0, speed: 4 }, T0));
    expect(scenarioAt(state.clock, T0 + 60_000)).toBe(4);
    applyEvent(state, ev({ type: "clock-paused", t: 8 }, T0 + 120_000));
    expect(scenarioAt(state.clock, T0 + 600_000)).toBe(8);
    expect(wallAt(state.clock, 20)).toBeUndefined();
    applyEvent(state, ev({ type: "clock-resumed", t: 8 }, T0 + 600_000));
    expect(scenarioAt(state.clock, T0 + 660_000)).toBe(12);
    applyEvent(state, ev({ type: "clock-speed", t: 12, speed: 10 }, T0 + 660_000));
    expect(scenarioAt(state.clock, T0 + 720_000)).toBe(22);
    expect(wallAt(state.clock, 32)).toBe(T0 + 780_000);
    applyEvent(state, ev({ type: "clock-jumped", t: 90, from: 22 }, T0 + 720_000));
    expect(scenarioAt(state.clock, T0 + 720_000)).toBe(90);
  });

  it("a resumed drill's clock waits for the facilitator", () => {
    const state = initialState(tinyPlan());
    applyEvent(state, ev({ type: "drill-started", t: 0, speed: 1 }, T0));
    applyEvent(state, ev({ type: "drill-resumed", t: 30 }, T0 + 3_600_000));
    expect(state.clock.running).toBe(false);
    expect(scenarioAt(state.clock, T0 + 7_200_000)).toBe(30);
  });
});
