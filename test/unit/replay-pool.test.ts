// The replay's pool of workers, with a stand-in worker script: every log answered once, the
// parent taking its share, and a worker that dies taking down only the log that killed it.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type LogReply, runPool } from "../../src/replay/pool.js";
import type { ReplayJob } from "../../src/replay/replay-log.js";

const FAKE = resolve(import.meta.dirname, "../fixtures/replay/fake-worker.mjs");

function jobs(names: string[]): ReplayJob[] {
  return names.map((name) => ({ path: join("/nowhere", name), name }));
}

/**
 * Runs the pool with the stand-in worker. The parent's share holds its first log until
 * `openWhen` sees a child's answer, so the children are sure to get work however fast the
 * parent is.
 */
async function run(
  names: string[],
  children: number,
  openWhen: (reply: LogReply) => boolean = () => true,
) {
  const replies: LogReply[] = [];
  const local: string[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  await runPool(jobs(names), {
    children,
    self: { command: process.execPath, args: [FAKE] },
    cwd: process.cwd(),
    env: { PATH: process.env.PATH },
    init: { type: "init" },
    local: async (job, id) => {
      local.push(job.name);
      if (children > 0) await gate;
      return { type: "done", id, row: { file: job.name } as never, warnings: [] };
    },
    onReply: (reply) => {
      replies.push(reply);
      if (!local.includes(names[reply.id] ?? "") && openWhen(reply)) open();
    },
  });
  return { replies, local };
}

describe("runPool", () => {
  it("answers every log exactly once, on the children and in this process", async () => {
    const names = Array.from({ length: 40 }, (_, i) => `log-${i}.jsonl`);
    const { replies, local } = await run(names, 2);
    expect(replies).toHaveLength(40);
    expect(new Set(replies.map((r) => r.id)).size).toBe(40);
    expect(replies.every((r) => r.type === "done")).toBe(true);
    // The parent took the first log before any child was ready, and the children took some.
    expect(local[0]).toBe("log-0.jsonl");
    expect(local.length).toBeLessThan(40);
  });

  it("with no children, replays everything here", async () => {
    const { replies, local } = await run(["a", "b", "c"], 0);
    expect(replies.map((r) => r.id).sort()).toEqual([0, 1, 2]);
    expect(local).toEqual(["a", "b", "c"]);
  });

  it("fails only the log that kills its worker; the logs it held are tried again", async () => {
    // The parent takes "first"; the child then holds "crash" and "innocent" together.
    const names = [
      "first",
      "crash-me",
      "innocent",
      ...Array.from({ length: 6 }, (_, i) => `n${i}`),
    ];
    const { replies, local } = await run(names, 1, (reply) => reply.type === "failed");
    expect(replies).toHaveLength(names.length);
    const failed = replies.filter((r) => r.type === "failed");
    expect(failed).toEqual([
      {
        type: "failed",
        id: 1,
        failure: {
          file: "crash-me",
          message:
            "the worker replaying it stopped (exit code 3): fake worker: crashed on crash-me",
        },
      },
    ]);
    // A log a worker died holding is never replayed in the parent, which it could kill too.
    expect(local).not.toContain("crash-me");
    expect(
      replies
        .filter((r) => r.type === "done")
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual([0, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("rejects when a worker cannot start at all", async () => {
    await expect(
      runPool(jobs(["a", "b", "c"]), {
        children: 1,
        self: { command: process.execPath, args: ["-e", "process.exit(5)"] },
        cwd: process.cwd(),
        env: {},
        init: { type: "init" },
        local: (job, id) => new Promise(() => void [job, id]),
        onReply: () => undefined,
      }),
    ).rejects.toThrow(/did not start \(exit code 5\)/);
  });
});
