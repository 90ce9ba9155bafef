// How many actions a group held open at once, from delivery to done (or to the end of the
// drill), and when that was more than its capacity.

import { round } from "../core/scenario-time.js";
import type { Span } from "./spans.js";

export interface OpenAction extends Span {
  id: string;
}

export interface GroupLoad {
  peak: number;
  /** When more were open than the capacity (empty without a capacity). */
  overCapacity: Span[];
  minutesOverCapacity: number;
  /** The first stretch over capacity, and the actions open in it. */
  first?: Span & { open: string[] };
}

/** Sweeps a group's open actions over time against its capacity. */
export function groupLoad(actions: readonly OpenAction[], capacity: number | undefined): GroupLoad {
  const spans = actions.filter((a) => a.to > a.from);
  const times = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  const over: (Span & { open: string[] })[] = [];
  let peak = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const from = times[i] as number;
    const to = times[i + 1] as number;
    const open = spans.filter((s) => s.from <= from && s.to >= to).map((s) => s.id);
    peak = Math.max(peak, open.length);
    if (capacity === undefined || open.length <= capacity) continue;
    const last = over.at(-1);
    if (last && last.to === from) {
      last.to = to;
      for (const id of open) if (!last.open.includes(id)) last.open.push(id);
    } else over.push({ from, to, open: [...open] });
  }
  const first = over[0];
  return {
    peak,
    overCapacity: over.map(({ from, to }) => ({ from, to })),
    minutesOverCapacity: round(over.reduce((sum, s) => sum + (s.to - s.from), 0)),
    ...(first ? { first: { ...first, open: [...first.open] } } : {}),
  };
}
