// How each expected action and each inject came out, judged at the end of the drill. Pure.

import type { DrillState, ExpectationState } from "../core/engine.js";
import { expectationStatus } from "../core/engine.js";
import type { ExpectationOutcome, InjectResult } from "./model.js";

/**
 * An action of a re-scoring plan the drill never had is `not-in-drill`; one still within its
 * time when the drill ended is `open`, whatever its last decision (ended at the deadline
 * itself, the time was all used); else done on time or late, left blocked, or missed.
 */
export function outcomeOf(es: ExpectationState, end: number, inDrill: boolean): ExpectationOutcome {
  if (!inDrill) return "not-in-drill";
  const status = expectationStatus(es, end);
  if (status === "on-time" || status === "late" || status === "not-reached") return status;
  if (es.deadline !== undefined && end < es.deadline) return "open";
  return status === "blocked" ? "blocked" : "missed";
}

/**
 * The injects in the order they happened (delivered, skipped, or due): a skip at T+01:40
 * comes before a delivery at T+02:00 whatever their order in the plan.
 */
export function injectResults(
  state: DrillState,
  answered: ReadonlySet<string>,
  skipNotes: ReadonlyMap<string, string>,
  end: number,
  inDrill: (inject: string) => boolean,
): InjectResult[] {
  const results = [...state.injects.values()].map((is): InjectResult => {
    const shortest = Math.min(...is.inject.expects.map((e) => e.withinMinutes));
    const notYetDue =
      is.deliveredAt !== undefined &&
      !answered.has(is.inject.id) &&
      Number.isFinite(shortest) &&
      end - is.deliveredAt < shortest;
    return {
      id: is.inject.id,
      title: is.inject.title,
      ...(is.inject.phase !== undefined ? { phase: is.inject.phase } : {}),
      atMinutes: is.inject.atMinutes,
      to: [...is.inject.to],
      status: is.status === "pending" ? "not-reached" : is.status,
      ...(is.deliveredAt !== undefined ? { deliveredAt: is.deliveredAt } : {}),
      ...(is.early ? { early: true } : {}),
      ...(is.skippedAt !== undefined ? { skippedAt: is.skippedAt } : {}),
      ...(is.skipReason !== undefined ? { skipReason: is.skipReason } : {}),
      ...(skipNotes.has(is.inject.id) ? { skipNote: skipNotes.get(is.inject.id) } : {}),
      ...(is.inject.when
        ? {
            condition: {
              expectation: is.inject.when.expectation,
              status: [...is.inject.when.status],
            },
          }
        : {}),
      answered: answered.has(is.inject.id),
      ...(notYetDue ? { notYetDue: true } : {}),
      ...(inDrill(is.inject.id) ? {} : { notInDrill: true }),
    };
  });
  const time = (i: InjectResult) => i.deliveredAt ?? i.skippedAt ?? i.atMinutes;
  // Array.prototype.sort is stable: injects at the same time keep the plan's order.
  return results.sort((a, b) => time(a) - time(b));
}
