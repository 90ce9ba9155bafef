// The improvement plan and the plan revisions, as data: one row per finding, in rank order,
// with its capability, its POETE element, who is responsible and their point of contact; and
// for each finding that points at a part of the plan, which part to change and how. The words
// come from the messages, in the review's language; the finding key ties a row to the same
// problem in every drill of the plan, whatever the language.

import { inferBlockerKind } from "../core/blockers.js";
import type { BlockerKind } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import type { Finding, ImprovementItem, PlanRevision, Poete, RevisionChange } from "./model.js";

const POETE_OF_BLOCKER: Record<BlockerKind, Poete> = {
  people: "organisation",
  supplies: "equipment",
  equipment: "equipment",
  information: "plan",
  coordination: "plan",
  authority: "plan",
  other: "plan",
};

/** What people said the cause was (a hot-wash "why", an evaluator's note), by blocker kind. */
function statedKind(finding: Finding): BlockerKind | undefined {
  const stated = (finding.evidence.quotes ?? []).find(
    (q) => q.source === "hotwash" || q.source === "observation",
  );
  const kind = stated ? inferBlockerKind(stated.text) : "other";
  return kind === "other" ? undefined : kind;
}

export function poeteOf(finding: Finding): Poete {
  switch (finding.kind) {
    case "blocker":
      return POETE_OF_BLOCKER[finding.rootCause.blockerKind ?? "other"];
    case "own-delay":
    case "observation": {
      const kind = statedKind(finding);
      return kind ? POETE_OF_BLOCKER[kind] : "training";
    }
    case "overload":
    case "group-silent":
      return "organisation";
    case "expectation-missed":
      return "training";
    case "critical-missed":
    case "inject-unanswered":
    case "improvised":
    case "role-confusion":
      return "plan";
  }
}

/** The capability of the first objective (in plan order) the finding touches. */
export function capabilityOf(finding: Finding, plan: Plan): string | undefined {
  const touched = new Set([
    ...(finding.evidence.objectives ?? []),
    ...(finding.rootCause.objective ? [finding.rootCause.objective] : []),
  ]);
  return plan.objectives.find((o) => touched.has(o.id) && o.capability !== undefined)?.capability;
}

export interface FindingWords {
  issue(finding: Finding): string;
  recommendation(finding: Finding): string;
  revision(revision: Omit<PlanRevision, "text">, finding: Finding): string;
}

export function improvementPlan(
  findings: readonly Finding[],
  plan: Plan,
  words: FindingWords,
): ImprovementItem[] {
  const leads = new Map(plan.groups.map((g) => [g.id, g.lead]));
  return findings.map((finding) => {
    const capability = capabilityOf(finding, plan);
    const poc = finding.group !== undefined ? leads.get(finding.group) : undefined;
    return {
      finding: finding.key,
      kind: finding.kind,
      rank: finding.rank,
      priority: finding.priority,
      ...(capability !== undefined ? { capability } : {}),
      poete: poeteOf(finding),
      ...(finding.group !== undefined ? { owner: finding.group } : {}),
      ...(poc !== undefined ? { poc } : {}),
      start: "",
      due: "",
      status: "open",
      issue: words.issue(finding),
      recommendation: words.recommendation(finding),
      evidence: finding.evidence,
    };
  });
}

const CHANGE_OF_BLOCKER: Record<BlockerKind, RevisionChange> = {
  people: "standby-team",
  supplies: "add-resource",
  equipment: "add-resource",
  information: "define-handoff",
  coordination: "define-handoff",
  authority: "delegate-authority",
  other: "fallback",
};

function firstQuote(finding: Finding, sources: readonly string[]): string | undefined {
  for (const source of sources) {
    const quote = finding.evidence.quotes?.find((q) => q.source === source);
    if (quote) return quote.text;
  }
  return undefined;
}

/** Which part of the plan a finding asks to change, and how; none for an evaluator's note. */
export function revisionOf(finding: Finding): Omit<PlanRevision, "text"> | undefined {
  const { rootCause } = finding;
  const group = finding.group;
  const expectation = rootCause.expectation;
  const on = (change: RevisionChange, basis: string | undefined) => {
    const wantsGroup =
      change === "standby-team" ||
      change === "delegate-authority" ||
      change === "raise-capacity" ||
      change === "reporting" ||
      change === "add-step";
    const target =
      wantsGroup || expectation === undefined
        ? group !== undefined
          ? { kind: "group" as const, id: group }
          : undefined
        : { kind: "expectation" as const, id: expectation };
    if (!target) return undefined;
    return { finding: finding.key, target, change, ...(basis !== undefined ? { basis } : {}) };
  };
  switch (finding.kind) {
    case "blocker": {
      const kind = rootCause.blockerKind ?? "other";
      return on(CHANGE_OF_BLOCKER[kind], firstQuote(finding, ["improvised", "blocker"]));
    }
    case "own-delay": {
      const kind = statedKind(finding);
      const basis = firstQuote(finding, ["hotwash", "observation", "decision"]);
      return on(kind ? CHANGE_OF_BLOCKER[kind] : "review-target", basis);
    }
    case "overload":
      return on("raise-capacity", firstQuote(finding, ["hotwash"]));
    case "critical-missed":
    case "expectation-missed":
      return on("fallback", firstQuote(finding, ["decision", "hotwash", "observation"]));
    case "group-silent":
      return on("reporting", undefined);
    case "improvised":
      return on("add-step", firstQuote(finding, ["improvised"]));
    case "inject-unanswered":
    case "role-confusion":
      return rootCause.inject !== undefined
        ? {
            finding: finding.key,
            target: { kind: "inject", id: rootCause.inject },
            change: finding.kind === "inject-unanswered" ? "assign-owner" : "clarify-roles",
          }
        : undefined;
    case "observation":
      return undefined;
  }
}

export function planRevisions(findings: readonly Finding[], words: FindingWords): PlanRevision[] {
  return findings.flatMap((finding) => {
    const revision = revisionOf(finding);
    return revision ? [{ ...revision, text: words.revision(revision, finding) }] : [];
  });
}
