// One drill as analysts' formats see it: what happened (events with their times, attributes
// and the objects they touch) and the objects themselves (the drill, its groups, injects,
// expected actions, objectives and the blockers met). Built by folding the log through the
// engine, so times, statuses and clock come from the same fold as the console and the review.
// Pure: a header and events in, a record out. OCEL and XES are written from it.

import { applyEvent, type DrillState, expectationStatus, initialState } from "../core/engine.js";
import { type DrillEvent, type LogHeader, occurredAt } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { ClockTimeline } from "./clock-times.js";

export type ObjectKind = "drill" | "group" | "inject" | "expectation" | "objective" | "blocker";

/** OCEL's attribute types; XES has one element for each. */
export type AttributeType = "string" | "integer" | "float" | "boolean" | "time";
export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue | undefined>;

/** A link from an event or an object to an object of the same drill. */
export interface Relation {
  kind: ObjectKind;
  /** The plan's id (`E5`), a blocker's `B1`, or "" for the drill itself. */
  id: string;
  qualifier: string;
}

export interface Occurrence {
  seq: number;
  /** The log's event type (`decision`), which is also the OCEL event type. */
  type: string;
  /** When it happened, on the wall clock (ISO 8601). */
  time: string;
  timeMs: number;
  attributes: Attributes;
  relations: Relation[];
  /** The group that did it (a decision, a hot-wash answer). */
  group?: string;
  /** The expected action it belongs to (its inject's delivery, a decision answering it). */
  expectations: string[];
}

export interface AttributeChange {
  name: string;
  value: AttributeValue;
  time: string;
}

export interface DrillObject {
  kind: ObjectKind;
  id: string;
  attributes: Attributes;
  /** Values that changed during the drill (an expected action's status), oldest first. */
  changes: AttributeChange[];
  relations: Relation[];
}

export interface DrillRecord {
  /** Names the drill in every id: the log as it was named. */
  key: string;
  header: LogHeader;
  /** In the order they happened (by time, then by log order). */
  occurrences: Occurrence[];
  objects: DrillObject[];
  /** Each expected action's status at the end, as the engine judges it. */
  finalStatus: Map<string, string>;
}

/** Attributes every event has. */
export const COMMON_EVENT_ATTRIBUTES: Record<string, AttributeType> = {
  seq: "integer",
  minutes: "float",
  loggedAt: "time",
  loggedMinutes: "float",
};

/** Each event type's own attributes; a type not listed (added later) has only the common ones. */
export const EVENT_ATTRIBUTES: Record<string, Record<string, AttributeType>> = {
  "drill-started": { speed: "float" },
  "drill-resumed": { reason: "string" },
  "inject-delivered": { inject: "string", early: "boolean" },
  "inject-skipped": { inject: "string", reason: "string", note: "string" },
  decision: {
    group: "string",
    inject: "string",
    expectation: "string",
    status: "string",
    improvised: "boolean",
    text: "string",
    blockerKind: "string",
    blockerText: "string",
  },
  note: {
    kind: "string",
    group: "string",
    inject: "string",
    objective: "string",
    rating: "string",
    text: "string",
  },
  "clock-paused": {},
  "clock-resumed": {},
  "clock-speed": { speed: "float" },
  "clock-jumped": { fromMinutes: "float" },
  hotwash: { group: "string", wentWell: "string", wentLessWell: "string", why: "string" },
  "drill-ended": { reason: "string" },
};

export const OBJECT_ATTRIBUTES: Record<ObjectKind, Record<string, AttributeType>> = {
  drill: {
    title: "string",
    planVersion: "string",
    planSha256: "string",
    planFile: "string",
    lang: "string",
    startedAt: "time",
    timeZone: "string",
    clock: "string",
    speed: "float",
    tool: "string",
    ended: "boolean",
  },
  group: { planId: "string", name: "string", lead: "string", capacity: "integer" },
  inject: {
    planId: "string",
    title: "string",
    message: "string",
    atMinutes: "float",
    phase: "string",
    status: "string",
  },
  expectation: {
    planId: "string",
    action: "string",
    targetMinutes: "float",
    critical: "boolean",
    status: "string",
  },
  objective: { planId: "string", title: "string", capability: "string", rating: "string" },
  blocker: { kind: "string", text: "string" },
};

