// Reads a drill log as a stream and checks every line as it goes (src/log/format.ts):
// a log of any size is read in memory bounded by its longest line.

import { isUtf8 } from "node:buffer";
import { type FileHandle, open } from "node:fs/promises";
import type { DrillEvent, LogHeader, LogLine, LogSeal } from "../core/events.js";
import { LOG_FORMAT } from "../core/events.js";
import { InputError, type Problem, UsageError } from "../errors.js";
import { eventShapeProblem, type Fields, isObject } from "./event-fits.js";
import {
  completeLineEnds,
  endsWithPrev,
  hashStartOf,
  hashTailAt,
  hasTailShape,
  holdsAt,
  lineHash,
  PREV_FIELD_BYTES,
  tailStartOf,
} from "./format.js";
import { headerSchema, sealSchema, shapeProblem } from "./schema.js";

export interface ReadLogOptions {
  onWarning?: (problem: Problem) => void;
  /** How problems name the file (default: the path as given). */
  name?: string;
  /** A head hash (or its first digits) to look for: the batch holding it says where. */
  findHead?: string;
  /**
   * Parse every line whole, as it is written: the reference that the bare parse (which skips
   * the chain fields) is held to by the tests. Same results, slower.
   */
  wholeLines?: boolean;
}

/**
 * The checked lines of one batch, about 64 KiB of a read chunk (the header and events; seals
 * apart), and where the last of them ends and its hash: what resuming a log needs. Batches
 * keep the per-line cost of async iteration down.
 */
export interface CheckedBatch {
  lines: LogLine[];
  /** The seals among this chunk's lines, with their line numbers. */
  seals: { line: number; seal: LogSeal }[];
  /** Byte offset just after the last line's "\n". */
  end: number;
  /** The last line's hash. */
  hash: string;
  /** The last line: its number in the file, seq, times, and itself if it is a seal. */
  last: { line: number; seq: number; t: number; wall: string; seal?: LogSeal };
  /** The number of the line whose hash starts with `findHead`, when it is in this chunk. */
  headAt?: number;
}

/** Whole files of up to this size are read at once: a replay reads many small logs. */
const CHUNK_BYTES = 1 << 20;
/**
 * The lines handed on together stay alive together until all are done: 64 KiB of them die
 * young, where a whole chunk's survived into the old space (verify of 100k events: a fifth
 * less CPU).
 */
const BATCH_BYTES = 1 << 16;
/** A header embeds the plan, so lines can be long, but not this long. */
const MAX_LINE_BYTES = 64 << 20;

const BAD_LINE_HINT =
  "a drill log is only ever appended to; a line that does not check out was edited or damaged after it was written";

/** What is wrong with one line. */
class LineFault {
  constructor(
    readonly message: string,
    readonly hint: string = BAD_LINE_HINT,
  ) {}
}

interface RawLine {
  /** The line is `buffer[start..stop)`: a read chunk, or the line alone when it crossed chunks. */
  buffer: Buffer;
  start: number;
  stop: number;
  number: number;
  /** Byte offset in the file just after the line (after its "\n" when terminated). */
  end: number;
  terminated: boolean;
}

/** A batch of lines of one read chunk, and whether all of them are known to be valid UTF-8. */
interface RawLines {
  lines: RawLine[];
  utf8: boolean;
}

/**
 * Splits on "\n" only, so a stray "\r" stays part of its line and fails the hash. Yields the
 * lines of each chunk in groups of about `BATCH_BYTES`, in place in the chunk (no copy); an
 * unterminated last line comes alone at the end. UTF-8 is checked once for a group's lines,
 * and line by line only when that fails, to find the line to name.
 */
