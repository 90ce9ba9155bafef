// The checks a plan's shape cannot express: unique ids, references that resolve, hand-off
// cycles, the timing of conditional injects, parts of the plan nothing uses, and plans that
// look broken (as an import from a spreadsheet can leave them: every inject at one time, one
// far from the rest, a group called "---"). Each rule is a small function from the checked
// plan to problems with a path into the YAML.

import { type CapabilityCatalogue, resolveCapability } from "../capabilities/catalogue.js";
import type { ConditionStatus, InjectCondition } from "../core/plan.js";
import {
  formatClock,
  formatDuration,
  formatScenarioTime,
  parseMinutes,
} from "../core/scenario-time.js";
import { didYouMean } from "../core/suggest.js";
import type { Severity } from "../errors.js";
import { parseConditionShorthand, statusFromWord } from "./condition.js";
import type { PlanPath } from "./locate.js";
import { findOutliers } from "./outliers.js";
import { isOnlyPunctuation, isPlaceholderGroupName } from "./placeholder.js";
import type {
  ConditionInput,
  ExpectationInput,
  GroupInput,
  InjectInput,
  ObjectiveInput,
  SiteInput,
} from "./schema.js";

export interface RuleProblem {
  severity: Severity;
  path: PlanPath;
  message: string;
  hint?: string;
  /** Another place the message refers to (the first of two duplicate ids). */
  seeAlso?: PlanPath;
}

/** An item of a list in the plan, with its index there (for the problem's location). */
export interface Indexed<T> {
  value: T;
  index: number;
}

export type IdKind = "group" | "objective" | "inject" | "expectation";

/** An id as declared in the file, whether or not its item passed the shape check. */
export interface DeclaredId {
  id: string;
  kind: IdKind;
  /** Path of the `id` value. */
  path: PlanPath;
}

/** An item with only the fields that passed the shape check (all of them when the plan did). */
export type Lenient<T> = { [K in keyof T]?: T[K] };

export type LenientInject = Lenient<Omit<InjectInput, "expects">> & {
  expects: Indexed<Lenient<ExpectationInput>>[];
};

export interface RuleContext {
  groups: Indexed<Lenient<GroupInput>>[];
  sites?: Indexed<Lenient<SiteInput>>[];
  objectives: Indexed<Lenient<ObjectiveInput>>[];
  injects: Indexed<LenientInject>[];
  declared: DeclaredId[];
  /** The whole plan passed the shape check, so "nothing uses X" warnings can be trusted. */
  complete: boolean;
  /** The capability libraries objectives' `capability` is checked against. */
  capabilities: CapabilityCatalogue;
}

export type Rule = (ctx: RuleContext) => RuleProblem[];

export function normaliseCondition(when: ConditionInput): InjectCondition | undefined {
  if (typeof when === "string") {
    const parsed = parseConditionShorthand(when);
    return parsed.ok ? parsed.condition : undefined;
  }
  const words = typeof when.status === "string" ? [when.status] : when.status;
  const status: ConditionStatus[] = [];
  for (const word of words) {
    const found = statusFromWord(word);
    if (found && !status.includes(found)) status.push(found);
  }
  return { expectation: when.expectation, status };
}

export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : value;

