import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DrillEvent } from "../../src/core/events.js";
import { InputError, type Problem, UsageError } from "../../src/errors.js";
import { encodeLine, lineHash } from "../../src/log/format.js";
import { checkLogChunks, readLog, readLogLines, verifyLog } from "../../src/log/reader.js";
import { LogWriter } from "../../src/log/writer.js";
import { tempDir } from "../helpers/cli.js";
import {
  chainedLines,
  headerFields,
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

/** The lines of the sample log, each with its "\n". */
async function sampleLines(): Promise<string[]> {
  await writeSampleLog(path);
  return readFileSync(path, "utf8").split(/(?<=\n)/);
}

async function readError(file = path): Promise<InputError> {
  const error = await readLog(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("reading an intact log", () => {
  it("gives back the header and exactly the events the writer returned", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    const written: DrillEvent[] = sampleEvents.map((event) => writer.append(event));
    writer.close();

    const { header, events, warnings } = await readLog(path);
    expect(header).toStrictEqual({ seq: 0, ...sampleHeader() });
    expect(events).toStrictEqual(written);
    expect(warnings).toEqual([]);
    expect(events.map((e) => e.seq)).toEqual(sampleEvents.map((_, i) => i + 1));
  });

  it("keeps no hash fields on the lines it yields", async () => {
    await writeSampleLog(path);
    for await (const line of readLogLines(path)) {
      expect(line).not.toHaveProperty("prev");
      expect(line).not.toHaveProperty("h");
    }
  });

  it("reads lines longer than one read chunk", async () => {
    const planSource = `# ${"防范区".repeat(700_000)}\n`; // about 6 MB, several chunks
    const writer = await LogWriter.create(
      path,
      { ...sampleHeader(), planSource },
      { now: tickingClock(), fsync: false },
    );
    writer.append({ type: "drill-started", t: 0, speed: 4 });
    writer.close();
    const { header, events } = await readLog(path);
    expect(header.planSource).toBe(planSource);
    expect(events).toHaveLength(1);
  });

  it("reads a file of many lines across read chunks as it reads the same bytes in memory", async () => {
    // About 3 MiB of notes of uneven length: lines cross each 1 MiB read at a different place.
    const writer = await LogWriter.create(path, sampleHeader(), {
      now: tickingClock(),
      fsync: false,
    });
    writer.append({ type: "drill-started", t: 0, speed: 4 });
    for (let i = 0; i < 6000; i++)
      writer.append({ type: "note", t: 1, kind: "neutral", text: `记录 ${"x".repeat(i % 900)}` });
    writer.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(3 << 20);
    const fromFile = await readLog(path);
    const inMemory: unknown[] = [];
    for await (const batch of checkLogChunks([bytes], { name: path }))
      inMemory.push(...batch.lines);
    expect(fromFile.events).toHaveLength(6001);
    expect([fromFile.header, ...fromFile.events]).toStrictEqual(inMemory);
  });
  it("can stop part way through", async () => {
    await writeSampleLog(path);
    const seen: string[] = [];
    for await (const line of readLogLines(path)) {
      seen.push(line.type);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["header", "drill-started", "inject-delivered"]);
  });

  it("summarises it when verifying", async () => {
    await writeSampleLog(path);
    const result = await verifyLog(path);
    expect(result).toMatchObject({
      ok: true,
      events: sampleEvents.length,
      lastT: 120,
      ended: true,
    });
  });
});

describe("a torn last line", () => {
  it("is left out with a warning naming its line", async () => {
    const lines = await sampleLines();
    const cut = lines.slice(0, 6).join("") + (lines[6] ?? "").slice(0, 40);
    writeFileSync(path, cut);
    const warnings: Problem[] = [];
    const { events } = await readLog(path, { onWarning: (p) => warnings.push(p) });
    expect(events).toHaveLength(5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      severity: "warning",
      location: { file: path, line: 7 },
    });
    expect(warnings[0]?.message).toContain("cut short");
  });

  it("is left out when only its newline is missing", async () => {
    const lines = await sampleLines();
    writeFileSync(path, lines.slice(0, 5).join("") + (lines[5] ?? "").slice(0, -1));
    const { events, warnings } = await readLog(path);
    expect(events).toHaveLength(4);
    expect(warnings.map((w) => w.location.line)).toEqual([6]);
  });

  it("is left out even in a multi-byte character", async () => {
    const lines = await sampleLines();
    const decision = Buffer.from(lines[3] ?? "", "utf8");
    const middleOfChinese = decision.indexOf(Buffer.from("指挥长", "utf8")) + 1;
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(lines.slice(0, 3).join("")),
        decision.subarray(0, middleOfChinese),
      ]),
    );
    const { events, warnings } = await readLog(path);
    expect(events).toHaveLength(2);
    expect(warnings).toHaveLength(1);
  });

  it("in the header leaves a log with no header, which is an error", async () => {
    const lines = await sampleLines();
    writeFileSync(path, (lines[0] ?? "").slice(0, 100));
    const error = await readError();
    expect(error.message).toContain("no header");
    expect(error.problems[0]?.location).toEqual({ file: path, line: 1 });
  });
});