async function* splitLines(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  file: string,
): AsyncGenerator<RawLines> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  let number = 0;
  for await (const chunk of chunks) {
    let lines: RawLine[] = [];
    let start = 0;
    // Where the group's lines that lie wholly in this chunk begin: after one that crossed into it.
    let ownFrom = 0;
    let crossed = true;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      number++;
      if (pendingBytes > 0) {
        pending.push(chunk.subarray(start, newline));
        const joined = Buffer.concat(pending, pendingBytes + newline - start);
        pending = [];
        pendingBytes = 0;
        crossed = isUtf8(joined);
        lines.push({
          buffer: joined,
          start: 0,
          stop: joined.length,
          number,
          end: offset + newline + 1,
          terminated: true,
        });
        ownFrom = newline + 1;
      } else {
        lines.push({
          buffer: chunk,
          start,
          stop: newline,
          number,
          end: offset + newline + 1,
          terminated: true,
        });
      }
      start = newline + 1;
      if (start - ownFrom >= BATCH_BYTES) {
        yield { lines, utf8: crossed && isUtf8(chunk.subarray(ownFrom, start)) };
        lines = [];
        ownFrom = start;
        crossed = true;
      }
    }
    if (start < chunk.length) {
      // A copy: the chunk's buffer may be read into again.
      pending.push(Buffer.from(chunk.subarray(start)));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) {
        throw new InputError(`line is longer than ${MAX_LINE_BYTES >> 20} MiB`, {
          location: { file, line: number + 1 },
          hint: "this does not look like a drill log",
        });
      }
    }
    offset += chunk.length;
    if (lines.length > 0) yield { lines, utf8: crossed && isUtf8(chunk.subarray(ownFrom, start)) };
  }
  if (pendingBytes > 0) {
    const bytes = Buffer.concat(pending, pendingBytes);
    yield {
      lines: [
        {
          buffer: bytes,
          start: 0,
          stop: bytes.length,
          number: number + 1,
          end: offset,
          terminated: false,
        },
      ],
      utf8: false,
    };
  }
}

/** Checks lines in order against the format and the chain so far. */
class ChainChecker {
  constructor(private readonly wholeLines = false) {}

  private prevHash: string | undefined;
  private nextSeq = 0;
  private prevT = 0;
  /** Events so far (lines after the header that are not seals), and whether one ended the drill. */
  private events = 0;
  private ended = false;
  /** The line of the seal that closed the log for good (the drill had ended), if any. */
  private closedAt: number | undefined;

  /**
   * Checks the line at `buffer[start..stop)` without moving the chain on; `accept` does that.
   * `utf8`: the bytes are known to be valid UTF-8 already.
   */
  check(
    buffer: Buffer,
    start: number,
    stop: number,
    number: number,
    utf8: boolean,
  ): { line: LogLine | LogSeal; hash: string } {
    if (!utf8 && !isUtf8(buffer.subarray(start, stop))) throw new LineFault("is not valid UTF-8");
    const bare =
      !this.wholeLines && hasTailShape(buffer, start, stop)
        ? this.parseBare(buffer, start, stop)
        : undefined;
    if (bare) {
      try {
        return this.checkFields(bare, true, buffer, start, stop, number);
      } catch (error) {
        // A line that fails is checked again whole, so that it fails as it always has: the
        // bytes its bare parse skipped may not even be JSON, and that is said first.
        if (!(error instanceof LineFault)) throw error;
      }
    }
    return this.checkFields(
      this.parseWhole(buffer, start, stop),
      false,
      buffer,
      start,
      stop,
      number,
    );
  }

