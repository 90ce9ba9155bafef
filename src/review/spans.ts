// Stretches of scenario time, [from, to), and the few operations the analysis needs on them.

import { round } from "../core/scenario-time.js";

export interface Span {
  from: number;
  to: number;
}

export function length(span: Span): number {
  return Math.max(0, span.to - span.from);
}

/** Minutes of `span` that fall inside any of `others` (which do not overlap each other). */
export function overlap(span: Span, others: readonly Span[]): number {
  let total = 0;
  for (const other of others)
    total += Math.max(0, Math.min(span.to, other.to) - Math.max(span.from, other.from));
  return round(total);
}

/** `span` with `cut` taken out: none, one or two pieces. */
export function subtract<T extends Span>(span: T, cut: Span | undefined): T[] {
  if (!cut || cut.to <= span.from || cut.from >= span.to) return length(span) > 0 ? [span] : [];
  const pieces: T[] = [];
  if (cut.from > span.from) pieces.push({ ...span, to: cut.from });
  if (cut.to < span.to) pieces.push({ ...span, from: cut.to });
  return pieces.filter((piece) => length(piece) > 0);
}

/** `span` cut to `[from, to)`, or undefined when nothing is left. */
export function clip<T extends Span>(span: T, from: number, to: number): T | undefined {
  const cut = { ...span, from: Math.max(span.from, from), to: Math.min(span.to, to) };
  return length(cut) > 0 ? cut : undefined;
}
