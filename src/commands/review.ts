// `drill review <log>`: the after-action report of a drill, as markdown or JSON, scored
// against the plan in the log or a revised one (--plan).

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { formatProblem } from "../errors.js";
import { type CommandInput, checkOutput } from "../output.js";
import { reportFormat, type ScoringPlan } from "../review/file.js";
import { reviewLog } from "../review/write.js";

export interface ReviewOptions {
  lang?: string;
  format?: string;
  out?: string;
  plan?: string;
  force?: boolean;
  organiser?: string;
  /** The rectification ledger this drill is applied to. */
  ledger?: string;
}

export async function review(
  logPath: string,
  options: ReviewOptions,
  ctx: CommandContext,
): Promise<number> {
  const inputs: CommandInput[] = [
    { path: resolve(ctx.cwd, logPath), shown: logPath, what: "the log" },
  ];
  if (options.plan)
    inputs.push({ path: resolve(ctx.cwd, options.plan), shown: options.plan, what: "the plan" });
  const ledger = options.ledger
    ? await (await import("../ledger/file.js")).readLedgerFile(options.ledger, ctx, {
        create: true,
      })
    : undefined;
  // The report never replaces the ledger, nor the ledger the log or the plan.
  const rule = {
    force: options.force ?? false,
    inputs: ledger
      ? [...inputs, { path: ledger.path, shown: ledger.shown, what: "the ledger" }]
      : inputs,
  };
  // Refused before the review is made, and checked again as it is written.
  if (options.out !== undefined)
    await checkOutput(resolve(ctx.cwd, options.out), options.out, {
      ...rule,
      example: `review.${reportFormat(options.out, options.format)}`,
    });

  let scoring: ScoringPlan | undefined;
  if (options.plan) {
    // The YAML parser is loaded only for a plan to score against.
    const { readPlanFile } = await import("../plan/load.js");
    const loaded = await readPlanFile(options.plan, { cwd: ctx.cwd });
    for (const problem of loaded.warnings) ctx.stderr.write(`${formatProblem(problem)}\n`);
    scoring = { plan: loaded.plan, file: loaded.file, sha256: loaded.sha256 };
  }

  const reviewed = await reviewLog(
    {
      log: logPath,
      out: options.out,
      format: options.format,
      lang: options.lang,
      plan: scoring,
      ...(options.organiser !== undefined ? { organiser: options.organiser } : {}),
      ...rule,
    },
    ctx,
  );
  if (ledger) {
    const { ledgerApplier } = await import("../ledger/file.js");
    const { drillRow } = await import("../replay/row.js");
    const applier = ledgerApplier(ledger, inputs);
    applier.add(drillRow(reviewed, { file: logPath }));
    await applier.finish(reviewed.lang, ctx);
  }
  return 0;
}
