// Properties of the delay attribution over random drills: every late action's parts add up to
// its minutes late, its minutes by cause too, and the bottlenecks never claim more minutes
// than the drill was late in all (each minute is counted once).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BLOCKER_KINDS,
  type BlockerKind,
  type DecisionStatus,
  type DrillEvent,
  type NewEvent,
} from "../../src/core/events.js";
import type { Expectation, Inject, Plan } from "../../src/core/plan.js";
import { round } from "../../src/core/scenario-time.js";
import { analyse } from "../../src/review/analyse.js";
import { logHeader } from "../helpers/scripted.js";

interface Shape {
  groups: (number | null)[];
  injects: {
    at: number;
    expects: { group: number; within: number; after: number[]; critical: boolean }[];
  }[];
  decisions: {
    expectation: number;
    offset: number;
    early: number;
    status: DecisionStatus;
    kind: BlockerKind;
  }[];
  end: number;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  groups: fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), {
    minLength: 1,
    maxLength: 4,
  }),
  injects: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 300 }),
      expects: fc.array(
        fc.record({
          group: fc.nat(),
          within: fc.integer({ min: 5, max: 120 }),
          after: fc.array(fc.nat(), { maxLength: 2 }),
          critical: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  decisions: fc.array(
    fc.record({
      expectation: fc.nat(),
      offset: fc.integer({ min: 0, max: 400 }),
      early: fc.integer({ min: 0, max: 300 }),
      status: fc.constantFrom<DecisionStatus>("done", "partial", "blocked", "declined"),
      kind: fc.constantFrom(...BLOCKER_KINDS),
    }),
    { maxLength: 40 },
  ),
  end: fc.integer({ min: 0, max: 800 }),
});

/** A plan and a log from a random shape: `after` only ever names earlier expectations. */
function drill(s: Shape): { plan: Plan; events: DrillEvent[] } {
  const groups = s.groups.map((capacity, i) => ({
    id: `g${i}`,
    name: `Group ${i}`,
    members: [],
    responsibilities: [],
    ...(capacity !== null ? { capacity } : {}),
  }));
  const all: Expectation[] = [];
  const injects: Inject[] = [...s.injects]
    .sort((a, b) => a.at - b.at)
    .map((spec, i) => {
      const id = `I${i + 1}`;
      const expects = spec.expects.map((e) => {
        const before = all.length;
        const expectation: Expectation = {
          id: `E${before + 1}`,
          inject: id,
          group: `g${e.group % groups.length}`,
          action: `act ${before + 1}`,
          withinMinutes: e.within,
          after: before === 0 ? [] : [...new Set(e.after.map((n) => `E${(n % before) + 1}`))],
          critical: e.critical,
        };
        all.push(expectation);
        return expectation;
      });
      return {
        id,
        atMinutes: spec.at,
        title: id,
        message: id,
        to: groups.map((g) => g.id),
        expects,
      };
    });
  const plan: Plan = {
    title: "random",
    scenario: "random",
    lang: "en",
    clock: { speed: 1 },
    groups,
    objectives: [],
    injects,
  };
  const timed: { t: number; order: number; event: NewEvent }[] = [];
  for (const inject of injects)
    timed.push({
      t: inject.atMinutes,
      order: 0,
      event: { type: "inject-delivered", t: inject.atMinutes, inject: inject.id },
    });
  s.decisions.forEach((d, i) => {
    const e = all[d.expectation % all.length] as Expectation;
    const delivered = injects.find((x) => x.id === e.inject)?.atMinutes ?? 0;
    const t = delivered + d.offset;
    // Some decisions are logged after they happened, with their own time (hundredths).
    const at = round(Math.max(delivered, t - d.early / 7));
    timed.push({
      t,
      order: 1 + i,
      event: {
        type: "decision",
        t,
        group: e.group,
        expectation: e.id,
        status: d.status,
        text: `decision ${i}`,
        ...(d.status === "blocked" ? { blocker: { kind: d.kind, text: `blocker ${i}` } } : {}),
        ...(d.early > 150 ? { at } : {}),
      },
    });
  });
  const last = Math.max(0, ...timed.map((x) => x.t));
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  const events = [
    { type: "drill-started", t: 0, speed: 1 },
    ...timed.map((x) => x.event),
    { type: "drill-ended", t: Math.max(last, s.end), reason: "script" },
  ].map(
    (e, i) =>
      ({ ...e, seq: i + 1, wall: new Date(Date.UTC(2026, 0, 1)).toISOString() }) as DrillEvent,
  );
  return { plan, events };
}

describe("the delay attribution over random drills", () => {
  it("splits each late action exactly, and counts no minute twice", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const { plan, events } = drill(s);
        const r = analyse(plan, logHeader(plan, "2026-01-01T00:00:00.000Z"), events, {
          lang: "en",
          tool: "t",
        });
        for (const e of r.expectations) {
          if (e.status !== "late") {
            expect(e.minutesLate).toBe(0);
            expect(e.delay).toBeUndefined();
            continue;
          }
          const d = e.delay;
          expect(d).toBeDefined();
          if (!d) continue;
          const parts =
            d.upstream.reduce((sum, u) => sum + u.minutes, 0) +
            d.blocked.reduce((sum, b) => sum + b.minutes, 0) +
            d.own;
          expect(round(parts)).toBe(e.minutesLate);
          expect([...d.upstream, ...d.blocked].every((x) => x.minutes > 0)).toBe(true);
          expect(d.own).toBeGreaterThanOrEqual(0);
          const causes = (e.causes ?? []).reduce((sum, c) => sum + c.minutes, 0);
          expect(round(causes)).toBe(e.minutesLate);
        }
        const lost = r.bottlenecks.reduce((sum, b) => sum + b.minutesLost, 0);
        expect(round(lost)).toBeLessThanOrEqual(r.summary.minutesLate);
        expect(r.gaps.every((g) => g.minutesLost === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
