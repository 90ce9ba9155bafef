// Finding the MSEL in a sheet: which row is the header (not always row 1), which column is
// which field and how sure that is, where the inject rows end, and the side tables (groups,
// objectives) and key/value rows (exercise name, scenario) around it. Pure.

import {
  type CellValue,
  cellText,
  columnIndex,
  columnLetter,
  rowIsBlank,
  type Sheet,
  sheetWidth,
  type Workbook,
} from "./cells.js";
import { type Confidence, matchHeader } from "./headers.js";
import type { ColumnMapping } from "./mapping.js";
import { parseTimeCell } from "./times.js";
import {
  type GroupColumn,
  type MselField,
  matchGroupColumn,
  matchObjectiveColumn,
  matchPlanKey,
  normaliseName,
  type ObjectiveColumn,
  type PlanKey,
  type TimeReading,
} from "./vocabulary.js";

/** How far down a header row is looked for. */
const HEADER_SCAN_ROWS = 20;
/** Rows looked at to tell a column's content (a time column without a time header). */
const CONTENT_SAMPLE_ROWS = 500;
/** Fields whose second column stands in on rows where the first is empty. */
const STAND_IN_FIELDS: readonly MselField[] = ["title", "message", "to", "action"];

export interface Column {
  index: number;
  /** The header text, or the column letter when the sheet has no header row. */
  header: string;
  field?: MselField;
  reading?: TimeReading;
  /** How the field was chosen. */
  by?: "header" | "content" | "map";
  confidence?: Confidence;
  /** A second column of this field, read where the field's own column is empty. */
  standsInFor?: MselField;
  /** The mapping file said to drop this column. */
  skip?: boolean;
}

export interface SideTable<K extends string> {
  sheet: string;
  /** 0-based row of its header. */
  headerRow: number;
  columns: Map<K, number>;
  rows: { rowNumber: number; values: CellValue[] }[];
}

export interface SideTables {
  groups?: SideTable<GroupColumn>;
  objectives?: SideTable<ObjectiveColumn>;
  /** Per sheet, the 0-based rows where a side table's header is. */
  headerRows: Map<Sheet, Set<number>>;
}

export interface MselLayout {
  sheet: Sheet;
  /** 0-based header row; undefined when the sheet has none and columns were guessed from content. */
  headerRow?: number;
  columns: Column[];
  /** 0-based rows of the inject table, [start, end). */
  bodyStart: number;
  bodyEnd: number;
  /** Single-cell rows above the header ("Hurricane Scenario"): a title when nothing better. */
  banners: string[];
  /** What the reader of the mapping should check: ties, guesses from part of a header. */
  notes: string[];
}

export type LayoutResult =
  | { ok: true; layout: MselLayout }
  | { ok: false; reason: "no-columns"; sheet: string; found: string[] };

interface HeaderCandidate {
  row: number;
  score: number;
  columns: Column[];
  notes: string[];
}

export function findSideTables(book: Workbook): SideTables {
  const headerRows = new Map<Sheet, Set<number>>();
  let groups: SideTable<GroupColumn> | undefined;
  let objectives: SideTable<ObjectiveColumn> | undefined;
  for (const sheet of book.sheets) {
    const rows = new Set<number>();
    // Side tables sit beside or below a MSEL's top, or on a sheet of their own.
    const limit = Math.min(sheet.rows.length, 5_000);
    for (let r = 0; r < limit; r++) {
      const row = sheet.rows[r] ?? [];
      const g = sideHeader(row, matchGroupColumn);
      if (g && (g.has("group-id") || (g.has("name") && g.size >= 2))) {
        rows.add(r);
        groups ??= sideTable(sheet, r, g);
      }
      const o = sideHeader(row, matchObjectiveColumn);
      if (o?.has("objective-id") && o.has("title")) {
        rows.add(r);
        objectives ??= sideTable(sheet, r, o);
      }
    }
    headerRows.set(sheet, rows);
  }
  return { ...(groups ? { groups } : {}), ...(objectives ? { objectives } : {}), headerRows };
}

