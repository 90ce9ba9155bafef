// Wall-clock times in a drill's zone: hand-worked times for bare offsets and named zones
// (a daylight-saving change included), and every bare offset read as @date-fns/tz reads it, in
// each pattern the reports, the timeline and the summaries use.

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { zhCN } from "date-fns/locale";
import { describe, expect, it } from "vitest";
import { fixedOffset, wallClockIn } from "../../src/zone.js";

const shown = (iso: string, zone: string) => {
  const wall = wallClockIn(iso, zone);
  return wall && `${format(wall.date, "yyyy-MM-dd HH:mm")} (${wall.offset})`;
};

describe("fixedOffset", () => {
  it("reads the ways an offset is written, east of UTC positive", () => {
    expect(fixedOffset("+08:00")).toBe(480);
    expect(fixedOffset("+0800")).toBe(480);
    expect(fixedOffset("+08")).toBe(480);
    expect(fixedOffset("-03:30")).toBe(-210);
    expect(fixedOffset("+05:45")).toBe(345);
    expect(fixedOffset("+00:00")).toBe(0);
    expect(fixedOffset("+14:00")).toBe(840);
    expect(fixedOffset("-12:00")).toBe(-720);
  });

  it("takes names and impossible offsets for names", () => {
    for (const zone of [
      "Asia/Shanghai",
      "UTC",
      "Etc/GMT-8",
      "+15:00",
      "+14:30",
      "-12:30",
      "-13:00",
      "+08:60",
      "8:00",
      "",
    ])
      expect(fixedOffset(zone)).toBeUndefined();
  });
});

describe("wallClockIn", () => {
  it("shows a bare offset's wall clock, worked by hand", () => {
    expect(shown("2026-11-24T01:00:00.000Z", "+08:00")).toBe("2026-11-24 09:00 (+08:00)");
    expect(shown("2026-11-24T01:00:00.000Z", "+0800")).toBe("2026-11-24 09:00 (+08:00)");
    expect(shown("2026-12-31T16:30:00.000Z", "+08:00")).toBe("2027-01-01 00:30 (+08:00)");
    expect(shown("2026-11-24T01:00:00.000Z", "-05:00")).toBe("2026-11-23 20:00 (-05:00)");
    expect(shown("2026-11-24T01:00:00.000Z", "+05:30")).toBe("2026-11-24 06:30 (+05:30)");
    expect(shown("2026-11-24T01:00:00.000Z", "-03:30")).toBe("2026-11-23 21:30 (-03:30)");
    expect(shown("2026-11-24T01:00:00.000Z", "+00:00")).toBe("2026-11-24 01:00 (+00:00)");
    expect(shown("2022-09-03T20:00:00+08:00", "+08:00")).toBe("2022-09-03 20:00 (+08:00)");
    const wall = wallClockIn("2026-11-24T01:00:00.000Z", "+08:00");
    expect(wall && format(wall.date, "PPP HH:mm", { locale: zhCN })).toBe("2026年11月24日 09:00");
  });

  it("shows a named zone's wall clock, across a change to summer time", () => {
    expect(shown("2026-11-24T01:00:00.000Z", "Asia/Shanghai")).toBe("2026-11-24 09:00 (+08:00)");
    // Berlin goes from 02:00 CET to 03:00 CEST at 01:00 UTC on 29 March 2026.
    expect(shown("2026-03-29T00:59:00.000Z", "Europe/Berlin")).toBe("2026-03-29 01:59 (+01:00)");
    expect(shown("2026-03-29T01:00:00.000Z", "Europe/Berlin")).toBe("2026-03-29 03:00 (+02:00)");
  });

  it("knows no zone this machine does not know", () => {
    expect(wallClockIn("2026-11-24T01:00:00.000Z", "Mars/Olympus")).toBeUndefined();
  });

  it("reads every bare offset as @date-fns/tz does, in each pattern used", () => {
    const patterns = ["PPP HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
    const dates = [
      "2026-11-24T01:00:00.000Z",
      "2026-12-31T16:30:00.000Z",
      "2024-02-29T23:59:59.999Z",
      "2022-09-03T20:00:00+08:00",
      "2026-03-29T01:00:00.000Z",
    ];
    for (const offset of ["+08:00", "+09:00", "-05:00", "+14:00", "-12:00", "+05:45", "-09:30"])
      for (const iso of dates) {
        const wall = wallClockIn(iso, offset);
        const library = new TZDate(iso, offset);
        expect(wall?.offset).toBe(format(library, "xxx"));
        for (const pattern of patterns) {
          expect(format(wall?.date ?? 0, pattern, { locale: zhCN })).toBe(
            format(library, pattern, { locale: zhCN }),
          );
        }
      }
  });
});
