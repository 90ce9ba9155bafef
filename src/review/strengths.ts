// What went well, to keep in the plan (HSEEP and AQ/T 9009 both ask for strengths): objectives
// performed without challenges (unless an evaluator rated them worse), and per group what the
// evaluators noted as a strength and what the group said went well in the hot wash.

import type { Plan } from "../core/plan.js";
import type { Collected } from "./collect.js";
import { compact } from "./findings.js";
import type { ObjectiveResult, Quote, Strength } from "./model.js";

export function findStrengths(
  plan: Plan,
  objectives: readonly ObjectiveResult[],
  collected: Pick<Collected, "observations" | "hotwash">,
): Strength[] {
  const strengths: Strength[] = [];
  for (const o of objectives) {
    const evaluator = o.evaluations.at(-1)?.rating;
    if (o.rating !== "P" || evaluator === "M" || evaluator === "U") continue;
    strengths.push({
      key: `performed:${o.id}`,
      kind: "objective",
      objective: o.id,
      evidence: compact({
        objectives: [o.id],
        expectations: o.expectations,
        quotes: o.evaluations
          .filter((e) => e.rating === "P")
          .map((e) => ({ source: "observation", text: e.text, t: e.t, seq: e.seq }) as Quote),
      }),
    });
  }
  const byGroup = new Map<string, Quote[]>();
  const add = (group: string, quote: Quote) => {
    const list = byGroup.get(group) ?? [];
    if (!list.some((q) => q.text === quote.text)) list.push(quote);
    byGroup.set(group, list);
  };
  for (const note of collected.observations) {
    if (note.kind !== "strength" || note.group === undefined) continue;
    add(note.group, {
      source: "observation",
      text: note.text,
      t: note.t,
      seq: note.seq,
      group: note.group,
    });
  }
  for (const entry of collected.hotwash.values()) {
    if (entry.wentWell.trim() !== "")
      add(entry.group, { source: "hotwash", text: entry.wentWell, group: entry.group });
  }
  // Groups an evaluator praised first, then the rest in plan order.
  const order = new Map(plan.groups.map((g, i) => [g.id, i]));
  const praised = (group: string) =>
    byGroup.get(group)?.some((q) => q.source === "observation") ? 0 : 1;
  const groups = [...byGroup.keys()].sort(
    (a, b) =>
      praised(a) - praised(b) || (order.get(a) ?? order.size) - (order.get(b) ?? order.size),
  );
  for (const group of groups) {
    strengths.push({
      key: `strength:${group}`,
      kind: "group",
      group,
      evidence: compact({ groups: [group], quotes: byGroup.get(group) ?? [] }),
    });
  }
  return strengths;
}
