import { describe, expect, it } from "vitest";
import { applyEvent, foldDrill } from "../../src/core/engine.js";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import { parseScript } from "../../src/run/script.js";
import { runScript } from "../../src/run/scripted.js";
import { tinyPlan } from "../helpers/plans.js";

const START = new Date("2026-11-24T09:00:00Z");

function scripted(source: string, existing: DrillEvent[] = []) {
  const plan = tinyPlan();
  const script = parseScript(source, "s.yaml", plan);
  expect(script.problems).toEqual([]);
  const state = foldDrill(plan, existing);
  const events: DrillEvent[] = [...existing];
  const emit = (event: NewEvent) => {
    const full = { ...event, seq: events.length + 1, wall: event.wall ?? "" } as DrillEvent;
    events.push(full);
    applyEvent(state, full);
    return full;
  };
  const done = new Set(existing.flatMap((e) => (e.ref ? [e.ref] : [])));
  runScript(state, script.entries, emit, { startedAt: START, done });
  return { state, events };
}

describe("parseScript", () => {
  it("reports every problem with its line and column, and suggests the nearest id", () => {
    const source = [
      '- at: "00:10"', //  1
      "  group: comand", // 2
      "  expectation: E1",
      "  status: done",
      '- at: "0:99"', // 5
      "  group: testing",
      '- at: "00:30"', // 7
      "  group: testing",
      "  expectation: E2",
      "  status: blocked", // 10
      "  text: no one",
      '- at: "00:40"', // 12
      "  note: x",
      "  rating: Q",
      "  colour: red", // 15
    ].join("\n");
    const { problems } = parseScript(source, "s.yaml", tinyPlan());
    expect(problems.map((p) => [p.location.line, p.location.col, p.message, p.hint])).toEqual([
      [2, 10, 'unknown group "comand"', 'did you mean "command"?'],
      [5, 7, '`at` is not a scenario time: "0:99"', 'write it as "01:30", "90m" or "1h30m"'],
      [
        10,
        11,
        "a blocked decision needs its `blocker`",
        "add `blocker: 采样人员不足` (what stopped the group)",
      ],
      [15, 3, "unknown field `colour`", undefined],
      [14, 11, 'unknown rating "Q"', "use P, S, M or U"],
      [14, 11, "a rating needs the objective it rates", "add `objective: O1`"],
    ]);
  });

  it("reports YAML syntax errors with their place", () => {
    const { problems } = parseScript('- at: "00:10"\n  group: [command\n', "s.yaml", tinyPlan());
    expect(problems[0]?.location).toMatchObject({ file: "s.yaml", line: 3 });
    expect(problems[0]?.message).toMatch(/^YAML syntax/);
  });

  it("infers the blocker kind from its text, and takes an explicit one", () => {
    const { entries } = parseScript(
      [
        '- at: "00:10"',
        "  group: testing",
        "  expectation: E2",
        "  status: blocked",
        "  blocker: 采样人员不足",
        '- at: "00:12"',
        "  group: testing",
        "  expectation: E2",
        "  status: blocked",
        "  blocker: { kind: authority, text: waiting for sign-off }",
      ].join("\n"),
      "s.yaml",
      tinyPlan(),
    );
    expect(entries.map((e) => (e.kind === "decision" ? e.blocker : undefined))).toEqual([
      { kind: "people", text: "采样人员不足" },
      { kind: "authority", text: "waiting for sign-off" },
    ]);
  });
});

