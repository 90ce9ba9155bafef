// The after-action analysis: a drill's log, folded by the same engine as the live run, turned
// into expectations, bottlenecks, gaps, ratings and an improvement plan. Pure: events in,
// a Review out. Incremental (`createAnalyser().add(event)`), and every list it keeps while
// reading is capped, so a log of any length is analysed in memory bounded by the plan.

import { inferBlockerKind } from "../core/blockers.js";
import {
  applyEvent,
  type DrillState,
  type ExpectationState,
  expectationStatus,
  initialState,
} from "../core/engine.js";
import {
  BLOCKER_KINDS,
  type BlockerKind,
  type DecisionLogged,
  type DecisionStatus,
  type DrillEvent,
  type LogHeader,
  type NoteAdded,
  type Rating,
} from "../core/events.js";
import {
  allExpectations,
  type Expectation,
  type Inject,
  type Lang,
  type Plan,
} from "../core/plan.js";
import { round } from "../core/scenario-time.js";
import { type ReviewFormat, reviewFormat } from "./format.js";
import { reviewMessages } from "./messages.js";
import {
  type Bottleneck,
  type BottleneckKind,
  type Evidence,
  type ExpectationOutcome,
  type ExpectationResult,
  type Gap,
  type HotwashEntry,
  type ImprovementItem,
  type InjectResult,
  type ObjectiveResult,
  type Observation,
  type Priority,
  REVIEW_FORMAT,
  type Review,
  type UnmatchedEvent,
} from "./model.js";

/** What the review keeps at most, so memory does not grow with the log. */
export const LIMITS = {
  quotesPerFinding: 5,
  eventsPerFinding: 20,
  quoteChars: 300,
  decisionsPerExpectation: 50,
  observations: 500,
  unmatched: 50,
  ratingsPerObjective: 20,
  /** Ids from outside the plan (unknown groups) kept per finding or table. */
  foreignIds: 50,
} as const;

export interface AnalyseOptions {
  lang: Lang;
  /** The drillbook writing the review, e.g. "drillbook 0.1.0". */
  tool: string;
  /** Set when the log is scored against a plan other than the one in its header. */
  rescoredWith?: { file: string; sha256: string; version?: string };
}

export interface ReviewAnalyser {
  add(event: DrillEvent): void;
  finish(): Review;
}

/** Analyses a whole log in one call; `plan` is the header's plan unless re-scoring. */
export function analyse(
  plan: Plan,
  header: LogHeader,
  events: Iterable<DrillEvent>,
  options: AnalyseOptions,
): Review {
  const analyser = createAnalyser(plan, header, options);
  for (const event of events) analyser.add(event);
  return analyser.finish();
}

interface DecisionRef {
  seq: number;
  t: number;
  status: DecisionStatus;
  text: string;
  blocker?: string;
}

/** One finding's evidence, gathered as the log streams by, with every list capped. */
class Tally {
  count = 0;
  readonly events: number[] = [];
  readonly quotes: string[] = [];
  readonly groups: string[] = [];
  readonly expectations: string[] = [];
  readonly byGroup = new Map<string, number>();
  from: number | undefined;
  to: number | undefined;

  add(event: DecisionLogged, quote: string, expectation: Expectation | undefined): void {
    this.count++;
    if (this.events.length < LIMITS.eventsPerFinding) this.events.push(event.seq);
    if (this.quotes.length < LIMITS.quotesPerFinding) this.quotes.push(clip(quote));
    addDistinct(this.groups, event.group);
    if (this.byGroup.has(event.group) || this.byGroup.size < LIMITS.foreignIds) {
      this.byGroup.set(event.group, (this.byGroup.get(event.group) ?? 0) + 1);
    }
    if (expectation) addDistinct(this.expectations, expectation.id);
    this.from ??= event.t;
    this.to = event.t;
  }

  /** The group with the most entries (the first one on a tie). */
  topGroup(): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const [group, count] of this.byGroup) {
      if (count > bestCount) {
        best = group;
        bestCount = count;
      }
    }
    return best;
  }

  evidence(extra: Evidence = {}): Evidence {
    return compact({
      expectations: this.expectations,
      groups: this.groups,
      events: this.events,
      from: this.from,
      to: this.to,
      quotes: this.quotes,
      ...extra,
    });
  }
}

/** A decision's text and, when it was blocked, what blocked it. */
function quotes(ref: DecisionRef | undefined): string[] {
  if (!ref) return [];
  return ref.blocker ? [ref.text, ref.blocker] : [ref.text];
}

function addDistinct(list: string[], id: string): void {
  if (list.length < LIMITS.foreignIds && !list.includes(id)) list.push(id);
}

