// The after-action review as data: what `analyse` finds in a drill, before any rendering.
// `drill review --format json` prints this (documented in the README); replay and compare
// read it to follow findings across drills, so keep the field names stable.
// Every time is in scenario minutes (T+0 = 0) unless its name says wall-clock.

import type { BlockerKind, DecisionStatus, ObservationKind, Rating } from "../core/events.js";
import type { ConditionStatus, Lang } from "../core/plan.js";

export const REVIEW_FORMAT = "drillbook-review/2";

/**
 * `open`: not done when the drill ended, with its deadline still ahead (a drill ended early).
 * `not-in-drill`: only in the plan the log is re-scored against, so the drill never had it.
 */
export type ExpectationOutcome =
  | "on-time"
  | "late"
  | "missed"
  | "blocked"
  | "not-reached"
  | "open"
  | "not-in-drill";

export const EXPECTATION_OUTCOMES: readonly ExpectationOutcome[] = [
  "on-time",
  "late",
  "missed",
  "blocked",
  "not-reached",
  "open",
  "not-in-drill",
];

/** Late minutes that came from an upstream action, named where the delay began. */
export interface UpstreamDelay {
  expectation: string;
  group: string;
  minutes: number;
}

export interface BlockedDelay {
  kind: BlockerKind;
  minutes: number;
}

/** A late action's minutes, split once: upstream + blocked + own = minutesLate. */
export interface Delay {
  upstream: UpstreamDelay[];
  blocked: BlockedDelay[];
  own: number;
}

/** The predecessor (`after`) an action waited for last. */
export interface Handoff {
  expectation: string;
  group: string;
  /** The same group: internal sequencing, not a hand-off between groups. */
  internal: boolean;
  /** Minutes from the action's delivery until that predecessor was done. */
  waitMinutes: number;
  /** The part of the wait beyond the predecessors' own deadlines. */
  pastDeadlineMinutes: number;
}

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
  /** doneAt − deadline for an action done late; 0 otherwise (a missed action is counted, not timed). */
  minutesLate: number;
  /** How its late minutes split (present when late). */
  delay?: Delay;
  /** Its late minutes by the finding (root cause) they count against; they sum to minutesLate. */
  causes?: { finding: string; minutes: number }[];
  /** Missed or blocked: the finding (root cause) it counts against. */
  cause?: string;
  handoff?: Handoff;
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
  /** What the facilitator said when skipping it. */
  skipNote?: string;
  /** A conditional inject: the expectation and statuses its delivery depended on. */
  condition?: { expectation: string; status: ConditionStatus[] };
  /** Whether any decision answered it (directly or through one of its expectations). */
  answered: boolean;
  /** Delivered less than its shortest target before the drill ended: not yet due. */
  notYetDue?: boolean;
  /** Only in the plan the log is re-scored against. */
  notInDrill?: boolean;
}

/** Text a participant or evaluator wrote, quoted as evidence. */
export interface Quote {
  source: "blocker" | "decision" | "improvised" | "hotwash" | "observation";
  text: string;
  t?: number;
  seq?: number;
  group?: string;
  expectation?: string;
}

/** What backs a finding: ids, groups, scenario times, what people wrote. */
export interface Evidence {
  expectations?: string[];
  injects?: string[];
  groups?: string[];
  objectives?: string[];
  /** Seq numbers of the decisions / notes behind the finding (at most 20). */
  events?: number[];
  from?: number;
  to?: number;
  /** Quoted text (at most 5, each at most 300 characters). */
  quotes?: Quote[];
}

export type FindingKind =
  | "blocker" // what blocked groups, by kind: the time it cost and what it left undone
  | "own-delay" // a group's actions late for no upstream or blocked reason
  | "overload" // a group's own delay while it held more than its capacity
  | "critical-missed" // a critical action never done, for no other cause
  | "expectation-missed" // another action never done, for no other cause
  | "inject-unanswered" // a delivered inject no group answered
  | "group-silent" // a group that was sent work and logged nothing
  | "improvised" // decisions answering no expectation: steps or resources the plan lacks
  | "role-confusion" // decisions by a group an inject was not addressed to
  | "observation"; // an evaluator's area for improvement no other finding explains

