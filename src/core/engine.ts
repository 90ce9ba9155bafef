// The drill engine: folds a plan and the events so far into the state of the drill.
// The live console, scripted runs, `drill log`, the review and every replay use this one
// fold, so a replayed log gives exactly the state the facilitator saw.
// Pure: no clock, no file, no terminal. `applyEvent` updates the state in place for speed
// (a 100,000-event log folds without copying); the state belongs to whoever folds.

import {
  anchorClock,
  type DrillClock,
  pauseClock,
  resumeClock,
  setClockSpeed,
  startClock,
} from "./clock.js";
import { EntryIndex, type EntryRow } from "./entry-index.js";
import type {
  BlockerKind,
  CorrectionLogged,
  DecisionLogged,
  DecisionStatus,
  DrillEvent,
  HotwashAnswer,
  NoteAdded,
} from "./events.js";
import type { ConditionStatus, Expectation, Inject, InjectCondition, Plan } from "./plan.js";
import { formatScenarioTime, round } from "./scenario-time.js";

/** Where an expectation stands at a scenario time. */
export type ExpectationStatus =
  | "not-reached" // its inject has not been delivered (or was skipped)
  | "open" // delivered, not done, deadline not passed
  | "blocked" // not done, its last decision was `blocked`
  | "overdue" // not done, deadline passed
  | "on-time" // done within its target
  | "late"; // done after its deadline

/**
 * A decision that changed where an expectation stands, as the review reads it
 * (`FoldOptions.history`): its status, or what blocked it, differs from the decision before.
 * The decisions after it that change nothing (a second "partial") are counted in `repeats`, so
 * a long drill's history stays small; their texts stay in the log.
 */
export interface DecisionFact {
  /** The first decision of the run. */
  seq: number;
  /** When it happened (`occurredAt`), the earliest of the run. */
  at: number;
  status: DecisionStatus;
  /** What blocked it, as logged. */
  blockerKind?: BlockerKind;
  /** Decisions after it with the same status and blocker kind. */
  repeats: number;
}

export interface ExpectationState {
  expectation: Expectation;
  deliveredAt?: number;
  deadline?: number;
  /** The earliest decision with status `done` (decision times, `at` where given). */
  doneAt?: number;
  /** The earliest decision of any status: when the group started on it. */
  firstResponseAt?: number;
  /** The status of the decision that happened last. */
  lastStatus?: DecisionStatus;
  lastBlockedAt?: number;
  /** Sequence numbers of the decisions that answered it (as corrected), in log order. */
  decisions: number[];
  /** The decision that happened last (by its time, then log order), for `lastStatus`. */
  latest?: { seq: number; at: number };
  /**
   * The decisions that changed where it stands, in the order they happened (as corrected);
   * kept when the fold is asked to.
   */
  history?: DecisionFact[];
}

/** A decision or observation kept in full, as corrected (only when records are kept). */
export interface KeptEntry {
  event: DecisionLogged | NoteAdded;
  retracted: boolean;
}

/** A correction the fold applied, for the review's appendix. */
export interface AppliedCorrection {
  correction: CorrectionLogged;
  /** The entry before and after it (only when records are kept; `after` absent if retracted). */
  before?: DecisionLogged | NoteAdded;
  after?: DecisionLogged | NoteAdded;
}

export interface InjectState {
  inject: Inject;
  /** When it is due: its plan time, moved in an unannounced drill. */
  dueAt: number;
  status: "pending" | "delivered" | "skipped";
  deliveredAt?: number;
  early?: boolean;
  skippedAt?: number;
  skipReason?: "condition" | "facilitator";
}

export interface GroupActivity {
  decisions: number;
  improvised: number;
  blocked: number;
}

