// The batch's progress bar on standard error: redrawn in place, at most ten times a second,
// and only on a terminal (a log file or a pipe gets nothing but the final line).

import type { OutputStream } from "../context.js";
import { textWidth } from "../width.js";

export interface Progress {
  update(done: number, failed: number): void;
  /** Clears the bar, leaving the line free for what comes next. */
  finish(): void;
}

const REDRAW_MS = 100;
const BAR = 24;

export function progressBar(
  stream: OutputStream,
  total: number,
  label: (done: number, total: number, failed: number) => string,
  now: () => number,
): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done, failed) {
      const at = now();
      if (done < total && at - drawnAt < REDRAW_MS) return;
      drawnAt = at;
      const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
      const seconds = ((at - started) / 1000).toFixed(0);
      let line = `[${"█".repeat(filled)}${"░".repeat(BAR - filled)}] ${label(done, total, failed)} · ${seconds} s`;
      const columns = stream.columns ?? 80;
      // A line wider than the terminal wraps, and `\r` would no longer return to its start.
      while (textWidth(line) >= columns && line.length > 0) line = line.slice(0, -1);
      stream.write(`\r\x1b[K${line}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}
