// Appends events to a drill log. Each append writes its whole line with one write and
// fsyncs before returning, so whatever the caller has been told is written survives a
// `kill -9` or a power cut; a crash mid-write can leave at most a torn last line. One
// writer at a time: the writer holds the log's lock (./lock.ts) until it is closed.

import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import type { DrillEvent, LogHeader, NewEvent } from "../core/events.js";
import { round } from "../core/scenario-time.js";
import type { DrillError, Problem } from "../errors.js";
import { errorForCode, type FileUse, fileError } from "../output.js";
import { encodeLine } from "./format.js";
import { LogLock } from "./lock.js";
import { scanLog, timeProblem } from "./reader.js";
import { drillEventSchema, headerSchema, shapeProblem } from "./schema.js";

export interface LogWriterOptions {
  /** Wall clock for events that bring no `wall` of their own. */
  now: () => Date;
  /** Flush every line to disk before `append` returns (default true). */
  fsync?: boolean;
  /** How messages name the log (default: its path). */
  name?: string;
  /** Told of what is recovered: a torn last line, a stale lock. */
  onWarning?: (problem: Problem) => void;
}

/** Where a write failed and how to carry on: the drill goes on from its last recorded event. */
export function logWriteHint(resumeCommand: string): string {
  return `nothing after the last recorded event was saved; free some space (or fix the disk) and resume with \`${resumeCommand}\``;
}

export type NewLogHeader = Omit<LogHeader, "seq" | "wall"> & { wall?: string };

export class LogWriter {
  readonly path: string;
  private fd: number | undefined;
  private prevHash: string;
  private seq: number;
  private prevT: number;
  /** Bytes of whole lines in the file: where a failed write is cut back to. */
  private size: number;
  /** The first write that failed; nothing more is written after it. */
  private failure: DrillError | undefined;
  private readonly lock: LogLock;
  private readonly use: FileUse;
  private readonly now: () => Date;
  private readonly fsync: boolean;

  private constructor(
    path: string,
    fd: number,
    lock: LogLock,
    last: { seq: number; hash: string; t: number; end: number; planFile: string | undefined },
    options: LogWriterOptions,
  ) {
    this.path = path;
    this.fd = fd;
    this.lock = lock;
    this.seq = last.seq;
    this.prevHash = last.hash;
    this.prevT = last.t;
    this.size = last.end;
    this.now = options.now;
    this.fsync = options.fsync ?? true;
    const name = options.name ?? path;
    this.use = {
      shown: name,
      path,
      action: "could not write to the log",
      failedHint: logWriteHint(`drill run ${last.planFile ?? "<plan>"} --resume ${name}`),
    };
  }

  /** Sequence number of the last line written (0: only the header). */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Starts a new log with its header, creating its folder. Never overwrites: an existing
   * file is a UsageError, as is a path that is a folder or runs through a file.
   */
  static async create(
    path: string,
    header: NewLogHeader,
    options: LogWriterOptions,
  ): Promise<LogWriter> {
    // A header that brings its own `seq` (a whole LogHeader) still gets 0.
    const { type, t, wall, seq: _seq, ...rest } = header as NewLogHeader & { seq?: unknown };
    const fields = {
      seq: 0,
      wall: wall ?? options.now().toISOString(),
      t: round(t),
      type,
      ...rest,
    };
    const problem = shapeProblem(headerSchema, fields);
    if (problem) throw new Error(`log header does not fit the log format: ${problem}`);
    const { text, hash } = encodeLine(fields, undefined);

    const name = options.name ?? path;
    const use: FileUse = {
      shown: name,
      path,
      action: "cannot create the log",
      example: "drill.jsonl",
      exists: {
        message: `${name} already exists; a drill log is never overwritten`,
        hint: "choose another path with --log, or continue that drill with --resume",
      },
    };
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      // mkdir says EEXIST when a file stands where a folder of the path should be.
      throw (error as NodeJS.ErrnoException).code === "EEXIST"
        ? errorForCode("ENOTDIR", use)
        : fileError(error, use);
    }
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw errorForCode("EISDIR", use);