/** Findings with attributed minutes (bottlenecks 堵点) have these kinds. */
export type BottleneckKind = Extract<FindingKind, "blocker" | "own-delay" | "overload">;
/** Every kind can be a gap (短板) when it costs no minutes. */
export type GapKind = FindingKind;

export interface RootCause {
  kind: FindingKind;
  group?: string;
  expectation?: string;
  inject?: string;
  objective?: string;
  blockerKind?: BlockerKind;
}

/** Which clause of the ranking rule placed a finding. */
export type RankBasis = "objective-u" | "critical-unmet" | "objective-m" | "minutes";

export type Priority = "high" | "medium" | "low";

export interface Finding {
  /** Stable across drills of a plan and across languages, e.g. "blocker:supplies", "missed:E4". */
  key: string;
  kind: FindingKind;
  /** 1 = the first to fix, over bottlenecks and gaps together. */
  rank: number;
  rankBasis: RankBasis;
  priority: Priority;
  rootCause: RootCause;
  /** The group that fixes it. */
  group?: string;
  /** Late minutes attributed to it, each minute to one finding only. */
  minutesLost: number;
  /** minutesLost / summary.minutesLate (0 when nothing was late). */
  share: number;
  /** The actions whose late minutes it accounts for, and how many of each. */
  late?: { expectation: string; minutes: number }[];
  /** Actions never done (missed, or left blocked) because of it. */
  missed?: string[];
  blocked?: string[];
  /** Hand-offs along which its delay travelled (from → to; internal: within one group). */
  handoffs?: { from: string; to: string; internal: boolean }[];
  /** It made actions on the critical path late. */
  criticalPath?: boolean;
  /** Objectives whose rating it set. */
  objectives?: { id: string; rating: Rating }[];
  /** The groups whose actions it made late or left undone. */
  groupsHurt?: string[];
  /** Conditional injects it made fire: contingencies the plan foresaw that were needed. */
  contingencies?: string[];
  /** Decisions it is made of (blocked, improvised, role confusion). */
  count?: number;
  /** role-confusion: the groups the inject was addressed to. */
  addressedTo?: string[];
  /** overload: the most actions open at once, the capacity, and minutes over it. */
  peakOpen?: number;
  capacity?: number;
  minutesOverCapacity?: number;
  evidence: Evidence;
}

export type Bottleneck = Finding;
export type Gap = Finding;

/** What went well, with its evidence: to keep in the plan. */
export interface Strength {
  /** "performed:O1" (an objective rated P) or "strength:<group>" (what people said). */
  key: string;
  kind: "objective" | "group";
  group?: string;
  objective?: string;
  evidence: Evidence;
}

/** Which clause of the rating rule gave the rating. */
export type RatingReason =
  | "all-on-time" // P
  | "some-late" // S
  | "missed" // M: a non-critical one missed or blocked
  | "over-twice" // M: one took more than twice its target
  | "critical-missed" // U
  | "not-exercised"; // -

export interface Evaluation {
  seq: number;
  t: number;
  rating: Rating;
  text: string;
  group?: string;
}