/** The header, the columns and the inject rows of one sheet. */
export function layoutSheet(sheet: Sheet, mapping: ColumnMapping, sides: SideTables): LayoutResult {
  const sideRows = sides.headerRows.get(sheet) ?? new Set<number>();
  const header = headerFor(sheet, mapping, sideRows);
  let columns: Column[];
  let headerRow: number | undefined;
  const notes: string[] = [];
  if (header) {
    headerRow = header.row;
    columns = header.columns;
    notes.push(...header.notes);
  } else {
    columns = guessFromContent(sheet, sideRows);
  }
  const bodyStart = headerRow === undefined ? 0 : headerRow + 1;
  if (headerRow !== undefined && !columns.some((c) => isTimeField(c.field)))
    notes.push(...timeByContent(sheet, columns, bodyStart));
  columns = applyMapping(columns, mapping);
  let bodyEnd = sheet.rows.length;
  for (const r of [...sideRows].sort((a, b) => a - b)) {
    if (r >= bodyStart) {
      bodyEnd = r;
      break;
    }
  }

  // Without a header, only a column of times tells the rows are injects.
  const anchors: MselField[] =
    headerRow === undefined && mapping.columns.length === 0
      ? ["time"]
      : ["time", "day", "datetime", "id", "title"];
  const hasInjectColumn = columns.some((c) => c.field !== undefined && anchors.includes(c.field));
  if (!hasInjectColumn) {
    // Name what a person would call the columns: the header, or the first filled row's cells.
    const firstRow = sheet.rows.find((row) => !rowIsBlank(row)) ?? [];
    const found =
      headerRow === undefined
        ? firstRow.map(cellText).filter((t) => t !== "")
        : columns.filter((c) => c.header !== "").map((c) => c.header);
    return { ok: false, reason: "no-columns", sheet: sheet.name, found };
  }
  const banners: string[] = [];
  for (let r = 0; r < (headerRow ?? 0); r++) {
    const cells = (sheet.rows[r] ?? []).filter((c) => cellText(c) !== "");
    if (cells.length === 1 && typeof cells[0] === "string") banners.push(cellText(cells[0]));
  }
  return {
    ok: true,
    layout: {
      sheet,
      ...(headerRow === undefined ? {} : { headerRow }),
      columns,
      bodyStart,
      bodyEnd,
      banners,
      notes,
    },
  };
}

/** Exercise name, scenario...: key/value rows above the MSEL's header, and sheets of them. */
export function readMeta(
  book: Workbook,
  layouts: readonly MselLayout[],
): Partial<Record<PlanKey, CellValue>> {
  const meta: Partial<Record<PlanKey, CellValue>> = {};
  for (const layout of layouts)
    for (let r = 0; r < (layout.headerRow ?? 0); r++) readKeyValue(layout.sheet.rows[r], meta);
  const used = new Set(layouts.map((l) => l.sheet));
  for (const other of book.sheets) {
    if (used.has(other) || !looksLikeKeyValues(other)) continue;
    for (const row of other.rows) readKeyValue(row, meta);
  }
  return meta;
}

export function isTimeField(field: MselField | undefined): boolean {
  return field === "time" || field === "day" || field === "datetime";
}

function headerFor(
  sheet: Sheet,
  mapping: ColumnMapping,
  sides: Set<number>,
): HeaderCandidate | undefined {
  if (mapping.header === "none") return undefined;
  if (typeof mapping.header === "number") {
    const row = mapping.header - 1;
    return { row, score: 1, ...headerColumns(sheet.rows[row] ?? [], sheetWidth(sheet)) };
  }
  let best: HeaderCandidate | undefined;
  let width: number | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let row = 0; row < limit; row++) {
    if (sides.has(row)) continue;
    const cells = sheet.rows[row] ?? [];
    if (cells.some(looksLikeData)) continue;
    width ??= sheetWidth(sheet);
    const found = headerColumns(cells, width);
    const fields = new Set(found.columns.flatMap((c) => (c.field ? [c.field] : [])));
    const anchor = ["id", "time", "day", "datetime", "title", "message"].some((f) =>
      fields.has(f as MselField),
    );
    if (fields.size < 2 || !anchor) continue;
    const exact = found.columns.filter((c) => c.confidence === "exact").length;
    // Headers are text: a data row that happens to contain "Phase 1" scores less.
    const textCells = cells.filter((c) => typeof c === "string" && c.trim() !== "").length;
    const score = fields.size * 10 + exact * 2 + Math.min(textCells, 9);
    if (!best || score > best.score) best = { row, score, ...found };
  }
  return best;
}

