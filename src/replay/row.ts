// One drill as a row of the replay: what the trend across drills needs of its Review, small
// enough that a batch of thousands stays light. `drill replay --format json` writes these as
// JSON Lines (drills.jsonl), one per drill, oldest first; keep the field names stable.
// Pure: a Review in, a row out.

import type { Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { round } from "../core/scenario-time.js";
import {
  EXPECTATION_OUTCOMES,
  type ExpectationOutcome,
  type ExpectationResult,
  type FindingKind,
  type Poete,
  type Review,
  rankedFindings,
} from "../review/model.js";
import { wordsContext } from "../review/report.js";

import type { CapabilityCell } from "./capability-trend.js";

export const DRILL_ROW_FORMAT = "drillbook-replay-drill/2";

export const OUTCOMES: readonly ExpectationOutcome[] = EXPECTATION_OUTCOMES;

/** Outcomes of actions that fell due in a drill; the others are not applicable there. */
export const DUE: ReadonlySet<ExpectationOutcome> = new Set([
  "on-time",
  "late",
  "missed",
  "blocked",
]);

export interface ExpectationCell {
  id: string;
  inject: string;
  group: string;
  action: string;
  objective?: string;
  critical: boolean;
  status: ExpectationOutcome;
  targetMinutes: number;
  /** Delivery to done; absent when never done. */
  latencyMinutes?: number;
  /** Never done: delivery to the end of the drill, the time it was left open. */
  openMinutes?: number;
  minutesLate: number;
}

export interface GroupCell {
  id: string;
  name: string;
  /** Expected actions of the group in the plan, and how each ended. */
  expectations: number;
  /** Of them, the ones that fell due in the drill (on time, late, missed or blocked). */
  due: number;
  counts: Record<ExpectationOutcome, number>;
  /** Minutes beyond target, summed over its late actions. */
  minutesLate: number;
  decisions: number;
}

export type FindingCategory = "bottleneck" | "gap";

export interface FindingCell {
  /** The Review's stable key, e.g. "blocker:supplies", "missed:E14". */
  key: string;
  /** bottleneck: it cost late minutes; gap: it did not. */
  category: FindingCategory;
  kind: FindingKind;
  rank: number;
  group?: string;
  minutesLost?: number;
  /** Expected actions the finding is about: gone from a later plan, it cannot recur. */
  expectations?: string[];
  /** The finding as the drill's own report words it. */
  text: string;
  /** Its row of the improvement plan: the corrective action, capability and POETE element. */
  action?: string;
  capability?: string;
  poete?: Poete;
}

export interface ObjectiveCell {
  id: string;
  title: string;
  rating: Rating | "-";
  /** The evaluators' latest rating, if any. */
  evaluator?: Rating;
}

/** What a headline compares between drills. */
export interface DrillTotals {
  /** Late minutes over the drill (the review's summary.minutesLate). */
  minutesLate: number;
  /** Actions that fell due, and how many of them were on time. */
  due: number;
  onTime: number;
  /** onTime / due; null when nothing fell due. */
  onTimeShare: number | null;
  missed: number;
  blocked: number;
}

/** An expectation as the plan sets it: what differs between plan versions. */
export interface PlanExpectation {
  id: string;
  inject: string;
  group: string;
  targetMinutes: number;
  critical: boolean;
}

export interface PlanRef {
  version?: string;
  sha256: string;
  file?: string;
}

export interface DrillRow {
  format: typeof DRILL_ROW_FORMAT;
  /** The log, as named on the command line (or found under a folder given there). */
  file: string;
  /** The drill's reports, relative to the output folder (replay only). */
  reports?: { md: string; json: string };
  title: string;
  lang: Lang;
  /** Wall-clock start from the log's header: drills are ordered by it. */
  startedAt: string;
  endedAt?: string;
  /** Where the drill was run (IANA zone), when the log records it: dates are shown in it. */
  timeZone?: string;
  ended: boolean;
  endReason?: "script" | "facilitator" | "complete";
  /**
   * Not ended, ended before some of its plan's injects were reached, or shorter than half its
   * plan: such a drill is shown but never taken as "the latest drill" for findings.
   */
  partial: boolean;
  realMinutes: number;
  scenarioMinutes: number;
  /** The plan's own length (its last inject plus that inject's longest target). */
  planMinutes: number;
  events: number;
  decisions: number;
  improvised: number;
  /** The plan in the log, with its expectations as it set them. */
  plan: PlanRef & { expectations: PlanExpectation[] };
  /** The revised plan the drill was scored against (`--plan`). */
  scoredWith?: PlanRef;
  counts: Record<ExpectationOutcome, number>;
  totals: DrillTotals;
  expectations: ExpectationCell[];
  groups: GroupCell[];
  findings: FindingCell[];
  objectives: ObjectiveCell[];
  /** With `--plan`: finding keys the revised plan removes from, and adds to, the drill's own. */
  rescore?: { removed: string[]; added: string[] };
  /** The review's analysis by capability (absent in rows of older versions). */
  capabilities?: CapabilityCell[];
  /** Set for an unannounced drill (不打招呼). */
  unannounced?: { seed: number; peeks: number };
}

export function emptyCounts(): Record<ExpectationOutcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ExpectationOutcome, number>;
}

