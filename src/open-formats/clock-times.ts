// Wall-clock times for scenario minutes, through the drill clock as the engine folded it.
// A decision or note may say when it happened (`at`, scenario minutes) rather than when it
// was logged; analysts' tools want a date, so the minute is mapped back onto the wall clock
// of the room: the earliest instant at which the drill clock showed that minute.

import { type DrillClock, wallAt } from "../core/clock.js";

export class ClockTimeline {
  /** The clock after each clock event, oldest first (each piece runs until the next). */
  private readonly pieces: DrillClock[] = [];

  /** Takes the engine's clock after an event; only a new clock (a clock event) is kept. */
  record(clock: DrillClock): void {
    if (this.pieces.at(-1) !== clock) this.pieces.push(clock);
  }

  /**
   * Wall-clock milliseconds at which the drill clock first showed `minutes`, never after
   * `loggedMs` (the event cannot have happened after it was logged); `loggedMs` itself when
   * the clock never showed that minute (before the drill started, or skipped by a jump).
   */
  wallMsAt(minutes: number, loggedMs: number): number {
    for (let i = 0; i < this.pieces.length; i++) {
      const piece = this.pieces[i] as DrillClock;
      const next = this.pieces[i + 1];
      const reaches = next === undefined ? Number.POSITIVE_INFINITY : next.t;
      if (piece.running && piece.t <= minutes && minutes <= reaches) {
        const ms = wallAt(piece, minutes) ?? piece.wallMs;
        return Math.min(next === undefined ? ms : Math.min(ms, next.wallMs), loggedMs);
      }
      if (!piece.running && piece.t === minutes) return Math.min(piece.wallMs, loggedMs);
    }
    return loggedMs;
  }
}
