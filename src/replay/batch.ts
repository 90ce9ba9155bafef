// `drill replay`'s batch: find the logs, replay them in this process and on its workers, keep
// their rows on disk as they come, then compare the drills oldest first and write the summary
// (and the JSON Lines). Nothing here holds a Review for longer than one log; see spool.ts.

import { mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CommandContext } from "../context.js";
import type { Lang } from "../core/plan.js";
import { UsageError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { checkOutputs, makeFolderWithin, type WriteOutputOptions } from "../output.js";
import { type ReportSink, type ScoringPlan, writeReportToFile } from "../review/file.js";
import type { SelfCommand } from "../self.js";
import { findLogs } from "./discover.js";
import { drillCells, summaryDocument } from "./document.js";
import { drillsTable, type FailedLog, summaryHead } from "./markdown.js";
import { replayMessages } from "./messages.js";
import { runPool } from "./pool.js";
import { progressBar } from "./progress.js";
import type { ReplayJob } from "./replay-log.js";
import type { DrillRow } from "./row.js";
import { RowSpool } from "./spool.js";
import { createTrend } from "./trend.js";
import { LOGS_AT_ONCE, replayOne, settingsFor } from "./worker.js";

export interface BatchOptions {
  paths: readonly string[];
  /** The output folder, absolute. */
  out: string;
  /** The output folder as the user gave it, for messages (default: `out`). */
  shown?: string;
  scoring?: ScoringPlan;
  /** Processes replaying logs: this one, and as many workers less one. */
  jobs: number;
  lang?: string;
  /** json adds the JSON Lines; docx and html add the summary in that format. */
  format: "md" | "json" | "docx" | "html";
  /** Who ran the drills, for the cover of a docx or html summary. */
  organiser?: string;
  quiet: boolean;
  /** How to start this CLI again for a worker. */
  self: SelfCommand;
  /** Replace reports and summaries already in the output folder. */
  force?: boolean;
  /** Called with each drill replayed, oldest first (the rectification ledger takes them). */
  eachDrill?: (row: DrillRow) => void;
}

export interface BatchResult {
  total: number;
  replayed: number;
  failed: FailedLog[];
  /** Problems that did not stop a log (a torn last line), formatted. */
  warnings: string[];
  lang: Lang;
  /** Logs whose reports took another name than their own, so that no two clash. */
  renamed: { name: string; report: string }[];
}

/** Latest drills that get a column each in the summary's tables and chart. */
export const RECENT_DRILLS = 10;
const WARNINGS_KEPT = 100;
const FLUSH_CHARS = 64 * 1024;

/** Writes one rendered text per row, oldest drill first, in chunks. */
async function eachRow(
  spool: RowSpool,
  render: (row: DrillRow, position: number, previous: DrillRow | undefined) => string,
  sink: ReportSink,
): Promise<void> {
  let previous: DrillRow | undefined;
  let position = 0;
  let pending = "";
  for await (const row of spool.sorted()) {
    pending += render(row, ++position, previous);
    // A drill not played through is no baseline for the next one's changes.
    if (!row.partial) previous = row;
    if (pending.length >= FLUSH_CHARS) {
      await sink(pending);
      pending = "";
    }
  }
  await sink(pending);
}

/** The drills table's rows as plain cells, oldest drill first. */
async function* drillRows(
  spool: RowSpool,
  lang: Lang,
  rescored: boolean,
): AsyncGenerator<string[]> {
  let previous: DrillRow | undefined;
  let position = 0;
  for await (const row of spool.sorted()) {
    yield drillCells(lang, rescored, row, ++position, previous);
    if (!row.partial) previous = row;
  }
}

export async function replayBatch(
  options: BatchOptions,
  ctx: CommandContext,
): Promise<BatchResult> {
  const existing = await stat(options.out).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new UsageError(`--out names a file, not a folder: ${options.out}`, {
      hint: "give a folder for the reports and the summary, e.g. -o replay",
    });
  }
  const { logs, excluded } = await findLogs(options.paths, { cwd: ctx.cwd, exclude: options.out });
  if (logs.length === 0 && excluded > 0) {
    throw new UsageError(
      `no drill logs found: the ${excluded} *.jsonl file(s) found are all inside the output folder, which replay never reads (it holds the reports)`,
      { hint: "give another output folder, e.g. -o replay" },
    );
  }
  if (logs.length === 0) {
    throw new UsageError("no drill logs (*.jsonl) found", {
      hint: "give .jsonl logs, or folders that hold them (searched recursively)",
    });
  }
  await mkdir(options.out, { recursive: true });

  const jobs: ReplayJob[] = logs.map((log) => {
    const relative = { md: `${log.reportBase}.md`, json: `${log.reportBase}.json` };
    return {
      path: log.path,
      name: log.name,
      reports: {
        folder: options.out,
        md: join(options.out, relative.md),
        json: join(options.out, relative.json),
        relative,
      },
    };
  });

  // Every file this run writes is checked before any is: the output rule (src/output.ts), and
  // no folder under the output folder that is a symlink.
  const rule: WriteOutputOptions = {
    force: options.force ?? false,
    inputs: logs.map((log) => ({ path: log.path, shown: log.name, what: "a log" })),
  };
  const paged = options.format === "docx" || options.format === "html" ? options.format : undefined;
  const outputs = [
    "summary.md",
    ...(options.format === "json" ? ["drills.jsonl", "summary.json"] : []),
    ...(paged ? [`summary.${paged}`] : []),
  ];
  for (const job of jobs)
    if (job.reports) outputs.push(job.reports.relative.md, job.reports.relative.json);
  const folders = new Set(outputs.map((file) => dirname(file)));
  // Checked here; each is made as its first report is written (a failed log leaves none).
  for (const folder of folders)
    await makeFolderWithin(options.out, folder, options.shown ?? options.out, false);
  await checkOutputs(
    outputs.map((file) => ({
      path: join(options.out, file),
      shown: join(options.shown ?? options.out, file),
    })),
    rule,
  );

  const flagLang = options.lang === "zh" || options.lang === "en" ? options.lang : undefined;
  const progressWords = replayMessages[resolveLang(flagLang, options.scoring?.plan.lang, ctx.env)];
  const progress = options.quiet
    ? { update: () => undefined, finish: () => undefined }
    : progressBar(ctx.stderr, jobs.length, progressWords.progress, () => ctx.now().getTime());

  const spool = await RowSpool.create(options.out);
  try {
    const failed: FailedLog[] = [];
    const warnings: string[] = [];
    const keepWarnings = (list: readonly string[]) => {
      for (const w of list) if (warnings.length < WARNINGS_KEPT) warnings.push(w);
    };
    const init = {
      type: "init" as const,
      ...(options.lang !== undefined ? { lang: options.lang } : {}),
      ...(options.scoring ? { scoring: options.scoring } : {}),
    };
    progress.update(0, 0);
    const settings = settingsFor(init, ctx.env);
    await runPool(jobs, {
      children: Math.max(0, options.jobs - 1),
      self: options.self,
      cwd: ctx.cwd,
      env: ctx.env,
      init,
      local: (job, id) => replayOne(id, job, settings),
      localAtOnce: LOGS_AT_ONCE,
      depth: LOGS_AT_ONCE + 1,
      onReply: (reply) => {
        if (reply.type === "done") {
          spool.append(reply.row);
          keepWarnings(reply.warnings);
        } else {
          failed.push(reply.failure);
        }
        progress.update(spool.count + failed.length, failed.length);
      },
    });
    progress.finish();
    failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

    const builder = createTrend({ recent: RECENT_DRILLS });
    let latestLang: Lang | undefined;
    for await (const row of spool.sorted()) {
      builder.add(row);
      options.eachDrill?.(row);
      latestLang = row.lang;
    }
    const trend = builder.finish();
    const lang = resolveLang(flagLang, options.scoring?.plan.lang ?? latestLang, ctx.env);

    // Checked above; a file that appeared since is replaced only with --force.
    const write = (file: string, content: (sink: ReportSink) => Promise<void>) =>
      writeReportToFile(
        join(options.out, file),
        content,
        join(options.shown ?? options.out, file),
        rule,
      );
    await write("summary.md", async (sink) => {
      await sink(summaryHead(trend, { lang, failed }));
      const table = drillsTable(lang, options.scoring !== undefined);
      await sink(table.head);
      await eachRow(spool, table.row, sink);
    });
    if (options.format === "json") {
      await write("drills.jsonl", (sink) =>
        eachRow(spool, (row) => `${JSON.stringify(row)}\n`, sink),
      );
      await write("summary.json", (sink) =>
        sink(`${JSON.stringify({ ...trend, replayed: spool.count, failed, lang }, null, 2)}\n`),
      );
    }
    if (paged) {
      const { writePaged } = await import("../review/render/paged.js");
      const rescored = trend.rescore !== undefined;
      const doc = summaryDocument(trend, {
        lang,
        failed,
        ...(options.organiser !== undefined ? { organiser: options.organiser } : {}),
      });
      await write(`summary.${paged}`, (sink) =>
        writePaged(doc, paged, drillRows(spool, lang, rescored), sink),
      );
    }
    const renamed = logs.flatMap((log) =>
      log.renamed ? [{ name: log.name, report: `${log.reportBase}.md` }] : [],
    );
    return { total: jobs.length, replayed: spool.count, failed, warnings, lang, renamed };
  } finally {
    progress.finish();
    await spool.remove();
  }
}
