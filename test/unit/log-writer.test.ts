import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewEvent } from "../../src/core/events.js";
import { UsageError } from "../../src/errors.js";
import { readLog, verifyLog } from "../../src/log/reader.js";
import { LogWriter } from "../../src/log/writer.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import {
  sampleEvents,
  sampleHeader,
  tickingClock,
  writeSampleLog,
} from "../helpers/log-fixtures.js";

let folder: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  folder = tempDir();
  path = join(folder.path, "drill.jsonl");
});
afterEach(() => folder.remove());

describe("LogWriter.create", () => {
  it("writes the header as line 1 and creates missing folders", async () => {
    const nested = join(folder.path, "drills", "2026", "a.jsonl");
    const writer = await LogWriter.create(nested, sampleHeader(), { now: tickingClock() });
    writer.close();
    const [header, seal, end] = readFileSync(nested, "utf8").split("\n");
    expect(end).toBe("");
    expect(JSON.parse(header ?? "")).toMatchObject({
      seq: 0,
      type: "header",
      format: "drillbook-log/1",
    });
    expect(JSON.parse(header ?? "")).not.toHaveProperty("prev");
    // Closing seals it: nothing happened yet, and the drill has not ended.
    expect(JSON.parse(seal ?? "")).toMatchObject({ seq: 1, type: "seal", ended: false, events: 0 });
    expect(writer.lastSeq).toBe(1);
    expect(writer.path).toBe(nested);
  });

  it("stamps the header with the clock when it brings no wall time", async () => {
    const { wall: _wall, ...header } = sampleHeader();
    const writer = await LogWriter.create(path, header, {
      now: () => new Date("2026-12-01T02:03:04.000Z"),
    });
    writer.close();
    expect((await readLog(path)).header.wall).toBe("2026-12-01T02:03:04.000Z");
  });

  it("refuses to overwrite an existing file", async () => {
    writeFileSync(path, "keep me\n");
    const error = await LogWriter.create(path, sampleHeader(), { now: tickingClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain("already exists");
    expect((error as UsageError).hint).toContain("--resume");
    expect(readFileSync(path, "utf8")).toBe("keep me\n");
  });
});

describe("the format stays put", () => {
  it("writes the committed fixture log byte for byte", async () => {
    await writeSampleLog(path);
    const fixture = join(ROOT, "test/fixtures/logs/pooled-positive.jsonl");
    expect(readFileSync(path, "utf8")).toBe(readFileSync(fixture, "utf8"));
  });
});

describe("written and read back", () => {
  it("any text survives the round trip unchanged", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            t: fc.double({ min: 0, max: 10_000, noNaN: true }),
            text: fc.string({ unit: "binary", maxLength: 40 }),
            group: fc.string({ unit: "grapheme", maxLength: 10 }),
          }),
          { maxLength: 8 },
        ),
        async (unordered) => {
          // Scenario time never runs backwards in a log.
          const entries = unordered.toSorted((a, b) => a.t - b.t);
          const file = join(folder.path, `round-trip-${run++}.jsonl`);
          const writer = await LogWriter.create(file, sampleHeader(), {
            now: tickingClock(),
            fsync: false,
          });
          const written = entries.map(({ t, text, group }) =>
            writer.append({ type: "decision", t, group, status: "partial", text }),
          );
          writer.close();
          const { events, warnings } = await readLog(file);
          expect(events).toStrictEqual(written);
          expect(warnings).toEqual([]);
          expect(events.map((e) => (e.type === "decision" ? e.text : ""))).toEqual(
            entries.map((e) => e.text),
          );
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe("LogWriter.append", () => {
  it("numbers, stamps and chains events", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    const first = writer.append({ type: "drill-started", t: 0, speed: 4 });
    const second = writer.append({
      type: "clock-paused",
      t: 12.3456,
      wall: "2026-11-24T10:00:00Z",
    });
    writer.close();
    expect(first).toStrictEqual({
      seq: 1,
      wall: "2026-11-24T09:00:00.000Z",
      t: 0,
      type: "drill-started",
      speed: 4,
    });
    expect(second).toStrictEqual({
      seq: 2,
      wall: "2026-11-24T10:00:00Z",
      t: 12.35,
      type: "clock-paused",
    });
    expect(writer.lastSeq).toBe(3);
    const [header, one, two] = readFileSync(path, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(one.prev).toBe(header.h);
    expect(two.prev).toBe(one.h);
  });

  it("puts the line on disk before it returns", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    const before = statSync(path).size;
    writer.append({ type: "note", t: 3, kind: "neutral", text: "指挥长到岗" });
    const after = readFileSync(path, "utf8");
    writer.close();
    expect(statSync(path).size).toBeGreaterThan(before);
    expect(after.endsWith("\n")).toBe(true);
    expect(after).toContain("指挥长到岗");
  });

  it("keeps the order seq, wall, t, type, fields, ref, prev, h", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    writer.append({ ref: "script:4", text: "x", kind: "neutral", t: 1, type: "note" } as NewEvent);
    writer.close();
    // The line before the seal.
    const last = readFileSync(path, "utf8").trimEnd().split("\n").at(-2) ?? "";
    expect(Object.keys(JSON.parse(last))).toEqual([
      "seq",
      "wall",
      "t",
      "type",
      "text",
      "kind",
      "ref",
      "prev",
      "h",
    ]);
  });

  it("gives the header seq 0 even when it brings its own", async () => {
    const writer = await LogWriter.create(path, { ...sampleHeader(), seq: 7 } as never, {
      now: tickingClock(),
    });
    writer.close();
    expect((await readLog(path)).header.seq).toBe(0);
  });

  it("ignores a seq the caller brings", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    const event = writer.append({ seq: 99, type: "clock-paused", t: 1 } as NewEvent);
    writer.close();
    expect(event.seq).toBe(1);
    expect((await verifyLog(path)).ok).toBe(true);
  });

  it("refuses an event the reader would refuse, and writes nothing", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    const size = statSync(path).size;
    expect(() =>
      writer.append({
        type: "decision",
        t: 1,
        group: "testing",
        status: "maybe",
        text: "x",
      } as unknown as NewEvent),
    ).toThrow("`status`");
    expect(statSync(path).size).toBe(size);
    writer.close();
  });

  it("writes the same log with or without fsync", async () => {
    const other = join(folder.path, "nosync.jsonl");
    await writeSampleLog(path);
    const writer = await LogWriter.create(other, sampleHeader(), {
      now: tickingClock(),
      fsync: false,
    });
    for (const event of sampleEvents) writer.append(event);
    writer.close();
    expect(readFileSync(other, "utf8")).toBe(readFileSync(path, "utf8"));
  });

  it("cannot append once closed", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    writer.close();
    expect(() => writer.append({ type: "clock-paused", t: 1 })).toThrow("closed");
  });
});

