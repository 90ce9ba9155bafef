// A plan as the YAML a planner would write by hand: keys in the order of the format's
// documentation, times as "hh:mm", durations the short way ("2h", "1h30m"), short lists
// inline, empty optional fields left out. `parsePlan(planToYaml(plan)).plan` equals `plan`.

import { Document, isMap, isSeq, Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Expectation, Group, Inject, Objective, Plan } from "../core/plan.js";
import { formatClock, formatDuration } from "../core/scenario-time.js";

export function planToYaml(plan: Plan): string {
  const doc = new Document(planObject(plan));
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = String((pair.key as { value?: unknown }).value ?? pair.key);
      if (
        ["groups", "objectives", "injects"].includes(key) &&
        pair.key &&
        typeof pair.key === "object"
      )
        (pair.key as { spaceBefore?: boolean }).spaceBefore = true;
    }
    styleLists(root);
  }
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

/** Inline `[a, b]` for lists of short scalars (to, after, members, status) and a blank line between injects. */
function styleLists(node: unknown, key?: string): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = String((pair.key as { value?: unknown }).value ?? "");
      if (k === "clock" || k === "when") flowMap(pair.value);
      styleLists(pair.value, k);
    }
  } else if (isSeq(node)) {
    const seq = node as YAMLSeq;
    if (["to", "after", "members", "status", "aliases"].includes(key ?? "")) seq.flow = true;
    seq.items.forEach((item, i) => {
      if (key === "injects" && i > 0 && item && typeof item === "object")
        (item as { spaceBefore?: boolean }).spaceBefore = true;
      styleLists(item);
    });
  }
}

function flowMap(node: unknown): void {
  if (isMap(node)) {
    (node as YAMLMap).flow = true;
    for (const pair of node.items) if (isSeq(pair.value)) (pair.value as YAMLSeq).flow = true;
  }
}

/** Plain object in the file's key order; `undefined` keys are dropped by the YAML writer. */
function planObject(plan: Plan): Record<string, unknown> {
  const out: Record<string, unknown> = { title: plan.title };
  if (plan.version !== undefined) out.version = plan.version;
  out.lang = plan.lang;
  out.scenario = plan.scenario;
  out.clock =
    plan.clock.start === undefined
      ? { speed: plan.clock.speed }
      : { speed: plan.clock.speed, start: quoted(plan.clock.start) };
  if (plan.jitterMinutes !== undefined) out.jitter = durationText(plan.jitterMinutes);
  if (plan.evaluators !== undefined) out.evaluators = [...plan.evaluators];
  out.groups = plan.groups.map(groupObject);
  if (plan.sites !== undefined)
    out.sites = plan.sites.map((site) => ({
      id: site.id,
      name: site.name,
      groups: [...site.groups],
    }));
  if (plan.objectives.length > 0) out.objectives = plan.objectives.map(objectiveObject);
  out.injects = plan.injects.map(injectObject);
  return out;
}

function groupObject(group: Group): Record<string, unknown> {
  const out: Record<string, unknown> = { id: group.id, name: group.name };
  if (group.lead !== undefined) out.lead = group.lead;
  if (group.members.length > 0) out.members = [...group.members];
  if (group.responsibilities.length > 0) out.responsibilities = [...group.responsibilities];
  if (group.capacity !== undefined) out.capacity = group.capacity;
  if (group.aliases !== undefined && group.aliases.length > 0) out.aliases = [...group.aliases];
  return out;
}

function objectiveObject(objective: Objective): Record<string, unknown> {
  const out: Record<string, unknown> = { id: objective.id, title: objective.title };
  if (objective.capability !== undefined) out.capability = objective.capability;
  return out;
}

function injectObject(inject: Inject): Record<string, unknown> {
  const out: Record<string, unknown> = { id: inject.id, at: quoted(clockText(inject.atMinutes)) };
  if (inject.phase !== undefined) out.phase = inject.phase;
  out.title = inject.title;
  out.message = inject.message;
  if (inject.to.length > 0) out.to = [...inject.to];
  if (inject.when)
    out.when = { expectation: inject.when.expectation, status: [...inject.when.status] };
  if (inject.expects.length > 0) out.expects = inject.expects.map(expectationObject);
  if (inject.notes !== undefined) out.notes = inject.notes;
  if (inject.decoy) out.decoy = true;
  if (inject.jitterMinutes !== undefined) out.jitter = durationText(inject.jitterMinutes);
  return out;
}

function expectationObject(e: Expectation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: e.id,
    group: e.group,
    action: e.action,
    within: durationText(e.withinMinutes),
  };
  if (e.after.length > 0) out.after = [...e.after];
  if (e.objective !== undefined) out.objective = e.objective;
  if (e.critical) out.critical = true;
  return out;
}

/** "01:30" reads as a number of minutes to YAML 1.1 tools: always quote it. */
function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** `01:30`; a time that is not a whole minute keeps its fraction as `90.5m`. */
export function clockText(minutes: number): string {
  return Number.isInteger(minutes) ? formatClock(minutes) : `${minutes}m`;
}

export function durationText(minutes: number): string {
  return Number.isInteger(minutes) ? formatDuration(minutes) : `${minutes}m`;
}
