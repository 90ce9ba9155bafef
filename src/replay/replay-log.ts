// One log of a batch: streamed once through the analyser (twice over, with --plan: against its
// own plan and the revised one, from the same read), its reports written, its row returned.
// What a worker does for each log it is given, and what `drill compare` does for each of two.

import { dirname } from "node:path";
import type { LogHeader } from "../core/events.js";
import type { Lang, Plan } from "../core/plan.js";
import { formatProblem, type Problem } from "../errors.js";
import { scanLog } from "../log/reader.js";
import { makeFolderWithin } from "../output.js";
import { createAnalyser, type ReviewAnalyser } from "../review/analyse.js";
import type { AppendixRows } from "../review/appendix-rows.js";
import {
  appendixRowsFor,
  type ScoringPlan,
  writeReport,
  writeReportToFile,
} from "../review/file.js";
import { VERSION } from "../version.js";
import { type DrillRow, drillRow } from "./row.js";

export interface ReplayJob {
  /** The log's absolute path. */
  path: string;
  /** How the log is named in rows, problems and the summary. */
  name: string;
  /** Where its reports go: absolute paths, and the same relative to the output folder. */
  reports?: {
    /** The output folder, absolute: no folder under it is written through a symlink. */
    folder: string;
    md: string;
    json: string;
    relative: { md: string; json: string };
  };
}

export interface ReplaySettings {
  /** A revised plan to score every log against (`--plan`). */
  scoring?: ScoringPlan;
  /** The report's language for a plan (`--lang`, else the plan's, else the locale). */
  lang: (plan: Plan) => Lang;
}

export interface ReplayedLog {
  row: DrillRow;
  /** Problems that did not stop the log being read (a torn last line), formatted. */
  warnings: string[];
}

/** Reviews one log (throws the reader's InputError on a bad one) and writes its reports. */
export async function replayLog(job: ReplayJob, settings: ReplaySettings): Promise<ReplayedLog> {
  const warnings: string[] = [];
  const onWarning = (problem: Problem) => warnings.push(formatProblem(problem));
  let own: ReviewAnalyser | undefined;
  let revised: ReviewAnalyser | undefined;
  // The markdown report's decision log, rendered in the same read as the analysis and kept
  // as bytes (in a file of its own past a bound): no events are held, and no second read.
  let appendix: AppendixRows | undefined;
  try {
    // A read chunk's lines at a time: one await per chunk, not per line.
    for await (const batch of scanLog(job.path, { name: job.name, onWarning })) {
      for (const line of batch.lines) {
        if (line.type === "header") {
          const scored = analysersFor(line, settings);
          ({ own, revised } = scored);
          if (job.reports) appendix = appendixRowsFor(scored.plan, scored.lang, line.timeZone);
          continue;
        }
        own?.add(line);
        revised?.add(line);
        appendix?.add(line);
      }
    }
    // The reader refuses a log without a header, so the analyser exists here.
    if (!own) throw new Error(`${job.name}: no header`);
    const ownReview = own.finish();
    const review = revised ? revised.finish() : ownReview;

    if (job.reports) {
      const { md, json, folder, relative } = job.reports;
      await makeFolderWithin(folder, dirname(relative.md), folder);
      if (dirname(relative.json) !== dirname(relative.md))
        await makeFolderWithin(folder, dirname(relative.json), folder);
      // The batch applied the output rule to every report before it started (src/replay/batch.ts).
      const rule = { force: true, inputs: [{ path: job.path, shown: job.name, what: "the log" }] };
      await writeReportToFile(
        md,
        (sink) => writeReport(review, "md", review.lang, job.path, sink, job.name, {}, appendix),
        md,
        rule,
      );
      await writeReportToFile(
        json,
        (sink) => writeReport(review, "json", review.lang, job.path, sink, job.name),
        json,
        rule,
      );
    }
    const row = drillRow(review, {
      file: job.name,
      ...(job.reports ? { reports: job.reports.relative } : {}),
      ...(revised ? { own: ownReview } : {}),
    });
    return { row, warnings };
  } finally {
    appendix?.remove();
  }
}

/**
 * The analyser of the log's own plan, and of the revised one with `--plan`; the plan the
 * review is scored against and its language.
 */
function analysersFor(
  header: LogHeader,
  settings: ReplaySettings,
): { own: ReviewAnalyser; revised?: ReviewAnalyser; plan: Plan; lang: Lang } {
  const scoring = settings.scoring;
  const plan = scoring?.plan ?? header.plan;
  const lang = settings.lang(plan);
  const tool = `drillbook ${VERSION}`;
  const own = createAnalyser(header.plan, header, { lang, tool });
  if (!scoring) return { own, plan, lang };
  const revised = createAnalyser(scoring.plan, header, {
    lang,
    tool,
    rescoredWith: {
      file: scoring.file,
      sha256: scoring.sha256,
      ...(scoring.plan.version !== undefined ? { version: scoring.plan.version } : {}),
    },
  });
  return { own, revised, plan, lang };
}
