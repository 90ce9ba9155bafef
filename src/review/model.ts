// The after-action review as data: what `analyse` finds in a drill, before any rendering.
// `drill review --format json` prints this (documented in the README); replay and compare
// read it to follow findings across drills, so keep the field names stable.
// Every time is in scenario minutes (T+0 = 0) unless its name says wall-clock.

import type { BlockerKind, DecisionStatus, ObservationKind, Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";

export const REVIEW_FORMAT = "drillbook-review/1";

/** `open`: not done when the drill ended, with its deadline still ahead (a drill ended early). */
export type ExpectationOutcome = "on-time" | "late" | "missed" | "blocked" | "not-reached" | "open";

export interface ExpectationResult {
  id: string;
  inject: string;
  group: string;
  action: string;
  phase?: string;
  objective?: string;
  critical: boolean;
  status: ExpectationOutcome;
  deliveredAt?: number;
  doneAt?: number;
  deadline?: number;
  /** doneAt − deliveredAt; undefined when never done. */
  latencyMinutes?: number;
  targetMinutes: number;
  /** Minutes beyond the target (late), or from the deadline to the drill's end (missed/blocked). */
  minutesLate: number;
  /** Hand-off wait: minutes after delivery until every `after` predecessor was done. */
  handoffWaitMinutes?: number;
  /** How many decisions answered it. */
  decisionCount: number;
  /** Seq of the decisions that answered it (the first 50). */
  decisions: number[];
  /** The decision that met it (status done), else the last one logged. */
  lastDecision?: { seq: number; t: number; status: DecisionStatus; text: string; blocker?: string };
}

export type InjectOutcome = "delivered" | "skipped" | "not-reached";

export interface InjectResult {
  id: string;
  title: string;
  phase?: string;
  atMinutes: number;
  to: string[];
  status: InjectOutcome;
  deliveredAt?: number;
  early?: boolean;
  skippedAt?: number;
  skipReason?: "condition" | "facilitator";
  /** Whether any decision answered it (directly or through one of its expectations). */
  answered: boolean;
}

/** What backs a finding: ids, groups, scenario times, decision text. */
export interface Evidence {
  expectations?: string[];
  injects?: string[];
  groups?: string[];
  objectives?: string[];
  /** Seq numbers of the decisions / notes behind the finding (at most 20). */
  events?: number[];
  from?: number;
  to?: number;
  /** Quoted decision or blocker text (at most 5, each at most 300 characters). */
  quotes?: string[];
}

export type BottleneckKind =
  | "late-group" // late actions summed per group
  | "late-phase" // late actions summed per phase
  | "overload" // a group holding more open expectations than it could
  | "handoff-wait" // an expectation waiting on another group's predecessor
  | "critical-path"; // the chain that set when the last critical expectation was done

export interface Bottleneck {
  /** Stable across drills: kind plus the ids it is about (e.g. "handoff-wait:E15<-E5"). */
  key: string;
  kind: BottleneckKind;
  /** The group where the time was lost (for a hand-off wait: the predecessor's group). */
  group?: string;
  phase?: string;
  /** Ranked by this: minutes late, over capacity, or waited beyond the predecessor's deadline. */
  minutesLost: number;
  /** late-group / late-phase: how many expectations were late. */
  count?: number;
  /** overload: the most expectations open at once, and the capacity if the plan gives one. */
  peakOpen?: number;
  capacity?: number;
  /** overload: minutes the group held its peak. */
  minutesAtPeak?: number;
  /** handoff-wait: the expectation that waited, its group, what it waited on, the whole wait. */
  waitingExpectation?: string;
  waitingGroup?: string;
  waitedOn?: string;
  waitMinutes?: number;
  /** critical-path: the chain of expectation ids, first to last. */
  chain?: string[];
  evidence: Evidence;
}

export type GapKind =
  | "critical-missed" // a critical expectation never met
  | "expectation-missed" // a non-critical expectation never met
  | "inject-unanswered" // a delivered inject no group answered
  | "group-silent" // a group that logged nothing
  | "objective-not-demonstrated" // an objective with no expectation met
  | "resource" // blockers, grouped by what blocked
  | "improvised" // decisions answering no expectation: actions the plan lacks
  | "role-confusion"; // a decision by a group the inject did not address

export interface Gap {
  /** Stable across drills, e.g. "critical-missed:E4", "resource:people". */
  key: string;
  kind: GapKind;
  group?: string;
  /** critical-missed / expectation-missed: how it ended, blocked or simply not done. */
  status?: "missed" | "blocked";
  blockerKind?: BlockerKind;
  /** role-confusion: the groups the inject was addressed to. */
  addressedTo?: string[];
  /** How many decisions make up the finding (resource, improvised, role-confusion). */
  count?: number;
  evidence: Evidence;
}

/** Which clause of the rating rule gave the rating. */
export type RatingReason =
  | "all-on-time" // P
  | "some-late" // S
  | "missed" // M: a non-critical one missed or blocked
  | "over-twice" // M: one took more than twice its target
  | "critical-missed" // U
  | "none-reached"; // -

export interface ObjectiveResult {
  id: string;
  title: string;
  /** Computed by the rule stated in the report. */
  rating: Rating | "-";
  reason: RatingReason;
  /** The expectations that set the rating (empty for P and "-"). */
  basis: string[];
  /** All of the objective's expectations, in plan order. */
  expectations: string[];
  /** The evaluators' ratings logged for it, latest last. */
  evaluatorRatings: Rating[];
  /** True when the latest evaluator rating differs from the computed one. */
  disagreement: boolean;
}

export interface Observation {
  seq: number;
  t: number;
  kind: ObservationKind;
  text: string;
  group?: string;
  inject?: string;
  objective?: string;
  rating?: Rating;
}

export interface HotwashEntry {
  group: string;
  wentWell: string;
  wentLessWell: string;
  why: string;
}

export type Priority = "high" | "medium" | "low";

export interface ImprovementItem {
  /** The finding's key. */
  finding: string;
  kind: BottleneckKind | GapKind;
  issue: string;
  recommendation: string;
  owner?: string;
  priority: Priority;
}

/** An event naming ids the scoring plan does not have (a log re-scored against another plan). */
export interface UnmatchedEvent {
  seq: number;
  t: number;
  type: string;
  /** The ids it names that the plan lacks, or the inject it delivered twice. */
  ids: string[];
}

export interface Review {
  format: typeof REVIEW_FORMAT;
  /** The drillbook that wrote the review. */
  tool: string;
  lang: Lang;
  drill: {
    title: string;
    planVersion?: string;
    planSha256: string;
    planFile?: string;
    /** The plan the drill was scored against, when not the one in the log (--plan). */
    rescoredWith?: { file: string; sha256: string; version?: string };
    /** The drillbook that wrote the log. */
    loggedBy: string;
    clock: "real" | "virtual";
    /** Scenario date-time of T+0, if the plan fixes one. */
    scenarioStart?: string;
    /** Where the drill was run; wall-clock times are shown in it. */
    timeZone?: string;
    /** Wall-clock, ISO 8601. */
    startedAt: string;
    endedAt?: string;
    ended: boolean;
    /** Real minutes from the start to the last event. */
    realMinutes: number;
    /** Scenario minutes from T+0 to the end (or to the last event of an unfinished drill). */
    scenarioMinutes: number;
    /** Seq of the last event reviewed. */
    lastSeq: number;
    groups: { id: string; name: string; capacity?: number; decisions: number }[];
    injectsDelivered: number;
    injectsSkipped: number;
    injectsNotReached: number;
    decisions: number;
    /** Decisions that answer no expectation. */
    improvised: number;
    notes: number;
    events: number;
  };
  injects: InjectResult[];
  expectations: ExpectationResult[];
  bottlenecks: Bottleneck[];
  gaps: Gap[];
  objectives: ObjectiveResult[];
  /** Evaluator notes in log order (the first 500). */
  observations: Observation[];
  /** Per group, its latest hot-wash answer. */
  hotwash: HotwashEntry[];
  improvementPlan: ImprovementItem[];
  /** How many events named ids the plan lacks, and the first 50 of them. */
  unmatchedCount: number;
  unmatched: UnmatchedEvent[];
}
