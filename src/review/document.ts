// The report as a renderer-neutral document: sections of paragraphs, lists, tables and the
// data of charts, every text already worded and plain (never markup). The markdown renderer
// is one renderer of it; a Word or HTML renderer takes the same document.

import type { Lang } from "../core/plan.js";

/** A run of text; `strong` for emphasis. */
export type Span = string | { strong: string };

export type Chart =
  | {
      kind: "gantt";
      /** Scenario date-time of T+0, if the plan fixes one. */
      start?: string;
      groups: {
        name: string;
        bars: { id: string; label: string; from: number; to: number; state: BarState }[];
      }[];
    }
  /** Parts of a whole (late minutes by root cause). */
  | { kind: "breakdown"; title: string; unit: string; parts: { label: string; value: number }[] }
  /** One action over a series of drills: minutes taken in each, and its target. */
  | {
      kind: "trend";
      title: string;
      unit: string;
      labels: string[];
      taken: number[];
      target: number[];
    }
  | {
      kind: "ratings";
      title: string;
      objectives: { id: string; label: string; rating: string; evaluator?: string }[];
    };

/** done on time, done late, never done, still open at the end. */
export type BarState = "on-time" | "late" | "unmet" | "open";

export type Block =
  /** A run-in heading over the blocks that follow it (not a section of its own). */
  | { type: "label"; text: string }
  | { type: "paragraph"; spans: Span[] }
  | { type: "list"; items: Span[][] }
  | { type: "table"; columns: string[]; rows: Span[][] }
  | { type: "chart"; chart: Chart; caption?: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  sections: Section[];
}

/** The front page of a paged report (Word, HTML): what the drill was, by whom, when. */
export interface Cover {
  title: string;
  /** "评估报告" / "After-Action Report / Improvement Plan". */
  kind: string;
  /** Label and value; an empty value is a blank to fill in by hand. */
  fields: [string, string][];
}

export interface ReportDocument {
  lang: Lang;
  title: string;
  cover: Cover;
  sections: Section[];
  /** The decision log closes the report; its rows come one event at a time. */
  appendix: { title: string; intro: string; columns: string[] };
}

export const label = (text: string): Block => ({ type: "label", text });
export const paragraph = (...spans: Span[]): Block => ({ type: "paragraph", spans });
export const list = (items: Span[][]): Block => ({ type: "list", items });
export const table = (columns: string[], rows: Span[][]): Block => ({
  type: "table",
  columns,
  rows,
});

export function section(
  id: string,
  title: string,
  blocks: Block[],
  sections: Section[] = [],
): Section {
  return { id, title, blocks, sections };
}

/** A span's text without emphasis. */
export function plain(span: Span): string {
  return typeof span === "string" ? span : span.strong;
}
