// The drill as analysts' formats see it, on the hand-made drill of test/helpers/open-formats.ts,
// with every time, status and relation worked out by hand from its clock and events.

import { describe, expect, it } from "vitest";
import { startClock } from "../../src/core/clock.js";
import type { DrillEvent } from "../../src/core/events.js";
import { ClockTimeline } from "../../src/open-formats/clock-times.js";
import { drillRecord, eventId, objectId } from "../../src/open-formats/drill-record.js";
import { handEvents, handHeader } from "../helpers/open-formats.js";

const ms = (hhmmss: string) => Date.parse(`2026-03-02T${hhmmss}.000Z`);

describe("ClockTimeline", () => {
  // Runs from T+0 at 09:00 at 4 min a minute, paused at T+12 (09:03), resumed at 09:20.
  const timeline = new ClockTimeline();
  timeline.record(startClock(0, ms("09:00:00"), 4, true));
  timeline.record(startClock(12, ms("09:03:00"), 4, false));
  timeline.record(startClock(12, ms("09:20:00"), 4, true));

  it("maps a scenario minute to the wall clock of the piece that reached it", () => {
    expect(timeline.wallMsAt(10, ms("09:10:00"))).toBe(ms("09:02:30"));
    expect(timeline.wallMsAt(16, ms("09:22:00"))).toBe(ms("09:21:00"));
  });

  it("gives the first instant the clock showed a minute it paused at", () => {
    expect(timeline.wallMsAt(12, ms("09:25:00"))).toBe(ms("09:03:00"));
  });

  it("never puts a time after the event was logged", () => {
    expect(timeline.wallMsAt(60, ms("09:25:00"))).toBe(ms("09:25:00"));
  });

  it("keeps the logged time when no clock has run yet", () => {
    expect(new ClockTimeline().wallMsAt(5, ms("09:01:00"))).toBe(ms("09:01:00"));
  });
});

describe("drillRecord", () => {
  const record = drillRecord("a.jsonl", handHeader(), handEvents());

  it("orders events by when they happened, through the clock for decisions with `at`", () => {
    expect(record.occurrences.map((o) => [o.seq, o.time.slice(11, 19)])).toEqual([
      [1, "09:00:00"],
      [2, "09:00:00"],
      [3, "09:02:00"],
      [5, "09:02:30"],
      [4, "09:03:00"],
      [6, "09:20:00"],
      [7, "09:21:00"],
      [8, "09:23:00"],
      [9, "09:27:00"],
      [10, "09:28:00"],
      [11, "09:29:00"],
      [12, "09:30:00"],
      [13, "09:37:00"],
    ]);
    const late = record.occurrences.find((o) => o.seq === 5);
    expect(late?.attributes).toMatchObject({
      minutes: 10,
      loggedMinutes: 12,
      loggedAt: "2026-03-02T09:10:00.000Z",
    });
  });

  it("relates each event to the objects it touches, with qualifiers", () => {
    const relations = (seq: number) =>
      record.occurrences
        .find((o) => o.seq === seq)
        ?.relations.map((r) => `${r.qualifier} ${r.kind}:${r.id}`);
    expect(relations(2)).toEqual([
      "in-drill drill:",
      "delivers inject:I1",
      "addressed-to group:command",
      "addressed-to group:tracing",
      "opens expectation:E1",
      "opens expectation:E2",
    ]);
    expect(relations(5)).toEqual([
      "in-drill drill:",
      "performed-by group:tracing",
      "answers expectation:E2",
      "about inject:I1",
      "blocked-by blocker:B1",
    ]);
    // The same blocker met twice is one object.
    expect(relations(8)).toContain("blocked-by blocker:B1");
    expect(relations(10)).toEqual([
      "in-drill drill:",
      "performed-by group:tracing",
      "about inject:I2",
    ]);
    expect(relations(11)).toEqual(["in-drill drill:", "about group:tracing", "rates objective:O1"]);
    expect(relations(4)).toEqual(["in-drill drill:"]);
  });

  it("has the drill's objects, with the status changes the engine saw", () => {
    expect(record.objects.map((o) => `${o.kind}:${o.id}`)).toEqual([
      "drill:",
      "group:command",
      "group:tracing",
      "objective:O1",
      "inject:I1",
      "expectation:E1",
      "expectation:E2",
      "inject:I2",
      "expectation:E3",
      "blocker:B1",
    ]);
    const changes = (kind: string, id: string) =>
      record.objects
        .find((o) => o.kind === kind && o.id === id)
        ?.changes.map((c) => `${c.time.slice(11, 19)} ${c.name}=${c.value}`);
    expect(changes("expectation", "E1")).toEqual([
      "09:00:00 status=open",
      "09:21:00 status=on-time",
    ]);
    // Blocked twice, still blocked at the end: one change.
    expect(changes("expectation", "E2")).toEqual([
      "09:00:00 status=open",
      "09:02:30 status=blocked",
    ]);
    expect(changes("expectation", "E3")).toEqual([
      "09:27:00 status=open",
      "09:30:00 status=on-time",
    ]);
    expect(changes("inject", "I2")).toEqual(["09:27:00 status=delivered"]);
    expect(changes("objective", "O1")).toEqual(["09:29:00 rating=M"]);
    expect(record.finalStatus).toEqual(
      new Map([
        ["E1", "on-time"],
        ["E2", "blocked"],
        ["E3", "on-time"],
      ]),
    );
    const e2 = record.objects.find((o) => o.id === "E2");
    expect(e2?.relations.map((r) => `${r.qualifier} ${r.kind}:${r.id}`)).toEqual([
      "part-of inject:I1",
      "assigned-to group:tracing",
      "after expectation:E1",
    ]);
  });

  it("exports an event type it does not know with the common attributes, tied to its drill", () => {
    const correction = {
      seq: 14,
      t: 80,
      wall: "2026-03-02T09:38:00.000Z",
      type: "correction",
      of: 12,
    } as unknown as DrillEvent;
    const extended = drillRecord("a.jsonl", handHeader(), [...handEvents(), correction]);
    expect(extended.occurrences.at(-1)).toMatchObject({
      type: "correction",
      time: "2026-03-02T09:38:00.000Z",
      attributes: { seq: 14, minutes: 80 },
      relations: [{ kind: "drill", id: "", qualifier: "in-drill" }],
    });
  });

  it("names objects and events so that drills never collide", () => {
    expect(objectId("drills/a.jsonl", "group", "tracing")).toBe("group:tracing@drills/a.jsonl");
    expect(objectId("drills/a.jsonl", "drill", "")).toBe("drill@drills/a.jsonl");
    expect(eventId("drills/a.jsonl", 12)).toBe("event:12@drills/a.jsonl");
    // A drill whose name looks like another object's id still gets ids of its own.
    expect(objectId("group:x", "drill", "")).not.toBe(objectId("x", "group", "x"));
  });
});
