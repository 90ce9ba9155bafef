// Delay attribution: every late minute of every action counted once, against one cause.
// Pure: the actions' times in, each action's split and its minutes by origin out.
//
// An action done late by L = done − deadline minutes is pushed late by:
// 1. upstream: waiting for its `after` predecessors beyond what the plan allowed, i.e. from
//    max(its delivery, the predecessors' deadlines) until the last of them was done — at most L;
// 2. blocked: the time between a blocked decision and the next decision that is not blocked,
//    outside that wait — at most what is left of L, the latest block first;
// 3. own: the rest, the group's own delay (the overload's, where the group was then holding
//    more than its capacity).
// Upstream minutes are pushed back along the chain to where they began: they are the latest
// minutes of the predecessor's own lateness, laid out as it arose (upstream, blocked,
// overload, own). A predecessor not done when the action was done did not hold it up.

import type { BlockerKind } from "../core/events.js";
import { round } from "../core/scenario-time.js";
import type { Delay, Handoff } from "./model.js";
import { clip, length, overlap, type Span, subtract } from "./spans.js";

export interface BlockSpan extends Span {
  kind: BlockerKind;
}

export interface ActionTiming {
  id: string;
  group: string;
  deliveredAt?: number;
  deadline?: number;
  doneAt?: number;
  after: readonly string[];
  /** Blocked stretches, in time order. */
  blocks: readonly BlockSpan[];
}

export type SegmentCause = "blocked" | "overload" | "own";

/** Some of an action's late minutes, and the action (and group) where they began. */
export interface Segment {
  origin: string;
  group: string;
  cause: SegmentCause;
  blockerKind?: BlockerKind;
  minutes: number;
}

export interface Attribution {
  minutesLate: number;
  delay?: Delay;
  /** Its late minutes by origin, as they arose; they sum to minutesLate. */
  segments: Segment[];
  handoff?: Handoff;
}

/** The predecessor an action waited for last, and how long beyond what the plan allowed. */
interface Wait {
  predecessor: ActionTiming;
  readyAt: number;
  /** max(delivery, the predecessors' deadlines): until then the plan allowed the wait. */
  allowedUntil: number;
}

function waitFor(
  action: ActionTiming,
  actions: ReadonlyMap<string, ActionTiming>,
): Wait | undefined {
  const delivered = action.deliveredAt;
  if (delivered === undefined) return undefined;
  const stop = action.doneAt ?? Number.POSITIVE_INFINITY;
  let predecessor: ActionTiming | undefined;
  let allowedUntil = delivered;
  for (const id of action.after) {
    const p = actions.get(id);
    if (p?.deadline === undefined || p.doneAt === undefined || p.doneAt > stop) continue;
    allowedUntil = Math.max(allowedUntil, p.deadline);
    if (!predecessor || p.doneAt > (predecessor.doneAt ?? 0)) predecessor = p;
  }
  if (!predecessor) return undefined;
  return { predecessor, readyAt: predecessor.doneAt ?? delivered, allowedUntil };
}

/** The latest `minutes` of `segments`, kept in the order they arose. */
export function latest(segments: readonly Segment[], minutes: number): Segment[] {
  const taken: Segment[] = [];
  let left = minutes;
  for (let i = segments.length - 1; i >= 0 && left > 0; i--) {
    const segment = segments[i] as Segment;
    const take = round(Math.min(left, segment.minutes));
    if (take > 0) taken.unshift({ ...segment, minutes: take });
    left = round(left - take);
  }
  return taken;
}

function merge(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.minutes <= 0) continue;
    const last = out.at(-1);
    if (
      last &&
      last.origin === segment.origin &&
      last.cause === segment.cause &&
      last.blockerKind === segment.blockerKind
    )
      last.minutes = round(last.minutes + segment.minutes);
    else out.push({ ...segment });
  }
  return out;
}

/** The blocked minutes of an action that push it late, the latest block first. */
function blockedPieces(
  action: ActionTiming,
  excessWait: Span | undefined,
  room: number,
): BlockSpan[] {
  const from = action.deliveredAt ?? 0;
  const to = action.doneAt ?? from;
  const pieces = action.blocks
    .map((block) => clip(block, from, to))
    .flatMap((block) => (block ? subtract(block, excessWait) : []));
  const kept: BlockSpan[] = [];
  let left = room;
  for (let i = pieces.length - 1; i >= 0 && left > 0; i--) {
    const piece = pieces[i] as BlockSpan;
    const take = Math.min(left, length(piece));
    kept.unshift({ ...piece, from: piece.to - take });
    left = round(left - take);
  }
  return kept;
}