export interface DrillState {
  plan: Plan;
  /** Scenario time of the latest event. */
  t: number;
  clock: DrillClock;
  started: boolean;
  ended: boolean;
  endedAt?: number;
  lastSeq: number;
  injects: Map<string, InjectState>;
  /** The injects in the order they fall due (the plan's, unless the drill is unannounced). */
  schedule: Inject[];
  /** Set in an unannounced drill: its seed and each inject's shift (minutes) from plan time. */
  unannounced?: { seed: number; jitter: Map<string, number>; peeks: number };
  expectations: Map<string, ExpectationState>;
  groups: Map<string, GroupActivity>;
  /** Kept unless the fold was asked not to (streaming reviews of huge logs); as corrected. */
  decisions: DecisionLogged[];
  notes: NoteAdded[];
  hotwash: HotwashAnswer[];
  /** Every decision and observation by `seq`, as corrected (only when records are kept). */
  entries: Map<number, KeptEntry>;
  /** Every decision and observation in a few numbers each, whatever is kept: what corrections need. */
  index: EntryIndex;
  /** The corrections applied, in log order. */
  corrections: AppliedCorrection[];
  /**
   * Events that name ids the plan does not have (a log re-scored against another plan); kept
   * unless the fold was asked not to, but always counted in `counts.unmatched`.
   */
  unmatched: DrillEvent[];
  counts: { events: number; decisions: number; notes: number; unmatched: number };
}

export interface FoldOptions {
  /** Keep every decision, note, hot-wash answer and unmatched event in the state (default true). */
  keepRecords?: boolean;
  /** Keep each expectation's decision history in `ExpectationState.history` (default false). */
  history?: boolean;
  /** Keep at most this many seq numbers in each `ExpectationState.decisions` (default: all). */
  decisionSeqs?: number;
}

export function initialState(plan: Plan): DrillState {
  const injects = new Map<string, InjectState>();
  const expectations = new Map<string, ExpectationState>();
  for (const inject of plan.injects) {
    injects.set(inject.id, { inject, dueAt: inject.atMinutes, status: "pending" });
    for (const expectation of inject.expects) {
      expectations.set(expectation.id, { expectation, decisions: [] });
    }
  }
  const groups = new Map<string, GroupActivity>();
  for (const group of plan.groups)
    groups.set(group.id, { decisions: 0, improvised: 0, blocked: 0 });
  return {
    plan,
    t: 0,
    clock: startClock(0, 0, plan.clock.speed, false),
    started: false,
    ended: false,
    lastSeq: 0,
    injects,
    schedule: [...plan.injects],
    expectations,
    groups,
    decisions: [],
    notes: [],
    hotwash: [],
    entries: new Map(),
    index: new EntryIndex(plan),
    corrections: [],
    unmatched: [],
    counts: { events: 0, decisions: 0, notes: 0, unmatched: 0 },
  };
}

const CLOCK_EVENTS = new Set<DrillEvent["type"]>([
  "drill-started",
  "drill-resumed",
  "clock-paused",
  "clock-resumed",
  "clock-speed",
  "clock-jumped",
  "drill-ended",
]);

function flagUnmatched(state: DrillState, event: DrillEvent, keep: boolean): void {
  state.counts.unmatched++;
  if (keep) state.unmatched.push(event);
}

