// The review's edge with the file system: a log streamed through the analyser, and the
// report streamed out. A log of any length is read once in bounded memory: the markdown
// decision-log appendix is rendered as the analysis reads the log (appendix-rows.ts). Used
// by `drill review`, `drill run --report` and the commands that review many logs.

import { once } from "node:events";
import { Writable } from "node:stream";
import type { OutputStream } from "../context.js";
import type { DrillEvent } from "../core/events.js";
import { allExpectations, type Lang, type Plan } from "../core/plan.js";
import type { Problem } from "../errors.js";
import { readLogLines, scanLog } from "../log/reader.js";
import { type WriteOutputOptions, writeOutput } from "../output.js";
import { VERSION } from "../version.js";
import { createAnalyser, type ReviewAnalyser } from "./analyse.js";
import { AppendixRows, type GatheredRows, HeldCells, rowKey, WORD_ROWS } from "./appendix-rows.js";
import type { ReviewNames } from "./format.js";
import { markdownReport, markdownRow, reviewNames } from "./markdown.js";
import type { Review } from "./model.js";
import { htmlRow } from "./render/html-text.js";
import { decisionLogCells, type ReportOptions } from "./report.js";

export type ReportFormat = "md" | "json" | "docx" | "html";
/** The formats whose decision log is gathered while the log is read (all but JSON). */
export type AppendixFormat = "md" | "html" | "docx";

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
  return (await analyseLog(path, options, false)).review;
}

/**
 * `analyseLogFile`, with the decision log of a markdown, HTML or Word report gathered in the
 * same read. The caller passes the rows to `writeReport` and removes them once it is written.
 */
export async function analyseLogWithAppendix(
  path: string,
  options: AnalyseLogOptions = {},
  format: AppendixFormat = "md",
): Promise<{ review: Review; appendix: GatheredRows }> {
  const { review, appendix } = await analyseLog(path, options, format);
  if (!appendix) throw new Error(`${path}: no header`);
  return { review, appendix };
}

async function analyseLog(
  path: string,
  options: AnalyseLogOptions,
  withAppendix: AppendixFormat | false,
): Promise<{ review: Review; appendix?: GatheredRows }> {
  let analyser: ReviewAnalyser | undefined;
  let appendix: GatheredRows | undefined;
  try {
    // A read chunk's lines at a time: one await per chunk, not per line.
    for await (const batch of scanLog(path, {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    })) {
      for (const line of batch.lines) {
        if (line.type !== "header") {
          analyser?.add(line);
          appendix?.add(line);
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
        if (withAppendix === "docx") appendix = heldCellsFor(plan, lang, line.timeZone);
        else if (withAppendix) appendix = appendixRowsFor(plan, lang, line.timeZone, withAppendix);
      }
    }
  } catch (error) {
    appendix?.remove();
    throw error;
  }
  // The reader refuses a log without a header, so the analyser exists here.
  if (!analyser) throw new Error(`${path}: no header`);
  return { review: analyser.finish(), ...(appendix ? { appendix } : {}) };
}

/**
 * The decision log of a review of `plan` in `format`, to render while the log is read. Rows
 * are rendered with the names a review of this plan shows; `writeReport` checks that the
 * review's are these, and the format its own.
 */
export function appendixRowsFor(
  plan: Plan,
  lang: Lang,
  timeZone: string | undefined,
  format: "md" | "html" = "md",
): AppendixRows {
  const names = planNames(plan);
  const render =
    format === "md" ? markdownRow(lang, names, timeZone) : htmlCells(lang, names, timeZone);
  return new AppendixRows(render, appendixKey(format, lang, names, timeZone));
}

/** The first rows of a Word report's decision log, as cells, to gather while the log is read. */
function heldCellsFor(plan: Plan, lang: Lang, timeZone: string | undefined): HeldCells {
  const names = planNames(plan);
  return new HeldCells(
    decisionLogCells(lang, names, timeZone),
    appendixKey("docx", lang, names, timeZone),
    WORD_ROWS,
  );
}

function htmlCells(lang: Lang, names: ReviewNames, timeZone: string | undefined) {
  const cells = decisionLogCells(lang, names, timeZone);
  return (event: DrillEvent) => htmlRow(cells(event));
}

/** The names a review of `plan` shows beside ids. */
function planNames(plan: Plan): ReviewNames {
  return {
    groups: plan.groups,
    injects: plan.injects,
    expectations: allExpectations(plan),
    objectives: plan.objectives,
  };
}

/** What rows in `format` depend on: the format, and what `rowKey` says. */
function appendixKey(
  format: AppendixFormat,
  lang: Lang,
  names: ReviewNames,
  timeZone: string | undefined,
): string {
  return `${format} ${rowKey(lang, names, timeZone)}`;
}

/** Whether `appendix` holds the rows in `format` of a report of `review` in `lang`. */
function fits(
  appendix: GatheredRows | undefined,
  format: AppendixFormat,
  review: Review,
  lang: Lang,
): boolean {
  return (
    appendix !== undefined &&
    appendix.key === appendixKey(format, lang, reviewNames(review), review.drill.timeZone)
  );
}

/** Takes the report a chunk at a time; resolves when the chunk may be followed by the next. */
export type ReportSink = (chunk: string | Uint8Array) => Promise<void>;

const FLUSH_CHARS = 64 * 1024;

/**
 * Writes the report of `review` to `sink`: JSON, or markdown, HTML or Word with the decision
 * log as gathered while the log was read (`appendix`), or, without it or when the review
 * shows other names or another format than it was gathered for, read again from `logPath`
 * (up to the last event reviewed, should the log have grown since).
 */
export async function writeReport(
  review: Review,
  format: ReportFormat,
  lang: Lang,
  logPath: string,
  sink: ReportSink,
  name?: string,
  options: ReportOptions = {},
  appendix?: GatheredRows,
): Promise<void> {
  if (format === "docx" || format === "html") {
    const { writePagedReport } = await import("./render/paged.js");
    const rows = fits(appendix, format, review, lang) ? appendix : undefined;
    await writePagedReport(review, format, lang, logPath, sink, name, options, rows);
    return;
  }
  if (format === "json") {
    await sink(`${JSON.stringify(review, null, 2)}\n`);
    return;
  }
  const report = markdownReport(review, lang);
  if (appendix instanceof AppendixRows && fits(appendix, "md", review, lang)) {
    await sink(report.head);
    for await (const part of appendix.chunks()) await sink(part);
    return;
  }
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
  // Text may come as UTF-8 bytes (the decision log kept while reading), cut anywhere: a Node
  // stream (stdout) takes them as they are, anything else gets them decoded.
  const bytes = stream instanceof Writable ? stream : undefined;
  const decoder = new TextDecoder();
  return async (chunk) => {
    if (chunk.length === 0) return;
    if (typeof chunk !== "string" && bytes) {
      if (bytes.write(chunk)) return;
    } else {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text === "" || stream.write(text)) return;
    }
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
