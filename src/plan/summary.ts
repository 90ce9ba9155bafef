// The one-line summary `drill validate` prints for a good plan.

import { allExpectations, type Plan } from "../core/plan.js";
import { formatDuration, formatScenarioTime } from "../core/scenario-time.js";

export interface PlanCounts {
  groups: number;
  injects: number;
  conditionalInjects: number;
  expectations: number;
  criticalExpectations: number;
  objectives: number;
  /** Scenario time of the last inject. */
  lastInjectMinutes: number;
  /** Scenario length: the latest deadline (inject delivery + within), or the last inject. */
  lengthMinutes: number;
}

export function summarisePlan(plan: Plan): { counts: PlanCounts; line: string } {
  const expectations = allExpectations(plan);
  const lastInjectMinutes = Math.max(0, ...plan.injects.map((i) => i.atMinutes));
  const lengthMinutes = Math.max(
    lastInjectMinutes,
    ...plan.injects.flatMap((i) => i.expects.map((e) => i.atMinutes + e.withinMinutes)),
  );
  const counts: PlanCounts = {
    groups: plan.groups.length,
    injects: plan.injects.length,
    conditionalInjects: plan.injects.filter((i) => i.when).length,
    expectations: expectations.length,
    criticalExpectations: expectations.filter((e) => e.critical).length,
    objectives: plan.objectives.length,
    lastInjectMinutes,
    lengthMinutes,
  };
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const line = [
    n(counts.groups, "group"),
    `${n(counts.injects, "inject")}${counts.conditionalInjects ? ` (${counts.conditionalInjects} conditional)` : ""}`,
    `${n(counts.expectations, "expectation")}${counts.criticalExpectations ? ` (${counts.criticalExpectations} critical)` : ""}`,
    n(counts.objectives, "objective"),
    `scenario length ${formatDuration(lengthMinutes)} (last inject at ${formatScenarioTime(lastInjectMinutes)})`,
  ].join(", ");
  return { counts, line };
}
