// A sheet's rows → raw injects, and what became of every row: the first row of an inject,
// a row merged into the inject above (its second expected action, a note), a section
// heading, or skipped and why (blank, the header again, a placeholder, a status such as
// Omitted, cells below the table). Placeholders (`---`, `N/A`, `TBD`, `无`) read as empty
// cells. Pure.

import { isPlaceholder } from "../plan/placeholder.js";
import { type CellValue, cellText, isBlank, rowIsBlank } from "./cells.js";
import type { Column, MselLayout } from "./layout.js";
import { parseTimeCell } from "./times.js";
import { type MselField, normaliseName } from "./vocabulary.js";

export interface RawExpectation {
  rowNumber: number;
  rawId: string;
  action: string;
  actionBy: string;
  /** The row's own recipients: on a continuation row, who this action is for. */
  to: string;
  within: CellValue;
  after: string;
  objective: string;
  critical: boolean;
}

export interface RawInject {
  sheet: string;
  rowNumber: number;
  rawId: string;
  title: string;
  message: string;
  phase: string;
  to: string;
  time: CellValue;
  day: CellValue;
  datetime: CellValue;
  timeKey: string;
  condition: string;
  notes: string[];
  expectations: RawExpectation[];
}

export type SkipReason =
  | "blank"
  | "above-header"
  | "header"
  | "header-repeat"
  | "placeholder"
  | "status"
  | "below-table"
  | "no-inject"
  | "side-table";

export type RowFate =
  | { sheet: string; row: number; fate: "inject"; raw: RawInject }
  | { sheet: string; row: number; fate: "merged"; raw: RawInject; why: string }
  | { sheet: string; row: number; fate: "heading"; text: string }
  | { sheet: string; row: number; fate: "skipped"; reason: SkipReason; detail?: string };

export interface SheetRows {
  raws: RawInject[];
  fates: RowFate[];
  /** Filled rows of the inject table (blank ones and those above the header not counted). */
  filled: number;
  /** Section headings read as the phase of the rows below. */
  headings: number;
}

/** Fields that make a row part of the inject table (a recipient alone may be a list's cell). */
const INJECT_FIELDS: readonly MselField[] = [
  "id",
  "time",
  "day",
  "datetime",
  "title",
  "message",
  "action",
];

/** Fields that, filled, make a row with placeholders more than an unfilled line. */
const PLACEHOLDER_TEST_FIELDS: readonly MselField[] = ["id", "title", "message", "action", "to"];

/**
 * Statuses that take a row out of the exercise. English words are matched whole
 * ("Omitted", "Deleted - see 12"), Chinese ones anywhere in the cell.
 */
const DROPPED_STATUS =
  /\b(omit(ted)?|delete(d)?|defer(red)?|cancel(l?ed)?|removed|withdrawn|dropped|void(ed)?|postponed|struck|not used|do not use|superseded)\b|取消|删除|作废|暂缓|推迟|延期|撤销|弃用|停用|不用/i;

export function isDroppedStatus(text: string): boolean {
  return DROPPED_STATUS.test(text.normalize("NFKC"));
}

