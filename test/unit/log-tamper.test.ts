// Changing any single byte of a log must be caught, and blamed on the line holding that
// byte (its "\n" included): every position of a whole drill's log with several new values
// each, and the example drill's log by its first, middle and last lines plus random bytes
// written to disk and read back through the file path.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type VerifyResult, verifyLog, verifyLogBytes } from "../../src/log/reader.js";
import { ROOT, tempDir } from "../helpers/cli.js";

const folder = tempDir("drill-tamper-");
afterAll(() => folder.remove());

/** Bytes that matter to the format: newline, quote, brace, space, colon, comma. */
const STRUCTURAL = [0x0a, 0x22, 0x7d, 0x20, 0x3a, 0x2c];

/**
 * Four new values for the byte at `at`: a flipped low bit, a flipped high bit (invalid
 * UTF-8 or a different character), and two of the format's structural bytes in turn.
 */
function replacements(at: number, byte: number): number[] {
  const values = [
    byte ^ 0x01,
    byte ^ 0x80,
    STRUCTURAL[at % STRUCTURAL.length] as number,
    STRUCTURAL[(at + 3) % STRUCTURAL.length] as number,
  ];
  return [...new Set(values)].filter((value) => value !== byte);
}

/** 1-based line number of every byte, and where each line starts and ends. */
function lineMap(log: Buffer): { lineOf: number[]; lines: { start: number; end: number }[] } {
  const lineOf: number[] = [];
  const lines: { start: number; end: number }[] = [];
  let start = 0;
  log.forEach((byte, at) => {
    lineOf.push(lines.length + 1);
    if (byte === 0x0a) {
      lines.push({ start, end: at + 1 });
      start = at + 1;
    }
  });
  return { lineOf, lines };
}

interface Change {
  at: number;
  value: number;
}

/**
 * Checks `log` with each change in turn and returns the changes that were missed or blamed
 * on another line. In memory by default; `onDisk` writes each copy and reads the file back.
 */
async function missedChanges(log: Buffer, changes: Change[], onDisk = false): Promise<string[]> {
  const { lineOf } = lineMap(log);
  const missed: string[] = [];
  const path = join(folder.path, "tampered.jsonl");
  for (const { at, value } of changes) {
    const copy = Buffer.from(log);
    copy[at] = value;
    let result: VerifyResult;
    if (onDisk) {
      writeFileSync(path, copy);
      result = await verifyLog(path);
    } else {
      result = await verifyLogBytes(copy, "tampered.jsonl");
    }
    const line = result.ok ? undefined : result.problem.location.line;
    if (line !== lineOf[at]) {
      missed.push(`byte ${at} (line ${lineOf[at]}) ${log[at]} → ${value}: ${line ?? "ok"}`);
    }
  }
  return missed;
}

const everyValue = (log: Buffer, from: number, to: number): Change[] =>
  [...log.subarray(from, to)].flatMap((byte, i) =>
    replacements(from + i, byte).map((value) => ({ at: from + i, value })),
  );

describe("tampering with the fixture log", () => {
  const log = readFileSync(join(ROOT, "test/fixtures/logs/pooled-positive.jsonl"));

  it("verifies untouched", async () => {
    const path = join(folder.path, "fixture.jsonl");
    writeFileSync(path, log);
    expect((await verifyLog(path)).ok).toBe(true);
  });

  it("is caught at the right line for every byte and several values", async () => {
    const changes = everyValue(log, 0, log.length);
    expect(changes.length).toBeGreaterThan(log.length * 3.5);
    expect(await missedChanges(log, changes)).toEqual([]);
  }, 240_000);
});

describe("tampering with the example drill's log", () => {
  const log = readFileSync(join(ROOT, "examples/pooled-positive.zh.jsonl"));
  const { lines } = lineMap(log);

  it("verifies untouched", async () => {
    const path = join(folder.path, "example.jsonl");
    writeFileSync(path, log);
    expect((await verifyLog(path)).ok).toBe(true);
    expect(lines.length).toBeGreaterThan(20);
  });

  it("is caught at the right line for every byte of its middle and last lines", async () => {
    const middle = lines[Math.floor(lines.length / 2)] as { start: number; end: number };
    const last = lines.at(-1) as { start: number; end: number };
    const changes = [
      ...everyValue(log, middle.start, middle.end),
      ...everyValue(log, last.start, last.end),
    ];
    expect(await missedChanges(log, changes)).toEqual([]);
  }, 240_000);

  it("is refused, for every change of its header's end, middle and last lines, in the words of reading each line whole", async () => {
    // The reader parses a line without its hashes when they stand where the writer puts them;
    // whatever a change breaks, it must say what reading the line as written says.
    const header = lines[0] as { start: number; end: number };
    const middle = lines[Math.floor(lines.length / 2)] as { start: number; end: number };
    const last = lines.at(-1) as { start: number; end: number };
    const changes = [
      // The header's end: its hash, and the fields before it.
      ...everyValue(log, header.end - 200, header.end),
      ...everyValue(log, middle.start, middle.end),
      ...everyValue(log, last.start, last.end),
    ];
    const differ: string[] = [];
    for (const { at, value } of changes) {
      const copy = Buffer.from(log);
      copy[at] = value;
      const fast = await verifyLogBytes(copy, "tampered.jsonl");
      const whole = await verifyLogBytes(copy, "tampered.jsonl", { wholeLines: true });
      expect(whole.ok).toBe(false);
      if (JSON.stringify(fast) !== JSON.stringify(whole))
        differ.push(`byte ${at} → ${value}: ${JSON.stringify(fast)} vs ${JSON.stringify(whole)}`);
    }
    expect(changes.length).toBeGreaterThan(1000);
    expect(differ).toEqual([]);
  }, 240_000);

  it("is caught at the right line for every byte of its header, one value each", async () => {
    const header = lines[0] as { start: number; end: number };
    // The kinds of change take turns from byte to byte.
    const changes = [...log.subarray(header.start, header.end)].map((byte, at) => {
      const values = replacements(at, byte);
      return { at, value: values[at % values.length] as number };
    });
    expect(changes).toHaveLength(header.end);
    expect(await missedChanges(log, changes)).toEqual([]);
  }, 240_000);

  it("is caught at the right line for bytes and values picked at random, on disk", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: log.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, delta) => {
          const value = ((log[at] as number) + delta) % 256;
          expect(await missedChanges(log, [{ at, value }], true)).toEqual([]);
        },
      ),
      { numRuns: 500, seed: 20261124 },
    );
  }, 240_000);
});
