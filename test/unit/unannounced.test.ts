// Unannounced drills: seeded jitter within each inject's window, in hand-off and condition
// order, logged once and read back by every fold (console, review, replay).
import { describe, expect, it } from "vitest";
import { dueInjects, foldDrill, initialState } from "../../src/core/engine.js";
import type { DrillEvent, DrillUnannounced } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { DEFAULT_JITTER_MINUTES, jitterSchedule } from "../../src/core/unannounced.js";
import { parsePlan } from "../../src/plan/load.js";
import { planToYaml } from "../../src/plan/serialize.js";
import { analyse } from "../../src/review/analyse.js";
import { expectation, inject } from "../helpers/plans.js";
import { logHeader, runScripted } from "../helpers/scripted.js";

/** Five injects: I2 hands off from I1 (E2 after E1), I4 tests E3 of I3, I5 is free. */
function plan(jitter?: number): Plan {
  return {
    title: "jitter",
    scenario: "s",
    lang: "en",
    clock: { speed: 1 },
    ...(jitter !== undefined ? { jitterMinutes: jitter } : {}),
    groups: [
      { id: "a", name: "A", members: [], responsibilities: [] },
      { id: "b", name: "B", members: [], responsibilities: [] },
    ],
    objectives: [],
    injects: [
      inject("I1", 10, ["a"], [expectation("E1", "I1", "a", 30)]),
      inject("I2", 15, ["b"], [expectation("E2", "I2", "b", 30, { after: ["E1"] })]),
      inject("I3", 60, ["a"], [expectation("E3", "I3", "a", 20)]),
      inject("I4", 90, ["a"], [], { when: { expectation: "E3", status: ["missed"] } }),
      inject("I5", 120, ["b"], []),
    ],
  };
}

const at = (p: Plan, seed: number) => {
  const shifts = new Map(jitterSchedule(p, seed).map((j) => [j.inject, j.minutes]));
  return new Map(p.injects.map((i) => [i.id, i.atMinutes + (shifts.get(i.id) ?? 0)]));
};

