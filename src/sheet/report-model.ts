// The import report: what `drill import` read and how. Which sheets and how each scored,
// each column → field and how sure, what was assumed about the times, which group
// spellings were merged, and what became of every row (an inject, merged into one, a
// heading, or skipped and why). One model; import-report.ts renders it for `--dry-run`,
// the plan's heading comment and the summary line. Pure.

import { cellText, columnLetter, type Workbook } from "./cells.js";
import type { GroupMerge } from "./groups.js";
import type { Confidence } from "./headers.js";
import type { Column, MselLayout } from "./layout.js";
import type { RawInject, RowFate, SkipReason } from "./rows.js";
import type { SheetRank } from "./sheet-choice.js";
import type { MselField } from "./vocabulary.js";

export interface ColumnReport {
  letter: string;
  header: string;
  field?: MselField;
  by?: Column["by"];
  confidence?: Confidence;
  standsInFor?: MselField;
  skipped: boolean;
  /** Up to three distinct values, shortened. */
  samples: string[];
}

export interface SheetReport {
  name: string;
  /** 1-based header row, or undefined when the sheet has none. */
  headerRow?: number;
  columns: ColumnReport[];
  /** Whole days its times of day were moved by (a sheet that is day 2: 1). */
  dayOffset: number;
}

export interface RankReport {
  name: string;
  state: SheetRank["state"];
  rows: number;
  score: number;
  detail: string;
  chosen: boolean;
}

/** Consecutive rows of one sheet that fared alike. */
export type RowRun = {
  sheet: string;
  /** 1-based, inclusive. */
  from: number;
  to: number;
} & (
  | { fate: "inject"; first: string; last: string }
  | { fate: "merged"; inject: string; why: string }
  | { fate: "heading"; text: string }
  | { fate: "skipped"; reason: SkipReason; details: string[] }
);

/** A cell the importer could not read, to report where it is: `msel.xlsx:Sheet1!C7`. */
export interface CellWarning {
  sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  /** Column letter. */
  column: string;
  message: string;
  hint: string;
}

export interface ImportReport {
  file: string;
  format: Workbook["format"];
  /** The sheet read (several: their names, joined by ", "). */
  sheet: string;
  /** 1-based header row of the (first) sheet read, or undefined when it has none. */
  headerRow?: number;
  otherSheets: string[];
  sheets: SheetReport[];
  ranking: RankReport[];
  /** The (first) sheet's columns. */
  columns: ColumnReport[];
  /** Filled rows of the inject tables, and how many became injects, expectations, notes or headings. */
  rows: number;
  rowsUsed: number;
  injects: number;
  expectations: number;
  groups: number;
  objectives: number;
  /** Columns kept under each inject's notes as "Column: value". */
  keptAsNotes: string[];
  /** What to check: columns read loosely, ties, times not read. */
  warnings: string[];
  /** What was taken for granted: how the times read, the start, the zone. */
  assumptions: string[];
  groupMerges: GroupMerge[];
  rowRuns: RowRun[];
  /** Rows skipped, by why. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Rows merged into the inject above them. */
  merged: number;
  /** Single cells the importer could not read, and what it did instead. */
  cellWarnings: CellWarning[];
}

export function columnReports(layout: MselLayout): ColumnReport[] {
  const { sheet, bodyStart, bodyEnd, columns } = layout;
  const reports: ColumnReport[] = [];
  for (const column of columns) {
    const samples: string[] = [];
    const end = Math.min(bodyEnd, bodyStart + 2_000);
    for (let r = bodyStart; r < end && samples.length < 3; r++) {
      const text = cellText(sheet.rows[r]?.[column.index]).replace(/\s+/g, " ");
      const short = text.length > 28 ? `${text.slice(0, 27)}…` : text;
      if (short !== "" && !samples.includes(short)) samples.push(short);
    }
    if (column.header === "" && samples.length === 0) continue;
    reports.push({
      letter: columnLetter(column.index),
      header: column.header,
      ...(column.field ? { field: column.field } : {}),
      ...(column.by ? { by: column.by } : {}),
      ...(column.confidence ? { confidence: column.confidence } : {}),
      ...(column.standsInFor ? { standsInFor: column.standsInFor } : {}),
      skipped: column.skip === true,
      samples,
    });
  }
  return reports;
}

/** Row fates → runs of consecutive rows that fared alike, with the inject ids they became. */
export function rowRuns(fates: readonly RowFate[], ids: ReadonlyMap<RawInject, string>): RowRun[] {
  const runs: RowRun[] = [];
  for (const f of fates) {
    const last = runs.at(-1);
    const next = last && last.sheet === f.sheet && last.to + 1 === f.row ? last : undefined;
    if (f.fate === "inject") {
      const id = ids.get(f.raw) ?? "?";
      if (next?.fate === "inject") {
        next.to = f.row;
        next.last = id;
      } else
        runs.push({ sheet: f.sheet, from: f.row, to: f.row, fate: "inject", first: id, last: id });
    } else if (f.fate === "merged") {
      const id = ids.get(f.raw) ?? "?";
      if (next?.fate === "merged" && next.inject === id && next.why === f.why) next.to = f.row;
      else
        runs.push({
          sheet: f.sheet,
          from: f.row,
          to: f.row,
          fate: "merged",
          inject: id,
          why: f.why,
        });
    } else if (f.fate === "heading") {
      runs.push({ sheet: f.sheet, from: f.row, to: f.row, fate: "heading", text: f.text });
    } else if (next?.fate === "skipped" && next.reason === f.reason) {
      next.to = f.row;
      if (f.detail !== undefined && !next.details.includes(f.detail) && next.details.length < 5)
        next.details.push(f.detail);
    } else
      runs.push({
        sheet: f.sheet,
        from: f.row,
        to: f.row,
        fate: "skipped",
        reason: f.reason,
        details: f.detail === undefined ? [] : [f.detail],
      });
  }
  return runs;
}

export function rankReports(ranking: readonly SheetRank[]): RankReport[] {
  return ranking.map(({ name, state, rows, score, detail, chosen }) => ({
    name,
    state,
    rows,
    score,
    detail,
    chosen,
  }));
}
