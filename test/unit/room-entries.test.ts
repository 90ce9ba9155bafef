// A seat's post turned into the event it becomes: the time it happened, its author, its id.
import { describe, expect, it } from "vitest";
import { foldDrill } from "../../src/core/engine.js";
import type { DrillEvent } from "../../src/core/events.js";
import { entryEvent } from "../../src/room/entries.js";
import { seatsFor } from "../../src/room/seats.js";
import { tinyPlan } from "../helpers/plans.js";

const wall = "2026-12-02T09:00:00.000Z";
const events: DrillEvent[] = [
  { seq: 1, wall, t: 0, type: "drill-started", speed: 1 },
  { seq: 2, wall, t: 0, type: "inject-delivered", inject: "I1" },
  { seq: 3, wall, t: 30, type: "clock-paused" },
];
const plan = tinyPlan();
const state = foldDrill(plan, events);
const seat = (id: string) => {
  const found = seatsFor(plan, () => "t".repeat(32)).find((s) => s.id === id);
  if (!found) throw new Error(id);
  return found;
};
const nowMs = Date.parse(wall) + 30 * 60_000;

describe("entryEvent", () => {
  it("a decision said to have happened 10 minutes ago at T+30 happened at T+20", () => {
    const verdict = entryEvent(
      state,
      seat("group:testing"),
      {
        id: "entry-0001",
        minutesAgo: 10,
        decision: { expectation: "E2", status: "done", text: "复核完成" },
      },
      30,
      nowMs,
    );
    expect(verdict).toEqual({
      ok: true,
      event: {
        type: "decision",
        t: 30,
        group: "testing",
        inject: "I1",
        expectation: "E2",
        status: "done",
        text: "复核完成",
        at: 20,
        by: { seat: "group:testing", role: "group" },
        ref: "room:entry-0001",
      },
    });
  });

  it("never before its inject's delivery, never after now; just now has no `at`", () => {
    const early = entryEvent(
      state,
      seat("group:testing"),
      {
        id: "entry-0002",
        minutesAgo: 500,
        decision: { expectation: "E2", status: "partial", text: "x" },
      },
      30,
      nowMs,
    );
    expect(early.ok && "event" in early && early.event.type === "decision" && early.event.at).toBe(
      0,
    );
    const now = entryEvent(
      state,
      seat("evaluator:1"),
      {
        id: "entry-0003",
        note: { kind: "strength", text: "会商及时", objective: "O1", rating: "P" },
      },
      30,
      nowMs,
    );
    expect(now).toEqual({
      ok: true,
      event: {
        type: "note",
        t: 30,
        kind: "strength",
        text: "会商及时",
        objective: "O1",
        rating: "P",
        by: { seat: "evaluator:1", role: "evaluator" },
        ref: "room:entry-0003",
      },
    });
  });

  it("an inject not yet delivered cannot be answered, and a rating needs its objective", () => {
    const notYet = entryEvent(
      state,
      seat("group:tracing"),
      { id: "entry-0004", decision: { inject: "I2", status: "done", text: "x" } },
      30,
      nowMs,
    );
    expect(notYet).toMatchObject({ ok: false, status: 422 });
    const rating = entryEvent(
      state,
      seat("evaluator:1"),
      { id: "entry-0005", note: { kind: "neutral", text: "x", rating: "S" } },
      30,
      nowMs,
    );
    expect(rating).toMatchObject({ ok: false, status: 422 });
  });
});
