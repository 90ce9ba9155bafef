// The report document (report.ts) as markdown: one renderer of it, with no analysis of its own.
// Pure: a Review in, text out. The decision log is rendered one event at a time, so a caller
// can stream it from the log file instead of holding every event.

import type { DrillEvent } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import type { Block, Chart, ReportDocument, Section, Span } from "./document.js";
import { cell, md, mermaidText } from "./escape.js";
import type { ReviewNames } from "./format.js";
import { ganttChart } from "./gantt.js";
import type { Review } from "./model.js";
import { decisionLogCells, reportDocument, reviewNames } from "./report.js";

export { reviewNames };

export interface MarkdownReport {
  /** Everything up to and including the decision log's table heading. */
  head: string;
  /** One row of the decision log (ending in "\n"). */
  row(event: DrillEvent): string;
}

/** The whole report, decision log included, for logs that fit in memory. */
export function renderMarkdown(
  review: Review,
  lang: Lang = review.lang,
  events: Iterable<DrillEvent> = [],
): string {
  const report = markdownReport(review, lang);
  let text = report.head;
  for (const event of events) text += report.row(event);
  return text;
}

export function markdownReport(review: Review, lang: Lang = review.lang): MarkdownReport {
  const doc = reportDocument(review, lang);
  const blocks: string[][] = [
    [`# ${md(doc.title)}`],
    ...doc.sections.flatMap((s) => renderSection(s, 2, doc)),
    [`## ${md(doc.appendix.title)}`],
    [md(doc.appendix.intro)],
    tableLines(doc.appendix.columns, []),
  ];
  return {
    head: `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`,
    row: markdownRow(lang, reviewNames(review), review.drill.timeZone),
  };
}

/**
 * The decision log's row of an event: it depends on the language, the names shown beside
 * ids and the drill's time zone alone, so rows can be rendered as the log is read.
 */
export function markdownRow(
  lang: Lang,
  names: ReviewNames,
  timeZone: string | undefined,
): (event: DrillEvent) => string {
  const cells = decisionLogCells(lang, names, timeZone);
  return (event) => `${row(cells(event), cell)}\n`;
}

/** Markdown has six heading levels; deeper sections stay at the sixth. */
function renderSection(s: Section, level: number, doc: ReportDocument): string[][] {
  return [
    [`${"#".repeat(Math.min(6, level))} ${md(s.title)}`],
    ...s.blocks.flatMap((b) => renderBlock(b, doc)),
    ...s.sections.flatMap((sub) => renderSection(sub, level + 1, doc)),
  ];
}

function spans(list: readonly Span[]): string {
  return list
    .map((span) =>
      typeof span === "string" ? md(span) : span.strong === "" ? "" : `**${md(span.strong)}**`,
    )
    .join("");
}

function renderBlock(block: Block, doc: ReportDocument): string[][] {
  switch (block.type) {
    // The colon outside the emphasis: a paragraph of emphasis alone reads as a heading.
    case "label":
      return [[`**${md(block.text)}**${doc.lang === "zh" ? "：" : ":"}`]];
    case "paragraph":
      return [[spans(block.spans)]];
    case "list":
      return [block.items.map((item) => `- ${spans(item)}`)];
    case "table":
      return [
        tableLines(
          block.columns,
          block.rows.map((cells) => cells.map((c) => spans([c]))),
        ),
      ];
    case "chart":
      return renderChart(block.chart);
  }
}

function renderChart(chart: Chart): string[][] {
  switch (chart.kind) {
    case "gantt":
      return [ganttChart(chart)];
    // https://mermaid.js.org/syntax/pie.html
    case "breakdown":
      return [
        [
          "```mermaid",
          `pie showData title ${mermaidText(chart.title, 60)}`,
          ...chart.parts.map((p) => `    "${mermaidText(p.label, 40)}" : ${Math.round(p.value)}`),
          "```",
        ],
      ];
    // The ratings table just above holds the same data; markdown draws no second copy.
    case "ratings":
      return [];
    case "trend":
      return [xyChart(chart)];
  }
}

/** A trend as a Mermaid xychart-beta line chart: https://mermaid.js.org/syntax/xyChart.html */
export function xyChart(chart: Extract<Chart, { kind: "trend" }>): string[] {
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${mermaidText(chart.title, 40)}"`,
    `    x-axis [${chart.labels.map((l) => `"${l.replace(/["\\]/g, "")}"`).join(", ")}]`,
    `    y-axis "${mermaidText(chart.unit)}"`,
    `    line [${chart.taken.join(", ")}]`,
    `    line [${chart.target.join(", ")}]`,
    "```",
  ];
}

/**
 * "| a | b |", an empty cell as "| |" (one space each side, as markdownlint's MD060 wants),
 * each cell passed through `toCell` first. In one pass, with no arrays: the decision log has
 * a row for every event of the log.
 */
function row(cells: readonly string[], toCell: (text: string) => string = (text) => text): string {
  let text = "|";
  for (const c of cells) {
    const escaped = toCell(c);
    text += escaped === "" ? " |" : ` ${escaped} |`;
  }
  return text;
}

/** A GFM table; `rows` are already escaped cells, headings are escaped here. */
function tableLines(headings: string[], rows: string[][]): string[] {
  return [row(headings, cell), row(headings.map(() => "---")), ...rows.map((cells) => row(cells))];
}