/** What one event says, before its time is known. */
interface EventMeaning {
  attributes: Attributes;
  relations: Relation[];
  group?: string;
  expectations?: string[];
}

const rel = (kind: ObjectKind, id: string, qualifier: string): Relation => ({
  kind,
  id,
  qualifier,
});

/** Blockers of one drill, one object per kind and text, numbered as first met. */
class Blockers {
  readonly ids = new Map<string, { id: string; kind: string; text: string }>();

  idFor(kind: string, text: string): string {
    const key = `${kind}\n${text}`;
    let blocker = this.ids.get(key);
    if (!blocker) {
      blocker = { id: `B${this.ids.size + 1}`, kind, text };
      this.ids.set(key, blocker);
    }
    return blocker.id;
  }
}

/**
 * The one place that says what each log event means to an analyst. A new event type gets
 * its own case here; until then it is exported with the common attributes, tied to its drill.
 */
function meaningOf(event: DrillEvent, plan: PlanIndex, blockers: Blockers): EventMeaning {
  switch (event.type) {
    case "drill-started":
      return { attributes: { speed: event.speed }, relations: [] };
    case "drill-resumed":
      return { attributes: { reason: event.reason }, relations: [] };
    case "inject-delivered": {
      const inject = plan.injects.get(event.inject);
      const expectations = inject?.expects.map((e) => e.id) ?? [];
      return {
        attributes: { inject: event.inject, early: event.early ?? false },
        relations: [
          ...(inject ? [rel("inject", inject.id, "delivers")] : []),
          ...(inject?.to ?? [])
            .filter((g) => plan.groups.has(g))
            .map((g) => rel("group", g, "addressed-to")),
          ...expectations.map((e) => rel("expectation", e, "opens")),
        ],
        expectations,
      };
    }
    case "inject-skipped":
      return {
        attributes: { inject: event.inject, reason: event.reason, note: event.note },
        relations: plan.injects.has(event.inject) ? [rel("inject", event.inject, "skips")] : [],
      };
    case "decision": {
      const expectation = event.expectation ? plan.expectations.get(event.expectation) : undefined;
      const inject = event.inject ?? expectation?.inject;
      const relations: Relation[] = [];
      if (plan.groups.has(event.group)) relations.push(rel("group", event.group, "performed-by"));
      if (expectation) relations.push(rel("expectation", expectation.id, "answers"));
      if (inject && plan.injects.has(inject)) relations.push(rel("inject", inject, "about"));
      if (event.blocker)
        relations.push(
          rel("blocker", blockers.idFor(event.blocker.kind, event.blocker.text), "blocked-by"),
        );
      return {
        attributes: {
          group: event.group,
          inject,
          expectation: event.expectation,
          status: event.status,
          improvised: event.expectation === undefined,
          text: event.text,
          blockerKind: event.blocker?.kind,
          blockerText: event.blocker?.text,
        },
        relations,
        group: event.group,
        expectations: expectation ? [expectation.id] : [],
      };
    }
    case "note": {
      const relations: Relation[] = [];
      if (event.group && plan.groups.has(event.group))
        relations.push(rel("group", event.group, "about"));
      if (event.inject && plan.injects.has(event.inject))
        relations.push(rel("inject", event.inject, "about"));
      if (event.objective && plan.objectives.has(event.objective))
        relations.push(rel("objective", event.objective, event.rating ? "rates" : "about"));
      return {
        attributes: {
          kind: event.kind,
          group: event.group,
          inject: event.inject,
          objective: event.objective,
          rating: event.rating,
          text: event.text,
        },
        relations,
      };
    }
    case "clock-paused":
    case "clock-resumed":
      return { attributes: {}, relations: [] };
    case "clock-speed":
      return { attributes: { speed: event.speed }, relations: [] };
    case "clock-jumped":
      return { attributes: { fromMinutes: event.from }, relations: [] };
    case "hotwash":
      return {
        attributes: {
          group: event.group,
          wentWell: event.wentWell,
          wentLessWell: event.wentLessWell,
          why: event.why,
        },
        relations: plan.groups.has(event.group) ? [rel("group", event.group, "performed-by")] : [],
        group: event.group,
      };
    case "drill-ended":
      return { attributes: { reason: event.reason }, relations: [] };
    default:
      return { attributes: {}, relations: [] };
  }
}

