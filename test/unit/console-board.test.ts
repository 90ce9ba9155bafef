import { stripVTControlCharacters } from "node:util";
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { colourLevel } from "../../src/colour.js";
import { boardLines, formatElapsed } from "../../src/console/board.js";
import { columns, padEnd, padStart, truncate } from "../../src/console/text.js";
import { foldDrill } from "../../src/core/engine.js";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";

const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 1 });

const plan: Plan = {
  title: "区级初筛混管阳性桌面推演",
  scenario: "辖区报告 1 例初筛混管阳性",
  lang: "zh",
  clock: { speed: 12 },
  groups: [
    { id: "command", name: "指挥调度组", members: [], responsibilities: [] },
    { id: "it", name: "IT", members: [], responsibilities: [] },
    { id: "tracing", name: "流调排查组", members: [], responsibilities: [] },
  ],
  objectives: [],
  injects: [
    {
      id: "I1",
      atMinutes: 0,
      title: "初筛混管阳性",
      message: "疾控中心报告 1 例初筛混管阳性",
      to: ["command", "it", "tracing"],
      expects: [
        {
          id: "E1",
          inject: "I1",
          group: "command",
          action: "激活应急指挥体系",
          withinMinutes: 30,
          after: [],
          critical: true,
        },
        {
          id: "E2",
          inject: "I1",
          group: "it",
          action: "Open the incident channel",
          withinMinutes: 90,
          after: [],
          critical: false,
        },
        {
          id: "E3",
          inject: "I1",
          group: "tracing",
          action: "流调队伍到达现场",
          withinMinutes: 60,
          after: [],
          critical: false,
        },
        {
          id: "E4",
          inject: "I1",
          group: "tracing",
          action: "形成首批密接名单并推送转运隔离组",
          withinMinutes: 240,
          after: [],
          critical: true,
        },
        {
          id: "E5",
          inject: "I1",
          group: "tracing",
          action: "完成流调报告",
          withinMinutes: 300,
          after: [],
          critical: false,
        },
      ],
    },
    {
      id: "I2",
      atMinutes: 120,
      title: "复核确认单检阳性",
      message: "1 人阳性",
      to: ["command"],
      expects: [],
    },
  ],
};

const T0 = Date.parse("2022-09-03T12:00:00Z");
function events(list: NewEvent[]): DrillEvent[] {
  return list.map(
    (event, i) =>
      ({
        ...event,
        seq: i + 1,
        wall: new Date(T0 + (event.t * 60_000) / 12).toISOString(),
      }) as DrillEvent,
  );
}

/** The drill after I1 was delivered at T+0, and then `more`. */
function drill(...more: NewEvent[]) {
  return foldDrill(
    plan,
    events([
      { type: "drill-started", t: 0, speed: 12 },
      { type: "inject-delivered", t: 0, inject: "I1" },
      ...more,
    ]),
  );
}

function board(state = drill(), t = 40, options: Partial<Parameters<typeof boardLines>[0]> = {}) {
  return boardLines({
    state,
    t,
    elapsedMs: 200_000,
    lang: "zh",
    width: 80,
    height: 20,
    colour: plain,
    endKey: "8",
    ...options,
  });
}

