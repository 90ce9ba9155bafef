// Appends events to a drill log. Each append writes its whole line with one write and
// fsyncs before returning, so whatever the caller has been told is written survives a
// `kill -9` or a power cut; a crash mid-write can leave at most a torn last line. One
// writer at a time: the writer holds the log's lock (./lock.ts) until it is closed. Closing
// seals the log (a `seal` line: how many events, the head hash, signed with `signer`), so a
// log that does not end with a seal was cut short, or its writer never closed it.

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
import type { DrillEvent, LogHeader, LogSeal, NewEvent } from "../core/events.js";
import { formatScenarioTime, round } from "../core/scenario-time.js";
import { type DrillError, InputError, type Problem, UsageError } from "../errors.js";
import { errorForCode, type FileUse, fileError } from "../output.js";
import { eventShapeProblem } from "./event-fits.js";
import { encodeLine } from "./format.js";
import { LogLock } from "./lock.js";
import type { CheckedBatch } from "./reader.js";
import { scanLog, timeProblem } from "./reader.js";
import { headerSchema, shapeProblem } from "./schema.js";
import { type Signer, sealStatement, signStatement } from "./seal.js";

export interface LogWriterOptions {
  /** Wall clock for events that bring no `wall` of their own. */
  now: () => Date;
  /** Flush every line to disk before `append` returns (default true). */
  fsync?: boolean;
  /** How messages name the log (default: its path). */
  name?: string;
  /** Told of what is recovered: a torn last line, a stale lock, a log without its seal. */
  onWarning?: (problem: Problem) => void;
  /** Signs the seals; a new log names its fingerprint, a resumed one must be signed by it. */
  signer?: Signer;
}

/** Where a write failed and how to carry on: the drill goes on from its last recorded event. */
export function logWriteHint(resumeCommand: string): string {
  return `nothing after the last recorded event was saved; free some space (or fix the disk) and resume with \`${resumeCommand}\``;
}

export type NewLogHeader = Omit<LogHeader, "seq" | "wall"> & { wall?: string };

/** Where a log stands as a writer takes it up: new, or as a resume finds it. */
interface LogState {
  seq: number;
  hash: string;
  t: number;
  wall: string;
  end: number;
  planFile: string | undefined;
  clock: LogHeader["clock"];
  signer: string | undefined;
  events: number;
  ended: boolean;
  /** Whether its last line is a seal; "for good" when that seal closed an ended drill. */
  sealed: false | "open" | "for good";
  recovered?: LogSeal["recovered"];
}