describe("jitterSchedule", () => {
  it("gives the same times for the same seed, and other times for another", () => {
    const p = plan(15);
    expect(jitterSchedule(p, 42)).toEqual(jitterSchedule(p, 42));
    const seeds = [1, 2, 3, 4, 5].map((s) => JSON.stringify(jitterSchedule(p, s)));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it("keeps every time within its window, never before T+0, over many seeds", () => {
    for (const window of [0, 5, 15, 60]) {
      const p = plan(window);
      for (let seed = 0; seed < 300; seed++) {
        for (const j of jitterSchedule(p, seed)) {
          const planAt = p.injects.find((i) => i.id === j.inject)?.atMinutes ?? 0;
          expect(Math.abs(j.minutes)).toBeLessThanOrEqual(window);
          expect(planAt + j.minutes).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(j.minutes)).toBe(true);
        }
      }
    }
  });

  it("never delivers a hand-off's inject before the one it waits on", () => {
    // A 60-minute window would often put I2 (T+15) before I1 (T+10) if drawn freely.
    const p = plan(60);
    let crossedFreely = 0;
    for (let seed = 0; seed < 300; seed++) {
      const t = at(p, seed);
      expect(t.get("I2")).toBeGreaterThanOrEqual(t.get("I1") ?? Infinity);
      if ((t.get("I2") ?? 0) === (t.get("I1") ?? 0)) crossedFreely++;
    }
    // The clamp was needed: the draws did cross.
    expect(crossedFreely).toBeGreaterThan(0);
  });

  it("keeps a conditional inject at least its planned distance from the inject it tests", () => {
    const p = plan(60);
    for (let seed = 0; seed < 300; seed++) {
      const t = at(p, seed);
      // I4 tests E3 (deadline 20 min after I3) at its own time, 30 min after I3 in the plan.
      expect((t.get("I4") ?? 0) - (t.get("I3") ?? 0)).toBeGreaterThanOrEqual(30);
    }
  });

  it("uses the inject's own window over the plan's, and 15 minutes when neither is set", () => {
    const p = plan();
    expect(DEFAULT_JITTER_MINUTES).toBe(15);
    const own = { ...p, injects: p.injects.map((i) => ({ ...i, jitterMinutes: 0 })) };
    expect(jitterSchedule(own, 9).every((j) => j.minutes === 0)).toBe(true);
    for (let seed = 0; seed < 100; seed++)
      for (const j of jitterSchedule(p, seed)) expect(Math.abs(j.minutes)).toBeLessThanOrEqual(15);
  });
});

describe("an unannounced drill's log", () => {
  const script = `
- at: "00:20"
  group: a
  expectation: E1
  status: done
  text: done E1
- at: "00:50"
  group: b
  expectation: E2
  status: done
  text: done E2
`;

  it("records the seed and each inject's jitter before the drill starts; the fold delivers at those times", () => {
    const p = plan(15);
    const events = runScripted(p, script, "2026-12-01T09:00:00Z", { seed: 11 });
    const logged = events[0] as DrillUnannounced;
    expect(logged.type).toBe("unannounced");
    expect(logged.seed).toBe(11);
    expect(logged.jitter).toEqual(jitterSchedule(p, 11));
    expect(events[1]?.type).toBe("drill-started");
    const shifts = new Map(logged.jitter.map((j) => [j.inject, j.minutes]));
    const delivered = events.filter(
      (e): e is Extract<DrillEvent, { type: "inject-delivered" }> => e.type === "inject-delivered",
    );
    for (const d of delivered) {
      const planAt = p.injects.find((i) => i.id === d.inject)?.atMinutes ?? 0;
      expect(d.t).toBe(planAt + (shifts.get(d.inject) ?? 0));
    }
    // Any later fold reads the times from the log: no draw again.
    const state = foldDrill(p, events);
    expect(state.unannounced?.seed).toBe(11);
    expect(state.injects.get("I1")?.dueAt).toBe(10 + (shifts.get("I1") ?? 0));
  });

  it("is the same log for the same seed", () => {
    const p = plan(15);
    const a = runScripted(p, script, "2026-12-01T09:00:00Z", { seed: 5 });
    const b = runScripted(p, script, "2026-12-01T09:00:00Z", { seed: 5 });
    expect(a).toEqual(b);
  });

  it("moves a script's answers with the inject they answer", () => {
    const p = plan(15);
    const events = runScripted(p, script, "2026-12-01T09:00:00Z", { seed: 11 });
    const shift = jitterSchedule(p, 11).find((j) => j.inject === "I1")?.minutes ?? 0;
    const e1 = events.find((e) => e.type === "decision" && e.expectation === "E1");
    expect(e1?.t).toBe(20 + shift);
  });

  it("delivers in the jittered order", () => {
    const p = plan(15);
    const jittered = {
      seq: 1,
      wall: "2026-12-01T09:00:00Z",
      t: 0,
      type: "unannounced" as const,
      seed: 0,
      jitter: [
        { inject: "I1", minutes: 12 },
        { inject: "I2", minutes: 5 },
      ],
    };
    const folded = foldDrill(p, [jittered]);
    expect(folded.schedule.map((i) => i.id).slice(0, 2)).toEqual(["I2", "I1"]);
    expect(dueInjects(folded, 19).map((d) => d.inject.id)).toEqual([]);
    expect(dueInjects(folded, 21).map((d) => [d.inject.id, d.at])).toEqual([["I2", 20]]);
    expect(dueInjects(folded, 22).map((d) => [d.inject.id, d.at])).toEqual([
      ["I2", 20],
      ["I1", 22],
    ]);
    expect(initialState(p).schedule.map((i) => i.id)).toEqual(["I1", "I2", "I3", "I4", "I5"]);
  });

  it("is stated by the review, with each inject's jitter and the facilitator's looks ahead", () => {
    const p = plan(15);
    const events = runScripted(p, script, "2026-12-01T09:00:00Z", { seed: 11 });
    const peek = {
      seq: events.length + 1,
      wall: "2026-12-01T09:30:00Z",
      t: events.at(-1)?.t ?? 0,
      type: "peek" as const,
      inject: "I5",
    };
    const withPeek = [...events.slice(0, -1), peek, ...events.slice(-1)].map((e, i) => ({
      ...e,
      seq: i + 1,
    }));
    const review = analyse(p, logHeader(p, "2026-12-01T09:00:00.000Z"), withPeek, {
      lang: "en",
      tool: "t",
    });
    const shifts = jitterSchedule(p, 11);
    expect(review.drill.unannounced).toEqual({
      seed: 11,
      peeks: 1,
      injects: p.injects.map((i) => {
        const minutes = shifts.find((j) => j.inject === i.id)?.minutes ?? 0;
        return {
          inject: i.id,
          planAt: i.atMinutes,
          dueAt: i.atMinutes + minutes,
          jitterMinutes: minutes,
        };
      }),
    });
  });
});

describe("a plan's jitter and decoys", () => {
  it("are read from YAML and written back unchanged", () => {
    const source = `title: t
scenario: s
jitter: 20m
groups:
  - { id: a, name: A }
injects:
  - id: I1
    at: "00:10"
    title: real
    message: m
    to: a
    jitter: 0
    expects:
      - { id: E1, group: a, action: act, within: 30m }
  - id: D1
    at: "00:40"
    title: rumour
    message: noise
    to: a
    decoy: true
`;
    const { plan, problems } = parsePlan(source, "p.yaml");
    expect(problems).toEqual([]);
    expect(plan?.jitterMinutes).toBe(20);
    expect(plan?.injects.map((i) => [i.id, i.jitterMinutes, i.decoy])).toEqual([
      ["I1", 0, undefined],
      ["D1", undefined, true],
    ]);
    if (!plan) throw new Error("no plan");
    expect(parsePlan(planToYaml(plan), "again.yaml").plan).toEqual(plan);
  });

  it("refuses a decoy that expects actions", () => {
    const { plan, problems } = parsePlan(
      `title: t
scenario: s
groups:
  - { id: a, name: A }
injects:
  - id: D1
    at: 0
    title: rumour
    message: noise
    to: a
    decoy: true
    expects:
      - { id: E1, group: a, action: act, within: 30m }
`,
      "p.yaml",
    );
    expect(plan).toBeUndefined();
    expect(problems[0]).toMatchObject({
      severity: "error",
      location: { line: 11, col: 12 },
      message: "decoy inject D1 has expected actions",
    });
  });
});
