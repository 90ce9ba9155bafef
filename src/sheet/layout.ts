// Finding the MSEL in a workbook: which sheet, which row is the header (not always row 1),
// which column is which field, where the inject rows end, and the side tables (groups,
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
import type { ColumnMapping } from "./mapping.js";
import { parseTimeCell } from "./times.js";
import {
  type GroupColumn,
  type MselField,
  matchGroupColumn,
  matchMselHeader,
  matchObjectiveColumn,
  matchPlanKey,
  normaliseName,
  type ObjectiveColumn,
  type PlanKey,
  type TimeReading,
} from "./vocabulary.js";

/** How far down a header row is looked for. */
const HEADER_SCAN_ROWS = 20;

export interface Column {
  index: number;
  /** The header text, or the column letter when the sheet has no header row. */
  header: string;
  field?: MselField;
  reading?: TimeReading;
  /** How the field was chosen. */
  by?: "header" | "content" | "map";
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

export interface MselLayout {
  sheet: Sheet;
  /** 0-based header row; undefined when the sheet has none and columns were guessed from content. */
  headerRow?: number;
  columns: Column[];
  /** 0-based rows of the inject table, [start, end). */
  bodyStart: number;
  bodyEnd: number;
  groups?: SideTable<GroupColumn>;
  objectives?: SideTable<ObjectiveColumn>;
  /** Exercise name, scenario... from key/value rows above the header and on other sheets. */
  meta: Partial<Record<PlanKey, CellValue>>;
  /** Single-cell rows above the header ("Hurricane Scenario"): a title when nothing better. */
  banners: string[];
  otherSheets: string[];
}

export type LayoutResult =
  | { ok: true; layout: MselLayout }
  | { ok: false; reason: "no-sheet"; sheets: string[] }
  | { ok: false; reason: "no-columns"; sheet: string; found: string[] };

interface HeaderCandidate {
  row: number;
  score: number;
  columns: Column[];
}

export function findLayout(book: Workbook, mapping: ColumnMapping): LayoutResult {
  const sideHeaders = new Map<Sheet, Set<number>>();
  let groups: SideTable<GroupColumn> | undefined;
  let objectives: SideTable<ObjectiveColumn> | undefined;
  for (const sheet of book.sheets) {
    const rows = new Set<number>();
    sheet.rows.forEach((row, r) => {
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
    });
    sideHeaders.set(sheet, rows);
  }

  const wanted = mapping.sheet;
  let chosen: { sheet: Sheet; header?: HeaderCandidate } | undefined;
  if (wanted !== undefined) {
    const sheet =
      book.sheets.find((s) => s.name === wanted) ??
      book.sheets.find((s) => normaliseName(s.name) === normaliseName(wanted));
    if (!sheet) return { ok: false, reason: "no-sheet", sheets: book.sheets.map((s) => s.name) };
    chosen = { sheet, ...headerFor(sheet, mapping, sideHeaders.get(sheet)) };
  } else {
    let bestScore = -1;
    for (const sheet of book.sheets) {
      const header = headerFor(sheet, mapping, sideHeaders.get(sheet));
      // Ties go to the sheet with more rows: a MSEL beside a blank template of it.
      const score = (header.header?.score ?? 0) * 100_000 + Math.min(sheet.rows.length, 99_999);
      if (header.header && score > bestScore) {
        bestScore = score;
        chosen = { sheet, ...header };
      }
    }
    if (!chosen) {
      // No header anywhere: take the fullest sheet and guess from the cells.
      const fullest = [...book.sheets].sort((a, b) => filledRows(b) - filledRows(a))[0];
      if (fullest) chosen = { sheet: fullest };
    }
  }
  if (!chosen) return { ok: false, reason: "no-sheet", sheets: [] };

  const { sheet } = chosen;
  const sides = sideHeaders.get(sheet) ?? new Set<number>();
  let columns: Column[];
  let headerRow: number | undefined;
  if (chosen.header) {
    headerRow = chosen.header.row;
    columns = chosen.header.columns;
  } else {
    columns = guessFromContent(sheet, sides);
  }
  columns = applyMapping(columns, mapping);
  const bodyStart = headerRow === undefined ? 0 : headerRow + 1;
  let bodyEnd = sheet.rows.length;
  for (const r of [...sides].sort((a, b) => a - b)) {
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

  const meta: MselLayout["meta"] = {};
  const banners: string[] = [];
  for (let r = 0; r < (headerRow ?? 0); r++) readKeyValue(sheet.rows[r], meta, banners);
  for (const other of book.sheets) {
    if (other === sheet || !looksLikeKeyValues(other)) continue;
    for (const row of other.rows) readKeyValue(row, meta, []);
  }
  return {
    ok: true,
    layout: {
      sheet,
      ...(headerRow === undefined ? {} : { headerRow }),
      columns,
      bodyStart,
      bodyEnd,
      ...(groups ? { groups } : {}),
      ...(objectives ? { objectives } : {}),
      meta,
      banners,
      otherSheets: book.sheets.filter((s) => s !== sheet).map((s) => s.name),
    },
  };
}

function filledRows(sheet: Sheet): number {
  return sheet.rows.filter((row) => !rowIsBlank(row)).length;
}

function headerFor(
  sheet: Sheet,
  mapping: ColumnMapping,
  sides: Set<number> | undefined,
): { header?: HeaderCandidate } {
  if (mapping.header === "none") return {};
  if (typeof mapping.header === "number") {
    const row = mapping.header - 1;
    return {
      header: { row, score: 1, columns: headerColumns(sheet.rows[row] ?? [], sheetWidth(sheet)) },
    };
  }
  let best: HeaderCandidate | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let row = 0; row < limit; row++) {
    if (sides?.has(row)) continue;
    const cells = sheet.rows[row] ?? [];
    if (cells.some(looksLikeData)) continue;
    const columns = headerColumns(cells, sheetWidth(sheet));
    const fields = new Set(columns.flatMap((c) => (c.field ? [c.field] : [])));
    const anchor = ["id", "time", "day", "datetime", "title", "message"].some((f) =>
      fields.has(f as MselField),
    );
    if (fields.size < 2 || !anchor) continue;
    // Headers are text: a data row that happens to contain "Phase 1" scores less.
    const textCells = cells.filter((c) => typeof c === "string" && c.trim() !== "").length;
    const score = fields.size * 10 + Math.min(textCells, 9);
    if (!best || score > best.score) best = { row, score, columns };
  }
  return best ? { header: best } : {};
}

/** A header holds names: a number, a date or a time (`J-30`) marks a data row. */
function looksLikeData(cell: CellValue): boolean {
  if (cell === null || typeof cell === "boolean") return false;
  if (typeof cell === "number" || cell instanceof Date) return true;
  const time = parseTimeCell(cell, "time");
  return time !== undefined && time.kind !== "number";
}

/** Columns named by a header row; a field claimed by several columns goes to the best match. */
function headerColumns(cells: CellValue[], width: number): Column[] {
  const columns: Column[] = [];
  const claims = new Map<MselField, { index: number; strength: number; rank: number }>();
  for (let index = 0; index < Math.max(width, cells.length); index++) {
    const header = cellText(cells[index]).replace(/\s+/g, " ");
    const column: Column = { index, header };
    const match = header === "" ? undefined : matchMselHeader(header);
    if (match) {
      const prior = claims.get(match.field);
      const better =
        !prior ||
        match.strength > prior.strength ||
        (match.strength === prior.strength && match.rank < prior.rank);
      if (better) {
        if (prior) {
          const loser = columns[prior.index] as Column;
          delete loser.field;
          delete loser.reading;
          delete loser.by;
        }
        column.field = match.field;
        column.by = "header";
        if (match.reading) column.reading = match.reading;
        claims.set(match.field, { index, strength: match.strength, rank: match.rank });
      }
    }
    columns.push(column);
  }
  return columns;
}

/** A sheet without a header row (OpenBAS's importer fixtures): find the time column by its cells. */
function guessFromContent(sheet: Sheet, sides: Set<number>): Column[] {
  const width = sheetWidth(sheet);
  const columns: Column[] = [];
  const rows = sheet.rows.filter((row, r) => !sides.has(r) && !rowIsBlank(row));
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
    Object.assign(columns[timeIndex] as Column, { field: "time", by: "content" });
  if (titleIndex !== undefined)
    Object.assign(columns[titleIndex] as Column, { field: "title", by: "content" });
  return columns;
}

function applyMapping(columns: Column[], mapping: ColumnMapping): Column[] {
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
    if (rule.field === "skip" || rule.field === "notes") {
      delete column.field;
      delete column.reading;
      column.by = "map";
      if (rule.field === "notes") column.field = "notes";
      else column.skip = true;
      continue;
    }
    for (const other of columns) {
      if (other !== column && other.field === rule.field) {
        delete other.field;
        delete other.reading;
        delete other.by;
      }
    }
    column.field = rule.field;
    column.by = "map";
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
    if (typeof cell !== "string") return;
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
  meta: MselLayout["meta"],
  banners: string[],
): void {
  const cells = (row ?? []).filter((c) => cellText(c) !== "");
  if (cells.length === 1 && typeof cells[0] === "string") banners.push(cellText(cells[0]));
  if (cells.length !== 2 || typeof cells[0] !== "string") return;
  const key = matchPlanKey(cells[0]);
  if (key && meta[key] === undefined) meta[key] = cells[1] ?? null;
}
