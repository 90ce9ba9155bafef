import { catalogueWith } from "../capabilities/load.js";
import type { CommandContext } from "../context.js";
import { formatProblem, InputError, type Problem } from "../errors.js";
import { readPlanFile } from "../plan/load.js";
import { summarisePlan } from "../plan/summary.js";
import { jsonText } from "../text.js";

export interface ValidateOptions {
  json?: boolean;
  /** Capability library files of the user's own, beside the built-in ones. */
  library?: string[];
}

async function readWithLibraries(file: string, options: ValidateOptions, ctx: CommandContext) {
  const capabilities =
    options.library && options.library.length > 0
      ? { capabilities: await catalogueWith(options.library, ctx.cwd) }
      : {};
  return readPlanFile(file, { cwd: ctx.cwd, ...capabilities });
}

/**
 * `drill validate <plan>`: a one-line summary and any warnings (exit 0), or every problem
 * with file:line:col (exit 1). With `--json`, the same as one JSON object on standard output.
 */
export async function validate(
  file: string,
  options: ValidateOptions,
  ctx: CommandContext,
): Promise<number> {
  if (options.json) return validateJson(file, options, ctx);
  const loaded = await readWithLibraries(file, options, ctx);
  ctx.stdout.write(`${file}: ok — ${summarisePlan(loaded.plan).line}\n`);
  for (const warning of loaded.warnings) ctx.stderr.write(`${formatProblem(warning)}\n`);
  return 0;
}

async function validateJson(
  file: string,
  options: ValidateOptions,
  ctx: CommandContext,
): Promise<number> {
  let problems: Problem[];
  let omitted = 0;
  let summary: ReturnType<typeof summarisePlan> | undefined;
  try {
    const loaded = await readWithLibraries(file, options, ctx);
    problems = loaded.warnings;
    summary = summarisePlan(loaded.plan);
  } catch (error) {
    // Missing files stay usage errors; a bad plan is reported in the JSON.
    if (!(error instanceof InputError)) throw error;
    problems = error.problems;
    omitted = error.omitted;
  }
  const ok = summary !== undefined;
  const report = {
    file,
    ok,
    ...(summary ? { summary: summary.counts } : {}),
    errors: problems.filter((p) => p.severity === "error").length,
    warnings: problems.filter((p) => p.severity === "warning").length,
    ...(omitted > 0 ? { omitted } : {}),
    problems,
  };
  ctx.stdout.write(`${jsonText(report, 2)}\n`);
  return ok ? 0 : 1;
}
