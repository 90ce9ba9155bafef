// `drill run <plan>`: live on the console, or with --script on a virtual clock.

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { applyEvent, foldDrill } from "../core/engine.js";
import type { DrillEvent, LogHeader, NewEvent } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { seedFrom } from "../core/unannounced.js";
import { formatProblem, InputError, UsageError } from "../errors.js";
import { decodeText, readInputFile, SCRIPT_INPUT } from "../input.js";
import { resolveLang } from "../lang.js";
import { logMessages } from "../log/messages.js";
import { readLog } from "../log/reader.js";
import { checkOutput } from "../output.js";
import { type LoadedPlan, readPlanFile } from "../plan/load.js";
import { shellWord, verifyHeadCommand } from "../program.js";
import { runMessages } from "../run/messages.js";
import { type RunOptions, reportRule, writeRunReport } from "../run/options.js";
import { displayPath } from "../run/paths.js";
import { parseScript, type ScriptEntry } from "../run/script.js";
import { runScript, type ScriptedRunOptions } from "../run/scripted.js";
import { openDrill, sha256 } from "../run/session.js";
import { oneLine } from "../text.js";

export type { RunOptions } from "../run/options.js";

export async function run(
  planPath: string | undefined,
  options: RunOptions,
  ctx: CommandContext,
): Promise<number> {
  if (options.log && options.resume) {
    throw new UsageError("--log and --resume cannot be used together", {
      hint: "--resume appends to the log it names",
    });
  }
  if (options.seed !== undefined && !options.unannounced) {
    throw new UsageError("--seed goes with --unannounced", {
      hint: "`drill run <plan> --unannounced --seed 7` draws the same inject times again",
    });
  }
  if (options.unannounced && options.resume) {
    throw new UsageError("--unannounced starts a drill; a resumed one keeps how it started", {
      hint: "leave out --unannounced: the log already says whether the drill is unannounced",
    });
  }
  if (options.script && (options.room || options.host || options.port !== undefined)) {
    throw new UsageError("--room opens the room beside the live console, not for a scripted run", {
      hint: "leave out --script to run the drill live with the room, or --room to run the script",
    });
  }
  if (planPath === undefined && !options.resume) {
    throw new UsageError("which plan? `drill run` needs a plan file", {
      hint: `\`${ctx.program ?? "drill"} run <plan.yaml>\`, or \`--resume <log>\` to continue a drill (its log holds its plan)`,
    });
  }
  // The report is written when the drill ends: what is in its way is found before it starts.
  if (options.report)
    await checkOutput(
      resolve(ctx.cwd, options.report),
      options.report,
      reportRule(planPath, options, ctx.cwd),
    );
  if (!options.script) {
    const { runLive } = await import("../console/live.js");
    return runLive(planPath, options, ctx);
  }
  return runScripted(planPath, { ...options, script: options.script }, ctx);
}

/**
 * A scripted run; `onEvent` sees each event once it is in the log (the demo narrates them).
 * `preloaded` is the plan at `planPath` already read, for a caller that runs many scripts on one.
 */
