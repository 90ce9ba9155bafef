// `drill log` on the built CLI: the timeline of a fixture log, its JSON, a broken log.
import { join } from "node:path";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { LogWriter } from "../../src/log/writer.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";
import { sampleEvents, sampleHeader, tickingClock } from "../helpers/log-fixtures.js";

const LOGS = join(ROOT, "test/fixtures/logs");
// The fixture logs record no time zone: their start shows in this machine's.
const env = { TZ: "Asia/Shanghai" };

const TIMELINE_ZH = `区级初筛混管阳性桌面推演
开始于 2026-11-24 17:00 (+08:00) · 虚拟时钟（脚本推演） · 方案 pooled-positive.zh.yaml

T+00:00              推演开始，时钟 ×4
T+00:00              下发情景 I1：初筛混管阳性 → 指挥调度组、核酸检测组
T+00:20  指挥调度组  决策［已完成］E1 启动应急指挥体系：启动应急指挥体系，指挥长到岗
T+00:25              时钟暂停
T+00:25              时钟继续
T+00:30              时钟速度调为 ×8
T+01:10  核酸检测组  决策［受阻］E2 单采复核：复核采样未能开展 — 受阻原因（人员）：采样人员不足
T+01:20  流调排查组  待改进［O1 评定 S］：流调组与转运组信息交接靠电话，多次重复确认
T+01:30              时钟从 T+01:20 快进
T+01:30              下发情景 I2：复核结果阳性 → 流调排查组
T+01:35              跳过情景 I3（触发条件不成立）：复核仍未完成 —— E2 已完成
T+01:35              推演恢复（laptop closed）
T+01:40  流调排查组  决策［部分完成］临机处置：自行组建后备流调队
T+02:00  核酸检测组  热复盘 —— 做得好：复核流程清楚；不足：人员不足；原因：后备采样队未落实
T+02:00              推演结束（脚本结束）
`;

describe("drill log", () => {
  it("lines up group names that take string-width's full measure (emoji, combining marks)", async () => {
    // The built CLI loads string-width only for text like this (src/width.ts): it must be there.
    const folder = tempDir();
    try {
      const header = sampleHeader();
      const names = ["👩‍⚕️医护组", "e\u0301quipe", "核酸检测组"];
      header.plan = {
        ...header.plan,
        groups: header.plan.groups.map((g, i) => ({ ...g, name: names[i] ?? g.name })),
      };
      const path = join(folder.path, "names.jsonl");
      const writer = await LogWriter.create(path, header, { now: tickingClock() });
      for (const event of sampleEvents) writer.append(event);
      writer.close();
      const result = await drill(["log", path], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const rows = result.stdout.split("\n").filter((line) => /^T\+\d\d:\d\d {2}\S/.test(line));
      const used = names.filter((name) => rows.some((row) => row.includes(`  ${name}  `)));
      expect(used.length).toBeGreaterThanOrEqual(2);
      // Every row's text after the group column starts at the same terminal column.
      const starts = rows.map((row) => {
        const name = used.find((n) => row.includes(`  ${n}  `)) ?? "";
        const head = row.slice(0, row.indexOf(name) + name.length);
        const rest = row.slice(head.length);
        return stringWidth(head) + (rest.length - rest.trimStart().length);
      });
      expect(new Set(starts).size).toBe(1);
    } finally {
      folder.remove();
    }
  });

  it("prints the timeline in the plan's language", async () => {
    const result = await drill(["log", "pooled-positive.jsonl"], { cwd: LOGS, env });
    expect(result).toEqual({ code: 0, signal: null, stdout: TIMELINE_ZH, stderr: "" });
  });

  it("prints it in English with --lang en", async () => {
    const result = await drill(["log", "pooled-positive.jsonl", "--lang", "en"], {
      cwd: LOGS,
      env,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toBe(
      "started 2026-11-24 17:00 (+08:00) · virtual clock (scripted) · plan pooled-positive.zh.yaml",
    );
    expect(lines).toContain(
      "T+01:10  核酸检测组  decision [blocked] E2 单采复核: 复核采样未能开展 — blocker (people): 采样人员不足",
    );
    expect(lines).toContain("T+02:00              drill ended (end of script)");
  });

  it("shows the start in the zone the drill was run in, wherever it is read", async () => {
    const result = await drill(["log", "examples/river-flood.en.jsonl"], {
      env: { TZ: "America/New_York" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[1]).toBe(
      "started 2026-06-15 18:00 (+08:00) · virtual clock (scripted) · plan examples/river-flood.en.yaml",
    );
  });

  it("prints the events as JSON Lines with --json", async () => {
    const result = await drill(["log", "pooled-positive.jsonl", "--json"], { cwd: LOGS });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(16);
    expect(lines[0]).toMatchObject({ seq: 0, type: "header", format: "drillbook-log/1" });
    expect(lines.map((line) => line.seq)).toEqual([...Array(16).keys()]);
    expect(lines.some((line) => "h" in line || "prev" in line)).toBe(false);
  });

  it("says the drill did not end and warns about a torn line", async () => {
    const result = await drill(["log", "torn.jsonl", "--lang", "en"], { cwd: LOGS });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(
      "the log stops at T+01:30 without the drill's end; continue it with `drill run --resume`",
    );
    expect(result.stderr).toMatch(/^torn\.jsonl:11: warning: the last line was cut short/);
  });

  it("prints the events before a changed line, then exits 1 naming it", async () => {
    const result = await drill(["log", "tampered.jsonl"], { cwd: LOGS, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${TIMELINE_ZH.split("\n").slice(0, 9).join("\n")}\n`);
    expect(result.stderr).toMatch(/^tampered\.jsonl:8: error: line 8 was changed/);
  });
});