    const lock = LogLock.acquire(path, options);
    let fd: number;
    try {
      fd = openSync(path, "ax");
    } catch (error) {
      lock.release();
      throw fileError(error, use);
    }
    const writer = new LogWriter(
      path,
      fd,
      lock,
      { seq: 0, hash, t: fields.t, end: 0, planFile: header.planFile },
      options,
    );
    try {
      writer.writeLine(text);
      if (writer.fsync) syncDirectory(dirname(path));
    } catch (error) {
      // Nothing of this log was acknowledged: leave no half header behind.
      writer.close();
      rmSync(path, { force: true });
      throw error;
    }
    return writer;
  }

  /**
   * Opens an interrupted log to carry on: takes its lock, checks it, removes a torn last line
   * (reported through `onWarning`), and appends after the last good line.
   */
  static async resume(
    path: string,
    options: LogWriterOptions,
  ): Promise<{ writer: LogWriter; header: LogHeader; events: DrillEvent[] }> {
    const lock = LogLock.acquire(path, options);
    try {
      return await LogWriter.reopen(path, lock, options);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private static async reopen(
    path: string,
    lock: LogLock,
    options: LogWriterOptions,
  ): Promise<{ writer: LogWriter; header: LogHeader; events: DrillEvent[] }> {
    let header: LogHeader | undefined;
    const events: DrillEvent[] = [];
    let last = { seq: 0, hash: "", end: 0, t: 0 };
    for await (const batch of scanLog(path, options)) {
      for (const line of batch.lines) {
        if (line.type === "header") header = line;
        else events.push(line);
      }
      const lastLine = batch.lines.at(-1);
      last = {
        seq: lastLine?.seq ?? last.seq,
        hash: batch.hash,
        end: batch.end,
        t: lastLine?.t ?? last.t,
      };
    }
    // scanLog refuses a log without a header, so this only satisfies the type.
    if (!header) throw new Error(`${path}: no header`);

    const use: FileUse = { shown: options.name ?? path, path, action: "cannot write to the log" };
    let fd: number | undefined;
    try {
      fd = openSync(path, "r+");
      // Anything past the last good line is the torn line scanLog warned about.
      truncateSync(path, last.end);
      if (options.fsync ?? true) fsyncSync(fd);
      closeSync(fd);
      fd = openSync(path, "a");
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      throw fileError(error, use);
    }
    const writer = new LogWriter(path, fd, lock, { ...last, planFile: header.planFile }, options);
    return { writer, header, events };
  }

  /**
   * Numbers, stamps and writes one event; returns it as the log now holds it. Synchronous,
   * so nothing can interleave between writing an event and acting on it.
   */
  append(event: NewEvent): DrillEvent {
    // A caller's own `seq`, `prev` or `h` would break the chain: the writer sets those.
    const {
      type,
      t,
      wall,
      ref,
      seq: _seq,
      prev: _prev,
      h: _h,
      ...rest
    } = event as NewEvent & {
      ref?: string;
      seq?: unknown;
      prev?: unknown;
      h?: unknown;
    };
    const fields: Record<string, unknown> = {
      seq: this.seq + 1,
      wall: wall ?? this.now().toISOString(),
      t: round(t),
      type,
      ...rest,
    };
    if (ref !== undefined) fields.ref = ref;
    const problem =
      shapeProblem(drillEventSchema, fields) ??
      timeProblem(this.prevT, fields.t as number, this.seq + 1);
    if (problem) throw new Error(`event does not fit the log format: ${problem}`);
    const { text, hash } = encodeLine(fields, this.prevHash);
    this.writeLine(text);
    this.seq++;
    this.prevHash = hash;
    this.prevT = fields.t as number;
    // The round trip drops undefined fields, so the caller holds exactly what a reader gets.
    const { prev: _p, h: _hash, ...stored } = JSON.parse(text) as Record<string, unknown>;
    return stored as unknown as DrillEvent;
  }

  /** Closes the log and gives up its lock. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      closeSync(fd);
    } finally {
      this.lock.release();
    }
  }

  private writeLine(text: string): void {
    if (this.failure) throw this.failure;
    if (this.fd === undefined) throw new Error(`log ${this.path} is closed`);
    const bytes = Buffer.from(text, "utf8");
    try {
      // One write for the whole line; the loop only matters if the OS writes part of it.
      for (let done = 0; done < bytes.length; ) {
        done += writeSync(this.fd, bytes, done, bytes.length - done);
      }
      if (this.fsync) fsyncSync(this.fd);
    } catch (error) {
      // The line was never acknowledged: cut back what part of it reached the file, if the
      // disk lets us (a resume removes a torn line anyway), and write nothing more.
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // The torn line stays; `drill run --resume` removes it.
      }
      const failure = fileError(error, this.use);
      if (failure === error) throw error;
      this.failure = failure as DrillError;
      throw failure;
    }
    this.size += bytes.length;
  }
}

/** Makes a new file's directory entry durable too; not every platform can open a folder. */
function syncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the file itself is already flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
