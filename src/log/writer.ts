// Appends events to a drill log. Each append writes its whole line with one write and
// fsyncs before returning, so whatever the caller has been told is written survives a
// `kill -9` or a power cut; a crash mid-write can leave at most a torn last line.

import { closeSync, fsyncSync, mkdirSync, openSync, truncateSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { DrillEvent, LogHeader, NewEvent } from "../core/events.js";
import { round } from "../core/scenario-time.js";
import { UsageError } from "../errors.js";
import { encodeLine } from "./format.js";
import { type ReadLogOptions, scanLog } from "./reader.js";
import { drillEventSchema, headerSchema, shapeProblem } from "./schema.js";

export interface LogWriterOptions {
  /** Wall clock for events that bring no `wall` of their own. */
  now: () => Date;
  /** Flush every line to disk before `append` returns (default true). */
  fsync?: boolean;
}

export type NewLogHeader = Omit<LogHeader, "seq" | "wall"> & { wall?: string };

export class LogWriter {
  readonly path: string;
  private fd: number | undefined;
  private prevHash: string;
  private seq: number;
  private readonly now: () => Date;
  private readonly fsync: boolean;

  private constructor(
    path: string,
    fd: number,
    last: { seq: number; hash: string },
    options: LogWriterOptions,
  ) {
    this.path = path;
    this.fd = fd;
    this.seq = last.seq;
    this.prevHash = last.hash;
    this.now = options.now;
    this.fsync = options.fsync ?? true;
  }

  /** Sequence number of the last line written (0: only the header). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Starts a new log with its header. Never overwrites: an existing file is a UsageError. */
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

    mkdirSync(dirname(path), { recursive: true });
    let fd: number;
    try {
      fd = openSync(path, "ax");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new UsageError(`${path} already exists; a drill log is never overwritten`, {
          hint: "choose another path with --log, or continue that drill with --resume",
        });
      }
      throw error;
    }
    const writer = new LogWriter(path, fd, { seq: 0, hash }, options);
    writer.writeLine(text);
    if (writer.fsync) syncDirectory(dirname(path));
    return writer;
  }

  /**
   * Opens an interrupted log to carry on: checks it, removes a torn last line (reported
   * through `onWarning`), and appends after the last good line.
   */
  static async resume(
    path: string,
    options: LogWriterOptions & Pick<ReadLogOptions, "onWarning" | "name">,
  ): Promise<{ writer: LogWriter; header: LogHeader; events: DrillEvent[] }> {
    let header: LogHeader | undefined;
    const events: DrillEvent[] = [];
    let last = { seq: 0, hash: "", end: 0 };
    for await (const batch of scanLog(path, options)) {
      for (const line of batch.lines) {
        if (line.type === "header") header = line;
        else events.push(line);
      }
      last = { seq: batch.lines.at(-1)?.seq ?? last.seq, hash: batch.hash, end: batch.end };
    }
    // scanLog refuses a log without a header, so this only satisfies the type.
    if (!header) throw new Error(`${path}: no header`);

    const fd = openSync(path, "r+");
    try {
      // Anything past the last good line is the torn line scanLog warned about.
      truncateSync(path, last.end);
      if (options.fsync ?? true) fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    closeSync(fd);
    const writer = new LogWriter(path, openSync(path, "a"), last, options);
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
    const problem = shapeProblem(drillEventSchema, fields);
    if (problem) throw new Error(`event does not fit the log format: ${problem}`);
    const { text, hash } = encodeLine(fields, this.prevHash);
    this.writeLine(text);
    this.seq++;
    this.prevHash = hash;
    // The round trip drops undefined fields, so the caller holds exactly what a reader gets.
    const { prev: _p, h: _hash, ...stored } = JSON.parse(text) as Record<string, unknown>;
    return stored as unknown as DrillEvent;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private writeLine(text: string): void {
    if (this.fd === undefined) throw new Error(`log ${this.path} is closed`);
    const bytes = Buffer.from(text, "utf8");
    // One write for the whole line; the loop only matters if the OS writes part of it.
    for (let done = 0; done < bytes.length; ) {
      done += writeSync(this.fd, bytes, done, bytes.length - done);
    }
    if (this.fsync) fsyncSync(this.fd);
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
