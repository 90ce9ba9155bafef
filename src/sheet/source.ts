// The bytes of a spreadsheet, read as streams so a large file is never held whole: from a
// file on disk (what `drill import` reads) or from bytes already in memory (tests, exports
// read back). Both can be read more than once and from any offset (a zip's directory is at
// its end).

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

export interface ByteSource {
  size(): Promise<number>;
  /** The bytes from `start` up to, not including, `end` (default: to the end). */
  stream(start?: number, end?: number): Readable;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: () => Promise.resolve(bytes.length),
    // One chunk at a time, like a file stream, so no consumer gets the whole buffer at once.
    stream: (start = 0, end = bytes.length) =>
      Readable.from(chunks(bytes, start, Math.min(end, bytes.length)), { objectMode: false }),
  };
}

export function fileSource(path: string): ByteSource {
  return {
    size: async () => (await stat(path)).size,
    // createReadStream's `end` is inclusive.
    stream: (start = 0, end) =>
      createReadStream(path, { start, ...(end === undefined ? {} : { end: end - 1 }) }),
  };
}

function* chunks(bytes: Uint8Array, start: number, end: number): Generator<Buffer> {
  const size = 64 * 1024;
  for (let at = start; at < end; at += size)
    yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(size, end - at));
}

/** The first `length` bytes (fewer if the file is shorter). */
export async function readHead(source: ByteSource, length: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of source.stream(0, length)) {
    const buffer = chunk as Buffer;
    parts.push(buffer);
    total += buffer.length;
    if (total >= length) break;
  }
  return Buffer.concat(parts).subarray(0, length);
}
