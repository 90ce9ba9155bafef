// `drill verify` and `drill log` run in-process on temp-folder logs with their own streams.

import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { log } from "../../src/commands/log.js";
import { verify } from "../../src/commands/verify.js";
import { InputError, UsageError } from "../../src/errors.js";
import { readLog } from "../../src/log/reader.js";
import { formatWallTime } from "../../src/log/timeline.js";
import { LogWriter } from "../../src/log/writer.js";
import { tempDir } from "../helpers/cli.js";
import { testContext } from "../helpers/context.js";
import {
  sampleEvents,
  sampleHeader,
  tickingClock,
  writeSampleLog,
} from "../helpers/log-fixtures.js";

let folder: ReturnType<typeof tempDir>;
beforeEach(() => {
  folder = tempDir();
});
afterEach(() => folder.remove());

function context(options: { tty?: boolean; env?: Record<string, string> } = {}) {
  return testContext(folder.path, options);
}

const coloured = (text: string) => stripVTControlCharacters(text) !== text;

describe("verify", () => {
  it("prints a one-line summary in the plan's language", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"));
    const { ctx, out } = context();
    expect(await verify("a.jsonl", {}, ctx)).toBe(0);
    expect(out.text).toBe(
      "a.jsonl: 完好：《区级初筛混管阳性桌面推演》，15 条事件，T+00:00–T+02:00，已结束并封存\n",
    );
    expect(out.err).toBe("");
  });

  it("follows the plan's language over the locale", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"));
    const { ctx, out } = context({ env: { LANG: "en_US.UTF-8" } });
    await verify("a.jsonl", {}, ctx);
    expect(out.text).toContain("完好");
  });

  it("says a drill has not ended and warns about a recovered torn line", async () => {
    const path = join(folder.path, "a.jsonl");
    await writeSampleLog(path, sampleEvents.slice(0, 6));
    // A drill that was interrupted cleanly, resumed, and then killed mid-write.
    appendFileSync(path, '{"seq":8,"wa');
    const { ctx, out } = context();
    expect(await verify("a.jsonl", { allowOpen: true }, ctx)).toBe(0);
    expect(out.text).toBe(
      "a.jsonl: 完好：《区级初筛混管阳性桌面推演》，6 条事件，T+00:00–T+00:30，未结束（推演中断，日志已正常关闭），1 条警告\n",
    );
    expect(out.err).toMatch(/^a\.jsonl:9: warning: the last line was cut short/);
  });

  it("throws an input error naming the first bad line", async () => {
    const path = join(folder.path, "a.jsonl");
    await writeSampleLog(path);
    writeFileSync(path, readFileSync(path, "utf8").replace("复核采样未能开展", "复核采样已经开展"));
    const { ctx } = context();
    const error = await verify("a.jsonl", {}, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toMatch(
      /^a\.jsonl:8: error: line 8 was changed after it was written/,
    );
  });

  it("prints JSON and exits 1 with --json when the log is broken", async () => {
    const path = join(folder.path, "a.jsonl");
    await writeSampleLog(path);
    writeFileSync(path, readFileSync(path, "utf8").replace('"t":20', '"t":21'));
    const { ctx, out } = context();
    const error = await verify("a.jsonl", { json: true }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 1, reported: true });
    expect(JSON.parse(out.text)).toMatchObject({
      ok: false,
      file: "a.jsonl",
      problem: { severity: "error", location: { file: "a.jsonl", line: 4 } },
    });
  });

  it("prints JSON with --json when the log is intact", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"));
    const { ctx, out } = context();
    expect(await verify("a.jsonl", { json: true }, ctx)).toBe(0);
    expect(JSON.parse(out.text)).toMatchObject({
      ok: true,
      title: "区级初筛混管阳性桌面推演",
      events: 15,
      lastT: 120,
      ended: true,
      end: "sealed",
      complete: true,
      lines: 17,
      warnings: [],
    });
  });

  it("is a usage error when the log does not exist", async () => {
    const { ctx } = context();
    await expect(verify("missing.jsonl", {}, ctx)).rejects.toBeInstanceOf(UsageError);
  });
});

