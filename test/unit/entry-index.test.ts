// The engine's index of decisions and observations (src/core/entry-index.ts): what each entry
// counted, found by its seq, replaced by a correction, taken back by a retraction. Expected
// rows written out by hand from tinyPlan: groups command, testing, tracing (0–2); E1–E5 (0–4);
// I1–I4 (0–3).

import { describe, expect, it } from "vitest";
import { EntryIndex } from "../../src/core/entry-index.js";
import type { DecisionLogged, NoteAdded } from "../../src/core/events.js";
import { tinyPlan } from "../helpers/plans.js";

const wall = "2026-11-24T09:00:00.000Z";
const decision = (
  seq: number,
  t: number,
  fields: Partial<DecisionLogged> & Pick<DecisionLogged, "group" | "status">,
): DecisionLogged => ({ seq, wall, t, type: "decision", text: `decision ${seq}`, ...fields });
const note: NoteAdded = {
  seq: 4,
  wall,
  t: 15,
  type: "note",
  kind: "strength",
  text: "good",
  group: "tracing",
};

const row = (fields: object) => ({
  retracted: false,
  note: false,
  inject: -1,
  status: undefined,
  blockerKind: undefined,
  ...fields,
});

function filled(): EntryIndex {
  const index = new EntryIndex(tinyPlan());
  index.put(decision(1, 5, { group: "command", expectation: "E1", status: "done" }));
  index.put(
    decision(3, 12, {
      group: "testing",
      expectation: "E2",
      inject: "I1",
      status: "blocked",
      blocker: { kind: "supplies", text: "no kits" },
      at: 10,
    }),
  );
  index.put(note);
  index.put(
    decision(6, 20, { group: "nobody", expectation: "E9", inject: "I9", status: "partial" }),
  );
  return index;
}

describe("the entry index", () => {
  it("keeps each entry's seq, time, group, expectation, inject, status and blocker kind", () => {
    const index = filled();
    expect(index.get(1)).toStrictEqual(
      row({ seq: 1, at: 5, group: 0, expectation: 0, status: "done" }),
    );
    // Its own time (`at`) over the time it was entered.
    expect(index.get(3)).toStrictEqual(
      row({
        seq: 3,
        at: 10,
        group: 1,
        expectation: 1,
        inject: 0,
        status: "blocked",
        blockerKind: "supplies",
      }),
    );
    expect(index.get(4)).toStrictEqual(
      row({ seq: 4, at: 15, note: true, group: 2, expectation: -1 }),
    );
    // A group or inject the plan lacks is -1; an expectation it lacks, -2.
    expect(index.get(6)).toStrictEqual(
      row({ seq: 6, at: 20, group: -1, expectation: -2, status: "partial" }),
    );
    expect(index.get(2)).toBeUndefined();
    expect(index.get(7)).toBeUndefined();
  });

  it("replaces an entry in its place when a correction gives it anew, and takes one back", () => {
    const index = filled();
    const replaced = index.put(
      decision(9, 30, { group: "testing", expectation: "E2", status: "done" }),
      3,
    );
    expect(replaced).toStrictEqual(
      row({ seq: 3, at: 30, group: 1, expectation: 1, status: "done" }),
    );
    expect(index.get(3)).toStrictEqual(replaced);
    expect(index.get(9)).toBeUndefined();
    expect([...index.answers(1)]).toStrictEqual([replaced]);

    // The last entry, too: replaced, not added again.
    const last = index.put(
      decision(10, 40, { group: "tracing", expectation: "E3", status: "done" }),
      6,
    );
    expect(index.get(6)).toStrictEqual(last);
    expect(last).toStrictEqual(row({ seq: 6, at: 40, group: 2, expectation: 2, status: "done" }));
    expect([...index.answers(-2)]).toStrictEqual([]);

    index.retract(1);
    expect(index.get(1)?.retracted).toBe(true);
    expect([...index.answers(0)]).toStrictEqual([]);
  });

  it("grows past its first arrays and still finds every entry", () => {
    const index = new EntryIndex(tinyPlan());
    for (let seq = 1; seq <= 200; seq++)
      index.put(decision(seq * 2, seq, { group: "command", expectation: "E1", status: "partial" }));
    expect(index.get(2)?.at).toBe(1);
    expect(index.get(128)?.at).toBe(64);
    expect(index.get(400)?.at).toBe(200);
    expect(index.get(129)).toBeUndefined();
    expect([...index.answers(0)]).toHaveLength(200);
  });
});
