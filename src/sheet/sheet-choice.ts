// Which sheets of a workbook hold the MSEL. Each sheet is scored on how MSEL-like it is, out
// of 100: the fields its header names and how surely (50), the share of its rows that have a
// time, a title or message, and a recipient (40), and its length (10); a name such as
// "Examples", "Backup" or "Lookups" halves the score. Hidden sheets are never chosen unless named. `--sheet` may
// name several, and `--sheets all` takes every visible sheet that scores as a MSEL; a sheet
// named for a day ("Day 2", "D2", "第2天") starts that many days in. Pure.

import { cellText, rowIsBlank, type Sheet, type Workbook } from "./cells.js";
import {
  isTimeField,
  type LayoutResult,
  layoutSheet,
  type MselLayout,
  type SideTables,
} from "./layout.js";
import type { ColumnMapping } from "./mapping.js";
import { parseTimeCell } from "./times.js";
import { normaliseName } from "./vocabulary.js";

/** A sheet scoring below this is not taken by `--sheets all`. */
export const MSEL_SCORE = 40;
/** Rows looked at to score a sheet's content. */
const SAMPLE_ROWS = 200;

export interface SheetRank {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Filled rows in the sheet (all of them, though only the first may have been read). */
  rows: number;
  score: number;
  /** What the score is made of, in a few words. */
  detail: string;
  chosen: boolean;
  layout?: MselLayout;
  /** Why the sheet has no layout (no recognisable time or inject column), for the error. */
  failure?: Extract<LayoutResult, { ok: false }>;
}

export type SheetChoice =
  | { ok: true; chosen: SheetRank[]; ranking: SheetRank[] }
  | { ok: false; reason: "no-sheet"; missing: string; sheets: string[] }
  | { ok: false; reason: "no-columns"; failure: Extract<LayoutResult, { ok: false }> };

const SIDE_SHEET =
  /\b(examples?|samples?|templates?|scratch|drafts?|old|backup|copy|archive|print|info only|reference|lookups?|instructions?|read ?me|cover|metadata)\b|示例|样例|模板|草稿|备份|旧|说明|参考|下拉/i;

export function rankSheets(book: Workbook, mapping: ColumnMapping, sides: SideTables): SheetRank[] {
  return book.sheets.map((sheet) => rankSheet(sheet, mapping, sides));
}

export function chooseSheets(
  book: Workbook,
  mapping: ColumnMapping,
  sides: SideTables,
): SheetChoice {
  const ranking = rankSheets(book, mapping, sides);
  let chosen: SheetRank[];
  if (mapping.sheets === "all") {
    chosen = ranking.filter((r) => r.state === "visible" && r.layout && r.score >= MSEL_SCORE);
    if (chosen.length === 0) {
      const best = bestOf(ranking.filter((r) => r.state === "visible"));
      chosen = best ? [best] : [];
    }
  } else if (mapping.sheets !== undefined) {
    chosen = [];
    for (const wanted of mapping.sheets) {
      const found =
        ranking.find((r) => r.name === wanted) ??
        ranking.find((r) => normaliseName(r.name) === normaliseName(wanted));
      if (!found)
        return {
          ok: false,
          reason: "no-sheet",
          missing: wanted,
          sheets: ranking.map((r) => r.name),
        };
      if (!chosen.includes(found)) chosen.push(found);
    }
  } else {
    const best = bestOf(ranking.filter((r) => r.state === "visible"));
    chosen = best ? [best] : [];
  }
  if (chosen.length === 0) return { ok: false, reason: "no-sheet", missing: "", sheets: [] };
  const failed = chosen.find((r) => !r.layout);
  if (failed?.failure) return { ok: false, reason: "no-columns", failure: failed.failure };
  for (const r of chosen) r.chosen = true;
  return { ok: true, chosen, ranking };
}

/**
 * Per chosen sheet, whole days to add to its times of day: the day its name says ("Day 3" is
 * 2 days in), else, when every sheet is one day of times of day, its place in the order.
 */
export function dayOffsets(chosen: readonly SheetRank[]): Map<string, number> {
  const offsets = new Map<string, number>();
  if (chosen.length < 2) return offsets;
  const named = chosen.map((r) => dayOfName(r.name));
  if (named.every((d) => d !== undefined)) {
    const first = Math.min(...(named as number[]));
    chosen.forEach((r, i) => {
      offsets.set(r.name, (named[i] as number) - first);
    });
    return offsets;
  }
  const allClock = chosen.every((r) => oneDayOfClockTimes(r));
  if (allClock)
    chosen.forEach((r, i) => {
      offsets.set(r.name, i);
    });
  return offsets;
}

