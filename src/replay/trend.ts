// Drills compared over time: rows added oldest first, folded into what recurs, what was fixed
// and what is new, each expectation's and group's record, the objectives' ratings and where the
// plans differ. Pure and incremental: it keeps the latest few rows whole and a running tally
// of the rest, so a batch of any size is compared in memory bounded by the plans' size.
// Drills of different plan versions are compared by ids.

import type { Rating } from "../core/events.js";
import { round } from "../core/scenario-time.js";
import type { ExpectationOutcome } from "../review/model.js";
import { type AnnouncementComparison, AnnouncementTrend } from "./announcement.js";
import { type CapabilityTrend, CapabilityTrends } from "./capability-trend.js";
import {
  type DrillRow,
  type DrillTotals,
  DUE,
  type ExpectationCell,
  emptyCounts,
  type FindingCategory,
  type FindingCell,
  type GroupCell,
  type ObjectiveCell,
  type PlanExpectation,
  type PlanRef,
} from "./row.js";

export const TREND_FORMAT = "drillbook-replay-summary/2";

/**
 * Where a finding stands in the latest drill played through: seen before and again
 * (recurring), seen for the first time (new), seen before but not now (fixed), not now because
 * the latest plan no longer has the expected action it was about (dropped), or seen only in
 * drills not played through (partial), which prove nothing either way.
 */
export type FindingStatus = "recurring" | "new" | "fixed" | "dropped" | "partial";
export const FINDING_STATUSES: readonly FindingStatus[] = [
  "recurring",
  "new",
  "fixed",
  "dropped",
  "partial",
];

export interface FindingTrend {
  key: string;
  category: FindingCategory;
  kind: FindingCell["kind"];
  group?: string;
  status: FindingStatus;
  /** How many drills had it (of those played through, unless it is `partial`). */
  drills: number;
  /** Positions (1 = oldest drill) of the first and last drill that had it. */
  first: number;
  last: number;
  firstSeen: string;
  lastSeen: string;
  /** Drills in a row, up to the latest, that had it (0 when the latest did not). */
  streak: number;
  /** As the latest drill that had it words it. */
  text: string;
  minutesLost?: number;
}

export interface LatencyStats {
  /** Drills in which it was done. */
  n: number;
  min: number;
  max: number;
  mean: number;
}

/** A drill among the latest few that get a column of their own. */
export interface RecentDrill {
  /** 1 = oldest drill. */
  position: number;
  file: string;
  startedAt: string;
  timeZone?: string;
  planVersion?: string;
  planSha256: string;
  reports?: { md: string; json: string };
  /** Not played through (see DrillRow.partial). */
  partial?: boolean;
}

export interface ExpectationTrend {
  id: string;
  group: string;
  action: string;
  critical: boolean;
  /** The target in the latest drill whose plan had it. */
  targetMinutes: number;
  /** Drills whose plan had it, and those in which it fell due (the rest: not applicable). */
  drills: number;
  due: number;
  counts: Record<ExpectationOutcome, number>;
  latency?: LatencyStats;
  /** Whether the latest drill's plan has it. */
  inLatest: boolean;
  /** One per recent drill, oldest first; null where that drill's plan lacked it. */
  recent: (ExpectationCell | null)[];
}

export interface GroupTrend {
  id: string;
  name: string;
  drills: number;
  /** Its actions that fell due, over all drills. */
  due: number;
  counts: Record<ExpectationOutcome, number>;
  minutesLate: number;
  recent: (GroupCell | null)[];
}

export type RatingOrNone = Rating | "-";

export interface ObjectiveTrend {
  id: string;
  title: string;
  counts: Record<RatingOrNone, number>;
  first: RatingOrNone;
  latest: RatingOrNone;
  /** latest against first: P is best, U worst, "-" (not reached) is left out. */
  direction: "better" | "worse" | "same";
  /** The evaluators' first and latest ratings, when any drill had one. */
  evaluatorFirst?: Rating;
  evaluatorLatest?: Rating;
  recent: (ObjectiveCell | null)[];
}

