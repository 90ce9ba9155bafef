// `drill run <plan>`: live on the console, or with --script on a virtual clock.

import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import type { CommandContext } from "../context.js";
import type { DrillEvent, LogHeader, NewEvent } from "../core/events.js";
import { formatProblem, InputError, UsageError } from "../errors.js";
import { parseScript } from "../run/script.js";
import { runScript } from "../run/scripted.js";
import { openDrill } from "../run/session.js";

export interface RunOptions {
  script?: string;
  log?: string;
  resume?: string;
  speed?: number;
  lang?: string;
  report?: string;
  startTime?: string;
}

export async function run(
  planPath: string,
  options: RunOptions,
  ctx: CommandContext,
): Promise<number> {
  if (options.log && options.resume) {
    throw new UsageError("--log and --resume cannot be used together", {
      hint: "--resume appends to the log it names",
    });
  }
  if (!options.script) {
    const { runLive } = await import("../console/live.js");
    return runLive(planPath, options, ctx);
  }
  return runScripted(planPath, { ...options, script: options.script }, ctx);
}

/** A scripted run; `onEvent` sees each event once it is in the log (the demo narrates them). */
export async function runScripted(
  planPath: string,
  options: RunOptions & { script: string },
  ctx: CommandContext,
  onEvent?: (event: DrillEvent, header: LogHeader) => void,
): Promise<number> {
  const startedAt = options.startTime ? parseStartTime(options.startTime) : ctx.now();
  const drill = await openDrill(
    {
      planPath,
      clock: "virtual",
      startedAt,
      ...(options.startTime ? { timeZone: zoneOf(options.startTime) ?? ctx.timeZone } : {}),
      ...(options.log ? { logPath: options.log } : {}),
      ...(options.resume ? { resumePath: options.resume } : {}),
      ...(options.speed ? { speed: options.speed } : {}),
    },
    ctx,
  );
  try {
    const scriptPath = resolve(ctx.cwd, options.script);
    const source = await readFile(scriptPath, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read the script: ${error.code ?? error.message}`, {
        location: { file: options.script },
        hint: "check the path given to --script",
      });
    });
    const script = parseScript(source, options.script, drill.plan);
    const errors = script.problems.filter((p) => p.severity === "error");
    if (errors.length > 0)
      throw new InputError(`${errors.length} problem(s) in the script`, {
        problems: script.problems,
      });
    for (const problem of script.problems) ctx.stderr.write(`${formatProblem(problem)}\n`);

    const done = new Set(drill.events.flatMap((event) => (event.ref ? [event.ref] : [])));
    const emit = onEvent
      ? (event: NewEvent) => {
          const written = drill.emit(event);
          onEvent(written, drill.header);
        }
      : drill.emit;
    runScript(drill.state, script.entries, emit, { startedAt, done });
  } finally {
    drill.writer.close();
  }

  const logPath = displayPath(drill.writer.path, ctx.cwd);
  const { state } = drill;
  const delivered = [...state.injects.values()].filter((i) => i.status === "delivered").length;
  const skipped = [...state.injects.values()].filter((i) => i.status === "skipped").length;
  ctx.stdout.write(
    `${drill.resumed ? "Resumed and finished" : "Finished"} the drill "${drill.plan.title}": ` +
      `${delivered} injects delivered, ${skipped} skipped, ${state.counts.decisions} decisions, ${state.counts.notes} notes.\n` +
      `Log: ${logPath}\nReport: drill review ${logPath}\n`,
  );
  if (options.report) {
    const { writeReportFile } = await import("../review/write.js");
    await writeReportFile(drill.writer.path, options.report, options.lang, ctx);
  }
  return 0;
}

/** Relative to the working folder when inside it, so the printed commands are short. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** The offset an ISO date-time was written with ("+08:00"; "UTC" for "Z"), if any. */
function zoneOf(text: string): string | undefined {
  const match = /(Z|[+-]\d{2}:?\d{2})$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  return match[1].toUpperCase() === "Z" ? "UTC" : match[1];
}

function parseStartTime(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`--start-time is not a date-time: "${text}"`, {
      hint: 'use ISO 8601, e.g. "2026-11-24T09:00:00+08:00"',
    });
  }
  return date;
}
