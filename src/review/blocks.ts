// When an action was blocked: from a blocked decision until the next decision that is not
// blocked (or until it was done, or the drill ended), split where the blocker's kind changes.

import type { DecisionFact } from "../core/engine.js";
import type { BlockerKind } from "../core/events.js";
import { round } from "../core/scenario-time.js";
import type { BlockSpan } from "./delay.js";

/** The kind of what blocked a decision: as logged, else as inferred from its text. */
export type KindOf = (fact: DecisionFact) => BlockerKind;

export function kindOf(inferred: ReadonlyMap<number, BlockerKind>): KindOf {
  return (fact) => fact.blockerKind ?? inferred.get(fact.seq) ?? "other";
}

/** The blocked stretches in a decision history (in log order), up to `until`. */
export function blockSpans(
  history: readonly DecisionFact[],
  until: number,
  kindOfFact: KindOf = (fact) => fact.blockerKind ?? "other",
): BlockSpan[] {
  // A decision entered late carries its own time: order by when things happened.
  const facts = [...history].sort((a, b) => a.at - b.at);
  const spans: BlockSpan[] = [];
  let open: { from: number; kind: BlockerKind } | undefined;
  const close = (at: number) => {
    if (open && at > open.from) spans.push({ from: open.from, to: round(at), kind: open.kind });
    open = undefined;
  };
  for (const fact of facts) {
    if (fact.at >= until) break;
    if (fact.status !== "blocked") {
      close(fact.at);
      continue;
    }
    const kind = kindOfFact(fact);
    if (open?.kind === kind) continue;
    close(fact.at);
    open = { from: fact.at, kind };
  }
  close(until);
  return spans;
}
