import { describe, expect, it } from "vitest";
import { parseTimeCell, parseWithin, withinFromText } from "../../src/sheet/times.js";

describe("parseTimeCell", () => {
  it.each([
    ["T+90", { kind: "offset", minutes: 90 }],
    ["T+01:30", { kind: "offset", minutes: 90 }],
    ["T + 1h30m", { kind: "offset", minutes: 90 }],
    ["T+1d 02:30", { kind: "offset", minutes: 1590 }],
    ["T-30", { kind: "offset", minutes: -30 }],
    ["D+1 H+3 M+45", { kind: "offset", minutes: 1665 }],
    ["J-60", { kind: "offset", minutes: -86400 }],
    ["J", { kind: "offset", minutes: 0 }],
    ["J+1 H+2 M-5", { kind: "offset", minutes: 1555 }],
    ["H+2", { kind: "offset", minutes: 120 }],
    ["90m", { kind: "offset", minutes: 90 }],
    ["2小时", { kind: "offset", minutes: 120 }],
    ["01:30", { kind: "hhmm", minutes: 90 }],
    ["26:00", { kind: "hhmm", minutes: 1560 }],
    ["9h30", { kind: "hhmm", minutes: 570 }],
    ["Day 2", { kind: "day", day: 2 }],
    ["day 2 09:00", { kind: "day", day: 2, minutes: 540 }],
    ["第二天 08:30", { kind: "day", day: 2, minutes: 510 }],
    // A leading zero makes it military time; without one (`930`) the column decides.
    ["0930", { kind: "hhmm", minutes: 570 }],
    ["930", { kind: "number", value: 930 }],
    ["26/06/2024 09h00", { kind: "datetime", ms: Date.UTC(2024, 5, 26, 9, 0) }],
    ["5/3/10 0715", { kind: "datetime", ms: Date.UTC(2010, 4, 3, 7, 15) }],
    ["2024-06-26 09:05", { kind: "datetime", ms: Date.UTC(2024, 5, 26, 9, 5) }],
    ["2024年6月26日 9:05", { kind: "datetime", ms: Date.UTC(2024, 5, 26, 9, 5) }],
    ["2024-06-26", { kind: "date", ms: Date.UTC(2024, 5, 26) }],
  ] as const)("reads %j", (text, cell) => {
    expect(parseTimeCell(text, "time")).toEqual(cell);
  });

  it("reads Excel cells: time-only dates, date-times, fractions and serials", () => {
    expect(parseTimeCell(new Date(Date.UTC(1899, 11, 30, 8, 15)), "time")).toEqual({
      kind: "hhmm",
      minutes: 495,
    });
    const at = new Date(Date.UTC(2010, 4, 1, 4, 0));
    expect(parseTimeCell(at, "time")).toEqual({ kind: "datetime", ms: at.getTime() });
    expect(parseTimeCell(at, "day")).toEqual({ kind: "date", ms: Date.UTC(2010, 4, 1) });
    expect(parseTimeCell(0.0625, "time")).toEqual({ kind: "hhmm", minutes: 90 });
    expect(parseTimeCell(45787.5, "time")).toEqual({
      kind: "datetime",
      ms: Date.UTC(2025, 4, 10, 12, 0),
    });
    expect(parseTimeCell(3, "day")).toEqual({ kind: "day", day: 3 });
  });

  it.each(["", "soon", "M+5", "Phase 1", "team1"])("does not read %j as a time", (text) => {
    expect(parseTimeCell(text, "time")).toBeUndefined();
  });
});

describe("time targets", () => {
  it.each([
    ["2h", 120],
    ["30分钟", 30],
    ["1:30", 90],
    ["within 2 hours", 120],
    ["2小时内", 120],
    [45, 45],
    [0.125, 180],
  ] as const)("%j is %d minutes", (value, minutes) => {
    expect(parseWithin(value)).toBe(minutes);
  });

  it("finds a target in the action text", () => {
    expect(withinFromText("EMS units staged within 15 minutes; hospitals told")).toBe(15);
    expect(withinFromText("2小时内完成首批密接转运")).toBe(120);
    expect(withinFromText("Log the event")).toBeUndefined();
  });
});