interface PlanIndex {
  groups: Set<string>;
  objectives: Set<string>;
  injects: Map<string, Plan["injects"][number]>;
  expectations: Map<string, Plan["injects"][number]["expects"][number]>;
}

function indexPlan(plan: Plan): PlanIndex {
  return {
    groups: new Set(plan.groups.map((g) => g.id)),
    objectives: new Set(plan.objectives.map((o) => o.id)),
    injects: new Map(plan.injects.map((i) => [i.id, i])),
    expectations: new Map(plan.injects.flatMap((i) => i.expects.map((e) => [e.id, e] as const))),
  };
}

/** The time OCEL gives values that hold from the start (the standard's own examples). */
export const FROM_THE_START = "1970-01-01T00:00:00.000Z";

/** Folds one drill's events through the engine into its record. */
export function drillRecord(
  key: string,
  header: LogHeader,
  events: Iterable<DrillEvent>,
): DrillRecord {
  const plan = header.plan;
  const index = indexPlan(plan);
  const state: DrillState = initialState(plan);
  const timeline = new ClockTimeline();
  const blockers = new Blockers();
  const occurrences: Occurrence[] = [];
  const changes = new Map<string, AttributeChange[]>();
  const change = (object: string, name: string, value: AttributeValue, time: string) => {
    const list = changes.get(object) ?? [];
    const last = list.findLast((c) => c.name === name);
    if (last?.value === value) return;
    list.push({ name, value, time });
    changes.set(object, list);
  };

  for (const event of events) {
    applyEvent(state, event, { keepRecords: false });
    // Before the drill starts the engine's clock is a placeholder, not the room's clock.
    if (state.started) timeline.record(state.clock);
    const loggedMs = Date.parse(event.wall);
    const minutes =
      event.type === "decision" || event.type === "note" ? occurredAt(event) : event.t;
    const timeMs = minutes === event.t ? loggedMs : timeline.wallMsAt(minutes, loggedMs);
    const time = timeMs === loggedMs ? event.wall : new Date(timeMs).toISOString();
    const meaning = meaningOf(event, index, blockers);
    occurrences.push({
      seq: event.seq,
      type: event.type,
      time,
      timeMs,
      attributes: {
        seq: event.seq,
        minutes,
        loggedAt: event.wall,
        loggedMinutes: event.t,
        ...meaning.attributes,
      },
      relations: [rel("drill", "", "in-drill"), ...meaning.relations],
      ...(meaning.group !== undefined ? { group: meaning.group } : {}),
      expectations: meaning.expectations ?? [],
    });
    if (event.type === "inject-delivered" || event.type === "inject-skipped") {
      const status = state.injects.get(event.inject)?.status;
      if (status) change(`inject:${event.inject}`, "status", status, time);
    }
    for (const id of meaning.expectations ?? []) {
      const es = state.expectations.get(id);
      if (es) change(`expectation:${id}`, "status", expectationStatus(es, minutes), time);
    }
    if (
      event.type === "note" &&
      event.objective &&
      event.rating &&
      index.objectives.has(event.objective)
    )
      change(`objective:${event.objective}`, "rating", event.rating, time);
  }

  // How each expected action stands when the drill is over (an open one may now be overdue).
  const last = occurrences.at(-1);
  const finalStatus = new Map<string, string>();
  for (const [id, es] of state.expectations) {
    const status = expectationStatus(es, state.endedAt ?? state.t);
    finalStatus.set(id, status);
    if (last && es.deliveredAt !== undefined)
      change(`expectation:${id}`, "status", status, last.time);
  }

  // Stable: events that happened at the same instant keep the order they were logged in.
  occurrences.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
  return {
    key,
    header,
    occurrences,
    objects: drillObjects(header, state, blockers, changes),
    finalStatus,
  };
}

