// Shape-checked plan input → the normalised `Plan` of src/core/plan.ts: times in minutes,
// lists always lists, defaults filled in, injects in delivery order.

import type { Expectation, Group, Inject, Lang, Objective, Plan } from "../core/plan.js";
import { parseMinutes } from "../core/scenario-time.js";
import { asList, normaliseCondition } from "./rules.js";
import type {
  ExpectationInput,
  GroupInput,
  InjectInput,
  ObjectiveInput,
  PlanInput,
} from "./schema.js";

const HAN = /\p{Script=Han}/u;

/** Without `lang`, a plan whose title or scenario is written in Chinese reports in Chinese. */
export function defaultLang(input: Pick<PlanInput, "title" | "scenario">): Lang {
  return HAN.test(input.title) || HAN.test(input.scenario) ? "zh" : "en";
}

export function normalisePlan(input: PlanInput): Plan {
  const start = input.clock?.start;
  return {
    title: input.title,
    scenario: input.scenario,
    ...(input.version !== undefined ? { version: String(input.version) } : {}),
    lang: input.lang ?? defaultLang(input),
    clock: {
      speed: input.clock?.speed ?? 1,
      ...(start !== undefined ? { start: start.replace(" ", "T") } : {}),
    },
    ...(input.jitter !== undefined ? { jitterMinutes: minutes(input.jitter) } : {}),
    ...(input.evaluators !== undefined ? { evaluators: [...input.evaluators] } : {}),
    groups: input.groups.map(normaliseGroup),
    ...(input.sites !== undefined
      ? {
          sites: input.sites.map((site) => ({
            id: site.id,
            name: site.name,
            groups: [...site.groups],
          })),
        }
      : {}),
    objectives: (input.objectives ?? []).map(normaliseObjective),
    // Array.prototype.sort is stable: injects at the same time keep their order in the file.
    injects: input.injects.map(normaliseInject).sort((a, b) => a.atMinutes - b.atMinutes),
  };
}

function normaliseGroup(input: GroupInput): Group {
  return {
    id: input.id,
    name: input.name,
    ...(input.lead !== undefined ? { lead: input.lead } : {}),
    members: input.members ?? [],
    responsibilities: input.responsibilities ?? [],
    ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
    ...(input.aliases !== undefined && input.aliases.length > 0 ? { aliases: input.aliases } : {}),
  };
}

function normaliseObjective(input: ObjectiveInput): Objective {
  return {
    id: input.id,
    title: input.title,
    ...(input.capability !== undefined ? { capability: input.capability } : {}),
  };
}

function normaliseInject(input: InjectInput): Inject {
  const when = input.when === undefined ? undefined : normaliseCondition(input.when);
  return {
    id: input.id,
    atMinutes: minutes(input.at),
    title: input.title,
    message: input.message,
    to: [...new Set(asList(input.to))],
    ...(input.phase !== undefined ? { phase: input.phase } : {}),
    ...(when ? { when } : {}),
    expects: (input.expects ?? []).map((e) => normaliseExpectation(e, input.id)),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.decoy === true ? { decoy: true as const } : {}),
    ...(input.jitter !== undefined ? { jitterMinutes: minutes(input.jitter) } : {}),
  };
}

function normaliseExpectation(input: ExpectationInput, inject: string): Expectation {
  return {
    id: input.id,
    inject,
    group: input.group,
    action: input.action,
    withinMinutes: minutes(input.within),
    after: asList(input.after),
    ...(input.objective !== undefined ? { objective: input.objective } : {}),
    critical: input.critical ?? false,
  };
}

/** Shape-checked times always parse; the fallback keeps the types honest. */
function minutes(value: string | number): number {
  return parseMinutes(value) ?? 0;
}
