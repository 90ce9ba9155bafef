// One of several processes that try to take the same stale locks at the same moments, for the
// lock race test (test/unit/log-lock-race.test.ts). Usage: lock-contender.ts <folder> <rounds>
// <gap ms>. Says "ready", reads the start time (ms) from standard input, then for each round
// tries the lock of <folder>/r<round>.jsonl at start + round × gap and says "won <round>" or
// "lost <round>". It keeps what it won until its standard input closes.

import { join } from "node:path";
import { createInterface } from "node:readline";
import { UsageError } from "../../src/errors.js";
import { LogLock } from "../../src/log/lock.js";

const [folder = ".", rounds = "1", gap = "50"] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));

function waitUntil(ms: number): void {
  for (let left = ms - Date.now(); left > 2; left = ms - Date.now())
    Atomics.wait(pause, 0, 0, left - 2);
  while (Date.now() < ms) {
    // The last milliseconds spun, so that every contender starts within a few of the others.
  }
}

const input = createInterface({ input: process.stdin });
const held: LogLock[] = [];
process.stdout.write("ready\n");
let started = false;
input.on("line", (line) => {
  if (started) return;
  started = true;
  const start = Number(line);
  let said = "";
  for (let round = 0; round < Number(rounds); round++) {
    waitUntil(start + round * Number(gap));
    try {
      held.push(LogLock.acquire(join(folder, `r${round}.jsonl`)));
      said += `won ${round}\n`;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      said += `lost ${round}\n`;
    }
  }
  process.stdout.write(`${said}done\n`);
});
input.on("close", () => {
  for (const lock of held) lock.release();
});
