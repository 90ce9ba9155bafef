// What each page of the room shows, computed from the drill's state: pure, so the board and
// the seats can never show more than the fold knows. Only injects already delivered appear
// (never an upcoming one, never a countdown to the next): unannounced drills rely on that.

import { type DrillState, groupBoards } from "../core/engine.js";
import type { DrillEvent } from "../core/events.js";
import { BLOCKER_KINDS, DECISION_STATUSES } from "../core/events.js";
import type { Inject, Lang } from "../core/plan.js";
import type { Seat } from "./seats.js";

export interface ClockView {
  t: number;
  running: boolean;
  speed: number;
  ended: boolean;
}

export interface InjectView {
  id: string;
  title: string;
  message: string;
  /** Names of the groups that must act. */
  to: string[];
  at: number;
}

export interface OpenActionView {
  id: string;
  action: string;
  deadline: number;
  blocked: boolean;
}

export interface GroupView {
  id: string;
  name: string;
  open: OpenActionView[];
  done: number;
}

export interface EntryView {
  seq: number;
  kind: "decision" | "note";
  text: string;
  status?: string;
  group?: string;
  by?: string;
  retracted: boolean;
  corrected: boolean;
}

export interface BoardView {
  page: "board";
  lang: Lang;
  title: string;
  site?: string;
  clock: ClockView;
  latest?: InjectView;
  groups: GroupView[];
  recent: EntryView[];
}

export interface SeatView {
  page: "seat";
  lang: Lang;
  title: string;
  seat: { id: string; kind: Seat["kind"]; name: string; group?: string; site?: string };
  clock: ClockView;
  injects: InjectView[];
  groups: GroupView[];
  objectives: Array<{ id: string; title: string }>;
  statuses: readonly string[];
  blockerKinds: readonly string[];
  entries: EntryView[];
}

export type RoomView = BoardView | SeatView;

/** How many of the latest entries a board lists. */
const RECENT = 8;

function clockView(state: DrillState, t: number): ClockView {
  return { t, running: state.clock.running, speed: state.clock.speed, ended: state.ended };
}

function groupName(state: DrillState, id: string): string {
  return state.plan.groups.find((group) => group.id === id)?.name ?? id;
}

function injectView(state: DrillState, inject: Inject, at: number): InjectView {
  return {
    id: inject.id,
    title: inject.title,
    message: inject.message,
    to: inject.to.map((id) => groupName(state, id)),
    at,
  };
}

/** Injects delivered so far, in delivery order, to any of `groups` (all when undefined). */
function deliveredTo(state: DrillState, groups: Set<string> | undefined): InjectView[] {
  const delivered: InjectView[] = [];
  for (const is of state.injects.values()) {
    if (is.status !== "delivered" || is.deliveredAt === undefined) continue;
    const to = is.inject.to;
    if (groups && to.length > 0 && !to.some((id) => groups.has(id))) continue;
    delivered.push(injectView(state, is.inject, is.deliveredAt));
  }
  // Stable: injects delivered at the same minute keep the plan's order.
  return delivered.sort((a, b) => a.at - b.at);
}

function groupViews(state: DrillState, t: number, groups: Set<string> | undefined): GroupView[] {
  return groupBoards(state, t)
    .filter((board) => !groups || groups.has(board.group))
    .map((board) => ({
      id: board.group,
      name: groupName(state, board.group),
      open: board.open.map((open) => ({
        id: open.expectation.id,
        action: open.expectation.action,
        deadline: open.deadline,
        blocked: open.status === "blocked",
      })),
      done: board.done,
    }));
}

/** The site's groups, or undefined for the whole room. */
function siteGroups(state: DrillState, site: string | undefined): Set<string> | undefined {
  if (!site) return undefined;
  return new Set(state.plan.sites?.find((s) => s.id === site)?.groups ?? []);
}

/** The entries as the drill now reads them: each as corrected, retracted ones marked. */
function entryViews(
  state: DrillState,
  events: readonly DrillEvent[],
  keep: (e: DrillEvent) => boolean,
) {
  const amended = new Map<number, DrillEvent>();
  const retracted = new Set<number>();
  for (const event of events) {
    if (event.type !== "correction") continue;
    if (event.retract) retracted.add(event.amends);
    else amended.set(event.amends, event);
  }
  const views: EntryView[] = [];
  for (const event of events) {
    if ((event.type !== "decision" && event.type !== "note") || !keep(event)) continue;
    const correction = amended.get(event.seq);
    const fields =
      correction?.type === "correction" ? (correction.decision ?? correction.note ?? event) : event;
    const group = "group" in fields ? fields.group : undefined;
    views.push({
      seq: event.seq,
      kind: event.type,
      text: fields.text,
      ...("status" in fields && fields.status ? { status: fields.status } : {}),
      ...(group ? { group: groupName(state, group) } : {}),
      ...(event.by ? { by: event.by.seat } : {}),
      retracted: retracted.has(event.seq),
      corrected: correction !== undefined,
    });
  }
  return views;
}

export function boardView(
  state: DrillState,
  events: readonly DrillEvent[],
  t: number,
  site?: string,
): BoardView {
  const groups = siteGroups(state, site);
  const delivered = deliveredTo(state, groups);
  const latest = delivered[delivered.length - 1];
  const siteName = state.plan.sites?.find((s) => s.id === site)?.name;
  const inSite = (event: DrillEvent) =>
    !groups || (event.type === "decision" && groups.has(event.group)) || event.by?.site === site;
  return {
    page: "board",
    lang: state.plan.lang,
    title: state.plan.title,
    ...(siteName ? { site: siteName } : {}),
    clock: clockView(state, t),
    ...(latest ? { latest } : {}),
    groups: groupViews(state, t, groups),
    recent: entryViews(state, events, inSite).slice(-RECENT).reverse(),
  };
}

export function seatView(
  state: DrillState,
  events: readonly DrillEvent[],
  t: number,
  seat: Seat,
): SeatView {
  const own = seat.kind === "group" && seat.group ? new Set([seat.group]) : undefined;
  return {
    page: "seat",
    lang: state.plan.lang,
    title: state.plan.title,
    seat: {
      id: seat.id,
      kind: seat.kind,
      name: seat.name,
      ...(seat.group ? { group: seat.group } : {}),
      ...(seat.site ? { site: seat.site } : {}),
    },
    clock: clockView(state, t),
    // A group sees its own injects in full; an evaluator every inject delivered.
    injects: deliveredTo(state, own).reverse(),
    groups: groupViews(state, t, own),
    objectives:
      seat.kind === "evaluator"
        ? state.plan.objectives.map((objective) => ({ id: objective.id, title: objective.title }))
        : [],
    statuses: DECISION_STATUSES,
    blockerKinds: BLOCKER_KINDS,
    entries: entryViews(state, events, (event) => event.by?.seat === seat.id).reverse(),
  };
}
