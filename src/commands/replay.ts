// `drill replay <logs or folders…> --out <dir>`: every log's report regenerated, and a summary
// that compares the drills over time. `drill __replay-worker` is the hidden worker it starts.

import { availableParallelism } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { CheckFailedError, formatProblem } from "../errors.js";
import { readPlanFile } from "../plan/load.js";
import { replayBatch } from "../replay/batch.js";
import { replayMessages } from "../replay/messages.js";
import type { DrillRow } from "../replay/row.js";
import { runReplayWorker } from "../replay/worker.js";
import type { ScoringPlan } from "../review/file.js";
import { selfCommand } from "../self.js";

export interface ReplayOptions {
  out: string;
  plan?: string;
  jobs?: number;
  lang?: string;
  format?: string;
  quiet?: boolean;
  force?: boolean;
  organiser?: string;
  /** The rectification ledger the drills are applied to, oldest first. */
  ledger?: string;
}

/** Failures printed on standard error; the summary lists them all. */
const FAILURES_SHOWN = 20;

export async function replay(
  paths: string[],
  options: ReplayOptions,
  ctx: CommandContext,
): Promise<number> {
  const started = ctx.now().getTime();
  const out = resolve(ctx.cwd, options.out);
  let scoring: ScoringPlan | undefined;
  if (options.plan) {
    const loaded = await readPlanFile(options.plan, { cwd: ctx.cwd });
    for (const problem of loaded.warnings) ctx.stderr.write(`${formatProblem(problem)}\n`);
    scoring = { plan: loaded.plan, file: loaded.file, sha256: loaded.sha256 };
  }
  const ledger = options.ledger ? await openLedger(options.ledger, ctx) : undefined;
  const result = await replayBatch(
    {
      paths,
      out,
      ...(scoring ? { scoring } : {}),
      jobs: options.jobs ?? availableParallelism(),
      ...(options.lang !== undefined ? { lang: options.lang } : {}),
      format:
        options.format === "json" || options.format === "docx" || options.format === "html"
          ? options.format
          : "md",
      ...(options.organiser !== undefined ? { organiser: options.organiser } : {}),
      quiet: options.quiet ?? false,
      self: selfCommand(),
      shown: options.out,
      force: options.force ?? false,
      ...(ledger ? { eachDrill: (row: DrillRow) => ledger.add(row) } : {}),
    },
    ctx,
  );
  if (ledger) await ledger.finish(result.lang, ctx);

  const words = replayMessages[result.lang];
  for (const { name, report } of result.renamed)
    ctx.stderr.write(`${words.reportRenamed(name, shown(join(out, report), ctx.cwd))}\n`);
  for (const warning of result.warnings) ctx.stderr.write(`${warning}\n`);
  for (const failure of result.failed.slice(0, FAILURES_SHOWN)) {
    ctx.stderr.write(`${failure.location ?? failure.file}: error: ${failure.message}\n`);
  }
  if (result.failed.length > FAILURES_SHOWN)
    ctx.stderr.write(`${words.moreFailures(result.failed.length - FAILURES_SHOWN)}\n`);

  const paged = options.format === "docx" || options.format === "html";
  const summary = shown(join(out, paged ? `summary.${options.format}` : "summary.md"), ctx.cwd);
  const seconds = ((ctx.now().getTime() - started) / 1000).toFixed(1);
  ctx.stdout.write(
    `${words.done(result.replayed, result.total, result.failed.length, seconds, summary)}\n`,
  );
  if (result.failed.length > 0) {
    throw new CheckFailedError(words.failedSummary(result.failed.length, result.total), {
      hint: words.failedHint(summary),
    });
  }
  return 0;
}

/** The hidden `drill __replay-worker`: replays the logs its parent sends on standard input. */
export async function replayWorker(ctx: CommandContext): Promise<number> {
  return runReplayWorker(ctx);
}

/** The ledger the drills are applied to, created if missing. */
async function openLedger(file: string, ctx: CommandContext) {
  const { ledgerApplier, readLedgerFile } = await import("../ledger/file.js");
  return ledgerApplier(await readLedgerFile(file, ctx, { create: true }));
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