export function readSheetRows(layout: MselLayout, options: { keepStatus: boolean }): SheetRows {
  const { sheet, bodyStart, bodyEnd, columns } = layout;
  const name = sheet.name;
  const byField = new Map<MselField, Column>();
  const standIns = new Map<MselField, Column[]>();
  const noteColumns: Column[] = [];
  for (const column of columns) {
    if (column.skip) continue;
    if (column.field && column.field !== "notes") byField.set(column.field, column);
    else if (column.standsInFor) {
      const list = standIns.get(column.standsInFor) ?? [];
      list.push(column);
      standIns.set(column.standsInFor, list);
      noteColumns.push(column);
    } else noteColumns.push(column);
  }
  const notesColumn = columns.find((c) => c.field === "notes" && c.by === "header");

  const fates: RowFate[] = [];
  const raws: RawInject[] = [];
  let filled = 0;
  let headings = 0;
  for (let r = 0; r < Math.min(layout.headerRow ?? bodyStart, bodyStart); r++)
    fates.push(
      rowIsBlank(sheet.rows[r])
        ? { sheet: name, row: r + 1, fate: "skipped", reason: "blank" }
        : { sheet: name, row: r + 1, fate: "skipped", reason: "above-header" },
    );
  if (layout.headerRow !== undefined)
    fates.push({ sheet: name, row: layout.headerRow + 1, fate: "skipped", reason: "header" });

  const headerKeys =
    layout.headerRow === undefined
      ? []
      : (sheet.rows[layout.headerRow] ?? []).map((c) => normaliseName(cellText(c), false));
  /** The row with placeholders emptied (a copy only when it has some). */
  const cleaned = (r: number): { row: CellValue[]; placeholders: number } => {
    const source = sheet.rows[r] ?? [];
    let row = source;
    let placeholders = 0;
    for (let i = 0; i < source.length; i++) {
      const value = source[i];
      if (typeof value !== "string" || !isPlaceholder(value)) continue;
      if (row === source) row = [...source];
      row[i] = null;
      placeholders++;
    }
    return { row, placeholders };
  };
  const cell = (row: CellValue[], field: MselField): CellValue => {
    const column = byField.get(field);
    const own = column ? (row[column.index] ?? null) : null;
    if (cellText(own) !== "") return own;
    for (const standIn of standIns.get(field) ?? []) {
      const value = row[standIn.index] ?? null;
      if (cellText(value) !== "") return value;
    }
    return own;
  };
  const text = (row: CellValue[], field: MselField) => cellText(cell(row, field));
  const filledIn = (row: CellValue[], field: MselField) => !isBlank(cell(row, field));
  const hasInjectField = (row: CellValue[]) => INJECT_FIELDS.some((f) => filledIn(row, f));

  // Cells below the last inject row are lists or stray notes, not injects.
  let lastInjectRow = bodyStart - 1;
  for (let r = bodyEnd - 1; r >= bodyStart; r--) {
    if (rowIsBlank(sheet.rows[r])) continue;
    if (hasInjectField(cleaned(r).row)) {
      lastInjectRow = r;
      break;
    }
  }

  let current: RawInject | undefined;
  let sectionPhase = "";
  for (let r = bodyStart; r < bodyEnd; r++) {
    const rowNumber = r + 1;
    const skip = (reason: SkipReason, detail?: string) =>
      fates.push({
        sheet: name,
        row: rowNumber,
        fate: "skipped",
        reason,
        ...(detail === undefined ? {} : { detail }),
      });
    if (rowIsBlank(sheet.rows[r])) {
      skip("blank");
      continue;
    }
    filled++;
    const { row, placeholders } = cleaned(r);
    if (rowIsBlank(row)) {
      skip("placeholder", `${placeholders} placeholder cell(s)`);
      continue;
    }
    // A time and placeholders (`J-30`, `???`): a row left unfilled, not an inject.
    if (placeholders > 0 && !PLACEHOLDER_TEST_FIELDS.some((f) => filledIn(row, f))) {
      skip("placeholder", `${placeholders} placeholder cell(s)`);
      continue;
    }
    if (r > lastInjectRow) {
      skip("below-table");
      continue;
    }
    if (isHeaderRepeat(row, headerKeys)) {
      skip("header-repeat");
      continue;
    }
    const status = text(row, "status");
    if (status !== "" && !options.keepStatus && isDroppedStatus(status)) {
      skip("status", status);
      continue;
    }
    const banner = bannerText(row, columns);
    if (banner !== undefined) {
      sectionPhase = banner;
      headings++;
      fates.push({ sheet: name, row: rowNumber, fate: "heading", text: banner });
      continue;
    }
    const rawId = text(row, "id");
    const title = text(row, "title");
    const message = text(row, "message");
    const timeKey = timeKeyOf(cell(row, "time"), cell(row, "day"), cell(row, "datetime"));
    const expectation = expectationOf(row, rowNumber, text, cell);
    const notes = notesOf(row, { byField, noteColumns, notesColumn, standIns, cell });
    const ownsInject = rawId !== "" || title !== "" || message !== "" || timeKey !== "";
    if (!current && !ownsInject && !expectation) {
      skip("no-inject");
      continue;
    }
    const continues =
      current !== undefined &&
      (rawId === "" || rawId === current.rawId) &&
      (title === "" || title === current.title) &&
      (message === "" || message === current.message) &&
      (timeKey === "" || timeKey === current.timeKey);
    if (current && continues) {
      if (expectation) current.expectations.push(expectation);
      for (const note of notes) if (!current.notes.includes(note)) current.notes.push(note);
      const to = text(row, "to");
      if (to !== "" && to !== current.to)
        current.to = current.to === "" ? to : `${current.to}\n${to}`;
      const why =
        rawId !== ""
          ? "the same inject number"
          : ownsInject
            ? "the same inject cells"
            : expectation
              ? "another expected action, with no inject cells of its own"
              : "no inject cells of its own";
      fates.push({ sheet: name, row: rowNumber, fate: "merged", raw: current, why });
      continue;
    }
    current = {
      sheet: name,
      rowNumber,
      rawId,
      title,
      message,
      phase: text(row, "phase") || sectionPhase,
      to: text(row, "to"),
      time: cell(row, "time"),
      day: cell(row, "day"),
      datetime: cell(row, "datetime"),
      timeKey,
      condition: text(row, "condition"),
      notes,
      expectations: expectation ? [expectation] : [],
    };
    raws.push(current);
    fates.push({ sheet: name, row: rowNumber, fate: "inject", raw: current });
  }
  for (let r = bodyEnd; r < sheet.rows.length; r++)
    fates.push(
      rowIsBlank(sheet.rows[r])
        ? { sheet: name, row: r + 1, fate: "skipped", reason: "blank" }
        : { sheet: name, row: r + 1, fate: "skipped", reason: "side-table" },
    );
  return { raws, fates, filled, headings };
}

