// The drill log's events. A log is JSON Lines: a header, then one event per line.
// Every line carries `seq`, `wall` (ISO wall-clock), `t` (scenario minutes), `type`,
// `prev` (hash of the previous line) and ends with `h` (its own hash): see src/log/.

import type { Plan } from "./plan.js";

export const LOG_FORMAT = "drillbook-log/1";

export type DecisionStatus = "done" | "partial" | "blocked" | "declined";
export const DECISION_STATUSES: readonly DecisionStatus[] = [
  "done",
  "partial",
  "blocked",
  "declined",
];

export type BlockerKind =
  | "people"
  | "supplies"
  | "information"
  | "authority"
  | "equipment"
  | "coordination"
  | "other";
export const BLOCKER_KINDS: readonly BlockerKind[] = [
  "people",
  "supplies",
  "information",
  "authority",
  "equipment",
  "coordination",
  "other",
];

export type ObservationKind = "strength" | "improvement" | "neutral";
export type Rating = "P" | "S" | "M" | "U";

export interface Blocker {
  kind: BlockerKind;
  text: string;
}

/** Fields every line has; `prev` and `h` are added by the log writer. */
export interface EventBase {
  seq: number;
  /** Wall-clock time, ISO 8601 with offset. */
  wall: string;
  /** Scenario time in minutes from T+0. */
  t: number;
  /** Where the event came from, e.g. the script line number, so a resumed script does not repeat it. */
  ref?: string;
  /** Who entered it from a seat of the room (`drill run --room`); absent for the facilitator's own. */
  by?: EnteredBy;
}

export type SeatRole = "group" | "evaluator";

/** The seat an entry came from: its id, its role and the site it sits at (if the plan names sites). */
export interface EnteredBy {
  seat: string;
  role: SeatRole;
  site?: string;
}

export interface LogHeader extends EventBase {
  type: "header";
  format: typeof LOG_FORMAT;
  tool: string;
  startedAt: string;
  plan: Plan;
  /** sha256 (hex) of the plan file's bytes. */
  planSha256: string;
  /** The plan file's text, so a log can be reviewed without the plan file. */
  planSource: string;
  planFile?: string;
  /**
   * Where the drill was run (IANA name, or an offset like "+08:00"), so its wall-clock times
   * read the same in a report made years later on a machine elsewhere.
   */
  timeZone?: string;
  /** A scripted drill's decision script: a resume must run the same one (entries are matched by line). */
  script?: { file: string; sha256: string };
  /** "real" for a live drill, "virtual" for a scripted one. */
  clock: "real" | "virtual";
  /**
   * The fingerprint ("SHA256:<base64>") of the public key whose private key signs this log's
   * seals (`drill run --sign`); the keys themselves never enter the log.
   */
  signer?: string;
}

export interface DrillStarted extends EventBase {
  type: "drill-started";
  speed: number;
}
export interface DrillResumed extends EventBase {
  type: "drill-resumed";
  /** Why the drill had stopped, if known. */
  reason?: string;
}
export interface InjectDelivered extends EventBase {
  type: "inject-delivered";
  inject: string;
  /** True when the facilitator delivered it ahead of its time. */
  early?: boolean;
}
export interface InjectSkipped extends EventBase {
  type: "inject-skipped";
  inject: string;
  reason: "condition" | "facilitator";
  note?: string;
}
export interface DecisionLogged extends EventBase {
  type: "decision";
  group: string;
  /** The inject and expectation answered; both absent for an improvised action. */
  inject?: string;
  expectation?: string;
  status: DecisionStatus;
  text: string;
  blocker?: Blocker;
  /**
   * Scenario minutes at which the decision was taken, when it differs from `t` (the time it
   * was logged): the facilitator may enter a decision minutes after the group reported it.
   * Every latency, status and finding uses this time; absent in older logs.
   */
  at?: number;
}
export interface NoteAdded extends EventBase {
  type: "note";
  kind: ObservationKind;
  text: string;
  group?: string;
  inject?: string;
  objective?: string;
  /** An evaluator's rating of `objective`. */
  rating?: Rating;
  /** Scenario minutes at which it was observed, when it differs from `t` (see DecisionLogged.at). */
  at?: number;
}
/** What a correction may set on a decision: every field of it, replacing the logged ones. */
export type DecisionFields = Pick<
  DecisionLogged,
  "group" | "inject" | "expectation" | "status" | "text" | "blocker" | "at"
