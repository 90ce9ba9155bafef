// Rows of a batch kept on disk as they arrive (in whatever order the workers finish), with
// only their start, name and place in memory, then read back oldest first as often as the
// summary needs: memory stays small however many drills there are.

import { randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { openScratch, removeScratch, type ScratchFile } from "../scratch-file.js";
import type { DrillRow } from "./row.js";
import { compareDrills } from "./trend.js";

interface Entry {
  startedAt: string;
  file: string;
  offset: number;
  length: number;
}

export class RowSpool {
  private readonly entries: Entry[] = [];
  private size = 0;
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(private readonly scratch: ScratchFile) {}

  private get handle(): FileHandle {
    return this.scratch.handle;
  }

  /** A spool file in `dir`: a scratch file (src/scratch-file.ts), removed by `remove()` if it still has a name. */
  static async create(dir: string): Promise<RowSpool> {
    const scratch = await openScratch(join(dir, `.replay-${randomBytes(4).toString("hex")}.rows`));
    return new RowSpool(scratch);
  }

  get count(): number {
    return this.entries.length;
  }

  /** Queues a row's write; `sorted()` waits for every queued one. */
  append(row: DrillRow): void {
    const bytes = Buffer.from(JSON.stringify(row), "utf8");
    const offset = this.size;
    this.size += bytes.length;
    this.entries.push({ startedAt: row.startedAt, file: row.file, offset, length: bytes.length });
    this.writing = this.writing.then(() => this.handle.write(bytes, 0, bytes.length, offset));
  }

  /** The rows, oldest drill first. */
  async *sorted(): AsyncGenerator<DrillRow> {
    await this.writing;
    const order = [...this.entries].sort(compareDrills);
    let buffer = Buffer.alloc(0);
    for (const entry of order) {
      if (buffer.length < entry.length) buffer = Buffer.alloc(Math.max(entry.length, 1 << 16));
      await this.handle.read(buffer, 0, entry.length, entry.offset);
      yield JSON.parse(buffer.toString("utf8", 0, entry.length)) as DrillRow;
    }
  }

  async remove(): Promise<void> {
    await this.writing.catch(() => undefined);
    await removeScratch(this.scratch);
  }
}