/** Applies one event to the state (in place) and returns it. */
export function applyEvent(
  state: DrillState,
  event: DrillEvent,
  options: FoldOptions = {},
): DrillState {
  const keep = options.keepRecords ?? true;
  // Only clock events need the wall clock: parsing every event's date would slow long folds.
  const wallMs = CLOCK_EVENTS.has(event.type) ? Date.parse(event.wall) : 0;
  state.t = Math.max(state.t, event.t);
  state.lastSeq = event.seq;
  state.counts.events++;
  switch (event.type) {
    case "drill-started":
      state.started = true;
      state.clock = startClock(event.t, wallMs, event.speed, true);
      break;
    case "drill-resumed":
      // After a crash the clock waits for the facilitator: real time lost is not scenario time.
      state.clock = { ...anchorClock(state.clock, event.t, wallMs), running: false };
      break;
    case "clock-paused":
      state.clock = { ...pauseClock(state.clock, wallMs), t: event.t };
      break;
    case "clock-resumed":
      state.clock = resumeClock(anchorClock(state.clock, event.t, wallMs), wallMs);
      break;
    case "clock-speed":
      state.clock = { ...setClockSpeed(state.clock, event.speed, wallMs), t: event.t };
      break;
    case "clock-jumped":
      state.clock = anchorClock(state.clock, event.t, wallMs);
      break;
    case "inject-delivered": {
      const inject = state.injects.get(event.inject);
      if (inject?.status !== "pending") {
        flagUnmatched(state, event, keep);
        break;
      }
      inject.status = "delivered";
      inject.deliveredAt = event.t;
      if (event.early) inject.early = true;
      for (const expectation of inject.inject.expects) {
        const es = state.expectations.get(expectation.id);
        if (!es) continue;
        es.deliveredAt = event.t;
        es.deadline = round(event.t + expectation.withinMinutes);
      }
      break;
    }
    case "inject-skipped": {
      const inject = state.injects.get(event.inject);
      if (inject?.status !== "pending") {
        flagUnmatched(state, event, keep);
        break;
      }
      inject.status = "skipped";
      inject.skippedAt = event.t;
      inject.skipReason = event.reason;
      break;
    }
    case "decision":
    case "note":
      addEntry(state, event, options);
      break;
    case "correction":
      applyCorrection(state, event, options);
      break;
    case "hotwash":
      if (keep) state.hotwash.push(event);
      break;
    case "unannounced":
      applySchedule(state, event.seed, event.jitter);
      break;
    case "peek":
      if (state.unannounced) state.unannounced.peeks++;
      break;
    case "drill-ended":
      state.ended = true;
      state.endedAt = event.t;
      state.clock = { ...pauseClock(state.clock, wallMs), t: event.t };
      break;
  }
  return state;
}

