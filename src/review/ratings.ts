// Objective ratings by the rule the report states, beside the evaluators' own, with what
// happened after an evaluator rated (so a disagreement can be explained both ways).

import type { Plan } from "../core/plan.js";
import type { Evaluation, ExpectationResult, ObjectiveResult } from "./model.js";

const UNMET = new Set(["missed", "blocked"]);

/** Whether an action counts towards its objective's rating: it was due within the drill. */
function rated(r: ExpectationResult): boolean {
  return r.status !== "not-reached" && r.status !== "open" && r.status !== "not-in-drill";
}

function overTwice(r: ExpectationResult): boolean {
  return r.latencyMinutes !== undefined && r.latencyMinutes > 2 * r.targetMinutes;
}

/** When an action became what set the rating: missed at its deadline, too slow at twice its target. */
function turnedAt(r: ExpectationResult): number | undefined {
  if (UNMET.has(r.status)) return r.deadline;
  if (overTwice(r) && r.deliveredAt !== undefined) return r.deliveredAt + 2 * r.targetMinutes;
  if (r.status === "late") return r.deadline;
  return undefined;
}

/** The first clause that holds, from U up to P; "-" when none of its actions was due. */
export function rateObjectives(
  plan: Plan,
  results: readonly ExpectationResult[],
  evaluations: ReadonlyMap<string, readonly Evaluation[]>,
): ObjectiveResult[] {
  return plan.objectives.map((objective) => {
    const mine = results.filter((r) => r.objective === objective.id);
    const due = mine.filter(rated);
    const criticalUnmet = due.filter((r) => r.critical && UNMET.has(r.status));
    const otherUnmet = due.filter((r) => !r.critical && UNMET.has(r.status));
    const slow = due.filter(overTwice);
    const late = due.filter((r) => r.status === "late");
    const [rating, reason, basis]: [
      ObjectiveResult["rating"],
      ObjectiveResult["reason"],
      ExpectationResult[],
    ] =
      due.length === 0
        ? ["-", "not-exercised", []]
        : criticalUnmet.length > 0
          ? ["U", "critical-missed", criticalUnmet]
          : otherUnmet.length > 0
            ? ["M", "missed", otherUnmet]
            : slow.length > 0
              ? ["M", "over-twice", slow]
              : late.length > 0
                ? ["S", "some-late", late]
                : ["P", "all-on-time", []];
    const given = [...(evaluations.get(objective.id) ?? [])];
    const latest = given.at(-1);
    const disagreement = latest !== undefined && latest.rating !== rating;
    const turnedAfter = disagreement
      ? basis.flatMap((r) => {
          const at = turnedAt(r);
          return at !== undefined && at > latest.t ? [{ expectation: r.id, at }] : [];
        })
      : undefined;
    return {
      id: objective.id,
      title: objective.title,
      ...(objective.capability !== undefined ? { capability: objective.capability } : {}),
      rating,
      reason,
      basis: basis.map((r) => r.id),
      expectations: mine.map((r) => r.id),
      evaluatorRatings: given.map((e) => e.rating),
      evaluations: given,
      disagreement,
      ...(turnedAfter ? { turnedAfter } : {}),
      findings: [],
    };
  });
}