/** `Day 2`, `DAY2`, `D2`, `Day-2 (Response)`, `第2天`, `第二天` → 2. */
export function dayOfName(name: string): number | undefined {
  const t = name.normalize("NFKC").trim();
  const en =
    /^(?:day|d)\s*[-_#]?\s*(\d{1,2})\b/i.exec(t) ?? /\bday\s*[-_#]?\s*(\d{1,2})\b/i.exec(t);
  if (en) return Number(en[1]);
  const zh = /第\s*(\d{1,2}|[一二两三四五六七八九十])\s*[天日]/.exec(t);
  if (zh) {
    const numerals = "一二三四五六七八九十";
    const raw = zh[1] as string;
    return /^\d+$/.test(raw) ? Number(raw) : raw === "两" ? 2 : numerals.indexOf(raw) + 1;
  }
  return undefined;
}

function bestOf(ranking: SheetRank[]): SheetRank | undefined {
  let best: SheetRank | undefined;
  for (const r of ranking) {
    // Ties go to the sheet with more rows: a MSEL beside a blank template of it.
    if (!best || r.score > best.score || (r.score === best.score && r.rows > best.rows)) best = r;
  }
  return best;
}

function rankSheet(sheet: Sheet, mapping: ColumnMapping, sides: SideTables): SheetRank {
  const rows = sheet.truncatedFrom ?? sheet.rows.filter((row) => !rowIsBlank(row)).length;
  const base = {
    name: sheet.name,
    state: sheet.state ?? ("visible" as const),
    rows,
    chosen: false,
  };
  const result = layoutSheet(sheet, mapping, sides);
  if (!result.ok) return { ...base, score: 0, detail: "no time or inject column", failure: result };
  const { layout } = result;
  const weight = { exact: 1, map: 1, phrase: 0.8, content: 0.6 } as const;
  const fieldWeight = (test: (field: string) => boolean) =>
    Math.max(
      0,
      ...layout.columns.flatMap((c) =>
        c.field && test(c.field) ? [weight[c.confidence ?? "content"]] : [],
      ),
    );
  const header =
    16 * fieldWeight((f) => isTimeField(f as never)) +
    12 * fieldWeight((f) => f === "title" || f === "message") +
    8 * fieldWeight((f) => f === "to") +
    8 * fieldWeight((f) => f === "action") +
    6 * fieldWeight((f) => f === "id");
  const share = contentShare(layout);
  const content = 20 * share.time + 15 * share.text + 5 * share.to;
  // The main MSEL is usually the longest list: up to 10 more for 1,000 rows or more.
  const size = Math.min(10, (10 / 3) * Math.log10(rows + 1));
  const side = SIDE_SHEET.test(sheet.name.replace(/_/g, " "));
  const score = Math.round((header + content + size) * (side ? 0.5 : 1));
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const detail = [
    `${layout.columns.filter((c) => c.field && c.field !== "notes").length} field(s) in the header`,
    `${pct(share.time)} of rows timed`,
    `${pct(share.text)} with a title or message`,
    ...(side ? ["its name says it is a side sheet"] : []),
    ...(base.state !== "visible" ? [base.state] : []),
  ].join(", ");
  return { ...base, score, detail, layout };
}

/** Shares of the first rows of the table with a time, a title or message, a recipient. */
function contentShare(layout: MselLayout): { time: number; text: number; to: number } {
  const { sheet, bodyStart, bodyEnd, columns } = layout;
  const index = (test: (c: (typeof columns)[number]) => boolean) =>
    columns.filter(test).map((c) => c.index);
  const timeCols = index((c) => isTimeField(c.field));
  const textCols = index(
    (c) => c.field === "title" || c.field === "message" || c.standsInFor === "message",
  );
  const toCols = index((c) => c.field === "to");
  let filled = 0;
  let time = 0;
  let text = 0;
  let to = 0;
  for (let r = bodyStart; r < bodyEnd && filled < SAMPLE_ROWS; r++) {
    const row = sheet.rows[r];
    if (rowIsBlank(row)) continue;
    filled++;
    const cells = row as NonNullable<typeof row>;
    if (timeCols.some((i) => parseTimeCell(cells[i] ?? null, "time") !== undefined)) time++;
    if (textCols.some((i) => cellText(cells[i]) !== "")) text++;
    if (toCols.some((i) => cellText(cells[i]) !== "")) to++;
  }
  if (filled === 0) return { time: 0, text: 0, to: 0 };
  return { time: time / filled, text: text / filled, to: to / filled };
}

/** A sheet of times of day within one day (no dates, no day column, no offsets). */
function oneDayOfClockTimes(rank: SheetRank): boolean {
  const layout = rank.layout;
  if (!layout) return false;
  const time = layout.columns.find((c) => c.field === "time");
  if (!time || layout.columns.some((c) => c.field === "day" || c.field === "datetime"))
    return false;
  let seen = 0;
  for (let r = layout.bodyStart; r < layout.bodyEnd; r++) {
    const cell = parseTimeCell(layout.sheet.rows[r]?.[time.index] ?? null, "time");
    if (!cell) continue;
    if (cell.kind !== "hhmm" && cell.kind !== "number") return false;
    if (cell.kind === "hhmm" && cell.minutes >= 1440) return false;
    seen++;
  }
  return seen > 0;
}
