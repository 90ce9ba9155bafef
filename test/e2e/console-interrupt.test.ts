// Ctrl-C, SIGINT and SIGKILL in the middle of a live drill: the log always verifies, and
// `--resume` carries the drill on from where it stopped, clock paused until restarted.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DrillEvent } from "../../src/core/events.js";
import { readLog } from "../../src/log/reader.js";
import { drill } from "../helpers/cli.js";
import { CTRL_C, cleanUp, ENTER, scratch as scratchFolder, Terminal } from "./console-terminal.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const MENU = "按键选择操作";

const scratch = () => scratchFolder("drill-console-");

afterEach(cleanUp);

/** Starts a drill and logs 指挥调度组's answer to E1. */
async function startWithDecision(log: string): Promise<Terminal> {
  const term = new Terminal(["run", PLAN, "--speed", "600", "--log", log]);
  await term.waitFor(MENU);
  await term.press("1", "哪个组？");
  await term.press(`1${ENTER}`, "回应哪项预期动作？");
  await term.press(ENTER, "? 状态");
  await term.press(ENTER, "决策或处置内容");
  await term.press(`已激活应急指挥体系${ENTER}`, "发生时间");
  await term.press(ENTER, "决策［已完成］E1", MENU);
  return term;
}

/** Resumes the drill, restarts the clock, logs 核酸检测组's answer to E2, ends it. */
async function resumeAndFinish(log: string, ...flags: string[]): Promise<void> {
  // The log holds its plan: no plan argument is needed.
  const term = new Terminal(["run", "--resume", log, ...flags]);
  await term.waitFor("已恢复：一例初筛混管阳性应急处置桌面推演");
  await term.waitFor("时钟暂停中：按 5 继续计时。");
  await term.waitFor("❚❚ 已暂停");
  await term.waitFor(MENU);
  await term.press("5", "时钟继续", "● 运行中", MENU);
  await term.press("1", "哪个组？");
  await term.press(`3${ENTER}`, "回应哪项预期动作？");
  await term.press(ENTER, "? 状态");
  await term.press(ENTER, "决策或处置内容");
  await term.press(`复核完成，1 人阳性${ENTER}`, "发生时间");
  await term.press(ENTER, "决策［已完成］E2", MENU);
  await term.press("8", "现在结束推演？");
  await term.press(`y${ENTER}`, "现在进行热复盘？");
  await term.press(`n${ENTER}`, "生成复盘报告");
  expect(await term.exit).toMatchObject({ exitCode: 0 });
}

function decisions(events: DrillEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === "decision" ? [`${event.group} ${event.expectation}`] : [],
  );
}