/** Moves each named inject's due time; the schedule is re-sorted, plan order among equals. */
function applySchedule(
  state: DrillState,
  seed: number,
  jitter: readonly { inject: string; minutes: number }[],
): void {
  const shifts = new Map<string, number>();
  for (const { inject, minutes } of jitter) {
    const is = state.injects.get(inject);
    if (!is) continue;
    shifts.set(inject, minutes);
    is.dueAt = Math.max(0, is.inject.atMinutes + minutes);
  }
  state.unannounced = { seed, jitter: shifts, peeks: state.unannounced?.peeks ?? 0 };
  const order = new Map(state.plan.injects.map((inject, i) => [inject.id, i]));
  const due = (inject: Inject) => state.injects.get(inject.id)?.dueAt ?? inject.atMinutes;
  state.schedule = [...state.plan.injects].sort(
    (a, b) => due(a) - due(b) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
}

/** When an inject is due in this drill (its plan time, moved if the drill is unannounced). */
export function dueAt(state: DrillState, inject: Inject): number {
  return state.injects.get(inject.id)?.dueAt ?? inject.atMinutes;
}

/** A new decision or observation: counted, and folded into its expectation. */
function addEntry(
  state: DrillState,
  event: DecisionLogged | NoteAdded,
  options: FoldOptions,
): void {
  const row = state.index.put(event);
  const keep = options.keepRecords ?? true;
  if (keep) {
    state.entries.set(event.seq, { event, retracted: false });
    if (event.type === "decision") state.decisions.push(event);
    else state.notes.push(event);
  }
  if (count(state, row, 1, options) === "unmatched") flagUnmatched(state, event, keep);
}

/**
 * Adds (`sign` 1) or takes back (-1) an entry's effects: the counts, its group's activity and,
 * for a decision, its expectation. "unmatched" when it names an expectation the plan lacks.
 */
function count(
  state: DrillState,
  row: EntryRow,
  sign: 1 | -1,
  options: FoldOptions,
): "ok" | "unmatched" {
  if (row.note) {
    state.counts.notes += sign;
    return "ok";
  }
  state.counts.decisions += sign;
  const group = state.index.groupIds[row.group];
  const activity = group === undefined ? undefined : state.groups.get(group);
  if (activity) {
    activity.decisions += sign;
    if (row.expectation === -1) activity.improvised += sign;
    if (row.status === "blocked") activity.blocked += sign;
  }
  if (row.expectation === -1) return "ok";
  const es = state.expectations.get(state.index.expectationIds[row.expectation] ?? "");
  if (!es) return "unmatched";
  if (sign > 0) answer(state, es, row, options);
  else derive(state, es, row.expectation, options);
  return "ok";
}

/** Folds one more decision into its expectation (the common case: no re-derivation). */
function answer(
  state: DrillState,
  es: ExpectationState,
  row: EntryRow,
  options: FoldOptions,
): void {
  const cap = options.decisionSeqs ?? Number.POSITIVE_INFINITY;
  if (row.seq > (es.decisions.at(-1) ?? 0)) {
    if (es.decisions.length < cap) es.decisions.push(row.seq);
  } else es.decisions = [...es.decisions, row.seq].sort((a, b) => a - b).slice(0, cap);
  const at = row.at;
  es.firstResponseAt = Math.min(es.firstResponseAt ?? at, at);
  if (row.status === "done") es.doneAt = Math.min(es.doneAt ?? at, at);
  if (row.status === "blocked") es.lastBlockedAt = Math.max(es.lastBlockedAt ?? at, at);
  // What happened last: by its time, then by log order.
  const latest = es.latest;
  const last = !latest || at > latest.at || (at === latest.at && row.seq > latest.seq);
  if (last) {
    es.latest = { seq: row.seq, at };
    if (row.status) es.lastStatus = row.status;
  }
  if (!options.history) return;
  // A decision entered after one that happened later (its own time given) reorders the
  // history, which is then rebuilt: rare, and bounded by the expectation's decisions.
  if (last) recordFact(es, row);
  else rebuildHistory(state, es, row.expectation);
}

function recordFact(es: ExpectationState, row: EntryRow): void {
  es.history ??= [];
  const previous = es.history.at(-1);
  const status = row.status ?? "done";
  if (previous && previous.status === status && previous.blockerKind === row.blockerKind) {
    previous.repeats++;
    previous.at = Math.min(previous.at, row.at);
    return;
  }
  es.history.push({
    seq: row.seq,
    at: row.at,
    status,
    ...(row.blockerKind ? { blockerKind: row.blockerKind } : {}),
    repeats: 0,
  });
}

function rebuildHistory(state: DrillState, es: ExpectationState, expectation: number): void {
  const rows = [...state.index.answers(expectation)].sort((a, b) => a.at - b.at || a.seq - b.seq);
  es.history = [];
  for (const row of rows) recordFact(es, row);
}

/** An expectation's times and last status anew from its live decisions (after a correction). */
function derive(
  state: DrillState,
  es: ExpectationState,
  expectation: number,
  options: FoldOptions,
): void {
  es.decisions = [];
  delete es.firstResponseAt;
  delete es.doneAt;
  delete es.lastBlockedAt;
  delete es.lastStatus;
  delete es.latest;
  for (const row of state.index.answers(expectation))
    answer(state, es, row, { ...options, history: false });
  if (options.history) rebuildHistory(state, es, expectation);
}

/** Retracts or replaces a logged entry; a correction that fits nothing is unmatched. */
function applyCorrection(state: DrillState, event: CorrectionLogged, options: FoldOptions): void {
  const keep = options.keepRecords ?? true;
  const row = state.index.get(event.amends);
  const replacement = event.decision ?? event.note;
  const fits =
    row !== undefined &&
    (event.retract === true
      ? replacement === undefined
      : (event.decision !== undefined && event.note === undefined && !row.note) ||
        (event.note !== undefined && event.decision === undefined && row.note)) &&
    (event.decision?.expectation === undefined ||
      state.expectations.has(event.decision.expectation));
  if (!row || !fits) {
    flagUnmatched(state, event, keep);
    return;
  }
  const kept = keep ? state.entries.get(row.seq) : undefined;
  const before = kept && !kept.retracted ? kept.event : undefined;
  if (!row.retracted) {
    state.index.retract(row.seq);
    count(state, row, -1, options);
    if (kept) removeKept(state, kept.event);
  }
  if (event.retract) {
    if (kept) kept.retracted = true;
    state.corrections.push({ correction: event, ...(before ? { before } : {}) });
    return;
  }
  // The entry keeps its place in the log (seq, wall, t); its time is the correction's `at`,
  // else the one it had.
  const base: { seq: number; wall: string; t: number; ref?: string } = kept?.event ?? {
    seq: row.seq,
    wall: "",
    t: row.at,
  };
  const after = {
    seq: base.seq,
    wall: base.wall,
    t: base.t,
    ...(base.ref !== undefined ? { ref: base.ref } : {}),
    ...(row.note ? { type: "note", ...event.note } : { type: "decision", ...event.decision }),
  } as DecisionLogged | NoteAdded;
  count(state, state.index.put(after), 1, options);
  if (kept) {
    state.entries.set(row.seq, { event: after, retracted: false });
    insertKept(state, after);
  }
  state.corrections.push({
    correction: event,
    ...(before ? { before } : {}),
    ...(kept ? { after } : {}),
  });
}

/** Index of `seq` in a list sorted by seq, or where it would go. */
function indexOf(list: readonly { seq: number }[], seq: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid]?.seq ?? 0) < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function removeKept(state: DrillState, entry: DecisionLogged | NoteAdded): void {
  const list: { seq: number }[] = entry.type === "decision" ? state.decisions : state.notes;
  const i = indexOf(list, entry.seq);
  if (list[i]?.seq === entry.seq) list.splice(i, 1);
}

