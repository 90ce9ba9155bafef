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
import type {
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
  expectations: Map<string, ExpectationState>;
  groups: Map<string, GroupActivity>;
  /** Kept unless the fold was asked not to (streaming reviews of huge logs); as corrected. */
  decisions: DecisionLogged[];
  notes: NoteAdded[];
  hotwash: HotwashAnswer[];
  /** Every decision and observation by `seq`, as corrected (only when records are kept). */
  entries: Map<number, KeptEntry>;
  /** Every decision and observation in a few numbers each, whatever is kept: what corrections need. */
  ledger: Ledger;
  /** The corrections applied, in log order. */
  corrections: AppliedCorrection[];
  /** Events that name ids the plan does not have (a log re-scored against another plan). */
  unmatched: DrillEvent[];
  counts: { events: number; decisions: number; notes: number };
}

export interface FoldOptions {
  /** Keep every decision, note and hot-wash answer in the state (default true). */
  keepRecords?: boolean;
}

export function initialState(plan: Plan): DrillState {
  const injects = new Map<string, InjectState>();
  const expectations = new Map<string, ExpectationState>();
  for (const inject of plan.injects) {
    injects.set(inject.id, { inject, status: "pending" });
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
    expectations,
    groups,
    decisions: [],
    notes: [],
    hotwash: [],
    entries: new Map(),
    ledger: new Ledger(plan),
    corrections: [],
    unmatched: [],
    counts: { events: 0, decisions: 0, notes: 0 },
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
        state.unmatched.push(event);
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
        state.unmatched.push(event);
        break;
      }
      inject.status = "skipped";
      inject.skippedAt = event.t;
      inject.skipReason = event.reason;
      break;
    }
    case "decision":
      addEntry(state, event, keep);
      break;
    case "note":
      addEntry(state, event, keep);
      break;
    case "correction":
      applyCorrection(state, event, keep);
      break;
    case "hotwash":
      if (keep) state.hotwash.push(event);
      break;
    case "drill-ended":
      state.ended = true;
      state.endedAt = event.t;
      state.clock = { ...pauseClock(state.clock, wallMs), t: event.t };
      break;
  }
  return state;
}

const STATUS_CODES: readonly DecisionStatus[] = ["done", "partial", "blocked", "declined"];
const NOTE = 1;
const RETRACTED = 2;

/** What the fold knows of one entry in the ledger. */
interface LedgerRow {
  seq: number;
  at: number;
  note: boolean;
  retracted: boolean;
  /** Index of its group in the plan, -1 for none or one the plan lacks. */
  group: number;
  /** Index of its expectation in the plan, -1 for none, -2 for one the plan lacks. */
  expectation: number;
  status?: DecisionStatus;
}

/**
 * Every decision and observation of the drill, a few bytes each in growing typed arrays, in
 * log order: a correction needs what the entry it amends counted, and the other decisions of
 * its expectation, even when the fold keeps no records (a streaming review of a huge log).
 */
export class Ledger {
  private size = 0;
  private seqs = new Float64Array(64);
  private ats = new Float64Array(64);
  private groups = new Int32Array(64);
  private expectations = new Int32Array(64);
  private flags = new Uint8Array(64);
  private readonly groupIndex: Map<string, number>;
  private readonly expectationIndex: Map<string, number>;
  readonly groupIds: string[];
  readonly expectationIds: string[];

  constructor(plan: Plan) {
    this.groupIds = plan.groups.map((g) => g.id);
    this.expectationIds = plan.injects.flatMap((i) => i.expects.map((e) => e.id));
    this.groupIndex = new Map(this.groupIds.map((id, i) => [id, i]));
    this.expectationIndex = new Map(this.expectationIds.map((id, i) => [id, i]));
  }

  /** Appends an entry (seqs grow) or, for a seq already there, replaces it. */
  put(entry: DecisionLogged | NoteAdded, seq: number = entry.seq): LedgerRow {
    let i = this.find(seq);
    if (i < 0) {
      if (this.size === this.seqs.length) this.grow();
      i = this.size++;
    }
    const expectation =
      entry.type === "decision" && entry.expectation !== undefined
        ? (this.expectationIndex.get(entry.expectation) ?? -2)
        : -1;
    const status = entry.type === "decision" ? STATUS_CODES.indexOf(entry.status) : 0;
    this.seqs[i] = seq;
    this.ats[i] = entry.at ?? entry.t;
    this.groups[i] = entry.group === undefined ? -1 : (this.groupIndex.get(entry.group) ?? -1);
    this.expectations[i] = expectation;
    this.flags[i] = (entry.type === "note" ? NOTE : 0) | (status << 2);
    return this.row(i);
  }

  retract(seq: number): void {
    const i = this.find(seq);
    if (i >= 0) this.flags[i] = (this.flags[i] ?? 0) | RETRACTED;
  }

  get(seq: number): LedgerRow | undefined {
    const i = this.find(seq);
    return i < 0 ? undefined : this.row(i);
  }

  /** The live decisions of an expectation (by its index), in log order. */
  *answers(expectation: number): Generator<LedgerRow> {
    for (let i = 0; i < this.size; i++) {
      if (this.expectations[i] === expectation && !((this.flags[i] ?? 0) & RETRACTED))
        yield this.row(i);
    }
  }

