// A scripted drill on a virtual clock: the script's entries, the injects fired on
// schedule, all turned into events through the same engine as a live drill. Pure: the
// caller's `emit` appends each event to the log and folds it into the state.

import { wallAt } from "../core/clock.js";
import { type DrillState, decisionProblem, dueInjects, naturalEnd } from "../core/engine.js";
import type {
  DecisionFields,
  DecisionLogged,
  DrillEvent,
  NewEvent,
  NoteAdded,
  NoteFields,
} from "../core/events.js";
import { round } from "../core/scenario-time.js";
import { jitterSchedule } from "../core/unannounced.js";
import { InputError, type Problem } from "../errors.js";
import type { ScriptChanges, ScriptEntry } from "./script.js";

/** Appends an event to the log and folds it into `state`; returns it, numbered, once durable. */
export type Emit = (event: NewEvent) => DrillEvent;

/**
 * Wall-clock time of scenario time `t` on the virtual clock (frozen while it is paused).
 * `blame` is the entry whose time is being reached, should the clock run out of years.
 */
export function virtualWall(state: DrillState, t: number, blame?: ScriptEntry): string {
  return isoWall(Math.round(wallAt(state.clock, t) ?? state.clock.wallMs), blame);
}

/** What an ISO 8601 date-time can say, and so a log: the years 1 to 9999. */
const EARLIEST_WALL_MS = -62_135_596_800_000;
const LATEST_WALL_MS = 253_402_300_799_999;

/** A wall-clock time, or a located error when a slow speed or long pauses drive it past 9999. */
function isoWall(ms: number, blame: ScriptEntry | undefined): string {
  if (ms >= EARLIEST_WALL_MS && ms <= LATEST_WALL_MS) return new Date(ms).toISOString();
  const message = "the drill's wall clock would pass the year 9999 here";
  const hint =
    "a very slow `speed` or long `pause`s stretch the real time behind the scenario: give a faster speed or shorter pauses";
  if (blame) throw scriptError(blame, message, hint);
  throw new InputError(message, { hint });
}

export interface ScriptedRunOptions {
  /** Wall-clock start of T+0, for a drill not started yet. */
  startedAt: Date;
  /** Refs of script entries already in the log (a resumed run does not repeat them). */
  done: ReadonlySet<string>;
  /** Jitter the injects' times from this seed (a drill not started yet): `drill run --unannounced`. */
  unannounced?: { seed: number };
}

/**
 * In an unannounced drill a script's answers move with the inject they answer: a group still
 * takes as long as the script says after the inject reaches it. Entries stay in time order.
 */
