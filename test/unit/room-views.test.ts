// What the room's pages are given, from the fold: delivered injects only, open actions with
// their deadlines, and entries as the facilitator's corrections left them.
import { describe, expect, it } from "vitest";
import { foldDrill } from "../../src/core/engine.js";
import type { DrillEvent } from "../../src/core/events.js";
import { seatsFor } from "../../src/room/seats.js";
import { boardView, seatView } from "../../src/room/views.js";
import { tinyPlan } from "../helpers/plans.js";

const wall = "2026-12-02T09:00:00.000Z";
const by = { seat: "group:testing", role: "group" as const };
const events: DrillEvent[] = [
  { seq: 1, wall, t: 0, type: "drill-started", speed: 1 },
  { seq: 2, wall, t: 0, type: "inject-delivered", inject: "I1" },
  {
    seq: 3,
    wall,
    t: 5,
    type: "decision",
    group: "testing",
    inject: "I1",
    expectation: "E2",
    status: "partial",
    text: "first",
    by,
  },
  {
    seq: 4,
    wall,
    t: 6,
    type: "decision",
    group: "testing",
    inject: "I1",
    status: "done",
    text: "wrong",
    by,
  },
  { seq: 5, wall, t: 7, type: "correction", amends: 4, retract: true, reason: "not this group's" },
  {
    seq: 6,
    wall,
    t: 8,
    type: "correction",
    amends: 3,
    decision: {
      group: "testing",
      inject: "I1",
      expectation: "E2",
      status: "blocked",
      text: "first, corrected",
    },
  },
];

describe("room views", () => {
  const plan = tinyPlan();
  const state = foldDrill(plan, events);
  const seats = seatsFor(plan, () => "t".repeat(32));

  it("a board shows the inject just delivered and per group the open actions with their deadlines", () => {
    const view = boardView(state, events, 10);
    expect(view.latest).toMatchObject({ id: "I1", to: ["Command", "Testing"], at: 0 });
    // E1: delivered at 0 within 30 → deadline 30; E2: within 60 → 60, blocked as corrected.
    expect(
      view.groups.map((g) => [g.id, g.open.map((o) => [o.id, o.deadline, o.blocked])]),
    ).toEqual([
      ["command", [["E1", 30, false]]],
      ["testing", [["E2", 60, true]]],
      ["tracing", []],
    ]);
    expect(JSON.stringify(view)).not.toContain("I2");
  });

  it("a seat sees its own entries as corrected: the retracted one marked, the amended one anew", () => {
    const seat = seats.find((s) => s.id === "group:testing");
    if (!seat) throw new Error("no seat");
    const view = seatView(state, events, 10, seat);
    expect(view.entries.map((e) => [e.seq, e.text, e.status, e.retracted, e.corrected])).toEqual([
      [4, "wrong", "done", true, false],
      [3, "first, corrected", "blocked", false, true],
    ]);
    expect(view.injects.map((i) => i.id)).toEqual(["I1"]);
    const tracing = seats.find((s) => s.id === "group:tracing");
    if (!tracing) throw new Error("no seat");
    expect(seatView(state, events, 10, tracing).injects).toEqual([]);
  });

  it("one seat per group and evaluator, a board, each token its own", () => {
    const fresh = seatsFor(plan);
    expect(fresh.map((s) => s.id)).toEqual([
      "board",
      "group:command",
      "group:testing",
      "group:tracing",
      "evaluator:1",
    ]);
    expect(new Set(fresh.map((s) => s.token)).size).toBe(fresh.length);
    // 24 random bytes: 192 bits, base64url.
    for (const s of fresh) expect(s.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
