// The fast yes of the event schema (./schema.ts): plain type checks that say whether a log
// line certainly fits `drillEventSchema`, without the copy zod's parse makes of every line.
// Only "yes" is trusted: on "no" the reader asks zod, which finds and words the problem, so
// this file never decides what a log's error says. test/unit/event-fits.test.ts holds it to
// zod's verdict on valid and mutated events of every type.

import { BLOCKER_KINDS, DECISION_STATUSES } from "../core/events.js";
import { dateTimePattern, drillEventSchema, shapeProblem } from "./schema.js";

/** A log line's fields, as JSON.parse gives them. */
export type Fields = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export const isObject = (v: unknown): v is Fields =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isMinutes = (v: unknown): boolean => isNumber(v) && v >= 0;
const isPositive = (v: unknown): boolean => isNumber(v) && v > 0;
const isInt = (v: unknown): boolean => Number.isSafeInteger(v);
const optional = (v: unknown, check: (v: unknown) => boolean): boolean =>
  v === undefined || check(v);
const oneOf =
  (values: readonly string[]) =>
  (v: unknown): boolean =>
    isString(v) && values.includes(v);

const isStatus = oneOf(DECISION_STATUSES);
const isBlockerKind = oneOf(BLOCKER_KINDS);
const isObservationKind = oneOf(["strength", "improvement", "neutral"]);
const isRating = oneOf(["P", "S", "M", "U"]);
const isRole = oneOf(["group", "evaluator"]);
const isSkipReason = oneOf(["condition", "facilitator"]);
const isEndReason = oneOf(["script", "facilitator", "complete"]);

const isEnteredBy = (v: unknown): boolean =>
  isObject(v) && isString(v.seat) && isRole(v.role) && optional(v.site, isString);

const isBlocker = (v: unknown): boolean => isObject(v) && isBlockerKind(v.kind) && isString(v.text);

function isDecision(e: Fields): boolean {
  return (
    isString(e.group) &&
    optional(e.inject, isString) &&
    optional(e.expectation, isString) &&
    isStatus(e.status) &&
    isString(e.text) &&
    optional(e.blocker, isBlocker) &&
    optional(e.at, isMinutes)
  );
}

function isNote(e: Fields): boolean {
  return (
    isObservationKind(e.kind) &&
    isString(e.text) &&
    optional(e.group, isString) &&
    optional(e.inject, isString) &&
    optional(e.objective, isString) &&
    optional(e.rating, isRating) &&
    optional(e.at, isMinutes)
  );
}

function isCorrection(e: Fields): boolean {
  const given = [e.retract, e.decision, e.note].filter((x) => x !== undefined).length;
  return (
    isInt(e.amends) &&
    (e.amends as number) > 0 &&
    optional(e.retract, (v) => v === true) &&
    optional(e.decision, (v) => isObject(v) && isDecision(v)) &&
    optional(e.note, (v) => isObject(v) && isNote(v)) &&
    optional(e.reason, isString) &&
    given === 1
  );
}

const isJitter = (v: unknown): boolean =>
  Array.isArray(v) && v.every((j) => isObject(j) && isString(j.inject) && isInt(j.minutes));

/** Each event type's own fields (the common ones are checked for all). */
const OWN_FIELDS: Record<string, (e: Fields) => boolean> = {
  "drill-started": (e) => isPositive(e.speed),
  "drill-resumed": (e) => optional(e.reason, isString),
  "inject-delivered": (e) => isString(e.inject) && optional(e.early, (v) => typeof v === "boolean"),
  "inject-skipped": (e) =>
    isString(e.inject) && isSkipReason(e.reason) && optional(e.note, isString),
  decision: isDecision,
  note: isNote,
  correction: isCorrection,
  "clock-paused": () => true,
  "clock-resumed": () => true,
  "clock-speed": (e) => isPositive(e.speed),
  "clock-jumped": (e) => isNumber(e.from),
  hotwash: (e) =>
    isString(e.group) && isString(e.wentWell) && isString(e.wentLessWell) && isString(e.why),
  unannounced: (e) => isInt(e.seed) && isJitter(e.jitter),
  peek: (e) => optional(e.inject, isString),
  "drill-ended": (e) => isEndReason(e.reason),
};

/** The event types the check knows: the same as the schema's (held by the unit test). */
export const CHECKED_EVENT_TYPES = Object.keys(OWN_FIELDS);

/** True only when `line` certainly fits the event schema; false means "ask zod". */
export function eventFits(line: unknown): boolean {
  if (!isObject(line) || !isString(line.type)) return false;
  const own = Object.hasOwn(OWN_FIELDS, line.type) ? OWN_FIELDS[line.type] : undefined;
  return (
    own !== undefined &&
    isInt(line.seq) &&
    (line.seq as number) >= 0 &&
    isString(line.wall) &&
    dateTimePattern.test(line.wall) &&
    isMinutes(line.t) &&
    optional(line.ref, isString) &&
    optional(line.by, isEnteredBy) &&
    own(line)
  );
}

/** `shapeProblem` for an event line: undefined at once when it fits, else zod's words. */
export function eventShapeProblem(line: unknown): string | undefined {
  return eventFits(line) ? undefined : shapeProblem(drillEventSchema, line);
}