/** A drill shorter than this share of its plan is marked partial even if ended. */
const SHORT = 0.5;

function expectationCell(e: ExpectationResult, end: number): ExpectationCell {
  const unmet = e.status === "missed" || e.status === "blocked";
  return {
    id: e.id,
    inject: e.inject,
    group: e.group,
    action: e.action,
    ...(e.objective !== undefined ? { objective: e.objective } : {}),
    critical: e.critical,
    status: e.status,
    targetMinutes: e.targetMinutes,
    ...(e.latencyMinutes !== undefined ? { latencyMinutes: e.latencyMinutes } : {}),
    ...(unmet && e.deliveredAt !== undefined
      ? { openMinutes: round(Math.max(0, end - e.deliveredAt)) }
      : {}),
    minutesLate: e.minutesLate,
  };
}

/** The findings of a review, in rank order, each worded as its report words it. */
export function findingCells(review: Review): FindingCell[] {
  const { w, c } = wordsContext(review, review.lang);
  const plan = new Map(review.improvementPlan.map((item) => [item.finding, item]));
  return rankedFindings(review).map((f) => {
    const item = plan.get(f.key);
    return {
      key: f.key,
      category: f.minutesLost > 0 ? "bottleneck" : "gap",
      kind: f.kind,
      rank: f.rank,
      ...(f.group !== undefined ? { group: f.group } : {}),
      ...(f.minutesLost > 0 ? { minutesLost: f.minutesLost } : {}),
      ...(f.evidence.expectations ? { expectations: [...f.evidence.expectations] } : {}),
      text: w.issue(f, c),
      ...(item ? { action: item.recommendation, poete: item.poete } : {}),
      ...(item?.capability !== undefined ? { capability: item.capability } : {}),
    };
  });
}

/** The totals a headline compares. */
export function drillTotals(review: Pick<Review, "summary">): DrillTotals {
  const n = review.summary.counts;
  const due = n["on-time"] + n.late + n.missed + n.blocked;
  return {
    minutesLate: review.summary.minutesLate,
    due,
    onTime: n["on-time"],
    onTimeShare: due > 0 ? round(n["on-time"] / due) : null,
    missed: n.missed,
    blocked: n.blocked,
  };
}

export interface DrillRowOptions {
  file: string;
  reports?: { md: string; json: string };
  /** With `--plan`: the drill scored against its own plan, to tell what the revision changes. */
  own?: Review;
}

