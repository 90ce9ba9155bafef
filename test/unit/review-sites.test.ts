// The review by site, on literal results with the numbers worked out by hand.
import { describe, expect, it } from "vitest";
import type { ExpectationResult } from "../../src/review/model.js";
import { siteBreakdown } from "../../src/review/sites.js";

function result(
  id: string,
  group: string,
  status: ExpectationResult["status"],
  minutesLate: number,
  handoff?: ExpectationResult["handoff"],
): ExpectationResult {
  return {
    id,
    inject: "I1",
    group,
    action: id,
    critical: false,
    status,
    targetMinutes: 30,
    minutesLate,
    decisionCount: 0,
    decisions: [],
    ...(handoff ? { handoff } : {}),
  };
}

const sites = [
  { id: "main", name: "主会场", groups: ["command", "testing"] },
  { id: "east", name: "东区分会场", groups: ["tracing"] },
];

describe("siteBreakdown", () => {
  it("counts each site's reached actions and late minutes, and the hand-offs across sites", () => {
    const results = [
      result("E1", "command", "on-time", 0),
      result("E2", "testing", "late", 15),
      // Waited on E2 at the main venue: 45 minutes from delivery, 15 past E2's deadline.
      result("E3", "tracing", "late", 30, {
        expectation: "E2",
        group: "testing",
        internal: false,
        waitMinutes: 45,
        pastDeadlineMinutes: 15,
      }),
      result("E4", "tracing", "missed", 20),
      // Never delivered: not counted at any site.
      result("E5", "command", "not-reached", 0),
      // A hand-off within the main venue is not one between sites.
      result("E6", "testing", "on-time", 0, {
        expectation: "E1",
        group: "command",
        internal: false,
        waitMinutes: 10,
        pastDeadlineMinutes: 0,
      }),
    ];
    const breakdown = siteBreakdown(sites, results);
    // main: E1, E2, E6 reached; E1 and E6 on time; E2 late by 15.
    expect(breakdown.sites[0]).toEqual({
      id: "main",
      name: "主会场",
      groups: ["command", "testing"],
      actions: 3,
      onTime: 2,
      late: 1,
      missed: 0,
      blocked: 0,
      minutesLate: 15,
      lateActions: [{ expectation: "E2", group: "testing", minutesLate: 15 }],
    });
    // east: E3 late by 30, E4 missed with 20 late minutes: 30 + 20 = 50, latest first.
    expect(breakdown.sites[1]).toMatchObject({
      actions: 2,
      onTime: 0,
      late: 1,
      missed: 1,
      minutesLate: 50,
      lateActions: [
        { expectation: "E3", group: "tracing", minutesLate: 30 },
        { expectation: "E4", group: "tracing", minutesLate: 20 },
      ],
    });
    expect(breakdown.handoffs).toEqual([
      {
        expectation: "E3",
        group: "tracing",
        site: "east",
        waitedOn: "E2",
        waitedOnGroup: "testing",
        waitedOnSite: "main",
        waitMinutes: 45,
        pastDeadlineMinutes: 15,
      },
    ]);
  });

  it("a group at no site is counted nowhere", () => {
    const breakdown = siteBreakdown(sites, [result("E9", "supplies", "late", 12)]);
    expect(breakdown.sites.map((s) => s.actions)).toEqual([0, 0]);
    expect(breakdown.handoffs).toEqual([]);
  });
});