export class LogWriter {
  readonly path: string;
  private fd: number | undefined;
  private prevHash: string;
  private seq: number;
  private prevT: number;
  private prevWall: string;
  private events: number;
  private ended: boolean;
  private sealed: LogState["sealed"];
  private readonly recovered: LogSeal["recovered"];
  private readonly clock: LogHeader["clock"];
  private readonly signer: Signer | undefined;
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
    last: LogState,
    options: LogWriterOptions,
  ) {
    this.path = path;
    this.fd = fd;
    this.lock = lock;
    this.seq = last.seq;
    this.prevHash = last.hash;
    this.prevT = last.t;
    this.prevWall = last.wall;
    this.size = last.end;
    this.events = last.events;
    this.ended = last.ended;
    this.sealed = last.sealed;
    this.recovered = last.recovered;
    this.clock = last.clock;
    this.signer = options.signer;
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
   * The log's head: the hash of its last line (after `close`, of its seal). Noted down, it
   * lets `drill verify --head` show the log holds, unchanged, everything up to that line.
   */
  get head(): string {
    return this.prevHash;
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
      ...(options.signer ? { signer: options.signer.fingerprint } : {}),
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
    let created: string | undefined;
    try {
      created = mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      // mkdir says EEXIST when a file stands where a folder of the path should be.
      throw (error as NodeJS.ErrnoException).code === "EEXIST"
        ? errorForCode("ENOTDIR", use)
        : fileError(error, use);
    }
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw errorForCode("EISDIR", use);
    // A new folder may be a typing slip (`drils/`): say where the log went.
    if (created !== undefined) {
      options.onWarning?.({
        severity: "warning",
        location: { file: name },
        message: `created the folder ${dirname(name)} for this log, as it did not exist`,
      });
    }

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
      {
        seq: 0,
        hash,
        t: fields.t,
        wall: fields.wall,
        end: 0,
        planFile: header.planFile,
        clock: header.clock,
        signer: options.signer?.fingerprint,
        events: 0,
        ended: false,
        sealed: false,
      },
      options,
    );
    try {
      writer.writeLine(text);
      if (writer.fsync) syncDirectory(dirname(path));
    } catch (error) {
      // Nothing of this log was acknowledged: leave no half header behind, and no seal.
      writer.shut(false);
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
    let last: CheckedBatch["last"] | undefined;
    let hash = "";
    let end = 0;
    let torn = 0;
    const onWarning = (problem: Problem) => {
      // The reader's warning of a torn last line gives its size; it is dropped below.
      torn = Number(/\((\d+) byte/.exec(problem.message)?.[1] ?? torn);
      options.onWarning?.(problem);
    };
    for await (const batch of scanLog(path, { ...options, onWarning })) {
      for (const line of batch.lines) {
        if (line.type === "header") header = line;
        else events.push(line);
      }
      ({ last, hash, end } = batch);
    }
    // scanLog refuses a log without a header, so this only satisfies the type.
    if (!header || !last) throw new Error(`${path}: no header`);
    const name = options.name ?? path;
    checkSigner(header, options.signer, name);
    const ended = events.some((event) => event.type === "drill-ended");
    if (!last.seal) options.onWarning?.(unsealed(name, last, torn));

    const use: FileUse = { shown: options.name ?? path, path, action: "cannot write to the log" };
    let fd: number | undefined;
    try {
      fd = openSync(path, "r+");
      // Anything past the last good line is the torn line scanLog warned about.
      truncateSync(path, end);
      if (options.fsync ?? true) fsyncSync(fd);
      closeSync(fd);
      fd = openSync(path, "a");
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      throw fileError(error, use);
    }
    const writer = new LogWriter(
      path,
      fd,
      lock,
      {
        seq: last.seq,
        hash,
        t: last.t,
        wall: last.wall,
        end,
        planFile: header.planFile,
        clock: header.clock,
        signer: header.signer,
        events: events.length,
        ended,
        sealed: last.seal ? (last.seal.ended ? "for good" : "open") : false,
        // A log without a seal, or with a torn line after it: its writer stopped mid-way.
        ...(last.seal && torn === 0
          ? {}
          : { recovered: { after: last.seq, ...(torn > 0 ? { tornBytes: torn } : {}) } }),
      },
      options,
    );
    return { writer, header, events };
  }

  /**
   * Numbers, stamps and writes one event; returns it as the log now holds it. Synchronous,
   * so nothing can interleave between writing an event and acting on it.
   */
  append(event: NewEvent): DrillEvent {
    return this.appendMany([event])[0] as DrillEvent;
  }

  /**
   * Group commit: numbers, stamps and writes several events with one write and one fsync, so
   * entries arriving together (the room's seats) share the cost of making them durable. All
   * or none: an event that does not fit the log format throws before anything is written,
   * and a failed write leaves the log as it was before the call.
   */
  appendMany(events: readonly NewEvent[]): DrillEvent[] {
    if (this.sealed === "for good") {
      throw new InputError("this drill has ended and its log is sealed: nothing can be added", {
        location: { file: this.use.shown },
        hint: `review it with \`drill review ${this.use.shown}\``,
      });
    }
    if (events.length === 0) return [];
    let seq = this.seq;
    let prevHash = this.prevHash;
    let prevT = this.prevT;
    let prevWall = this.prevWall;
    let ended = this.ended;
    const texts: string[] = [];
    const stored: DrillEvent[] = [];
    for (const event of events) {
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
        seq: seq + 1,
        wall: wall ?? this.now().toISOString(),
        t: round(t),
        type,
        ...rest,
      };
      if (ref !== undefined) fields.ref = ref;
      const problem = eventShapeProblem(fields) ?? timeProblem(prevT, fields.t as number, seq + 1);
      if (problem) throw new Error(`event does not fit the log format: ${problem}`);
      const { text, hash } = encodeLine(fields, prevHash);
      texts.push(text);
      seq++;
      prevHash = hash;
      prevT = fields.t as number;
      prevWall = fields.wall as string;
      if (type === "drill-ended") ended = true;
      // The round trip drops undefined fields, so the caller holds exactly what a reader gets.
      const { prev: _p, h: _hash, ...line } = JSON.parse(text) as Record<string, unknown>;
      stored.push(line as unknown as DrillEvent);
    }
    this.writeLine(texts.join(""));
    this.seq = seq;
    this.prevHash = prevHash;
    this.prevT = prevT;
    this.prevWall = prevWall;
    this.events += events.length;
    this.ended = ended;
    this.sealed = false;
    return stored;
  }

  /**
   * Seals the log (unless its last line is a seal already, or a write has failed), closes it
   * and gives up its lock. A seal that cannot be written is thrown once the log is closed:
   * every event is in the log, but it ends as if its writer had crashed.
   */
  close(): void {
    this.shut(true);
  }

  private shut(seal: boolean): void {
    if (this.fd === undefined) return;
    let failure: unknown;
    if (seal && !this.sealed && !this.failure) {
      try {
        this.writeSeal();
      } catch (error) {
        failure = error;
      }
    }
    const fd = this.fd;
    this.fd = undefined;
    try {
      closeSync(fd);
    } finally {
      this.lock.release();
    }
    if (failure) throw failure;
  }

  private writeSeal(): void {
    const seal: Omit<LogSeal, "prev" | "h"> = {
      seq: this.seq + 1,
      // A scripted drill's log is the same on every run: its seal bears the last event's time.
      wall: this.clock === "virtual" ? this.prevWall : this.now().toISOString(),
      t: this.prevT,
      type: "seal",
      ended: this.ended,
      events: this.events,
      head: this.prevHash,
    };
    if (this.signer)
      seal.signature = signStatement(this.signer, sealStatement(seal, this.signer.fingerprint));
    if (this.recovered) seal.recovered = this.recovered;
    const { text, hash } = encodeLine(seal as unknown as Record<string, unknown>, this.prevHash);
    this.writeLine(text);
    this.seq++;
    this.prevHash = hash;
    this.sealed = this.ended ? "for good" : "open";
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

/** A signed log is continued with its own key; an unsigned one is never signed halfway. */
function checkSigner(header: LogHeader, signer: Signer | undefined, name: string): void {
  const location = { file: name };
  if (header.signer && !signer) {
    throw new UsageError(`this log is signed (${header.signer}); continue it signed`, {
      location,
      hint: "give the private key it was started with: --sign <key>",
    });
  }
  if (header.signer && signer && signer.fingerprint !== header.signer) {
    throw new UsageError(
      `this log is signed by ${header.signer}, not by the key given (${signer.fingerprint})`,
      {
        location,
        hint: "give the private key it was started with",
      },
    );
  }
  if (!header.signer && signer) {
    throw new UsageError(
      "this log was started unsigned; a log is signed from its first line or not at all",
      {
        location,
        hint: "continue it without --sign, or sign a new drill from its start",
      },
    );
  }
}

/** Said when a resume finds a log whose last line is not a seal. */
function unsealed(name: string, last: CheckedBatch["last"], torn: number): Problem {
  return {
    severity: "warning",
    location: { file: name, line: last.line },
    message: `the log does not end with a seal: the drill that wrote it stopped without closing it (a crash, a power cut${
      torn > 0 ? `; it left a torn line of ${torn} byte(s)` : ""
    }), or lines were cut off its end; it is continued after line ${last.line} (${formatScenarioTime(last.t)})`,
    hint: "if the head hash was noted when it stopped, check the log first with `drill verify <log> --head <hash>`; this resume is recorded in the log's next seal",
  };
}
