// The reader's fast check of event lines must agree with the zod schema on every line: a
// "yes" zod would refuse lets a bad line into a review, a "no" zod would accept only costs
// time, but is still a disagreement and held to here as well.
import { describe, expect, it } from "vitest";
import { CHECKED_EVENT_TYPES, eventFits, eventShapeProblem } from "../../src/log/event-fits.js";
import { drillEventSchema } from "../../src/log/schema.js";

const base = { seq: 7, wall: "2026-03-05T09:30:00.000+08:00", t: 12.5 };

/** One valid event of every type, with every optional field given. */
const FULL: Record<string, object> = {
  "drill-started": { speed: 60 },
  "drill-resumed": { reason: "crash" },
  "inject-delivered": { inject: "I1", early: true },
  "inject-skipped": { inject: "I2", reason: "condition", note: "not needed" },
  decision: {
    group: "lab",
    inject: "I1",
    expectation: "I1-lab-1",
    status: "blocked",
    text: "样本送检",
    blocker: { kind: "supplies", text: "试剂不足" },
    at: 11,
  },
  note: {
    kind: "improvement",
    text: "hand-off slow",
    group: "lab",
    inject: "I1",
    objective: "O1",
    rating: "M",
    at: 0,
  },
  correction: { amends: 3, retract: true, reason: "typo" },
  "clock-paused": {},
  "clock-resumed": {},
  "clock-speed": { speed: 0.5 },
  "clock-jumped": { from: -3 },
  hotwash: { group: "lab", wentWell: "a", wentLessWell: "b", why: "c" },
  unannounced: { seed: 42, jitter: [{ inject: "I1", minutes: -2 }] },
  peek: { inject: "I3" },
  "drill-ended": { reason: "complete" },
};

/** The same with only what is required. */
const BARE: Record<string, object> = {
  ...FULL,
  "drill-resumed": {},
  "inject-delivered": { inject: "I1" },
  "inject-skipped": { inject: "I2", reason: "facilitator" },
  decision: { group: "lab", status: "done", text: "" },
  note: { kind: "strength", text: "x" },
  peek: {},
  unannounced: { seed: 0, jitter: [] },
};

const EXTRA_CORRECTIONS = [
  { amends: 1, decision: FULL.decision },
  { amends: 1, note: FULL.note },
  { amends: 1, note: { kind: "neutral", text: "t" }, reason: "r" },
];

const VALUES: unknown[] = [
  undefined,
  null,
  "",
  "x",
  "done",
  "supplies",
  "P",
  0,
  -1,
  1,
  2.5,
  -0.5,
  2 ** 53,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  true,
  false,
  [],
  ["x"],
  {},
  { kind: "people", text: "t" },
  { seat: "s", role: "group" },
  "2026-02-30T00:00:00Z",
  "2026-03-05T09:30:00Z",
  "2026-03-05 09:30:00",
];

function events(): Record<string, unknown>[] {
  const all: Record<string, unknown>[] = [];
  for (const own of [FULL, BARE])
    for (const [type, fields] of Object.entries(own)) all.push({ ...base, type, ...fields });
  for (const fields of EXTRA_CORRECTIONS) all.push({ ...base, type: "correction", ...fields });
  all.push({ ...base, type: "decision", ...FULL.decision, by: { seat: "lab-1", role: "group" } });
  all.push({
    ...base,
    type: "peek",
    ref: "script:4",
    by: { seat: "e", role: "evaluator", site: "B" },
  });
  return all;
}

/** Every event with one field (or one nested field) replaced by each value, or removed. */
function mutants(): unknown[] {
  const out: unknown[] = [null, [], "decision", 3];
  for (const event of events()) {
    const keys = [...Object.keys(event), "by", "ref", "extra"];
    for (const key of keys) {
      for (const value of VALUES) {
        const copy: Record<string, unknown> = { ...event, [key]: value };
        if (value === undefined) delete copy[key];
        out.push(copy);
      }
      const nested = event[key];
      if (nested && typeof nested === "object" && !Array.isArray(nested)) {
        for (const inner of [...Object.keys(nested), "extra"])
          for (const value of VALUES) {
            const copy = { ...(nested as Record<string, unknown>), [inner]: value };
            if (value === undefined) delete copy[inner];
            out.push({ ...event, [key]: copy });
          }
      }
      if (Array.isArray(nested)) {
        for (const value of VALUES) out.push({ ...event, [key]: [value] });
        out.push({ ...event, [key]: [{ inject: "I1", minutes: 1.5 }] });
      }
    }
  }
  return out;
}

describe("eventFits", () => {
  it("knows the schema's event types, no more and no fewer", () => {
    const types = drillEventSchema._zod.def.options.map(
      (o) => o._zod.def.shape.type._zod.def.values[0],
    );
    expect([...CHECKED_EVENT_TYPES].sort()).toEqual([...types].sort());
  });

  it("says yes to every valid event of every type, so the fast path is the one taken", () => {
    for (const event of events()) {
      expect(drillEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
      expect(eventFits(event), JSON.stringify(event)).toBe(true);
    }
  });

  it("agrees with zod on every mutated event", () => {
    const all = mutants();
    expect(all.length).toBeGreaterThan(5000);
    let refused = 0;
    for (const line of all) {
      const zod = drillEventSchema.safeParse(line).success;
      if (!zod) refused++;
      expect(eventFits(line), JSON.stringify(line)).toBe(zod);
    }
    // The mutations do reach the refusals, not only harmless extra keys.
    expect(refused).toBeGreaterThan(all.length / 2);
  });

  it("leaves the wording of a problem to zod, in English words that say what was expected", () => {
    expect(
      eventShapeProblem({ ...base, type: "decision", group: "lab", status: "maybe", text: "" }),
    ).toBe('`status`: Invalid option: expected one of "done"|"partial"|"blocked"|"declined"');
    expect(eventShapeProblem({ ...base, type: "note", kind: "strength", text: 3 })).toBe(
      "`text`: Invalid input: expected string, received number",
    );
    expect(
      eventShapeProblem({ ...base, type: "decision", group: "lab", status: "done", text: "" }),
    ).toBeUndefined();
  });
});