const uniqueIds: Rule = ({ declared }) => {
  const problems: RuleProblem[] = [];
  const first = new Map<string, DeclaredId>();
  for (const entry of declared) {
    const key = `${entry.kind}\u0000${entry.id}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, entry);
      continue;
    }
    problems.push({
      severity: "error",
      path: entry.path,
      message: `duplicate ${entry.kind} id "${entry.id}"`,
      hint: `give each ${entry.kind} its own id`,
      seeAlso: earlier.path,
    });
  }
  return problems;
};

/** Suggests the nearest declared id for a misspelt reference. */
function unknownReference(
  kind: IdKind,
  name: string,
  known: string[],
  path: PlanPath,
  field: string,
): RuleProblem {
  const plural = `${kind}s`;
  let hint: string;
  const suggestion = didYouMean(name, known);
  const list = known.length <= 12 ? `${plural}: ${known.join(", ")}` : undefined;
  if (suggestion) hint = `${suggestion}${list ? ` (${list})` : ""}`;
  else if (known.length === 0) hint = `the plan declares no ${plural}`;
  else hint = list ? `declared ${list}` : `check the spelling against the plan's ${plural}`;
  return {
    severity: "error",
    path,
    message: `unknown ${kind} "${name}" in \`${field}\``,
    hint,
  };
}

const references: Rule = ({ injects, declared, sites }) => {
  const known = (kind: IdKind) => [
    ...new Set(declared.filter((d) => d.kind === kind).map((d) => d.id)),
  ];
  const groups = known("group");
  const objectives = known("objective");
  const expectations = known("expectation");
  const problems: RuleProblem[] = [];
  const check = (kind: IdKind, ids: string[], name: string, path: PlanPath, field: string) => {
    if (!ids.includes(name)) problems.push(unknownReference(kind, name, ids, path, field));
  };
  const checkList = (
    kind: IdKind,
    ids: string[],
    value: string | string[] | undefined,
    path: PlanPath,
    field: string,
  ) =>
    asList(value).forEach((name, i) => {
      check(kind, ids, name, typeof value === "string" ? path : [...path, i], field);
    });

  for (const { value: site, index } of sites ?? [])
    checkList("group", groups, site.groups, ["sites", index, "groups"], "groups");
  for (const { value: inject, index } of injects) {
    const base = ["injects", index];
    checkList("group", groups, inject.to, [...base, "to"], "to");
    if (inject.when !== undefined) {
      const condition = normaliseCondition(inject.when);
      const path =
        typeof inject.when === "string" ? [...base, "when"] : [...base, "when", "expectation"];
      if (condition) check("expectation", expectations, condition.expectation, path, "when");
    }
    for (const { value: expectation, index: j } of inject.expects) {
      const at = [...base, "expects", j];
      if (expectation.group !== undefined)
        check("group", groups, expectation.group, [...at, "group"], "group");
      if (expectation.objective !== undefined)
        check("objective", objectives, expectation.objective, [...at, "objective"], "objective");
      checkList("expectation", expectations, expectation.after, [...at, "after"], "after");
    }
  }
  return problems;
};

interface Located {
  expectation: Lenient<ExpectationInput>;
  inject: LenientInject;
  path: PlanPath;
}

function expectationIndex(injects: Indexed<LenientInject>[]): Map<string, Located> {
  const index = new Map<string, Located>();
  for (const { value: inject, index: i } of injects) {
    for (const { value: expectation, index: j } of inject.expects) {
      if (expectation.id !== undefined && !index.has(expectation.id))
        index.set(expectation.id, { expectation, inject, path: ["injects", i, "expects", j] });
    }
  }
  return index;
}

const handOffCycles: Rule = ({ injects }) => {
  const index = expectationIndex(injects);
  const problems: RuleProblem[] = [];
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  // Iterative depth-first search: a long hand-off chain must not overflow the stack.
  for (const startId of index.keys()) {
    if (state.has(startId)) continue;
    const stack: { id: string; next: string[] }[] = [];
    const enter = (id: string) => {
      state.set(id, "visiting");
      stack.push({
        id,
        next: asList(index.get(id)?.expectation.after).filter((a) => index.has(a)),
      });
    };
    enter(startId);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: string[] };
      const next = top.next.shift();
      if (next === undefined) {
        state.set(top.id, "done");
        stack.pop();
        continue;
      }
      const seen = state.get(next);
      if (seen === undefined) enter(next);
      else if (seen === "visiting") {
        const from = stack.findIndex((frame) => frame.id === next);
        const cycle = stack.slice(from).map((frame) => frame.id);
        const key = [...cycle].sort().join(" ");
        if (reported.has(key)) continue;
        reported.add(key);
        const owner = index.get(next) as Located;
        problems.push({
          severity: "error",
          path: [...owner.path, "after"],
          message: `hand-off cycle: ${[...cycle, next].join(" → ")}`,
          hint: "each expectation waits for the one before it, so none can start; remove one `after`",
        });
      }
    }
  }
  return problems;
};

const conditionTiming: Rule = ({ injects }) => {
  const index = expectationIndex(injects);
  const problems: RuleProblem[] = [];
  for (const { value: inject, index: i } of injects) {
    if (inject.when === undefined) continue;
    const condition = normaliseCondition(inject.when);
    const tested = condition && index.get(condition.expectation);
    if (!condition || !tested) continue;
    const path = ["injects", i, "when"];
    if (tested.inject === inject) {
      problems.push({
        severity: "error",
        path,
        message: `inject ${inject.id ?? ""} tests ${condition.expectation}, one of its own expectations`,
        hint: "a conditional inject tests an expectation of an earlier inject",
      });
      continue;
    }
    const at = minutesOf(inject.at);
    const testedAt = minutesOf(tested.inject.at);
    const within = minutesOf(tested.expectation.within);
    if (at === undefined || testedAt === undefined) continue;
    if (testedAt >= at) {
      problems.push({
        severity: "warning",
        path,
        message: `inject ${inject.id ?? ""} (${formatScenarioTime(at)}) tests ${condition.expectation}, whose inject ${tested.inject.id ?? ""} is not earlier (${formatScenarioTime(testedAt)})`,
        hint: "the condition is evaluated at this inject's time; move it after the inject it tests",
      });
      continue;
    }
    if (within === undefined) continue;
    const deadline = testedAt + within;
    const needsDeadline = condition.status.every((s) => s === "missed" || s === "late");
    if (needsDeadline && deadline > at) {
      problems.push({
        severity: "warning",
        path,
        message: `condition can never hold: at ${formatScenarioTime(at)} ${condition.expectation} (deadline ${formatScenarioTime(deadline)}) cannot be ${condition.status.join(" or ")} yet`,
        hint: `move inject ${inject.id ?? ""} to ${formatScenarioTime(deadline)} or later, or test \`not-done\``,
      });
    }
  }
  return problems;
};

