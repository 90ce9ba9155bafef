// The prompts behind the console's actions, driven key by key on a virtual screen.
import { screen } from "@inquirer/testing/vitest";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { promptTheme } from "../../src/console/colour.js";
import {
  decisionFlow,
  deliverFlow,
  type FlowContext,
  interruptFlow,
  noteFlow,
  skipFlow,
  speedFlow,
} from "../../src/console/flows.js";
import { consoleMessages } from "../../src/console/messages.js";
import { type DrillState, foldDrill } from "../../src/core/engine.js";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";

const plan: Plan = {
  title: "区级初筛混管阳性桌面推演",
  scenario: "辖区报告 1 例初筛混管阳性",
  lang: "zh",
  clock: { speed: 12 },
  groups: [
    { id: "command", name: "指挥调度组", members: [], responsibilities: [] },
    { id: "testing", name: "核酸检测组", members: [], responsibilities: [] },
  ],
  objectives: [{ id: "O1", title: "30 分钟内激活应急指挥体系" }],
  injects: [
    {
      id: "I1",
      atMinutes: 0,
      title: "初筛混管阳性",
      message: "疾控中心报告 1 例初筛混管阳性",
      to: ["command", "testing"],
      expects: [
        {
          id: "E1",
          inject: "I1",
          group: "command",
          action: "激活应急指挥体系",
          withinMinutes: 30,
          after: [],
          objective: "O1",
          critical: true,
        },
        {
          id: "E2",
          inject: "I1",
          group: "testing",
          action: "单采单检复核",
          withinMinutes: 120,
          after: [],
          critical: true,
        },
      ],
    },
    {
      id: "I2",
      atMinutes: 90,
      title: "复核确认阳性",
      message: "1 人阳性",
      to: ["command"],
      expects: [],
    },
    {
      id: "I3",
      atMinutes: 120,
      title: "部署全员核酸",
      message: "12 万人",
      to: ["testing"],
      expects: [],
    },
  ],
};

function drillAt(...more: NewEvent[]): DrillState {
  const list: NewEvent[] = [
    { type: "drill-started", t: 0, speed: 12 },
    { type: "inject-delivered", t: 0, inject: "I1" },
    ...more,
  ];
  const events = list.map(
    (event, i) =>
      ({
        ...event,
        seq: i + 1,
        wall: new Date(Date.UTC(2022, 8, 3, 12, event.t)).toISOString(),
      }) as DrillEvent,
  );
  return foldDrill(plan, events);
}

function flowContext(state: DrillState, lang: "zh" | "en" = "zh", t = 20): FlowContext {
  const words = consoleMessages[lang];
  return {
    state,
    now: () => t,
    words,
    theme: promptTheme(new Chalk({ level: 0 }), words.keysHelp),
    // The virtual screen replaces these streams.
    prompt: { input: process.stdin, output: process.stdout, clearPromptOnDone: true },
    width: 80,
  };
}

describe("logging a decision", () => {
  it("answers an open expectation in five keys: group, expectation, status, text", async () => {
    const answer = decisionFlow(flowContext(drillAt()));
    expect(screen.getScreen()).toContain("哪个组？");
    expect(screen.getScreen()).toContain("指挥调度组  待办 1 项");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("回应哪项预期动作？");
    expect(screen.getScreen()).toContain("E1 激活应急指挥体系  剩 10分钟");
    expect(screen.getScreen()).toContain("临机处置（方案中没有）");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("已完成");
    screen.keypress("enter");
    await screen.next();
    // The planned action is offered as the text: Enter takes it.
    expect(screen.getScreen()).toContain("决策或处置内容 (激活应急指挥体系)");
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({
      type: "decision",
      t: 20,
      group: "command",
      inject: "I1",
      expectation: "E1",
      status: "done",
      text: "激活应急指挥体系",
    });
  });

  it("asks what blocked a blocked decision and preselects the kind inferred from it", async () => {
    const answer = decisionFlow(flowContext(drillAt()));
    screen.type("2");
    screen.keypress("enter");
    await screen.next();
    screen.keypress("enter");
    await screen.next();
    screen.type("3");
    screen.keypress("enter");
    await screen.next();
    screen.type("复核到一半");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("受阻原因");
    screen.type("采样人员不足");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("卡点类型");
    expect(screen.getScreen()).toMatch(/❯ 1\. 人员/);
    screen.keypress("enter");
    await expect(answer).resolves.toMatchObject({
      group: "testing",
      expectation: "E2",
      status: "blocked",
      text: "复核到一半",
      blocker: { kind: "people", text: "采样人员不足" },
    });
  });

  it("logs an improvised action, which has no inject or expectation", async () => {
    const answer = decisionFlow(flowContext(drillAt(), "en"));
    screen.keypress("enter");
    await screen.next();
    screen.type("2");
    screen.keypress("enter");
    await screen.next();
    screen.keypress("enter");
    await screen.next();
    // No default text for an improvised action: an empty answer is refused.
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("type a few words");
    screen.type("Called the district hospital");
    screen.keypress("enter");
    const event = await answer;
    expect(event).toEqual({
      type: "decision",
      t: 20,
      group: "command",
      status: "done",
      text: "Called the district hospital",
    });
  });

  it("goes straight to the status when the group has nothing open", async () => {
    const state = drillAt({
      type: "decision",
      t: 10,
      group: "command",
      inject: "I1",
      expectation: "E1",
      status: "done",
      text: "ok",
    });
    const answer = decisionFlow(flowContext(state));
    expect(screen.getScreen()).toContain("指挥调度组  暂无待办");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("状态");
    screen.keypress("enter");
    await screen.next();
    screen.type("加开一次会商会");
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({
      type: "decision",
      t: 20,
      group: "command",
      status: "done",
      text: "加开一次会商会",
    });
  });

  it("backs out without logging anything", async () => {
    const answer = decisionFlow(flowContext(drillAt()));
    screen.type("3");
    screen.keypress("enter");
    await expect(answer).resolves.toBeUndefined();
  });
});

