// The live console in a real pseudo-terminal: the built CLI runs the Chinese example at
// high speed while the test types like a facilitator and then reads the log it left.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DrillEvent } from "../../src/core/events.js";
import { readLog } from "../../src/log/reader.js";
import { drill } from "../helpers/cli.js";
import {
  cleanUp,
  colourCodes,
  ENTER,
  openDecision,
  scratch as scratchFolder,
  Terminal,
} from "./console-terminal.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const MENU = "按键选择操作";

const scratch = () => scratchFolder("drill-console-");

afterEach(cleanUp);

function summary(events: DrillEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case "inject-delivered":
      case "inject-skipped":
        return `${event.type} ${event.inject}`;
      case "decision":
        return `decision ${event.group} ${event.expectation ?? "-"} ${event.status}`;
      case "note":
        return `note ${event.kind} ${event.group ?? "-"}`;
      default:
        return event.type;
    }
  });
}

describe("drill run, live", () => {
  it("runs a short drill of the Chinese example: decisions, a blocker, a note, a pause", async () => {
    const log = join(scratch(), "live.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "600", "--log", log]);

    // The first inject is announced at once, with its message and what each group must do.
    await term.waitFor("下发情景 I1：初筛混管阳性报告 → 指挥调度组、核酸检测组");
    await term.waitFor("区疾控中心报告：某小区 10 人混采样本初筛阳性");
    await term.waitFor("· 指挥调度组：E1 激活应急指挥体系");
    await term.waitFor(MENU);

    // 指挥调度组 answers E1: done.
    await openDecision(term, "1");
    await term.press(`已激活应急指挥体系，召开首次会商会${ENTER}`, "发生时间");
    await term.press(ENTER, "决策［已完成］E1", MENU);

    // 核酸检测组 is blocked on E2, for want of staff.
    await openDecision(term, "3", "3");
    await term.press(`复核采样进行中${ENTER}`, "受阻原因");
    await term.press(`采样人员不足${ENTER}`, "卡点类型");
    await term.press(ENTER, "发生时间");
    await term.press(ENTER, "受阻原因（人员）：采样人员不足", MENU);

    // A strength, linked to a group.
    await term.press("2", "观察类型");
    await term.press(ENTER, "观察内容");
    await term.press(`领导干部 10 分钟内到岗${ENTER}`, "关联到");
    await term.press(`1${ENTER}`, "哪个组？");
    await term.press(ENTER, "发生时间");
    await term.press(ENTER, "亮点：领导干部 10 分钟内到岗", MENU);

    // Pause: the board says so; resume.
    await term.press("5", "时钟暂停", "❚❚ 已暂停", MENU);
    await term.press("5", "时钟继续", "● 运行中", MENU);

    // End, without the hot wash.
    await term.press("8", "现在结束推演？");
    await term.press(`y${ENTER}`, "推演结束（导调员结束）", "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告：./bin/drill review");
    expect(await term.exit).toMatchObject({ exitCode: 0 });

    const text = term.text;
    expect(text).toContain(`日志：${log}`);
    expect(text).toMatch(
      /推演结束：一例初筛混管阳性应急处置桌面推演。下发情景 \d+ 条，跳过 \d+ 条，决策 2 条，观察 1 条/,
    );
    expect(text).toContain("指挥调度组  决策［已完成］E1 激活应急指挥体系");
    expect(text).toContain("核酸检测组  决策［受阻］E2");
    // Colour is on in a terminal without NO_COLOR.
    expect(colourCodes(term.output).some((code) => /\[3\dm$/.test(code))).toBe(true);

    const { events, warnings } = await readLog(log);
    expect(warnings).toEqual([]);
    const mine = summary(events).filter((line) => !line.startsWith("inject-"));
    // Above ×10 the clock stops while each entry is open, in the log for the review to see.
    expect(mine).toEqual([
      "drill-started",
      ...["clock-paused", "decision command E1 done", "clock-resumed"],
      ...["clock-paused", "decision testing E2 blocked", "clock-resumed"],
      ...["clock-paused", "note strength command", "clock-resumed"],
      "clock-paused",
      "clock-resumed",
      ...["clock-paused", "drill-ended"],
    ]);
    // The clock stopped at once, so each entry happened when it was logged.
    for (const event of events) expect(event).not.toHaveProperty("at");
    expect(events[0]).toMatchObject({ type: "drill-started", t: 0, speed: 600 });
    expect(events[1]).toMatchObject({ type: "inject-delivered", inject: "I1", t: 0 });
    const blocked = events.find((event) => event.type === "decision" && event.status === "blocked");
    expect(blocked).toMatchObject({
      inject: "I1",
      expectation: "E2",
      text: "复核采样进行中",
      blocker: { kind: "people", text: "采样人员不足" },
    });
    expect(events.find((event) => event.type === "note")).toMatchObject({
      kind: "strength",
      text: "领导干部 10 分钟内到岗",
      group: "command",
    });
    expect(events.at(-1)).toMatchObject({ type: "drill-ended", reason: "facilitator" });
    // Scenario time never runs backwards in the log.
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.t).toBeGreaterThanOrEqual(events[i - 1]?.t ?? 0);
    }
    expect(await drill(["verify", log])).toMatchObject({ code: 0 });
  });

  it("fires an inject on time while the facilitator sits idle at the menu", async () => {
    const log = join(scratch(), "idle.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "600", "--log", log, "--lang", "zh"], {
      env: { NO_COLOR: "1" },
    });
    const ready = await term.waitFor(MENU);
    // No key is pressed: I2 (T+00:20, two real seconds in) must show up by itself.
    await term.waitFor("下发情景 I2：混管人员信息锁定 → 封控管控组、流调排查组", ready);
    await term.waitFor("社区报告：混管 10 人已全部找到", ready);
    await term.waitFor(MENU, ready);

    const { events } = await readLog(log);
    const start = events.find((event) => event.type === "drill-started");
    const i2 = events.find((event) => event.type === "inject-delivered" && event.inject === "I2");
    expect(i2).toMatchObject({ t: 20 });
    expect(i2).not.toHaveProperty("early");
    // Not before its time: 20 scenario minutes at ×600 is 2 real seconds.
    expect(Date.parse(i2?.wall ?? "")).toBeGreaterThanOrEqual(Date.parse(start?.wall ?? "") + 1990);
    expect(events.some((event) => event.type === "decision" || event.type === "note")).toBe(false);
    // NO_COLOR: no colour codes at all, though the cursor is still moved.
    expect(colourCodes(term.output)).toEqual([]);

    await term.press("8", "现在结束推演？");
    await term.press(`y${ENTER}`, "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告");
    expect(await term.exit).toMatchObject({ exitCode: 0 });
  });

  it("jumps the clock to the next inject, which then fires on time", async () => {
    const log = join(scratch(), "jump.jsonl");
    // At ×1 the next inject (I2, T+00:20) is twenty real minutes away: only the jump brings it.
    const term = new Terminal(["run", PLAN, "--speed", "1", "--log", log, "--lang", "zh"], {
      env: { NO_COLOR: "1" },
    });
    await term.waitFor(MENU);
    await term.press("3", "时钟跳至 T+00:20，按时下发");
    const before = term.text.length;
    await term.press(ENTER, "下发情景 I2：混管人员信息锁定");
    await term.waitFor(MENU, before);

    const { events } = await readLog(log);
    const jump = events.findIndex((event) => event.type === "clock-jumped");
    // Jumped from wherever the clock was when the key was pressed (×1: well before T+00:20).
    expect(events[jump]).toMatchObject({ type: "clock-jumped", t: 20 });
    const from = events[jump]?.type === "clock-jumped" ? events[jump].from : -1;
    expect(from).toBeGreaterThanOrEqual(0);
    expect(from).toBeLessThan(20);
    expect(events[jump + 1]).toMatchObject({ type: "inject-delivered", inject: "I2", t: 20 });
    expect(events[jump + 1]).not.toHaveProperty("early");

    await term.press("8", "现在结束推演？");
    await term.press(`y${ENTER}`, "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告");
    expect(await term.exit).toMatchObject({ exitCode: 0 });
  });

  it("keeps a hot wash per group after the end, then writes the report", async () => {
    const dir = scratch();
    const log = join(dir, "hotwash.jsonl");
    const report = join(dir, "report.md");
    const term = new Terminal([
      "run",
      PLAN,
      "--speed",
      "600",
      "--log",
      log,
      "--lang",
      "en",
      "--report",
      report,
    ]);
    await term.waitFor("Press a key");
    await term.press("8", "End the drill now?");
    await term.press(`y${ENTER}`, "drill ended (by the facilitator)", "Hot wash now?");
    await term.press(ENTER, "Hot wash: which group?");
    await term.press(ENTER, "指挥调度组 — what went well?");
    await term.press(`Leaders at their posts in 10 minutes${ENTER}`, "what went less well?");
    await term.press(`Public notice was late${ENTER}`, "— why?");
    await term.press(`Nobody owned the press release${ENTER}`, "Hot wash: which group?");
    await term.press(`7${ENTER}`, `Report written to ${report}`);
    expect(await term.exit).toMatchObject({ exitCode: 0 });
    expect(term.text).toContain("1 hot-wash answer.");
    expect(term.text).toContain(`Log: ${log}`);
    expect(readFileSync(report, "utf8")).toContain("Nobody owned the press release");

    const { events } = await readLog(log);
    expect(events.at(-2)).toMatchObject({ type: "drill-ended" });
    expect(events.at(-1)).toMatchObject({
      type: "hotwash",
      group: "command",
      wentWell: "Leaders at their posts in 10 minutes",
      wentLessWell: "Public notice was late",
      why: "Nobody owned the press release",
    });
  });

  it("refuses to run without a terminal to type in, and points to --script", async () => {
    const result = await drill(["run", PLAN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "the live console needs an interactive terminal; to run from a file use --script <decisions.yaml>",
    );
    expect(result.stdout).toBe("");
  });
});
