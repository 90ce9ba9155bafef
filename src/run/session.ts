// Opening the log of a drill, new or resumed: shared by the live console and scripted runs
// so both write the same header and resume the same way.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { format } from "date-fns";
import type { CommandContext } from "../context.js";
import { applyEvent, type DrillState, foldDrill } from "../core/engine.js";
import { type DrillEvent, LOG_FORMAT, type LogHeader, type NewEvent } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { formatProblem, InputError, type Problem } from "../errors.js";
import { readSigner } from "../log/seal.js";
import { LogWriter } from "../log/writer.js";
import { type LoadedPlan, readPlanFile } from "../plan/load.js";
import { shellWord } from "../program.js";
import { oneLine } from "../text.js";
import { VERSION } from "../version.js";

export interface OpenDrillOptions {
  /** The plan file; a resumed drill may go without (its log holds its plan). */
  planPath?: string;
  /** The plan already read from `planPath`, for a new drill. */
  loaded?: LoadedPlan;
  /** Where to write a new log (default: drills/<plan>-<start>.jsonl under the working folder). */
  logPath?: string;
  /** A log to continue instead of starting a new one. */
  resumePath?: string;
  clock: LogHeader["clock"];
  /** Wall-clock start; defaults to ctx.now(). */
  startedAt?: Date;
  /** Speed for a new drill, overriding the plan's. */
  speed?: number;
  /** Time zone to record; defaults to the user's. */
  timeZone?: string;
  /** The decision script of a scripted run, recorded so a resume can check it is unchanged. */
  script?: LogHeader["script"];
  /** A private key file that signs the log's seals (`--sign`). */
  sign?: string;
}

export interface OpenDrill {
  plan: Plan;
  header: LogHeader;
  writer: LogWriter;
  state: DrillState;
  /** Events already in the log (empty for a new drill). */
  events: DrillEvent[];
  resumed: boolean;
  /** The log's path as the user gave it (or the default one), for messages. */
  logName: string;
  /** Appends an event to the log (durably) and folds it into `state`. */
  emit: (event: NewEvent) => DrillEvent;
  /** Appends several events with one write and one fsync (group commit) and folds them. */
  emitMany: (events: NewEvent[]) => DrillEvent[];
}

export async function openDrill(
  options: OpenDrillOptions,
  ctx: CommandContext,
): Promise<OpenDrill> {
  const warn = (problem: Problem) => ctx.stderr.write(`${formatProblem(problem)}\n`);
  const signer = options.sign
    ? { signer: await readSigner(resolve(ctx.cwd, options.sign), options.sign) }
    : {};
  let writer: LogWriter;
  let header: LogHeader;
  let events: DrillEvent[] = [];
  let plan: Plan;
  let logName: string;
  if (options.resumePath) {
    logName = options.resumePath;
    const resumed = await LogWriter.resume(resolve(ctx.cwd, logName), {
      now: ctx.now,
      name: logName,
      onWarning: warn,
      ...signer,
    });
    ({ writer, header, events } = resumed);
    // The drill goes on under the plan it started with, so its state is exactly what was seen.
    plan = header.plan;
    if (options.planPath !== undefined) {
      try {
        await checkResumedPlan(options.planPath, header, logName, ctx, warn);
      } catch (error) {
        writer.close();
        throw error;
      }
    }
  } else {
    if (options.planPath === undefined) throw new InputError("a new drill needs its plan file");
    const loaded = options.loaded ?? (await readPlanFile(options.planPath, { cwd: ctx.cwd }));
    for (const problem of loaded.warnings) warn(problem);
    plan = options.speed
      ? { ...loaded.plan, clock: { ...loaded.plan.clock, speed: options.speed } }
      : loaded.plan;
    const startedAt = options.startedAt ?? ctx.now();
    logName = options.logPath ?? defaultLogPath(options.planPath, startedAt);
    const timeZone = options.timeZone ?? ctx.timeZone;
    header = {
      seq: 0,
      type: "header",
      format: LOG_FORMAT,
      tool: `drillbook ${VERSION}`,
      startedAt: startedAt.toISOString(),
      wall: startedAt.toISOString(),
      t: 0,
      plan,
      planSha256: loaded.sha256,
      planSource: loaded.source,
      planFile: options.planPath,
      clock: options.clock,
      ...(timeZone ? { timeZone } : {}),
      ...(options.script ? { script: options.script } : {}),
    };
    writer = await LogWriter.create(resolve(ctx.cwd, logName), header, {
      now: ctx.now,
      name: logName,
      onWarning: warn,
      ...signer,
    });
  }
  const state = foldDrill(plan, events);
  const emit = (event: NewEvent): DrillEvent => {
    const written = writer.append(event);
    applyEvent(state, written);
    return written;
  };
  const emitMany = (batch: NewEvent[]): DrillEvent[] => {
    const written = writer.appendMany(batch);
    for (const event of written) applyEvent(state, event);
    return written;
  };
  return {
    plan,
    header,
    writer,
    state,
    events,
    resumed: Boolean(options.resumePath),
    logName,
    emit,
    emitMany,
  };
}

/**
 * The plan named beside `--resume` against the one in the log: the same file revised is said
 * and the drill goes on with the log's plan; another plan's log is refused, so a drill is not
 * continued in the wrong log by mistake.
 */
async function checkResumedPlan(
  planPath: string,
  header: LogHeader,
  logName: string,
  ctx: CommandContext,
  warn: (problem: Problem) => void,
): Promise<void> {
  const planBytes = await readFile(resolve(ctx.cwd, planPath)).catch(() => undefined);
  if (!planBytes || sha256(planBytes) === header.planSha256) return;
  const given = await readPlanFile(planPath, { cwd: ctx.cwd }).catch(() => undefined);
  const sameName =
    header.planFile !== undefined && basename(header.planFile) === basename(planPath);
  if (given && given.plan.title !== header.plan.title && !sameName) {
    throw new InputError(
      `this log is a drill of another plan: "${oneLine(header.plan.title)}"${header.planFile ? ` (${header.planFile})` : ""}, not of ${planPath} ("${oneLine(given.plan.title)}")`,
      {
        location: { file: logName },
        hint: `to continue that drill, leave the plan out: \`${ctx.program ?? "drill"} run --resume ${shellWord(logName)}\` (the log holds its plan); to start a drill of ${planPath}, leave out --resume`,
      },
    );
  }
  warn({
    severity: "warning",
    location: { file: planPath },
    message:
      "the plan file has changed since this drill started; the drill continues with the plan kept in its log",
    hint: `to score the drill against the revised plan afterwards, use \`${ctx.program ?? "drill"} review <log> --plan <file>\``,
  });
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** drills/<plan name>-<yyyyMMdd-HHmmss>.jsonl */
export function defaultLogPath(planPath: string, startedAt: Date): string {
  const base = planPath.replace(/^.*[\\/]/, "").replace(/\.(ya?ml)$/i, "");
  return `drills/${base}-${format(startedAt, "yyyyMMdd-HHmmss")}.jsonl`;
}

/** Thrown when resuming a log whose drill has already ended and there is nothing left to do. */
export function alreadyEnded(logPath: string, program = "drill"): InputError {
  return new InputError("this drill has already ended", {
    location: { file: logPath },
    hint: `review it with \`${program} review ${shellWord(logPath)}\``,
  });
}
