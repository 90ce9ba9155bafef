// When a decision or observation happened, as the facilitator types it in the entry: a
// scenario time (`T+00:05`, `00:05`) or a time back from now (`-10m`, `10m ago`,
// `5 minutes ago`, `5 分钟前`). Pure: text and the scenario time now in, minutes out.

import { parseMinutes, round } from "../core/scenario-time.js";

export type EntryTime = { minutes: number } | { problem: "unreadable" | "future" | "before-start" };

const AGO = /^(.+?)\s*(?:ago|before|earlier|之前|以前|前)$/;
const NOW = new Set(["now", "just now", "现在", "刚才", "此刻"]);

/**
 * Reads an entry's time. A bare number is refused, as it could be either a time or a time
 * back; the result is never later than `now` nor before the drill started (T+0).
 */
export function parseEntryTime(input: string, now: number): EntryTime {
  // Full-width digits and colons from a Chinese input method read as their ASCII forms.
  const text = input.normalize("NFKC").trim().toLowerCase();
  let minutes: number | undefined;
  if (NOW.has(text)) minutes = now;
  else if (/^t\s*\+|^\d+:\d{2}$/.test(text)) minutes = parseMinutes(text);
  else {
    const back = text.startsWith("-") ? text.slice(1).trim() : AGO.exec(text)?.[1];
    const duration =
      back !== undefined && !/^\d+(\.\d+)?$/.test(back) ? parseMinutes(back) : undefined;
    if (duration !== undefined) minutes = now - duration;
  }
  if (minutes === undefined) return { problem: "unreadable" };
  if (minutes > now + 0.005) return { problem: "future" };
  if (minutes < 0) return { problem: "before-start" };
  return { minutes: round(minutes) };
}
