// `drill review <log>`: the after-action report of a drill, as markdown or JSON, scored
// against the plan in the log or a revised one (--plan).

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { formatProblem, type Problem, UsageError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { readPlanFile } from "../plan/load.js";
import {
  analyseLogFile,
  reportFormat,
  type ScoringPlan,
  streamSink,
  writeReport,
  writeReportToFile,
} from "../review/file.js";

export interface ReviewOptions {
  lang?: string;
  format?: string;
  out?: string;
  plan?: string;
}

export async function review(
  logPath: string,
  options: ReviewOptions,
  ctx: CommandContext,
): Promise<number> {
  const log = resolve(ctx.cwd, logPath);
  const out = options.out === undefined ? undefined : resolve(ctx.cwd, options.out);
  if (out === log) {
    throw new UsageError("--out names the log itself", {
      hint: "write the report to another file, e.g. -o review.md",
    });
  }
  const warn = (problem: Problem) => ctx.stderr.write(`${formatProblem(problem)}\n`);

  let scoring: ScoringPlan | undefined;
  if (options.plan) {
    const loaded = await readPlanFile(options.plan, { cwd: ctx.cwd });
    for (const problem of loaded.warnings) warn(problem);
    scoring = { plan: loaded.plan, file: loaded.file, sha256: loaded.sha256 };
  }

  const result = await analyseLogFile(log, {
    ...(scoring ? { plan: scoring } : {}),
    lang: (plan) => resolveLang(options.lang, plan.lang, ctx.env),
    name: logPath,
    onWarning: warn,
  });
  const format = reportFormat(options.out, options.format);
  const write = (sink: Parameters<typeof writeReport>[4]) =>
    writeReport(result, format, result.lang, log, sink, logPath);
  if (out) await writeReportToFile(out, write);
  else await write(streamSink(ctx.stdout));
  return 0;
}