describe("adding an observation", () => {
  it("links it to an objective with an evaluator's rating", async () => {
    const answer = noteFlow(flowContext(drillAt()));
    screen.type("2");
    screen.keypress("enter");
    await screen.next();
    screen.type("会商会召开偏晚");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("关联到");
    screen.type("4");
    screen.keypress("enter");
    await screen.next();
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("目标评定");
    screen.type("3");
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({
      type: "note",
      t: 20,
      kind: "improvement",
      text: "会商会召开偏晚",
      objective: "O1",
      rating: "S",
    });
  });

  it("keeps it unlinked with Enter", async () => {
    const answer = noteFlow(flowContext(drillAt()));
    screen.keypress("enter");
    await screen.next();
    screen.type("领导干部 10 分钟到岗");
    screen.keypress("enter");
    await screen.next();
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({
      type: "note",
      t: 20,
      kind: "strength",
      text: "领导干部 10 分钟到岗",
    });
  });
});

describe("injects and the clock", () => {
  it("jumps the clock to the next inject's time", async () => {
    const answer = deliverFlow(flowContext(drillAt()));
    expect(screen.getScreen()).toContain("下一情景 I2「复核确认阳性」，原定 T+01:30");
    expect(screen.getScreen()).toMatch(/❯ 1\. 时钟跳至 T\+01:30，按时下发/);
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({ type: "clock-jumped", t: 90, from: 20 });
  });

  it("or delivers it early with the clock where it is", async () => {
    const answer = deliverFlow(flowContext(drillAt()));
    screen.type("2");
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({
      type: "inject-delivered",
      t: 20,
      inject: "I2",
      early: true,
    });
  });

  it("does not deliver an inject that fired while the question was open", async () => {
    const state = drillAt();
    const answer = deliverFlow(flowContext(state));
    const i2 = state.injects.get("I2");
    if (i2) i2.status = "delivered";
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({ notice: "情景 I2 已在此期间下发或跳过，未作改动" });
  });

  it("skips a chosen inject with a reason", async () => {
    const answer = skipFlow(flowContext(drillAt()));
    expect(screen.getScreen()).toMatch(/❯ 1\. I2 T\+01:30 复核确认阳性/);
    screen.type("2");
    screen.keypress("enter");
    await screen.next();
    screen.type("时间不够");
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({
      type: "inject-skipped",
      t: 20,
      inject: "I3",
      reason: "facilitator",
      note: "时间不够",
    });
  });

  it("changes the speed, refusing what is not a positive number", async () => {
    const answer = speedFlow(flowContext(drillAt(), "en"));
    expect(screen.getScreen()).toContain("now ×12");
    screen.type("0");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("a number greater than 0");
    screen.keypress("backspace");
    screen.type("30");
    screen.keypress("enter");
    await expect(answer).resolves.toEqual({ type: "clock-speed", t: 20, speed: 30 });
  });

  it("offers pause, end or carry on after a first Ctrl-C", async () => {
    const answer = interruptFlow(flowContext(drillAt()));
    expect(screen.getScreen()).toContain("再按 Ctrl-C 退出，日志已保存");
    expect(screen.getScreen()).toMatch(/1\. 暂停时钟[\s\S]*2\. 结束推演[\s\S]*3\. 继续推演/);
    screen.keypress("enter");
    await expect(answer).resolves.toBe("pause");
  });
});