/** One side of a headline. */
export interface HeadlineDrill {
  position: number;
  file: string;
  startedAt: string;
  timeZone?: string;
  partial: boolean;
  totals: DrillTotals;
}

/** The change between two drills in what matters most: late minutes, on time, ratings. */
export interface Headline {
  from: HeadlineDrill;
  to: HeadlineDrill;
  /** to − from. */
  minutesLate: number;
  /** to − from, in shares (0.25 = 25 points); null when either had nothing due. */
  onTimeShare: number | null;
  ratings: {
    id: string;
    title: string;
    from: RatingOrNone;
    to: RatingOrNone;
    evaluatorFrom?: Rating;
    evaluatorTo?: Rating;
  }[];
}

export interface PlanVersion extends PlanRef {
  drills: number;
  firstStartedAt: string;
  lastStartedAt: string;
}

export interface TargetChange {
  id: string;
  field: "targetMinutes" | "group" | "critical" | "inject";
  from: string | number | boolean;
  to: string | number | boolean;
}

/** Where one plan differs from the one the drill before it used. */
export interface PlanChange {
  from: PlanRef;
  to: PlanRef;
  /** The first drill on `to` after one on `from`. */
  position: number;
  startedAt: string;
  timeZone?: string;
  added: PlanExpectation[];
  removed: PlanExpectation[];
  changed: TargetChange[];
}

export interface RescoreTrend {
  scoredWith: PlanRef & { file?: string };
  /** Drills in which the revised plan changes anything. */
  drillsChanged: number;
  removed: { key: string; drills: number }[];
  added: { key: string; drills: number }[];
}

export interface Trend {
  format: typeof TREND_FORMAT;
  drills: number;
  /** Drills played through (not partial): findings are compared over these. */
  complete: number;
  first?: Pick<RecentDrill, "file" | "startedAt" | "timeZone">;
  latest?: Omit<RecentDrill, "position" | "reports">;
  /** The latest drill played through, which findings are judged against (when not the latest). */
  reference?: Pick<RecentDrill, "position" | "file" | "startedAt" | "timeZone">;
  /** Drills not played through, by position. */
  partial: number[];
  /** The latest drill played through against the one before it. */
  headline?: Headline;
  recent: RecentDrill[];
  plans: PlanVersion[];
  planChanges: PlanChange[];
  expectations: ExpectationTrend[];
  groups: GroupTrend[];
  objectives: ObjectiveTrend[];
  findings: FindingTrend[];
  rescore?: RescoreTrend;
  /** Each capability across drills and plans. */
  capabilities: CapabilityTrend[];
  /** Per plan with drills of both kinds: unannounced drills against announced ones. */
  announcement: AnnouncementComparison[];
}

interface FindingTally {
  cell: FindingCell;
  drills: number;
  first: number;
  last: number;
  firstSeen: string;
  lastSeen: string;
  streak: number;
  /** The index, among the drills this tally counts, of the last one that had it. */
  lastIndex: number;
}

/** Findings over a series of drills, in the order they are added. */
class FindingTallies {
  readonly map = new Map<string, FindingTally>();
  count = 0;

  add(row: DrillRow, position: number): void {
    const index = ++this.count;
    for (const cell of row.findings) {
      const tally = this.map.get(cell.key);
      if (!tally) {
        this.map.set(cell.key, {
          cell,
          drills: 1,
          first: position,
          last: position,
          firstSeen: row.startedAt,
          lastSeen: row.startedAt,
          streak: 1,
          lastIndex: index,
        });
        continue;
      }
      tally.streak = tally.lastIndex === index - 1 ? tally.streak + 1 : 1;
      tally.cell = cell;
      tally.drills++;
      tally.last = position;
      tally.lastSeen = row.startedAt;
      tally.lastIndex = index;
    }
  }
}

interface ExpectationTally {
  cell: ExpectationCell;
  drills: number;
  due: number;
  counts: Record<ExpectationOutcome, number>;
  n: number;
  min: number;
  max: number;
  sum: number;
}

