// The review of one log, from the log to the written report: analysed, formatted, and
// written to a file or to stdout. `drill review` and `drill run --report` both go through
// `reviewLog`, so the two cannot review a log differently.

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import type { Plan } from "../core/plan.js";
import { formatProblem, type Problem, UsageError } from "../errors.js";
import { resolveLang } from "../lang.js";
import type { CommandInput } from "../output.js";
import {
  analyseLogFile,
  analyseLogWithAppendix,
  type ReportSink,
  reportFormat,
  type ScoringPlan,
  streamSink,
  writeReport,
  writeReportToFile,
} from "./file.js";
import { reviewMessages } from "./messages.js";
import type { Review } from "./model.js";

export interface ReviewLogOptions {
  /** The log, as the user named it (relative to `ctx.cwd`); problems name it so. */
  log: string;
  /** The report file (relative to `ctx.cwd`); stdout when absent. */
  out?: string;
  /** md, json, docx or html; else inferred from `out`. */
  format?: string;
  /** Who ran the drill, for the cover of a Word or HTML report. */
  organiser?: string;
  lang?: string;
  /** Scores the log against this plan instead of the one in its header. */
  plan?: ScoringPlan;
  /** The output rule (src/output.ts): replace an existing report; files never replaced. */
  force?: boolean;
  inputs?: readonly CommandInput[];
}

/** Reviews a log and writes its report; returns the review. Warnings go to `ctx.stderr`. */
export async function reviewLog(options: ReviewLogOptions, ctx: CommandContext): Promise<Review> {
  const log = resolve(ctx.cwd, options.log);
  const format = reportFormat(options.out, options.format);
  if (format === "docx" && options.out === undefined)
    throw new UsageError("a Word report cannot be written to standard output", {
      hint: "give the file with -o, e.g. -o review.docx",
    });
  const analyseOptions = {
    plan: options.plan,
    lang: (plan: Plan) => resolveLang(options.lang, plan.lang, ctx.env),
    name: options.log,
    onWarning: (problem: Problem) => ctx.stderr.write(`${formatProblem(problem)}\n`),
  };
  // Every report but JSON gathers its decision log in the same read as the analysis.
  const { review, appendix } =
    format === "json"
      ? { review: await analyseLogFile(log, analyseOptions), appendix: undefined }
      : await analyseLogWithAppendix(log, analyseOptions, format);
  try {
    const write = (sink: ReportSink) =>
      writeReport(
        review,
        format,
        review.lang,
        log,
        sink,
        options.log,
        { ...(options.organiser !== undefined ? { organiser: options.organiser } : {}) },
        appendix,
      );
    if (options.out === undefined) await write(streamSink(ctx.stdout));
    else
      await writeReportToFile(
        resolve(ctx.cwd, options.out),
        write,
        options.out,
        {
          force: options.force ?? false,
          inputs: [{ path: log, shown: options.log, what: "the log" }, ...(options.inputs ?? [])],
        },
        `review.${format}`,
      );
  } finally {
    appendix?.remove();
  }
  return review;
}

/** `drill run --report <file>`: the report of the drill just run, written beside its log. */
export async function writeReportFile(
  logPath: string,
  outPath: string,
  lang: string | undefined,
  ctx: CommandContext,
  rule: Pick<ReviewLogOptions, "force" | "inputs"> = {},
): Promise<void> {
  const review = await reviewLog({ log: logPath, out: outPath, lang, ...rule }, ctx);
  ctx.stdout.write(`${reviewMessages[review.lang].reportWritten(outPath)}\n`);
}
