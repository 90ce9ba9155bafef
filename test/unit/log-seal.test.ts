// A log is anchored by its seal: the line its writer ends it with on closing. A hash chain
// cannot see its own tail go missing; a log that does not end with the seal of an ended
// drill can. Also: `verify --head`, a resumed log that lost its seal, signed seals.

import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { keygen } from "../../src/commands/keygen.js";
import { log } from "../../src/commands/log.js";
import { review } from "../../src/commands/review.js";
import { verify } from "../../src/commands/verify.js";
import type { LogSeal } from "../../src/core/events.js";
import {
  CheckFailedError,
  type DrillError,
  InputError,
  NotEndedError,
  UsageError,
} from "../../src/errors.js";
import { readLog } from "../../src/log/reader.js";
import { readSigner } from "../../src/log/seal.js";
import { LogWriter } from "../../src/log/writer.js";
import { testContext } from "../helpers/context.js";
import {
  chainedLines,
  sampleEvents,
  sampleHeader,
  tickingClock,
  writeSampleLog,
} from "../helpers/log-fixtures.js";
import { scratchFolder } from "../helpers/scratch.js";

const folder = scratchFolder();
let path: string;
beforeEach(() => {
  path = folder.at("a.jsonl");
});

async function verifying(options: Parameters<typeof verify>[1] = {}, file = "a.jsonl") {
  const { ctx, out } = testContext(folder.path);
  const error = await verify(file, options, ctx).then(
    () => undefined,
    (e: unknown) => e as DrillError,
  );
  return { error, out };
}

const lines = () => readFileSync(path, "utf8").split(/(?<=\n)/);
const parsed = () => lines().map((line) => JSON.parse(line) as Record<string, unknown>);

describe("the seal", () => {
  it("is the last line of a closed log: events counted, the head before it", async () => {
    await writeSampleLog(path);
    const all = parsed();
    const seal = all.at(-1) as unknown as LogSeal & { prev: string };
    expect(seal).toMatchObject({ seq: 16, type: "seal", ended: true, events: 15 });
    expect(seal.head).toBe(all.at(-2)?.h);
    expect(seal.prev).toBe(seal.head);
    // Readers hand on the drill's events only.
    expect((await readLog(path)).events).toHaveLength(15);
  });

  it("lets verify pass a complete log (exit 0)", async () => {
    await writeSampleLog(path);
    const { error, out } = await verifying();
    expect(error).toBeUndefined();
    expect(out.text).toContain("已结束并封存");
  });

  it.each([1, 2, 3, 4, 5])(
    "finds the last %i whole line(s) dropped: not ended — interrupted, or truncated (exit 3)",
    async (dropped) => {
      await writeSampleLog(path);
      writeFileSync(path, lines().slice(0, -dropped).join(""));
      const { error, out } = await verifying();
      expect(error).toBeInstanceOf(NotEndedError);
      expect(error?.exitCode).toBe(3);
      expect(out.text).toMatch(dropped === 1 ? /已结束，但未封存/ : /未结束——推演中断或日志被截断/);
      // --allow-open accepts it, still saying what it is.
      const open = await verifying({ allowOpen: true });
      expect(open.error).toBeUndefined();
      expect(open.out.text).toBe(out.text);
    },
  );

  it("finds every cut of bytes off the end (exit 3), never a pass", async () => {
    await writeSampleLog(path);
    const whole = readFileSync(path);
    const lastLine = lines().at(-1)?.length ?? 0;
    for (let cut = 1; cut <= lastLine + 40; cut++) {
      writeFileSync(path, whole.subarray(0, whole.length - cut));
      const { error } = await verifying();
      expect(error, `cut of ${cut} byte(s)`).toBeInstanceOf(NotEndedError);
    }
  });

  it("is refused when forged: a seal must count what comes before it", async () => {
    await writeSampleLog(path);
    const fields = parsed().map(({ prev: _p, h: _h, ...rest }) => rest);
    const seal = fields.at(-1) as Record<string, unknown>;
    seal.events = 14;
    writeFileSync(path, chainedLines(fields));
    const { error } = await verifying();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toBe("line 17 is a seal that counts 14 events where 15 came before it");
  });

  it("refuses lines added after the seal of an ended drill", async () => {
    await writeSampleLog(path);
    const fields = parsed().map(({ prev: _p, h: _h, ...rest }) => rest);
    fields.push({ seq: 17, wall: "2026-11-24T09:00:15.000Z", t: 120, type: "clock-paused" });
    writeFileSync(path, chainedLines(fields));
    const { error } = await verifying();
    expect(error?.message).toBe("line 18 follows the seal that closed this log at line 17");
  });

  it("is not written twice, and a sealed drill takes nothing more", async () => {
    await writeSampleLog(path);
    const before = readFileSync(path, "utf8");
    const { writer } = await LogWriter.resume(path, { now: tickingClock() });
    expect(() => writer.append({ type: "clock-paused", t: 120 })).toThrow(
      "this drill has ended and its log is sealed",
    );
    writer.close();
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("of an interrupted drill is not the end: resume carries on after it, and seals again", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 6));
    expect((await verifying()).error).toBeInstanceOf(NotEndedError);
    const warnings: string[] = [];
    const { writer } = await LogWriter.resume(path, {
      now: tickingClock(),
      onWarning: (p) => warnings.push(p.message),
    });
    for (const event of sampleEvents.slice(6)) writer.append(event);
    writer.close();
    expect(warnings).toEqual([]);
    const seals = parsed().filter((line) => line.type === "seal");
    expect(seals.map((s) => [s.seq, s.ended, s.events])).toEqual([
      [7, false, 6],
      [17, true, 15],
    ]);
    expect((await verifying()).error).toBeUndefined();
  });
});

