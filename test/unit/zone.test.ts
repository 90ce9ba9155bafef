// A bare whole-hour offset and the IANA zone intlZone gives for it show every date alike, in
// each pattern the reports and the timeline use; other zones are left as they are.

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { zhCN } from "date-fns/locale";
import { describe, expect, it } from "vitest";
import { intlZone } from "../../src/zone.js";

const PATTERNS = ["PPP HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy-MM-dd HH:mm (xxx)"];
const DATES = [
  "2026-11-24T01:00:00.000Z",
  "2026-12-31T16:30:00.000Z",
  "2024-02-29T23:59:59.999Z",
  "2022-09-03T20:00:00+08:00",
  "2026-03-29T01:00:00.000Z",
];

describe("intlZone", () => {
  it("names whole-hour offsets by their fixed IANA zone", () => {
    expect(intlZone("+08:00")).toBe("Etc/GMT-8");
    expect(intlZone("-05:00")).toBe("Etc/GMT+5");
    expect(intlZone("+1400")).toBe("Etc/GMT-14");
  });

  it("leaves other zones as they are", () => {
    for (const zone of ["+05:30", "+00:00", "-13:00", "Asia/Shanghai", "Mars/Olympus"])
      expect(intlZone(zone)).toBe(zone);
  });

  it("shows every date as the bare offset does", () => {
    for (const offset of ["+08:00", "+09:00", "-05:00", "+14:00", "-12:00", "+01:00"])
      for (const iso of DATES)
        for (const pattern of PATTERNS) {
          const bare = format(new TZDate(iso, offset), pattern, { locale: zhCN });
          expect(format(new TZDate(iso, intlZone(offset)), pattern, { locale: zhCN })).toBe(bare);
        }
  });
});