function clip(text: string): string {
  // UTF-16 length bounds the character count: most texts need no splitting.
  if (text.length <= LIMITS.quoteChars) return text;
  const chars = Array.from(text);
  return chars.length <= LIMITS.quoteChars
    ? text
    : `${chars.slice(0, LIMITS.quoteChars).join("")}…`;
}

/** Drops empty lists and undefined fields so the JSON carries only what a finding has. */
function compact(evidence: Evidence): Evidence {
  const out: Evidence = {};
  for (const [key, value] of Object.entries(evidence) as [keyof Evidence, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    (out as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

export function createAnalyser(
  plan: Plan,
  header: LogHeader,
  options: AnalyseOptions,
): ReviewAnalyser {
  const state = initialState(plan);
  const groupIds = new Set(plan.groups.map((g) => g.id));
  const expectationsById = new Map(allExpectations(plan).map((e) => [e.id, e]));
  const injectsById = new Map(plan.injects.map((i) => [i.id, i]));
  const objectiveIds = new Set(plan.objectives.map((o) => o.id));

  const lastDecision = new Map<string, DecisionRef>();
  const doneDecision = new Map<string, DecisionRef>();
  const blockedDecision = new Map<string, DecisionRef>();
  const decisionCounts = new Map<string, number>();
  const answered = new Set<string>();
  const improvised = new Map<string, Tally>();
  const confusion = new Map<string, { group: string; inject: Inject; tally: Tally }>();
  const blockers = new Map<BlockerKind, Tally>();
  const observations: Observation[] = [];
  const ratings = new Map<string, Rating[]>();
  const hotwash = new Map<string, HotwashEntry>();
  const unmatched: UnmatchedEvent[] = [];
  let unmatchedCount = 0;
  let improvisedCount = 0;
  let startWall = header.startedAt;
  let lastWall = header.startedAt;
  let endWall: string | undefined;

  const unknownIds = (event: DrillEvent): string[] => {
    const missing: string[] = [];
    const check = (id: string | undefined, known: { has(id: string): boolean }) => {
      if (id !== undefined && !known.has(id)) missing.push(id);
    };
    switch (event.type) {
      case "inject-delivered":
      case "inject-skipped":
        check(event.inject, injectsById);
        break;
      case "decision":
        check(event.group, groupIds);
        check(event.inject, injectsById);
        check(event.expectation, expectationsById);
        break;
      case "note":
        check(event.group, groupIds);
        check(event.inject, injectsById);
        check(event.objective, objectiveIds);
        break;
      case "hotwash":
        check(event.group, groupIds);
        break;
    }
    return missing;
  };

  const recordUnmatched = (event: DrillEvent, flagged: boolean) => {
    const missing = unknownIds(event);
    if (!flagged && missing.length === 0) return;
    unmatchedCount++;
    if (unmatched.length >= LIMITS.unmatched) return;
    // The engine also flags an inject delivered twice; then the id itself is the news.
    const ids =
      missing.length > 0 ? missing : "inject" in event && event.inject ? [event.inject] : [];
    unmatched.push({ seq: event.seq, t: event.t, type: event.type, ids });
  };

  const onDecision = (event: DecisionLogged) => {
    const expectation = event.expectation ? expectationsById.get(event.expectation) : undefined;
    if (expectation) {
      const ref: DecisionRef = {
        seq: event.seq,
        t: event.t,
        status: event.status,
        text: clip(event.text),
        ...(event.blocker ? { blocker: clip(event.blocker.text) } : {}),
      };
      decisionCounts.set(expectation.id, (decisionCounts.get(expectation.id) ?? 0) + 1);
      lastDecision.set(expectation.id, ref);
      if (event.status === "done" && !doneDecision.has(expectation.id))
        doneDecision.set(expectation.id, ref);
      if (event.status === "blocked") blockedDecision.set(expectation.id, ref);
      // The engine keeps every seq; the review needs only the first few.
      const es = state.expectations.get(expectation.id);
      if (es && es.decisions.length > LIMITS.decisionsPerExpectation)
        es.decisions.length = LIMITS.decisionsPerExpectation;
    }
    const injectId = expectation?.inject ?? event.inject;
    const inject = injectId ? injectsById.get(injectId) : undefined;
    if (inject) answered.add(inject.id);

    if (!event.expectation) {
      improvisedCount++;
      tallyFor(improvised, event.group).add(event, event.text, undefined);
    }
    // An inject addressed to no group in particular is anyone's to answer.
    if (inject && inject.to.length > 0 && !inject.to.includes(event.group)) {
      const key = `${event.group}@${inject.id}`;
      let entry = confusion.get(key);
      if (!entry && confusion.size < LIMITS.foreignIds * 4) {
        entry = { group: event.group, inject, tally: new Tally() };
        confusion.set(key, entry);
      }
      entry?.tally.add(event, event.text, expectation);
    }
    if (event.blocker || event.status === "blocked") {
      const kind = event.blocker?.kind ?? inferBlockerKind(event.text);
      tallyFor(blockers, kind).add(event, event.blocker?.text ?? event.text, expectation);
    }
  };

  const onNote = (event: NoteAdded) => {
    if (observations.length < LIMITS.observations) {
      observations.push({
        seq: event.seq,
        t: event.t,
        kind: event.kind,
        text: clip(event.text),
        ...(event.group !== undefined ? { group: event.group } : {}),
        ...(event.inject !== undefined ? { inject: event.inject } : {}),
        ...(event.objective !== undefined ? { objective: event.objective } : {}),
        ...(event.rating !== undefined ? { rating: event.rating } : {}),
      });
    }
    if (event.objective && event.rating && objectiveIds.has(event.objective)) {
      const list = ratings.get(event.objective) ?? [];
      list.push(event.rating);
      if (list.length > LIMITS.ratingsPerObjective) list.shift();
      ratings.set(event.objective, list);
    }
  };

  return {
    add(event) {
      applyEvent(state, event, { keepRecords: false });
      // The engine lists events it could not place; the review reports them (capped) instead.
      const flagged = state.unmatched.length > 0;
      state.unmatched.length = 0;
      recordUnmatched(event, flagged);
      lastWall = event.wall;
      switch (event.type) {
        case "drill-started":
          startWall = event.wall;
          break;
        case "drill-ended":
          endWall = event.wall;
          break;
        case "decision":
          onDecision(event);
          break;
        case "note":
          onNote(event);
          break;
        case "hotwash":
          if (groupIds.has(event.group) || hotwash.size < LIMITS.foreignIds) {
            hotwash.set(event.group, {
              group: event.group,
              wentWell: clip(event.wentWell),
              wentLessWell: clip(event.wentLessWell),
              why: clip(event.why),
            });
          }
          break;
        default:
          break;
      }
    },

    finish() {
      const end = state.ended ? (state.endedAt ?? state.t) : state.t;
      const f = reviewFormat(
        options.lang,
        {
          groups: plan.groups,
          injects: plan.injects,
          expectations: allExpectations(plan),
          objectives: plan.objectives,
        },
        header.timeZone,
      );
      const expectations = expectationResults(state, end, {
        lastDecision,
        doneDecision,
        decisionCounts,
      });
      const injects = injectResults(state, answered);
      const bottlenecks = findBottlenecks(plan, state, expectations, end, {
        doneDecision,
        blockedDecision,
      });
      const gaps = findGaps(plan, state, expectations, injects, end, {
        lastDecision,
        improvised,
        confusion,
        blockers,
      });
      const objectives = rateObjectives(plan, expectations, ratings);
      const count = (status: InjectResult["status"]) =>
        injects.filter((i) => i.status === status).length;
      const groupOrder = new Map(plan.groups.map((g, i) => [g.id, i]));
      const order = (id: string) => groupOrder.get(id) ?? plan.groups.length;

      const review: Review = {
        format: REVIEW_FORMAT,
        tool: options.tool,
        lang: options.lang,
        drill: {
          // What was run: the log's own plan, whatever plan scores it.
          title: header.plan.title,
          ...(header.plan.version !== undefined ? { planVersion: header.plan.version } : {}),
          planSha256: header.planSha256,
          ...(header.planFile !== undefined ? { planFile: header.planFile } : {}),
          ...(options.rescoredWith ? { rescoredWith: options.rescoredWith } : {}),
          loggedBy: header.tool,
          clock: header.clock,
          ...(plan.clock.start !== undefined ? { scenarioStart: plan.clock.start } : {}),
          ...(header.timeZone !== undefined ? { timeZone: header.timeZone } : {}),
          startedAt: startWall,
          ...(endWall !== undefined ? { endedAt: endWall } : {}),
          ended: state.ended,
          realMinutes: round(Math.max(0, Date.parse(lastWall) - Date.parse(startWall)) / 60_000),
          scenarioMinutes: round(end),
          lastSeq: state.lastSeq,
          groups: plan.groups.map((g) => ({
            id: g.id,
            name: g.name,
            ...(g.capacity !== undefined ? { capacity: g.capacity } : {}),
            decisions: state.groups.get(g.id)?.decisions ?? 0,
          })),
          injectsDelivered: count("delivered"),
          injectsSkipped: count("skipped"),
          injectsNotReached: count("not-reached"),
          decisions: state.counts.decisions,
          improvised: improvisedCount,
          notes: state.counts.notes,
          events: state.counts.events,
        },
        injects,
        expectations,
        bottlenecks,
        gaps,
        objectives,
        observations,
        hotwash: [...hotwash.values()].sort((a, b) => order(a.group) - order(b.group)),
        improvementPlan: improvementPlan(bottlenecks, gaps, expectations, f),
        unmatchedCount,
        unmatched,
      };
      return review;
    },
  };
}

function tallyFor<K>(map: Map<K, Tally>, key: K): Tally {
  let tally = map.get(key);
  if (!tally) {
    tally = new Tally();
    if (map.size < LIMITS.foreignIds * 4) map.set(key, tally);
  }
  return tally;
}

function outcome(es: ExpectationState, t: number): ExpectationOutcome {
  const status = expectationStatus(es, t);
  switch (status) {
    case "on-time":
    case "late":
    case "blocked":
    case "not-reached":
      return status;
    // A drill ended before the deadline: neither met nor missed, and not held against anyone.
    // Ended at the deadline itself, the time was all used: missed.
    case "open":
      return es.deadline !== undefined && t >= es.deadline ? "missed" : "open";
    case "overdue":
      return "missed";
  }
}

function expectationResults(
  state: DrillState,
  end: number,
  records: {
    lastDecision: Map<string, DecisionRef>;
    doneDecision: Map<string, DecisionRef>;
    decisionCounts: Map<string, number>;
  },
): ExpectationResult[] {
  const results: ExpectationResult[] = [];
  for (const es of state.expectations.values()) {
    const e = es.expectation;
    const inject = state.injects.get(e.inject)?.inject;
    const status = outcome(es, end);
    const done = es.doneAt !== undefined && es.deliveredAt !== undefined;
    const minutesLate =
      es.deadline === undefined
        ? 0
        : status === "late"
          ? round((es.doneAt ?? es.deadline) - es.deadline)
          : status === "missed" || status === "blocked"
            ? round(Math.max(0, end - es.deadline))
            : 0;
    const decision = records.doneDecision.get(e.id) ?? records.lastDecision.get(e.id);
    const wait = handoffWait(state, es, end);
    results.push({
      id: e.id,
      inject: e.inject,
      group: e.group,
      action: e.action,
      ...(inject?.phase !== undefined ? { phase: inject.phase } : {}),
      ...(e.objective !== undefined ? { objective: e.objective } : {}),
      critical: e.critical,
      status,
      ...(es.deliveredAt !== undefined ? { deliveredAt: es.deliveredAt } : {}),
      ...(es.doneAt !== undefined ? { doneAt: es.doneAt } : {}),
      ...(es.deadline !== undefined ? { deadline: es.deadline } : {}),
      ...(done ? { latencyMinutes: round((es.doneAt ?? 0) - (es.deliveredAt ?? 0)) } : {}),
      targetMinutes: e.withinMinutes,
      minutesLate,
      ...(wait ? { handoffWaitMinutes: wait.wait } : {}),
      decisionCount: records.decisionCounts.get(e.id) ?? 0,
      decisions: [...es.decisions],
      ...(decision ? { lastDecision: decision } : {}),
    });
  }
  return results;
}

interface HandoffWait {
  /** The predecessor that was done last (or never): the one waited on. */
  predecessor: ExpectationState;
  readyAt: number;
  /** Minutes from delivery until the predecessor was done (or the waiting one gave up). */
  wait: number;
  /** The part of the wait after the predecessor's own deadline: what the plan did not allow for. */
  lost: number;
}

function handoffWait(
  state: DrillState,
  es: ExpectationState,
  end: number,
): HandoffWait | undefined {
  const after = es.expectation.after;
  if (after.length === 0 || es.deliveredAt === undefined) return undefined;
  let predecessor: ExpectationState | undefined;
  for (const id of after) {
    const candidate = state.expectations.get(id);
    if (!candidate) continue;
    const at = candidate.doneAt ?? Number.POSITIVE_INFINITY;
    if (!predecessor || at > (predecessor.doneAt ?? Number.POSITIVE_INFINITY))
      predecessor = candidate;
  }
  if (!predecessor) return undefined;
  const readyAt = predecessor.doneAt ?? end;
  // A group that went ahead without its predecessor stopped waiting when it was done.
  const stop = Math.min(readyAt, es.doneAt ?? end);
  const wait = round(Math.max(0, stop - es.deliveredAt));
  const allowedUntil = Math.max(es.deliveredAt, predecessor.deadline ?? es.deliveredAt);
  const lost = round(Math.max(0, stop - allowedUntil));
  return { predecessor, readyAt, wait, lost };
}

const BOTTLENECK_ORDER: BottleneckKind[] = [
  "critical-path",
  "handoff-wait",
  "late-group",
  "overload",
  "late-phase",
];

function findBottlenecks(
  plan: Plan,
  state: DrillState,
  results: ExpectationResult[],
  end: number,
  records: {
    doneDecision: Map<string, DecisionRef>;
    blockedDecision: Map<string, DecisionRef>;
  },
): Bottleneck[] {
  const found: Bottleneck[] = [];
  const quotesOf = (ids: string[], from: Map<string, DecisionRef>[]) =>
    ids
      .flatMap((id) => from.flatMap((map) => quotes(map.get(id))))
      .slice(0, LIMITS.quotesPerFinding);
  const eventsOf = (ids: string[]) =>
    ids
      .flatMap((id) => {
        const done = records.doneDecision.get(id);
        return done ? [done.seq] : [];
      })
      .slice(0, LIMITS.eventsPerFinding);

  // Late actions, summed per group and per phase.
  const late = results.filter((r) => r.status === "late");
  const sumLate = (
    kind: "late-group" | "late-phase",
    keyOf: (r: ExpectationResult) => string | undefined,
  ) => {
    const buckets = new Map<string, ExpectationResult[]>();
    for (const r of late) {
      const key = keyOf(r);
      if (key === undefined) continue;
      buckets.set(key, [...(buckets.get(key) ?? []), r]);
    }
    for (const [key, members] of buckets) {
      const ids = members.map((r) => r.id);
      found.push({
        key: `${kind}:${key}`,
        kind,
        ...(kind === "late-group" ? { group: key } : { phase: key }),
        minutesLost: round(members.reduce((sum, r) => sum + r.minutesLate, 0)),
        count: members.length,
        evidence: compact({
          expectations: ids,
          groups: kind === "late-phase" ? distinct(members.map((r) => r.group)) : [key],
          events: eventsOf(ids),
          from: Math.min(...members.map((r) => r.deadline ?? 0)),
          to: Math.max(...members.map((r) => r.doneAt ?? 0)),
          quotes: quotesOf(ids, [records.doneDecision]),
        }),
      });
    }
  };
  sumLate("late-group", (r) => r.group);
  sumLate("late-phase", (r) => r.phase);

  // Overloaded groups: the most expectations held open at once, against the capacity.
  const uncapped: Bottleneck[] = [];
  for (const group of plan.groups) {
    const load = groupLoad(
      results.filter((r) => r.group === group.id),
      end,
      group.capacity,
    );
    if (!load) continue;
    if (group.capacity !== undefined) {
      if (load.peak <= group.capacity) continue;
      found.push({
        key: `overload:${group.id}`,
        kind: "overload",
        group: group.id,
        minutesLost: load.overMinutes,
        peakOpen: load.peak,
        capacity: group.capacity,
        minutesAtPeak: load.peakMinutes,
        evidence: compact({
          expectations: load.openAtFirst,
          groups: [group.id],
          from: load.firstFrom,
          to: load.firstTo,
        }),
      });
    } else if (load.peak >= 2) {
      uncapped.push({
        key: `overload:${group.id}`,
        kind: "overload",
        group: group.id,
        // Without a capacity the plan does not say what the group could hold: no time counted.
        minutesLost: 0,
        peakOpen: load.peak,
        minutesAtPeak: load.peakMinutes,
        evidence: compact({
          expectations: load.openAtFirst,
          groups: [group.id],
          from: load.firstFrom,
          to: load.firstTo,
        }),
      });
    }
  }
  // Without capacities, flag the busiest group(s) only.
  const topPeak = Math.max(0, ...uncapped.map((b) => b.peakOpen ?? 0));
  found.push(...uncapped.filter((b) => b.peakOpen === topPeak));

  // Hand-off waits beyond what the predecessor's own deadline allowed.
  for (const es of state.expectations.values()) {
    const wait = handoffWait(state, es, end);
    if (!wait || wait.lost <= 0) continue;
    const waiting = es.expectation;
    const before = wait.predecessor.expectation;
    found.push({
      key: `handoff-wait:${waiting.id}<-${before.id}`,
      kind: "handoff-wait",
      group: before.group,
      minutesLost: wait.lost,
      waitingExpectation: waiting.id,
      waitingGroup: waiting.group,
      waitedOn: before.id,
      waitMinutes: wait.wait,
      evidence: compact({
        expectations: [waiting.id, before.id],
        groups: distinct([before.group, waiting.group]),
        events: eventsOf([before.id]),
        from: es.deliveredAt,
        to: round(Math.min(wait.readyAt, es.doneAt ?? end)),
        quotes: quotesOf([waiting.id], [records.blockedDecision]).concat(
          quotesOf([before.id], [records.doneDecision]),
        ),
      }),
    });
  }

  // The critical path: back from the last critical expectation done, through the
  // predecessors it actually waited on.
  const byId = new Map(results.map((r) => [r.id, r]));
  let last: ExpectationResult | undefined;
  for (const r of results) {
    if (!r.critical || r.doneAt === undefined) continue;
    if (!last || r.doneAt > (last.doneAt ?? 0)) last = r;
  }
  if (last) {
    const chain: ExpectationResult[] = [last];
    for (let current = last; ; ) {
      const es = state.expectations.get(current.id);
      const wait = es && handoffWait(state, es, end);
      const previous =
        wait && wait.wait > 0 ? byId.get(wait.predecessor.expectation.id) : undefined;
      if (!previous || chain.includes(previous)) break;
      chain.unshift(previous);
      current = previous;
    }
    const ids = chain.map((r) => r.id);
    const slowest = chain.reduce((a, b) => (b.minutesLate > a.minutesLate ? b : a));
    found.push({
      key: `critical-path:${ids.join(">")}`,
      kind: "critical-path",
      group: slowest.minutesLate > 0 ? slowest.group : last.group,
      minutesLost: round(chain.reduce((sum, r) => sum + r.minutesLate, 0)),
      chain: ids,
      evidence: compact({
        expectations: ids,
        groups: distinct(chain.map((r) => r.group)),
        events: eventsOf(ids),
        from: chain[0]?.deliveredAt,
        to: last.doneAt,
        quotes: quotesOf(ids, [records.doneDecision]),
      }),
    });
  }

  const rank = (kind: BottleneckKind) => BOTTLENECK_ORDER.indexOf(kind);
  return found.sort(
    (a, b) =>
      b.minutesLost - a.minutesLost ||
      rank(a.kind) - rank(b.kind) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

interface GroupLoad {
  peak: number;
  /** Minutes with more open than the capacity. */
  overMinutes: number;
  peakMinutes: number;
  /** The first stretch at the peak (or over capacity, when there is one). */
  firstFrom: number;
  firstTo: number;
  openAtFirst: string[];
}

/** Sweeps a group's open expectations (delivery to done, or to the end) over time. */
function groupLoad(
  results: ExpectationResult[],
  end: number,
  capacity: number | undefined,
): GroupLoad | undefined {
  const spans = results
    .filter((r) => r.deliveredAt !== undefined)
    .map((r) => ({ id: r.id, from: r.deliveredAt ?? 0, to: r.doneAt ?? end }))
    .filter((s) => s.to > s.from);
  if (spans.length === 0) return undefined;
  const times = distinctNumbers(spans.flatMap((s) => [s.from, s.to]));
  const segments: { from: number; to: number; open: string[] }[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const from = times[i] as number;
    const to = times[i + 1] as number;
    const open = spans.filter((s) => s.from <= from && s.to >= to).map((s) => s.id);
    segments.push({ from, to, open });
  }
  const peak = Math.max(...segments.map((s) => s.open.length));
  const over = (s: { open: string[] }) =>
    capacity !== undefined && peak > capacity ? s.open.length > capacity : s.open.length === peak;
  let overMinutes = 0;
  let peakMinutes = 0;
  for (const s of segments) {
    if (capacity !== undefined && s.open.length > capacity) overMinutes += s.to - s.from;
    if (s.open.length === peak) peakMinutes += s.to - s.from;
  }
  const firstIndex = segments.findIndex(over);
  const firstSegment = segments[firstIndex] as (typeof segments)[number];
  let firstTo = firstSegment.to;
  const openAtFirst = [...firstSegment.open];
  for (let i = firstIndex + 1; i < segments.length; i++) {
    const s = segments[i] as (typeof segments)[number];
    if (!over(s) || s.from !== firstTo) break;
    firstTo = s.to;
    for (const id of s.open) if (!openAtFirst.includes(id)) openAtFirst.push(id);
  }
  return {
    peak,
    overMinutes: round(overMinutes),
    peakMinutes: round(peakMinutes),
    firstFrom: firstSegment.from,
    firstTo,
    openAtFirst,
  };
}

function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}

function distinctNumbers(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function injectResults(state: DrillState, answered: Set<string>): InjectResult[] {
  return [...state.injects.values()].map((is) => ({
    id: is.inject.id,
    title: is.inject.title,
    ...(is.inject.phase !== undefined ? { phase: is.inject.phase } : {}),
    atMinutes: is.inject.atMinutes,
    to: [...is.inject.to],
    status: is.status === "pending" ? "not-reached" : is.status,
    ...(is.deliveredAt !== undefined ? { deliveredAt: is.deliveredAt } : {}),
    ...(is.early ? { early: true } : {}),
    ...(is.skippedAt !== undefined ? { skippedAt: is.skippedAt } : {}),
    ...(is.skipReason !== undefined ? { skipReason: is.skipReason } : {}),
    answered: answered.has(is.inject.id),
  }));
}

function findGaps(
  plan: Plan,
  state: DrillState,
  results: ExpectationResult[],
  injects: InjectResult[],
  end: number,
  records: {
    lastDecision: Map<string, DecisionRef>;
    improvised: Map<string, Tally>;
    confusion: Map<string, { group: string; inject: Inject; tally: Tally }>;
    blockers: Map<BlockerKind, Tally>;
  },
): Gap[] {
  const gaps: Gap[] = [];
  const critical = results.filter((r) => r.critical);
  const other = results.filter((r) => !r.critical);
  for (const [kind, list] of [
    ["critical-missed", critical],
    ["expectation-missed", other],
  ] as const) {
    for (const r of list) {
      if (r.status !== "missed" && r.status !== "blocked") continue;
      const last = records.lastDecision.get(r.id);
      gaps.push({
        key: `${kind}:${r.id}`,
        kind,
        group: r.group,
        status: r.status,
        evidence: compact({
          expectations: [r.id],
          injects: [r.inject],
          groups: [r.group],
          events: r.decisions.slice(0, LIMITS.eventsPerFinding),
          from: r.deadline,
          to: end,
          quotes: quotes(last),
        }),
      });
    }
  }

  for (const inject of injects) {
    if (inject.status !== "delivered" || inject.answered) continue;
    const expects = results.filter((r) => r.inject === inject.id);
    const owner = expects[0]?.group ?? inject.to[0];
    gaps.push({
      key: `inject-unanswered:${inject.id}`,
      kind: "inject-unanswered",
      ...(owner !== undefined ? { group: owner } : {}),
      evidence: compact({
        injects: [inject.id],
        groups: inject.to,
        expectations: expects.map((r) => r.id),
        from: inject.deliveredAt,
      }),
    });
  }

  for (const group of plan.groups) {
    if ((state.groups.get(group.id)?.decisions ?? 0) > 0) continue;
    gaps.push({
      key: `group-silent:${group.id}`,
      kind: "group-silent",
      group: group.id,
      evidence: compact({
        groups: [group.id],
        expectations: results
          .filter((r) => r.group === group.id && r.status !== "not-reached")
          .map((r) => r.id),
      }),
    });
  }

  for (const objective of plan.objectives) {
    const mine = results.filter((r) => r.objective === objective.id);
    if (mine.some((r) => r.status === "on-time" || r.status === "late")) continue;
    const owner = mostCommon(mine.map((r) => r.group));
    gaps.push({
      key: `objective-not-demonstrated:${objective.id}`,
      kind: "objective-not-demonstrated",
      ...(owner !== undefined ? { group: owner } : {}),
      evidence: compact({
        objectives: [objective.id],
        expectations: mine.map((r) => r.id),
        groups: distinct(mine.map((r) => r.group)),
      }),
    });
  }

  for (const kind of BLOCKER_KINDS) {
    const tally = records.blockers.get(kind);
    if (!tally) continue;
    const owner = tally.topGroup();
    gaps.push({
      key: `resource:${kind}`,
      kind: "resource",
      ...(owner !== undefined ? { group: owner } : {}),
      blockerKind: kind,
      count: tally.count,
      evidence: tally.evidence(),
    });
  }

  const groupOrder = new Map(plan.groups.map((g, i) => [g.id, i]));
  const byPlanOrder = <T>(entries: [string, T][]) =>
    entries.sort(
      ([a], [b]) => (groupOrder.get(a) ?? groupOrder.size) - (groupOrder.get(b) ?? groupOrder.size),
    );
  for (const [group, tally] of byPlanOrder([...records.improvised])) {
    gaps.push({
      key: `improvised:${group}`,
      kind: "improvised",
      group,
      count: tally.count,
      evidence: tally.evidence(),
    });
  }
  const injectOrder = new Map(plan.injects.map((i, n) => [i.id, n]));
  const confusion = [...records.confusion.values()].sort(
    (a, b) =>
      (injectOrder.get(a.inject.id) ?? 0) - (injectOrder.get(b.inject.id) ?? 0) ||
      (groupOrder.get(a.group) ?? groupOrder.size) - (groupOrder.get(b.group) ?? groupOrder.size),
  );
  for (const { group, inject, tally } of confusion) {
    gaps.push({
      key: `role-confusion:${group}@${inject.id}`,
      kind: "role-confusion",
      group,
      addressedTo: [...inject.to],
      count: tally.count,
      evidence: tally.evidence({ injects: [inject.id] }),
    });
  }
  return gaps;
}

function mostCommon(ids: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = id;
  return best;
}

/** The rating rule the report states: the first that holds, from U up to P. */
function rateObjectives(
  plan: Plan,
  results: ExpectationResult[],
  ratings: Map<string, Rating[]>,
): ObjectiveResult[] {
  return plan.objectives.map((objective) => {
    const mine = results.filter((r) => r.objective === objective.id);
    const reached = mine.filter((r) => r.status !== "not-reached" && r.status !== "open");
    const unmet = (r: ExpectationResult) => r.status === "missed" || r.status === "blocked";
    const criticalUnmet = reached.filter((r) => r.critical && unmet(r));
    const otherUnmet = reached.filter((r) => !r.critical && unmet(r));
    const overTwice = reached.filter(
      (r) => r.latencyMinutes !== undefined && r.latencyMinutes > 2 * r.targetMinutes,
    );
    const late = reached.filter((r) => r.status === "late");
    const [rating, reason, basis]: [
      ObjectiveResult["rating"],
      ObjectiveResult["reason"],
      ExpectationResult[],
    ] =
      reached.length === 0
        ? ["-", "none-reached", []]
        : criticalUnmet.length > 0
          ? ["U", "critical-missed", criticalUnmet]
          : otherUnmet.length > 0
            ? ["M", "missed", otherUnmet]
            : overTwice.length > 0
              ? ["M", "over-twice", overTwice]
              : late.length > 0
                ? ["S", "some-late", late]
                : ["P", "all-on-time", []];
    const evaluator = ratings.get(objective.id) ?? [];
    const latest = evaluator.at(-1);
    return {
      id: objective.id,
      title: objective.title,
      rating,
      reason,
      basis: basis.map((r) => r.id),
      expectations: mine.map((r) => r.id),
      evaluatorRatings: [...evaluator],
      disagreement: latest !== undefined && latest !== rating,
    };
  });
}

const PRIORITY_ORDER: Priority[] = ["high", "medium", "low"];

/** One row per significant finding: what the command centre has to fix, and who. */
function improvementPlan(
  bottlenecks: Bottleneck[],
  gaps: Gap[],
  results: ExpectationResult[],
  f: ReviewFormat,
): ImprovementItem[] {
  const words = reviewMessages[f.lang];
  const critical = new Set(results.filter((r) => r.critical).map((r) => r.id));
  const items: ImprovementItem[] = [];
  const add = (finding: Bottleneck | Gap, issue: string, priority: Priority) => {
    items.push({
      finding: finding.key,
      kind: finding.kind,
      issue,
      recommendation: words.recommendation(finding, f),
      ...(finding.group !== undefined ? { owner: finding.group } : {}),
      priority,
    });
  };
  for (const b of bottlenecks) {
    const priority = bottleneckPriority(b, (id) => critical.has(id));
    if (priority) add(b, words.bottleneck(b, f), priority);
  }
  for (const g of gaps) add(g, words.gap(g, f), gapPriority(g));
  const rank = (p: Priority) => PRIORITY_ORDER.indexOf(p);
  // Stable: within a priority, bottlenecks by time lost, then gaps in report order.
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.priority) - rank(b.item.priority) || a.index - b.index)
    .map(({ item }) => item);
}

function bottleneckPriority(
  b: Bottleneck,
  isCritical: (id: string) => boolean,
): Priority | undefined {
  switch (b.kind) {
    // A chain of one is a late critical action, already a row of its group's lateness.
    case "critical-path":
      return b.minutesLost > 0 && (b.chain?.length ?? 0) > 1 ? "high" : undefined;
    case "late-group":
      return (b.evidence.expectations ?? []).some(isCritical) ? "high" : "medium";
    // The per-phase sums restate the per-group ones: no row of their own.
    case "late-phase":
      return undefined;
    case "handoff-wait":
      return "medium";
    case "overload":
      return b.capacity !== undefined ? "medium" : "low";
  }
}

function gapPriority(g: Gap): Priority {
  switch (g.kind) {
    case "critical-missed":
    case "objective-not-demonstrated":
      return "high";
    case "inject-unanswered":
    case "expectation-missed":
    case "group-silent":
    case "resource":
      return "medium";
    case "improvised":
    case "role-confusion":
      return "low";
  }
}
