// The review's analysis by capability: objectives that exercise the same capability of a
// library (`capability: cn.tracing`, or its name 流调溯源) taken together. Pure.
//
// The rule: a capability is rated as its worst exercised objective (U, then M, S, P); "-" when
// none of its objectives was exercised. Its findings are its objectives' findings, each once,
// in rank order; its actions are its objectives' expected actions, counted by outcome.

import type { CapabilityCatalogue } from "../capabilities/catalogue.js";
import { capabilityOf } from "../capabilities/catalogue.js";
import { capabilityName } from "../capabilities/library.js";
import type { Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import type {
  CapabilityResult,
  ExpectationOutcome,
  ExpectationResult,
  Finding,
  ObjectiveResult,
} from "./model.js";

const WORST_FIRST: readonly (Rating | "-")[] = ["U", "M", "S", "P", "-"];

export function worstRating(ratings: readonly (Rating | "-")[]): Rating | "-" {
  for (const r of WORST_FIRST) if (ratings.includes(r)) return r;
  return "-";
}

export function analyseCapabilities(
  objectives: readonly ObjectiveResult[],
  expectations: readonly ExpectationResult[],
  findings: readonly Finding[],
  catalogue: CapabilityCatalogue,
  lang: Lang,
): CapabilityResult[] {
  const byKey = new Map<string, CapabilityResult>();
  for (const o of objectives) {
    if (o.capability === undefined) continue;
    const capability = capabilityOf(o.capability, catalogue);
    const key = capability?.id ?? o.capability;
    let result = byKey.get(key);
    if (!result) {
      result = {
        id: key,
        name: capability ? capabilityName(capability, lang) : o.capability,
        ...(capability ? { library: capability.id.split(".")[0] ?? "" } : {}),
        rating: "-",
        objectives: [],
        findings: [],
        counts: {},
      };
      byKey.set(key, result);
    }
    result.objectives.push(o.id);
  }
  const objectiveById = new Map(objectives.map((o) => [o.id, o]));
  const rank = new Map(findings.map((f) => [f.key, f.rank]));
  for (const result of byKey.values()) {
    const mine = result.objectives.flatMap((id) => {
      const o = objectiveById.get(id);
      return o ? [o] : [];
    });
    result.rating = worstRating(mine.map((o) => o.rating));
    result.findings = [...new Set(mine.flatMap((o) => o.findings))].sort(
      (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity),
    );
    const ids = new Set(mine.flatMap((o) => o.expectations));
    const counts: Partial<Record<ExpectationOutcome, number>> = {};
    for (const e of expectations) if (ids.has(e.id)) counts[e.status] = (counts[e.status] ?? 0) + 1;
    result.counts = counts;
  }
  return [...byKey.values()];
}