describe("a broken log is refused, naming the line", () => {
  it("when a whole last line is followed by extra bytes", async () => {
    await writeSampleLog(path);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, `${text.slice(0, -1)}x`);
    const error = await readError();
    // The last line is the seal, after the header and the events.
    expect(error.problems[0]?.location).toEqual({ file: path, line: sampleEvents.length + 2 });
    expect(error.message).toContain("followed by 1 byte(s)");
  });

  it("when bytes are appended after a whole line with no newline", async () => {
    await writeSampleLog(path);
    const lines = readFileSync(path, "utf8").split(/(?<=\n)/);
    writeFileSync(path, `${lines.slice(0, 4).join("")}${(lines[4] ?? "").slice(0, -1)}{"seq":5`);
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(5);
  });

  it("when a middle line is not JSON", async () => {
    const lines = await sampleLines();
    lines[4] = "not json\n";
    writeFileSync(path, lines.join(""));
    const error = await readError();
    expect(error.problems[0]?.location).toEqual({ file: path, line: 5 });
    expect(error.message).toContain("not valid JSON");
    expect(error.problems[0]?.hint).toBeTruthy();
  });

  it("when a line was removed (the chain breaks at the next one)", async () => {
    const lines = await sampleLines();
    lines.splice(3, 1);
    writeFileSync(path, lines.join(""));
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(4);
    expect(error.message).toContain("breaks the hash chain");
  });

  it("when two lines are swapped", async () => {
    const lines = await sampleLines();
    [lines[2], lines[3]] = [lines[3] ?? "", lines[2] ?? ""];
    writeFileSync(path, lines.join(""));
    expect((await readError()).problems[0]?.location.line).toBe(3);
  });

  it("when a line was edited", async () => {
    const lines = await sampleLines();
    lines[3] = (lines[3] ?? "").replace('"status":"done"', '"status":"partial"');
    writeFileSync(path, lines.join(""));
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(4);
    expect(error.message).toContain("hash does not match");
  });

  it("when a blank line is inserted", async () => {
    const lines = await sampleLines();
    lines.splice(2, 0, "\n");
    writeFileSync(path, lines.join(""));
    expect((await readError()).problems[0]?.location.line).toBe(3);
  });

  it("when lines end in CRLF", async () => {
    await writeSampleLog(path);
    writeFileSync(path, readFileSync(path, "utf8").replaceAll("\n", "\r\n"));
    expect((await readError()).problems[0]?.location.line).toBe(1);
  });

  it("when a line is not valid UTF-8", async () => {
    const lines = await sampleLines();
    const bytes = Buffer.from(lines[3] ?? "", "utf8");
    bytes[bytes.indexOf(Buffer.from("指", "utf8"))] = 0xff;
    writeFileSync(path, Buffer.concat([Buffer.from(lines.slice(0, 3).join("")), bytes]));
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(4);
    expect(error.message).toContain("UTF-8");
  });

  it("checks UTF-8 by chunk and by line alike, wherever the read chunks split the bytes", async () => {
    await writeSampleLog(path);
    const whole = readFileSync(path);
    const cut = whole.indexOf(Buffer.from("指", "utf8"));
    const line = whole.subarray(0, cut).toString("latin1").split("\n").length;
    const damaged = Buffer.from(whole);
    damaged[cut + 1] = 0x41; // the second byte of a three-byte character: no longer UTF-8
    // Every split near the character, on both the good and the damaged log.
    for (let at = cut - 3; at <= cut + 4; at++) {
      const parts = (bytes: Buffer) => [bytes.subarray(0, at), bytes.subarray(at)];
      const read = async (bytes: Buffer) => {
        const summary = { lines: 0, error: undefined as InputError | undefined };
        try {
          for await (const batch of checkLogChunks(parts(bytes), { name: "x.jsonl" }))
            summary.lines += batch.lines.length + batch.seals.length;
        } catch (error) {
          summary.error = error as InputError;
        }
        return summary;
      };
      const fine = await read(whole);
      expect(fine.error, `split at ${at}`).toBeUndefined();
      expect(fine.lines).toBe(whole.toString("latin1").split("\n").length - 1);
      const bad = await read(damaged);
      expect(bad.error?.problems[0]?.location.line, `split at ${at}`).toBe(line);
      expect(bad.error?.message).toContain("is not valid UTF-8");
    }
  });

  it("names the bad line in a long log, whichever batch of a read chunk holds it", async () => {
    // About 900 KiB: each 1 MiB read chunk is checked and handed on some 64 KiB at a time.
    const writer = await LogWriter.create(path, sampleHeader(), {
      now: tickingClock(),
      fsync: false,
    });
    writer.append({ type: "drill-started", t: 0, speed: 4 });
    for (let i = 0; i < 1500; i++)
      writer.append({ type: "note", t: 1, kind: "neutral", text: `${i} ${"观察".repeat(60)}` });
    writer.close();
    const whole = readFileSync(path);
    const count = whole.toString("latin1").split("\n").length - 1;
    const read = async (bytes: Buffer, chunk: number) => {
      const parts: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
      let lines = 0;
      let batches = 0;
      try {
        for await (const batch of checkLogChunks(parts, { name: "x.jsonl" })) {
          lines += batch.lines.length + batch.seals.length;
          batches++;
        }
      } catch (error) {
        return { lines, batches, error: error as InputError };
      }
      return { lines, batches, error: undefined };
    };
    const fine = await read(whole, 1 << 20);
    expect(fine.error).toBeUndefined();
    expect(fine.lines).toBe(count);
    // Some 64 KiB each: the line that crosses the mark (about 500 bytes) ends a batch.
    expect(fine.batches).toBeGreaterThanOrEqual(Math.floor(whole.length / (65_536 + 600)));
    expect(fine.batches).toBeLessThanOrEqual(Math.ceil(whole.length / 65_536));
    const starts = [0];
    for (
      let at = whole.indexOf(10);
      at !== -1 && at < whole.length - 1;
      at = whole.indexOf(10, at + 1)
    )
      starts.push(at + 1);
    for (const number of [3, 150, 151, 700, 1111, count - 2, count - 1]) {
      const damaged = Buffer.from(whole);
      const text = damaged.indexOf(Buffer.from("观", "utf8"), starts[number - 1]);
      expect(text).toBeLessThan(starts[number] ?? whole.length);
      damaged[text + 1] = 0x41; // no longer UTF-8
      for (const chunk of [1 << 20, 100_000, 4096]) {
        const bad = await read(damaged, chunk);
        expect(bad.error?.problems[0]?.location.line, `line ${number}, chunk ${chunk}`).toBe(
          number,
        );
        expect(bad.error?.message).toContain("is not valid UTF-8");
        expect(bad.lines, `line ${number}, chunk ${chunk}`).toBeLessThan(number);
      }
    }
  });

  it("when seq skips a number, even with a sound hash chain", async () => {
    writeFileSync(
      path,
      chainedLines([
        headerFields(),
        { seq: 1, wall: "2026-11-24T09:00:00.000Z", t: 0, type: "drill-started", speed: 4 },
        { seq: 3, wall: "2026-11-24T09:00:01.000Z", t: 0, type: "clock-paused" },
      ]),
    );
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(3);
    expect(error.message).toContain("seq 3 where 2 was expected");
  });

  it("when a well-hashed line is not a known event", async () => {
    writeFileSync(
      path,
      chainedLines([
        headerFields(),
        {
          seq: 1,
          wall: "2026-11-24T09:00:00.000Z",
          t: 5,
          type: "decision",
          group: "testing",
          status: "maybe",
          text: "x",
        },
      ]),
    );
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(2);
    expect(error.message).toContain("`status`");
  });

  it("when the format is unknown", async () => {
    writeFileSync(
      path,
      chainedLines([{ ...headerFields(), format: "drillbook-log/2", tool: "drillbook 9.0.0" }]),
    );
    const error = await readError();
    expect(error.problems[0]?.location).toEqual({ file: path, line: 1 });
    expect(error.message).toContain('unknown log format "drillbook-log/2"');
    expect(error.problems[0]?.hint).toContain("drillbook 9.0.0");
  });

  it("when the file is empty", async () => {
    writeFileSync(path, "");
    const error = await readError();
    expect(error.message).toContain("no header");
    expect(error.problems[0]?.location.line).toBe(1);
  });

  it("when the first line is an event, not a header", async () => {
    writeFileSync(
      path,
      chainedLines([{ seq: 0, wall: "w", t: 0, type: "drill-started", speed: 4 }]),
    );
    const error = await readError();
    expect(error.message).toContain("not a drill log header");
  });

  it("when the file is some other JSON Lines file", async () => {
    writeFileSync(path, '{"name":"x"}\n');
    expect((await readError()).message).toContain("not a drill log header");
  });

  it("naming the file as the caller asks", async () => {
    writeFileSync(path, "nonsense\n");
    const error = await readLog(path, { name: "drills/a.jsonl" }).catch((e: InputError) => e);
    expect((error as InputError).problems[0]?.location).toEqual({
      file: "drills/a.jsonl",
      line: 1,
    });
  });
});