  /**
   * The checks after the parse, in the order they name what is wrong. `bare`: the record was
   * parsed without its chain fields, whose bytes `parseBare` matched (only its hash is left to
   * compare).
   */
  private checkFields(
    record: Fields,
    bare: boolean,
    buffer: Buffer,
    start: number,
    stop: number,
    number: number,
  ): { line: LogLine | LogSeal; hash: string } {
    if (this.nextSeq === 0) checkHeaderKind(record);
    if (this.closedAt !== undefined) {
      throw new LineFault(
        `follows the seal that closed this log at line ${this.closedAt}`,
        "a drill that has ended is sealed and never added to: these lines were added after it",
      );
    }
    // The bare parse saw the tail's shape; its digits are compared with the hash below.
    if (!bare && hashTailAt(buffer, start, stop) === undefined)
      throw new LineFault('does not end with its hash (`,"h":"<64 hex digits>"}`)');
    if (!bare && (this.nextSeq === 0 ? record.prev != null : record.prev !== this.prevHash)) {
      throw new LineFault(
        `breaks the hash chain: its \`prev\` is not the hash of line ${number - 1}`,
        "a line was removed, inserted or reordered before this one, or this one was edited",
      );
    }
    const hash = lineHash(this.prevHash, buffer.subarray(start, tailStartOf(stop)));
    if (!holdsAt(buffer, hashStartOf(stop), hash)) {
      throw new LineFault("was changed after it was written: its hash does not match its bytes");
    }
    if (record.seq !== this.nextSeq) {
      throw new LineFault(
        `has seq ${JSON.stringify(record.seq)} where ${this.nextSeq} was expected`,
        "lines are missing or repeated",
      );
    }
    const kind = this.nextSeq === 0 ? "header" : record.type === "seal" ? "seal" : "event";
    const problem =
      kind === "event"
        ? eventShapeProblem(record)
        : shapeProblem(kind === "header" ? headerSchema : sealSchema, record);
    if (problem) throw new LineFault(`is not a valid ${kind}: ${problem}`);
    const backwards = timeProblem(this.prevT, record.t as number, number - 1);
    if (backwards)
      throw new LineFault(backwards, "scenario time only moves forward in a drill log");
    if (kind === "seal") this.checkSeal(record as unknown as LogSeal, number);

    if (!bare) {
      // Deleted last-first, as they were added: V8 then keeps the object's fast shape, and no
      // copy of every line is made.
      delete record.h;
      delete record.prev;
    }
    return { line: record as unknown as LogLine | LogSeal, hash };
  }

  /**
   * The line's fields without `prev` and `h`, parsed from the bytes before them, when the line
   * ends as the writer ends every line: `,"prev":"<the chain's last hash>"` (none on the
   * header), then its hash tail. Those two hashes are a fifth of what a line's parse costs, and
   * are compared as bytes instead. Undefined when the line ends any other way or does not parse
   * so; `parseWhole` then reads it as written and the checks name what is wrong.
   */
  private parseBare(buffer: Buffer, start: number, stop: number): Fields | undefined {
    const tailStart = tailStartOf(stop);
    let end = tailStart;
    if (this.nextSeq > 0) {
      if (this.prevHash === undefined || !endsWithPrev(buffer, start, tailStart, this.prevHash))
        return undefined;
      end -= PREV_FIELD_BYTES;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(`${buffer.toString("utf8", start, end)}}`);
    } catch {
      return undefined;
    }
    // With a `seq` the fields are not empty, so the whole line is this object and its chain
    // fields; an earlier `prev` or `h` of its own would be overridden in the whole line.
    if (!isObject(parsed) || parsed.seq === undefined || "prev" in parsed || "h" in parsed)
      return undefined;
    return parsed;
  }