function followInjects(state: DrillState, entries: readonly ScriptEntry[]): ScriptEntry[] {
  const jitter = state.unannounced?.jitter;
  if (!jitter || jitter.size === 0) return [...entries];
  const injectOf = (entry: ScriptEntry): string | undefined => {
    if (entry.kind !== "decision" && entry.kind !== "note") return undefined;
    if (entry.kind === "decision" && entry.expectation)
      return state.expectations.get(entry.expectation)?.expectation.inject;
    return entry.inject;
  };
  return entries
    .map((entry) => {
      const shift = jitter.get(injectOf(entry) ?? "") ?? 0;
      if (shift === 0) return entry;
      const moved = (t: number) => Math.max(0, round(t + shift));
      return {
        ...entry,
        at: moved(entry.at),
        ...("happened" in entry && entry.happened !== undefined
          ? { happened: moved(entry.happened) }
          : {}),
      } as ScriptEntry;
    })
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Runs the script to the end of the drill, emitting every event. */
export function runScript(
  state: DrillState,
  entries: readonly ScriptEntry[],
  emit: Emit,
  options: ScriptedRunOptions,
): void {
  // The entry whose time is being reached, to blame if the wall clock runs out of years.
  let reaching: ScriptEntry | undefined;
  const at = (t: number) => ({ t: round(t), wall: virtualWall(state, t, reaching) });
  if (!state.started && options.unannounced) {
    const { seed } = options.unannounced;
    const jitter = jitterSchedule(state.plan, seed);
    emit({ type: "unannounced", t: 0, wall: options.startedAt.toISOString(), seed, jitter });
  }
  if (!state.started) {
    emit({
      type: "drill-started",
      t: 0,
      wall: options.startedAt.toISOString(),
      speed: state.plan.clock.speed,
    });
  } else if (!state.ended) {
    emit({ type: "drill-resumed", ...at(state.t), reason: "--resume --script" });
    emit({ type: "clock-resumed", ...at(state.t) });
  }

  const fireDue = (t: number) => {
    for (let due = dueInjects(state, t); due.length > 0; due = dueInjects(state, t)) {
      const first = due[0];
      if (!first) break;
      const when = Math.max(first.at, state.t);
      if (first.action === "deliver")
        emit({ type: "inject-delivered", ...at(when), inject: first.inject.id });
      else
        emit({ type: "inject-skipped", ...at(when), inject: first.inject.id, reason: "condition" });
      // emit must fold the event into `state`, or this loop would never end.
      if (state.injects.get(first.inject.id)?.status === "pending") {
        throw new Error("runScript: emit did not fold the event into the state");
      }
    }
  };

  // Script lines to the seq their event got: a correction names the seq of what it amends.
  const seqOf = new Map<string, number>();
  for (const [seq, kept] of state.entries) if (kept.event.ref) seqOf.set(kept.event.ref, seq);
  const refOf = new Map<string, string>();
  for (const entry of entries)
    if ((entry.kind === "decision" || entry.kind === "note") && entry.label)
      refOf.set(entry.label, entry.ref);
  const track = (event: DrillEvent) => {
    if (event.ref) seqOf.set(event.ref, event.seq);
  };
  const happened = (entry: { happened?: number }, t: number) =>
    entry.happened !== undefined && entry.happened !== t ? { at: entry.happened } : {};

  const pending = followInjects(
    state,
    entries.filter((entry) => !options.done.has(entry.ref)),
  );
  const end = entries.find((entry) => entry.kind === "end");
  for (const entry of pending) {
    if (entry.kind === "end" || entry.kind === "hotwash") continue;
    if (state.ended) break;
    reaching = entry;
    fireDue(entry.at);
    const time = at(Math.max(entry.at, state.t));
    const ref = entry.ref;
    switch (entry.kind) {
      case "decision": {
        const problem = decisionProblem(state, entry);
        if (problem) throw scriptError(entry, problem.message, problem.hint);
        track(
          emit({
            type: "decision",
            ...time,
            ...happened(entry, time.t),
            ref,
            group: entry.group,
            ...(entry.inject ? { inject: entry.inject } : {}),
            ...(entry.expectation ? { expectation: entry.expectation } : {}),
            status: entry.status,
            text: entry.text,
            ...(entry.blocker ? { blocker: entry.blocker } : {}),
          }),
        );
        break;
      }
      case "note":
        track(
          emit({
            type: "note",
            ...time,
            ...happened(entry, time.t),
            ref,
            kind: entry.noteKind,
            text: entry.text,
            ...(entry.group ? { group: entry.group } : {}),
            ...(entry.inject ? { inject: entry.inject } : {}),
            ...(entry.objective ? { objective: entry.objective } : {}),
            ...(entry.rating ? { rating: entry.rating } : {}),
          }),
        );
        break;
      case "correct": {
        const seq = seqOf.get(refOf.get(entry.target) ?? "");
        const kept = seq === undefined ? undefined : state.entries.get(seq);
        const amended = kept?.retracted ? undefined : kept?.event;
        if (seq === undefined || !amended) {
          throw scriptError(
            entry,
            `the entry "${entry.target}" is not in the log (or was retracted)`,
            "a correction amends an entry logged before it",
          );
        }
        const reason = entry.reason ? { reason: entry.reason } : {};
        if (entry.retract) {
          emit({ type: "correction", ...time, ref, amends: seq, retract: true, ...reason });
          break;
        }
        if (amended.type === "decision") {
          const decision = correctedDecision(amended, entry.changes, state);
          const problem = decisionProblem(state, decision);
          if (problem) throw scriptError(entry, problem.message, problem.hint);
          if (decision.status === "blocked" && !decision.blocker)
            throw scriptError(entry, "a blocked decision needs its `blocker`", "add `blocker: …`");
          emit({ type: "correction", ...time, ref, amends: seq, decision, ...reason });
        } else {
          const note = correctedNote(amended, entry.changes);
          emit({ type: "correction", ...time, ref, amends: seq, note, ...reason });
        }
        break;
      }
      case "pause": {
        emit({ type: "clock-paused", ...time, ref });
        const resumedAt = isoWall(Date.parse(time.wall) + entry.realMinutes * 60_000, entry);
        emit({ type: "clock-resumed", t: time.t, wall: resumedAt, ref });
        break;
      }
      case "speed":
        emit({ type: "clock-speed", ...time, ref, speed: entry.speed });
        break;
      case "deliver": {
        const is = state.injects.get(entry.inject);
        if (is?.status !== "pending") throw alreadyFired(entry, entry.inject, is?.status);
        emit({ type: "inject-delivered", ...time, ref, inject: entry.inject, early: true });
        break;
      }
      case "skip": {
        const is = state.injects.get(entry.inject);
        if (is?.status !== "pending") throw alreadyFired(entry, entry.inject, is?.status);
        emit({
          type: "inject-skipped",
          ...time,
          ref,
          inject: entry.inject,
          reason: "facilitator",
          ...(entry.note ? { note: entry.note } : {}),
        });
        break;
      }
    }
  }

  reaching = end ?? entries.at(-1);
  if (!state.ended) {
    if (end) fireDue(end.at);
    else {
      // Without an explicit end, run until every inject has fired and every deadline passed.
      for (let t = naturalEnd(state); ; t = naturalEnd(state)) {
        fireDue(t);
        if (naturalEnd(state) <= t) break;
      }
    }
    const endAt = Math.max(end?.at ?? naturalEnd(state), state.t);
    emit({ type: "drill-ended", ...at(endAt), reason: "script", ...(end ? { ref: end.ref } : {}) });
  }

  for (const entry of pending) {
    if (entry.kind !== "hotwash") continue;
    emit({
      type: "hotwash",
      ...at(state.t),
      ref: entry.ref,
      group: entry.group,
      wentWell: entry.wentWell,
      wentLessWell: entry.wentLessWell,
      why: entry.why,
    });
  }
}

/** A logged decision with a script's changes: the expectation brings its inject along. */
function correctedDecision(
  logged: DecisionLogged,
  changes: ScriptChanges,
  state: DrillState,
): DecisionFields {
  const expectation = changes.expectation ?? logged.expectation;
  const inject =
    changes.inject ??
    (changes.expectation
      ? state.expectations.get(changes.expectation)?.expectation.inject
      : logged.inject);
  const status = changes.status ?? logged.status;
  // A blocker goes with a blocked status: one that is no longer blocked loses it.
  const blocker = changes.blocker ?? (status === "blocked" ? logged.blocker : undefined);
  const at = changes.happened ?? logged.at ?? logged.t;
  return {
    group: changes.group ?? logged.group,
    ...(inject !== undefined ? { inject } : {}),
    ...(expectation !== undefined ? { expectation } : {}),
    status,
    text: changes.text ?? logged.text,
    ...(blocker ? { blocker } : {}),
    at,
  };
}

function correctedNote(logged: NoteAdded, changes: ScriptChanges): NoteFields {
  const group = changes.group ?? logged.group;
  const inject = changes.inject ?? logged.inject;
  const objective = changes.objective ?? logged.objective;
  const rating = changes.rating ?? logged.rating;
  return {
    kind: changes.noteKind ?? logged.kind,
    text: changes.text ?? logged.text,
    ...(group !== undefined ? { group } : {}),
    ...(inject !== undefined ? { inject } : {}),
    ...(objective !== undefined ? { objective } : {}),
    ...(rating !== undefined ? { rating } : {}),
    at: changes.happened ?? logged.at ?? logged.t,
  };
}

function alreadyFired(entry: ScriptEntry, inject: string, status: string | undefined): InputError {
  return scriptError(
    entry,
    `inject ${inject} is already ${status}`,
    `an inject is delivered or skipped once; by this time ${inject} has been (injects fire on their own at their \`at\`)`,
  );
}

function scriptError(entry: ScriptEntry, message: string, hint: string): InputError {
  const problem: Problem = { severity: "error", location: entry.location, message, hint };
  return new InputError(message, { location: entry.location, hint, problems: [problem] });
}
