// One writer per log. Two drills appending to the same log (say, `--resume` run twice)
// would interleave their lines and break its hash chain, so a writer holds `<log>.lock`,
// which names its process, for as long as it writes. A lock left by a process that no
// longer runs (a crash, `kill -9`, a power cut) is stale, and the next writer takes it over.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { type Problem, UsageError } from "../errors.js";
import { fileError } from "../output.js";

export interface LockOptions {
  /** How messages name the log (default: its path). */
  name?: string;
  /** Told when a stale lock is taken over. */
  onWarning?: (problem: Problem) => void;
}

/** Whether a process with this id runs (on this machine). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** The process id a lock file names: a number, "none" when unreadable, "gone" when removed. */
function holderOf(path: string): number | "none" | "gone" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : "none";
}

export class LogLock {
  private held = true;

  private constructor(
    readonly path: string,
    private readonly pid: number,
  ) {}

  /**
   * Takes the lock of the log at `logPath`, or throws a UsageError naming the process that
   * holds it. A stale lock is taken over, with a warning.
   */
  static acquire(logPath: string, options: LockOptions = {}): LogLock {
    const path = `${logPath}.lock`;
    const shown = `${options.name ?? logPath}.lock`;
    const pid = process.pid;
    // A stale lock, once removed, is created anew; a lock that keeps coming back means
    // another drill is taking it at the same moment, which is what the lock refuses.
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = openSync(path, "wx");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST")
          throw fileError(error, { shown, path, action: "cannot create the lock file" });
        let holder: ReturnType<typeof holderOf>;
        try {
          holder = holderOf(path);
        } catch (cause) {
          throw fileError(cause, { shown, path, action: "cannot read the lock file" });
        }
        if (holder === "gone") continue;
        if (holder === "none" || running(holder))
          throw held(holder, shown, options.name ?? logPath);
        options.onWarning?.({
          severity: "warning",
          location: { file: shown },
          message: `took over the lock of drill process ${holder}, which no longer runs`,
          hint: "a drill that stopped without closing its log (a crash) leaves its lock behind; the log is checked before anything is added",
        });
        rmSync(path, { force: true });
        continue;
      }
      try {
        writeSync(fd, `${pid}\n`);
      } catch (error) {
        closeSync(fd);
        rmSync(path, { force: true });
        throw fileError(error, { shown, path, action: "cannot create the lock file" });
      }
      closeSync(fd);
      return new LogLock(path, pid);
    }
    throw held("none", shown, options.name ?? logPath);
  }

  /** Gives the lock up; a lock some other process has taken over since is left alone. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      if (holderOf(this.path) === this.pid) rmSync(this.path, { force: true });
    } catch {
      // A lock that cannot be removed is stale once this process ends: the next writer takes it.
    }
  }
}

function held(holder: number | "none", lock: string, log: string): UsageError {
  const who = typeof holder === "number" ? ` (pid ${holder})` : "";
  return new UsageError(`this log is being written by another drill${who}`, {
    location: { file: log },
    hint: `finish or stop that drill first; if no drill is running, delete ${lock}`,
  });
}
