// The markdown report's decision log, rendered while the log is read for the analysis, so a
// log is read and checked once: rows are kept in memory up to a bound and the rest in a
// temporary file of their own, so memory stays bounded however long the log.

import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DrillEvent } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import type { ReviewNames } from "./format.js";

/** Rendered rows gathered before they are kept as one part. */
const PART_CHARS = 64 * 1024;
/** Rows beyond this many bytes stay on disk rather than in memory. */
const MEMORY_BYTES = 1 << 20;

/**
 * What a decision-log row depends on besides its event: the language, the names shown beside
 * ids, and the drill's time zone. Rows rendered with one key are the rows of any review with
 * the same key. Maps as the row formatter builds them (a later duplicate id wins).
 */
export function rowKey(lang: Lang, names: ReviewNames, timeZone: string | undefined): string {
  const named = (list: readonly { id: string }[], name: (item: never) => string) =>
    [...new Map(list.map((item) => [item.id, name(item as never)]))].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
  return JSON.stringify([
    lang,
    timeZone ?? null,
    named(names.groups, (g: { name: string }) => g.name),
    named(names.injects, (i: { title: string }) => i.title),
    named(names.expectations, (e: { action: string }) => e.action),
    named(names.objectives, (o: { title: string }) => o.title),
  ]);
}

export class AppendixRows {
  /** As UTF-8: flat and compact, where the rendered strings are trees of small pieces. */
  private kept: Buffer[] = [];
  private pending = "";
  private memoryBytes = 0;
  /** The file rows went to: `dir` is undefined once it is unlinked (only the descriptor holds it). */
  private spill: { dir: string | undefined; fd: number } | undefined;

  constructor(
    private readonly render: (event: DrillEvent) => string,
    /** The `rowKey` the rows were rendered with. */
    readonly key: string,
  ) {}

  add(event: DrillEvent): void {
    this.pending += this.render(event);
    if (this.pending.length >= PART_CHARS) this.keep();
  }

  private keep(): void {
    const part = Buffer.from(this.pending, "utf8");
    this.pending = "";
    if (this.spill) {
      writeSync(this.spill.fd, part);
      return;
    }
    this.kept.push(part);
    this.memoryBytes += part.length;
    if (this.memoryBytes > MEMORY_BYTES) {
      const dir = mkdtempSync(join(tmpdir(), "drill-review-"));
      // A new file in a new folder of our own: never one that was there.
      const file = join(dir, "decision-log.md");
      this.spill = { dir, fd: openSync(file, "wx+", 0o600) };
      // Unlinked at once where the system allows it: the open descriptor keeps the rows, and
      // nothing is left behind if the process is killed before it is done.
      try {
        unlinkSync(file);
        rmdirSync(dir);
        this.spill.dir = undefined;
      } catch {
        // Kept, and removed by `remove`.
      }
      for (const bytes of this.kept) writeSync(this.spill.fd, bytes);
      this.kept = [];
    }
  }

  /**
   * The rows in order, in parts: UTF-8 bytes as they were kept (a file sink writes them as
   * they are, with no decoding and encoding again), the last rows as text.
   */
  async *chunks(): AsyncGenerator<string | Uint8Array> {
    if (this.spill) {
      // Read through the descriptor, from the start: the file may have no name any more.
      const stream = createReadStream("", {
        fd: this.spill.fd,
        start: 0,
        autoClose: false,
        highWaterMark: 64 * 1024,
      });
      for await (const chunk of stream) yield chunk as Buffer;
    } else yield* this.kept;
    yield this.pending;
  }

  /** The rows in order as text, in parts. */
  async *text(): AsyncGenerator<string> {
    const decoder = new TextDecoder();
    for await (const part of this.chunks())
      yield typeof part === "string" ? part : decoder.decode(part, { stream: true });
  }

  /** Closes and removes the temporary file, if rows went there. */
  remove(): void {
    const spill = this.spill;
    if (!spill) return;
    this.spill = undefined;
    try {
      closeSync(spill.fd);
    } finally {
      if (spill.dir) rmSync(spill.dir, { recursive: true, force: true });
    }
  }
}

/**
 * The rows a review's Word file lists in its decision log: a real drill's fits whole, while
 * one of 10,000 events took 0.8 GB to make and 100,000 ran out of memory.
 */
export const WORD_ROWS = 3_000;

/**
 * A Word file's decision log, gathered while the log is read: the first rows as cells (a
 * Word file is made whole, so they are held), and how many rows there are in all.
 */
export class HeldCells {
  readonly rows: string[][] = [];
  total = 0;

  constructor(
    private readonly cells: (event: DrillEvent) => string[],
    /** The `rowKey` the rows were rendered with. */
    readonly key: string,
    private readonly bound: number,
  ) {}

  add(event: DrillEvent): void {
    if (this.total++ < this.bound) this.rows.push(this.cells(event));
  }

  /** Nothing to remove: the rows are held in memory. */
  remove(): void {}
}

/** A report's decision log gathered in the analysis' read: text for markdown and HTML, cells for Word. */
export type GatheredRows = AppendixRows | HeldCells;
