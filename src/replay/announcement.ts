// Unannounced drills (不打招呼) against announced ones of the same plan: are groups slower
// when they cannot see what is coming? Per plan (by title), the mean of each kind's drills.
// Only drills played through count; a plan needs drills of both kinds to be compared.

import { round } from "../core/scenario-time.js";

export interface AnnouncementDrill {
  plan: string;
  unannounced: boolean;
  partial: boolean;
  onTimeShare: number | null;
  minutesLate: number;
  /** Latencies (delivery to done) of the actions done. */
  latencies: readonly number[];
}

export interface AnnouncementSide {
  drills: number;
  /** Mean of the drills' on-time shares (drills with something due); null if none had. */
  onTimeShare: number | null;
  /** Mean late minutes a drill. */
  minutesLate: number;
  /** Mean latency of the actions done, over all the drills' done actions. */
  latencyMinutes: number | null;
}

export interface AnnouncementComparison {
  plan: string;
  announced: AnnouncementSide;
  unannounced: AnnouncementSide;
}

interface Sums {
  drills: number;
  shares: number;
  shareDrills: number;
  minutesLate: number;
  latency: number;
  done: number;
}

const empty = (): Sums => ({
  drills: 0,
  shares: 0,
  shareDrills: 0,
  minutesLate: 0,
  latency: 0,
  done: 0,
});

export class AnnouncementTrend {
  private readonly plans = new Map<string, { announced: Sums; unannounced: Sums }>();

  add(drill: AnnouncementDrill): void {
    if (drill.partial) return;
    let entry = this.plans.get(drill.plan);
    if (!entry) {
      entry = { announced: empty(), unannounced: empty() };
      this.plans.set(drill.plan, entry);
    }
    const sums = drill.unannounced ? entry.unannounced : entry.announced;
    sums.drills++;
    if (drill.onTimeShare !== null) {
      sums.shares += drill.onTimeShare;
      sums.shareDrills++;
    }
    sums.minutesLate += drill.minutesLate;
    for (const l of drill.latencies) {
      sums.latency += l;
      sums.done++;
    }
  }

  finish(): AnnouncementComparison[] {
    const side = (s: Sums): AnnouncementSide => ({
      drills: s.drills,
      onTimeShare: s.shareDrills > 0 ? round(s.shares / s.shareDrills) : null,
      minutesLate: round(s.minutesLate / s.drills),
      latencyMinutes: s.done > 0 ? round(s.latency / s.done) : null,
    });
    return [...this.plans]
      .filter(([, e]) => e.announced.drills > 0 && e.unannounced.drills > 0)
      .map(([plan, e]) => ({
        plan,
        announced: side(e.announced),
        unannounced: side(e.unannounced),
      }));
  }
}