/** A header holds names: a number, a date or a time (`J-30`) marks a data row. */
function looksLikeData(cell: CellValue): boolean {
  if (cell === null || typeof cell === "boolean") return false;
  if (typeof cell === "number" || cell instanceof Date) return true;
  const time = parseTimeCell(cell, "time");
  return time !== undefined && time.kind !== "number";
}

/**
 * Columns named by a header row. A field claimed by several columns goes to the surest match
 * (exact before phrase, then the longer phrase, then the name's rank); of title, message, to
 * and action the others stand in where it is empty, the rest are kept as notes.
 */
function headerColumns(cells: CellValue[], width: number): { columns: Column[]; notes: string[] } {
  const columns: Column[] = [];
  const notes: string[] = [];
  const claims = new Map<MselField, { column: Column; score: number; rank: number }[]>();
  for (let index = 0; index < Math.max(width, cells.length); index++) {
    const header = cellText(cells[index]).replace(/\s+/g, " ");
    const column: Column = { index, header };
    const match = header === "" ? undefined : matchHeader(header);
    if (match) {
      column.field = match.field;
      column.by = "header";
      column.confidence = match.confidence;
      if (match.reading) column.reading = match.reading;
      const list = claims.get(match.field) ?? [];
      list.push({ column, score: match.score, rank: match.rank });
      claims.set(match.field, list);
      if (match.tie)
        notes.push(
          `column ${columnLetter(index)} "${header}" reads as ${match.field} or ${match.tie} alike: taken as ${match.field} (name it with --map if not)`,
        );
      else if (match.confidence === "phrase")
        notes.push(
          `column ${columnLetter(index)} "${header}" taken as ${match.field} (from part of its header)`,
        );
    }
    columns.push(column);
  }
  for (const [field, list] of claims) {
    if (list.length < 2) continue;
    const sorted = [...list].sort(
      (a, b) => b.score - a.score || a.rank - b.rank || a.column.index - b.column.index,
    );
    const [winner, runnerUp] = sorted as [(typeof sorted)[0], (typeof sorted)[0]];
    if (runnerUp.score === winner.score && runnerUp.rank === winner.rank)
      notes.push(
        `columns ${columnLetter(winner.column.index)} "${winner.column.header}" and ${columnLetter(runnerUp.column.index)} "${runnerUp.column.header}" both read as ${field}: took ${columnLetter(winner.column.index)} (choose with --map)`,
      );
    for (const { column } of sorted.slice(1)) {
      delete column.field;
      delete column.reading;
      delete column.by;
      delete column.confidence;
      if (STAND_IN_FIELDS.includes(field)) {
        column.standsInFor = field;
        notes.push(
          `column ${columnLetter(column.index)} "${column.header}" stands in for ${field} where column ${columnLetter(winner.column.index)} is empty`,
        );
      }
    }
  }
  return { columns, notes };
}

/** Of the cells of a column, how many read as times (not bare numbers, which may be counts). */
function timeShare(sheet: Sheet, index: number, from: number): { times: number; filled: number } {
  let times = 0;
  let filled = 0;
  const end = Math.min(sheet.rows.length, from + CONTENT_SAMPLE_ROWS);
  for (let r = from; r < end; r++) {
    const value = sheet.rows[r]?.[index] ?? null;
    if (cellText(value) === "") continue;
    filled++;
    const cell = parseTimeCell(value, "time");
    if (cell !== undefined && cell.kind !== "number") times++;
  }
  return { times, filled };
}

/** A header row names no time column: a column most of whose cells are times is one. */
function timeByContent(sheet: Sheet, columns: Column[], bodyStart: number): string[] {
  let best: { column: Column; times: number } | undefined;
  for (const column of columns) {
    if (column.field !== undefined && column.field !== "notes") continue;
    const { times, filled } = timeShare(sheet, column.index, bodyStart);
    if (filled > 0 && times / filled >= 0.6 && times > (best?.times ?? 0)) best = { column, times };
  }
  if (!best) return [];
  const { column } = best;
  Object.assign(column, { field: "time", by: "content", confidence: "content" });
  delete column.standsInFor;
  return [
    `column ${columnLetter(column.index)} "${column.header}" holds times, though its header does not say so: read as the time`,
  ];
}

