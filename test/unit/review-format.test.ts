import { describe, expect, it } from "vitest";
import { reviewFormat } from "../../src/review/format.js";

const noNames = { groups: [], injects: [], expectations: [], objectives: [] };

describe("durations in the review", () => {
  it("are written to the minute in each language, whichever was asked for first", () => {
    const zh = reviewFormat("zh", noNames);
    const en = reviewFormat("en", noNames);
    // Asked alternately, so a duration already written in one language is never reused for the other.
    for (let round = 0; round < 2; round++) {
      expect(zh.duration(0)).toBe("0 分钟");
      expect(en.duration(0)).toBe("0 minutes");
      expect(zh.duration(1)).toBe("1 分钟");
      expect(en.duration(1)).toBe("1 minute");
      expect(zh.duration(90)).toBe("1 小时 30 分钟");
      expect(en.duration(90)).toBe("1 hour 30 minutes");
      expect(en.duration(120)).toBe("2 hours");
      expect(zh.duration(120)).toBe("2 小时");
      expect(en.duration(59.6)).toBe("1 hour");
      expect(en.duration(-15)).toBe("-15 minutes");
      expect(zh.duration(-0.2)).toBe("0 分钟");
      expect(en.duration(1501)).toBe("25 hours 1 minute");
    }
  });
});
