// The ranking rule the report states: findings behind an objective rated U first, then those
// that left a critical action missed or blocked, then those behind an objective rated M, then
// by the late minutes attributed to them. Priority follows: the first two tiers, and any cause
// of a quarter or more of the drill's late minutes, are high.

import type { Finding, ObjectiveResult, Priority, RankBasis } from "./model.js";

const BASES: readonly RankBasis[] = ["objective-u", "critical-unmet", "objective-m", "minutes"];

/** A quarter of the drill's late minutes makes a cause a high priority on its own. */
const HIGH_SHARE = 0.25;

function touches(finding: Finding, ids: readonly string[]): boolean {
  return ids.some(
    (id) =>
      finding.late?.some((l) => l.expectation === id) ||
      finding.missed?.includes(id) ||
      finding.blocked?.includes(id),
  );
}

function basisOf(
  finding: Finding,
  objectives: readonly ObjectiveResult[],
  critical: (id: string) => boolean,
): { basis: RankBasis; set: { id: string; rating: "U" | "M" | "S" | "P" }[] } {
  const set = objectives.flatMap((o) =>
    o.rating !== "-" && touches(finding, o.basis) ? [{ id: o.id, rating: o.rating }] : [],
  );
  const unmet = [...(finding.missed ?? []), ...(finding.blocked ?? [])];
  const basis: RankBasis = set.some((o) => o.rating === "U")
    ? "objective-u"
    : unmet.some(critical)
      ? "critical-unmet"
      : set.some((o) => o.rating === "M")
        ? "objective-m"
        : "minutes";
  return { basis, set };
}

function priorityOf(finding: Finding, basis: RankBasis): Priority {
  if (basis === "objective-u" || basis === "critical-unmet" || finding.share >= HIGH_SHARE)
    return "high";
  if (basis === "objective-m" || finding.minutesLost > 0) return "medium";
  return "low";
}

/** Ranks findings (in place of their rank, basis, priority and objectives) and sorts them. */
export function rankFindings(
  findings: Finding[],
  objectives: readonly ObjectiveResult[],
  critical: (id: string) => boolean,
): Finding[] {
  for (const f of findings) {
    const { basis, set } = basisOf(f, objectives, critical);
    f.rankBasis = basis;
    f.priority = priorityOf(f, basis);
    if (set.length > 0) f.objectives = set;
    else delete f.objectives;
  }
  const unmet = (f: Finding) => (f.missed?.length ?? 0) + (f.blocked?.length ?? 0);
  findings.sort(
    (a, b) =>
      BASES.indexOf(a.rankBasis) - BASES.indexOf(b.rankBasis) ||
      b.minutesLost - a.minutesLost ||
      unmet(b) - unmet(a) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  findings.forEach((f, i) => {
    f.rank = i + 1;
  });
  return findings;
}