  private row(i: number): LedgerRow {
    const flags = this.flags[i] ?? 0;
    const note = (flags & NOTE) !== 0;
    return {
      seq: this.seqs[i] ?? 0,
      at: this.ats[i] ?? 0,
      note,
      retracted: (flags & RETRACTED) !== 0,
      group: this.groups[i] ?? -1,
      expectation: this.expectations[i] ?? -1,
      ...(note ? {} : { status: STATUS_CODES[flags >> 2] ?? "done" }),
    };
  }

  /** Index of `seq` (seqs are in order), or -1. */
  private find(seq: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.seqs[mid] ?? 0) < seq) low = mid + 1;
      else high = mid;
    }
    return low < this.size && this.seqs[low] === seq ? low : -1;
  }

  private grow(): void {
    const twice = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    this.seqs = twice(this.seqs);
    this.ats = twice(this.ats);
    this.groups = twice(this.groups);
    this.expectations = twice(this.expectations);
    this.flags = twice(this.flags);
  }
}

/** A new decision or observation: counted, and folded into its expectation. */
function addEntry(state: DrillState, event: DecisionLogged | NoteAdded, keep: boolean): void {
  const row = state.ledger.put(event);
  if (keep) {
    state.entries.set(event.seq, { event, retracted: false });
    if (event.type === "decision") state.decisions.push(event);
    else state.notes.push(event);
  }
  if (count(state, row, 1) === "unmatched") state.unmatched.push(event);
}

/**
 * Adds (`sign` 1) or takes back (-1) an entry's effects: the counts, its group's activity and,
 * for a decision, its expectation. "unmatched" when it names an expectation the plan lacks.
 */
function count(state: DrillState, row: LedgerRow, sign: 1 | -1): "ok" | "unmatched" {
  if (row.note) {
    state.counts.notes += sign;
    return "ok";
  }
  state.counts.decisions += sign;
  const group = state.ledger.groupIds[row.group];
  const activity = group === undefined ? undefined : state.groups.get(group);
  if (activity) {
    activity.decisions += sign;
    if (row.expectation === -1) activity.improvised += sign;
    if (row.status === "blocked") activity.blocked += sign;
  }
  if (row.expectation === -1) return "ok";
  const es = state.expectations.get(state.ledger.expectationIds[row.expectation] ?? "");
  if (!es) return "unmatched";
  if (sign > 0) answer(es, row);
  else derive(state, es, row.expectation);
  return "ok";
}

/** Folds one more decision into its expectation (the common case: no re-derivation). */
function answer(es: ExpectationState, row: LedgerRow): void {
  if (row.seq > (es.decisions.at(-1) ?? 0)) es.decisions.push(row.seq);
  else es.decisions = [...es.decisions, row.seq].sort((a, b) => a - b);
  const at = row.at;
  es.firstResponseAt = Math.min(es.firstResponseAt ?? at, at);
  if (row.status === "done") es.doneAt = Math.min(es.doneAt ?? at, at);
  if (row.status === "blocked") es.lastBlockedAt = Math.max(es.lastBlockedAt ?? at, at);
  // What happened last: by its time, then by log order.
  const latest = es.latest;
  if (!latest || at > latest.at || (at === latest.at && row.seq > latest.seq)) {
    es.latest = { seq: row.seq, at };
    if (row.status) es.lastStatus = row.status;
  }
}

/** An expectation's times and last status anew from its live decisions (after a correction). */
function derive(state: DrillState, es: ExpectationState, expectation: number): void {
  es.decisions = [];
  delete es.firstResponseAt;
  delete es.doneAt;
  delete es.lastBlockedAt;
  delete es.lastStatus;
  delete es.latest;
  for (const row of state.ledger.answers(expectation)) answer(es, row);
}

/** Retracts or replaces a logged entry; a correction that fits nothing is unmatched. */
function applyCorrection(state: DrillState, event: CorrectionLogged, keep: boolean): void {
  const row = state.ledger.get(event.amends);
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
    state.unmatched.push(event);
    return;
  }
  const kept = keep ? state.entries.get(row.seq) : undefined;
  const before = kept && !kept.retracted ? kept.event : undefined;
  if (!row.retracted) {
    state.ledger.retract(row.seq);
    count(state, row, -1);
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
  count(state, state.ledger.put(after), 1);
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
  /** `skip` when a conditional inject's condition does not hold at its time. */
  action: "deliver" | "skip";
}

/**
 * Injects due by scenario time `t`, in order, each judged at its own time. The caller
 * logs them one by one (delivering or skipping), so judging the next sees the previous.
 */
export function dueInjects(state: DrillState, t: number): DueInject[] {
  const due: DueInject[] = [];
  for (const inject of state.plan.injects) {
    if (inject.atMinutes > t) break;
    const is = state.injects.get(inject.id);
    if (is?.status !== "pending") continue;
    const deliver = !inject.when || conditionHolds(state, inject.when, inject.atMinutes);
    due.push({ inject, action: deliver ? "deliver" : "skip" });
  }
  return due;
}

/** The next inject still pending, earliest first. */
export function nextPendingInject(state: DrillState): Inject | undefined {
  for (const inject of state.plan.injects) {
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
    if (is.status === "pending") end = Math.max(end, is.inject.atMinutes);
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
      hint: `a decision can answer an expectation only once its inject is delivered (${expectation.inject} is due at ${formatScenarioTime(state.injects.get(expectation.inject)?.inject.atMinutes ?? 0)})`,
    };
  }
  return undefined;
}