const minutesOf = (value: string | number | undefined) =>
  value === undefined ? undefined : parseMinutes(value);

const expectationGroupTargeted: Rule = ({ injects, declared }) => {
  const problems: RuleProblem[] = [];
  const groups = new Set(declared.filter((d) => d.kind === "group").map((d) => d.id));
  for (const { value: inject, index: i } of injects) {
    const to = asList(inject.to);
    // An unknown group is already an error; a guess about it would only add noise.
    if (inject.to === undefined || !to.every((g) => groups.has(g))) continue;
    for (const { value: expectation, index: j } of inject.expects) {
      const group = expectation.group;
      if (group === undefined || to.includes(group) || !groups.has(group)) continue;
      problems.push({
        severity: "warning",
        path: ["injects", i, "expects", j, "group"],
        message: `${expectation.id ?? "this expectation"} expects "${expectation.group}" to act, but inject ${inject.id ?? ""} is not delivered to it`,
        hint: `add ${expectation.group} to the inject's \`to\`, or give the action to a group in it`,
      });
    }
  }
  return problems;
};

const groupsWithoutInjects: Rule = ({ groups, injects, complete }) => {
  if (!complete) return [];
  const targeted = new Set(injects.flatMap(({ value }) => asList(value.to)));
  return groups
    .filter(({ value }) => value.id !== undefined && !targeted.has(value.id))
    .map(({ value, index }) => ({
      severity: "warning" as const,
      path: ["groups", index, "id"],
      message: `no inject is delivered to group "${value.id}"`,
      hint: "add it to an inject's `to`, or remove the group",
    }));
};

const objectivesWithoutExpectations: Rule = ({ objectives, injects, complete }) => {
  if (!complete) return [];
  const served = new Set(
    injects.flatMap(({ value }) => value.expects.map((e) => e.value.objective)),
  );
  return objectives
    .filter(({ value }) => value.id !== undefined && !served.has(value.id))
    .map(({ value, index }) => ({
      severity: "warning" as const,
      path: ["objectives", index, "id"],
      message: `no expectation serves objective "${value.id}"`,
      hint: `set \`objective: ${value.id}\` on the expected actions that demonstrate it`,
    }));
};

/**
 * A time written as a bare number (`at: 1`, `within: 90`): minutes, which the author may not
 * have meant. Zero is the same in every unit.
 */
function bareNumber(value: string | number | undefined): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : undefined;
  return n === 0 ? undefined : n;
}

const bareMinutes: Rule = ({ injects }) => {
  const problems: RuleProblem[] = [];
  for (const { value: inject, index } of injects) {
    const at = bareNumber(inject.at);
    if (at !== undefined) {
      problems.push({
        severity: "warning",
        path: ["injects", index, "at"],
        message: `\`at: ${at}\` is a bare number, read as ${at} minute${at === 1 ? "" : "s"} (${formatScenarioTime(at)})`,
        hint: `write ${at}m or ${formatClock(at)} to say so${Number.isInteger(at) ? `; ${formatClock(at * 60)} is ${at} hour${at === 1 ? "" : "s"}` : ""}`,
      });
    }
    for (const { value: expectation, index: e } of inject.expects) {
      const within = bareNumber(expectation.within);
      if (within === undefined) continue;
      problems.push({
        severity: "warning",
        path: ["injects", index, "expects", e, "within"],
        message: `\`within: ${within}\` is a bare number, read as ${within} minute${within === 1 ? "" : "s"}`,
        hint: `write ${within}m${within >= 60 ? ` or ${formatDuration(within)}` : ""} to say so; ${within}h is ${within} hour${within === 1 ? "" : "s"}`,
      });
    }
  }
  return problems;
};

/** Most injects at one time: the times of a spreadsheet were probably not read. */
const injectsAtOneTime: Rule = ({ injects }) => {
  const timed = injects.flatMap(({ value, index }) => {
    const at = minutesOf(value.at);
    return at === undefined ? [] : [{ at, index }];
  });
  if (timed.length < 5) return [];
  const counts = new Map<number, number>();
  for (const { at } of timed) counts.set(at, (counts.get(at) ?? 0) + 1);
  let mode = 0;
  let count = 0;
  for (const [at, n] of counts) if (n > count) [mode, count] = [at, n];
  if (count * 2 <= timed.length) return [];
  const first = timed.find((t) => t.at === mode) as { index: number };
  return [
    {
      severity: "warning",
      path: ["injects", first.index, "at"],
      message: `${count} of ${timed.length} injects are at ${formatScenarioTime(mode)}: the times look as if they were not read`,
      hint: "give each inject its time; a plan imported from a spreadsheet may need its time column named (drill import --map)",
    },
  ];
};

