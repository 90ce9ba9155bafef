// The fold options the review asks of the engine: each expectation's decision history (the
// decisions that changed where it stands), a cap on the seq numbers kept, and unmatched events
// counted even when not kept.

import { describe, expect, it } from "vitest";
import { foldDrill } from "../../src/core/engine.js";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import { tinyPlan } from "../helpers/plans.js";

function events(list: NewEvent[]): DrillEvent[] {
  return list.map((e, i) => ({ ...e, seq: i + 1, wall: "2026-01-01T00:00:00.000Z" }) as DrillEvent);
}

const decision = (t: number, status: "done" | "partial" | "blocked", extra = {}): NewEvent => ({
  type: "decision",
  t,
  group: "testing",
  expectation: "E2",
  status,
  text: `${status} at ${t}`,
  ...extra,
});

const log = events([
  { type: "inject-delivered", t: 0, inject: "I1" },
  decision(5, "partial"),
  decision(8, "partial"),
  decision(10, "blocked", { blocker: { kind: "people", text: "no staff" } }),
  decision(12, "blocked", { blocker: { kind: "people", text: "still none" } }),
  decision(15, "blocked", { blocker: { kind: "supplies", text: "no kits" } }),
  // Entered later than it happened: the history keeps when it happened.
  decision(30, "partial", { at: 20 }),
  decision(40, "done"),
  { type: "decision", t: 41, group: "testing", expectation: "E9", status: "done", text: "?" },
]);

describe("the fold's decision history", () => {
  it("keeps the decisions that changed where an expectation stands, counting the repeats", () => {
    const state = foldDrill(tinyPlan(), log, { keepRecords: false, history: true });
    expect(state.expectations.get("E2")?.history).toEqual([
      { seq: 2, at: 5, status: "partial", repeats: 1 },
      { seq: 4, at: 10, status: "blocked", blockerKind: "people", repeats: 1 },
      { seq: 6, at: 15, status: "blocked", blockerKind: "supplies", repeats: 0 },
      { seq: 7, at: 20, status: "partial", repeats: 0 },
      { seq: 8, at: 40, status: "done", repeats: 0 },
    ]);
    expect(state.expectations.get("E1")?.history).toBeUndefined();
  });

  it("is not kept unless asked for, and seq numbers are capped when asked", () => {
    const plain = foldDrill(tinyPlan(), log);
    expect(plain.expectations.get("E2")?.history).toBeUndefined();
    expect(plain.expectations.get("E2")?.decisions).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const capped = foldDrill(tinyPlan(), log, { decisionSeqs: 3 });
    expect(capped.expectations.get("E2")?.decisions).toEqual([2, 3, 4]);
  });

  it("counts unmatched events whether or not it keeps them", () => {
    const kept = foldDrill(tinyPlan(), log);
    const lean = foldDrill(tinyPlan(), log, { keepRecords: false });
    expect([kept.counts.unmatched, kept.unmatched.length]).toEqual([1, 1]);
    expect([lean.counts.unmatched, lean.unmatched.length]).toEqual([1, 0]);
  });
});
