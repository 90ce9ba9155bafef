// The board-and-menu prompt: one key picks an action, and the board redraws by itself.
import { render } from "@inquirer/testing";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { boardMenu, menuHeight } from "../../src/console/menu-prompt.js";

const items = [
  { key: "1", label: "记录决策", value: "decision" },
  { key: "5", label: "暂停", value: "pause" },
  { key: "8", label: "结束推演", value: "end" },
] as const;

function config(board: () => string[], refreshMs = 60_000) {
  return {
    board,
    items,
    message: "按键选择操作",
    help: "↑↓ 移动",
    width: () => 60,
    refreshMs,
    colour: new Chalk({ level: 0 }),
  };
}

describe("the board menu", () => {
  it("shows the board above the actions and picks one with a single key", async () => {
    const { answer, events, getScreen } = await render(
      boardMenu,
      config(() => ["情景时间 T+00:10", "指挥调度组  E1"]),
    );
    const screen = getScreen();
    expect(screen).toContain("情景时间 T+00:10\n指挥调度组  E1");
    expect(screen).toContain("1 记录决策");
    expect(screen).toContain("8 结束推演");
    events.keypress("5");
    await expect(answer).resolves.toBe("pause");
  });

  it("moves with the arrows and picks with Enter", async () => {
    const { answer, events } = await render(
      boardMenu,
      config(() => []),
    );
    events.keypress("down");
    events.keypress("down");
    events.keypress("down");
    events.keypress("up");
    events.keypress("enter");
    await expect(answer).resolves.toBe("pause");
  });

  it("ignores other keys", async () => {
    const { answer, events } = await render(
      boardMenu,
      config(() => []),
    );
    events.keypress("x");
    events.keypress("enter");
    events.keypress("1");
    await expect(answer).resolves.toBe("decision");
  });

  it("redraws the board on its own, without a key, and reports each frame", async () => {
    let frame = 0;
    const frames: string[][] = [];
    const { answer, events, getScreen, nextRender } = await render(boardMenu, {
      ...config(() => [`frame ${++frame}`], 10),
      onFrame: (lines: string[]) => frames.push(lines),
    });
    await nextRender();
    expect(getScreen()).toMatch(/frame [2-9]/);
    expect(frames.at(-1)?.[0]).toMatch(/^frame /);
    expect(frames.at(-1)?.at(-1)).toBe("? 按键选择操作");
    events.keypress("8");
    await expect(answer).resolves.toBe("end");
  });

  it("knows how many lines it takes under the board", () => {
    expect(menuHeight(items, 60)).toBe(3);
    expect(menuHeight(items, 12)).toBe(5);
  });
});
