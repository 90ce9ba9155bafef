// The after-action review as data: what `analyse` finds in a drill, before any rendering.
// `drill review --format json` prints this (documented in the README); replay and compare
// read it to follow findings across drills, so keep the field names stable.

import type { BlockerKind, DecisionStatus, ObservationKind, Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";

export const REVIEW_FORMAT = "drillbook-review/1";

export type ExpectationOutcome = "on-time" | "late" | "missed" | "blocked" | "not-reached";

export interface ExpectationResult {
  id: string;
  inject: string;
  group: string;
  action: string;
  phase?: string;
  objective?: string;
  critical: boolean;
  status: ExpectationOutcome;
  /** Scenario minutes. */
  deliveredAt?: number;
  doneAt?: number;
  deadline?: number;
  /** doneAt − deliveredAt; for a missed one, undefined. */
  latencyMinutes?: number;
  targetMinutes: number;
  /** Minutes beyond the target (late), or from deadline to the drill's end (missed/blocked). */
  minutesLate: number;
  /** Hand-off wait: minutes after delivery until every `after` predecessor was done. */
  handoffWaitMinutes?: number;
  /** Seq of the decisions that answered it. */
  decisions: number[];
}

/** What backs a finding: ids, groups, scenario times, decision text. */
export interface Evidence {
  expectations?: string[];
  injects?: string[];
  groups?: string[];
  objectives?: string[];
  /** Seq numbers of the decisions / notes behind the finding. */
  events?: number[];
  /** Scenario minutes. */
  from?: number;
  to?: number;
  /** Quoted decision or note text. */
  quotes?: string[];
}

export type BottleneckKind =
  | "late-group" // late actions summed per group
  | "late-phase" // late actions summed per phase
  | "overload" // a group holding more open expectations than it could
  | "handoff-wait" // an expectation waiting on another group's predecessor
  | "critical-path"; // the chain that set when the last critical expectation was done

export interface Bottleneck {
  /** Stable across drills: kind plus the ids it is about (e.g. "handoff-wait:E7<-E5"). */
  key: string;
  kind: BottleneckKind;
  group?: string;
  phase?: string;
  minutesLost: number;
  /** For overload: the most expectations open at once, and the capacity if the plan gives one. */
  peakOpen?: number;
  capacity?: number;
  /** For critical-path: the chain of expectation ids, first to last. */
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
  blockerKind?: BlockerKind;
  evidence: Evidence;
}

export interface ObjectiveResult {
  id: string;
  title: string;
  /** Computed by the rule stated in the report. */
  rating: Rating | "-";
  /** Why: which expectations made it so. */
  reason: string;
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

export interface ImprovementItem {
  /** The finding's key. */
  finding: string;
  issue: string;
  recommendation: string;
  owner?: string;
  priority: "high" | "medium" | "low";
}

export interface TimelineEntry {
  seq: number;
  t: number;
  wall: string;
  type: string;
  group?: string;
  inject?: string;
  expectation?: string;
  status?: DecisionStatus;
  text?: string;
  blocker?: { kind: BlockerKind; text: string };
}

export interface Review {
  format: typeof REVIEW_FORMAT;
  lang: Lang;
  drill: {
    title: string;
    planVersion?: string;
    planSha256: string;
    /** The plan the drill was scored against, when not the one in the log (--plan). */
    rescoredWith?: { file: string; sha256: string; version?: string };
    startedAt: string;
    endedAt?: string;
    ended: boolean;
    /** Real minutes from start to the last event. */
    realMinutes: number;
    /** Scenario minutes from T+0 to the end. */
    scenarioMinutes: number;
    groups: { id: string; name: string }[];
    injectsDelivered: number;
    injectsSkipped: number;
    injectsNotReached: number;
    decisions: number;
    notes: number;
    events: number;
  };
  expectations: ExpectationResult[];
  bottlenecks: Bottleneck[];
  gaps: Gap[];
  objectives: ObjectiveResult[];
  observations: Observation[];
  hotwash: HotwashEntry[];
  improvementPlan: ImprovementItem[];
}