describe("a soundly hashed line written otherwise than the writer writes it", () => {
  const wall = "2026-11-24T09:00:00.000Z";
  /** The header as the writer writes it, then lines given as the text their hashes cover. */
  function logOf(...before: ((prev: string) => string)[]): string {
    const header = encodeLine(headerFields(), undefined);
    let text = header.text;
    let prev = header.hash;
    for (const line of before) {
      const covered = line(prev);
      prev = lineHash(prev, covered);
      text += `${covered},"h":"${prev}"}\n`;
    }
    return text;
  }
  const started = `{"seq":1,"wall":"${wall}","t":0,"type":"drill-started","speed":4`;
  const startedEvent = { seq: 1, wall, t: 0, type: "drill-started", speed: 4 };

  it("is read as JSON reads it: spaces around its chain field", async () => {
    writeFileSync(
      path,
      logOf((prev) => `${started} , "prev" : "${prev}"`),
    );
    expect((await readLog(path)).events).toStrictEqual([startedEvent]);
  });

  it("is read as JSON reads it: a `prev` or `h` of its own before the chain's, which win", async () => {
    writeFileSync(
      path,
      logOf(
        (prev) => `${started},"prev":"${"0".repeat(64)}","prev":"${prev}"`,
        (prev) => `{"seq":2,"wall":"${wall}","t":1,"type":"clock-paused","h":"x","prev":"${prev}"`,
      ),
    );
    expect((await readLog(path)).events).toStrictEqual([
      startedEvent,
      { seq: 2, wall, t: 1, type: "clock-paused" },
    ]);
  });

  it("is read as JSON reads it: a header with a null `prev`", async () => {
    const { text: header, hash } = encodeLine({ ...headerFields(), prev: null }, undefined);
    writeFileSync(path, header + encodeLine({ ...startedEvent }, hash).text);
    expect((await readLog(path)).events).toStrictEqual([startedEvent]);
  });

  it("is refused when it holds nothing but its chain fields: that is not JSON", async () => {
    writeFileSync(
      path,
      logOf((prev) => `{,"prev":"${prev}"`),
    );
    const error = await readError();
    expect(error.problems[0]?.location.line).toBe(2);
    expect(error.message).toContain("is not valid JSON");
  });

  it("is refused for its tail before its chain: a hash not in lowercase hex is no hash", async () => {
    const header = encodeLine(headerFields(), undefined);
    const covered = `${started},"prev":"${header.hash}"`;
    const hash = lineHash(header.hash, covered);
    const tails = [
      hash.toUpperCase(), // the right hash, in the wrong digits
      `${hash.slice(0, 63)}g`,
    ];
    for (const digits of tails) {
      for (const prev of [header.hash, "b".repeat(64)]) {
        const line = `${started},"prev":"${prev}","h":"${digits}"}\n`;
        writeFileSync(path, header.text + line);
        const error = await readError();
        expect(error.problems[0]?.location.line).toBe(2);
        expect(error.message).toContain("does not end with its hash");
      }
    }
    // A digit that is not JSON inside its string: the line is no JSON, and that is said first.
    writeFileSync(path, `${header.text}${covered},"h":"${hash.slice(0, 10)}"${hash.slice(11)}"}\n`);
    expect((await readError()).message).toContain("line 2 is not valid JSON");
    writeFileSync(path, `${header.text}${covered},"h":"${hash}" }\n`);
    expect((await readError()).message).toContain("line 2 does not end with its hash");
    writeFileSync(path, `${header.text}${covered},"h":"${"c".repeat(64)}"}\n`);
    expect((await readError()).message).toContain("line 2 was changed after it was written");
  });

  it("is refused without its `prev`, or with another line's", async () => {
    writeFileSync(
      path,
      logOf(() => started),
    );
    expect((await readError()).message).toContain("line 2 breaks the hash chain");
    writeFileSync(
      path,
      logOf(() => `${started},"prev":"${"a".repeat(64)}"`),
    );
    expect((await readError()).message).toContain("line 2 breaks the hash chain");
  });
});