describe("the status board", () => {
  it("shows the clock, the next inject and each group's open expectations", () => {
    const lines = board();
    expect(lines[0]).toMatch(/^区级初筛混管阳性桌面推演 +● 运行中$/);
    expect(lines[1]).toBe("情景时间 T+00:40  ·  实际用时 0:03:20  ·  速度 ×12");
    // 80 scenario minutes at ×12 is 6 m 40 s of real time.
    expect(lines[2]).toBe(
      "下一情景 I2（T+02:00）：复核确认单检阳性  还有 1小时20分钟（实际 0:06:40）",
    );
    expect(lines.slice(4)).toEqual([
      expect.stringMatching(/^指挥调度组 {2}E1 激活应急指挥体系 +逾期 10分钟$/),
      expect.stringMatching(/^IT {10}E2 Open the incident channel +剩 50分钟$/),
      expect.stringMatching(/^流调排查组 {2}E3 流调队伍到达现场 +剩 20分钟$/),
      expect.stringMatching(/^ {12}E4 形成首批密接名单并推送转运隔离组 +剩 3小时20分钟$/),
      expect.stringMatching(/^ {12}E5 完成流调报告 +剩 4小时20分钟$/),
    ]);
  });

  it("aligns Chinese and Latin text by display width, within the terminal width", () => {
    const lines = board();
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    // Every expectation line ends at the right edge, whatever mix of scripts it holds.
    for (const line of lines.slice(4)) expect(stringWidth(line)).toBe(80);
    // The expectation ids start in the same column.
    const columnsOfIds = lines
      .slice(4)
      .map((line) => stringWidth(line.slice(0, line.indexOf("E"))));
    expect(new Set(columnsOfIds).size).toBe(1);
  });

  it("cuts long text at the display width with an ellipsis", () => {
    const lines = board(undefined, 40, { width: 44 });
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(44);
    expect(lines.some((line) => line.includes("…"))).toBe(true);
  });

  it("makes overdue expectations stand out in colour, and blocked ones too", () => {
    const state = drill({
      type: "decision",
      t: 35,
      group: "tracing",
      expectation: "E3",
      status: "blocked",
      text: "人手不够",
      blocker: { kind: "people", text: "人手不够" },
    });
    const lines = board(state, 40, { colour: coloured });
    const overdue = lines.find((line) => line.includes("E1"));
    expect(overdue).toContain(coloured.red.bold("逾期 10分钟"));
    const blocked = lines.find((line) => line.includes("E3"));
    expect(blocked).toContain(coloured.yellow("受阻 · 剩 20分钟"));
    const calm = lines.find((line) => line.includes("E2"));
    expect(calm).not.toContain("\u001B[31m");
  });

  it("never shows an overdue expectation as 0 minutes overdue", () => {
    expect(board(undefined, 30.02).find((line) => line.includes("E1"))).toMatch(/逾期 1分钟$/);
    expect(board(undefined, 30).find((line) => line.includes("E1"))).toMatch(/剩 0分钟$/);
  });

  it("shows a paused clock and no real time to the next inject", () => {
    const state = drill({ type: "clock-paused", t: 40 });
    const lines = board(state, 40);
    expect(lines[0]).toMatch(/❚❚ 已暂停$/);
    expect(lines[2]).toContain("还有 1小时20分钟（时钟暂停）");
  });

  it("says when every inject is played and every deadline has passed", () => {
    const state = drill({ type: "inject-delivered", t: 120, inject: "I2" });
    expect(board(state, 200)[2]).toBe("情景已全部下发");
    expect(board(state, 300)[2]).toBe("情景全部下发、时限均已过：按 8 结束推演");
  });

  it("fits a short terminal: fewer expectations per group, the rest counted", () => {
    const two = board(undefined, 250, { height: 8 });
    expect(two.slice(4)).toEqual([
      expect.stringMatching(/^指挥调度组 {2}E1 激活应急指挥体系 +逾期 3小时40分钟$/),
      expect.stringMatching(/^IT {10}E2 Open the incident channel +逾期 2小时40分钟$/),
      expect.stringMatching(/^流调排查组 {2}E3 流调队伍到达现场 +逾期 3小时10分钟$/),
      `${" ".repeat(12)}…另有 2 项（其中逾期 1 项）`,
    ]);
    // One line a group: the most urgent expectation, and how many more.
    const one = board(undefined, 250, { height: 7 });
    expect(one.slice(4)).toEqual([
      expect.stringMatching(/^指挥调度组 {2}E1 激活应急指挥体系 +逾期 3小时40分钟$/),
      expect.stringMatching(/^IT {10}E2 Open the incident channel +逾期 2小时40分钟$/),
      expect.stringMatching(/^流调排查组 {2}E3 流调队伍到达现场 \(\+2\) +逾期 3小时10分钟$/),
    ]);
    const tiny = board(undefined, 100, { height: 6 });
    expect(tiny.length).toBe(6);
    expect(tiny.at(-1)).toBe("…另有 2 个组");
  });

  it("speaks English", () => {
    const lines = board(undefined, 40, { lang: "en" });
    expect(lines[0]).toMatch(/● running$/);
    expect(lines[1]).toBe("scenario T+00:40  ·  real 0:03:20  ·  speed ×12");
    expect(lines[2]).toBe("next inject I2 at T+02:00: 复核确认单检阳性  in 1h20m (0:06:40 real)");
    expect(lines[4]).toMatch(/overdue 10m$/);
  });

  it("has no escape codes at colour level 0", () => {
    for (const line of board()) expect(stripVTControlCharacters(line)).toBe(line);
  });
});

describe("colour level", () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true, isTTY: false };
  it("honours NO_COLOR, FORCE_COLOR and whether the output is a terminal", () => {
    expect(colourLevel(tty, { TERM: "xterm" })).toBe(1);
    expect(colourLevel(tty, { TERM: "xterm-256color" })).toBe(2);
    expect(colourLevel(tty, { COLORTERM: "truecolor" })).toBe(3);
    expect(colourLevel(tty, { NO_COLOR: "1", TERM: "xterm-256color" })).toBe(0);
    expect(colourLevel(tty, { NO_COLOR: "" })).toBe(1);
    expect(colourLevel(tty, { TERM: "dumb" })).toBe(0);
    expect(colourLevel(pipe, {})).toBe(0);
    expect(colourLevel(pipe, { FORCE_COLOR: "1" })).toBe(1);
    expect(colourLevel(tty, { FORCE_COLOR: "0" })).toBe(0);
    expect(colourLevel(tty, { FORCE_COLOR: "3", NO_COLOR: "1" })).toBe(3);
  });
});

describe("display-width text", () => {
  it("pads and cuts by columns, a Chinese character counting two", () => {
    expect(padEnd("组", 4)).toBe("组  ");
    expect(padStart("组", 4)).toBe("  组");
    expect(truncate("形成首批密接名单", 9)).toBe("形成首批…");
    expect(stringWidth(truncate("形成首批密接名单", 9))).toBe(9);
    expect(truncate("short", 9)).toBe("short");
    expect(truncate("abc", 0)).toBe("");
  });

  it("keeps colour codes out of the count and closes them after a cut", () => {
    const text = coloured.bold(`下发情景 ${coloured.cyan("I2")}：混管人员信息锁定`);
    const cut = truncate(text, 12);
    expect(stringWidth(cut)).toBe(12);
    expect(stripVTControlCharacters(cut)).toBe("下发情景 I2…");
    expect(cut.endsWith("\u001B[0m")).toBe(true);
    expect(truncate(text, 40)).toBe(text);
  });

  it("lays menu items out in aligned columns", () => {
    expect(columns(["1 记录决策", "2 记录观察", "3 跳过"], 24)).toEqual([
      "1 记录决策  2 记录观察",
      "3 跳过",
    ]);
  });

  it("formats real time as h:mm:ss", () => {
    expect(formatElapsed(0)).toBe("0:00:00");
    expect(formatElapsed(3_723_000)).toBe("1:02:03");
  });
});
