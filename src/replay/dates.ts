// A drill's start as people read it: in the zone the drill was run in (recorded in its log),
// else in the machine's, so a summary made on a laptop abroad still shows the drill's own day.

import { format } from "date-fns";
import { wallClockIn } from "../zone.js";

export function drillDate(iso: string, timeZone: string | undefined, withTime = true): string {
  const pattern = withTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd";
  // A zone this machine does not know: the machine's own zone is the next best.
  const wall = timeZone ? wallClockIn(iso, timeZone) : undefined;
  return format(wall?.date ?? new Date(iso), pattern);
}