function drillObjects(
  header: LogHeader,
  state: DrillState,
  blockers: Blockers,
  changes: Map<string, AttributeChange[]>,
): DrillObject[] {
  const plan = header.plan;
  const partOf = rel("drill", "", "part-of");
  const object = (
    kind: ObjectKind,
    id: string,
    attributes: Attributes,
    relations: Relation[],
  ): DrillObject => ({
    kind,
    id,
    attributes,
    changes: changes.get(`${kind}:${id}`) ?? [],
    relations,
  });
  const objects: DrillObject[] = [
    object(
      "drill",
      "",
      {
        title: plan.title,
        planVersion: plan.version,
        planSha256: header.planSha256,
        planFile: header.planFile,
        lang: plan.lang,
        startedAt: header.startedAt,
        timeZone: header.timeZone,
        clock: header.clock,
        speed: plan.clock.speed,
        tool: header.tool,
        ended: state.ended,
      },
      [],
    ),
  ];
  for (const group of plan.groups) {
    objects.push(
      object(
        "group",
        group.id,
        { planId: group.id, name: group.name, lead: group.lead, capacity: group.capacity },
        [partOf],
      ),
    );
  }
  for (const objective of plan.objectives) {
    objects.push(
      object(
        "objective",
        objective.id,
        { planId: objective.id, title: objective.title, capability: objective.capability },
        [partOf],
      ),
    );
  }
  for (const inject of plan.injects) {
    objects.push(
      object(
        "inject",
        inject.id,
        {
          planId: inject.id,
          title: inject.title,
          message: inject.message,
          atMinutes: inject.atMinutes,
          phase: inject.phase,
        },
        [
          partOf,
          ...inject.to.map((g) => rel("group", g, "addressed-to")),
          ...(inject.when ? [rel("expectation", inject.when.expectation, "depends-on")] : []),
        ],
      ),
    );
    for (const expectation of inject.expects) {
      objects.push(
        object(
          "expectation",
          expectation.id,
          {
            planId: expectation.id,
            action: expectation.action,
            targetMinutes: expectation.withinMinutes,
            critical: expectation.critical,
          },
          [
            rel("inject", inject.id, "part-of"),
            rel("group", expectation.group, "assigned-to"),
            ...(expectation.objective
              ? [rel("objective", expectation.objective, "demonstrates")]
              : []),
            ...expectation.after.map((e) => rel("expectation", e, "after")),
          ],
        ),
      );
    }
  }
  for (const blocker of blockers.ids.values()) {
    objects.push(
      object("blocker", blocker.id, { kind: blocker.kind, text: blocker.text }, [partOf]),
    );
  }
  return objects;
}

/**
 * An object's id in an export of several drills: `group:tracing@drills/a.jsonl`, and
 * `drill@drills/a.jsonl` for the drill. Plan ids have no `@`, so no two objects collide.
 */
export function objectId(key: string, kind: ObjectKind, id: string): string {
  return kind === "drill" ? `drill@${key}` : `${kind}:${id}@${key}`;
}

/** An event's id: `event:12@drills/a.jsonl` (its sequence number in the log). */
export function eventId(key: string, seq: number): string {
  return `event:${seq}@${key}`;
}
