// The review's reading of a log as it streams by: the engine folds every event, keeping each
// expectation's decision history (time, status and blocker: a few dozen bytes a decision), and
// beside it the collector keeps what people wrote and what the facilitator did, every list
// capped, so a long log is read in little memory. It never edits the engine's state.

import { inferBlockerKind } from "../core/blockers.js";
import { applyEvent, type DrillState, initialState } from "../core/engine.js";
import type { EntryRow } from "../core/entry-index.js";
import {
  type BlockerKind,
  type CorrectionLogged,
  type DecisionLogged,
  type DrillEvent,
  type LogHeader,
  type NoteAdded,
  occurredAt,
} from "../core/events.js";
import { allExpectations, type Plan } from "../core/plan.js";
import type {
  CorrectionRecord,
  Evaluation,
  HotwashEntry,
  Observation,
  UnmatchedEvent,
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
  /** Texts of steps not done kept per expectation, for quotes. */
  textsPerExpectation: 10,
  /** Blocked decisions without a blocker whose inferred kind is kept. */
  inferredKinds: 1000,
} as const;

/** A decision kept as evidence: when, and what it said. */
export interface DecisionNote {
  seq: number;
  t: number;
  text: string;
  inject?: string;
}

/** Decisions of one kind by one group (improvised, or answering another group's inject). */
export interface DecisionTally {
  count: number;
  /** The first few, in log order. */
  items: DecisionNote[];
}

export interface Interventions {
  pauses: number;
  pausedRealMinutes: number;
  speedChanges: number;
  jumps: number;
  resumes: number;
  corrections: number;
}

export interface Collected {
  plan: Plan;
  header: LogHeader;
  /** The engine's state after the last event, with each expectation's history. */
  state: DrillState;
  observations: Observation[];
  /** Evaluator ratings per objective, latest last (the last 20). */
  evaluations: Map<string, Evaluation[]>;
  hotwash: Map<string, HotwashEntry>;
  improvised: Map<string, DecisionTally>;
  /** Keyed `group@inject`: decisions on an inject not addressed to the group. */
  confusion: Map<string, DecisionTally & { group: string; inject: string }>;
  /** Injects some decision answered, directly or through one of their expectations. */
  answered: Set<string>;
  /**
   * What some decisions on expectations said, by seq: per expectation its first few steps that
   * were not done, its first done and its latest (the engine's history keeps no text).
   */
  texts: Map<number, string>;
  /** What blocked them, by seq, for the same decisions when they had a blocker. */
  blockerTexts: Map<number, string>;
  /** Each expectation's latest decision. */
  latest: Map<string, { seq: number; at: number; status: DecisionLogged["status"] }>;
  /** The kind inferred from its text, for a blocked decision logged without a blocker. */
  inferredKinds: Map<number, BlockerKind>;
  /** What the facilitator said when skipping an inject. */
  skipNotes: Map<string, string>;
  /** The corrections applied, in log order (the first few hundred). */
  corrections: CorrectionRecord[];
  unmatched: UnmatchedEvent[];
  unmatchedCount: number;
  improvisedCount: number;
  /** Per decoy inject: the decisions that acted on it (see `actsOnDecoy`). */
  decoys: Map<string, { count: number; items: (DecisionNote & { group: string })[] }>;
  interventions: Interventions;
  startWall: string;
  lastWall: string;
  endWall?: string;
  endReason?: "script" | "facilitator" | "complete";
}

export function clip(text: string): string {
  // UTF-16 length bounds the character count: most texts need no splitting.
  if (text.length <= LIMITS.quoteChars) return text;
  const chars = Array.from(text);
  return chars.length <= LIMITS.quoteChars
    ? text
    : `${chars.slice(0, LIMITS.quoteChars).join("")}…`;
}

function tallyAdd(tally: DecisionTally, event: DecisionLogged): void {
  tally.count++;
  if (tally.items.length < LIMITS.eventsPerFinding) {
    tally.items.push({
      seq: event.seq,
      t: occurredAt(event),
      text: clip(event.text),
      ...(event.inject !== undefined ? { inject: event.inject } : {}),
    });
  }
}

export class Collector {
  readonly data: Collected;
  private readonly groupIds: Set<string>;
  private readonly expectationInject: Map<string, string>;
  private readonly injectsById: Map<string, Plan["injects"][number]>;
  private readonly objectiveIds: Set<string>;
  private pausedAt: number | undefined;
  /** Per expectation: texts kept of steps not done, whether its done one is kept, its latest. */
  private readonly kept = new Map<string, { steps: number; done: boolean; latest?: number }>();

