// `drill run --report <file>`: the report of the drill just run, written beside its log.
// The format follows the file's extension (.json, else markdown).

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { formatProblem } from "../errors.js";
import { resolveLang } from "../lang.js";
import { analyseLogFile, reportFormat, writeReport, writeReportToFile } from "./file.js";
import { reviewMessages } from "./messages.js";

export async function writeReportFile(
  logPath: string,
  outPath: string,
  lang: string | undefined,
  ctx: CommandContext,
): Promise<void> {
  const log = resolve(ctx.cwd, logPath);
  const review = await analyseLogFile(log, {
    lang: (plan) => resolveLang(lang, plan.lang, ctx.env),
    onWarning: (problem) => ctx.stderr.write(`${formatProblem(problem)}\n`),
  });
  const format = reportFormat(outPath, undefined);
  await writeReportToFile(resolve(ctx.cwd, outPath), (sink) =>
    writeReport(review, format, review.lang, log, sink),
  );
  ctx.stdout.write(`${reviewMessages[review.lang].reportWritten(outPath)}\n`);
}
