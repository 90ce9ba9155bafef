// The Word and HTML reports of a review, from the log to the bytes: the report document,
// its charts drawn, the decision log as rendered in the analysis' read or read again from
// the log. Loaded only for these formats,
// so a markdown review never loads the docx library or the rasteriser.

import type { Lang } from "../../core/plan.js";
import { readLogLines } from "../../log/reader.js";
import { AppendixRows, type GatheredRows, WORD_ROWS } from "../appendix-rows.js";
import { chartPicture } from "../charts/picture.js";
import { rasterise } from "../charts/raster.js";
import type { ReportDocument } from "../document.js";
import type { ReportSink } from "../file.js";
import { reviewMessages } from "../messages.js";
import type { Review } from "../model.js";
import { decisionLogCells, type ReportOptions, reportDocument, reviewNames } from "../report.js";
import { documentCharts, renderDocx } from "./docx.js";
import { htmlReport } from "./html.js";

export type PagedFormat = "docx" | "html";

/** The decision log's rows, one event at a time, up to the last event reviewed. */
async function* appendixRows(
  review: Review,
  lang: Lang,
  logPath: string,
  name: string | undefined,
): AsyncGenerator<string[]> {
  const cells = decisionLogCells(lang, reviewNames(review), review.drill.timeZone);
  for await (const line of readLogLines(logPath, name !== undefined ? { name } : {})) {
    if (line.type === "header") continue;
    if (line.seq > review.drill.lastSeq) break;
    yield cells(line);
  }
}

const FLUSH_CHARS = 64 * 1024;

/** A Word file's appendix rows, held, and how many rows the table has in all. */
export interface HeldRows {
  rows: string[][];
  total: number;
}

/**
 * Any report document as a Word file or a web page; `rows` are its appendix table's rows. A
 * Word file lists at most `wordRows` of them, and says so when there are more; its rows may
 * come held already.
 */
export async function writePaged(
  doc: ReportDocument,
  format: PagedFormat,
  rows: AsyncIterable<string[]> | HeldRows,
  sink: ReportSink,
  wordRows = Number.POSITIVE_INFINITY,
): Promise<void> {
  if (format === "html") {
    const page = htmlReport(doc);
    let pending = page.head;
    for await (const cells of "total" in rows ? rows.rows : rows) {
      pending += page.row(cells);
      if (pending.length >= FLUSH_CHARS) {
        await sink(pending);
        pending = "";
      }
    }
    await sink(pending + page.tail);
    return;
  }
  // A Word file is one zip, written whole: the appendix is held while it is made (its
  // library holds some 50 KB per row), up to the bound.
  const pictures = documentCharts(doc).map((chart) => chartPicture(chart, doc.lang));
  const pngs = await rasterise(pictures.map((p) => p.svg));
  const { rows: held, total } = "total" in rows ? rows : await holdRows(rows, wordRows);
  const charts = pictures.map((picture, i) => ({ picture, png: pngs[i] ?? new Uint8Array() }));
  const note = reviewMessages[doc.lang].wordAppendixShortened(total, held.length);
  const shown =
    total > held.length
      ? { ...doc, appendix: { ...doc.appendix, intro: `${doc.appendix.intro} ${note}` } }
      : doc;
  await sink(await renderDocx({ doc: shown, appendixRows: held, charts }));
}

/** The first `bound` rows, and how many there are. */
async function holdRows(rows: AsyncIterable<string[]>, bound: number): Promise<HeldRows> {
  const held: string[][] = [];
  let total = 0;
  for await (const cells of rows) if (total++ < bound) held.push(cells);
  return { rows: held, total };
}

/**
 * A review's Word or HTML report. Its decision log comes as gathered while the log was read
 * (`gathered`, when given); otherwise the log is read again for it.
 */
export async function writePagedReport(
  review: Review,
  format: PagedFormat,
  lang: Lang,
  logPath: string,
  sink: ReportSink,
  name: string | undefined,
  options: ReportOptions = {},
  gathered?: GatheredRows,
): Promise<void> {
  const doc = reportDocument(review, lang, options);
  if (format === "html" && gathered instanceof AppendixRows) {
    const page = htmlReport(doc);
    await sink(page.head);
    for await (const part of gathered.chunks()) await sink(part);
    await sink(page.tail);
    return;
  }
  const rows =
    format === "docx" && gathered && !(gathered instanceof AppendixRows)
      ? gathered
      : appendixRows(review, lang, logPath, name);
  await writePaged(doc, format, rows, sink, WORD_ROWS);
}
