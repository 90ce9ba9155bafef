// The review's edge with the file system: a log streamed through the analyser, and the
// report streamed out. A log of any length is read twice in bounded memory: once for the
// analysis, once for the decision-log appendix. Used by `drill review`, `drill run --report`
// and the commands that review many logs.

import { once } from "node:events";
import type { OutputStream } from "../context.js";
import type { Lang, Plan } from "../core/plan.js";
import type { Problem } from "../errors.js";
import { readLogLines } from "../log/reader.js";
import { type WriteOutputOptions, writeOutput } from "../output.js";
import { VERSION } from "../version.js";
import { createAnalyser, type ReviewAnalyser } from "./analyse.js";
import { markdownReport } from "./markdown.js";
import type { Review } from "./model.js";
import type { ReportOptions } from "./report.js";

export type ReportFormat = "md" | "json" | "docx" | "html";

/** A plan to score the log against instead of the one in its header (`--plan`). */
export interface ScoringPlan {
  plan: Plan;
  file: string;
  sha256: string;
}

export interface AnalyseLogOptions {
  plan?: ScoringPlan;
  /** The report's language, or how to choose it from the scoring plan (default: its `lang`). */
  lang?: Lang | ((plan: Plan) => Lang);
  /** How problems name the log (default: the path). */
  name?: string;
  onWarning?: (problem: Problem) => void;
}

/** Streams a log through the analyser. Corrupt logs throw the reader's InputError. */
export async function analyseLogFile(
  path: string,
  options: AnalyseLogOptions = {},
): Promise<Review> {
  let analyser: ReviewAnalyser | undefined;
  for await (const line of readLogLines(path, {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  })) {
    if (line.type !== "header") {
      analyser?.add(line);
      continue;
    }
    const plan = options.plan?.plan ?? line.plan;
    const lang =
      typeof options.lang === "function" ? options.lang(plan) : (options.lang ?? plan.lang);
    analyser = createAnalyser(plan, line, {
      lang,
      tool: `drillbook ${VERSION}`,
      ...(options.plan
        ? {
            rescoredWith: {
              file: options.plan.file,
              sha256: options.plan.sha256,
              ...(plan.version !== undefined ? { version: plan.version } : {}),
            },
          }
        : {}),
    });
  }
  // The reader refuses a log without a header, so the analyser exists here.
  if (!analyser) throw new Error(`${path}: no header`);
  return analyser.finish();
}

/** Takes the report a chunk at a time; resolves when the chunk may be followed by the next. */
export type ReportSink = (chunk: string | Uint8Array) => Promise<void>;

const FLUSH_CHARS = 64 * 1024;

/**
 * Writes the report of `review` to `sink`: JSON, or markdown with the decision log read
 * again from `logPath` (up to the last event reviewed, should the log have grown since).
 */
export async function writeReport(
  review: Review,
  format: ReportFormat,
  lang: Lang,
  logPath: string,
  sink: ReportSink,
  name?: string,
  options: ReportOptions = {},
): Promise<void> {
  if (format === "docx" || format === "html") {
    const { writePagedReport } = await import("./render/paged.js");
    await writePagedReport(review, format, lang, logPath, sink, name, options);
    return;
  }
  if (format === "json") {
    await sink(`${JSON.stringify(review, null, 2)}\n`);
    return;
  }
  const report = markdownReport(review, lang);
  let pending = report.head;
  for await (const line of readLogLines(logPath, name !== undefined ? { name } : {})) {
    if (line.type === "header") continue;
    if (line.seq > review.drill.lastSeq) break;
    pending += report.row(line);
    if (pending.length >= FLUSH_CHARS) {
      await sink(pending);
      pending = "";
    }
  }
  await sink(pending);
}

/** A sink on an output stream that waits for `drain` when the stream asks it to. */
export function streamSink(stream: OutputStream): ReportSink {
  return async (chunk) => {
    // Callers refuse a binary report (docx) without a file before it is made.
    if (typeof chunk !== "string") throw new Error("a binary report cannot go to a text stream");
    if (chunk === "" || stream.write(chunk)) return;
    const emitter = stream as Partial<NodeJS.EventEmitter>;
    if (typeof emitter.once === "function") await once(emitter as NodeJS.EventEmitter, "drain");
  };
}

/**
 * Writes a report file through a temporary file renamed into place, so a failed review never
 * leaves half a report where the last good one was. What it may replace is the output rule's
 * (src/output.ts): an existing file only with `force`, never an input or a drill log.
 * `shown` names the file in errors (default: `outPath`).
 */
export async function writeReportToFile(
  outPath: string,
  write: (sink: ReportSink) => Promise<void>,
  shown: string = outPath,
  rule: Pick<WriteOutputOptions, "force" | "inputs"> = {},
  example = "review.md",
): Promise<void> {
  await writeOutput(outPath, shown, write, { ...rule, example });
}

const FORMATS: readonly ReportFormat[] = ["md", "json", "docx", "html"];

/** md, json, docx or html, from an explicit choice or the output file's extension. */
export function reportFormat(
  outPath: string | undefined,
  format: string | undefined,
): ReportFormat {
  const chosen = FORMATS.find((f) => f === format);
  if (chosen) return chosen;
  const extension = /\.([a-z]+)$/.exec(outPath?.toLowerCase() ?? "")?.[1];
  if (extension === "htm") return "html";
  return FORMATS.find((f) => f === extension) ?? "md";
}