describe("log", () => {
  it("prints the timeline in the plan's language", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"));
    const { ctx, out } = context();
    expect(await log("a.jsonl", {}, ctx)).toBe(0);
    const lines = out.text.split("\n");
    expect(lines[0]).toBe("区级初筛混管阳性桌面推演");
    expect(lines).toContain(
      "T+00:20  指挥调度组  决策［已完成］E1 启动应急指挥体系：启动应急指挥体系，指挥长到岗",
    );
    expect(lines).toContain(
      "T+01:10  核酸检测组  决策［受阻］E2 单采复核：复核采样未能开展 — 受阻原因（人员）：采样人员不足",
    );
    expect(lines).toContain(
      "T+00:00              下发情景 I1：初筛混管阳性 → 指挥调度组、核酸检测组",
    );
    expect(lines).toContain("T+02:00              推演结束（脚本结束）");
    expect(coloured(out.text)).toBe(false);
  });

  it("speaks the language the flag asks for", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"));
    const { ctx, out } = context();
    await log("a.jsonl", { lang: "en" }, ctx);
    const lines = out.text.split("\n");
    expect(lines).toContain(
      "T+01:20  流调排查组  area for improvement [O1 rated S]: 流调组与转运组信息交接靠电话，多次重复确认",
    );
    expect(lines).toContain(
      "T+01:35              inject I3 skipped (its condition did not hold): 复核仍未完成 — E2 已完成",
    );
    expect(lines).toContain(
      "T+01:40  流调排查组  decision [partly done] improvised: 自行组建后备流调队",
    );
    expect(lines).toContain("T+01:30              clock jumped ahead from T+01:20");
  });

  it("colours a terminal, but not with NO_COLOR", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"));
    const tty = context({ tty: true });
    await log("a.jsonl", {}, tty.ctx);
    expect(coloured(tty.out.text)).toBe(true);
    const noColour = context({ tty: true, env: { NO_COLOR: "1" } });
    await log("a.jsonl", {}, noColour.ctx);
    expect(coloured(noColour.out.text)).toBe(false);
    expect(noColour.out.text).toBe(stripVTControlCharacters(tty.out.text));
  });

  it("says when the drill did not end", async () => {
    await writeSampleLog(join(folder.path, "a.jsonl"), sampleEvents.slice(0, 7));
    const { ctx, out } = context();
    await log("a.jsonl", { lang: "en" }, ctx);
    expect(out.text.trimEnd().split("\n").at(-1)).toBe(
      "the log stops at T+01:10 without the drill's end; continue it with `drill run --resume`",
    );
  });

  it("prints the checked lines as JSON Lines with --json", async () => {
    const path = join(folder.path, "a.jsonl");
    await writeSampleLog(path);
    const { ctx, out } = context();
    await log("a.jsonl", { json: true }, ctx);
    const { header, events } = await readLog(path);
    const printed = out.text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(printed).toEqual([header, ...events]);
  });

  it("prints the lines before a bad one, then names it", async () => {
    const path = join(folder.path, "a.jsonl");
    await writeSampleLog(path);
    const lines = readFileSync(path, "utf8").split(/(?<=\n)/);
    lines[5] = "{oops}\n";
    writeFileSync(path, lines.join(""));
    const { ctx, out } = context();
    const error = await log("a.jsonl", {}, ctx).catch((e: unknown) => e);
    expect((error as InputError).problems[0]?.location).toEqual({ file: "a.jsonl", line: 6 });
    expect(out.text).toContain("时钟暂停");
    expect(out.text).not.toContain("时钟继续");
  });
});

describe("log's start time", () => {
  it("is shown in the zone the drill was run in", async () => {
    const path = join(folder.path, "a.jsonl");
    const writer = await LogWriter.create(
      path,
      { ...sampleHeader(), timeZone: "+08:00" },
      { now: tickingClock() },
    );
    writer.close();
    const zh = context();
    await log("a.jsonl", {}, zh.ctx);
    expect(zh.out.text.split("\n")[1]).toBe(
      "开始于 2026-11-24 17:00 (+08:00) · 虚拟时钟（脚本推演） · 方案 pooled-positive.zh.yaml",
    );
    const en = context();
    await log("a.jsonl", { lang: "en" }, en.ctx);
    expect(en.out.text.split("\n")[1]).toBe(
      "started 2026-11-24 17:00 (+08:00) · virtual clock (scripted) · plan pooled-positive.zh.yaml",
    );
  });

  it.each([
    ["+08:00", "2026-11-24 09:00 (+08:00)"],
    ["Asia/Shanghai", "2026-11-24 09:00 (+08:00)"],
    ["UTC", "2026-11-24 01:00 (+00:00)"],
    ["-05:30", "2026-11-23 19:30 (-05:30)"],
    ["America/New_York", "2026-11-23 20:00 (-05:00)"],
  ])("in %s reads %s", (zone, text) => {
    expect(formatWallTime("2026-11-24T01:00:00.000Z", zone)).toBe(text);
  });

  it("follows summer time in a zone that has it", () => {
    expect(formatWallTime("2026-07-01T01:00:00.000Z", "America/New_York")).toBe(
      "2026-06-30 21:00 (-04:00)",
    );
  });

  it("falls back to this machine's zone without one, or with one it does not know", () => {
    const local = formatWallTime("2026-11-24T01:00:00.000Z", undefined);
    expect(local).toMatch(/^2026-11-2[34] \d\d:\d\d \([+-]\d\d:\d\d\)$/);
    expect(formatWallTime("2026-11-24T01:00:00.000Z", "Mars/Olympus")).toBe(local);
  });
});

describe("entries from the room's seats", () => {
  it("verify, log and review read a log whose entries name who entered them (by)", async () => {
    const path = join(folder.path, "room.jsonl");
    const byGroup = { seat: "group:tracing", role: "group" as const, site: "east" };
    await writeSampleLog(
      path,
      sampleEvents.map((event) =>
        event.type === "decision" || event.type === "note"
          ? { ...event, by: byGroup, ref: `room:${event.type}-${event.t}-entry` }
          : event,
      ),
    );
    const read = await readLog(path);
    expect(read.events.filter((e) => e.by).length).toBeGreaterThan(0);
    const { ctx } = context();
    expect(await verify("room.jsonl", {}, ctx)).toBe(0);
    const shown = context();
    expect(await log("room.jsonl", { json: true }, shown.ctx)).toBe(0);
    expect(shown.out.text).toContain('"by":{"seat":"group:tracing","role":"group","site":"east"}');
    const text = context();
    expect(await log("room.jsonl", {}, text.ctx)).toBe(0);
    expect(text.out.text).toContain("⟨group:tracing⟩");
    const { review } = await import("../../src/commands/review.js");
    const reviewed = context();
    expect(await review("room.jsonl", {}, reviewed.ctx)).toBe(0);
  });
});
