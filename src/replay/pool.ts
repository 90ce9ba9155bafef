// The replay's workers, seen from the parent: child processes of this same CLI, each kept
// alive for many logs and given its next one before it finishes the last, so no core waits.
// The parent takes logs from the same queue too, so N jobs are N processes, not N + 1: it
// would otherwise sit idle, holding a Node of its own. A worker that dies takes only the
// logs it held: each is tried once more on a fresh worker, and fails alone if it kills that
// one too.

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { SelfCommand } from "../self.js";
import { LogQueue } from "./log-queue.js";
import type { FailedLog } from "./markdown.js";
import { WORKER_COMMAND, type WorkerReply, type WorkerRequest } from "./protocol.js";
import type { ReplayJob } from "./replay-log.js";

export type LogReply = Exclude<WorkerReply, { type: "ready" }>;

export interface PoolOptions {
  /** Child processes besides this one. */
  children: number;
  self: SelfCommand;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  init: Extract<WorkerRequest, { type: "init" }>;
  /** Replays one log in this process, answering as a worker would. */
  local: (job: ReplayJob, id: number) => Promise<LogReply>;
  /** Logs this process replays at once (default 1). */
  localAtOnce?: number;
  /** Logs sent ahead to each child. */
  depth?: number;
  /** Called once per log, in the order the answers come. */
  onReply: (reply: LogReply) => void;
}

const STDERR_TAIL = 4096;

interface Child {
  held: Set<number>;
  ready: boolean;
  send(request: WorkerRequest): void;
  finish(): void;
  stderr: string;
}

/** Replays `jobs` here and on the children; resolves when every log has its answer. */
export function runPool(jobs: readonly ReplayJob[], options: PoolOptions): Promise<void> {
  const depth = options.depth ?? 2;
  const queue = new LogQueue(jobs.length);
  /** Logs held by a worker that died: each goes alone to a worker of its own. */
  const suspects = new Set<number>();
  let answered = 0;
  let live = 0;
  const children = new Set<Child>();

  return new Promise<void>((resolve, reject) => {
    let failed = false;
    /** Loops replaying logs in this process. */
    let localRunning = 0;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const c of children) c.finish();
      reject(error);
    };

    const answer = (reply: LogReply) => {
      answered++;
      options.onReply(reply);
    };

    const settle = () => {
      if (failed || answered < jobs.length) return;
      for (const c of children) c.finish();
      if (live === 0 && localRunning === 0) resolve();
    };

    const localLoop = async () => {
      localRunning++;
      try {
        for (
          let index = queue.nextFresh();
          index !== undefined && !failed;
          index = queue.nextFresh()
        ) {
          answer(await options.local(jobs[index] as ReplayJob, index));
          for (const c of children) feed(c);
        }
      } finally {
        localRunning--;
      }
      settle();
    };

    const feed = (c: Child) => {
      while (c.ready && c.held.size < depth && queue.size > 0) {
        if ([...c.held].some((i) => suspects.has(i))) return;
        const index = c.held.size === 0 ? queue.next() : queue.nextFresh();
        if (index === undefined) return;
        c.held.add(index);
        c.send({ type: "log", id: index, job: jobs[index] as ReplayJob });
      }
    };

    const start = () => {
      live++;
      const worker = spawn(options.self.command, [...options.self.args, WORKER_COMMAND], {
        cwd: options.cwd,
        env: { ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      const child: Child = {
        held: new Set(),
        ready: false,
        stderr: "",
        send(request) {
          worker.stdin.write(`${JSON.stringify(request)}\n`);
        },
        finish() {
          if (!worker.stdin.writableEnded) worker.stdin.end();
        },
      };
      children.add(child);
      // A child that has already gone cannot take its input; its close tells what happened.
      worker.stdin.on("error", () => undefined);
      worker.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        child.stderr = (child.stderr + chunk).slice(-STDERR_TAIL);
      });
      worker.on("error", fail);
      const replies = createInterface({
        input: worker.stdout,
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      replies.on("line", (text) => {
        let reply: WorkerReply;
        try {
          reply = JSON.parse(text) as WorkerReply;
        } catch {
          child.stderr = (child.stderr + text).slice(-STDERR_TAIL);
          return;
        }
        if (reply.type === "ready") child.ready = true;
        else if (child.held.delete(reply.id)) {
          try {
            answer(reply);
          } catch (error) {
            fail(error);
            return;
          }
        }
        feed(child);
        settle();
      });
      worker.on("close", (code, signal) => {
        live--;
        children.delete(child);
        if (failed) return;
        const how = signal ?? `exit code ${code}`;
        if (!child.ready) {
          fail(new Error(`a replay worker did not start (${how}): ${child.stderr.trim()}`));
          return;
        }
        const lastWords = child.stderr.trim().split("\n").at(-1);
        const alone = child.held.size === 1;
        for (const index of child.held) {
          if (!alone) {
            suspects.add(index);
            queue.retry(index);
            continue;
          }
          const failure: FailedLog = {
            file: (jobs[index] as ReplayJob).name,
            message: `the worker replaying it stopped (${how})${lastWords ? `: ${lastWords}` : ""}`,
          };
          try {
            answer({ type: "failed", id: index, failure });
          } catch (error) {
            fail(error);
            return;
          }
        }
        if (queue.size > 0 && live < options.children) start();
        settle();
      });
      child.send(options.init);
    };

    if (jobs.length === 0) {
      resolve();
      return;
    }
    for (let i = 0; i < Math.min(options.children, jobs.length - 1); i++) start();
    for (let i = 0; i < (options.localAtOnce ?? 1); i++) void localLoop().catch(fail);
  });
}
