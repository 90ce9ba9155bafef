// One writer per log: the writer holds `<log>.lock` (its pid) from create or resume until
// close; a second writer is refused, a lock left by a dead process is taken over.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, linkSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Problem, UsageError } from "../../src/errors.js";
import { verifyLog } from "../../src/log/reader.js";
import { LogWriter } from "../../src/log/writer.js";
import { tempDir } from "../helpers/cli.js";
import {
  sampleEvents,
  sampleHeader,
  tickingClock,
  writeSampleLog,
} from "../helpers/log-fixtures.js";
import { rejection } from "../helpers/scratch.js";

let folder: ReturnType<typeof tempDir>;
let path: string;
let lock: string;
beforeEach(() => {
  folder = tempDir();
  path = join(folder.path, "drill.jsonl");
  lock = `${path}.lock`;
});
afterEach(() => folder.remove());

/** What a lock file says of its holder. */
function holderIn(path: string): { pid: number; host?: string; started?: string } {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The id of a process that has ended (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  if (typeof child.pid !== "number") throw new Error("could not start a process");
  return child.pid;
}

const refusal = (attempt: Promise<unknown>) => rejection(attempt, UsageError);

describe("the lock of a log", () => {
  it("is held from create to close, naming the process", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    expect(holderIn(lock)).toMatchObject({ pid: process.pid, host: hostname() });
    writer.close();
    expect(existsSync(lock)).toBe(false);
  });

  it("is held from resume to close", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    expect(existsSync(lock)).toBe(false);
    const { writer } = await LogWriter.resume(path, { now: tickingClock() });
    expect(holderIn(lock)).toMatchObject({ pid: process.pid, host: hostname() });
    writer.close();
    writer.close();
    expect(existsSync(lock)).toBe(false);
  });

  it("refuses a second writer while the first writes, and leaves the log alone", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    const first = await LogWriter.resume(path, { now: tickingClock() });
    try {
      const error = await refusal(LogWriter.resume(path, { now: tickingClock(), name: "d.jsonl" }));
      expect(error.describe()).toBe(
        `d.jsonl: error: this log is being written by another drill (pid ${process.pid})\n` +
          "  hint: finish or stop that drill first; if no drill is running, delete d.jsonl.lock",
      );
      first.writer.append(sampleEvents[3] as (typeof sampleEvents)[number]);
    } finally {
      first.writer.close();
    }
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 4 });
    expect(existsSync(lock)).toBe(false);
  });

  it("refuses to create a log whose lock is held", async () => {
    writeFileSync(lock, `${process.pid}\n`);
    const error = await refusal(LogWriter.create(path, sampleHeader(), { now: tickingClock() }));
    expect(error.message).toBe(`this log is being written by another drill (pid ${process.pid})`);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(lock, "utf8")).toBe(`${process.pid}\n`);
  });

  it("takes over a stale lock with a warning", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    const dead = deadPid();
    writeFileSync(lock, `${dead}\n`);
    const warnings: Problem[] = [];
    const { writer } = await LogWriter.resume(path, {
      now: tickingClock(),
      name: "d.jsonl",
      onWarning: (problem) => warnings.push(problem),
    });
    expect(holderIn(lock)).toMatchObject({ pid: process.pid, host: hostname() });
    writer.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      severity: "warning",
      location: { file: "d.jsonl.lock" },
      message: `took over the lock of drill process ${dead}, which no longer runs`,
    });
    expect(existsSync(lock)).toBe(false);
  });

  it("refuses a lock that names no process", async () => {
    await writeSampleLog(path);
    writeFileSync(lock, "");
    const error = await refusal(LogWriter.resume(path, { now: tickingClock() }));
    expect(error.message).toBe("this log is being written by another drill");
    expect(error.hint).toContain(lock);
  });

  it("is given up when resuming fails", async () => {
    await writeSampleLog(path);
    writeFileSync(path, readFileSync(path, "utf8").replace('"speed":4', '"speed":5'));
    await expect(LogWriter.resume(path, { now: tickingClock() })).rejects.toThrow("hash");
    expect(existsSync(lock)).toBe(false);
  });

  it("is given up when creating fails", async () => {
    writeFileSync(path, "keep me\n");
    const error = await refusal(LogWriter.create(path, sampleHeader(), { now: tickingClock() }));
    expect(error.message).toContain("already exists; a drill log is never overwritten");
    expect(existsSync(lock)).toBe(false);
  });

  it("taken over by another process is not removed on close", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    writeFileSync(lock, "1\n");
    writer.close();
    expect(readFileSync(lock, "utf8")).toBe("1\n");
  });
});

