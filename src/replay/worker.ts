// A replay worker: reads requests a line at a time, replays each log in turn (streaming it and
// writing its reports itself) and answers with the log's row only, so the parent holds rows
// and never a Review. Stays alive for as many logs as it is given, until its input ends.

import { once } from "node:events";
import { createInterface } from "node:readline";
import type { CommandContext, OutputStream } from "../context.js";
import { DrillError, formatLocation, InputError } from "../errors.js";
import { resolveLang } from "../lang.js";
import type { FailedLog } from "./markdown.js";
import type { WorkerReply, WorkerRequest } from "./protocol.js";
import { type ReplayJob, type ReplaySettings, replayLog } from "./replay-log.js";

/** A log's failure as the summary lists it: where, what, and the hint. */
export function failureOf(error: unknown, file: string): FailedLog {
  if (error instanceof InputError && error.problems[0]) {
    const problem = error.problems[0];
    return {
      file,
      location: formatLocation(problem.location),
      message: problem.message,
      ...(problem.hint ? { hint: problem.hint } : {}),
    };
  }
  if (error instanceof DrillError) {
    return {
      file,
      ...(error.location ? { location: formatLocation(error.location) } : {}),
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    };
  }
  // A bug rather than a bad log: still one log's failure, not the batch's.
  const message = error instanceof Error ? error.message : String(error);
  return { file, message: `internal error: ${message}` };
}

export function settingsFor(
  request: Extract<WorkerRequest, { type: "init" }>,
  env: CommandContext["env"],
): ReplaySettings {
  return {
    ...(request.scoring ? { scoring: request.scoring } : {}),
    lang: (plan) => resolveLang(request.lang, plan.lang, env),
  };
}

async function send(stream: OutputStream, reply: WorkerReply): Promise<void> {
  if (stream.write(`${JSON.stringify(reply)}\n`)) return;
  const emitter = stream as Partial<NodeJS.EventEmitter>;
  if (typeof emitter.once === "function") await once(emitter as NodeJS.EventEmitter, "drain");
}

/** Logs a process replays at once: while one waits on the disk, the other computes. */
export const LOGS_AT_ONCE = 2;

/** Replays one log, answering as a worker does: its row, or why it failed. */
export async function replayOne(
  id: number,
  job: ReplayJob,
  settings: ReplaySettings,
): Promise<Exclude<WorkerReply, { type: "ready" }>> {
  try {
    const { row, warnings } = await replayLog(job, settings);
    return { type: "done", id, row, warnings };
  } catch (error) {
    return { type: "failed", id, failure: failureOf(error, job.name) };
  }
}

export async function runReplayWorker(ctx: CommandContext): Promise<number> {
  let settings: ReplaySettings | undefined;
  const running = new Set<Promise<void>>();
  const lines = createInterface({ input: ctx.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    if (text.trim() === "") continue;
    const request = JSON.parse(text) as WorkerRequest;
    if (request.type === "init") {
      settings = settingsFor(request, ctx.env);
      await send(ctx.stdout, { type: "ready" });
      continue;
    }
    if (!settings) throw new Error("replay worker: a log came before its settings");
    const task = replayOne(request.id, request.job, settings).then((reply) =>
      send(ctx.stdout, reply),
    );
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= LOGS_AT_ONCE) await Promise.race(running);
  }
  await Promise.all(running);
  return 0;
}