function attributeOne(
  action: ActionTiming,
  actions: ReadonlyMap<string, ActionTiming>,
  overCapacity: ReadonlyMap<string, readonly Span[]>,
  done: Map<string, Attribution>,
  visiting: Set<string>,
): Attribution {
  const known = done.get(action.id);
  if (known) return known;
  visiting.add(action.id);
  const wait = waitFor(action, actions);
  const handoff: Handoff | undefined =
    wait && action.deliveredAt !== undefined
      ? {
          expectation: wait.predecessor.id,
          group: wait.predecessor.group,
          internal: wait.predecessor.group === action.group,
          waitMinutes: round(Math.max(0, wait.readyAt - action.deliveredAt)),
          pastDeadlineMinutes: round(Math.max(0, wait.readyAt - wait.allowedUntil)),
        }
      : undefined;
  const late =
    action.deadline !== undefined && action.doneAt !== undefined
      ? round(Math.max(0, action.doneAt - action.deadline))
      : 0;
  let result: Attribution = { minutesLate: late, segments: [], ...(handoff ? { handoff } : {}) };
  if (late > 0 && action.deadline !== undefined && action.doneAt !== undefined) {
    // Upstream: the wait beyond what the plan allowed, pushed back to where it began.
    let upstream: Segment[] = [];
    let excessWait: Span | undefined;
    if (wait && wait.readyAt > wait.allowedUntil && !visiting.has(wait.predecessor.id)) {
      excessWait = { from: wait.allowedUntil, to: wait.readyAt };
      const before = attributeOne(wait.predecessor, actions, overCapacity, done, visiting);
      upstream = latest(before.segments, Math.min(late, length(excessWait)));
    }
    const upstreamMinutes = round(upstream.reduce((sum, s) => sum + s.minutes, 0));
    const blocked = blockedPieces(action, excessWait, round(late - upstreamMinutes));
    const blockedMinutes = round(blocked.reduce((sum, b) => sum + length(b), 0));
    const own = round(late - upstreamMinutes - blockedMinutes);
    const lateWindow = { from: action.deadline, to: action.doneAt };
    const overload = round(
      Math.min(own, overlap(lateWindow, overCapacity.get(action.group) ?? [])),
    );
    const here = (cause: SegmentCause, minutes: number, blockerKind?: BlockerKind): Segment => ({
      origin: action.id,
      group: action.group,
      cause,
      ...(blockerKind ? { blockerKind } : {}),
      minutes: round(minutes),
    });
    const segments = merge([
      ...upstream,
      ...blocked.map((b) => here("blocked", length(b), b.kind)),
      here("overload", overload),
      here("own", round(own - overload)),
    ]);
    result = { ...result, delay: delayOf(upstream, blocked, own), segments };
  }
  visiting.delete(action.id);
  done.set(action.id, result);
  return result;
}

function delayOf(upstream: readonly Segment[], blocked: readonly BlockSpan[], own: number): Delay {
  const byOrigin = new Map<string, { expectation: string; group: string; minutes: number }>();
  for (const s of upstream) {
    const entry = byOrigin.get(s.origin);
    if (entry) entry.minutes = round(entry.minutes + s.minutes);
    else byOrigin.set(s.origin, { expectation: s.origin, group: s.group, minutes: s.minutes });
  }
  const byKind = new Map<BlockerKind, number>();
  for (const b of blocked) byKind.set(b.kind, round((byKind.get(b.kind) ?? 0) + length(b)));
  return {
    upstream: [...byOrigin.values()],
    blocked: [...byKind].map(([kind, minutes]) => ({ kind, minutes })),
    own,
  };
}

/** Every action's late minutes, split and traced to their origins. */
export function attributeDelays(
  actions: ReadonlyMap<string, ActionTiming>,
  overCapacity: ReadonlyMap<string, readonly Span[]> = new Map(),
): Map<string, Attribution> {
  const done = new Map<string, Attribution>();
  for (const action of actions.values())
    attributeOne(action, actions, overCapacity, done, new Set());
  return done;
}