/** The header row again (a pasted block, a header repeated on each printed page). */
function isHeaderRepeat(row: CellValue[], headerKeys: string[]): boolean {
  const named = headerKeys.filter((k) => k !== "").length;
  if (named < 2) return false;
  let same = 0;
  for (let i = 0; i < headerKeys.length; i++) {
    const key = headerKeys[i] as string;
    const value = row[i];
    // Only text as long as a header's can repeat it: most cells are settled without work.
    if (key === "" || typeof value !== "string" || value.length > key.length * 3 + 8) continue;
    if (normaliseName(value, false) === key) same++;
  }
  return same >= Math.max(2, Math.ceil(named * 0.6));
}

/** What a row's time cells say, to tell whether the next row repeats them: "" when none. */
function timeKeyOf(...values: CellValue[]): string {
  if (values.every(isBlank)) return "";
  return values.map((v) => (v instanceof Date ? `@${v.getTime()}` : cellText(v))).join("|");
}

/** A row with one filled cell in the number, title or phase column, or an unmapped one: a heading between phases. */
function bannerText(row: CellValue[], columns: Column[]): string | undefined {
  let index = -1;
  for (let i = 0; i < row.length; i++) {
    if (isBlank(row[i])) continue;
    if (index >= 0) return undefined;
    index = i;
  }
  if (index < 0) return undefined;
  const column = columns[index];
  if (column?.skip) return undefined;
  const field = column?.field;
  if (field !== undefined && field !== "id" && field !== "title" && field !== "phase")
    return undefined;
  if (column?.standsInFor) return undefined;
  const value = row[index] ?? null;
  if (typeof value !== "string" || parseTimeCell(value, "time") !== undefined) return undefined;
  // A lone inject number ("12") is an inject with nothing filled in yet, not a heading.
  if (field === "id" && /^[\w.-]{1,12}$/.test(value.trim()) && /\d/.test(value)) return undefined;
  return cellText(value);
}

function expectationOf(
  row: CellValue[],
  rowNumber: number,
  text: (row: CellValue[], field: MselField) => string,
  cell: (row: CellValue[], field: MselField) => CellValue,
): RawExpectation | undefined {
  const action = text(row, "action");
  if (action === "") return undefined;
  return {
    rowNumber,
    rawId: text(row, "expectation-id"),
    action,
    actionBy: text(row, "action-by"),
    to: text(row, "to"),
    within: cell(row, "within"),
    after: text(row, "after"),
    objective: text(row, "objective"),
    critical: isYes(text(row, "critical")),
  };
}

/** The notes cell, then "Column: value" for each column drillbook has no field for. */
function notesOf(
  row: CellValue[],
  columns: {
    byField: Map<MselField, Column>;
    noteColumns: Column[];
    notesColumn: Column | undefined;
    standIns: Map<MselField, Column[]>;
    cell: (row: CellValue[], field: MselField) => CellValue;
  },
): string[] {
  const { byField, noteColumns, notesColumn, standIns, cell } = columns;
  const notes: string[] = [];
  const own = notesColumn ? cellText(row[notesColumn.index]) : "";
  if (own !== "") notes.push(own);
  for (const field of ["from", "status"] as const) {
    const column = byField.get(field);
    const value = column ? cellText(row[column.index]) : "";
    if (column && value !== "") notes.push(`${column.header}: ${value}`);
  }
  // A stand-in column whose cell became the field's value is not repeated as a note.
  const used = new Set<Column>();
  for (const [field, list] of standIns) {
    const taken = cell(row, field);
    for (const column of list)
      if ((row[column.index] ?? null) === taken && taken !== null) used.add(column);
  }
  for (const column of noteColumns) {
    if (column === notesColumn || used.has(column)) continue;
    const value = cellText(row[column.index]);
    if (value !== "") notes.push(`${column.header}: ${value}`);
  }
  return notes;
}

function isYes(text: string): boolean {
  return /^(y|yes|true|1|x|✓|✔|√|是|关键|critical|key)$/i.test(text.trim());
}
