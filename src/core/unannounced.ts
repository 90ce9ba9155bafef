// Unannounced drills (不打招呼): each inject's time moves by a seeded draw within its window,
// so groups cannot rehearse the schedule. Pure: the same plan and seed give the same times.
// The shifts are logged once, at the start (an `unannounced` event), and every fold reads them
// from there: a review or a replay never draws them again.

import type { Inject, Plan } from "./plan.js";

/** The window an inject may move either way when neither it nor the plan sets one. */
export const DEFAULT_JITTER_MINUTES = 15;

export interface InjectJitter {
  inject: string;
  /** Minutes added to the inject's plan time (negative: earlier). */
  minutes: number;
}

/** mulberry32: a small seeded generator, uniform on [0, 1). Not a format: only its draws are logged. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function jitterWindow(plan: Plan, inject: Inject): number {
  return inject.jitterMinutes ?? plan.jitterMinutes ?? DEFAULT_JITTER_MINUTES;
}

/**
 * Each inject's shift, in plan order. A draw is uniform in whole minutes within the window,
 * and never before T+0. Two orders the plan sets are kept over the draw:
 * - hand-off: an inject whose expected actions wait (`after`) on an earlier inject's is never
 *   delivered before it;
 * - condition: an inject that tests (`when`) an earlier inject's expectation keeps at least its
 *   planned distance from it, so the condition is judged no sooner than the plan allows.
 * With one window for every inject these keep each inject within its window; an inject with a
 * narrower window than one it depends on may move further, to stay behind it.
 */
export function jitterSchedule(plan: Plan, seed: number): InjectJitter[] {
  const draw = generator(seed);
  const ownerOf = new Map<string, Inject>();
  for (const inject of plan.injects) for (const e of inject.expects) ownerOf.set(e.id, inject);
  const time = new Map<string, number>();
  const shifts: InjectJitter[] = [];
  for (const inject of plan.injects) {
    const window = jitterWindow(plan, inject);
    // One draw per inject whatever its window, so changing one window moves no other inject.
    const r = draw();
    let at = Math.max(0, inject.atMinutes + Math.round((r * 2 - 1) * window));
    for (const e of inject.expects)
      for (const id of e.after) {
        const before = ownerOf.get(id);
        const beforeAt = before && before !== inject ? time.get(before.id) : undefined;
        if (beforeAt !== undefined) at = Math.max(at, beforeAt);
      }
    const tested = inject.when ? ownerOf.get(inject.when.expectation) : undefined;
    const testedAt = tested && tested !== inject ? time.get(tested.id) : undefined;
    if (tested && testedAt !== undefined)
      at = Math.max(at, testedAt + (inject.atMinutes - tested.atMinutes));
    time.set(inject.id, at);
    shifts.push({ inject: inject.id, minutes: at - inject.atMinutes });
  }
  return shifts;
}

/** A seed for a drill that was given none: from the time it starts, and logged. */
export function seedFrom(ms: number): number {
  return Math.floor(ms) % 2147483647;
}