>;
/** What a correction may set on an observation: every field of it, replacing the logged ones. */
export type NoteFields = Pick<
  NoteAdded,
  "kind" | "text" | "group" | "inject" | "objective" | "rating" | "at"
>;

/**
 * A decision or observation already logged, amended: the log stays append-only, so a
 * correction names the `seq` it amends and either retracts it (as if never logged) or gives
 * all its fields anew (`decision` or `note`, matching what it amends). A later correction of
 * the same entry supersedes an earlier one. The engine folds the corrected drill.
 */
export interface CorrectionLogged extends EventBase {
  type: "correction";
  amends: number;
  retract?: true;
  decision?: DecisionFields;
  note?: NoteFields;
  /** Why, in the facilitator's words. */
  reason?: string;
}
export interface ClockPaused extends EventBase {
  type: "clock-paused";
}
export interface ClockResumed extends EventBase {
  type: "clock-resumed";
}
export interface ClockSpeedChanged extends EventBase {
  type: "clock-speed";
  speed: number;
}
export interface ClockJumped extends EventBase {
  type: "clock-jumped";
  /** Scenario time before the jump; `t` is the time after it. */
  from: number;
}
export interface HotwashAnswer extends EventBase {
  type: "hotwash";
  group: string;
  wentWell: string;
  wentLessWell: string;
  why: string;
}
/**
 * An unannounced drill (不打招呼): logged before it starts, with each inject's shift from its
 * plan time, so every fold of the log delivers at the times the drill really used.
 */
export interface DrillUnannounced extends EventBase {
  type: "unannounced";
  seed: number;
  jitter: { inject: string; minutes: number }[];
}
/** The facilitator looked at what comes next in an unannounced drill. */
export interface InjectsPeeked extends EventBase {
  type: "peek";
  /** The next inject then pending, if any. */
  inject?: string;
}
export interface DrillEnded extends EventBase {
  type: "drill-ended";
  reason: "script" | "facilitator" | "complete";
}

export type DrillEvent =
  | DrillStarted
  | DrillResumed
  | InjectDelivered
  | InjectSkipped
  | DecisionLogged
  | NoteAdded
  | CorrectionLogged
  | ClockPaused
  | ClockResumed
  | ClockSpeedChanged
  | ClockJumped
  | HotwashAnswer
  | DrillUnannounced
  | InjectsPeeked
  | DrillEnded;

export type LogLine = LogHeader | DrillEvent;

/**
 * The line a writer ends the log with when it closes it (src/log/writer.ts): not an event of
 * the drill but of the log, so a log that does not end with one was cut short or its writer
 * stopped without closing it (a crash). Readers check seals and hand on events only.
 */
export interface LogSeal extends EventBase {
  type: "seal";
  /** Whether the drill had ended; else it was interrupted, and a resume carries on after. */
  ended: boolean;
  /** Events before this line: every line after the header that is not a seal. */
  events: number;
  /** The hash (`h`) of the line before: the head of everything this seal closes. */
  head: string;
  /** Ed25519 signature (base64) of the seal's statement (src/log/seal.ts), in a signed log. */
  signature?: string;
  /**
   * Set when this stretch of the log continued one that did not end with a seal (a crash, or
   * lines cut off its end): the last line kept then, and the bytes of a torn line dropped.
   */
  recovered?: { after: number; tornBytes?: number };
}

/** When a decision or observation happened: its own time if given, else when it was logged. */
export function occurredAt(event: DecisionLogged | NoteAdded): number {
  return event.at ?? event.t;
}

/** An event before the writer has numbered and stamped it. */
export type NewEvent = DrillEvent extends infer E
  ? E extends DrillEvent
    ? Omit<E, "seq" | "wall"> & { wall?: string }
    : never
  : never;
