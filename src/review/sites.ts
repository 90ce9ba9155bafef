// The review by site (main venue and sub-venues, 分会场): per site, how its groups' expected
// actions came out and the minutes they were late; and the hand-offs that crossed from one
// site to another, with how long the action waited on the other site. Pure: the plan's sites
// and the review's expectation results in, the breakdown out.

import type { Site } from "../core/plan.js";
import { round } from "../core/scenario-time.js";
import type { ExpectationResult } from "./model.js";

export interface SiteResult {
  id: string;
  name: string;
  groups: string[];
  /** Expected actions of its groups that the drill reached (delivered). */
  actions: number;
  onTime: number;
  late: number;
  missed: number;
  blocked: number;
  /** Late minutes of its groups' actions, summed. */
  minutesLate: number;
  /** Its late actions, latest first: who was late here. */
  lateActions: { expectation: string; group: string; minutesLate: number }[];
}

export interface CrossSiteHandoff {
  expectation: string;
  group: string;
  site: string;
  /** The action it waited on, at another site. */
  waitedOn: string;
  waitedOnGroup: string;
  waitedOnSite: string;
  waitMinutes: number;
  pastDeadlineMinutes: number;
}

export interface SiteBreakdown {
  sites: SiteResult[];
  handoffs: CrossSiteHandoff[];
}

const REACHED = new Set(["on-time", "late", "missed", "blocked", "open"]);

export function siteBreakdown(
  sites: readonly Site[],
  expectations: readonly ExpectationResult[],
): SiteBreakdown {
  const siteOf = new Map<string, string>();
  for (const site of sites) for (const group of site.groups) siteOf.set(group, site.id);
  const results = sites.map((site): SiteResult => {
    const own = expectations.filter(
      (e) => siteOf.get(e.group) === site.id && REACHED.has(e.status),
    );
    const count = (status: string) => own.filter((e) => e.status === status).length;
    const late = own.filter((e) => e.minutesLate > 0);
    return {
      id: site.id,
      name: site.name,
      groups: [...site.groups],
      actions: own.length,
      onTime: count("on-time"),
      late: count("late"),
      missed: count("missed"),
      blocked: count("blocked"),
      minutesLate: round(late.reduce((sum, e) => sum + e.minutesLate, 0)),
      lateActions: late
        .map((e) => ({ expectation: e.id, group: e.group, minutesLate: e.minutesLate }))
        .sort((a, b) => b.minutesLate - a.minutesLate),
    };
  });
  const handoffs: CrossSiteHandoff[] = [];
  for (const e of expectations) {
    const h = e.handoff;
    if (!h) continue;
    const site = siteOf.get(e.group);
    const from = siteOf.get(h.group);
    if (!site || !from || site === from) continue;
    handoffs.push({
      expectation: e.id,
      group: e.group,
      site,
      waitedOn: h.expectation,
      waitedOnGroup: h.group,
      waitedOnSite: from,
      waitMinutes: h.waitMinutes,
      pastDeadlineMinutes: h.pastDeadlineMinutes,
    });
  }
  handoffs.sort((a, b) => b.waitMinutes - a.waitMinutes);
  return { sites: results, handoffs };
}