  /** The whole line parsed as it is written, or the fault that says why it cannot be. */
  private parseWhole(buffer: Buffer, start: number, stop: number): Fields {
    // A BOM stays part of the text (and so fails JSON.parse), as it does in the file.
    const text = buffer.toString("utf8", start, stop);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (this.nextSeq === 0) {
        throw new LineFault(
          "is not a drill log header (not JSON)",
          "a drill log is the .jsonl file that `drill run` writes",
        );
      }
      throw new LineFault(`is not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(parsed)) throw new LineFault("is not a JSON object");
    return parsed;
  }

  /** A seal says what the log holds before it; a well-hashed seal that says otherwise was forged. */
  private checkSeal(seal: LogSeal, number: number): void {
    if (seal.head !== this.prevHash)
      throw new LineFault(`is a seal whose head is not the hash of line ${number - 1}`);
    if (seal.events !== this.events)
      throw new LineFault(
        `is a seal that counts ${seal.events} events where ${this.events} came before it`,
      );
    if (seal.ended !== this.ended) {
      throw new LineFault(
        `is a seal that says the drill ${seal.ended ? "ended" : "had not ended"}, but ${this.ended ? "it had" : "it had not"}`,
      );
    }
  }

  accept(checked: { line: LogLine | LogSeal; hash: string }, number: number): void {
    this.prevHash = checked.hash;
    this.prevT = checked.line.t;
    this.nextSeq++;
    const { line } = checked;
    if (line.type === "seal") {
      if (line.ended) this.closedAt = number;
    } else if (line.type !== "header") {
      this.events++;
      if (line.type === "drill-ended") this.ended = true;
    }
  }

  get sawHeader(): boolean {
    return this.nextSeq > 0;
  }

  /** The line of the seal that closed the log for good, if one did. */
  get closedBy(): number | undefined {
    return this.closedAt;
  }
}

/**
 * Scenario time never runs backwards from one line to the next: the engine folds events in
 * order, and a time that went back would leave deadlines and durations meaningless.
 */
export function timeProblem(prevT: number, t: number, prevLine: number): string | undefined {
  return t < prevT ? `has scenario time t ${t}, before t ${prevT} of line ${prevLine}` : undefined;
}

function checkHeaderKind(record: Record<string, unknown>): void {
  if (record.type !== "header") {
    throw new LineFault(
      "is not a drill log header",
      "a drill log starts with the header line that `drill run` writes",
    );
  }
  if (record.format !== LOG_FORMAT) {
    const tool = typeof record.tool === "string" ? ` by ${record.tool}` : "";
    throw new LineFault(
      `has unknown log format ${JSON.stringify(record.format)}`,
      `this drillbook reads ${LOG_FORMAT}; the log was written${tool}: read it with that version or newer`,
    );
  }
}

/**
 * The unterminated last line: a crash mid-write leaves a line cut short, which is dropped
 * with a warning. A line that is whole but has bytes after it was not torn but added to.
 */
function checkTornTail(
  raw: RawLine,
  checker: ChainChecker,
  file: string,
  onWarning: ((problem: Problem) => void) | undefined,
): void {
  const bytes = raw.buffer.subarray(raw.start, raw.stop);
  // Its writer never writes after such a seal: these bytes were added by something else.
  if (checker.closedBy !== undefined) {
    throw new InputError(
      `line ${raw.number} (${bytes.length} byte(s), no newline) follows the seal that closed this log at line ${checker.closedBy}`,
      {
        location: { file, line: raw.number },
        hint: "a drill that has ended is sealed and never added to: these bytes were added after it",
      },
    );
  }
  const ends = completeLineEnds(bytes);
  for (const end of ends) {
    let whole: boolean;
    try {
      checker.check(bytes, 0, end, raw.number, false);
      whole = true;
    } catch (error) {
      if (!(error instanceof LineFault)) throw error;
      whole = false;
    }
    if (whole && end < bytes.length) {
      throw new InputError(
        `line ${raw.number} is followed by ${bytes.length - end} byte(s) with no newline`,
        {
          location: { file, line: raw.number },
          hint: "a crash can only cut the last line short; these bytes were added after it",
        },
      );
    }
    if (whole) break;
  }
  if (ends.at(-1) === bytes.length) {
    // It looks whole: if it checks out it merely lost its newline, else it was edited.
    try {
      checker.check(bytes, 0, bytes.length, raw.number, false);
    } catch (error) {
      if (error instanceof LineFault) throw lineError(error, file, raw.number);
      throw error;
    }
  }
  onWarning?.({
    severity: "warning",
    location: { file, line: raw.number },
    message: `the last line was cut short (${bytes.length} byte(s), no newline), as a crash mid-write leaves it; it is ignored`,
    hint: "it was never acknowledged; `drill run --resume` removes it and carries on",
  });
}

function lineError(fault: LineFault, file: string, number: number): InputError {
  return new InputError(`line ${number} ${fault.message}`, {
    location: { file, line: number },
    hint: fault.hint,
  });
}

/**
 * The log's checked lines, header first, a batch at a time. Throws InputError naming
 * `file:line` at the first line that does not check out (after yielding the good lines
 * before it), UsageError when the file cannot be opened. Shared by the reader and by
 * `LogWriter.resume`.
 */
export async function* scanLog(
  path: string,
  options: ReadLogOptions = {},
): AsyncGenerator<CheckedBatch> {
  const file = options.name ?? path;
  const handle = await open(path, "r").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      error.code === "ENOENT"
        ? `no such log: ${file}`
        : `cannot read ${file}: ${error.code ?? error.message}`,
      { hint: "give the path of a .jsonl log that `drill run` wrote (by default under drills/)" },
    );
  });
  const stat = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (!stat.isFile()) {
    await handle.close();
    throw new UsageError(`${file} is not a file`, { hint: "give the path of a .jsonl drill log" });
  }
  try {
    yield* checkLogChunks(readChunks(handle, stat.size), { ...options, name: file });
  } finally {
    await handle.close();
  }
}

/**
 * A file's bytes, a chunk at a time, each read into the same buffer: a chunk is only good
 * until the next is asked for (splitLines copies what it keeps across chunks). A small log
 * gets a small buffer, and no read allocates.
 */
async function* readChunks(handle: FileHandle, size: number): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(Math.max(1 << 12, Math.min(CHUNK_BYTES, size)));
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/**
 * The checking itself, on a log given as chunks of bytes in order: a file's stream, or a
 * log held in memory (`[bytes]`). Same results and errors as `scanLog`.
 */
export async function* checkLogChunks(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  options: ReadLogOptions & { name: string },
): AsyncGenerator<CheckedBatch> {
  const file = options.name;
  const checker = new ChainChecker(options.wholeLines);
  for await (const raws of splitLines(chunks, file)) {
    const batch: CheckedBatch = {
      lines: [],
      seals: [],
      end: 0,
      hash: "",
      last: { line: 0, seq: 0, t: 0, wall: "" },
    };
    let failure: unknown;
    let number = 0;
    let last: LogLine | LogSeal | undefined;
    let lastNumber = 0;
    try {
      for (const raw of raws.lines) {
        number = raw.number;
        if (!raw.terminated) {
          checkTornTail(raw, checker, file, options.onWarning);
          break;
        }
        const checked = checker.check(raw.buffer, raw.start, raw.stop, raw.number, raws.utf8);
        checker.accept(checked, raw.number);
        last = checked.line;
        lastNumber = raw.number;
        if (last.type === "seal") batch.seals.push({ line: raw.number, seal: last });
        else batch.lines.push(last);
        batch.end = raw.end;
        batch.hash = checked.hash;
        if (options.findHead && checked.hash.startsWith(options.findHead))
          batch.headAt = raw.number;
      }
    } catch (error) {
      failure = error instanceof LineFault ? lineError(error, file, number) : error;
    }
    if (last) {
      batch.last = {
        line: lastNumber,
        seq: last.seq,
        t: last.t,
        wall: last.wall,
        ...(last.type === "seal" ? { seal: last } : {}),
      };
      yield batch;
    }
    if (failure) throw failure;
  }
  if (!checker.sawHeader) {
    throw new InputError("the log has no header line", {
      location: { file, line: 1 },
      hint: "a drill log starts with the header that `drill run` writes; this file is empty or was cut short before it",
    });
  }
}

/** The log's lines, header first, each checked against the format and the hash chain. */
export async function* readLogLines(
  path: string,
  options: ReadLogOptions = {},
): AsyncGenerator<LogLine> {
  for await (const batch of scanLog(path, options)) yield* batch.lines;
}

/** A whole log in memory, for ordinary logs (use `readLogLines` to stream a huge one). */
export async function readLog(
  path: string,
  options: ReadLogOptions = {},
): Promise<{ header: LogHeader; events: DrillEvent[]; warnings: Problem[] }> {
  const warnings: Problem[] = [];
  let header: LogHeader | undefined;
  const events: DrillEvent[] = [];
  for await (const line of readLogLines(path, {
    ...options,
    onWarning: (problem) => {
      warnings.push(problem);
      options.onWarning?.(problem);
    },
  })) {
    if (line.type === "header") header = line;
    else events.push(line);
  }
  // scanLog refuses a log without a header, so this only satisfies the type.
  if (!header) throw new InputError("the log has no header line");
  return { header, events, warnings };
}

export type VerifyResult =
  | {
      ok: true;
      header: LogHeader;
      /** Events after the header (seals are not events). */
      events: number;
      /** Scenario time of the last event (0 when there is none). */
      lastT: number;
      /** Whether the drill reached `drill-ended`. */
      ended: boolean;
      /** Every seal, with its line number. */
      seals: { line: number; seal: LogSeal }[];
      /** The seal the log ends with; undefined when its last line is not one. */
      closing?: LogSeal;
      /** Lines in the file (the header included), and the last line's hash: the log's head. */
      lines: number;
      head: string;
      /** With `findHead`: the line whose hash starts with it, if any. */
      headAt?: number;
      warnings: Problem[];
    }
  | { ok: false; problem: Problem };

export type VerifyOptions = Pick<ReadLogOptions, "name" | "findHead">;

/** Checks a whole log without keeping it: ok with a summary, or the first problem. */
export async function verifyLog(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const warnings: Problem[] = [];
  return summarise(scanLog(path, { ...options, onWarning: (p) => warnings.push(p) }), warnings);
}

/** `verifyLog` for a log held in memory, e.g. one read from a pipe or an archive. */
export async function verifyLogBytes(
  bytes: Buffer,
  name: string,
  options: Pick<ReadLogOptions, "findHead" | "wholeLines"> = {},
): Promise<VerifyResult> {
  const warnings: Problem[] = [];
  return summarise(
    checkLogChunks([bytes], { ...options, name, onWarning: (p) => warnings.push(p) }),
    warnings,
  );
}

async function summarise(
  batches: AsyncIterable<CheckedBatch>,
  warnings: Problem[],
): Promise<VerifyResult> {
  let header: LogHeader | undefined;
  let events = 0;
  let lastT = 0;
  let ended = false;
  const seals: { line: number; seal: LogSeal }[] = [];
  let last: CheckedBatch["last"] | undefined;
  let head = "";
  let headAt: number | undefined;
  try {
    for await (const batch of batches) {
      for (const line of batch.lines) {
        if (line.type === "header") {
          header = line;
          continue;
        }
        events++;
        lastT = line.t;
        if (line.type === "drill-ended") ended = true;
      }
      seals.push(...batch.seals);
      last = batch.last;
      head = batch.hash;
      headAt = batch.headAt ?? headAt;
    }
  } catch (error) {
    if (error instanceof InputError && error.problems[0])
      return { ok: false, problem: error.problems[0] };
    throw error;
  }
  // The checks refuse a log without a header, so this only satisfies the type.
  if (!header || !last) throw new InputError("the log has no header line");
  return {
    ok: true,
    header,
    events,
    lastT,
    ended,
    seals,
    ...(last.seal ? { closing: last.seal } : {}),
    lines: last.line,
    head,
    ...(headAt !== undefined ? { headAt } : {}),
    warnings,
  };
}
