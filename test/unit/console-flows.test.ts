// The questions behind the console's actions, answered line by line through the plain
// display's Ask (the terminal's prompts are tested on their own, and in a pty).
import { PassThrough } from "node:stream";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { PlainAsk } from "../../src/console/ask.js";
import {
  correctionFlow,
  decisionFlow,
  deliverFlow,
  type FlowContext,
  hotwashFlow,
  interruptFlow,
  noteFlow,
  showInjectFlow,
  skipFlow,
  speedFlow,
} from "../../src/console/flows.js";
import { consoleMessages } from "../../src/console/messages.js";
import { type DrillState, foldDrill } from "../../src/core/engine.js";
import { type DrillEvent, LOG_FORMAT, type NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { timeline } from "../../src/log/timeline.js";

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

/** A flow's context whose answers are the given lines, typed one after another. */
function answering(state: DrillState, answers: string[], lang: "zh" | "en" = "zh", t = 20) {
  const words = consoleMessages[lang];
  const input = new PassThrough();
  const printed: string[] = [];
  const ask = new PlainAsk(
    input,
    (text) => printed.push(text),
    words.plain,
    new AbortController().signal,
  );
  input.end(answers.map((line) => `${line}\n`).join(""));
  const lines = timeline(
    {
      seq: 0,
      type: "header",
      format: LOG_FORMAT,
      tool: "drillbook test",
      startedAt: "2022-09-03T12:00:00Z",
      wall: "2022-09-03T12:00:00Z",
      t: 0,
      plan,
      planSha256: "",
      planSource: "",
      clock: "real",
    },
    lang,
    new Chalk({ level: 0 }),
  );
  const fc: FlowContext = {
    state,
    now: () => t,
    words,
    ask,
    width: () => 80,
    entryLine: (entry) => lines.line(entry),
  };
  return { fc, printed };
}

describe("logging a decision", () => {
  it("answers an open expectation: group, expectation, status, text, time", async () => {
    const { fc, printed } = answering(drillAt(), ["1", "", "", "", ""]);
    await expect(decisionFlow(fc, { openedAt: 12 })).resolves.toEqual({
      type: "decision",
      t: 20,
      // Opened at T+00:12: the time it happened unless changed.
      at: 12,
      group: "command",
      inject: "I1",
      expectation: "E1",
      status: "done",
      text: "激活应急指挥体系",
    });
    expect(printed).toContain("  1. 指挥调度组  待办 1 项");
    expect(printed).toContain("  1. E1 激活应急指挥体系  剩 10分钟 ←");
    // The planned action is offered as the text, and the opening time as the time.
    expect(printed).toContain("? 决策或处置内容 (激活应急指挥体系)");
    expect(printed).toContain("? 发生时间（T+00:05、-10m、5 分钟前） (T+00:12)");
  });

  it("asks what blocked a blocked decision and preselects the kind inferred from it", async () => {
    const { fc, printed } = answering(drillAt(), [
      "2",
      "",
      "3",
      "复核到一半",
      "采样人员不足",
      "",
      "-5m",
    ]);
    await expect(decisionFlow(fc, { openedAt: 20 })).resolves.toEqual({
      type: "decision",
      t: 20,
      at: 15,
      group: "testing",
      inject: "I1",
      expectation: "E2",
      status: "blocked",
      text: "复核到一半",
      blocker: { kind: "people", text: "采样人员不足" },
    });
    expect(printed).toContain("  1. 人员 ←");
  });

  it("goes back a step with Esc, and forward again with the answers kept", async () => {
    // At the status, back to the expectation: improvised this time.
    const { fc } = answering(drillAt(), ["1", "", "\u001b", "2", "", "加开一次会商会", ""]);
    await expect(decisionFlow(fc, { openedAt: 20 })).resolves.toEqual({
      type: "decision",
      t: 20,
      group: "command",
      status: "done",
      text: "加开一次会商会",
    });
  });

  it("abandons the entry when backed out of the first step: nothing to log", async () => {
    const { fc } = answering(drillAt(), ["<"]);
    await expect(decisionFlow(fc, { openedAt: 20 })).resolves.toBeUndefined();
  });

  it("refuses a time later than now or not a time, and says why", async () => {
    const { fc, printed } = answering(
      drillAt(),
      ["1", "2", "", "x", "T+00:30", "5", "T+00:03"],
      "en",
    );
    await expect(decisionFlow(fc, { openedAt: 20 })).resolves.toMatchObject({ at: 3 });
    expect(printed).toContain("  > that is later than now");
    expect(printed).toContain(
      "  > write a scenario time (T+00:05) or a time back (-10m, 5 minutes ago)",
    );
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
    const { fc, printed } = answering(state, ["指挥", "", "加开一次会商会", ""]);
    await expect(decisionFlow(fc, { openedAt: 20 })).resolves.toEqual({
      type: "decision",
      t: 20,
      group: "command",
      status: "done",
      text: "加开一次会商会",
    });
    // Typing part of a group's name picks it.
    expect(printed).toContain("  1. 指挥调度组  暂无待办");
  });
});

describe("adding an observation", () => {
  it("links a group, an inject and an objective with a rating, all at once", async () => {
    const { fc } = answering(drillAt(), ["2", "会商会召开偏晚", "1 2 3", "1", "", "", "3", "-5m"]);
    await expect(noteFlow(fc, { openedAt: 20 })).resolves.toEqual({
      type: "note",
      t: 20,
      at: 15,
      kind: "improvement",
      text: "会商会召开偏晚",
      group: "command",
      inject: "I1",
      objective: "O1",
      rating: "S",
    });
  });

  it("keeps it unlinked with Enter", async () => {
    const { fc } = answering(drillAt(), ["", "领导干部 10 分钟到岗", "", ""]);
    await expect(noteFlow(fc, { openedAt: 20 })).resolves.toEqual({
      type: "note",
      t: 20,
      kind: "strength",
      text: "领导干部 10 分钟到岗",
    });
  });
});

describe("correcting an entry", () => {
  const logged = drillAt({
    type: "decision",
    t: 18,
    group: "command",
    inject: "I1",
    expectation: "E1",
    status: "partial",
    text: "会商会筹备中",
  });

  it("changes a decision, every answer the logged one by default", async () => {
    // Entry 1, change it, keep group and expectation, status done, keep text, at T+00:15.
    const { fc, printed } = answering(logged, ["1", "1", "", "", "1", "", "T+00:15"]);
    await expect(correctionFlow(fc)).resolves.toEqual({
      type: "correction",
      t: 20,
      amends: 3,
      decision: {
        group: "command",
        inject: "I1",
        expectation: "E1",
        status: "done",
        text: "会商会筹备中",
        at: 15,
      },
    });
    expect(printed[1]).toBe(
      "  1. T+00:18  指挥调度组  决策［部分完成］E1 激活应急指挥体系：会商会筹备中",
    );
  });

  it("retracts one logged by mistake, with a reason", async () => {
    const { fc } = answering(logged, ["1", "2", "记错了组"]);
    await expect(correctionFlow(fc)).resolves.toEqual({
      type: "correction",
      t: 20,
      amends: 3,
      retract: true,
      reason: "记错了组",
    });
  });

  it("says when there is nothing to correct", async () => {
    const { fc } = answering(drillAt(), []);
    await expect(correctionFlow(fc)).resolves.toEqual({ notice: "还没有可更正的决策或观察" });
  });
});

describe("injects and the clock", () => {
  it("jumps the clock to the next inject's time", async () => {
    const { fc, printed } = answering(drillAt(), ["1"]);
    await expect(deliverFlow(fc)).resolves.toEqual({ type: "clock-jumped", t: 90, from: 20 });
    expect(printed[0]).toBe("? 下一情景 I2「复核确认阳性」，原定 T+01:30");
    expect(printed[1]).toBe("  1. 时钟跳至 T+01:30，按时下发");
  });

  it("or delivers it early with the clock where it is", async () => {
    const { fc } = answering(drillAt(), ["2"]);
    await expect(deliverFlow(fc)).resolves.toEqual({
      type: "inject-delivered",
      t: 20,
      inject: "I2",
      early: true,
    });
  });

  it("skips a chosen inject with a reason", async () => {
    const { fc } = answering(drillAt(), ["2", "时间不够"]);
    await expect(skipFlow(fc)).resolves.toEqual({
      type: "inject-skipped",
      t: 20,
      inject: "I3",
      reason: "facilitator",
      note: "时间不够",
    });
  });

  it("shows a delivered inject again, the latest first", async () => {
    const { fc } = answering(drillAt(), [""]);
    await expect(showInjectFlow(fc)).resolves.toBe("I1");
  });

  it("changes the speed, refusing what is not a positive number", async () => {
    const { fc, printed } = answering(drillAt(), ["0", "30"], "en");
    await expect(speedFlow(fc)).resolves.toEqual({ type: "clock-speed", t: 20, speed: 30 });
    expect(printed).toContain("  > a number greater than 0");
  });

  it("offers pause, end or carry on after a first Ctrl-C; Esc carries on", async () => {
    const offered = answering(drillAt(), ["\u001b"]);
    await expect(interruptFlow(offered.fc, true)).resolves.toBe("continue");
    expect(offered.printed.slice(1)).toEqual([
      "  1. 暂停时钟",
      "  2. 结束推演",
      "  3. 继续推演",
      expect.any(String),
    ]);
    await expect(interruptFlow(answering(drillAt(), ["1"]).fc, true)).resolves.toBe("pause");
  });
});

describe("the hot wash", () => {
  it("asks a group's three questions, and Esc goes back to the one before", async () => {
    const { fc } = answering(drillAt(), ["", "到岗快", "\u001b", "到岗很快", "通知晚", "无人负责"]);
    await expect(hotwashFlow(fc, new Set())).resolves.toEqual({
      type: "hotwash",
      t: 20,
      group: "command",
      wentWell: "到岗很快",
      wentLessWell: "通知晚",
      why: "无人负责",
    });
  });
});
