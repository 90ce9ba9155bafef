// The time a facilitator gives a decision in the entry: absolute or back from now.
import { describe, expect, it } from "vitest";
import { parseEntryTime } from "../../src/console/entry-time.js";

describe("an entry's time", () => {
  it("reads scenario times", () => {
    expect(parseEntryTime("T+00:05", 34)).toEqual({ minutes: 5 });
    expect(parseEntryTime("t+1:10", 80)).toEqual({ minutes: 70 });
    expect(parseEntryTime("00:30", 34)).toEqual({ minutes: 30 });
    // A Chinese input method's full-width digits and colon.
    expect(parseEntryTime("Ｔ＋００：０５", 34)).toEqual({ minutes: 5 });
  });

  it("reads times back from now in both languages", () => {
    expect(parseEntryTime("-10m", 34)).toEqual({ minutes: 24 });
    expect(parseEntryTime("10m ago", 34)).toEqual({ minutes: 24 });
    expect(parseEntryTime("5 minutes ago", 34.5)).toEqual({ minutes: 29.5 });
    expect(parseEntryTime("5 分钟前", 34)).toEqual({ minutes: 29 });
    expect(parseEntryTime("1小时前", 90)).toEqual({ minutes: 30 });
    expect(parseEntryTime("now", 34.25)).toEqual({ minutes: 34.25 });
  });

  it("refuses a time after now, before the start, or that cannot be read", () => {
    expect(parseEntryTime("T+00:40", 34)).toEqual({ problem: "future" });
    expect(parseEntryTime("-1h", 34)).toEqual({ problem: "before-start" });
    // A bare number could mean T+00:05 or five minutes ago.
    expect(parseEntryTime("5", 34)).toEqual({ problem: "unreadable" });
    expect(parseEntryTime("soon", 34)).toEqual({ problem: "unreadable" });
  });
});