export interface ObjectiveResult {
  id: string;
  title: string;
  capability?: string;
  /** Computed by the rule stated in the report. */
  rating: Rating | "-";
  reason: RatingReason;
  /** The expectations that set the rating (empty for P and "-"). */
  basis: string[];
  /** All of the objective's expectations, in plan order. */
  expectations: string[];
  /** The evaluators' ratings logged for it, latest last. */
  evaluatorRatings: Rating[];
  /** The same, with when they were given and what the evaluator wrote. */
  evaluations: Evaluation[];
  /** True when the latest evaluator rating differs from the computed one. */
  disagreement: boolean;
  /** Of the basis, what happened only after the latest evaluator rating was given. */
  turnedAfter?: { expectation: string; at: number }[];
  /** Findings that touch its expectations, ranked. */
  findings: string[];
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

/** A logged decision or observation that the facilitator corrected or retracted. */
export interface CorrectionRecord {
  /** Seq and scenario time of the correction itself. */
  seq: number;
  t: number;
  /** Seq of the entry it amends, and when that entry happened. */
  amends: number;
  amendedAt: number;
  entry: "decision" | "note";
  action: "retract" | "replace";
  /** The replacement's text. */
  text?: string;
  reason?: string;
}

export interface HotwashEntry {
  group: string;
  wentWell: string;
  wentLessWell: string;
  why: string;
}

/** The element of capability a corrective action builds (HSEEP's POETE). */
export type Poete = "plan" | "organisation" | "equipment" | "training" | "exercise";

export interface ImprovementItem {
  /** The finding's key: the same for the same problem in every drill of the plan. */
  finding: string;
  kind: FindingKind;
  rank: number;
  priority: Priority;
  capability?: string;
  poete: Poete;
  /** The responsible group, and its point of contact (the group's lead). */
  owner?: string;
  poc?: string;
  /** Dates to fill in (ISO dates), and where the action stands. */
  start: string;
  due: string;
  status: "open";
  issue: string;
  recommendation: string;
  evidence: Evidence;
}

export type RevisionChange =
  | "add-resource" // a stock, vehicle or site the plan should hold
  | "standby-team" // a reserve team and when it is called in
  | "raise-capacity" // a group's capacity, or reinforcement beyond it
  | "define-handoff" // channel, format and time of a hand-off
  | "delegate-authority" // authority on the spot
  | "fallback" // a fallback and a named owner for an action
  | "review-target" // a time target to confirm or change
  | "add-step" // an improvised action written into the plan
  | "reporting" // how a group receives injects and reports
  | "assign-owner" // who answers an inject
  | "clarify-roles"; // who does what between groups

export interface PlanRevision {
  finding: string;
  target: { kind: "group" | "expectation" | "inject"; id: string };
  change: RevisionChange;
  /** The text the proposal rests on (a blocker, an improvised action, a hot-wash answer). */
  basis?: string;
  text: string;
}

/** The objectives of one capability taken together (src/review/capabilities.ts states the rule). */
export interface CapabilityResult {
  /** The library's id (cn.tracing), or the objective's own text when no library has it. */
  id: string;
  /** As the library names it in the review's language, or the text. */
  name: string;
  library?: string;
  /** Its worst exercised objective's rating; "-" when none was exercised. */
  rating: Rating | "-";
  objectives: string[];
  /** Its objectives' findings, each once, in rank order. */
  findings: string[];
  /** Its objectives' expected actions by outcome. */
  counts: Partial<Record<ExpectationOutcome, number>>;
}

/** A decoy inject (`decoy: true`) and the groups that acted on it. */
export interface DecoyResult {
  inject: string;
  title: string;
  to: string[];
  deliveredAt?: number;
  /**
   * Decisions that name the decoy as their inject, by any group, taken at or after its
   * delivery: acting on noise, not an improvised step of the plan.
   */
  actedOn: number;
  groups: { group: string; decisions: number; recipient: boolean }[];
  /** The first few of those decisions. */
  decisions: { seq: number; t: number; group: string; text: string }[];
}

/** An unannounced drill (不打招呼): its seed, each inject's shift, the facilitator's looks ahead. */
export interface UnannouncedResult {
  seed: number;
  peeks: number;
  injects: { inject: string; planAt: number; dueAt: number; jitterMinutes: number }[];
}

/** An event naming ids the scoring plan does not have (a log re-scored against another plan). */
export interface UnmatchedEvent {
  seq: number;
  t: number;
  type: string;
  /** The ids it names that the plan lacks, or the inject it delivered twice. */
  ids: string[];
}

export interface ReviewSummary {
  /** Late minutes over the drill: the sum of every late action's minutesLate. */
  minutesLate: number;
  counts: Record<ExpectationOutcome, number>;
  /** on-time / (on-time + late + missed + blocked); null when none was due. */
  onTimeShare: number | null;
  /** Actions never done: missed, and left blocked. */
  missed: string[];
  blocked: string[];
  /** Late minutes by root cause (findings), largest first; they sum to minutesLate. */
  byCause: { finding: string; kind: FindingKind; group?: string; minutes: number; share: number }[];
  /** Context, not findings: late minutes of each group's and each phase's own actions. */
  byGroup: { group: string; late: number; minutesLate: number }[];
  byPhase: { phase: string; late: number; minutesLate: number }[];
  /** Back from the last critical action done, through the predecessors it waited for. */
  criticalPath?: { chain: string[]; doneAt: number; minutesLate: number };
}

export interface Review {
  format: typeof REVIEW_FORMAT;
  /** The drillbook that wrote the review. */
  tool: string;
  lang: Lang;
  drill: {
    title: string;
    scenario: string;
    planVersion?: string;
    planSha256: string;
    planFile?: string;
    /** The plan the drill was scored against, when not the one in the log (--plan). */
    rescoredWith?: { file: string; sha256: string; version?: string };
    /** The drillbook that wrote the log. */
    loggedBy: string;
    /** Set when the drill was unannounced: the times its injects really fell due. */
    unannounced?: UnannouncedResult;
    clock: "real" | "virtual";
    /** Scenario date-time of T+0, if the plan fixes one. */
    scenarioStart?: string;
    /** Where the drill was run; wall-clock times are shown in it. */
    timeZone?: string;
    /** Wall-clock, ISO 8601. */
    startedAt: string;
    endedAt?: string;
    ended: boolean;
    endReason?: "script" | "facilitator" | "complete";
    /** Not ended, or ended before some of the plan's injects were reached. */
    partial: boolean;
    /** Real minutes from the start to the last event. */
    realMinutes: number;
    /** Scenario minutes from T+0 to the end (or to the last event of an unfinished drill). */
    scenarioMinutes: number;
    /** The plan's own length: its last inject's time plus that inject's longest target. */
    planMinutes: number;
    /** Seq of the last event reviewed. */
    lastSeq: number;
    evaluators: string[];
    groups: {
      id: string;
      name: string;
      lead?: string;
      members: string[];
      capacity?: number;
      decisions: number;
      /** Only in the re-scoring plan. */
      notInDrill?: boolean;
    }[];
    injectsDelivered: number;
    injectsSkipped: number;
    injectsNotReached: number;
    decisions: number;
    /** Decisions that answer no expectation (those acting on a decoy are counted in `decoys`). */
    improvised: number;
    notes: number;
    events: number;
    /** What the facilitator did to the drill's course. */
    interventions: {
      pauses: number;
      pausedRealMinutes: number;
      speedChanges: number;
      jumps: number;
      resumes: number;
      /** Decisions and observations corrected or retracted (listed in `corrections`). */
      corrections: number;
      deliveredEarly: number;
      skippedByFacilitator: number;
    };
  };
  summary: ReviewSummary;
  injects: InjectResult[];
  expectations: ExpectationResult[];
  /** Findings that cost late minutes, ranked (rank is shared with gaps). */
  bottlenecks: Finding[];
  /** Findings that cost no minutes: actions never done, silent groups, steps the plan lacks. */
  gaps: Finding[];
  strengths: Strength[];
  objectives: ObjectiveResult[];
  /** The analysis by capability: objectives of one capability taken together. */
  capabilities: CapabilityResult[];
  /** The plan's decoy injects and who acted on them. */
  decoys: DecoyResult[];
  /** Evaluator notes in log order (the first 500). */
  observations: Observation[];
  /** Per group, its latest hot-wash answer. */
  hotwash: HotwashEntry[];
  /** Corrections and retractions the review applied, in log order (the first 500). */
  corrections: CorrectionRecord[];
  /** One row per finding, in rank order. */
  improvementPlan: ImprovementItem[];
  planRevisions: PlanRevision[];
  /** How many events named ids the plan lacks, and the first 50 of them. */
  unmatchedCount: number;
  unmatched: UnmatchedEvent[];
  /** By site, when the plan names sites (main venue and sub-venues). */
  bySite?: SiteBreakdown;
}

import type { SiteBreakdown } from "./sites.js";

/** Every finding, bottlenecks and gaps together, in rank order. */
export function rankedFindings(review: Pick<Review, "bottlenecks" | "gaps">): Finding[] {
  return [...review.bottlenecks, ...review.gaps].sort((a, b) => a.rank - b.rank);
}
