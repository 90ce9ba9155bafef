// `drill validate` warns of plans that look broken, as a spreadsheet import can leave them:
// most injects at one time, one far beyond the rest, a group called "---", an action that
// is only punctuation. Hand-computed cases, and the outlier rule itself.
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/load.js";
import { findOutliers } from "../../src/plan/outliers.js";
import { isOnlyPunctuation, isPlaceholder } from "../../src/plan/placeholder.js";

function plan(
  injects: { at: string; action?: string }[],
  groups = "  - {id: hq, name: HQ}\n",
): string {
  return [
    "title: t",
    "scenario: s",
    "groups:",
    groups.trimEnd(),
    "injects:",
    ...injects.map(
      (inj, i) =>
        `  - {id: I${i + 1}, at: "${inj.at}", title: x, message: y, to: [hq]${inj.action === undefined ? "" : `, expects: [{id: E${i + 1}, group: hq, action: "${inj.action}", within: 1h}]`}}`,
    ),
    "",
  ].join("\n");
}

function warnings(yaml: string): [number | undefined, string][] {
  const { problems } = parsePlan(yaml, "p.yaml");
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return problems.map((p) => [p.location.line, p.message]);
}

describe("most injects at one time", () => {
  it("warns when more than half of five or more injects share a time", () => {
    // 3 of 5 at 00:00: more than half.
    const at = ["00:00", "00:00", "00:30", "00:00", "01:00"].map((t) => ({ at: t }));
    expect(warnings(plan(at))).toEqual([
      [6, "3 of 5 injects are at T+00:00: the times look as if they were not read"],
    ]);
  });

  it("says nothing of half, or of fewer than five injects", () => {
    // 2 of 4 (fewer than five), then 3 of 6 (half, not more).
    expect(warnings(plan(["00:00", "00:00", "00:00", "01:00"].map((t) => ({ at: t }))))).toEqual(
      [],
    );
    const six = ["00:00", "00:00", "00:00", "01:00", "02:00", "03:00"].map((t) => ({ at: t }));
    expect(warnings(plan(six))).toEqual([]);
  });
});

describe("an inject far beyond the others", () => {
  it("warns of a year off in a three-day plan", () => {
    // 0, 2h, 1d, 2d, then 366d: a gap of 364 days, more than a week and five times 2 days.
    const times = ["00:00", "02:00", "24:00", "48:00", "8784:00"].map((t) => ({ at: t }));
    expect(warnings(plan(times))).toEqual([
      [10, "inject I5 at T+8784:00 is far beyond the other injects (T+00:00 to T+48:00)"],
    ]);
  });

  it("says nothing of a week-long plan with a gap of six days", () => {
    const times = ["00:00", "24:00", "168:00"].map((t) => ({ at: t }));
    expect(warnings(plan(times))).toEqual([]);
  });

  it("finds the outliers by hand-computed gaps", () => {
    const week = 7 * 1440;
    // Rest span 100; the 200,000 gap is over a week and over 500: an outlier (index 3).
    expect([...findOutliers([0, 50, 100, 200_100])]).toEqual([3]);
    // At the start too.
    expect([...findOutliers([-200_000, 0, 50, 100])]).toEqual([0]);
    // A gap of exactly a week is not more than a week.
    expect([...findOutliers([0, 10, 20, 20 + week])]).toEqual([]);
    // A gap over a week but not five times the rest (3 weeks): kept.
    expect([...findOutliers([0, 3 * week, 4 * week + 60])]).toEqual([]);
    // Two values cannot tell which is off; undefined entries are ignored.
    expect([...findOutliers([0, 1_000_000])]).toEqual([]);
    expect([...findOutliers([undefined, 0, 5, undefined, 500_000])]).toEqual([4]);
    // At most one in fifty: of 100 times, two, off together.
    const many = Array.from({ length: 98 }, (_, i) => i);
    expect([...findOutliers([...many, 10 ** 6, 2 * 10 ** 6])].sort()).toEqual([98, 99]);
  });
});

describe("placeholders in groups and actions", () => {
  it("warns of a group called ---, N/A or Unassigned, and of an action that is only punctuation", () => {
    const groups = [
      "  - {id: hq, name: HQ}",
      '  - {id: g2, name: "---"}',
      "  - {id: unassigned, name: Unassigned}",
    ].join("\n");
    const yaml = plan(
      [
        { at: "00:00", action: "..." },
        { at: "00:10", action: "Call the EOC" },
      ],
      groups,
    );
    expect(warnings(yaml)).toEqual([
      [5, 'no inject is delivered to group "g2"'],
      [5, 'group "g2" is called "---", which names no one'],
      [6, 'no inject is delivered to group "unassigned"'],
      [6, 'group "unassigned" is called "Unassigned", which names no one'],
      [8, 'expected action E1 says only "..."'],
    ]);
  });

  it.each(["---", "—", "…", "N/A", "n/a", "TBD", "TBA", "-", "none", "无", "暂无", "?"])(
    "%j is a placeholder",
    (text) => {
      expect(isPlaceholder(text)).toBe(true);
    },
  );

  it.each(["J4", "None of the above", "无人机", "Police", "-5", "1"])("%j is not", (text) => {
    expect(isPlaceholder(text)).toBe(false);
  });

  it("tells punctuation only from text", () => {
    expect(isOnlyPunctuation(" - - ")).toBe(true);
    expect(isOnlyPunctuation("!?")).toBe(true);
    expect(isOnlyPunctuation("Go!")).toBe(false);
    expect(isOnlyPunctuation("")).toBe(false);
  });
});
