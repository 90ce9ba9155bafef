// Rows of a batch kept on disk as they arrive (in whatever order the workers finish), with
// only their start, name and place in memory, then read back oldest first as often as the
// summary needs: memory stays small however many drills there are.

import { randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { openScratch, removeScratch, type ScratchFile } from "../scratch-file.js";
import type { DrillRow } from "./row.js";
import { compareDrills } from "./trend.js";

/** The most a read of rows takes in at once, unless one row is larger. */
const READ_WINDOW = 1 << 20;

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

  /**
   * The rows, oldest drill first. Rows mostly arrive in that order already, so each read takes
   * the next rows in date order for as long as they lie ahead of the first in the file and
   * within a window of it.
   */
  async *sorted(): AsyncGenerator<DrillRow> {
    await this.writing;
    const order = [...this.entries].sort(compareDrills);
    let buffer = Buffer.alloc(0);
    for (let first = 0; first < order.length; ) {
      const start = (order[first] as Entry).offset;
      const limit = start + Math.max(READ_WINDOW, (order[first] as Entry).length);
      let end = start;
      let next = first;
      for (; next < order.length; next++) {
        const entry = order[next] as Entry;
        if (entry.offset < start || entry.offset + entry.length > limit) break;
        end = Math.max(end, entry.offset + entry.length);
      }
      if (buffer.length < end - start) buffer = Buffer.alloc(Math.max(end - start, 1 << 16));
      const { bytesRead } = await this.handle.read(buffer, 0, end - start, start);
      if (bytesRead < end - start) throw new Error("the replay's row spool was cut short");
      for (; first < next; first++) {
        const entry = order[first] as Entry;
        const at = entry.offset - start;
        yield JSON.parse(buffer.toString("utf8", at, at + entry.length)) as DrillRow;
      }
    }
  }

  async remove(): Promise<void> {
    await this.writing.catch(() => undefined);
    await removeScratch(this.scratch);
  }
}