  constructor(plan: Plan, header: LogHeader) {
    this.groupIds = new Set(plan.groups.map((g) => g.id));
    this.expectationInject = new Map(allExpectations(plan).map((e) => [e.id, e.inject]));
    this.injectsById = new Map(plan.injects.map((i) => [i.id, i]));
    this.objectiveIds = new Set(plan.objectives.map((o) => o.id));
    this.data = {
      plan,
      header,
      state: initialState(plan),
      observations: [],
      evaluations: new Map(),
      hotwash: new Map(),
      improvised: new Map(),
      confusion: new Map(),
      answered: new Set(),
      texts: new Map(),
      blockerTexts: new Map(),
      latest: new Map(),
      inferredKinds: new Map(),
      skipNotes: new Map(),
      corrections: [],
      unmatched: [],
      unmatchedCount: 0,
      improvisedCount: 0,
      decoys: new Map(),
      interventions: {
        pauses: 0,
        pausedRealMinutes: 0,
        speedChanges: 0,
        jumps: 0,
        resumes: 0,
        corrections: 0,
      },
      startWall: header.startedAt,
      lastWall: header.startedAt,
    };
  }

  add(event: DrillEvent): void {
    const data = this.data;
    const flaggedBefore = data.state.counts.unmatched;
    // What a correction amends, read before the engine applies it.
    const amended = event.type === "correction" ? data.state.index.get(event.amends) : undefined;
    const correctionsBefore = data.state.corrections.length;
    applyEvent(data.state, event, {
      keepRecords: false,
      history: true,
      decisionSeqs: LIMITS.decisionsPerExpectation,
    });
    this.recordUnmatched(event, data.state.counts.unmatched > flaggedBefore);
    data.lastWall = event.wall;
    switch (event.type) {
      case "drill-started":
        data.startWall = event.wall;
        break;
      case "drill-ended":
        data.endWall = event.wall;
        data.endReason = event.reason;
        break;
      case "drill-resumed":
        data.interventions.resumes++;
        break;
      case "clock-paused":
        data.interventions.pauses++;
        this.pausedAt = Date.parse(event.wall);
        break;
      case "clock-resumed":
        if (this.pausedAt !== undefined) {
          const minutes = (Date.parse(event.wall) - this.pausedAt) / 60_000;
          data.interventions.pausedRealMinutes += Math.max(0, minutes);
        }
        this.pausedAt = undefined;
        break;
      case "clock-speed":
        data.interventions.speedChanges++;
        break;
      case "clock-jumped":
        data.interventions.jumps++;
        break;
      case "inject-skipped":
        if (event.note && this.injectsById.has(event.inject))
          data.skipNotes.set(event.inject, clip(event.note));
        break;
      case "decision":
        this.onDecision(event);
        break;
      case "note":
        this.onNote(event);
        break;
      case "correction":
        if (amended && data.state.corrections.length > correctionsBefore)
          this.onCorrection(event, amended);
        break;
      case "hotwash":
        if (this.groupIds.has(event.group) || data.hotwash.size < LIMITS.foreignIds) {
          data.hotwash.set(event.group, {
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
  }

  private keepText(event: DecisionLogged): void {
    const id = event.expectation;
    if (!id || !this.expectationInject.has(id)) return;
    const data = this.data;
    const kept = this.kept.get(id) ?? { steps: 0, done: false };
    this.kept.set(id, kept);
    // The previous latest goes, unless it was kept for good.
    if (kept.latest !== undefined && !this.pinned.has(kept.latest)) {
      data.texts.delete(kept.latest);
      data.blockerTexts.delete(kept.latest);
    }
    if (event.status === "done" ? !kept.done : kept.steps < LIMITS.textsPerExpectation) {
      if (event.status === "done") kept.done = true;
      else kept.steps++;
      this.pinned.add(event.seq);
    }
    kept.latest = event.seq;
    data.texts.set(event.seq, clip(event.text));
    if (event.blocker) data.blockerTexts.set(event.seq, clip(event.blocker.text));
    data.latest.set(id, { seq: event.seq, at: occurredAt(event), status: event.status });
    if (
      event.status === "blocked" &&
      !event.blocker &&
      data.inferredKinds.size < LIMITS.inferredKinds
    )
      data.inferredKinds.set(event.seq, inferBlockerKind(event.text));
  }

  /** Seqs whose texts are kept for good (not replaced when a later decision is the latest). */
  private readonly pinned = new Set<number>();
  /** Decisions answering each inject, so a retraction can take its answer back. */
  private readonly answers = new Map<string, number>();

  /**
   * A correction the engine applied: what the amended entry brought to the collector goes
   * (its text, its tallies), and its replacement, if any, comes in its place, so that the
   * review reads the corrected drill as the engine folds it.
   */
  private onCorrection(event: CorrectionLogged, amended: EntryRow): void {
    const data = this.data;
    const index = data.state.index;
    data.interventions.corrections++;
    const replacement = event.decision ?? event.note;
    if (data.corrections.length < LIMITS.observations) {
      data.corrections.push({
        seq: event.seq,
        t: event.t,
        amends: event.amends,
        amendedAt: amended.at,
        entry: amended.note ? "note" : "decision",
        action: event.retract ? "retract" : "replace",
        ...(replacement ? { text: clip(replacement.text) } : {}),
        ...(event.reason ? { reason: clip(event.reason) } : {}),
      });
    }
    const expectation = index.expectationIds[amended.expectation];
    if (!amended.retracted) {
      if (amended.note) this.forgetNote(event.amends);
      else
        this.forgetDecision(amended, {
          group: index.groupIds[amended.group],
          expectation,
          inject: index.injectIds[amended.inject],
        });
    }
    // The entry keeps its place in the log; its time is the replacement's, else the one it had.
    const place = { seq: event.amends, wall: event.wall, t: amended.at };
    if (event.decision) this.onDecision({ ...place, type: "decision", ...event.decision });
    if (event.note) {
      this.onNote({ ...place, type: "note", ...event.note });
      data.observations.sort((a, b) => a.seq - b.seq);
      for (const list of data.evaluations.values()) list.sort((a, b) => a.seq - b.seq);
    }
    // The latest decision of each expectation touched is the engine's, as corrected.
    for (const id of new Set([expectation, event.decision?.expectation])) {
      if (id === undefined) continue;
      const es = data.state.expectations.get(id);
      if (es?.latest && es.lastStatus)
        data.latest.set(id, { seq: es.latest.seq, at: es.latest.at, status: es.lastStatus });
      else data.latest.delete(id);
    }
  }

  private forgetDecision(
    row: EntryRow,
    ids: { group?: string; expectation?: string; inject?: string },
  ): void {
    const data = this.data;
    const seq = row.seq;
    data.texts.delete(seq);
    data.blockerTexts.delete(seq);
    data.inferredKinds.delete(seq);
    this.pinned.delete(seq);
    const ownInject = ids.expectation ? this.expectationInject.get(ids.expectation) : undefined;
    const injectId = ownInject ?? ids.inject;
    if (injectId) {
      const left = (this.answers.get(injectId) ?? 1) - 1;
      this.answers.set(injectId, left);
      if (left <= 0) data.answered.delete(injectId);
    }
    if (ids.group === undefined) return;
    if (this.decoySeqs.delete(seq)) {
      const tally = injectId ? data.decoys.get(injectId) : undefined;
      if (tally) {
        tally.count--;
        tally.items = tally.items.filter((item) => item.seq !== seq);
      }
      return;
    }
    const untally = (tally: DecisionTally | undefined) => {
      if (!tally) return;
      tally.count--;
      tally.items = tally.items.filter((item) => item.seq !== seq);
    };
    if (row.expectation === -1) {
      data.improvisedCount--;
      untally(data.improvised.get(ids.group));
      if (data.improvised.get(ids.group)?.count === 0) data.improvised.delete(ids.group);
    }
    if (injectId) {
      const key = `${ids.group}@${injectId}`;
      untally(data.confusion.get(key));
      if (data.confusion.get(key)?.count === 0) data.confusion.delete(key);
    }
  }

  private forgetNote(seq: number): void {
    const data = this.data;
    data.observations = data.observations.filter((o) => o.seq !== seq);
    for (const [objective, list] of data.evaluations) {
      const kept = list.filter((e) => e.seq !== seq);
      if (kept.length > 0) data.evaluations.set(objective, kept);
      else data.evaluations.delete(objective);
    }
  }

  /** Decisions counted as acting on a decoy, for a correction to take back. */
  private readonly decoySeqs = new Set<number>();

  /**
   * A decision acts on a decoy when it names the decoy as its inject (a decoy has no expected
   * action to answer) and was taken at or after the decoy's delivery, by any group: the
   * recipients, or another group that heard of it. Before delivery it is improvised.
   */
  private actsOnDecoy(event: DecisionLogged, inject: Plan["injects"][number]): boolean {
    if (!inject.decoy || event.expectation !== undefined) return false;
    const delivered = this.data.state.injects.get(inject.id)?.deliveredAt;
    return delivered !== undefined && occurredAt(event) >= delivered;
  }

  private onDecision(event: DecisionLogged): void {
    const data = this.data;
    this.keepText(event);
    const ownInject = event.expectation ? this.expectationInject.get(event.expectation) : undefined;
    const injectId = ownInject ?? event.inject;
    const inject = injectId ? this.injectsById.get(injectId) : undefined;
    if (inject) {
      data.answered.add(inject.id);
      this.answers.set(inject.id, (this.answers.get(inject.id) ?? 0) + 1);
    }
    if (inject && this.actsOnDecoy(event, inject)) {
      const tally = data.decoys.get(inject.id) ?? { count: 0, items: [] };
      data.decoys.set(inject.id, tally);
      tally.count++;
      this.decoySeqs.add(event.seq);
      if (tally.items.length < LIMITS.eventsPerFinding)
        tally.items.push({
          seq: event.seq,
          t: occurredAt(event),
          text: clip(event.text),
          group: event.group,
        });
      return;
    }
    if (!event.expectation) {
      data.improvisedCount++;
      const tally = data.improvised.get(event.group) ?? { count: 0, items: [] };
      if (data.improvised.has(event.group) || data.improvised.size < LIMITS.foreignIds * 4)
        data.improvised.set(event.group, tally);
      tallyAdd(tally, event);
    }
    // An inject addressed to no group in particular is anyone's to answer.
    if (inject && inject.to.length > 0 && !inject.to.includes(event.group)) {
      const key = `${event.group}@${inject.id}`;
      let tally = data.confusion.get(key);
      if (!tally && data.confusion.size < LIMITS.foreignIds * 4) {
        tally = { group: event.group, inject: inject.id, count: 0, items: [] };
        data.confusion.set(key, tally);
      }
      if (tally) tallyAdd(tally, event);
    }
  }

  private onNote(event: NoteAdded): void {
    const data = this.data;
    const t = occurredAt(event);
    if (data.observations.length < LIMITS.observations) {
      data.observations.push({
        seq: event.seq,
        t,
        kind: event.kind,
        text: clip(event.text),
        ...(event.group !== undefined ? { group: event.group } : {}),
        ...(event.inject !== undefined ? { inject: event.inject } : {}),
        ...(event.objective !== undefined ? { objective: event.objective } : {}),
        ...(event.rating !== undefined ? { rating: event.rating } : {}),
      });
    }
    if (event.objective && event.rating && this.objectiveIds.has(event.objective)) {
      const list = data.evaluations.get(event.objective) ?? [];
      list.push({
        seq: event.seq,
        t,
        rating: event.rating,
        text: clip(event.text),
        ...(event.group !== undefined ? { group: event.group } : {}),
      });
      if (list.length > LIMITS.ratingsPerObjective) list.shift();
      data.evaluations.set(event.objective, list);
    }
  }

  private unknownIds(event: DrillEvent): string[] {
    const missing: string[] = [];
    const check = (id: string | undefined, known: { has(id: string): boolean }) => {
      if (id !== undefined && !known.has(id)) missing.push(id);
    };
    switch (event.type) {
      case "inject-delivered":
      case "inject-skipped":
        check(event.inject, this.injectsById);
        break;
      case "decision":
        check(event.group, this.groupIds);
        check(event.inject, this.injectsById);
        check(event.expectation, this.expectationInject);
        break;
      case "note":
        check(event.group, this.groupIds);
        check(event.inject, this.injectsById);
        check(event.objective, this.objectiveIds);
        break;
      case "hotwash":
        check(event.group, this.groupIds);
        break;
    }
    return missing;
  }

  private recordUnmatched(event: DrillEvent, flagged: boolean): void {
    const missing = this.unknownIds(event);
    if (!flagged && missing.length === 0) return;
    const data = this.data;
    data.unmatchedCount++;
    if (data.unmatched.length >= LIMITS.unmatched) return;
    // The engine also flags an inject delivered twice; then the id itself is the news.
    const ids =
      missing.length > 0 ? missing : "inject" in event && event.inject ? [event.inject] : [];
    data.unmatched.push({ seq: event.seq, t: event.t, type: event.type, ids });
  }
}
