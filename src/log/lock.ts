// One writer per log, whatever name reaches it. Two drills appending to the same log (say,
// `--resume` run twice, once through a symlink) would interleave their lines and break its
// hash chain, so a writer holds a lock file beside the log's real path (symlinks and `./`
// spellings all lead to one lock) for as long as it writes; a log with a second name (a hard
// link) is refused, as that name would lead to a lock of its own.
//
// The lock names its process: id, machine, and when the process started, so that a lock left
// by a process that has gone (a crash, `kill -9`, a power cut) is known to be stale even when
// its id has since been given to another program. Taking the lock is one atomic step (a
// finished lock file linked into place); a stale one is removed only by the drill that holds
// its takeover file, so two drills taking it over at once never both get it.

import { randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  linkSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { type Problem, UsageError } from "../errors.js";
import { fileError } from "../output.js";

export interface LockOptions {
  /** How messages name the log (default: its path). */
  name?: string;
  /** Told when a stale lock is taken over. */
  onWarning?: (problem: Problem) => void;
}

/** Who holds a lock, as its file says. */
interface Holder {
  pid: number;
  host?: string;
  /** When the process started, as this machine counts it (see `processStart`). */
  started?: string;
  /** Tells this lock from any other the same process may take later. */
  token?: string;
}

/**
 * When process `pid` started, as "<boot id>:<clock ticks since boot>", on systems that say
 * (Linux's /proc); undefined elsewhere, where a lock is judged by its process id alone.
 */
function processStart(pid: number | "self"): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // Field 22 (starttime); the command name before it, in parentheses, may hold spaces.
    const started = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "latin1").trim();
    return started ? `${boot}:${started}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names still runs: "unknown" when it is on another machine. */
function holderRuns(holder: Holder): "runs" | "gone" | "reused" | "unknown" {
  if (holder.host !== undefined && holder.host !== hostname()) return "unknown";
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return "gone";
  }
  if (holder.started === undefined) return "runs";
  const started = processStart(holder.pid);
  return started === undefined || started === holder.started ? "runs" : "reused";
}

/**
 * A lock file's holder, its text and inode (together they tell this file from one written
 * later in its place: inode numbers are reused at once); "gone" when it was removed meanwhile.
 */
function readLock(
  path: string,
): { holder: Holder | undefined; text: string; ino: number } | "gone" {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const bytes = Buffer.alloc(4096);
    const text = bytes.toString("utf8", 0, readSync(fd, bytes, 0, bytes.length, 0)).trim();
    return { holder: parseHolder(text), text, ino: fstatSync(fd).ino };
  } finally {
    closeSync(fd);
  }
}

function parseHolder(text: string): Holder | undefined {
  // Before locks said more, they held the process id alone.
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (!Number.isSafeInteger(value.pid) || (value.pid as number) <= 0) return undefined;
    return {
      pid: value.pid as number,
      ...(typeof value.host === "string" ? { host: value.host } : {}),
      ...(typeof value.started === "string" ? { started: value.started } : {}),
      ...(typeof value.token === "string" ? { token: value.token } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Where the lock of the log at `logPath` lives: beside the log's real path (or, for a log
 * not written yet, its folder's real path), so every name of the log finds the same lock.
 */
export function lockPathOf(logPath: string): string {
  let real: string;
  try {
    real = realpathSync(logPath);
  } catch {
    try {
      real = join(realpathSync(dirname(logPath)), basename(logPath));
    } catch {
      real = logPath;
    }
  }
  return `${real}.lock`;
}

/** Tries at taking a lock before giving up: a takeover under way is waited for, briefly. */
const MAX_ATTEMPTS = 200;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** `readLock`, with its errors as the tool's. */
function look(
  path: string,
  fail: (error: unknown, action: string) => unknown,
): ReturnType<typeof readLock> {
  try {
    return readLock(path);
  } catch (error) {
    throw fail(error, "cannot read the lock file");
  }
}

export class LogLock {
  private held = true;

  private constructor(
    readonly path: string,
    private readonly token: string,
  ) {}

  /**
   * Takes the lock of the log at `logPath`, or throws a UsageError naming the process that
   * holds it. A stale lock is taken over, with a warning.
   */
  static acquire(logPath: string, options: LockOptions = {}): LogLock {
    const path = lockPathOf(logPath);
    const log = options.name ?? logPath;
    // The lock as the user would find it: beside the log they named, unless a link led elsewhere.
    const shown = path === `${logPath}.lock` ? `${log}.lock` : path;
    const others = statSync(logPath, { throwIfNoEntry: false })?.nlink ?? 1;
    if (others > 1) {
      throw new UsageError(`this log has ${others} names (hard links); a log has one writer`, {
        location: { file: log },
        hint: "another name would take a lock of its own: remove the other names, or copy the log and continue the copy",
      });
    }
    const token = randomBytes(8).toString("hex");
    const mine: Holder = { pid: process.pid, host: hostname(), token };
    const started = processStart("self");
    if (started) mine.started = started;
    const fail = (error: unknown, action: string) => fileError(error, { shown, path, action });

    let takenOver: { holder: Holder; reused: boolean } | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (place(path, `${JSON.stringify(mine)}\n`, fail)) {
        if (takenOver) options.onWarning?.(tookOver(shown, takenOver.holder, takenOver.reused));
        return new LogLock(path, token);
      }
      const found = look(path, fail);
      if (found === "gone") continue;
      const runs = found.holder ? holderRuns(found.holder) : "unknown";
      if (!found.holder || runs === "runs" || runs === "unknown")
        throw held(found.holder, shown, log);
      // Stale. Only the one drill that holds the takeover file removes it, so two drills
      // taking it over at once cannot remove each other's new lock.
      const takeover = `${path}.takeover`;
      if (!place(takeover, `${JSON.stringify(mine)}\n`, fail)) {
        const taker = look(takeover, fail);
        // A takeover left by a drill that died in the middle of one is cleared.
        if (taker !== "gone" && taker.holder && holderRuns(taker.holder) !== "runs")
          rmSync(takeover, { force: true });
        else Atomics.wait(PAUSE, 0, 0, 5);
        continue;
      }
      try {
        // While it exists, the stale lock can change only by being removed, and only the
        // takeover's holder removes it.
        const still = look(path, fail);
        if (still !== "gone" && still.ino === found.ino && still.text === found.text) {
          rmSync(path, { force: true });
          takenOver = { holder: found.holder, reused: runs === "reused" };
        }
      } finally {
        rmSync(takeover, { force: true });
      }
    }
    throw held(undefined, shown, log);
  }

  /** Gives the lock up; a lock some other process has taken over since is left alone. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      const found = readLock(this.path);
      if (found !== "gone" && found.holder?.token === this.token)
        rmSync(this.path, { force: true });
    } catch {
      // A lock that cannot be removed is stale once this process ends: the next writer takes it.
    }
  }
}

/**
 * Puts a finished lock file at `path` if there is none: written beside it, then hard-linked
 * into place, which fails if the name is taken. So a lock is never seen half written.
 */
function place(
  path: string,
  text: string,
  fail: (error: unknown, action: string) => unknown,
): boolean {
  const draft = `${path}.${randomBytes(6).toString("hex")}.new`;
  try {
    writeFileSync(draft, text, { flag: "wx" });
  } catch (error) {
    throw fail(error, "cannot create the lock file");
  }
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // Some file systems (FAT, some network shares) have no hard links: create it in place.
    if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS")
      return createInPlace(path, text, fail);
    throw fail(error, "cannot create the lock file");
  } finally {
    rmSync(draft, { force: true });
  }
}

function createInPlace(
  path: string,
  text: string,
  fail: (error: unknown, action: string) => unknown,
): boolean {
  try {
    writeFileSync(path, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw fail(error, "cannot create the lock file");
  }
}

function tookOver(lock: string, holder: Holder, reused: boolean): Problem {
  return {
    severity: "warning",
    location: { file: lock },
    message: `took over the lock of drill process ${holder.pid}, which no longer runs${
      reused ? " (its process id now belongs to another program)" : ""
    }`,
    hint: "a drill that stopped without closing its log (a crash) leaves its lock behind; the log is checked before anything is added",
  };
}

function held(holder: Holder | undefined, lock: string, log: string): UsageError {
  const who = holder
    ? ` (pid ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ""})`
    : "";
  return new UsageError(`this log is being written by another drill${who}`, {
    location: { file: log },
    hint: `finish or stop that drill first; if no drill is running, delete ${lock}`,
  });
}
