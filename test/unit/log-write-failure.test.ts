// A write that fails in the middle of a drill (disk full, I/O error): the writer throws a
// typed error with the way to carry on, cuts back the part of the line that reached the
// file, and writes nothing more. The disk filling up is simulated by failing `writeSync`
// after it has written part of a line, as a full disk does.

import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WriteError } from "../../src/errors.js";
import { verifyLog } from "../../src/log/reader.js";
import { LogWriter } from "../../src/log/writer.js";
import { tempDir } from "../helpers/cli.js";
import { sampleEvents, sampleHeader, tickingClock } from "../helpers/log-fixtures.js";

/** A disk with `room` bytes left (unlimited when undefined); when it is full, `failWith`. */
const disk = vi.hoisted(() => ({ room: undefined as number | undefined, failWith: "ENOSPC" }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  // The writer only ever calls writeSync(fd, bytes, offset, length).
  const writeSync = ((
    fd: number,
    buffer: Uint8Array,
    at?: number | null,
    length?: number | null,
  ) => {
    const offset = at ?? 0;
    const wanted = length ?? buffer.length - offset;
    if (disk.room === undefined) return fs.writeSync(fd, buffer, offset, wanted);
    // Like a disk filling up: what fits goes in, then the next write fails.
    if (disk.room === 0) {
      const code = disk.failWith;
      throw Object.assign(new Error(`${code}: simulated, write`), { code, syscall: "write" });
    }
    const written = fs.writeSync(fd, buffer, offset, Math.min(wanted, disk.room));
    disk.room -= written;
    return written;
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

let folder: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  folder = tempDir();
  path = join(folder.path, "drill.jsonl");
});
afterEach(() => {
  disk.room = undefined;
  disk.failWith = "ENOSPC";
  folder.remove();
});

const [started, delivered, decided, paused] = sampleEvents as [
  (typeof sampleEvents)[number],
  (typeof sampleEvents)[number],
  (typeof sampleEvents)[number],
  (typeof sampleEvents)[number],
];

describe("a write that fails", () => {
  it("is a WriteError saying what was lost and how to carry on", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), {
      now: tickingClock(),
      name: "drills/d.jsonl",
    });
    writer.append(started);
    const before = statSync(path).size;
    disk.room = 10;
    let error: unknown;
    try {
      writer.append(delivered);
    } catch (caught) {
      error = caught;
    } finally {
      disk.room = undefined;
      writer.close();
    }
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).exitCode).toBe(1);
    expect((error as WriteError).describe()).toBe(
      "error: could not write to the log drills/d.jsonl: no space left on the disk\n" +
        "  hint: nothing after the last recorded event was saved; free some space (or fix the disk) " +
        "and resume with `drill run pooled-positive.zh.yaml --resume drills/d.jsonl`",
    );
    // The half line that reached the file is cut back: the log is whole, without a warning.
    expect(statSync(path).size).toBe(before);
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 1, warnings: [] });
    expect(() => statSync(`${path}.lock`)).toThrow();
  });

  it("stops the writer: nothing is written after it, even once the disk has room", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    writer.append(started);
    disk.room = 10;
    disk.failWith = "EIO";
    expect(() => writer.append(delivered)).toThrow("an input/output error");
    disk.room = undefined;
    const size = statSync(path).size;
    expect(() => writer.append(decided)).toThrow(WriteError);
    expect(writer.lastSeq).toBe(1);
    writer.close();
    expect(statSync(path).size).toBe(size);
  });

  it("leaves a log that resumes where it stopped", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    writer.append(started);
    disk.room = 10;
    expect(() => writer.append(delivered)).toThrow(WriteError);
    disk.room = undefined;
    writer.close();

    const resumed = await LogWriter.resume(path, { now: tickingClock() });
    expect(resumed.events.map((event) => event.type)).toEqual(["drill-started"]);
    for (const event of [delivered, decided, paused]) resumed.writer.append(event);
    resumed.writer.close();
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 4, warnings: [] });
    expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
  });

  it("when creating the log leaves no half header behind", async () => {
    // Room for the lock's process id and part of the header.
    disk.room = 100;
    const error = await LogWriter.create(path, sampleHeader(), { now: tickingClock() }).catch(
      (e: unknown) => e,
    );
    disk.room = undefined;
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).message).toBe(
      `could not write to the log ${path}: no space left on the disk`,
    );
    expect(() => statSync(path)).toThrow();
    expect(() => statSync(`${path}.lock`)).toThrow();
  });
});
