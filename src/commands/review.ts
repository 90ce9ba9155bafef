// `drill review <log>`: the after-action report of a drill, as markdown or JSON, scored
// against the plan in the log or a revised one (--plan).

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { formatProblem, UsageError } from "../errors.js";
import { readPlanFile } from "../plan/load.js";
import type { ScoringPlan } from "../review/file.js";
import { reviewLog } from "../review/write.js";

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

  let scoring: ScoringPlan | undefined;
  if (options.plan) {
    const loaded = await readPlanFile(options.plan, { cwd: ctx.cwd });
    for (const problem of loaded.warnings) ctx.stderr.write(`${formatProblem(problem)}\n`);
    scoring = { plan: loaded.plan, file: loaded.file, sha256: loaded.sha256 };
  }

  await reviewLog(
    { log: logPath, out: options.out, format: options.format, lang: options.lang, plan: scoring },
    ctx,
  );
  return 0;
}