interface GroupTally {
  name: string;
  drills: number;
  due: number;
  counts: Record<ExpectationOutcome, number>;
  minutesLate: number;
}

interface ObjectiveTally {
  title: string;
  counts: Record<RatingOrNone, number>;
  first: RatingOrNone;
  latest: RatingOrNone;
  evaluatorFirst?: Rating;
  evaluatorLatest?: Rating;
}

export interface TrendBuilder {
  /** Adds the next drill: drills come oldest first (`compareDrills`). */
  add(row: DrillRow): void;
  finish(): Trend;
}

/** Orders drills oldest first: by start, then by file so equal starts keep one order. */
export function compareDrills(
  a: Pick<DrillRow, "startedAt" | "file">,
  b: Pick<DrillRow, "startedAt" | "file">,
): number {
  const ta = Date.parse(a.startedAt);
  const tb = Date.parse(b.startedAt);
  if (ta !== tb) return ta - tb;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** `recent`: how many of the latest drills keep their rows whole (their own columns). */
export function createTrend(options: { recent: number }): TrendBuilder {
  const recentRows: { row: DrillRow; position: number }[] = [];
  // Findings over the drills played through, and over every drill (for when none was).
  const complete = new FindingTallies();
  const every = new FindingTallies();
  const partial: number[] = [];
  let reference: { row: DrillRow; position: number } | undefined;
  let beforeReference: { row: DrillRow; position: number } | undefined;
  const expectations = new Map<string, ExpectationTally>();
  const groups = new Map<string, GroupTally>();
  const objectives = new Map<string, ObjectiveTally>();
  const plans = new Map<string, PlanVersion>();
  const planChanges = new Map<string, PlanChange>();
  const removedByRevision = new Map<string, number>();
  const addedByRevision = new Map<string, number>();
  let scoredWith: PlanRef | undefined;
  let drillsChanged = 0;
  const capabilityTrends = new CapabilityTrends();
  const announcement = new AnnouncementTrend();
  let drills = 0;
  let first: DrillRow | undefined;
  let previous: DrillRow | undefined;

  return {
    add(row) {
      drills++;
      const position = drills;
      first ??= row;

      every.add(row, position);
      capabilityTrends.add(row.title, row.capabilities ?? []);
      announcement.add({
        plan: row.title,
        unannounced: row.unannounced !== undefined,
        partial: row.partial,
        onTimeShare: row.totals.onTimeShare,
        minutesLate: row.totals.minutesLate,
        latencies: row.expectations.flatMap((e) =>
          e.latencyMinutes !== undefined ? [e.latencyMinutes] : [],
        ),
      });
      if (row.partial) partial.push(position);
      else {
        complete.add(row, position);
        beforeReference = reference;
        reference = { row, position };
      }

      for (const cell of row.expectations) {
        let tally = expectations.get(cell.id);
        if (!tally) {
          tally = {
            cell,
            drills: 0,
            due: 0,
            counts: emptyCounts(),
            n: 0,
            min: Number.POSITIVE_INFINITY,
            max: Number.NEGATIVE_INFINITY,
            sum: 0,
          };
          expectations.set(cell.id, tally);
        }
        tally.cell = cell;
        tally.drills++;
        if (DUE.has(cell.status)) tally.due++;
        tally.counts[cell.status]++;
        if (cell.latencyMinutes !== undefined) {
          tally.n++;
          tally.min = Math.min(tally.min, cell.latencyMinutes);
          tally.max = Math.max(tally.max, cell.latencyMinutes);
          tally.sum += cell.latencyMinutes;
        }
      }

      for (const cell of row.groups) {
        let tally = groups.get(cell.id);
        if (!tally) {
          tally = { name: cell.name, drills: 0, due: 0, counts: emptyCounts(), minutesLate: 0 };
          groups.set(cell.id, tally);
        }
        tally.name = cell.name;
        tally.drills++;
        tally.due += cell.due;
        for (const [outcome, count] of Object.entries(cell.counts) as [
          ExpectationOutcome,
          number,
        ][])
          tally.counts[outcome] += count;
        tally.minutesLate += cell.minutesLate;
      }

      for (const cell of row.objectives) {
        let tally = objectives.get(cell.id);
        if (!tally) {
          tally = {
            title: cell.title,
            counts: { P: 0, S: 0, M: 0, U: 0, "-": 0 },
            first: cell.rating,
            latest: cell.rating,
          };
          objectives.set(cell.id, tally);
        }
        tally.title = cell.title;
        tally.counts[cell.rating]++;
        tally.latest = cell.rating;
        // The first rating that says something: a drill that never reached it does not.
        if (tally.first === "-") tally.first = cell.rating;
        if (cell.evaluator !== undefined) {
          tally.evaluatorFirst ??= cell.evaluator;
          tally.evaluatorLatest = cell.evaluator;
        }
      }

      const planKey = row.plan.sha256;
      const version = plans.get(planKey);
      if (version) {
        version.drills++;
        version.lastStartedAt = row.startedAt;
      } else {
        plans.set(planKey, {
          ...planRef(row.plan),
          drills: 1,
          firstStartedAt: row.startedAt,
          lastStartedAt: row.startedAt,
        });
      }
      if (previous && previous.plan.sha256 !== row.plan.sha256) {
        const pair = `${previous.plan.sha256}>${row.plan.sha256}`;
        if (!planChanges.has(pair)) {
          planChanges.set(pair, {
            from: planRef(previous.plan),
            to: planRef(row.plan),
            position,
            startedAt: row.startedAt,
            ...(row.timeZone !== undefined ? { timeZone: row.timeZone } : {}),
            ...diffPlans(previous.plan.expectations, row.plan.expectations),
          });
        }
      }

      if (row.rescore && row.scoredWith) {
        scoredWith = row.scoredWith;
        if (row.rescore.removed.length > 0 || row.rescore.added.length > 0) drillsChanged++;
        for (const key of row.rescore.removed)
          removedByRevision.set(key, (removedByRevision.get(key) ?? 0) + 1);
        for (const key of row.rescore.added)
          addedByRevision.set(key, (addedByRevision.get(key) ?? 0) + 1);
      }

      recentRows.push({ row, position });
      if (recentRows.length > options.recent) recentRows.shift();
      previous = row;
    },

    finish() {
      const latest = previous;
      const rows = recentRows.map((r) => r.row);
      const latestIds = new Set(latest?.expectations.map((e) => e.id) ?? []);
      const latestOrder = new Map(latest?.expectations.map((e, i) => [e.id, i]) ?? []);
      // Judged against the latest drill played through; if none was, against the latest.
      const tallies = complete.count > 0 ? complete : every;
      const judged = reference ?? (latest ? { row: latest, position: drills } : undefined);
      const judgedIds = new Set(judged?.row.expectations.map((e) => e.id) ?? []);

      const statusOf = (t: FindingTally): FindingStatus => {
        const inJudged = t.last === judged?.position;
        const gone = (t.cell.expectations ?? []).some((id) => !judgedIds.has(id));
        return inJudged ? (t.drills === 1 ? "new" : "recurring") : gone ? "dropped" : "fixed";
      };
      const onlyPartial = [...every.map.values()].filter((t) => !tallies.map.has(t.cell.key));
      const findingTrends: FindingTrend[] = [
        ...[...tallies.map.values()].map((t) => ({ t, status: statusOf(t) })),
        ...onlyPartial.map((t) => ({ t, status: "partial" as FindingStatus })),
      ].map(({ t, status }) => {
        const key = t.cell.key;
        const inLatest = status === "new" || status === "recurring";
        return {
          key,
          category: t.cell.category,
          kind: t.cell.kind,
          ...(t.cell.group !== undefined ? { group: t.cell.group } : {}),
          status,
          drills: t.drills,
          first: t.first,
          last: t.last,
          firstSeen: t.firstSeen,
          lastSeen: t.lastSeen,
          streak: inLatest ? t.streak : 0,
          text: t.cell.text,
          ...(t.cell.minutesLost !== undefined ? { minutesLost: t.cell.minutesLost } : {}),
        };
      });
      const statusRank = (status: FindingStatus) => FINDING_STATUSES.indexOf(status);
      findingTrends.sort(
        (a, b) =>
          statusRank(a.status) - statusRank(b.status) ||
          b.drills - a.drills ||
          b.last - a.last ||
          (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      );

      const expectationTrends: ExpectationTrend[] = [...expectations.entries()].map(([id, t]) => ({
        id,
        group: t.cell.group,
        action: t.cell.action,
        critical: t.cell.critical,
        targetMinutes: t.cell.targetMinutes,
        drills: t.drills,
        due: t.due,
        counts: t.counts,
        ...(t.n > 0
          ? { latency: { n: t.n, min: t.min, max: t.max, mean: round(t.sum / t.n) } }
          : {}),
        inLatest: latestIds.has(id),
        recent: rows.map((row) => row.expectations.find((e) => e.id === id) ?? null),
      }));
      // The latest plan's order first; expectations only older plans had, after it.
      const order = (id: string) => latestOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
      expectationTrends.sort((a, b) => order(a.id) - order(b.id));

      const groupTrends: GroupTrend[] = [...groups.entries()].map(([id, t]) => ({
        id,
        name: t.name,
        drills: t.drills,
        due: t.due,
        counts: t.counts,
        minutesLate: round(t.minutesLate),
        recent: rows.map((row) => row.groups.find((g) => g.id === id) ?? null),
      }));

      const objectiveTrends: ObjectiveTrend[] = [...objectives.entries()].map(([id, t]) => ({
        id,
        title: t.title,
        counts: t.counts,
        first: t.first,
        latest: t.latest,
        direction: ratingDirection(t.first, t.latest),
        ...(t.evaluatorFirst !== undefined ? { evaluatorFirst: t.evaluatorFirst } : {}),
        ...(t.evaluatorLatest !== undefined ? { evaluatorLatest: t.evaluatorLatest } : {}),
        recent: rows.map((row) => row.objectives.find((o) => o.id === id) ?? null),
      }));

      const byCount = (map: Map<string, number>) =>
        [...map.entries()]
          .map(([key, count]) => ({ key, drills: count }))
          .sort((a, b) => b.drills - a.drills || (a.key < b.key ? -1 : 1));

      return {
        format: TREND_FORMAT,
        drills,
        complete: complete.count,
        ...(first
          ? {
              first: {
                file: first.file,
                startedAt: first.startedAt,
                ...(first.timeZone !== undefined ? { timeZone: first.timeZone } : {}),
              },
            }
          : {}),
        ...(latest
          ? {
              latest: {
                file: latest.file,
                startedAt: latest.startedAt,
                ...(latest.timeZone !== undefined ? { timeZone: latest.timeZone } : {}),
                ...(latest.plan.version !== undefined ? { planVersion: latest.plan.version } : {}),
                planSha256: latest.plan.sha256,
              },
            }
          : {}),
        ...(reference && reference.position !== drills
          ? {
              reference: {
                position: reference.position,
                file: reference.row.file,
                startedAt: reference.row.startedAt,
                ...(reference.row.timeZone !== undefined
                  ? { timeZone: reference.row.timeZone }
                  : {}),
              },
            }
          : {}),
        partial,
        ...(reference && beforeReference
          ? {
              headline: headline(
                beforeReference.row,
                beforeReference.position,
                reference.row,
                reference.position,
              ),
            }
          : {}),
        recent: recentRows.map(({ row, position }) => ({
          position,
          file: row.file,
          startedAt: row.startedAt,
          ...(row.timeZone !== undefined ? { timeZone: row.timeZone } : {}),
          ...(row.plan.version !== undefined ? { planVersion: row.plan.version } : {}),
          planSha256: row.plan.sha256,
          ...(row.reports ? { reports: row.reports } : {}),
          ...(row.partial ? { partial: true } : {}),
        })),
        plans: [...plans.values()],
        planChanges: [...planChanges.values()],
        expectations: expectationTrends,
        groups: groupTrends,
        objectives: objectiveTrends,
        findings: findingTrends,
        capabilities: capabilityTrends.finish(),
        announcement: announcement.finish(),
        ...(scoredWith
          ? {
              rescore: {
                scoredWith,
                drillsChanged,
                removed: byCount(removedByRevision),
                added: byCount(addedByRevision),
              },
            }
          : {}),
      };
    },
  };
}

/** A whole trend from rows in any order. */
export function trendOf(rows: readonly DrillRow[], recent = rows.length): Trend {
  const builder = createTrend({ recent: Math.max(1, recent) });
  for (const row of [...rows].sort(compareDrills)) builder.add(row);
  return builder.finish();
}

/**
 * What changed from one drill to the next: findings that appeared and that went away. A drill
 * not played through proves neither.
 */
export function drillChanges(
  previous: Pick<DrillRow, "findings"> | undefined,
  row: Pick<DrillRow, "findings" | "partial">,
): { appeared: string[]; resolved: string[] } {
  if (!previous || row.partial) return { appeared: [], resolved: [] };
  const before = new Set(previous.findings.map((f) => f.key));
  const now = new Set(row.findings.map((f) => f.key));
  return {
    appeared: [...now].filter((key) => !before.has(key)),
    resolved: [...before].filter((key) => !now.has(key)),
  };
}

/** Expectations added, removed and changed from one plan's list to the next. */
export function diffPlans(
  before: readonly PlanExpectation[],
  after: readonly PlanExpectation[],
): Pick<PlanChange, "added" | "removed" | "changed"> {
  const old = new Map(before.map((e) => [e.id, e]));
  const next = new Map(after.map((e) => [e.id, e]));
  const changed: TargetChange[] = [];
  for (const e of after) {
    const was = old.get(e.id);
    if (!was) continue;
    for (const field of ["targetMinutes", "group", "critical", "inject"] as const) {
      if (was[field] !== e[field])
        changed.push({ id: e.id, field, from: was[field], to: e[field] });
    }
  }
  return {
    added: after.filter((e) => !old.has(e.id)),
    removed: before.filter((e) => !next.has(e.id)),
    changed,
  };
}

const RATING_ORDER: Record<Rating, number> = { P: 0, S: 1, M: 2, U: 3 };

function ratingDirection(first: RatingOrNone, latest: RatingOrNone): ObjectiveTrend["direction"] {
  if (first === "-" || latest === "-" || first === latest) return "same";
  return RATING_ORDER[latest] < RATING_ORDER[first] ? "better" : "worse";
}

function planRef(plan: PlanRef): PlanRef {
  return {
    ...(plan.version !== undefined ? { version: plan.version } : {}),
    sha256: plan.sha256,
    ...(plan.file !== undefined ? { file: plan.file } : {}),
  };
}

function headlineDrill(row: DrillRow, position: number): HeadlineDrill {
  return {
    position,
    file: row.file,
    startedAt: row.startedAt,
    ...(row.timeZone !== undefined ? { timeZone: row.timeZone } : {}),
    partial: row.partial,
    totals: row.totals,
  };
}

/** What changed from `a` to `b` in late minutes, on-time share and ratings. */
export function headline(a: DrillRow, aPosition: number, b: DrillRow, bPosition: number): Headline {
  const before = new Map(a.objectives.map((o) => [o.id, o]));
  const share = (x: DrillTotals) => x.onTimeShare;
  const from = share(a.totals);
  const to = share(b.totals);
  return {
    from: headlineDrill(a, aPosition),
    to: headlineDrill(b, bPosition),
    minutesLate: round(b.totals.minutesLate - a.totals.minutesLate),
    onTimeShare: from === null || to === null ? null : round(to - from),
    ratings: b.objectives.flatMap((o) => {
      const was = before.get(o.id);
      if (!was) return [];
      return [
        {
          id: o.id,
          title: o.title,
          from: was.rating,
          to: o.rating,
          ...(was.evaluator !== undefined ? { evaluatorFrom: was.evaluator } : {}),
          ...(o.evaluator !== undefined ? { evaluatorTo: o.evaluator } : {}),
        },
      ];
    }),
  };
}