describe("runScript", () => {
  const source = [
    '- at: "00:20"',
    "  group: command",
    "  expectation: E1",
    "  text: on it",
    '- at: "01:30"',
    "  group: testing",
    "  expectation: E2",
    "  text: late",
    '- at: "02:00"',
    "  note: well done",
    "  kind: strength",
    "- hotwash: command",
    "  well: fast",
  ].join("\n");

  it("fires injects on schedule around the script's entries and ends after the last deadline", () => {
    const { events, state } = scripted(source);
    expect(
      events.map((e) => `${e.t} ${e.type}${"inject" in e && e.inject ? ` ${e.inject}` : ""}`),
    ).toEqual([
      "0 drill-started",
      "0 inject-delivered I1",
      "20 inject-delivered I2",
      "20 decision I1",
      "90 inject-delivered I3", // E2 was missed at T+90, so the conditional inject fires
      "90 decision I1",
      "120 inject-delivered I4",
      "120 note",
      "180 drill-ended",
      "180 hotwash",
    ]);
    expect(state.ended).toBe(true);
  });

  it("keeps the virtual wall clock at the drill's speed", () => {
    const { events } = scripted(source);
    expect(events.find((e) => e.type === "decision")?.wall).toBe("2026-11-24T09:20:00.000Z");
  });

  it("a resumed run does not repeat what the log already holds and reaches the same end", () => {
    const whole = scripted(source).events;
    for (let cut = 1; cut < whole.length; cut++) {
      const resumed = scripted(source, whole.slice(0, cut)).events;
      const essence = (events: DrillEvent[]) =>
        events
          .filter((e) => e.type !== "drill-resumed" && e.type !== "clock-resumed")
          .map((e) => [e.type, e.t, e.ref]);
      expect(essence(resumed), `cut at ${cut}`).toEqual(essence(whole));
    }
  });

  it("refuses a decision on an expectation whose inject has not been delivered", () => {
    expect(() =>
      scripted('- at: "00:05"\n  group: tracing\n  expectation: E3\n  text: early'),
    ).toThrow(/not open yet/);
  });
});

describe("decision times and corrections in scripts", () => {
  it("gives a decision the time it happened, when it was logged later", () => {
    const { events, state } = scripted(
      [
        '- at: "00:34"',
        '  happened: "00:05"',
        "  group: command",
        "  expectation: E1",
        "  text: command post set up",
      ].join("\n"),
    );
    const decision = events.find((e) => e.type === "decision");
    expect(decision).toMatchObject({ t: 34, at: 5 });
    // E1 is due at T+30: on time by when it happened.
    expect(state.expectations.get("E1")?.doneAt).toBe(5);
  });

  it("corrects and retracts entries named by their id; the state is the corrected drill", () => {
    const { events, state } = scripted(
      [
        '- at: "00:10"', // 1
        "  id: first",
        "  group: testing",
        "  expectation: E2",
        "  status: blocked",
        "  blocker: 采样人员不足",
        "  text: 复核未开展",
        '- at: "00:12"', // 8
        "  id: note1",
        "  note: 交接靠电话",
        "  kind: improvement",
        '- at: "00:15"', // 12
        "  correct: first",
        "  status: done",
        '  happened: "00:11"',
        "  reason: 复核其实已完成",
        '- at: "00:16"', // 17
        "  retract: note1",
      ].join("\n"),
    );
    const [correction, retraction] = events.filter((e) => e.type === "correction");
    const decision = events.find((e) => e.type === "decision");
    expect(correction).toMatchObject({
      t: 15,
      ref: "script:12",
      amends: decision?.seq,
      reason: "复核其实已完成",
      decision: {
        group: "testing",
        inject: "I1",
        expectation: "E2",
        status: "done",
        text: "复核未开展",
        at: 11,
      },
    });
    // No longer blocked: the blocker goes with the status.
    expect(correction).not.toHaveProperty("decision.blocker");
    expect(retraction).toMatchObject({ t: 16, retract: true });
    expect(state.expectations.get("E2")?.doneAt).toBe(11);
    expect(state.counts.notes).toBe(0);
    expect(state.groups.get("testing")?.blocked).toBe(0);
  });

  it("says what is wrong with a correction, with its place", () => {
    const source = [
      '- at: "00:10"', // 1
      "  id: d1",
      "  group: command",
      "  text: x",
      '- at: "00:05"', // 5
      "  correct: d1",
      '- at: "00:20"', // 7
      "  correct: d2",
      '- at: "00:20"', // 9
      "  retract: d1",
      "  text: y",
      '- at: "00:20"', // 12
      "  correct: d1",
      "  rating: P",
      '- at: "00:20"', // 15
      '  happened: "00:30"',
      "  group: command",
      "  text: z",
    ].join("\n");
    const { problems } = parseScript(source, "s.yaml", tinyPlan());
    expect(problems.map((p) => `${p.location.line}: ${p.message}`)).toEqual([
      "5: this correction (at 5 min) comes before the entry it amends (at 10 min)",
      '8: no entry before this one has the id "d2"',
      "11: a retraction takes only a `reason`",
      "14: `rating` cannot be corrected on a decision",
      "16: `happened` (30 min) is after `at` (20 min), when the entry was logged",
    ]);
    expect(problems[1]?.hint).toBe("the ids given so far: d1");
  });
});
