// The console's own prompts, key by key on a virtual screen: digits, typing part of a name,
// Esc to go back, and the state they report so they can be opened again as they were.
import { render } from "@inquirer/testing";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { BACK, confirm, type PickState, pick, pickMany, text } from "../../src/console/prompts.js";

const look = { colour: new Chalk({ level: 0 }), help: "Esc 返回" };
const groups = [
  { value: "command", name: "指挥调度组" },
  { value: "lockdown", name: "封控管控组" },
  { value: "tracing", name: "流调排查组" },
  { value: "transfer", name: "转运隔离组" },
];
/** The group list, as the decision entry shows it. */
const groupPick = (extra: Record<string, unknown> = {}) =>
  render(pick, { ...look, message: "哪个组？", choices: groups, pageSize: 10, ...extra });
const twelve = Array.from({ length: 12 }, (_, i) => ({ value: `g${i + 1}`, name: `组 ${i + 1}` }));

describe("the pick prompt", () => {
  it("shows every choice numbered and picks one by its digit", async () => {
    const { answer, events, getScreen } = await groupPick();
    expect(getScreen()).toContain("❯ 1. 指挥调度组");
    expect(getScreen()).toContain("  4. 转运隔离组");
    events.keypress("3");
    events.keypress("enter");
    await expect(answer).resolves.toBe("tracing");
  });

  it("reaches the 12th of 12 by typing 1 then 2", async () => {
    const { answer, events, getScreen } = await render(pick, {
      ...look,
      message: "?",
      choices: twelve,
      pageSize: 12,
    });
    expect(getScreen()).toContain("12. 组 12");
    events.keypress("1");
    events.keypress("2");
    events.keypress("enter");
    await expect(answer).resolves.toBe("g12");
  });

  it("narrows the list to what is typed, and Esc clears it before it goes back", async () => {
    const states: PickState[] = [];
    const { answer, events, getScreen } = await groupPick({
      filter: true,
      onState: (state: PickState) => states.push(state),
    });
    events.type("转运");
    expect(getScreen()).toContain("❯ 4. 转运隔离组");
    expect(getScreen()).not.toContain("指挥调度组");
    expect(states.at(-1)).toEqual({ active: 3, query: "转运", selected: [] });
    events.keypress("escape");
    expect(getScreen()).toContain("指挥调度组");
    events.keypress("escape");
    await expect(answer).resolves.toBe(BACK);
  });

  it("opens again as it was: the same choice active, the same text typed", async () => {
    const { answer, events, getScreen } = await groupPick({
      filter: true,
      initial: { active: 2, query: "流调", selected: [] as string[] },
    });
    expect(getScreen()).toContain("哪个组？ 流调");
    expect(getScreen()).toContain("❯ 3. 流调排查组");
    events.keypress("enter");
    await expect(answer).resolves.toBe("tracing");
  });

  it("ticks several with digits or Space and takes them with Enter", async () => {
    const { answer, events, getScreen } = await render(pickMany, {
      ...look,
      message: "关联到",
      choices: groups.slice(0, 3),
      pageSize: 10,
    });
    // One keypress each (the virtual screen's `type` also feeds readline, which sees it again).
    events.keypress("1");
    events.keypress("3");
    expect(getScreen()).toContain("◉ 1. 指挥调度组");
    expect(getScreen()).toContain("◯ 2. 封控管控组");
    events.keypress("enter");
    await expect(answer).resolves.toEqual(["command", "tracing"]);
  });
});

describe("the text prompt", () => {
  it("takes the default on Enter and refuses what does not validate", async () => {
    const { answer, events, getScreen } = await render(text, {
      ...look,
      message: "发生时间",
      default: "T+00:05",
      validate: (value: string) => value.startsWith("T+") || "请写情景时间",
    });
    expect(getScreen()).toContain("发生时间 (T+00:05)");
    events.type("soon");
    events.keypress("enter");
    expect(getScreen()).toContain("> 请写情景时间");
    for (let i = 0; i < 4; i++) events.keypress("backspace");
    events.keypress("enter");
    await expect(answer).resolves.toBe("T+00:05");
  });

  it("goes back on Esc, and opens again with what was typed", async () => {
    const back = await render(text, { ...look, message: "内容" });
    back.events.keypress("escape");
    await expect(back.answer).resolves.toBe(BACK);

    const again = await render(text, { ...look, message: "内容", initial: "已激活" });
    expect(again.getScreen()).toContain("内容 已激活");
    again.events.keypress("enter");
    await expect(again.answer).resolves.toBe("已激活");
  });
});

describe("the yes/no prompt", () => {
  it("takes y or n, the default on Enter, and goes back on Esc", async () => {
    const yes = await render(confirm, { ...look, message: "现在结束推演？", default: false });
    yes.events.type("y");
    yes.events.keypress("enter");
    await expect(yes.answer).resolves.toBe(true);
    const fallback = await render(confirm, { ...look, message: "热复盘？", default: true });
    fallback.events.keypress("enter");
    await expect(fallback.answer).resolves.toBe(true);
    const back = await render(confirm, { ...look, message: "?", default: true });
    back.events.keypress("escape");
    await expect(back.answer).resolves.toBe(BACK);
  });
});
