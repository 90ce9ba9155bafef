// The room end to end: the built CLI's live console in a pseudo-terminal with --room, and
// Debian's Chromium on the board and the seats. Every wait is for a marker (a line on the
// console, an element on a page), never a fixed time.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/cli.js";
import {
  launchBrowser,
  post,
  type RoomFileShape,
  readRoom,
  seatOf,
  seatUrl,
} from "../helpers/room.js";
import { cleanUp, ENTER, scratch, Terminal } from "./console-terminal.js";

const PLAN = join(ROOT, "examples/pooled-positive.zh.yaml");
// The README's screenshots are refreshed with DRILL_SCREENSHOTS=1; other runs take them into
// a scratch folder, so a test run leaves the checkout as it found it.
const SHOTS = process.env.DRILL_SCREENSHOTS
  ? join(ROOT, "examples/screenshots")
  : scratch("drill-room-shots-");
const ROOM_OPEN = "会场已开启";
const HOSTILE = "<script>window.__owned=1</script></textarea><b>x</b> \u202Eexe.txt\u202C 完成";

let browser: Browser;
let closeBrowser: () => Promise<void>;
beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchBrowser());
});
afterAll(async () => {
  await closeBrowser?.();
});
afterEach(() => cleanUp());

interface LoggedLine {
  seq: number;
  type: string;
  ref?: string;
  text?: string;
  wall: string;
  inject?: string;
  by?: { seat: string; role: string; site?: string };
}

function logLines(path: string): LoggedLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LoggedLine];
      } catch {
        return []; // a torn last line after a kill
      }
    });
}

