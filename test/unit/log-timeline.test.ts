// `drill log` lines for what this version adds: a decision's own time, corrections (the
// original stays, the correction says what it became) and resume reasons in the reader's
// language.
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { type DrillEvent, LOG_FORMAT, type LogHeader } from "../../src/core/events.js";
import { timeline } from "../../src/log/timeline.js";
import { tinyPlan } from "../helpers/plans.js";

const header: LogHeader = {
  seq: 0,
  type: "header",
  format: LOG_FORMAT,
  tool: "drillbook test",
  startedAt: "2026-11-24T09:00:00Z",
  wall: "2026-11-24T09:00:00Z",
  t: 0,
  plan: tinyPlan(),
  planSha256: "",
  planSource: "",
  clock: "real",
};
const wall = "2026-11-24T09:00:00Z";
const plain = new Chalk({ level: 0 });

const decision: DrillEvent = {
  seq: 3,
  wall,
  t: 34,
  at: 5,
  type: "decision",
  group: "command",
  expectation: "E1",
  status: "partial",
  text: "post set up",
};

describe("the timeline", () => {
  it("shows when a decision happened, beside when it was logged", () => {
    const en = timeline(header, "en", plain);
    expect(en.line(decision)).toBe(
      "T+00:34  Command  decision [partly done] E1 do E1: post set up (happened T+00:05)",
    );
    expect(timeline(header, "zh", plain).line(decision)).toContain("（发生于 T+00:05）");
  });

  it("names what a correction amends and what it became, or that it was retracted", () => {
    const en = timeline(header, "en", plain);
    en.line(decision);
    const corrected: DrillEvent = {
      seq: 4,
      wall,
      t: 36,
      type: "correction",
      amends: 3,
      decision: { group: "command", expectation: "E1", status: "done", text: "done", at: 5 },
      reason: "typo",
    };
    expect(en.line(corrected)).toBe(
      "T+00:36  Command  corrected the decision of T+00:05 (#3) to: decision [done] E1 do E1: done — typo",
    );
    const retracted: DrillEvent = {
      seq: 5,
      wall,
      t: 37,
      type: "correction",
      amends: 3,
      retract: true,
    };
    expect(timeline(header, "zh", plain).line(retracted)).toBe(
      "T+00:37           撤回记录（第 3 条）",
    );
    expect(en.line(retracted)).toBe("T+00:37  Command  retracted the decision of T+00:05 (#3)");
  });

  it("shows the tool's own resume reasons in the reader's language, whichever it was logged in", () => {
    const resumed = (reason: string): DrillEvent => ({
      seq: 9,
      wall,
      t: 40,
      type: "drill-resumed",
      reason,
    });
    const en = timeline(header, "en", plain);
    const zh = timeline(header, "zh", plain);
    expect(en.line(resumed("用 --resume 继续"))).toContain(
      "drill resumed (continued with --resume)",
    );
    expect(en.line(resumed("--resume"))).toContain("drill resumed (continued with --resume)");
    expect(zh.line(resumed("continued with --resume"))).toContain("推演恢复（用 --resume 继续）");
    expect(zh.line(resumed("--resume --script"))).toContain("推演恢复（从日志继续）");
    // Anything else is the facilitator's text, shown as written.
    expect(en.line(resumed("power cut"))).toContain("drill resumed (power cut)");
  });

  it("remembers the last 100,000 entries for corrections, and only those", () => {
    const en = timeline(header, "en", plain);
    const count = 250_000;
    for (let seq = 1; seq <= count; seq++)
      en.line({ seq, wall, t: 1, at: seq % 60, type: "note", kind: "neutral", text: "n" });
    const retract = (amends: number): DrillEvent => ({
      seq: count + 1,
      wall,
      t: 2,
      type: "correction",
      amends,
      retract: true,
    });
    // The 100,000th entry from the end is named; the one before it is not any more.
    expect(en.line(retract(count - 99_999))).toContain("retracted the observation of T+00:");
    expect(en.line(retract(count - 100_000))).toBe(
      `T+00:02           retracted entry (#${count - 100_000})`,
    );
  }, 60_000);
});