/** The log of an interrupted drill checks out (it has not ended, which --allow-open accepts). */
async function expectVerified(log: string): Promise<void> {
  const result = await drill(["verify", log, "--allow-open"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}

describe("interrupting a live drill", () => {
  it("offers pause or end at the first Ctrl-C, and leaves at the second with the resume command", async () => {
    const log = join(scratch(), "ctrl-c.jsonl");
    const term = await startWithDecision(log);
    await term.press(
      CTRL_C,
      "再按 Ctrl-C 退出，日志已保存",
      "1. 暂停时钟",
      "2. 结束推演",
      "3. 继续推演",
    );
    // "continue": back at the menu, nothing logged.
    await term.press(`3${ENTER}`, MENU);
    await term.press(CTRL_C, "再按 Ctrl-C 退出");
    await term.press(CTRL_C, "推演已中断，日志完好");
    const exit = await term.exit;
    expect(exit.exitCode).toBe(130);
    // The command as it was invoked (here bin/drill, from the top of the clone), no `error:`.
    expect(term.text).toContain(`继续推演：./bin/drill run --resume ${log}`);
    expect(term.text).not.toContain("error:");

    const { events } = await readLog(log);
    // Leaving stops the clock in the log, so a resume starts where the facilitator left.
    expect(events.at(-1)).toMatchObject({ type: "clock-paused" });
    // The Ctrl-C question held the clock while it was open, and "carry on" started it again.
    const clock = events.map((event) => event.type).filter((type) => !type.startsWith("inject-"));
    const decided = clock.indexOf("decision");
    expect(clock.slice(decided + 1, decided + 4)).toEqual([
      "clock-resumed",
      "clock-paused",
      "clock-resumed",
    ]);
    await expectVerified(log);

    await resumeAndFinish(log);
    const after = await readLog(log);
    expect(decisions(after.events)).toEqual(["command E1", "testing E2"]);
    const types = after.events.map((event) => event.type);
    expect(
      types.slice(types.indexOf("drill-resumed") - 1, types.indexOf("drill-resumed") + 2),
    ).toEqual(["clock-paused", "drill-resumed", "clock-resumed"]);
    expect(after.events.at(-1)).toMatchObject({ type: "drill-ended" });
    await expectVerified(log);
  });

  it("drops a half-logged decision at Ctrl-C and pauses the clock from the offer", async () => {
    const log = join(scratch(), "offer-pause.jsonl");
    const term = await startWithDecision(log);
    await term.press("1", "哪个组？");
    await term.press(`3${ENTER}`, "回应哪项预期动作？");
    await term.press(CTRL_C, "1. 暂停时钟");
    await term.press(ENTER, "时钟暂停", "❚❚ 已暂停", MENU);
    await term.press("8", "现在结束推演？");
    await term.press(`y${ENTER}`, "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告");
    expect(await term.exit).toMatchObject({ exitCode: 0 });
    const { events } = await readLog(log);
    expect(events.map((event) => event.type).slice(-2)).toEqual(["clock-paused", "drill-ended"]);
    expect(decisions(events)).toEqual(["command E1"]);
  });

  it("leaves on SIGINT with the log intact, and --resume continues", async () => {
    const log = join(scratch(), "sigint.jsonl");
    const term = await startWithDecision(log);
    term.kill("SIGINT");
    await term.waitFor("推演已中断，日志完好");
    expect((await term.exit).exitCode).toBe(130);
    expect(term.text).toContain(`继续推演：./bin/drill run --resume ${log}`);
    await expectVerified(log);

    await resumeAndFinish(log);
    const { events } = await readLog(log);
    expect(decisions(events)).toEqual(["command E1", "testing E2"]);
    await expectVerified(log);
  });

  it("survives SIGKILL: the log verifies and --resume continues", async () => {
    const log = join(scratch(), "sigkill.jsonl");
    const term = await startWithDecision(log);
    term.kill("SIGKILL");
    await term.exit;
    await expectVerified(log);
    const before = await readLog(log);
    expect(decisions(before.events)).toEqual(["command E1"]);

    await resumeAndFinish(log, "--speed", "300");
    const { events } = await readLog(log);
    expect(decisions(events)).toEqual(["command E1", "testing E2"]);
    // Nothing was written after the kill, so the resume follows the last event logged.
    const resumed = events.findIndex((event) => event.type === "drill-resumed");
    expect(resumed).toBe(before.events.length);
    expect(events[resumed]?.t).toBe(before.events.at(-1)?.t);
    expect(events[resumed + 1]).toMatchObject({ type: "clock-speed", speed: 300 });
    // Ended and sealed; the seal records that the drill went on from a log without one.
    const verified = await drill(["verify", log]);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toMatch(
      /warning: the drill was continued after line \d+ from a log that did not end with a seal/,
    );
  });

  it("will not resume a drill that has ended", async () => {
    const log = join(scratch(), "ended.jsonl");
    const term = await startWithDecision(log);
    await term.press("8", "现在结束推演？");
    await term.press(`y${ENTER}`, "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告");
    await term.exit;
    const again = new Terminal(["run", PLAN, "--resume", log]);
    await again.waitFor("this drill has already ended");
    expect((await again.exit).exitCode).toBe(1);
  });
});