describe("a resumed log that lost its seal", () => {
  it("is not appended to silently: the resume says so, and the next seal records it", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 8));
    // Cut off the seal and the last event, then part of a line, as a crash or a cut leaves it.
    writeFileSync(path, `${lines().slice(0, -2).join("")}{"seq":8,"wall`);
    const warnings: string[] = [];
    const { writer } = await LogWriter.resume(path, {
      now: tickingClock(),
      name: "a.jsonl",
      onWarning: (p) => warnings.push(`${p.location.line}: ${p.message}`),
    });
    writer.append({ type: "drill-ended", t: 100, reason: "facilitator" });
    writer.close();
    expect(warnings).toEqual([
      "9: the last line was cut short (14 byte(s), no newline), as a crash mid-write leaves it; it is ignored",
      "8: the log does not end with a seal: the drill that wrote it stopped without closing it (a crash, a power cut; it left a torn line of 14 byte(s)), or lines were cut off its end; it is continued after line 8 (T+01:10)",
    ]);
    expect(parsed().at(-1)).toMatchObject({ type: "seal", recovered: { after: 7, tornBytes: 14 } });
    const { error, out } = await verifying();
    expect(error).toBeUndefined();
    expect(out.err).toBe(
      "a.jsonl:10: warning: the drill was continued after line 8 from a log that did not end with a seal (a torn line of 14 byte(s) was dropped)\n" +
        "  hint: its writer had stopped without closing it (a crash), or lines had been cut off its end\n",
    );
  });
});

describe("drill verify --head", () => {
  it("finds the head noted at the end, in full or by its first 16 digits", async () => {
    await writeSampleLog(path);
    const head = String(parsed().at(-1)?.h);
    for (const given of [head, head.slice(0, 16), head.toUpperCase()]) {
      const { error, out } = await verifying({ head: given });
      expect(error).toBeUndefined();
      expect(out.text.split("\n")[1]).toBe("a.jsonl: 头部哈希位于第 17 行（最后一行）");
    }
  });

  it("says how many lines came after a head noted earlier", async () => {
    await writeSampleLog(path, sampleEvents.slice(0, 6));
    const head = String(parsed().at(-1)?.h);
    const { writer } = await LogWriter.resume(path, { now: tickingClock() });
    for (const event of sampleEvents.slice(6)) writer.append(event);
    writer.close();
    const { error, out } = await verifying({ head });
    expect(error).toBeUndefined();
    expect(out.text.split("\n")[1]).toBe("a.jsonl: 头部哈希位于第 8 行，其后新增 10 行");
  });

  it("fails a log cut short before the noted head, even one that ends sealed (exit 1)", async () => {
    // A forger who cuts lines and seals again: the chain checks out, the head is gone.
    await writeSampleLog(path);
    const head = String(parsed().at(-1)?.h);
    const kept = parsed()
      .slice(0, 12)
      .map(({ prev: _p, h: _h, ...rest }) => rest);
    writeFileSync(path, chainedLines(kept));
    const { writer } = await LogWriter.resume(path, { now: tickingClock() });
    writer.append({ type: "drill-ended", t: 95, reason: "facilitator" });
    writer.close();
    expect((await verifying()).error).toBeUndefined();
    const { error } = await verifying({ head });
    expect(error).toBeInstanceOf(CheckFailedError);
    expect(error?.message).toBe(`no line of this log has the head ${head}`);
  });

  it("refuses what is not a hash", async () => {
    await writeSampleLog(path);
    expect((await verifying({ head: "abc" })).error).toBeInstanceOf(UsageError);
  });
});