describe("LogWriter.resume", () => {
  it("carries on an intact log after its last line", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 5));
    const warnings: unknown[] = [];
    const { writer, header, events } = await LogWriter.resume(path, {
      now: tickingClock("2026-11-24T11:00:00.000Z"),
      onWarning: (p) => warnings.push(p),
    });
    expect(header.plan.title).toBe(sampleHeader().plan.title);
    expect(events).toHaveLength(5);
    // Lines 1–5 are events, 6 the seal of the first writer.
    expect(writer.lastSeq).toBe(6);
    for (const event of sampleEvents.slice(5)) writer.append(event);
    writer.close();
    expect(warnings).toEqual([]);
    const result = await verifyLog(path);
    expect(result).toMatchObject({ ok: true, events: sampleEvents.length, warnings: [] });
  });

  it("removes a torn last line, warns, and keeps the chain sound when appending", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 4));
    const intact = readFileSync(path, "utf8");
    appendFileSync(path, '{"seq":6,"wall":"2026-11-24T09:00:04.000Z","t":30,"ty');
    const warnings: { location: { line?: number } }[] = [];
    const { writer, events } = await LogWriter.resume(path, {
      now: tickingClock(),
      onWarning: (p) => warnings.push(p),
    });
    expect(warnings.map((w) => w.location.line)).toEqual([7]);
    expect(events).toHaveLength(4);
    expect(readFileSync(path, "utf8")).toBe(intact);

    const appended = writer.append({ type: "clock-speed", t: 30, speed: 8 });
    writer.close();
    expect(appended.seq).toBe(6);
    const { events: after, warnings: later } = await readLog(path);
    expect(later).toEqual([]);
    expect(after.at(-1)).toStrictEqual(appended);
  });

  it("refuses a log that is broken, not merely torn", async () => {
    await writeSampleLog(path);
    const text = readFileSync(path, "utf8").replace('"speed":4', '"speed":5');
    writeFileSync(path, text);
    await expect(LogWriter.resume(path, { now: tickingClock() })).rejects.toThrow(
      "hash does not match",
    );
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("refuses a missing log with a usage error", async () => {
    await expect(
      LogWriter.resume(join(folder.path, "none.jsonl"), { now: tickingClock() }),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
