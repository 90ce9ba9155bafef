// The console records what really happened: a decision's own time, injects announced in
// full at once above any prompt, corrections, Esc, the board redrawn alone on a resize, the
// transcript and the plain display. The built CLI in a pty, its screen played on a terminal
// emulator (what a person would see), every step waiting for what it shows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import type { DecisionLogged, DrillEvent } from "../../src/core/events.js";
import { readLog } from "../../src/log/reader.js";
import { drill } from "../helpers/cli.js";
import { cleanUp, ENTER, openDecision, scratch, Terminal } from "./console-terminal.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const PLAN_EN = "examples/pooled-positive.en.yaml";
const MENU = "按键选择操作";
const ESCAPE = "\u001b";

afterEach(cleanUp);

const decisions = (events: DrillEvent[]) =>
  events.filter((event): event is DecisionLogged => event.type === "decision");

async function endDrill(term: Terminal, lang: "zh" | "en" = "zh"): Promise<void> {
  if (lang === "zh") {
    await term.press("8", "现在结束推演？");
    await term.press(`y${ENTER}`, "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告");
  } else {
    await term.press("8", "End the drill now?");
    await term.press(`y${ENTER}`, "Hot wash now?");
    await term.press(`n${ENTER}`, "Report:");
  }
  expect(await term.exit).toMatchObject({ exitCode: 0 });
}

async function reviewStatus(log: string, expectation: string): Promise<string | undefined> {
  const result = await drill(["review", log, "--format", "json"]);
  expect(result.code, result.stderr).toBe(0);
  const review = JSON.parse(result.stdout) as {
    expectations: Array<{ id: string; status: string }>;
  };
  return review.expectations.find((e) => e.id === expectation)?.status;
}

