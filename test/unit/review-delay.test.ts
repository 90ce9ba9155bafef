// Each rule of the delay attribution on literal times, with the minutes worked out by hand in
// the comments: a late minute is counted once, against where it began.

import { describe, expect, it } from "vitest";
import type { DecisionFact } from "../../src/core/engine.js";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { analyse } from "../../src/review/analyse.js";
import { blockSpans } from "../../src/review/blocks.js";
import {
  type ActionTiming,
  attributeDelays,
  latest,
  type Segment,
} from "../../src/review/delay.js";
import { rankedFindings } from "../../src/review/model.js";
import { expectation, inject } from "../helpers/plans.js";
import { logHeader } from "../helpers/scripted.js";

function actions(list: ActionTiming[]): Map<string, ActionTiming> {
  return new Map(list.map((a) => [a.id, a]));
}

const action = (
  id: string,
  group: string,
  deliveredAt: number,
  deadline: number,
  doneAt: number | undefined,
  extra: Partial<ActionTiming> = {},
): ActionTiming => ({
  id,
  group,
  deliveredAt,
  deadline,
  ...(doneAt !== undefined ? { doneAt } : {}),
  after: [],
  blocks: [],
  ...extra,
});

describe("delay attribution", () => {
  it("pushes a chain of three hand-offs back to the one blocker that began it", () => {
    // A blocked (supplies) 30–100, due 60, done 100: 40 late, all blocked.
    // B waits for A until 100, past A's deadline 60: 40; due 90, done 130: 40 late, all upstream.
    // C: waits until 130, past B's deadline 90: 40; due 120, done 160: 40, all upstream.
    // D: waits until 160, past C's deadline 120: 40; due 150, done 190: 40, all upstream.
    const a = attributeDelays(
      actions([
        action("A", "supplies", 0, 60, 100, { blocks: [{ from: 30, to: 100, kind: "supplies" }] }),
        action("B", "testing", 0, 90, 130, { after: ["A"] }),
        action("C", "testing", 0, 120, 160, { after: ["B"] }),
        action("D", "transfer", 0, 150, 190, { after: ["C"] }),
      ]),
    );
    expect(a.get("A")?.delay).toEqual({
      upstream: [],
      blocked: [{ kind: "supplies", minutes: 40 }],
      own: 0,
    });
    for (const id of ["B", "C", "D"]) {
      expect(a.get(id)?.minutesLate, id).toBe(40);
      expect(a.get(id)?.delay, id).toEqual({
        upstream: [{ expectation: "A", group: "supplies", minutes: 40 }],
        blocked: [],
        own: 0,
      });
      expect(a.get(id)?.segments, id).toEqual([
        { origin: "A", group: "supplies", cause: "blocked", blockerKind: "supplies", minutes: 40 },
      ]);
    }
    // One cause, one number: 4 × 40 = 160 minutes, all the blocker's.
    const all = [...a.values()].flatMap((x) => x.segments);
    expect(all.reduce((sum, s) => sum + s.minutes, 0)).toBe(160);
    expect(new Set(all.map((s) => `${s.origin}:${s.cause}:${s.blockerKind}`))).toEqual(
      new Set(["A:blocked:supplies"]),
    );
  });

  it("reads a blocker that clears and recurs as two stretches, the latest counted first", () => {
    // Blocked at 10, partly done at 30, blocked again at 50, done at 90.
    const history: DecisionFact[] = [
      { seq: 1, at: 10, status: "blocked", blockerKind: "supplies", repeats: 0 },
      { seq: 2, at: 30, status: "partial", repeats: 0 },
      { seq: 3, at: 50, status: "blocked", blockerKind: "supplies", repeats: 0 },
      { seq: 4, at: 90, status: "done", repeats: 0 },
    ];
    const blocks = blockSpans(history, 90);
    expect(blocks).toEqual([
      { from: 10, to: 30, kind: "supplies" },
      { from: 50, to: 90, kind: "supplies" },
    ]);
    // Due 60, done 90: 30 late; 20 + 40 = 60 blocked minutes cover it.
    const a = attributeDelays(actions([action("E", "testing", 0, 60, 90, { blocks })]));
    expect(a.get("E")?.delay).toEqual({
      upstream: [],
      blocked: [{ kind: "supplies", minutes: 30 }],
      own: 0,
    });
  });

  it("splits a stretch where the blocker's kind changes, and orders decisions by when they happened", () => {
    // Entered late: the partial step at 25 was logged after the second block (at 40).
    const history: DecisionFact[] = [
      { seq: 1, at: 10, status: "blocked", blockerKind: "people", repeats: 0 },
      { seq: 2, at: 40, status: "blocked", blockerKind: "supplies", repeats: 0 },
      { seq: 3, at: 25, status: "partial", repeats: 0 },
    ];
    expect(blockSpans(history, 60)).toEqual([
      { from: 10, to: 25, kind: "people" },
      { from: 40, to: 60, kind: "supplies" },
    ]);
  });

  it("keeps the latest block when blocks of two kinds cover more than the lateness", () => {
    // people 10–30, supplies 50–70, due 60, done 90: 30 late. Latest first: supplies 20, then
    // 10 of the people block; no own delay.
    const a = attributeDelays(
      actions([
        action("E", "testing", 0, 60, 90, {
          blocks: [
            { from: 10, to: 30, kind: "people" },
            { from: 50, to: 70, kind: "supplies" },
          ],
        }),
      ]),
    );
    expect(a.get("E")?.delay).toEqual({
      upstream: [],
      blocked: [
        { kind: "people", minutes: 10 },
        { kind: "supplies", minutes: 20 },
      ],
      own: 0,
    });
  });

  it("does not count a block twice when the action was also waiting upstream", () => {
    // P due 30, done 70: 40 late, its own. E waits for P from its deadline 30 until 70 (40);
    // E is blocked 30–110 "waiting for the list"; due 60, done 110: 50 late.
    // Upstream 40; the block outside the wait is 70–110 (40), of which 10 is left: blocked 10.
    const a = attributeDelays(
      actions([
        action("P", "tracing", 0, 30, 70),
        action("E", "transfer", 0, 60, 110, {
          after: ["P"],
          blocks: [{ from: 30, to: 110, kind: "information" }],
        }),
      ]),
    );
    expect(a.get("E")?.delay).toEqual({
      upstream: [{ expectation: "P", group: "tracing", minutes: 40 }],
      blocked: [{ kind: "information", minutes: 10 }],
      own: 0,
    });
    expect(a.get("E")?.handoff).toEqual({
      expectation: "P",
      group: "tracing",
      internal: false,
      waitMinutes: 70,
      pastDeadlineMinutes: 40,
    });
  });

  it("takes over only the predecessor's latest minutes when it waited for part of them", () => {
    // P: due 60, done 120: 60 late = blocked (supplies) 20 at 60–80, then own 40.
    // E delivered at 100 (after P's deadline): it waits 100–120, 20 minutes; due 130, done 150:
    // 20 late, all upstream: P's latest 20 minutes, its own delay.
    const a = attributeDelays(
      actions([
        action("P", "tracing", 0, 60, 120, { blocks: [{ from: 60, to: 80, kind: "supplies" }] }),
        action("E", "transfer", 100, 130, 150, { after: ["P"] }),
      ]),
    );
    expect(a.get("P")?.segments.map((s) => [s.cause, s.minutes])).toEqual([
      ["blocked", 20],
      ["own", 40],
    ]);
    expect(a.get("E")?.segments).toEqual([
      { origin: "P", group: "tracing", cause: "own", minutes: 20 },
    ]);
  });

  it("does not hold a predecessor not yet done against an action that went ahead", () => {
    // E done at 90 (due 60) though P was done only at 100: no upstream, 30 of its own.
    const a = attributeDelays(
      actions([
        action("P", "tracing", 0, 30, 100),
        action("E", "transfer", 0, 60, 90, { after: ["P"] }),
      ]),
    );
    expect(a.get("E")?.delay).toEqual({ upstream: [], blocked: [], own: 30 });
  });

  it("gives a group's own delay to its overload where it held more than its capacity", () => {
    // Own delay 40 (due 60, done 100); the group was over capacity 80–90: 10 minutes.
    const a = attributeDelays(
      actions([action("E", "testing", 0, 60, 100)]),
      new Map([["testing", [{ from: 80, to: 90 }]]]),
    );
    expect(a.get("E")?.segments.map((s) => [s.cause, s.minutes])).toEqual([
      ["overload", 10],
      ["own", 30],
    ]);
    expect(a.get("E")?.delay?.own).toBe(40);
  });

  it("is not late when done exactly at the deadline", () => {
    const a = attributeDelays(actions([action("E", "testing", 0, 60, 60)]));
    expect(a.get("E")).toMatchObject({ minutesLate: 0, segments: [] });
    expect(a.get("E")?.delay).toBeUndefined();
  });

  it("takes the latest minutes of a list of segments, in the order they arose", () => {
    const s = (cause: Segment["cause"], minutes: number): Segment => ({
      origin: "X",
      group: "g",
      cause,
      minutes,
    });
    expect(latest([s("blocked", 20), s("own", 10)], 25)).toEqual([s("blocked", 15), s("own", 10)]);
    expect(latest([s("blocked", 20), s("own", 10)], 50)).toEqual([s("blocked", 20), s("own", 10)]);
  });
});