/** An inject far beyond the others' span: a date a year or a month off. */
const injectFarFromTheRest: Rule = ({ injects }) => {
  const times = injects.map(({ value }) => minutesOf(value.at));
  const outliers = findOutliers(times);
  if (outliers.size === 0) return [];
  const rest = times.filter((t, i): t is number => t !== undefined && !outliers.has(i));
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const t of rest) {
    low = Math.min(low, t);
    high = Math.max(high, t);
  }
  return [...outliers].map((i) => {
    const { value, index } = injects[i] as Indexed<LenientInject>;
    return {
      severity: "warning" as const,
      path: ["injects", index, "at"],
      message: `inject ${value.id ?? ""} at ${formatScenarioTime(times[i] as number)} is far beyond the other injects (${formatScenarioTime(low)} to ${formatScenarioTime(high)})`,
      hint: "is its date a year or a month off? correct `at`, or remove the inject",
    };
  });
};

const placeholderGroups: Rule = ({ groups }) =>
  groups.flatMap(({ value, index }) => {
    const name = value.name ?? value.id;
    if (name === undefined || !isPlaceholderGroupName(name)) return [];
    return [
      {
        severity: "warning" as const,
        path: ["groups", index, value.name === undefined ? "id" : "name"],
        message: `group "${value.id ?? name}" is called "${name}", which names no one`,
        hint: "name the group that acts, and give its injects and actions to it",
      },
    ];
  });

const punctuationActions: Rule = ({ injects }) =>
  injects.flatMap(({ value: inject, index: i }) =>
    inject.expects.flatMap(({ value, index: j }) => {
      if (value.action === undefined || !isOnlyPunctuation(value.action)) return [];
      return [
        {
          severity: "warning" as const,
          path: ["injects", i, "expects", j, "action"],
          message: `expected action ${value.id ?? ""} says only "${value.action.trim()}"`,
          hint: "write what the group should do, or remove the expectation",
        },
      ];
    }),
  );

/**
 * `capability: cn.tracing` names a capability of a library; a capability's own name
 * (流调溯源, Operational Coordination) stands for it. An id of a known library that the library
 * lacks is an error; other text is accepted with a warning, since no trend can follow it.
 */
const capabilityReferences: Rule = ({ objectives, capabilities }) =>
  objectives.flatMap(({ value, index }): RuleProblem[] => {
    if (value.capability === undefined) return [];
    const path = ["objectives", index, "capability"];
    const match = resolveCapability(value.capability, capabilities);
    if (match.kind === "unknown-id")
      return [
        {
          severity: "error" as const,
          path,
          message: `unknown capability "${value.capability}" in library ${match.library}`,
          hint: match.suggestion
            ? `did you mean "${match.suggestion}"? (list them: drill capabilities --library ${match.library})`
            : `list the library's ids: drill capabilities --library ${match.library}`,
        },
      ];
    if (match.kind === "free-text")
      return [
        {
          severity: "warning" as const,
          path,
          message: `capability "${value.capability}" is in no capability library: the review shows it, but no trend across drills follows it`,
          hint: match.suggestion
            ? `did you mean "${match.suggestion}"? (or add it to a library file of your own: drill validate --library <file>)`
            : "name a capability id (drill capabilities), or add it to a library file of your own (drill validate --library <file>)",
        },
      ];
    return [];
  });

/** A decoy is noise to tell from a real signal: it expects nothing. */
const decoysExpectNothing: Rule = ({ injects }) =>
  injects.flatMap(({ value, index }) =>
    value.decoy === true && value.expects.length > 0
      ? [
          {
            severity: "error" as const,
            path: ["injects", index, "decoy"],
            message: `decoy inject ${value.id ?? ""} has expected actions`,
            hint: "a decoy expects nothing (acting on it is the finding); remove `decoy: true` or its `expects`",
          },
        ]
      : [],
  );

export const RULES: readonly Rule[] = [
  capabilityReferences,
  decoysExpectNothing,
  bareMinutes,
  uniqueIds,
  references,
  handOffCycles,
  conditionTiming,
  expectationGroupTargeted,
  groupsWithoutInjects,
  objectivesWithoutExpectations,
  injectsAtOneTime,
  injectFarFromTheRest,
  placeholderGroups,
  punctuationActions,
];