function insertKept(state: DrillState, entry: DecisionLogged | NoteAdded): void {
  if (entry.type === "decision")
    state.decisions.splice(indexOf(state.decisions, entry.seq), 0, entry);
  else state.notes.splice(indexOf(state.notes, entry.seq), 0, entry);
}

/** Folds a whole log (or the events so far) into a fresh state. */
export function foldDrill(
  plan: Plan,
  events: Iterable<DrillEvent>,
  options: FoldOptions = {},
): DrillState {
  const state = initialState(plan);
  for (const event of events) applyEvent(state, event, options);
  return state;
}

/** Where an expectation stands at scenario time `t`. */
export function expectationStatus(es: ExpectationState, t: number): ExpectationStatus {
  if (es.deliveredAt === undefined || es.deadline === undefined) return "not-reached";
  if (es.doneAt !== undefined) return es.doneAt <= es.deadline ? "on-time" : "late";
  if (es.lastStatus === "blocked") return "blocked";
  return t > es.deadline ? "overdue" : "open";
}

/** Whether a conditional inject's condition holds at scenario time `t`. */
export function conditionHolds(state: DrillState, condition: InjectCondition, t: number): boolean {
  const es = state.expectations.get(condition.expectation);
  if (!es) return false;
  return condition.status.some((wanted) => matchesCondition(es, wanted, t));
}

function matchesCondition(es: ExpectationState, wanted: ConditionStatus, t: number): boolean {
  const status = expectationStatus(es, t);
  const pastDeadline = es.deadline !== undefined && t > es.deadline;
  switch (wanted) {
    case "done":
      return status === "on-time" || status === "late";
    case "on-time":
      return status === "on-time";
    case "late":
      return status === "late" || (es.doneAt === undefined && pastDeadline);
    case "missed":
      return es.deliveredAt !== undefined && es.doneAt === undefined && pastDeadline;
    case "blocked":
      return status === "blocked";
    case "not-done":
      return es.doneAt === undefined;
  }
}

export interface DueInject {
  inject: Inject;
  /** When it is due in this drill. */
  at: number;
  /** `skip` when a conditional inject's condition does not hold at its time. */
  action: "deliver" | "skip";
}

/**
 * Injects due by scenario time `t`, in order, each judged at its own time. The caller
 * logs them one by one (delivering or skipping), so judging the next sees the previous.
 */
export function dueInjects(state: DrillState, t: number): DueInject[] {
  const due: DueInject[] = [];
  for (const inject of state.schedule) {
    const is = state.injects.get(inject.id);
    const at = is?.dueAt ?? inject.atMinutes;
    if (at > t) break;
    if (is?.status !== "pending") continue;
    const deliver = !inject.when || conditionHolds(state, inject.when, at);
    due.push({ inject, at, action: deliver ? "deliver" : "skip" });
  }
  return due;
}