/** A sheet without a header row (OpenBAS's importer fixtures): find the time column by its cells. */
function guessFromContent(sheet: Sheet, sides: Set<number>): Column[] {
  const width = sheetWidth(sheet);
  const columns: Column[] = [];
  const rows = sheet.rows
    .slice(0, CONTENT_SAMPLE_ROWS)
    .filter((row, r) => !sides.has(r) && !rowIsBlank(row));
  let timeIndex: number | undefined;
  let titleIndex: number | undefined;
  for (let index = 0; index < width; index++) {
    const values = rows.map((row) => row[index] ?? null).filter((v) => cellText(v) !== "");
    const times = values.filter((v) => {
      const cell = parseTimeCell(v, "time");
      return cell !== undefined && cell.kind !== "number";
    }).length;
    if (timeIndex === undefined && values.length >= 1 && times / values.length >= 0.6)
      timeIndex = index;
    columns.push({ index, header: columnLetter(index) });
  }
  // The title: the first text column (left of the longer texts) filled on most rows.
  for (let index = 0; index < width; index++) {
    if (index === timeIndex) continue;
    const texts = rows.filter(
      (row) => typeof row[index] === "string" && cellText(row[index]) !== "",
    );
    if (texts.length >= rows.length / 2) {
      titleIndex = index;
      break;
    }
  }
  if (timeIndex !== undefined)
    Object.assign(columns[timeIndex] as Column, {
      field: "time",
      by: "content",
      confidence: "content",
    });
  if (titleIndex !== undefined)
    Object.assign(columns[titleIndex] as Column, {
      field: "title",
      by: "content",
      confidence: "content",
    });
  return columns;
}

function applyMapping(columns: Column[], mapping: ColumnMapping): Column[] {
  const clear = (column: Column) => {
    delete column.field;
    delete column.reading;
    delete column.by;
    delete column.confidence;
    delete column.standsInFor;
  };
  for (const rule of mapping.columns) {
    const key = normaliseName(rule.column, false);
    const letter = columnIndex(rule.column);
    let column = columns.find((c) => normaliseName(c.header, false) === key && c.header !== "");
    if (!column && letter !== undefined) {
      while (columns.length <= letter)
        columns.push({ index: columns.length, header: columnLetter(columns.length) });
      column = columns[letter];
    }
    if (!column) continue;
    clear(column);
    column.by = "map";
    column.confidence = "map";
    if (rule.field === "skip") {
      column.skip = true;
      continue;
    }
    if (rule.field !== "notes")
      for (const other of columns) if (other !== column && other.field === rule.field) clear(other);
    column.field = rule.field;
  }
  if (mapping.time) {
    for (const c of columns) if (c.field === "time") c.reading = mapping.time;
  }
  return columns;
}

function sideHeader<K extends string>(
  row: CellValue[],
  match: (text: string) => K | undefined,
): Map<K, number> | undefined {
  const found = new Map<K, number>();
  row.forEach((cell, index) => {
    // Table headers are short: a sentence in a cell is data.
    if (typeof cell !== "string" || cell.length > 40) return;
    const key = match(cell);
    if (key && !found.has(key)) found.set(key, index);
  });
  return found.size > 0 ? found : undefined;
}

function sideTable<K extends string>(
  sheet: Sheet,
  headerRow: number,
  columns: Map<K, number>,
): SideTable<K> {
  const rows: SideTable<K>["rows"] = [];
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const values = sheet.rows[r] ?? [];
    if (rowIsBlank(values)) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push({ rowNumber: r + 1, values });
  }
  return { sheet: sheet.name, headerRow, columns, rows };
}

/** A sheet of label/value pairs (a "Metadata" or "Plan" sheet): most rows have two cells. */
function looksLikeKeyValues(sheet: Sheet): boolean {
  const filled = sheet.rows.filter((row) => !rowIsBlank(row));
  if (filled.length === 0 || filled.length > 50) return false;
  const pairs = filled.filter((row) => row.filter((c) => cellText(c) !== "").length === 2);
  return pairs.length >= filled.length / 2;
}

function readKeyValue(
  row: CellValue[] | undefined,
  meta: Partial<Record<PlanKey, CellValue>>,
): void {
  const cells = (row ?? []).filter((c) => cellText(c) !== "");
  if (cells.length !== 2 || typeof cells[0] !== "string") return;
  const key = matchPlanKey(cells[0]);
  if (key && meta[key] === undefined) meta[key] = cells[1] ?? null;
}