/** The row of a drill from its review (scored against the revised plan, with `own` set). */
export function drillRow(review: Review, options: DrillRowOptions): DrillRow {
  const own = options.own ?? review;
  const counts = emptyCounts();
  for (const e of review.expectations) counts[e.status]++;
  const groups: GroupCell[] = review.drill.groups.map((g) => {
    const mine = review.expectations.filter((e) => e.group === g.id);
    const groupCounts = emptyCounts();
    for (const e of mine) groupCounts[e.status]++;
    return {
      id: g.id,
      name: g.name,
      expectations: mine.length,
      due: mine.filter((e) => DUE.has(e.status)).length,
      counts: groupCounts,
      minutesLate: round(
        mine.filter((e) => e.status === "late").reduce((sum, e) => sum + e.minutesLate, 0),
      ),
      decisions: g.decisions,
    };
  });
  const findings = findingCells(review);
  const row: DrillRow = {
    format: DRILL_ROW_FORMAT,
    file: options.file,
    ...(options.reports ? { reports: options.reports } : {}),
    title: review.drill.title,
    lang: review.lang,
    startedAt: review.drill.startedAt,
    ...(review.drill.endedAt !== undefined ? { endedAt: review.drill.endedAt } : {}),
    ...(review.drill.timeZone !== undefined ? { timeZone: review.drill.timeZone } : {}),
    ended: review.drill.ended,
    ...(review.drill.endReason !== undefined ? { endReason: review.drill.endReason } : {}),
    // Whether the drill was played through is the drill's own, whatever plan scores it.
    partial: own.drill.partial || own.drill.scenarioMinutes < SHORT * own.drill.planMinutes,
    realMinutes: review.drill.realMinutes,
    scenarioMinutes: review.drill.scenarioMinutes,
    planMinutes: own.drill.planMinutes,
    events: review.drill.events,
    decisions: review.drill.decisions,
    improvised: review.drill.improvised,
    plan: {
      ...(own.drill.planVersion !== undefined ? { version: own.drill.planVersion } : {}),
      sha256: own.drill.planSha256,
      ...(own.drill.planFile !== undefined ? { file: own.drill.planFile } : {}),
      expectations: own.expectations.map((e) => ({
        id: e.id,
        inject: e.inject,
        group: e.group,
        targetMinutes: e.targetMinutes,
        critical: e.critical,
      })),
    },
    ...(review.drill.rescoredWith ? { scoredWith: { ...review.drill.rescoredWith } } : {}),
    counts,
    totals: drillTotals(review),
    expectations: review.expectations.map((e) => expectationCell(e, review.drill.scenarioMinutes)),
    groups,
    findings,
    objectives: review.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      rating: o.rating,
      ...(o.evaluatorRatings.length > 0 ? { evaluator: o.evaluatorRatings.at(-1) } : {}),
    })),
  };
  if (review.capabilities?.length)
    row.capabilities = review.capabilities.map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.library !== undefined ? { library: c.library } : {}),
      rating: c.rating,
      findings: c.findings.length,
    }));
  if (review.drill.unannounced)
    row.unannounced = {
      seed: review.drill.unannounced.seed,
      peeks: review.drill.unannounced.peeks,
    };
  if (options.own) row.rescore = rescoreDiff(options.own, review);
  return row;
}

type Scored = Pick<Review, "bottlenecks" | "gaps" | "expectations" | "injects" | "drill">;

/**
 * What the revision touches: expectations added, removed or changed (target, group, inject,
 * criticality, hand-offs, objective), groups added, removed or given another capacity, and
 * injects added, removed or moved.
 */
function touchedIds(own: Scored, revised: Scored): Set<string> {
  const touched = new Set<string>();
  const compare = <T extends { id: string }>(
    before: readonly T[],
    after: readonly T[],
    same: (a: T, b: T) => boolean,
  ) => {
    const old = new Map(before.map((x) => [x.id, x]));
    const next = new Map(after.map((x) => [x.id, x]));
    for (const [id, x] of old) {
      const y = next.get(id);
      if (!y || !same(x, y)) touched.add(id);
    }
    for (const id of next.keys()) if (!old.has(id)) touched.add(id);
  };
  compare(
    own.expectations,
    revised.expectations.filter((e) => e.status !== "not-in-drill"),
    (a, b) =>
      a.targetMinutes === b.targetMinutes &&
      a.group === b.group &&
      a.inject === b.inject &&
      a.critical === b.critical &&
      a.objective === b.objective &&
      a.handoff?.expectation === b.handoff?.expectation,
  );
  for (const e of revised.expectations) if (e.status === "not-in-drill") touched.add(e.id);
  compare(
    own.drill.groups,
    revised.drill.groups,
    (a, b) => a.capacity === b.capacity && !b.notInDrill,
  );
  compare(
    own.injects,
    revised.injects,
    (a, b) => a.atMinutes === b.atMinutes && a.to.join() === b.to.join(),
  );
  return touched;
}

/**
 * Finding keys that scoring against the revised plan removes and adds: only findings whose
 * evidence (actions, groups, injects) the revision touches, so a revision is not credited with
 * what it has nothing to do with.
 */
export function rescoreDiff(own: Scored, revised: Scored): { removed: string[]; added: string[] } {
  const touched = touchedIds(own, revised);
  const concerns = (f: Scored["bottlenecks"][number]) =>
    [
      ...(f.evidence.expectations ?? []),
      ...(f.evidence.injects ?? []),
      ...(f.evidence.groups ?? []),
      ...(f.group !== undefined ? [f.group] : []),
    ].some((id) => touched.has(id));
  const keys = (r: Scored) =>
    new Map([...r.bottlenecks, ...r.gaps].map((f) => [f.key, f] as const));
  const before = keys(own);
  const after = keys(revised);
  return {
    removed: [...before].filter(([k, f]) => !after.has(k) && concerns(f)).map(([k]) => k),
    added: [...after].filter(([k, f]) => !before.has(k) && concerns(f)).map(([k]) => k),
  };
}