describe("a decision's own time", () => {
  it("at ×120, a slow entry is logged with the time it was opened, and is on time in the review", async () => {
    const log = join(scratch(), "slow.jsonl");
    // The clock keeps running during the entry, so only the entry's own time can be right.
    const term = new Terminal(["run", PLAN, "--speed", "120", "--no-pause-on-entry", "--log", log]);
    // E3 (封控管控组, within 1h of I2 at T+00:20: due T+01:20) is answered as soon as I2 is in…
    // The menu as it opens again below I2's announcement: a key typed while the prompt is
    // closed for an announcement has nothing to read it.
    let from = await term.waitFor(MENU, await term.waitFor("下发情景 I2"));
    await openDecision(term, "2");
    from = term.mark();
    await term.press(`已对楼栋实施临时管控${ENTER}`, /发生时间.*\(T\+00:\d\d\)/);
    // The time it offers: when the entry was opened.
    const shown = /发生时间.*\(T\+00:(\d\d)\)/.exec(term.text.slice(from))?.[1];
    // …but only entered once I3 has come (T+01:30), past E3's deadline, and the prompt is back.
    const i3 = await term.waitFor("下发情景 I3", from, 120_000);
    await term.waitFor("发生时间", i3);
    await term.press(ENTER, "决策［已完成］E3", "（发生于 T+00:", MENU);
    await endDrill(term);

    const { events } = await readLog(log);
    const [e3] = decisions(events);
    // Logged after I3, it happened when the entry was opened (the time it offered, ± 1 minute).
    expect(e3?.t).toBeGreaterThanOrEqual(90);
    expect(Math.abs((e3?.at ?? -99) - Number(shown))).toBeLessThanOrEqual(1);
    expect(e3?.at).toBeLessThan(80);
    expect(await reviewStatus(log, "E3")).toBe("on-time");
  });

  it("at ×120 the clock stops while the entry is open, by default", async () => {
    const log = join(scratch(), "held.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "120", "--log", log]);
    await term.waitFor(MENU);
    await openDecision(term, "1");
    await term.press(ENTER, "发生时间");
    await term.press(ENTER, "决策［已完成］E1", MENU);
    await endDrill(term);
    const { events } = await readLog(log);
    const at = events.findIndex((event) => event.type === "decision");
    expect(events.slice(at - 1, at + 2).map((event) => event.type)).toEqual([
      "clock-paused",
      "decision",
      "clock-resumed",
    ]);
    expect(events[at - 1]?.t).toBe(events[at]?.t);
    expect(events[at]).not.toHaveProperty("at");
  });

  it("takes a time given in the entry, back from now", async () => {
    const log = join(scratch(), "given.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "600", "--log", log]);
    await term.waitFor(MENU, await term.waitFor("下发情景 I2"));
    await openDecision(term, "1");
    await term.press(ENTER, "发生时间");
    // Later than now is refused; 10 minutes ago is taken.
    await term.press(`T+09:00${ENTER}`, "不能晚于现在");
    term.write("\u0015");
    await term.press(`10 分钟前${ENTER}`, "决策［已完成］E1", MENU);
    await endDrill(term);
    const [e1] = decisions((await readLog(log)).events);
    expect(e1?.at).toBeCloseTo((e1?.t ?? 0) - 10, 5);
  });
});

describe("injects, never held back", () => {
  it("announces an inject at once above an open text prompt, and keeps what was typed", async () => {
    const log = join(scratch(), "above.jsonl");
    // ×60: I2 comes 20 real seconds in, while the text is being typed.
    const term = new Terminal(["run", PLAN, "--speed", "60", "--no-pause-on-entry", "--log", log]);
    await term.waitFor(MENU);
    await openDecision(term, "1");
    await term.press("已召开", "已召开");
    const announced = await term.waitFor("下发情景 I2：混管人员信息锁定", term.mark(), 120_000);
    // The prompt, opened again below the inject, with the text typed so far.
    await term.waitFor("已召开", announced);
    const screen = await term.screen();
    const i2 = screen.findIndex((line) => line.includes("下发情景 I2"));
    const prompt = screen.findLastIndex((line) => line.startsWith("? 决策或处置内容"));
    expect(i2).toBeGreaterThan(-1);
    expect(prompt).toBeGreaterThan(i2);
    expect(screen[prompt]).toMatch(/已召开$/);
    // Only one prompt on screen: the closed one cleared itself.
    expect(screen.filter((line) => line.startsWith("? 决策或处置内容"))).toHaveLength(1);
    await term.press(`首次会商会${ENTER}`, "发生时间");
    await term.press(ENTER, "已召开首次会商会", MENU);
    await endDrill(term);
    const [e1] = decisions((await readLog(log)).events);
    expect(e1?.text).toBe("已召开首次会商会");
  });

  it("announces an inject delivered early in full, and shows any delivered inject again", async () => {
    const dir = scratch();
    const log = join(dir, "early.jsonl");
    const transcript = join(dir, "t.txt");
    const term = new Terminal([
      "run",
      PLAN,
      "--speed",
      "1",
      "--log",
      log,
      "--transcript",
      transcript,
    ]);
    await term.waitFor(MENU);
    await term.press("3", "立即提前下发");
    await term.press(
      `2${ENTER}`,
      "提前下发情景 I2",
      "社区报告：混管 10 人已全部找到",
      "流调排查组：E5",
    );
    await term.waitFor(MENU);
    await term.press("9", "查看哪条情景？");
    await term.press(ENTER, MENU);
    await endDrill(term);
    const text = readFileSync(transcript, "utf8");
    // Delivered once, shown twice: on delivery and again with key 9.
    expect(text.match(/提前下发情景 I2/g)).toHaveLength(2);
    expect(text.match(/E5 形成首批密接名单并推送转运隔离组/g)).toHaveLength(2);
  });

  for (const [plan, cols, lang] of [
    [PLAN, 60, "zh"],
    [PLAN_EN, 80, "en"],
  ] as const) {
    it(`shows every recipient and cuts nothing at ${cols} columns (${lang})`, async () => {
      const dir = scratch();
      const transcript = join(dir, "t.txt");
      const term = new Terminal(
        ["run", plan, "--speed", "600", "--log", join(dir, "w.jsonl"), "--transcript", transcript],
        { cols, rows: 30 },
      );
      // Deliver every inject in turn (jumping the clock to it): each is announced as it fires.
      const menu = lang === "zh" ? MENU : "Press a key";
      let from = 0;
      for (let i = 0; i < 20; i++) {
        await term.waitFor(menu, from);
        const played = (await readLog(join(dir, "w.jsonl"))).events.filter(
          (e) => e.type === "inject-delivered" || e.type === "inject-skipped",
        );
        if (played.length === 12) break;
        await term.press("3", lang === "zh" ? "原定" : "Next:");
        from = term.mark();
        term.write(`1${ENTER}`);
      }
      await endDrill(term, lang);
      const lines = readFileSync(transcript, "utf8").split("\n");
      // The announcements: each inject's "▶" line and the indented lines under it.
      const announced = lines.filter((line) => line.startsWith("▶") || line.startsWith("  "));
      expect(announced.length).toBeGreaterThan(30);
      for (const line of announced) {
        expect(line.includes("…"), line).toBe(false);
        expect(stringWidth(line), line).toBeLessThanOrEqual(cols);
      }
      // Each delivered inject's heading names all its recipients (wrapped, never cut).
      const { events, header } = await readLog(join(dir, "w.jsonl"));
      const names = new Map(header.plan.groups.map((g) => [g.id, g.name]));
      const joined = announced.join("").replaceAll(" ", "");
      let checked = 0;
      for (const event of events) {
        if (event.type !== "inject-delivered") continue;
        const inject = header.plan.injects.find((i) => i.id === event.inject);
        const to = (inject?.to ?? []).map((id) => names.get(id) ?? id);
        const heading =
          lang === "zh"
            ? `下发情景 ${event.inject}：${inject?.title} → ${to.join("、")}`
            : `inject ${event.inject} delivered: ${inject?.title} → ${to.join(", ")}`;
        expect(joined).toContain(heading.replaceAll(" ", ""));
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(10);
      // On screen too: the lines fit, so the terminal shows them as printed.
      const screen = await term.screen();
      expect(screen.some((line) => line.includes(lang === "zh" ? "下发情景 I12" : "I12"))).toBe(
        true,
      );
    });
  }
});

describe("entries", () => {
  it("goes back one step with Esc, and an entry backed out of writes nothing", async () => {
    const log = join(scratch(), "esc.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "6", "--log", log]);
    await term.waitFor(MENU);
    await term.press("1", "哪个组？");
    await term.press(ESCAPE, MENU);
    await term.press("1", "哪个组？");
    // Typing part of a name picks the group.
    await term.press("核酸", "核酸检测组");
    await term.press(ENTER, "回应哪项预期动作？");
    await term.press(ENTER, "? 状态");
    await term.press(ESCAPE, "回应哪项预期动作？");
    await term.press(ESCAPE, "哪个组？");
    await term.press(ESCAPE, MENU);
    await term.press("2", "观察类型");
    await term.press(ENTER, "观察内容");
    await term.press(`xyz${ENTER}`, "关联到");
    await term.press(ESCAPE, "观察内容");
    await term.press(ESCAPE, "观察类型");
    await term.press(ESCAPE, MENU);
    await endDrill(term);
    const { events } = await readLog(log);
    expect(events.filter((e) => e.type === "decision" || e.type === "note")).toEqual([]);
  });

  it("links an observation to a group, an inject and an objective at once", async () => {
    const log = join(scratch(), "links.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "600", "--log", log]);
    await term.waitFor(MENU);
    await term.press("2", "观察类型");
    await term.press(`2${ENTER}`, "观察内容");
    await term.press(`会商会召开偏晚${ENTER}`, "关联到");
    await term.press("1", "◉ 1.");
    await term.press("2", "◉ 2.");
    await term.press("3", "◉ 3.");
    await term.press(ENTER, "哪个组？");
    await term.press(ENTER, "哪条情景？");
    await term.press(ENTER, "哪个目标？");
    await term.press(ENTER, "目标评定");
    await term.press(`3${ENTER}`, "发生时间");
    await term.press(ENTER, "待改进", MENU);
    await endDrill(term);
    const note = (await readLog(log)).events.find((e) => e.type === "note");
    expect(note).toMatchObject({
      kind: "improvement",
      group: "command",
      inject: "I1",
      objective: "O1",
      rating: "S",
    });
  });

  it("corrects a logged decision: the log keeps both, the review takes the correction", async () => {
    const log = join(scratch(), "correct.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "600", "--log", log]);
    await term.waitFor(MENU);
    // E1 logged as blocked by mistake…
    await openDecision(term, "1", "3");
    await term.press(`会商会未能召开${ENTER}`, "受阻原因");
    await term.press(`领导未到岗${ENTER}`, "卡点类型");
    await term.press(ENTER, "发生时间");
    await term.press(ENTER, "决策［受阻］E1", MENU);
    // …and corrected to done, with its own text.
    await term.press("0", "更正哪条记录？");
    await term.press(ENTER, "如何更正？");
    await term.press(ENTER, "哪个组？");
    await term.press(ENTER, "回应哪项预期动作？");
    await term.press(ENTER, "? 状态");
    await term.press(`1${ENTER}`, "决策或处置内容");
    term.write("\u0015");
    await term.press(`会商会已召开${ENTER}`, "发生时间");
    await term.press(ENTER, "更正", "决策［已完成］E1", MENU);
    await endDrill(term);

    const { events } = await readLog(log);
    const [original] = decisions(events);
    const correction = events.find((e) => e.type === "correction");
    expect(correction).toMatchObject({
      amends: original?.seq,
      decision: { group: "command", expectation: "E1", status: "done", text: "会商会已召开" },
    });
    expect(correction).not.toHaveProperty("decision.blocker");
    expect(await reviewStatus(log, "E1")).toBe("on-time");
    const shown = await drill(["log", log]);
    expect(shown.stdout).toContain("决策［受阻］E1");
    expect(shown.stdout).toMatch(/更正 T\+00:0\d 的决策（第 \d+ 条）为：决策［已完成］E1/);
  });
});

describe("the screen", () => {
  it("redraws only the board when the terminal is resized: no repeats, no fragments", async () => {
    const log = join(scratch(), "resize.jsonl");
    const term = new Terminal(["run", PLAN, "--speed", "6", "--log", log], { cols: 100, rows: 30 });
    await term.waitFor(MENU);
    for (const [cols, rows] of [
      [70, 30],
      [50, 24],
      [90, 30],
    ] as const) {
      const from = term.mark();
      await term.resize(cols, rows);
      await term.waitFor(MENU, from);
      await term.waitFor("● 运行中", from);
      const screen = await term.screen();
      expect(screen.filter((line) => line.includes("下发情景 I1"))).toHaveLength(1);
      expect(screen.filter((line) => line.includes("● 运行中"))).toHaveLength(1);
      expect(screen.filter((line) => line.includes(MENU))).toHaveLength(1);
      expect(screen.filter((line) => line.startsWith("情景时间 T+"))).toHaveLength(1);
    }
    await endDrill(term);
  });

  it("runs line by line when standard output is not a terminal, and writes a transcript", async () => {
    const dir = scratch();
    const log = join(dir, "plain.jsonl");
    const transcript = join(dir, "t.txt");
    // `| cat`: standard output is a pipe, standard input still the terminal.
    const term = new Terminal(
      [
        "-c",
        `"${process.execPath}" bin/drill run ${PLAN} --speed 600 --log ${log} --transcript ${transcript} | cat`,
      ],
      { shell: true },
    );
    await term.waitFor("? 按键选择操作");
    await term.press(`1${ENTER}`, "? 哪个组？");
    await term.press(`1${ENTER}`, "? 回应哪项预期动作？");
    await term.press(ENTER, "? 状态");
    await term.press(ENTER, "? 决策或处置内容");
    await term.press(`已激活${ENTER}`, "? 发生时间");
    await term.press(ENTER, "决策［已完成］E1", "? 按键选择操作");
    await term.press(`8${ENTER}`, "现在结束推演？");
    await term.press(`y${ENTER}`, "现在进行热复盘？");
    await term.press(`n${ENTER}`, "生成复盘报告");
    expect(await term.exit).toMatchObject({ exitCode: 0 });
    // No cursor or colour codes at all: a plain display.
    expect(term.output.includes(`${ESCAPE}[`)).toBe(false);
    const [e1] = decisions((await readLog(log)).events);
    expect(e1).toMatchObject({ group: "command", expectation: "E1", text: "已激活" });
    const text = readFileSync(transcript, "utf8");
    expect(text).toContain("下发情景 I1：初筛混管阳性报告 → 指挥调度组、核酸检测组");
    expect(text).toContain("✔ T+");
    expect(text.includes(ESCAPE)).toBe(false);
  });
});
