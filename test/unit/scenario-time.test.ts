import { describe, expect, it } from "vitest";
import { formatClock, formatDuration, parseMinutes } from "../../src/core/scenario-time.js";

describe("parseMinutes", () => {
  it.each([
    ["00:30", 30],
    ["1:15", 75],
    ["30m", 30],
    ["2h", 120],
    ["1h30m", 90],
    ["1.5h", 90],
    ["30分钟", 30],
    ["2小时", 120],
    ["1小时30分钟", 90],
    ["1天", 1440],
    ["T+90", 90],
    ["1 h 30 min", 90],
    ["90", 90],
    [45, 45],
  ] as const)("%s is %d minutes", (text, minutes) => {
    expect(parseMinutes(text)).toBe(minutes);
  });

  it.each(["", "abc", "1h30x", "0:75", "-5", "h"])("rejects %j", (text) => {
    expect(parseMinutes(text)).toBeUndefined();
  });
});

describe("formatting", () => {
  it("formats clocks and durations", () => {
    expect(formatClock(90)).toBe("01:30");
    expect(formatClock(1505)).toBe("25:05");
    expect(formatDuration(90)).toBe("1h30m");
    expect(formatDuration(1500)).toBe("1d1h");
    expect(formatDuration(0)).toBe("0m");
  });
});
