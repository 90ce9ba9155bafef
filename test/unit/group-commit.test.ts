// Group commit: the writer's appendMany (one write, one fsync, all or none) and the room's
// queue that gathers entries arriving in one turn of the event loop into one commit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { NewEvent } from "../../src/core/events.js";
import { readLog } from "../../src/log/reader.js";
import { LogWriter } from "../../src/log/writer.js";
import { GroupCommit } from "../../src/room/group-commit.js";
import { tempDir } from "../helpers/cli.js";
import { sampleHeader } from "../helpers/log-fixtures.js";

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

async function newLog() {
  const dir = tempDir("drill-group-commit-");
  dirs.push(dir);
  const path = join(dir.path, "drill.jsonl");
  const writer = await LogWriter.create(path, sampleHeader(), {
    now: () => new Date("2026-12-02T09:00:00.000Z"),
  });
  return { path, writer };
}

const note = (t: number, text: string): NewEvent => ({ type: "note", t, kind: "neutral", text });

describe("appendMany", () => {
  it("writes a batch as consecutive lines of one chain that reads back", async () => {
    const { path, writer } = await newLog();
    writer.append({ type: "drill-started", t: 0, speed: 1 });
    const written = writer.appendMany([note(1, "a"), note(1, "b"), note(2, "c")]);
    expect(written.map((e) => e.seq)).toEqual([2, 3, 4]);
    writer.close();
    const log = await readLog(path);
    expect(log.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it("writes nothing of a batch with one event that does not fit, and carries on after", async () => {
    const { path, writer } = await newLog();
    writer.append({ type: "drill-started", t: 0, speed: 1 });
    const before = readFileSync(path, "utf8");
    // Times may not run backwards: the third event is refused, so none of the batch is written.
    expect(() => writer.appendMany([note(5, "a"), note(6, "b"), note(4, "c")])).toThrow(
      /does not fit/,
    );
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(writer.appendMany([note(5, "d")]).map((e) => e.seq)).toEqual([2]);
    writer.close();
    expect((await readLog(path)).events).toHaveLength(2);
  });
});

describe("GroupCommit", () => {
  it("commits what arrives in one turn once, and answers each after that commit", async () => {
    const commits: NewEvent[][] = [];
    let seq = 0;
    const queue = new GroupCommit<string, string>(
      (items) =>
        items.map((item) => (item === "message" ? { answer: "sent" } : { event: note(0, item) })),
      (events) => {
        commits.push(events);
        return events.map((event) => ({ ...event, seq: ++seq, wall: "" }) as never);
      },
    );
    const answers = await Promise.all([queue.add("a"), queue.add("message"), queue.add("b")]);
    expect(commits).toHaveLength(1);
    expect(commits[0]?.map((e) => (e.type === "note" ? e.text : ""))).toEqual(["a", "b"]);
    expect(answers).toEqual([
      { logged: expect.objectContaining({ seq: 1, text: "a" }) },
      { answer: "sent" },
      { logged: expect.objectContaining({ seq: 2, text: "b" }) },
    ]);
    await queue.add("c");
    expect(commits).toHaveLength(2);
  });

  it("a commit that fails fails every entry of its batch: none is told it was saved", async () => {
    const queue = new GroupCommit<string, string>(
      (items) => items.map((item) => ({ event: note(0, item) })),
      () => {
        throw new Error("disk full");
      },
    );
    const results = await Promise.allSettled([queue.add("a"), queue.add("b")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