/** The next inject still pending, earliest first. */
export function nextPendingInject(state: DrillState): Inject | undefined {
  for (const inject of state.schedule) {
    if (state.injects.get(inject.id)?.status === "pending") return inject;
  }
  return undefined;
}

export interface OpenExpectation {
  expectation: Expectation;
  status: ExpectationStatus;
  deadline: number;
  /** Minutes left to the deadline at `t` (negative when overdue). */
  minutesLeft: number;
}

export interface GroupBoard {
  group: string;
  open: OpenExpectation[];
  done: number;
  overdue: number;
}

/** Per group: the expectations still open at `t` (soonest deadline first) and counts. */
export function groupBoards(state: DrillState, t: number): GroupBoard[] {
  const boards = new Map<string, GroupBoard>();
  for (const group of state.plan.groups)
    boards.set(group.id, { group: group.id, open: [], done: 0, overdue: 0 });
  for (const es of state.expectations.values()) {
    const board = boards.get(es.expectation.group);
    if (!board || es.deadline === undefined) continue;
    const status = expectationStatus(es, t);
    if (status === "on-time" || status === "late") {
      board.done++;
      continue;
    }
    if (status === "not-reached") continue;
    const minutesLeft = round(es.deadline - t);
    if (minutesLeft < 0) board.overdue++;
    board.open.push({ expectation: es.expectation, status, deadline: es.deadline, minutesLeft });
  }
  for (const board of boards.values()) board.open.sort((a, b) => a.deadline - b.deadline);
  return [...boards.values()];
}

/**
 * When a drill with nothing left to deliver is over: the latest deadline of a delivered
 * inject, or the last inject's time if that is later.
 */
export function naturalEnd(state: DrillState): number {
  let end = state.t;
  for (const is of state.injects.values()) {
    if (is.status === "pending") end = Math.max(end, is.dueAt);
  }
  for (const es of state.expectations.values()) {
    if (es.deadline !== undefined) end = Math.max(end, es.deadline);
  }
  return end;
}

export interface DecisionProblem {
  message: string;
  hint: string;
}

/** Why a decision cannot be logged as given, or undefined when it can. */
export function decisionProblem(
  state: DrillState,
  decision: { group: string; expectation?: string; inject?: string },
): DecisionProblem | undefined {
  const groups = state.plan.groups.map((g) => g.id);
  if (!groups.includes(decision.group)) {
    return {
      message: `unknown group "${decision.group}"`,
      hint: `the plan's groups: ${groups.join(", ")}`,
    };
  }
  if (decision.inject && !state.injects.has(decision.inject)) {
    return { message: `unknown inject "${decision.inject}"`, hint: "use an inject id of the plan" };
  }
  if (!decision.expectation) return undefined;
  const es = state.expectations.get(decision.expectation);
  if (!es) {
    return {
      message: `unknown expectation "${decision.expectation}"`,
      hint: "use an expectation id of the plan",
    };
  }
  const { expectation } = es;
  if (decision.inject && decision.inject !== expectation.inject) {
    return {
      message: `expectation ${expectation.id} belongs to inject ${expectation.inject}, not ${decision.inject}`,
      hint: `write \`inject: ${expectation.inject}\` or leave it out`,
    };
  }
  // Another group doing this group's task is a finding (role confusion), not an answer to it.
  if (expectation.group !== decision.group) {
    return {
      message: `expectation ${expectation.id} is ${expectation.group}'s, not ${decision.group}'s`,
      hint: `log it as an improvised action of ${decision.group}: leave out the expectation and give \`inject: ${expectation.inject}\``,
    };
  }
  if (es.deliveredAt === undefined) {
    return {
      message: `expectation ${expectation.id} is not open yet: its inject ${expectation.inject} has not been delivered`,
      hint: `a decision can answer an expectation only once its inject is delivered (${expectation.inject} is due at ${formatScenarioTime(state.injects.get(expectation.inject)?.dueAt ?? 0)})`,
    };
  }
  return undefined;
}
