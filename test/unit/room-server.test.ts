// The room's server in process: who may write what, the guards on every write, one entry
// logged once, and one write for entries posted together.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readLog } from "../../src/log/reader.js";
import type { Seat } from "../../src/room/seats.js";
import { tempDir } from "../helpers/cli.js";
import { openTestRoom, type RoomUnderTest } from "../helpers/room-drill.js";

let dir: { path: string; remove: () => void };
let room: RoomUnderTest;
beforeEach(async () => {
  dir = tempDir("drill-room-unit-");
  room = await openTestRoom(dir.path);
});
afterEach(async () => {
  await room.close();
  dir.remove();
});

const seat = (id: string): Seat => {
  const found = room.seats.find((s) => s.id === id);
  if (!found) throw new Error(id);
  return found;
};

async function post(
  s: Seat,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; answer: Record<string, unknown> }> {
  const response = await fetch(`${room.url(s)}/entries`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: room.origin, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
}

const decision = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  decision: { expectation: "E1", status: "done", text: "启动应急指挥体系", ...extra },
});

describe("the room's server", () => {
  it("logs a group's decision with who entered it, once, however often it is sent", async () => {
    const first = await post(seat("group:command"), decision("entry-0001"));
    const again = await post(seat("group:command"), decision("entry-0001"));
    expect(first).toEqual({ status: 200, answer: { saved: true, seq: 3 } });
    expect(again).toEqual({ status: 200, answer: { saved: true, seq: 3, duplicate: true } });
    const log = await readLog(room.logPath);
    const decisions = log.events.filter((e) => e.type === "decision");
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      group: "command",
      expectation: "E1",
      inject: "I1",
      by: { seat: "group:command", role: "group" },
      ref: "room:entry-0001",
    });
  });

  it("entries posted together share one write; each is answered after it", async () => {
    const groups = ["group:command", "group:lockdown", "group:testing", "group:tracing"];
    const answers = await Promise.all(
      groups.map((id, i) =>
        post(seat(id), {
          id: `together-${i}-0000`,
          decision: { inject: "I1", status: "partial", text: `进展 ${i}` },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.answer.seq)).size).toBe(4);
    // Every entry is in exactly one commit (those read in the same turn share it).
    expect(room.commits.reduce((a, b) => a + b, 0)).toBe(4);
    const log = await readLog(room.logPath);
    expect(log.events.filter((e) => e.type === "decision")).toHaveLength(4);
  });

  it("a group's token logs only its own group's decisions; an evaluator's only observations; a board's nothing", async () => {
    expect(
      (await post(seat("group:command"), decision("other-0001", { group: "testing" }))).status,
    ).toBe(403);
    expect((await post(seat("group:testing"), decision("other-0002"))).status).toBe(403);
    expect(
      (
        await post(seat("group:command"), {
          id: "note-00001",
          note: { kind: "strength", text: "x" },
        })
      ).status,
    ).toBe(403);
    expect((await post(seat("evaluator:1"), decision("eval-00001"))).status).toBe(403);
    expect(
      (
        await post(seat("evaluator:1"), {
          id: "note-00002",
          note: { kind: "improvement", text: "会商分工不清" },
        })
      ).status,
    ).toBe(200);
    const board = await fetch(`${room.url(seat("board"))}/entries`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: room.origin },
      body: JSON.stringify(decision("board-0001")),
    });
    expect(board.status).toBe(403);
    const log = await readLog(room.logPath);
    expect(log.events.filter((e) => e.type === "decision" || e.type === "note")).toHaveLength(1);
  });

  it("refuses a revoked token, a foreign Origin, no Origin, a body over the cap, not JSON, too many at once", async () => {
    room.server.revoke(seat("group:lockdown"));
    expect((await post(seat("group:lockdown"), decision("rev-000001"))).status).toBe(403);
    expect((await fetch(room.url(seat("group:lockdown")))).status).toBe(403);
    expect(
      (
        await post(seat("group:command"), decision("origin-0001"), {
          Origin: "http://evil.example",
        })
      ).status,
    ).toBe(403);
    const noOrigin = await fetch(`${room.url(seat("group:command"))}/entries`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(decision("origin-0002")),
    });
    expect(noOrigin.status).toBe(403);
    expect(
      (await post(seat("group:command"), decision("big-000001", { text: "长".repeat(20_000) })))
        .status,
    ).toBe(413);
    expect((await post(seat("group:command"), "{not json")).status).toBe(400);
    expect(
      (await post(seat("group:command"), decision("type-00001"), { "Content-Type": "text/plain" }))
        .status,
    ).toBe(415);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(seat("group:testing"), { id: `burst-${i}-00000`, message: `消息 ${i}` }),
      ),
    );
    expect(burst.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect(room.told.length).toBe(burst.filter((a) => a.status === 200).length);
  });

  it("serves only its own routes, each with a strict policy and no listing", async () => {
    for (const path of [
      "/",
      "/assets/",
      "/assets/../package.json",
      "/s/",
      "/s/short",
      "/b/../../etc/passwd",
    ]) {
      const response = await fetch(`${room.origin}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
    const page = await fetch(room.url(seat("group:command")));
    const html = await page.text();
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(html).not.toMatch(/<script>|https?:\/\//);
    // A board's token does not open a seat's page, nor the reverse.
    expect((await fetch(`${room.origin}/s/${seat("board").token}`)).status).toBe(404);
    expect((await fetch(`${room.origin}/b/${seat("group:command").token}`)).status).toBe(404);
  });

  it("never shows an inject before it is delivered: no upcoming list, no countdown", async () => {
    const board = (await (await fetch(`${room.url(seat("board"))}/view`)).json()) as Record<
      string,
      unknown
    >;
    const text = JSON.stringify(board);
    expect(text).toContain("I1");
    const later = room.drill.state.plan.injects.slice(1);
    for (const inject of later) {
      expect(text).not.toContain(`"${inject.id}"`);
      expect(text).not.toContain(inject.title);
    }
    expect(Object.keys(board).sort()).toEqual([
      "clock",
      "groups",
      "lang",
      "latest",
      "page",
      "recent",
      "seq",
      "title",
    ]);
    const seatView = await (await fetch(`${room.url(seat("group:lockdown"))}/view`)).text();
    for (const inject of later) expect(seatView).not.toContain(inject.title);
    expect(readFileSync(room.logPath, "utf8")).not.toContain(seat("group:command").token);
  });
});

describe("the room of a plan with sites", () => {
  it("gives each site a board of its own groups, and its seats carry their site into the log", async () => {
    const folder = join(dir.path, "sites");
    mkdirSync(folder);
    const sited = await openTestRoom(folder, "test/fixtures/sites/pooled-positive.sites.zh.yaml");
    try {
      const ids = sited.seats.map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining(["board", "board:main", "board:east"]));
      const east = sited.seats.find((s) => s.id === "board:east");
      if (!east) throw new Error("no east board");
      const view = (await (await fetch(`${sited.url(east)}/view`)).json()) as {
        site: string;
        groups: { id: string }[];
      };
      expect(view.site).toBe("东区分会场");
      expect(view.groups.map((g) => g.id)).toEqual(["lockdown", "tracing", "transfer"]);
      const testing = sited.seats.find((s) => s.id === "group:testing");
      if (!testing) throw new Error("no testing seat");
      const response = await fetch(`${sited.url(testing)}/entries`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: sited.origin },
        body: JSON.stringify({
          id: "site-entry-1",
          decision: { expectation: "E2", status: "partial", text: "复核中" },
        }),
      });
      expect(response.status).toBe(200);
      const log = await readLog(sited.logPath);
      expect(log.events.find((e) => e.type === "decision")?.by).toEqual({
        seat: "group:testing",
        role: "group",
        site: "main",
      });
    } finally {
      await sited.close();
    }
  });
});
