// Each capability across drills, whatever plan exercised it: its rating in each drill (the
// review's analysis by capability), how many plans exercise it, and a sentence such as
// "流调溯源 rated M in 4 of the last 5 drills, across 3 plans". Incremental: per capability a
// few counts and its latest ratings.

import type { RatingOrNone } from "./trend.js";

/** How many of the latest drills the trend sentence speaks of. */
export const LAST_DRILLS = 5;

export interface CapabilityCell {
  id: string;
  name: string;
  library?: string;
  rating: RatingOrNone;
  findings: number;
}

export interface CapabilityTrend {
  id: string;
  name: string;
  library?: string;
  /** Drills that had an objective of it. */
  drills: number;
  /** Plans (by title) that exercise it. */
  plans: number;
  counts: Record<RatingOrNone, number>;
  /** Its ratings in the latest drills that had it, oldest first (at most LAST_DRILLS). */
  recent: RatingOrNone[];
  latest: RatingOrNone;
  /** The rating most often given among `recent` (the worse on a tie), and how often. */
  mostly: { rating: RatingOrNone; times: number; of: number };
  /** Findings over every drill, counted once per drill. */
  findings: number;
}

const WORST_FIRST: readonly RatingOrNone[] = ["U", "M", "S", "P", "-"];

/** The rating given most often (exercised ones first; the worse on a tie). */
export function mostOften(ratings: readonly RatingOrNone[]): {
  rating: RatingOrNone;
  times: number;
} {
  let best: { rating: RatingOrNone; times: number } = { rating: "-", times: 0 };
  for (const rating of WORST_FIRST) {
    // "-" (not exercised) only when nothing was rated.
    if (rating === "-" && best.times > 0) break;
    const times = ratings.filter((r) => r === rating).length;
    if (times > best.times) best = { rating, times };
  }
  return best;
}

interface Tally {
  cell: CapabilityCell;
  drills: number;
  plans: Set<string>;
  counts: Record<RatingOrNone, number>;
  recent: RatingOrNone[];
  findings: number;
}

export class CapabilityTrends {
  private readonly tallies = new Map<string, Tally>();

  /** A drill's capabilities; `plan` names its plan (drills of one plan share it). */
  add(plan: string, cells: readonly CapabilityCell[]): void {
    for (const cell of cells) {
      let tally = this.tallies.get(cell.id);
      if (!tally) {
        tally = {
          cell,
          drills: 0,
          plans: new Set(),
          counts: { P: 0, S: 0, M: 0, U: 0, "-": 0 },
          recent: [],
          findings: 0,
        };
        this.tallies.set(cell.id, tally);
      }
      tally.cell = cell;
      tally.drills++;
      tally.plans.add(plan);
      tally.counts[cell.rating]++;
      tally.recent.push(cell.rating);
      if (tally.recent.length > LAST_DRILLS) tally.recent.shift();
      tally.findings += cell.findings;
    }
  }

  finish(): CapabilityTrend[] {
    return [...this.tallies.values()].map((t) => {
      const mostly = mostOften(t.recent);
      return {
        id: t.cell.id,
        name: t.cell.name,
        ...(t.cell.library !== undefined ? { library: t.cell.library } : {}),
        drills: t.drills,
        plans: t.plans.size,
        counts: t.counts,
        recent: [...t.recent],
        latest: t.recent.at(-1) ?? "-",
        mostly: { ...mostly, of: t.recent.length },
        findings: t.findings,
      };
    });
  }
}