describe("signed logs", () => {
  async function keys(name = "k") {
    const { ctx, out } = testContext(folder.path);
    await keygen(name, {}, ctx);
    return { signer: await readSigner(join(folder.path, name), name), said: out.text };
  }

  async function signedLog(
    signer: Awaited<ReturnType<typeof keys>>["signer"],
    events = sampleEvents,
  ) {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock(), signer });
    for (const event of events) writer.append(event);
    writer.close();
  }

  it("name the signer's fingerprint in the header, never a key", async () => {
    const { signer, said } = await keys();
    expect(said).toContain(`fingerprint ${signer.fingerprint}`);
    await signedLog(signer);
    const text = readFileSync(path, "utf8");
    expect(parsed()[0]?.signer).toBe(signer.fingerprint);
    expect(text).not.toContain("PRIVATE");
    expect(text).not.toContain("PUBLIC");
    expect(readFileSync(join(folder.path, "k"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it("verify against the public key", async () => {
    const { signer } = await keys();
    await signedLog(signer);
    const { error, out } = await verifying({ key: "k.pub" });
    expect(error).toBeUndefined();
    expect(out.text.split("\n")[1]).toBe(
      `a.jsonl: 签名者 ${signer.fingerprint}：每个封存的签名均有效`,
    );
  });

  it("fail when rewritten and hashed anew: the hashes hold, the signature does not", async () => {
    const { signer } = await keys();
    await signedLog(signer);
    const fields = parsed().map(({ prev: _p, h: _h, ...rest }) => rest);
    const decision = fields.find((line) => line.type === "decision") as Record<string, unknown>;
    decision.text = "已按时完成";
    // Keep the seal consistent with the forged lines: its head is the new hash before it.
    const forged = chainedLines(fields.slice(0, -1));
    const head = JSON.parse(forged.trimEnd().split("\n").at(-1) ?? "{}").h;
    writeFileSync(path, chainedLines([...fields.slice(0, -1), { ...fields.at(-1), head }]));
    expect((await verifying()).error).toBeUndefined();
    const { error } = await verifying({ key: "k.pub" });
    expect(error).toBeInstanceOf(CheckFailedError);
    expect(error?.message).toBe("line 17: the seal's signature does not check out");
  });

  it("fail when the signature is stripped, or checked against another key", async () => {
    const { signer } = await keys();
    await signedLog(signer);
    const fields = parsed().map(({ prev: _p, h: _h, ...rest }) => rest);
    const { signature: _s, ...unsigned } = fields.at(-1) as Record<string, unknown>;
    const original = readFileSync(path, "utf8");
    writeFileSync(path, chainedLines([...fields.slice(0, -1), unsigned]));
    expect((await verifying()).error?.message).toBe(
      "line 17: this seal of a signed log bears no signature",
    );
    writeFileSync(path, original);
    const other = await keys("other");
    const { error } = await verifying({ key: "other.pub" });
    expect(error?.message).toBe(
      `the log is signed by ${signer.fingerprint}, not by the key given (${other.signer.fingerprint})`,
    );
  });

  it("are continued with their own key only", async () => {
    const { signer } = await keys();
    await signedLog(signer, sampleEvents.slice(0, 6));
    await expect(LogWriter.resume(path, { now: tickingClock() })).rejects.toThrow(
      `this log is signed (${signer.fingerprint}); continue it signed`,
    );
    const other = await keys("other");
    await expect(
      LogWriter.resume(path, { now: tickingClock(), signer: other.signer }),
    ).rejects.toThrow("not by the key given");
    const { writer } = await LogWriter.resume(path, { now: tickingClock(), signer });
    for (const event of sampleEvents.slice(6)) writer.append(event);
    writer.close();
    expect((await verifying({ key: "k.pub" })).error).toBeUndefined();
  });

  it("an unsigned log is not signed halfway, and a log without a signature fails --key", async () => {
    const { signer } = await keys();
    await writeSampleLog(path, sampleEvents.slice(0, 6));
    await expect(LogWriter.resume(path, { now: tickingClock(), signer })).rejects.toThrow(
      "this log was started unsigned",
    );
    appendFileSync(path, "");
    expect((await verifying({ key: "k.pub", allowOpen: true })).error?.message).toBe(
      "the log is not signed",
    );
  });
});

describe("a log from before seals", () => {
  it("stays readable: log and review read it; verify says it cannot show its end", async () => {
    await writeSampleLog(path);
    writeFileSync(path, lines().slice(0, -1).join(""));
    const shown = testContext(folder.path);
    await log("a.jsonl", {}, shown.ctx);
    expect(shown.out.text).toContain("推演结束（脚本结束）");
    const reviewed = testContext(folder.path);
    await review("a.jsonl", {}, reviewed.ctx);
    expect(reviewed.out.text).toMatch(/^# 复盘报告/);
    const { error } = await verifying();
    expect(error?.message).toMatch(/^the drill ended, but the log does not end with a seal/);
  });
});
