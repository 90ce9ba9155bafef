// A simulated seat for `drill room-demo`: it follows its own seat's view like a group lead's
// phone would and answers each of its group's open actions a little while after it appears,
// through the same join link and the same HTTP posts as a real page.

import { randomBytes } from "node:crypto";
import type { SeatView } from "./views.js";

export interface SimulatedSeatOptions {
  /** The seat's join link. */
  url: string;
  /** Real milliseconds between looking at the view. */
  everyMs: number;
  /** Looks before an open action is answered. */
  after: number;
  /** The decision's text for an action. */
  say: (action: string) => string;
}

export function simulateSeat(options: SimulatedSeatOptions): () => void {
  const origin = new URL(options.url).origin;
  const seen = new Map<string, number>();
  const answered = new Set<string>();
  let stopped = false;
  const look = async () => {
    const view = (await (await fetch(`${options.url}/view`)).json()) as SeatView;
    for (const group of view.groups) {
      for (const open of group.open) {
        if (answered.has(open.id)) continue;
        const looks = (seen.get(open.id) ?? 0) + 1;
        seen.set(open.id, looks);
        if (looks < options.after) continue;
        answered.add(open.id);
        await fetch(`${options.url}/entries`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin },
          body: JSON.stringify({
            id: randomBytes(12).toString("hex"),
            decision: { expectation: open.id, status: "done", text: options.say(open.action) },
          }),
        });
      }
    }
  };
  const timer = setInterval(() => {
    if (!stopped) look().catch(() => undefined);
  }, options.everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
