// How a header is matched to a field, and how sure that is; how spellings of one group are
// merged. Literal data, scores worked out by hand.
import { describe, expect, it } from "vitest";
import { GroupResolver } from "../../src/sheet/groups.js";
import { matchHeader } from "../../src/sheet/headers.js";

describe("matchHeader", () => {
  it.each([
    // The headers, HSEEP's, Cadence's and OpenAEV's.
    ["Expected outcome(s)", "action", "exact"],
    ["Sent To:", "to", "exact"],
    ["Event Summary", "title", "exact"],
    ["Expected Reaction to Inject", "action", "exact"],
    ["Implementer (Actual Narrative)", "message", "exact"],
    ["EVENT TIME", "time", "exact"],
    ["Designated Scenario Time", "time", "exact"],
    ["Expected Participant Response", "action", "exact"],
    ["Exercise Objective", "objective", "exact"],
    ["Story Time", "time", "exact"],
    ["Inj #", "id", "exact"],
    ["Timeline", "time", "exact"],
    ["Teams", "to", "exact"],
    ["Expectation Description", "action", "exact"],
    ["Done/To do", "status", "exact"],
    ["1st Objective Supported", "objective", "phrase"],
    ["Time (Local)", "time", "exact"],
    ["事件时间", "time", "exact"],
  ] as const)("%j is %s (%s)", (header, field, confidence) => {
    expect(matchHeader(header)).toMatchObject({ field, confidence });
  });

  it("scores a phrase by its length, 3 more when it ends the header", () => {
    // "Planned Delivery Time": `time` ends it (4 + 3 = 7), `deliverytime` ends it too (12 + 3).
    expect(matchHeader("Planned Delivery Time")).toMatchObject({
      field: "time",
      confidence: "phrase",
      score: 15,
      reading: "clock",
    });
    // "Time of Event": `time` starts it (4), `event` ends it (5 + 3 = 8): the event, a title.
    expect(matchHeader("Time of Event")).toMatchObject({ field: "title", score: 8 });
  });

  it("leaves headers that name no field alone, though they contain one's name", () => {
    for (const header of ["Event Type", "Inject Mode", "Expectation Score", "Delivery Method"])
      expect(matchHeader(header)).toBeUndefined();
    // Short names are matched whole only: "Total" holds "to" but is no recipient.
    expect(matchHeader("Total")).toBeUndefined();
    expect(matchHeader("Last updated")).toBeUndefined();
  });

  it("says when a header reads as two fields alike", () => {
    // `phase` and `title`, five letters each, neither ending the header: a tie, reported.
    expect(matchHeader("Phase Title Ref")).toMatchObject({
      field: "phase",
      confidence: "phrase",
      score: 5,
      tie: "title",
    });
  });
});

describe("GroupResolver", () => {
  const resolver = (cells: string[]) => {
    const groups = new GroupResolver(undefined, [], "en");
    for (const cell of cells) groups.note(cell);
    groups.settle();
    return groups;
  };

  it("merges case, punctuation and hyphens, a known prefix and a shortened word", () => {
    const groups = resolver(["J4", "J-4", "JOC", "JOC J4", "JTF-S", "JTF South", "j 4"]);
    expect(groups.groups().map((g) => [g.id, g.name, g.aliases])).toEqual([
      ["j4", "J4", ["J-4", "j 4", "JOC J4"]],
      ["joc", "JOC", undefined],
      ["jtf-s", "JTF-S", ["JTF South"]],
    ]);
  });

  it("keeps apart what only looks alike", () => {
    // J3 and J35 differ in a number; TF-South is not JTF South; AL is not a group of its own.
    const groups = resolver(["J3", "J35", "JTF South", "TF-South", "AL J3", "Fire", "Fire Dept"]);
    expect(groups.groups().map((g) => g.name)).toEqual([
      "J3",
      "J35",
      "JTF South",
      "TF-South",
      "AL J3",
      "Fire",
      "Fire Dept",
    ]);
  });

  it("reads All and 全体 as every group, and keeps the first explicit group apart", () => {
    const groups = resolver(["EOC", "Fire", "EOC, All", "全体"]);
    expect(groups.resolveList("All")).toEqual(["eoc", "fire"]);
    expect(groups.resolveList("全体")).toEqual(["eoc", "fire"]);
    expect(groups.resolveList("Fire, All")).toEqual(["fire", "eoc"]);
    expect(groups.explicit("Fire, All")).toEqual(["fire"]);
    expect(groups.groups().map((g) => g.id)).toEqual(["eoc", "fire"]);
  });

  it("makes one group for the participants when the sheet names none", () => {
    const groups = resolver([]);
    expect(groups.groups().map((g) => [g.id, g.name])).toEqual([["players", "Players"]]);
    expect(groups.standIn()).toBe("players");
    const zh = new GroupResolver(undefined, [], "zh");
    zh.settle();
    expect(zh.groups().map((g) => g.name)).toEqual(["参演人员"]);
  });

  it("follows the mapping file's groups: over any merge", () => {
    const groups = new GroupResolver(undefined, [{ name: "JOC J4", id: "joc-j4" }], "en");
    for (const cell of ["J4", "JOC", "JOC J4"]) groups.note(cell);
    expect(groups.resolveList("JOC J4")).toEqual(["joc-j4"]);
    expect(groups.merges()).toEqual([]);
  });
});