/** A small plan: command (capacity 1), testing, tracing; one critical action. */
function plan(): Plan {
  return {
    title: "boundaries",
    scenario: "x",
    lang: "en",
    clock: { speed: 1 },
    groups: [
      { id: "command", name: "Command", members: [], responsibilities: [] },
      { id: "testing", name: "Testing", members: [], responsibilities: [] },
    ],
    objectives: [
      { id: "O1", title: "one" },
      { id: "O2", title: "two" },
    ],
    injects: [
      inject(
        "I1",
        0,
        ["command", "testing"],
        [
          expectation("E1", "I1", "command", 30, { critical: true, objective: "O1" }),
          expectation("E2", "I1", "testing", 60, { objective: "O2" }),
        ],
      ),
    ],
  };
}

function events(list: NewEvent[]): DrillEvent[] {
  return list.map(
    (e, i) =>
      ({
        ...e,
        seq: i + 1,
        wall: new Date(Date.UTC(2026, 0, 1) + e.t * 60_000).toISOString(),
      }) as DrillEvent,
  );
}

/** The testing group starts on E2, so it is not silent. */
const started: NewEvent = {
  type: "decision",
  t: 5,
  group: "testing",
  expectation: "E2",
  status: "partial",
  text: "started",
};

const done = (t: number, group: string, id: string): NewEvent => ({
  type: "decision",
  t,
  group,
  expectation: id,
  status: "done",
  text: `${id} done`,
});

