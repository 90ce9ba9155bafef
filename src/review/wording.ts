// Helpers the report's words share in both languages: the lookups they need, shares, quotes.

import type { BlockerKind, DrillEvent, Rating } from "../core/events.js";
import type { ReviewFormat } from "./format.js";
import type { ExpectationResult, Finding, InjectResult, ObjectiveResult, Review } from "./model.js";

/** What the words look up: names and the review's own facts. */
export interface WordsContext {
  f: ReviewFormat;
  review: Review;
  expectation(id: string): ExpectationResult | undefined;
  inject(id: string): InjectResult | undefined;
  group(id: string): Review["drill"]["groups"][number] | undefined;
  objective(id: string): ObjectiveResult | undefined;
}

/** "48%": a share of the drill's late minutes. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The ratings line: "O1 P · O4 U (evaluator S)"; `evaluator` words the evaluator's part. */
export function ratingsLine(
  review: Pick<Review, "objectives">,
  evaluator: (rating: Rating) => string = (r) => ` (${r})`,
): string {
  return review.objectives
    .map((o) => {
      const latest = o.evaluatorRatings.at(-1);
      return latest !== undefined && latest !== o.rating
        ? `${o.id} ${o.rating}${evaluator(latest)}`
        : `${o.id} ${o.rating}`;
    })
    .join(" · ");
}

/** The first quote of a finding from one of `sources`, in that order of preference. */
export function quoteFrom(f: Finding, ...sources: string[]): string | undefined {
  for (const source of sources) {
    const quote = f.evidence.quotes?.find((q) => q.source === source);
    if (quote) return quote.text;
  }
  return undefined;
}

/** Every quote of a finding from `source`. */
export function quotesFrom(f: Finding, source: string): string[] {
  return (f.evidence.quotes ?? []).filter((q) => q.source === source).map((q) => q.text);
}

/** The ids of the actions a finding made late, and the main one where it began. */
export function lateIds(f: Finding): string[] {
  return (f.late ?? []).map((l) => l.expectation);
}

/**
 * The late actions where a finding's minutes began (its own delay, or the blocker it names),
 * and the ones it held up downstream.
 */
export function originsAndHeld(f: Finding, c: WordsContext): { origins: string[]; held: string[] } {
  const origins: string[] = [];
  const held: string[] = [];
  for (const id of lateIds(f)) {
    const e = c.expectation(id);
    const delay = e?.delay;
    const began =
      f.kind === "blocker"
        ? (delay?.blocked ?? []).some((b) => b.kind === f.rootCause.blockerKind)
        : e?.group === f.group && (delay?.own ?? 0) > 0;
    (began ? origins : held).push(id);
  }
  return { origins, held };
}

/** What an action was at scenario time `t`, as a conditional inject judged it. */
export type FactAt =
  | { kind: "unknown" }
  | { kind: "done"; doneAt: number }
  | { kind: "done-late"; doneAt: number; deadline: number }
  | { kind: "overdue"; deadline: number }
  | { kind: "not-done" };

export function factAt(id: string, t: number, c: WordsContext): FactAt {
  const e = c.expectation(id);
  if (!e) return { kind: "unknown" };
  if (e.doneAt !== undefined && e.doneAt <= t)
    return e.deadline !== undefined && e.doneAt > e.deadline
      ? { kind: "done-late", doneAt: e.doneAt, deadline: e.deadline }
      : { kind: "done", doneAt: e.doneAt };
  if (e.deadline !== undefined && e.deadline < t) return { kind: "overdue", deadline: e.deadline };
  return { kind: "not-done" };
}

/** What set a rating only after an evaluator gave theirs: missed, left blocked, or too slow. */
export function turnedAfter(
  o: ObjectiveResult,
  c: WordsContext,
): { expectation: string; at: number; how: "missed" | "blocked" | "slow" }[] {
  return (o.turnedAfter ?? []).map((t) => {
    const status = c.expectation(t.expectation)?.status;
    const how = status === "missed" || status === "blocked" ? status : "slow";
    return { ...t, how };
  });
}

/** Whether the evaluator rated worse than the rule. */
export function evaluatorStricter(evaluator: Rating, computed: Rating | "-"): boolean {
  const order = ["P", "S", "M", "U"];
  return order.indexOf(evaluator) > order.indexOf(computed);
}

/** The injects a group was sent that fell due (their names). */
export function injectsSent(group: string, c: WordsContext): string[] {
  return c.review.injects
    .filter((i) => i.to.includes(group) && i.status === "delivered" && !i.notYetDue)
    .map((i) => c.f.inject(i.id));
}

/** The action where a finding's minutes mainly began. */
export function mainLate(f: Finding, c: WordsContext): ExpectationResult | undefined {
  const id = f.rootCause.expectation ?? lateIds(f)[0];
  return id === undefined ? undefined : c.expectation(id);
}

export interface ConsequenceWords {
  late(expectation: string, minutes: string): string;
  neverDone(ids: string): string;
  leftBlocked(ids: string): string;
  criticalPath: string;
  setOff(injects: string): string;
  setRating(objective: string, rating: string): string;
  /** Between the late actions, and between the parts. */
  listSeparator: string;
  partSeparator: string;
}

/** What a finding did: the actions it made late (and by how much), left undone, set off. */
export function consequencesText(f: Finding, c: WordsContext, w: ConsequenceWords): string {
  const fm = c.f;
  const parts = [
    (f.late ?? []).map((l) => w.late(l.expectation, fm.duration(l.minutes))).join(w.listSeparator),
    f.missed ? w.neverDone(fm.list(f.missed)) : "",
    f.blocked ? w.leftBlocked(fm.list(f.blocked)) : "",
    f.criticalPath ? w.criticalPath : "",
    f.contingencies ? w.setOff(fm.list(f.contingencies)) : "",
    ...(f.objectives ?? []).map((o) => w.setRating(o.id, o.rating)),
  ];
  return parts.filter(Boolean).join(w.partSeparator);
}

/** The hand-offs a finding's delay travelled along, each worded by `word`. */
export function handoffsText(
  f: Finding,
  c: WordsContext,
  word: (from: string, to: string, fromGroup: string, toGroup: string, internal: boolean) => string,
  separator: string,
): string {
  return (f.handoffs ?? [])
    .map((h) =>
      word(
        h.from,
        h.to,
        c.f.group(c.expectation(h.from)?.group ?? ""),
        c.f.group(c.expectation(h.to)?.group ?? ""),
        h.internal,
      ),
    )
    .join(separator);
}

export interface EventTextWords {
  blocker(text: string, kind: BlockerKind, blocker: string): string;
  hotwash(wentWell: string, wentLessWell: string, why: string): string;
  note(title: string, note: string): string;
}

/** The text of an event in the decision log: what was said, with its blocker. */
export function eventTextOf(event: DrillEvent, f: ReviewFormat, w: EventTextWords): string {
  switch (event.type) {
    case "decision":
      return event.blocker
        ? w.blocker(event.text, event.blocker.kind, event.blocker.text)
        : event.text;
    case "note":
      return event.text;
    case "hotwash":
      return w.hotwash(event.wentWell, event.wentLessWell, event.why);
    case "inject-delivered":
      return f.injectTitle(event.inject);
    case "inject-skipped":
      return event.note
        ? w.note(f.injectTitle(event.inject), event.note)
        : f.injectTitle(event.inject);
    case "drill-resumed":
      return event.reason ?? "";
    default:
      return "";
  }
}