describe("one log, one lock, whatever name reaches it", () => {
  it("refuses a second writer that comes through a symlink", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    const link = join(folder.path, "link.jsonl");
    symlinkSync(path, link);
    const first = await LogWriter.resume(path, { now: tickingClock() });
    try {
      const error = await refusal(
        LogWriter.resume(link, { now: tickingClock(), name: "link.jsonl" }),
      );
      expect(error.message).toBe(`this log is being written by another drill (pid ${process.pid})`);
      expect(error.hint).toBe(
        `finish or stop that drill first; if no drill is running, delete ${lock}`,
      );
      first.writer.append(sampleEvents[3] as (typeof sampleEvents)[number]);
    } finally {
      first.writer.close();
    }
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 4 });
  });

  it("and through a folder that is a symlink, or a path with `..` in it", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    symlinkSync(folder.path, join(folder.path, "here"));
    const first = await LogWriter.resume(join(folder.path, "here", "drill.jsonl"), {
      now: tickingClock(),
    });
    try {
      await refusal(
        LogWriter.resume(join(folder.path, "here", "..", "drill.jsonl"), { now: tickingClock() }),
      );
      await refusal(LogWriter.resume(path, { now: tickingClock() }));
    } finally {
      first.writer.close();
    }
  });

  it("refuses a log that has a second name (a hard link)", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    linkSync(path, join(folder.path, "other.jsonl"));
    const error = await refusal(LogWriter.resume(path, { now: tickingClock(), name: "d.jsonl" }));
    expect(error.describe()).toBe(
      "d.jsonl: error: this log has 2 names (hard links); a log has one writer\n" +
        "  hint: another name would take a lock of its own: remove the other names, or copy the log and continue the copy",
    );
    expect(existsSync(lock)).toBe(false);
  });
});

describe("a stale lock", () => {
  it.skipIf(!existsSync("/proc/self/stat"))(
    "is known when its process id now belongs to another program",
    async () => {
      await writeSampleLog(path, sampleEvents.slice(0, 3));
      // A live process that is not the drill which wrote the lock: its id, another start time.
      const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
      try {
        const pid = other.pid as number;
        writeFileSync(lock, `${JSON.stringify({ pid, host: hostname(), started: "boot:1" })}\n`);
        const warnings: Problem[] = [];
        const { writer } = await LogWriter.resume(path, {
          now: tickingClock(),
          name: "d.jsonl",
          onWarning: (problem) => warnings.push(problem),
        });
        writer.close();
        expect(warnings.map((w) => w.message)).toEqual([
          `took over the lock of drill process ${pid}, which no longer runs (its process id now belongs to another program)`,
        ]);
      } finally {
        other.kill();
      }
    },
  );

  it("of a process on another machine is not taken over: its life cannot be seen from here", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 3));
    writeFileSync(lock, `${JSON.stringify({ pid: deadPid(), host: "elsewhere.example" })}\n`);
    const error = await refusal(LogWriter.resume(path, { now: tickingClock() }));
    expect(error.message).toMatch(
      /^this log is being written by another drill \(pid \d+ on elsewhere\.example\)$/,
    );
  });
});