function verify(log: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [BIN, "verify", log, "--allow-open"], {
    encoding: "utf8",
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

async function startRoom(
  log: string,
  extra: string[] = [],
): Promise<{ term: Terminal; room: RoomFileShape }> {
  const term = new Terminal(["run", PLAN, "--room", "--log", log, "--lang", "zh", ...extra], {
    cols: 140,
    rows: 50,
    env: { LANG: "zh_CN.UTF-8" },
  });
  await term.waitFor(ROOM_OPEN);
  await term.waitFor("按键选择操作");
  return { term, room: readRoom(log) };
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the room", () => {
  it("shows a delivered inject on the board at once; seats log at the same time, each entry once, with who entered it", async () => {
    const dir = scratch("drill-room-");
    const log = join(dir, "drill.jsonl");
    const { term, room } = await startRoom(log);

    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const board = await context.newPage();
    await board.goto(seatUrl(room, seatOf(room, "board")));
    await board.locator('[data-inject="I1"]').waitFor();

    // Deliver the next inject now (jump the clock to it): the board shows it as it is logged.
    await term.press("3", "时钟跳至");
    await term.press(ENTER);
    await board.locator('[data-inject="I2"]').waitFor({ timeout: 30_000 });
    const shownAt = Date.now();
    await waitUntil(
      () => logLines(log).some((l) => l.type === "inject-delivered" && l.inject === "I2"),
      "I2 in the log",
    );
    const delivered = logLines(log).find((l) => l.type === "inject-delivered" && l.inject === "I2");
    const latency = shownAt - Date.parse(delivered?.wall ?? "");
    console.log(`inject delivered → on the board: ${latency} ms`);
    // A reload (or a lost connection) picks up where the drill is.
    await board.reload();
    await board.locator('[data-inject="I2"]').waitFor();
    expect(await board.locator('[data-inject="I3"]').count()).toBe(0);

    // Two group seats and an evaluator, each in its own browser page, post at once.
    const pages = await Promise.all(
      ["group:command", "group:testing", "evaluator:1"].map(async (id) => {
        const page = await context.newPage();
        await page.goto(seatUrl(room, seatOf(room, id)));
        await page.locator('body[data-connected="1"]').waitFor();
        return { id, page };
      }),
    );
    // A group's seat shows its own injects in full as delivered.
    await pages[1]?.page.locator('[data-inject="I1"]', { hasText: "区疾控中心报告" }).waitFor();
    expect(await pages[1]?.page.locator('[data-inject="I2"]').count()).toBe(0);
    const command = pages[0]?.page;
    const testing = pages[1]?.page;
    const evaluator = pages[2]?.page;
    if (!command || !testing || !evaluator) throw new Error("pages did not open");
    await command
      .locator('select[name="answers"] option[value="e:E1"]')
      .waitFor({ state: "attached" });
    await command.selectOption('select[name="answers"]', "e:E1");
    await command.fill('#decision textarea[name="text"]', HOSTILE);
    await testing
      .locator('select[name="answers"] option[value="e:E2"]')
      .waitFor({ state: "attached" });
    await testing.selectOption('select[name="answers"]', "e:E2");
    await testing.selectOption('select[name="status"]', "blocked");
    await testing.selectOption('select[name="blockerKind"]', "people");
    await testing.fill('#decision textarea[name="text"]', "采样人员不足，复核推迟");
    // The statuses, blockers, kinds and ratings read as in the console and the review.
    const optionText = (page: typeof testing, select: string, value: string) =>
      page.locator(`select[name="${select}"] option[value="${value}"]`).textContent();
    expect(await optionText(testing, "status", "declined")).toBe("不予执行");
    expect(await optionText(testing, "blockerKind", "authority")).toBe("权限");
    expect(await optionText(evaluator, "kind", "strength")).toBe("亮点");
    expect(await optionText(evaluator, "rating", "S")).toBe("S · 完成但存在一些问题");
    await evaluator.selectOption('select[name="kind"]', "improvement");
    await evaluator.fill('#note textarea[name="text"]', "指挥部会商未明确分工");
    await Promise.all([
      command.click('#decision button[type="submit"]'),
      testing.click('#decision button[type="submit"]'),
      evaluator.click('#note button[type="submit"]'),
    ]);
    for (const { page } of pages)
      await page.locator(".saved", { hasText: "已保存 #" }).first().waitFor();

    const entries = logLines(log).filter((l) => l.type === "decision" || l.type === "note");
    expect(entries.map((e) => e.by?.seat).sort()).toEqual([
      "evaluator:1",
      "group:command",
      "group:testing",
    ]);
    expect(new Set(entries.map((e) => e.ref)).size).toBe(3);
    expect(entries.find((e) => e.by?.seat === "group:command")?.text).toBe(HOSTILE);
    // Each shows on the console as it arrives.
    await term.waitFor("采样人员不足");
    await term.waitFor("指挥部会商未明确分工");

    // The hostile text is text on the board: no script ran, no element was made of it.
    await board.locator(".pre", { hasText: "</textarea><b>x</b>" }).first().waitFor();
    expect(
      await board.evaluate(() => (globalThis as { __owned?: number }).__owned),
    ).toBeUndefined();
    expect(await board.locator("main b").count()).toBe(0);
    // A bidi override cannot reorder what is shown around it: it is not on the page.
    expect(await board.locator("main").textContent()).not.toContain("\u202E");
    expect(await board.locator("main").textContent()).toContain("exe.txt");
    await board.screenshot({ path: join(SHOTS, "room-board.png"), fullPage: true });
    // A seat as a phone shows it.
    await testing.setViewportSize({ width: 430, height: 932 });
    await testing.screenshot({ path: join(SHOTS, "room-seat.png"), fullPage: true });
    for (const shot of ["room-board.png", "room-seat.png"])
      expect(readFileSync(join(SHOTS, shot)).subarray(1, 4).toString()).toBe("PNG");

    // A group's token cannot log for another group; a board's nothing; a foreign page nothing.
    const cross = await post(room, seatOf(room, "group:command"), {
      id: "cross-group-1",
      decision: { group: "testing", status: "done", text: "not ours" },
    });
    expect(cross.status).toBe(403);
    const other = await post(room, seatOf(room, "group:command"), {
      id: "cross-group-2",
      decision: { expectation: "E2", status: "done", text: "not ours" },
    });
    expect(other.status).toBe(403);
    const note = await post(room, seatOf(room, "group:command"), {
      id: "cross-role-1",
      note: { kind: "strength", text: "a group is not an evaluator" },
    });
    expect(note.status).toBe(403);
    const foreign = await post(
      room,
      seatOf(room, "group:command"),
      { id: "foreign-1", decision: { status: "done", text: "x" } },
      "http://evil.example",
    );
    expect(foreign.status).toBe(403);

    // The facilitator rejects a seat's entry (a retraction, as any entry's): the seat sees it.
    await term.press("0", "更正哪条记录？");
    await term.press(ENTER, "如何更正？");
    await term.press("\u001b[B");
    await term.press(ENTER, "原因（可不填）");
    await term.press(`席位误报${ENTER}`, "按键选择操作");
    const correction = logLines(log).find((l) => l.type === "correction") as
      | (LoggedLine & { amends: number; retract?: boolean })
      | undefined;
    expect(correction?.retract).toBe(true);
    const rejected = logLines(log).find((l) => l.seq === correction?.amends);
    const rejectedPage = pages.find((p) => p.id === rejected?.by?.seat)?.page;
    expect(rejectedPage).toBeDefined();
    await rejectedPage?.locator("#mine li", { hasText: "已撤回" }).waitFor();

    // Revoked from the console: refused from then on.
    await term.press("r", "选择席位");
    await term.press("评估员", "评估员 1");
    await term.press(ENTER, "吊销链接");
    await term.press("\u001b[B");
    await term.press(ENTER, "吊销 评估员 1 的链接");
    await term.press(`y${ENTER}`, "已吊销 评估员 1 的链接");
    const revoked = await post(room, seatOf(room, "evaluator:1"), {
      id: "after-revoke-1",
      note: { kind: "neutral", text: "too late" },
    });
    expect(revoked.status).toBe(403);
    const page = await fetch(seatUrl(room, seatOf(room, "evaluator:1")));
    expect(page.status).toBe(403);

    await context.close();
    term.kill("SIGKILL");
    await term.exit;
    expect(verify(log).status).toBe(0);
    const after = logLines(log).filter((l) => l.type === "decision" || l.type === "note");
    expect(after).toHaveLength(3);

    // The review shows the hostile text as text.
    const review = spawnSync(process.execPath, [BIN, "review", log], { encoding: "utf8" });
    expect(review.status).toBe(0);
    expect(review.stdout).not.toContain("<script>");
    expect(review.stdout).not.toContain("\u202E");
  });

  it("a seat that goes offline queues its entries and delivers each exactly once when it is back", async () => {
    const dir = scratch("drill-room-");
    const log = join(dir, "drill.jsonl");
    const { term, room } = await startRoom(log);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(seatUrl(room, seatOf(room, "group:command")));
    await page.locator('body[data-connected="1"]').waitFor();

    await context.setOffline(true);
    await page.locator('body[data-connected="0"]').waitFor();
    for (const text of ["离线记录一", "离线记录二", "离线记录三"]) {
      await page.fill('#decision textarea[name="text"]', text);
      await page.click('#decision button[type="submit"]');
    }
    await page.locator('body[data-queued="3"]').waitFor();
    expect(logLines(log).filter((l) => l.type === "decision")).toHaveLength(0);

    await context.setOffline(false);
    await page.locator('body[data-queued="0"]').waitFor({ timeout: 60_000 });
    await page.locator('body[data-connected="1"]').waitFor({ timeout: 60_000 });
    // Reloading sends nothing again: the queue is empty and the ids are logged.
    await page.reload();
    await page.locator("#mine li", { hasText: "离线记录三" }).waitFor();
    const decisions = logLines(log).filter((l) => l.type === "decision");
    expect(decisions.map((d) => d.text)).toEqual(["离线记录一", "离线记录二", "离线记录三"]);
    await context.close();
    term.kill("SIGKILL");
    await term.exit;
  });

  it("kill -9 mid-drill with seats posting loses no acknowledged entry, and --resume brings the seats back on the same links", async () => {
    const dir = scratch("drill-room-");
    const log = join(dir, "drill.jsonl");
    const { term, room } = await startRoom(log);
    const context = await browser.newContext();
    const seatPage = await context.newPage();
    const commandUrl = seatUrl(room, seatOf(room, "group:command"));
    await seatPage.goto(commandUrl);
    await seatPage.locator('body[data-connected="1"]').waitFor();

    const acknowledged = new Set<string>();
    let stop = false;
    const posters = ["group:command", "group:testing"].map(async (id, n) => {
      for (let i = 0; !stop; i++) {
        const entryId = `kill-${n}-${i}-xxxxxxxx`;
        try {
          const { status } = await post(room, seatOf(room, id), {
            id: entryId,
            decision: { inject: "I1", status: "partial", text: `进展 ${n}-${i}` },
          });
          if (status === 200) acknowledged.add(entryId);
        } catch {
          return; // the server is gone
        }
      }
    });
    await waitUntil(() => acknowledged.size >= 20, "20 acknowledged entries");
    term.kill("SIGKILL");
    await term.exit;
    stop = true;
    await Promise.all(posters);

    const logged = new Set(
      logLines(log).flatMap((l) => (l.ref ? [l.ref.replace(/^room:/, "")] : [])),
    );
    for (const id of acknowledged) expect(logged.has(id), id).toBe(true);

    // Resumed: the same port and tokens; the open page reconnects by itself.
    const resumed = new Terminal(["run", "--resume", log, "--lang", "zh"], {
      cols: 140,
      rows: 50,
      env: { LANG: "zh_CN.UTF-8" },
    });
    await resumed.waitFor(ROOM_OPEN);
    await resumed.waitFor("按键选择操作");
    expect(readRoom(log).port).toBe(room.port);
    expect(readRoom(log).seats.map((s) => s.token)).toEqual(room.seats.map((s) => s.token));
    expect(resumed.text).toContain(commandUrl);
    await seatPage.locator('body[data-connected="1"]').waitFor({ timeout: 60_000 });
    await seatPage.fill('#decision textarea[name="text"]', "恢复后的记录");
    await seatPage.click('#decision button[type="submit"]');
    await seatPage.locator(".saved", { hasText: "已保存 #" }).first().waitFor();
    expect(logLines(log).some((l) => l.text === "恢复后的记录")).toBe(true);
    await context.close();
    resumed.kill("SIGKILL");
    await resumed.exit;
    expect(existsSync(log)).toBe(true);
  });

  it("room-demo: the Chinese example with the board and two simulated seats posting decisions", async () => {
    const dir = scratch("drill-room-demo-");
    const term = new Terminal(["room-demo", "--dir", dir], {
      cwd: dir,
      cols: 140,
      rows: 50,
      env: { LANG: "zh_CN.UTF-8" },
    });
    await term.waitFor(ROOM_OPEN);
    await term.waitFor("⇢ 指挥调度组");
    await term.waitFor("⇢ 核酸检测组");
    term.kill("SIGKILL");
    await term.exit;
  });
});
