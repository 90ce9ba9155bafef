// One drill as a row of the replay: what the trend across drills needs of its Review, small
// enough that a batch of thousands stays light. `drill replay --format json` writes these as
// JSON Lines (drills.jsonl), one per drill, oldest first; keep the field names stable.
// Pure: a Review in, a row out.

import type { Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { round } from "../core/scenario-time.js";
import { reviewFormat } from "../review/format.js";
import { reviewNames } from "../review/markdown.js";
import { reviewMessages } from "../review/messages.js";
import type {
  BottleneckKind,
  ExpectationOutcome,
  ExpectationResult,
  GapKind,
  Review,
} from "../review/model.js";

export const DRILL_ROW_FORMAT = "drillbook-replay-drill/1";

export const OUTCOMES: readonly ExpectationOutcome[] = [
  "on-time",
  "late",
  "missed",
  "blocked",
  "not-reached",
  "open",
];

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
  minutesLate: number;
}

export interface GroupCell {
  id: string;
  name: string;
  /** Expected actions of the group in the plan, and how each ended. */
  expectations: number;
  counts: Record<ExpectationOutcome, number>;
  /** Minutes beyond target, summed over its late actions. */
  minutesLate: number;
  decisions: number;
}

export type FindingCategory = "bottleneck" | "gap";

export interface FindingCell {
  /** The Review's stable key, e.g. "handoff-wait:E15<-E5", "resource:people". */
  key: string;
  category: FindingCategory;
  kind: BottleneckKind | GapKind;
  group?: string;
  minutesLost?: number;
  /** Expected actions the finding is about: gone from a later plan, it cannot recur. */
  expectations?: string[];
  /** The finding as the drill's own report words it. */
  text: string;
}

export interface ObjectiveCell {
  id: string;
  title: string;
  rating: Rating | "-";
  /** The evaluators' latest rating, if any. */
  evaluator?: Rating;
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
  realMinutes: number;
  scenarioMinutes: number;
  events: number;
  decisions: number;
  improvised: number;
  /** The plan in the log, with its expectations as it set them. */
  plan: PlanRef & { expectations: PlanExpectation[] };
  /** The revised plan the drill was scored against (`--plan`). */
  scoredWith?: PlanRef;
  counts: Record<ExpectationOutcome, number>;
  expectations: ExpectationCell[];
  groups: GroupCell[];
  findings: FindingCell[];
  objectives: ObjectiveCell[];
  /** With `--plan`: finding keys the revised plan removes from, and adds to, the drill's own. */
  rescore?: { removed: string[]; added: string[] };
}

export function emptyCounts(): Record<ExpectationOutcome, number> {
  return { "on-time": 0, late: 0, missed: 0, blocked: 0, "not-reached": 0, open: 0 };
}

function expectationCell(e: ExpectationResult): ExpectationCell {
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
    minutesLate: e.minutesLate,
  };
}

/** The findings of a review, each worded as its report words it. */
export function findingCells(review: Review): FindingCell[] {
  const words = reviewMessages[review.lang];
  const f = reviewFormat(review.lang, reviewNames(review));
  const cells: FindingCell[] = [];
  for (const b of review.bottlenecks) {
    const about =
      b.kind === "handoff-wait"
        ? [b.waitingExpectation, b.waitedOn].filter((id): id is string => id !== undefined)
        : b.kind === "critical-path"
          ? (b.chain ?? [])
          : [];
    cells.push({
      key: b.key,
      category: "bottleneck",
      kind: b.kind,
      ...(b.group !== undefined ? { group: b.group } : {}),
      minutesLost: b.minutesLost,
      ...(about.length > 0 ? { expectations: about } : {}),
      text: words.bottleneck(b, f),
    });
  }
  for (const g of review.gaps) {
    const about =
      g.kind === "critical-missed" || g.kind === "expectation-missed"
        ? (g.evidence.expectations ?? [])
        : [];
    cells.push({
      key: g.key,
      category: "gap",
      kind: g.kind,
      ...(g.group !== undefined ? { group: g.group } : {}),
      ...(about.length > 0 ? { expectations: about } : {}),
      text: words.gap(g, f),
    });
  }
  return cells;
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
    realMinutes: review.drill.realMinutes,
    scenarioMinutes: review.drill.scenarioMinutes,
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
    expectations: review.expectations.map(expectationCell),
    groups,
    findings,
    objectives: review.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      rating: o.rating,
      ...(o.evaluatorRatings.length > 0 ? { evaluator: o.evaluatorRatings.at(-1) } : {}),
    })),
  };
  if (options.own) row.rescore = rescoreDiff(options.own, review);
  return row;
}

/** Finding keys that scoring against the revised plan removes and adds. */
export function rescoreDiff(
  own: Pick<Review, "bottlenecks" | "gaps">,
  revised: Pick<Review, "bottlenecks" | "gaps">,
): { removed: string[]; added: string[] } {
  const keys = (r: Pick<Review, "bottlenecks" | "gaps">) =>
    new Set([...r.bottlenecks.map((b) => b.key), ...r.gaps.map((g) => g.key)]);
  const before = keys(own);
  const after = keys(revised);
  return {
    removed: [...before].filter((k) => !after.has(k)),
    added: [...after].filter((k) => !before.has(k)),
  };
}
