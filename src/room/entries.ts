// What a seat posts, checked: its shape, then the seat's right to it (a group's seat logs
// only its own group's decisions, an evaluator's only observations, a board nothing), then
// whether the drill can take it now. Pure: the server turns the verdicts into statuses.

import * as z from "zod/mini";
import "../zod-messages.js";
import { scenarioAt } from "../core/clock.js";
import { type DrillState, decisionProblem } from "../core/engine.js";
import { BLOCKER_KINDS, DECISION_STATUSES, type EnteredBy, type NewEvent } from "../core/events.js";
import { round } from "../core/scenario-time.js";
import type { Seat } from "./seats.js";

/** Longest text a seat may send in one field. */
export const MAX_TEXT = 2000;

const text = z.string().check(z.minLength(1), z.maxLength(MAX_TEXT));

export const postedEntrySchema = z.object({
  /** Made by the page, so an entry sent twice (a lost answer, a reconnect) is logged once. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  /** When it happened on the seat's device (ms since 1970): a queued entry keeps its time. */
  happenedAt: z.optional(z.number()),
  /** Scenario minutes before that, as the seat says ("it happened 10 minutes ago"). */
  minutesAgo: z.optional(z.number().check(z.nonnegative(), z.lte(10_000))),
  decision: z.optional(
    z.object({
      group: z.optional(z.string()),
      expectation: z.optional(z.string()),
      inject: z.optional(z.string()),
      status: z.enum(DECISION_STATUSES),
      text,
      blocker: z.optional(
        z.object({ kind: z.enum(BLOCKER_KINDS), text: z.string().check(z.maxLength(MAX_TEXT)) }),
      ),
    }),
  ),
  note: z.optional(
    z.object({
      kind: z.enum(["strength", "improvement", "neutral"]),
      text,
      group: z.optional(z.string()),
      inject: z.optional(z.string()),
      objective: z.optional(z.string()),
      rating: z.optional(z.enum(["P", "S", "M", "U"])),
    }),
  ),
  /** A free-text message to control: shown on the console, not an entry of the drill. */
  message: z.optional(text),
});

export type PostedEntry = z.infer<typeof postedEntrySchema>;

export type EntryVerdict =
  | { ok: true; event: NewEvent }
  | { ok: true; message: string }
  | { ok: false; status: 400 | 403 | 409 | 422; reason: string };

export function entryRef(id: string): string {
  return `room:${id}`;
}

/** Whether `seat` may post `entry` at all (403 when not), before the drill is asked. */
export function rightsProblem(seat: Seat, entry: PostedEntry): string | undefined {
  const parts = [entry.decision, entry.note, entry.message].filter((x) => x !== undefined);
  if (parts.length !== 1) return "give one of decision, note or message";
  if (seat.kind === "board") return "a board is read-only";
  if (entry.decision) {
    if (seat.kind !== "group") return "only a group's seat logs decisions";
    if (entry.decision.group !== undefined && entry.decision.group !== seat.group)
      return `this seat logs for ${seat.group}, not ${entry.decision.group}`;
  }
  if (entry.note && seat.kind !== "evaluator") return "only an evaluator's seat logs observations";
  return undefined;
}

/**
 * The event `entry` becomes at scenario time `t`, or why the drill cannot take it. `nowMs` and
 * the clock turn the seat's `happenedAt` into the scenario minute it happened at (never later
 * than `t`, never before the drill's start).
 */
export function entryEvent(
  state: DrillState,
  seat: Seat,
  entry: PostedEntry,
  t: number,
  nowMs: number,
): EntryVerdict {
  const problem = rightsProblem(seat, entry);
  if (problem) return { ok: false, status: 403, reason: problem };
  if (entry.message !== undefined) return { ok: true, message: entry.message };
  if (state.ended) return { ok: false, status: 409, reason: "the drill has ended" };
  const by: EnteredBy = {
    seat: seat.id,
    role: seat.kind === "evaluator" ? "evaluator" : "group",
    ...(seat.site ? { site: seat.site } : {}),
  };
  const seen =
    entry.happenedAt === undefined ? t : scenarioAt(state.clock, Math.min(entry.happenedAt, nowMs));
  const happened = round(Math.min(t, Math.max(0, seen - (entry.minutesAgo ?? 0))));
  const at: { at?: number } = happened < t ? { at: happened } : {};
  const ref = entryRef(entry.id);
  if (entry.decision) {
    const d = entry.decision;
    const group = seat.group ?? "";
    const owner = d.expectation
      ? state.expectations.get(d.expectation)?.expectation.group
      : undefined;
    if (owner !== undefined && owner !== group)
      return {
        ok: false,
        status: 403,
        reason: `${d.expectation} is ${owner}'s; this seat logs for ${group}`,
      };
    const inject = d.expectation
      ? state.expectations.get(d.expectation)?.expectation.inject
      : d.inject;
    const wrong = decisionProblem(state, {
      group,
      ...(d.expectation ? { expectation: d.expectation } : {}),
      ...(inject ? { inject } : {}),
    });
    if (wrong) return { ok: false, status: 422, reason: `${wrong.message}; ${wrong.hint}` };
    if (inject && state.injects.get(inject)?.status !== "delivered")
      return { ok: false, status: 422, reason: `inject ${inject} has not been delivered` };
    const deliveredAt = inject ? (state.injects.get(inject)?.deliveredAt ?? 0) : 0;
    const when = at.at !== undefined ? Math.max(deliveredAt, at.at) : undefined;
    return {
      ok: true,
      event: {
        type: "decision",
        t,
        group,
        ...(inject ? { inject } : {}),
        ...(d.expectation ? { expectation: d.expectation } : {}),
        status: d.status,
        text: d.text,
        ...(d.blocker ? { blocker: d.blocker } : {}),
        ...(when !== undefined && when < t ? { at: when } : {}),
        by,
        ref,
      },
    };
  }
  const n = entry.note;
  if (!n) return { ok: false, status: 400, reason: "give one of decision, note or message" };
  if (n.group && !state.plan.groups.some((g) => g.id === n.group))
    return { ok: false, status: 422, reason: `unknown group "${n.group}"` };
  if (n.inject && state.injects.get(n.inject)?.status !== "delivered")
    return { ok: false, status: 422, reason: `inject ${n.inject} has not been delivered` };
  if (n.objective && !state.plan.objectives.some((o) => o.id === n.objective))
    return { ok: false, status: 422, reason: `unknown objective "${n.objective}"` };
  if (n.rating && !n.objective)
    return { ok: false, status: 422, reason: "a rating rates an objective: name it" };
  return {
    ok: true,
    event: {
      type: "note",
      t,
      kind: n.kind,
      text: n.text,
      ...(n.group ? { group: n.group } : {}),
      ...(n.inject ? { inject: n.inject } : {}),
      ...(n.objective ? { objective: n.objective } : {}),
      ...(n.rating ? { rating: n.rating } : {}),
      ...at,
      by,
      ref,
    },
  };
}
