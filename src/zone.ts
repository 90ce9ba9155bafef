// A wall-clock time in the zone a drill was run in. A drill's zone is often a bare UTC offset
// ("+08:00"): such a time needs no time-zone data, only the instant shifted by the offset and
// read in UTC (@date-fns/utc's mini date: the full one builds Intl formats as it loads). That
// keeps Intl out of it: Node 20's Intl refuses bare offsets (@date-fns/tz then parses them
// through a thrown error, for every date), and its first DateTimeFormat costs 12–19 ms of ICU
// start-up, a sixth of `drill log`. Named zones ("Asia/Shanghai") go through @date-fns/tz.

import { TZDate } from "@date-fns/tz";
import { UTCDateMini } from "@date-fns/utc/date/mini";
import { format } from "date-fns";

/** "+08:00", "+0800", "+08", "-03:30": a fixed offset, east of UTC positive. */
const FIXED = /^([+-])(\d{2})(?::?(\d{2}))?$/;

/** Minutes east of UTC of a zone written as a fixed offset, else undefined (a name). */
export function fixedOffset(zone: string): number | undefined {
  const match = FIXED.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  const west = match[1] === "-";
  // Zones on Earth run from UTC−12:00 to UTC+14:00.
  if (Number(match[3] ?? 0) > 59 || minutes > (west ? 720 : 840)) return undefined;
  return west ? -minutes : minutes;
}

/** An offset as ISO 8601 writes it, as date-fns' `xxx` does: "+08:00", "-03:30", "+00:00". */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface WallClock {
  /** For date-fns' `format`: its fields are the wall clock in the zone (not its offset tokens). */
  date: Date;
  /** The zone's offset at that time: "+08:00". */
  offset: string;
}

/** `iso` on the wall clock of `zone`; undefined for a zone this machine does not know. */
export function wallClockIn(iso: string, zone: string): WallClock | undefined {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) {
    const date = new UTCDateMini(Date.parse(iso) + fixed * 60_000);
    return Number.isNaN(date.getTime()) ? undefined : { date, offset: offsetText(fixed) };
  }
  const date = new TZDate(iso, zone);
  if (Number.isNaN(date.getTime())) return undefined;
  return { date, offset: format(date, "xxx") };
}
