// The drill clock, as data: scenario time advances at `speed` scenario minutes per real
// minute from an anchor, unless paused. Live runs read it against the wall clock;
// scripted runs never read a wall clock at all.

import { round } from "./scenario-time.js";

export interface DrillClock {
  /** Scenario minutes at the anchor. */
  t: number;
  /** Wall-clock milliseconds at the anchor. */
  wallMs: number;
  speed: number;
  running: boolean;
}

export function startClock(t: number, wallMs: number, speed: number, running = true): DrillClock {
  return { t, wallMs, speed, running };
}

/** Scenario minutes at a wall-clock instant. */
export function scenarioAt(clock: DrillClock, wallMs: number): number {
  if (!clock.running) return clock.t;
  return round(clock.t + (clock.speed * Math.max(0, wallMs - clock.wallMs)) / 60_000);
}

/** The wall-clock instant at which scenario time `t` will be reached, if the clock runs. */
export function wallAt(clock: DrillClock, t: number): number | undefined {
  if (!clock.running) return undefined;
  if (t <= clock.t) return clock.wallMs;
  return clock.wallMs + ((t - clock.t) * 60_000) / clock.speed;
}

export function pauseClock(clock: DrillClock, wallMs: number): DrillClock {
  return { ...clock, t: scenarioAt(clock, wallMs), wallMs, running: false };
}

export function resumeClock(clock: DrillClock, wallMs: number): DrillClock {
  return { ...clock, wallMs, running: true };
}

export function setClockSpeed(clock: DrillClock, speed: number, wallMs: number): DrillClock {
  return { ...clock, t: scenarioAt(clock, wallMs), wallMs, speed };
}

/** Re-anchors the clock on a logged event, so the fold of a log gives the clock the facilitator had. */
export function anchorClock(clock: DrillClock, t: number, wallMs: number): DrillClock {
  return { ...clock, t, wallMs };
}