describe("verifyLog", () => {
  it("returns the first problem instead of throwing", async () => {
    const lines = await sampleLines();
    lines[2] = (lines[2] ?? "").replace('"t":0', '"t":1');
    writeFileSync(path, lines.join(""));
    const result = await verifyLog(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.location).toEqual({ file: path, line: 3 });
  });

  it("reports a recovered torn line as a warning", async () => {
    // Header, six events, the seal of a drill not ended (line 8), then a line cut short.
    await writeSampleLog(path, sampleEvents.slice(0, 6));
    appendFileSync(path, '{"seq":8,"wall":"2026');
    const result = await verifyLog(path);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.location.line)).toEqual([9]);
  });

  it("refuses bytes after the seal of an ended drill: no crash can leave them", async () => {
    await writeSampleLog(path);
    appendFileSync(path, '{"seq":17,"wall":"2026');
    const result = await verifyLog(path);
    expect(result).toMatchObject({
      ok: false,
      problem: {
        location: { line: 18 },
        message: expect.stringContaining("follows the seal that closed this log at line 17"),
      },
    });
  });

  it("throws a usage error for a missing file or a folder", async () => {
    await expect(verifyLog(join(folder.path, "nope.jsonl"))).rejects.toBeInstanceOf(UsageError);
    await expect(verifyLog(folder.path)).rejects.toBeInstanceOf(UsageError);
  });
});