export async function runScripted(
  planPath: string | undefined,
  options: RunOptions & { script: string },
  ctx: CommandContext,
  onEvent?: (event: DrillEvent, header: LogHeader) => void,
  preloaded?: LoadedPlan,
): Promise<number> {
  const startedAt = options.startTime ? parseStartTime(options.startTime) : ctx.now();
  // A script is held to a plan's limits: a regular file, at most 4 MiB, UTF-8.
  const bytes = await readInputFile(resolve(ctx.cwd, options.script), options.script, SCRIPT_INPUT);
  const source = decodeText(bytes, options.script, SCRIPT_INPUT);
  const script = { file: options.script, sha256: sha256(source) };

  // Everything wrong with the plan, the script or the log is found before a log is created
  // or grows: a rehearsal of the whole run in memory, through the same engine.
  let plan: Plan;
  let loaded: LoadedPlan | undefined;
  let logged: DrillEvent[] = [];
  if (options.resume) {
    const log = await readLog(resolve(ctx.cwd, options.resume), { name: options.resume });
    if (log.header.script && log.header.script.sha256 !== script.sha256) {
      throw new InputError("the decision script has changed since this drill started", {
        location: { file: options.script },
        hint: "a resumed run matches the script's entries by line, so it needs the script it started with; restore it, or start a new drill",
      });
    }
    plan = log.header.plan;
    logged = log.events;
  } else {
    if (planPath === undefined) throw new UsageError("which plan? `drill run` needs a plan file");
    loaded = preloaded ?? (await readPlanFile(planPath, { cwd: ctx.cwd }));
    plan = options.speed
      ? { ...loaded.plan, clock: { ...loaded.plan.clock, speed: options.speed } }
      : loaded.plan;
  }
  const parsed = parseScript(source, options.script, plan);
  if (parsed.problems.some((p) => p.severity === "error")) {
    throw new InputError("the script has problems", { problems: parsed.problems });
  }
  const done = new Set(logged.flatMap((event) => (event.ref ? [event.ref] : [])));
  const unannounced = options.unannounced
    ? { unannounced: { seed: options.seed ?? seedFrom(startedAt.getTime()) } }
    : {};
  rehearse(plan, logged, parsed.entries, { startedAt, done, ...unannounced });
  for (const problem of parsed.problems) ctx.stderr.write(`${formatProblem(problem)}\n`);

  const drill = await openDrill(
    {
      planPath,
      clock: "virtual",
      startedAt,
      script,
      ...(loaded ? { loaded } : {}),
      ...(options.startTime ? { timeZone: zoneOf(options.startTime) ?? ctx.timeZone } : {}),
      ...(options.log ? { logPath: options.log } : {}),
      ...(options.resume ? { resumePath: options.resume } : {}),
      ...(options.speed ? { speed: options.speed } : {}),
      ...(options.sign ? { sign: options.sign } : {}),
    },
    ctx,
  );
  const eventsBefore = drill.state.counts.events;
  const endedBefore = drill.state.ended;
  try {
    const emit = onEvent
      ? (event: NewEvent) => {
          const written = drill.emit(event);
          onEvent(written, drill.header);
          return written;
        }
      : drill.emit;
    runScript(drill.state, parsed.entries, emit, { startedAt, done, ...unannounced });
  } finally {
    drill.writer.close();
  }

  const logPath = displayPath(drill.writer.path, ctx.cwd);
  const { state } = drill;
  const injects = [...state.injects.values()];
  const outcome =
    endedBefore && state.counts.events === eventsBefore
      ? "already"
      : drill.resumed
        ? "resumed"
        : "finished";
  const lang = resolveLang(options.lang, drill.plan.lang, ctx.env);
  const words = runMessages[lang];
  ctx.stdout.write(
    `${[
      words.summary(outcome, oneLine(drill.plan.title), {
        delivered: injects.filter((i) => i.status === "delivered").length,
        skipped: injects.filter((i) => i.status === "skipped").length,
        decisions: state.counts.decisions,
        notes: state.counts.notes,
      }),
      words.logAt(logPath),
      words.reviewWith(`${ctx.program ?? "drill"} review ${shellWord(logPath)}`),
    ].join("\n")}\n`,
  );
  const verify = verifyHeadCommand(ctx.program ?? "drill", logPath, drill.writer.head);
  ctx.stdout.write(`${logMessages[lang].headToNote(drill.writer.head, verify)}\n`);
  if (options.report)
    await writeRunReport(drill.writer.path, planPath, { ...options, report: options.report }, ctx);
  return 0;
}

/** Runs the script over a copy of the state in memory, so its errors surface before any write. */
function rehearse(
  plan: Plan,
  logged: readonly DrillEvent[],
  entries: readonly ScriptEntry[],
  options: ScriptedRunOptions,
): void {
  const state = foldDrill(plan, logged);
  let seq = state.lastSeq;
  runScript(
    state,
    entries,
    (event) => {
      const numbered = { ...event, seq: ++seq, wall: event.wall ?? "" } as DrillEvent;
      applyEvent(state, numbered);
      return numbered;
    },
    options,
  );
}

/** The offset an ISO date-time was written with ("+08:00"; "UTC" for "Z"), if any. */
function zoneOf(text: string): string | undefined {
  const match = /(Z|[+-]\d{2}:?\d{2})$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  return match[1].toUpperCase() === "Z" ? "UTC" : match[1];
}

function parseStartTime(text: string): Date {
  const date = new Date(text);
  const year = date.getUTCFullYear();
  // A log's times are ISO 8601 date-times: the years 1 to 9999.
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new UsageError(`--start-time is not a date-time: "${text}"`, {
      hint: 'use ISO 8601, e.g. "2026-11-24T09:00:00+08:00"',
    });
  }
  return date;
}