function review(list: NewEvent[]) {
  const p = plan();
  return analyse(
    p,
    logHeader(p, "2026-01-01T00:00:00.000Z"),
    events([{ type: "inject-delivered", t: 0, inject: "I1" }, ...list]),
    {
      lang: "en",
      tool: "t",
    },
  );
}

describe("the boundaries", () => {
  it("counts an action done exactly at its deadline as on time", () => {
    const r = review([done(30, "command", "E1"), { type: "drill-ended", t: 60, reason: "script" }]);
    expect(r.expectations.find((e) => e.id === "E1")).toMatchObject({
      status: "on-time",
      minutesLate: 0,
    });
  });

  it("counts an action still open when the drill ended exactly at its deadline as missed", () => {
    const r = review([
      started,
      done(10, "command", "E1"),
      { type: "drill-ended", t: 60, reason: "facilitator" },
    ]);
    const e2 = r.expectations.find((e) => e.id === "E2");
    expect([e2?.status, e2?.minutesLate, e2?.cause]).toEqual(["missed", 0, "missed:E2"]);
    expect(r.summary.missed).toEqual(["E2"]);
  });

  it("rates a latency of exactly twice the target S, and one minute more M", () => {
    const at = (t: number) =>
      review([
        done(t, "command", "E1"),
        done(10, "testing", "E2"),
        { type: "drill-ended", t: 120, reason: "script" },
      ]).objectives.find((o) => o.id === "O1");
    expect(at(60)).toMatchObject({ rating: "S", reason: "some-late", basis: ["E1"] });
    expect(at(61)).toMatchObject({ rating: "M", reason: "over-twice", basis: ["E1"] });
  });

  it("never turns an action late but not done into minutes: it is counted as missed", () => {
    const r = review([
      started,
      done(10, "command", "E1"),
      { type: "drill-ended", t: 200, reason: "script" },
    ]);
    const e2 = r.expectations.find((e) => e.id === "E2");
    expect([e2?.status, e2?.minutesLate, e2?.delay]).toEqual(["missed", 0, undefined]);
    expect(r.summary.minutesLate).toBe(0);
    expect(rankedFindings(r).map((f) => [f.key, f.minutesLost, f.missed])).toEqual([
      ["missed:E2", 0, ["E2"]],
    ]);
  });

  it("follows a critical chain of one: the last critical action, late on its own", () => {
    const r = review([
      done(50, "command", "E1"),
      done(10, "testing", "E2"),
      { type: "drill-ended", t: 120, reason: "script" },
    ]);
    expect(r.summary.criticalPath).toEqual({ chain: ["E1"], doneAt: 50, minutesLate: 20 });
    const f = rankedFindings(r);
    expect(f.map((x) => [x.key, x.minutesLost, x.criticalPath])).toEqual([
      ["own-delay:command", 20, true],
    ]);
  });
});
