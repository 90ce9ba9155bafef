// A MSEL, once its layout is known, as a plan: one inject per row (or per group of rows
// sharing an inject number), expectations from the expected-action cells, groups and
// objectives from the distinct values found, and times brought to minutes from T+0.
// Pure: a workbook in, a plan and a report of what was and was not mapped out.

import type {
  Expectation,
  Group,
  Inject,
  InjectCondition,
  Lang,
  Objective,
  Plan,
} from "../core/plan.js";
import { formatClock, formatDuration, round } from "../core/scenario-time.js";
import { InputError } from "../errors.js";
import { parseConditionShorthand } from "../plan/condition.js";
import { ID_PATTERN as ID } from "../plan/schema.js";
import {
  type CellValue,
  cellText,
  columnLetter,
  isoMinute,
  rowIsBlank,
  type Workbook,
} from "./cells.js";
import { type Column, findLayout, type MselLayout, type SideTable } from "./layout.js";
import type { ColumnMapping } from "./mapping.js";
import { parseTimeCell, parseWithin, type TimeCell, withinFromText } from "./times.js";
import type { GroupColumn, MselField, ObjectiveColumn, TimeReading } from "./vocabulary.js";

/** Time target given to an expected action when the sheet states none. */
export const DEFAULT_WITHIN_MINUTES = 60;
/** Clock speed of an imported plan (scenario minutes per real minute) unless the sheet says. */
export const DEFAULT_SPEED = 1;

export interface ColumnReport {
  letter: string;
  header: string;
  field?: MselField;
  by?: Column["by"];
  skipped: boolean;
  /** Up to three distinct values, shortened. */
  samples: string[];
}

export interface ImportReport {
  file: string;
  sheet: string;
  format: Workbook["format"];
  /** 1-based header row, or undefined when the sheet has none. */
  headerRow?: number;
  otherSheets: string[];
  columns: ColumnReport[];
  /** Non-blank rows of the inject table, and how many became injects, expectations or notes. */
  rows: number;
  rowsUsed: number;
  injects: number;
  expectations: number;
  groups: number;
  objectives: number;
  /** Columns kept under each inject's notes as "Column: value". */
  keptAsNotes: string[];
  warnings: string[];
  /** Single cells the importer could not read, and what it did instead. */
  cellWarnings: CellWarning[];
}

/** A cell the importer could not read, to report where it is: `msel.xlsx:Sheet1!C7`. */
export interface CellWarning {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  /** Column letter. */
  column: string;
  message: string;
  hint: string;
}

export interface ImportResult {
  plan: Plan;
  report: ImportReport;
}

interface RawExpectation {
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

interface RawInject {
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

export function mselToPlan(book: Workbook, file: string, mapping: ColumnMapping): ImportResult {
  const found = findLayout(book, mapping);
  if (!found.ok) {
    if (found.reason === "no-sheet")
      throw new InputError(`no sheet named "${mapping.sheet ?? ""}"`, {
        location: { file },
        hint: `sheets: ${found.sheets.map((s) => `"${s}"`).join(", ") || "(none)"}`,
      });
    const list =
      found.found.length > 0 ? found.found.map((h) => `"${h}"`).join(", ") : "(no header row)";
    throw new InputError(
      `sheet "${found.sheet}" has no recognisable time or inject column; found: ${list}`,
      {
        location: { file },
        hint: "name the columns with --map mapping.yaml (e.g. `columns: {C: time, D: to, E: title}`)",
      },
    );
  }
  return new Importer(book, file, mapping, found.layout).run();
}

class Importer {
  private readonly warnings: string[] = [];
  private readonly cellWarnings: CellWarning[] = [];
  private readonly byField = new Map<MselField, Column>();
  private readonly noteColumns: Column[] = [];
  private rowsUsed = 0;
  /** T+0 as a date-time, when the sheet's times are date-times. */
  private startFromTimes: string | undefined;
  private rowsTotal = 0;

  constructor(
    private readonly book: Workbook,
    private readonly file: string,
    private readonly mapping: ColumnMapping,
    private readonly layout: MselLayout,
  ) {
    for (const column of layout.columns) {
      if (column.skip) continue;
      if (column.field && column.field !== "notes") this.byField.set(column.field, column);
      else if (this.hasValues(column)) this.noteColumns.push(column);
    }
    this.warnings.push(...book.notes);
  }

  run(): ImportResult {
    const raws = this.readRows();
    const lang = this.detectLang(raws);
    const groups = new GroupResolver(this.layout.groups, lang, "g");
    const objectives = new GroupResolver(this.layout.objectives, lang, "o");
    const injects = this.buildInjects(raws, groups, objectives);
    const plan: Plan = {
      title: this.planTitle(),
      scenario:
        this.metaText("scenario") ||
        (lang === "zh"
          ? `由 ${baseName(this.file)} 导入的演练情景。`
          : `Imported from ${baseName(this.file)}.`),
      lang,
      clock: { speed: this.speed() },
      groups: groups.groups(),
      objectives: objectives.objectives(),
      injects,
    };
    const version = this.metaText("version");
    if (version) plan.version = version;
    const start = this.metaText("start") || this.startFromTimes;
    if (start) plan.clock.start = start;
    return { plan, report: this.report(plan) };
  }

  // ── rows ───────────────────────────────────────────────────────────────────

  private cell(row: CellValue[], field: MselField): CellValue {
    const column = this.byField.get(field);
    return column ? (row[column.index] ?? null) : null;
  }

  private text(row: CellValue[], field: MselField): string {
    return cellText(this.cell(row, field));
  }

  private hasValues(column: Column): boolean {
    const { rows } = this.layout.sheet;
    for (let r = this.layout.bodyStart; r < this.layout.bodyEnd; r++) {
      if (cellText(rows[r]?.[column.index]) !== "") return true;
    }
    return false;
  }

  private readRows(): RawInject[] {
    const { sheet, bodyStart, bodyEnd } = this.layout;
    const raws: RawInject[] = [];
    let current: RawInject | undefined;
    let sectionPhase = "";
    const banners: string[] = [];
    for (let r = bodyStart; r < bodyEnd; r++) {
      const row = sheet.rows[r] ?? [];
      if (rowIsBlank(row)) continue;
      this.rowsTotal++;
      const rowNumber = r + 1;
      const banner = this.bannerText(row);
      if (banner !== undefined) {
        sectionPhase = banner;
        banners.push(`row ${rowNumber} "${banner}"`);
        this.rowsUsed++;
        continue;
      }
      const rawId = this.text(row, "id");
      const title = this.text(row, "title");
      const message = this.text(row, "message");
      const timeKey = ["time", "day", "datetime"]
        .map((f) => this.text(row, f as MselField))
        .join("|");
      const expectation = this.expectationOf(row, rowNumber);
      const notes = this.notesOf(row);
      const continues =
        current !== undefined &&
        (rawId === "" || rawId === current.rawId) &&
        (title === "" || title === current.title) &&
        (message === "" || message === current.message) &&
        (timeKey === "||" || timeKey === current.timeKey);
      if (current && continues) {
        if (expectation) current.expectations.push(expectation);
        for (const note of notes) if (!current.notes.includes(note)) current.notes.push(note);
        const to = this.text(row, "to");
        if (to !== "" && to !== current.to)
          current.to = current.to === "" ? to : `${current.to}\n${to}`;
        this.rowsUsed++;
        continue;
      }
      current = {
        rowNumber,
        rawId,
        title,
        message,
        phase: this.text(row, "phase") || sectionPhase,
        to: this.text(row, "to"),
        time: this.cell(row, "time"),
        day: this.cell(row, "day"),
        datetime: this.cell(row, "datetime"),
        timeKey,
        condition: this.text(row, "condition"),
        notes,
        expectations: expectation ? [expectation] : [],
      };
      raws.push(current);
      this.rowsUsed++;
    }
    if (banners.length > 0)
      this.warnings.push(
        `${banners.length} single-cell row(s) read as section headings and used as the phase of the rows below: ${banners.slice(0, 3).join(", ")}${banners.length > 3 ? ", ..." : ""}`,
      );
    return raws;
  }

  /** A row with one filled cell in the number, title or phase column, or an unmapped one: a heading between phases. */
  private bannerText(row: CellValue[]): string | undefined {
    const filled = row.flatMap((value, index) => (cellText(value) === "" ? [] : [index]));
    if (filled.length !== 1) return undefined;
    const index = filled[0] as number;
    const column = this.layout.columns[index];
    if (column?.skip) return undefined;
    const field = column?.field;
    if (field !== undefined && field !== "id" && field !== "title" && field !== "phase")
      return undefined;
    const value = row[index] ?? null;
    if (typeof value !== "string" || parseTimeCell(value, "time") !== undefined) return undefined;
    // A lone inject number ("12") is an inject with nothing filled in yet, not a heading.
    if (field === "id" && /^[\w.-]{1,12}$/.test(value.trim()) && /\d/.test(value)) return undefined;
    return cellText(value);
  }

  private expectationOf(row: CellValue[], rowNumber: number): RawExpectation | undefined {
    const action = this.text(row, "action");
    if (action === "") return undefined;
    return {
      rowNumber,
      rawId: this.text(row, "expectation-id"),
      action,
      actionBy: this.text(row, "action-by"),
      to: this.text(row, "to"),
      within: this.cell(row, "within"),
      after: this.text(row, "after"),
      objective: this.text(row, "objective"),
      critical: isYes(this.text(row, "critical")),
    };
  }

  /** The notes cell, then "Column: value" for each column drillbook has no field for. */
  private notesOf(row: CellValue[]): string[] {
    const notes: string[] = [];
    const notesColumn = this.layout.columns.find((c) => c.field === "notes" && c.by === "header");
    const own = notesColumn ? cellText(row[notesColumn.index]) : "";
    if (own !== "") notes.push(own);
    for (const field of ["from", "status"] as const) {
      const column = this.byField.get(field);
      const value = this.text(row, field);
      if (column && value !== "") notes.push(`${column.header}: ${value}`);
    }
    for (const column of this.noteColumns) {
      if (column === notesColumn) continue;
      const value = cellText(row[column.index]);
      if (value !== "") notes.push(`${column.header}: ${value}`);
    }
    return notes;
  }

  // ── injects ────────────────────────────────────────────────────────────────

  private buildInjects(
    raws: RawInject[],
    groups: GroupResolver,
    objectives: GroupResolver,
  ): Inject[] {
    const times = this.resolveTimes(raws);
    const injectIds = new IdAllocator("I");
    const expectationIds = new IdAllocator("E");
    const rawExpectationIds = new Map<string, string>();
    // Ids written in the sheet are kept first, so generated ones never take them.
    for (const raw of raws) {
      for (const e of raw.expectations) {
        const id = asId(e.rawId, "E");
        if (id && !expectationIds.has(id)) expectationIds.reserve(id);
      }
    }
    let untitled = 0;
    let unaddressed = 0;
    let defaultWithin = 0;
    let withinFromAction = 0;
    let ownerFromTo = 0;
    const built: { inject: Inject; raw: RawInject }[] = [];
    for (const [i, raw] of raws.entries()) {
      const id = injectIds.take(asId(raw.rawId, "I"), i + 1);
      let title = raw.title;
      let message = raw.message;
      if (title === "" && message === "") {
        untitled++;
        title = `${id}`;
        message = title;
      } else if (title === "") title = firstLine(message);
      else if (message === "") message = title;
      const to = groups.resolveList(raw.to);
      const expects: Expectation[] = [];
      for (const e of raw.expectations) {
        const explicit = asId(e.rawId, "E");
        const eid =
          explicit && expectationIds.isReserved(explicit)
            ? expectationIds.claim(explicit)
            : expectationIds.next();
        if (e.rawId !== "") rawExpectationIds.set(e.rawId, eid);
        rawExpectationIds.set(eid, eid);
        let group = e.actionBy === "" ? undefined : groups.resolveOne(e.actionBy);
        if (!group) {
          group = (e.to === "" ? undefined : groups.resolveList(e.to)[0]) ?? to[0];
          if (group) ownerFromTo++;
        }
        if (!group) group = groups.unassigned();
        let within = parseWithin(e.within);
        if (within === undefined) {
          within = withinFromText(e.action);
          if (within !== undefined) withinFromAction++;
        }
        if (within === undefined) {
          within = this.mapping.within ?? DEFAULT_WITHIN_MINUTES;
          defaultWithin++;
        }
        const expectation: Expectation = {
          id: eid,
          inject: id,
          group,
          action: e.action,
          withinMinutes: within,
          after: splitIds(e.after),
          critical: e.critical,
        };
        if (e.objective !== "") expectation.objective = objectives.resolveOne(e.objective);
        expects.push(expectation);
      }
      if (to.length === 0) {
        const owners = [...new Set(expects.map((e) => e.group))];
        if (owners.length > 0) to.push(...owners);
        else {
          to.push(groups.unassigned());
          unaddressed++;
        }
      }
      const inject: Inject = {
        id,
        atMinutes: times[i] ?? 0,
        title,
        message,
        to,
        expects,
      };
      if (raw.phase !== "") inject.phase = raw.phase;
      if (raw.notes.length > 0) inject.notes = raw.notes.join("\n");
      built.push({ inject, raw });
    }
    // Hand-offs and conditions name expectations: resolve once every id is known.
    const dropped: string[] = [];
    for (const { inject, raw } of built) {
      for (const e of inject.expects) {
        e.after = e.after.flatMap((ref) => {
          const id = rawExpectationIds.get(ref);
          if (id && id !== e.id) return [id];
          dropped.push(`${e.id} after ${ref}`);
          return [];
        });
      }
      if (raw.condition !== "") {
        const condition = parseCondition(raw.condition);
        const id = condition ? rawExpectationIds.get(condition.expectation) : undefined;
        if (condition && id) inject.when = { expectation: id, status: condition.status };
        else {
          this.warnings.push(
            `row ${raw.rowNumber}: condition "${raw.condition}" not understood; kept in the notes`,
          );
          inject.notes = [inject.notes, `Condition: ${raw.condition}`].filter(Boolean).join("\n");
        }
      }
    }
    if (dropped.length > 0)
      this.warnings.push(
        `hand-offs naming unknown expectations were left out: ${dropped.join(", ")}`,
      );
    if (untitled > 0)
      this.warnings.push(`${untitled} inject(s) had neither title nor message: titled by their id`);
    if (unaddressed > 0)
      this.warnings.push(
        `${unaddressed} inject(s) name no recipient: sent to the group "${groups.unassigned()}"`,
      );
    if (ownerFromTo > 0 && !this.byField.has("action-by"))
      this.warnings.push(
        `${ownerFromTo} expected action(s) given to the first recipient on their row (no "action by" column)`,
      );
    if (withinFromAction > 0)
      this.warnings.push(
        `${withinFromAction} time target(s) read from the action text ("within 15 minutes")`,
      );
    if (defaultWithin > 0)
      this.warnings.push(
        `${defaultWithin} expected action(s) have no time target: ${formatDuration(this.mapping.within ?? DEFAULT_WITHIN_MINUTES)} assumed (edit \`within\`, or set \`within:\` in --map)`,
      );
    const injects = built.map((b) => b.inject);
    // Stable sort: rows at the same time keep the sheet's order.
    return injects
      .map((inject, order) => ({ inject, order }))
      .sort((a, b) => a.inject.atMinutes - b.inject.atMinutes || a.order - b.order)
      .map((x) => x.inject);
  }

  // ── times ──────────────────────────────────────────────────────────────────

  private timeReading(raws: RawInject[]): TimeReading {
    const column = this.byField.get("time");
    if (column?.reading) return column.reading;
    if (raws.some((r) => cellText(r.day) !== "")) return "clock";
    const cells = raws.flatMap((r) => {
      const cell = parseTimeCell(r.time, "time");
      return cell ? [cell] : [];
    });
    if (cells.some((c) => c.kind === "offset")) return "offset";
    const clocks = cells.flatMap((c) => (c.kind === "hhmm" ? [c.minutes] : []));
    if (clocks.length === 0) return "offset";
    // An offset column starts near T+0; a column of times of day starts in the morning.
    if (clocks.some((m) => m >= 1440) || Math.min(...clocks) < 240) return "offset";
    return "clock";
  }

  private resolveTimes(raws: RawInject[]): (number | undefined)[] {
    const reading = this.timeReading(raws);
    type Resolved = { abs: number } | { rel: number; shift: boolean } | undefined;
    const resolved: Resolved[] = [];
    let lastClock: number | undefined;
    let carriedDays = 0;
    const minutesOf = (cell: TimeCell): number | undefined => {
      if (cell.kind === "hhmm") return cell.minutes;
      if (cell.kind === "number") {
        const v = cell.value;
        return reading === "clock" && v % 100 < 60 && v <= 2359
          ? Math.floor(v / 100) * 60 + (v % 100)
          : v;
      }
      return undefined;
    };
    // Per row, the time cells that hold something the importer cannot read as a time.
    const unreadable: { field: "time" | "day" | "datetime"; value: CellValue }[][] = [];
    for (const raw of raws) {
      const datetime = parseTimeCell(raw.datetime, "datetime");
      const time = parseTimeCell(raw.time, "time");
      const day = parseTimeCell(raw.day, "day");
      unreadable.push(
        (
          [
            ["time", raw.time, time],
            ["day", raw.day, day],
            ["datetime", raw.datetime, datetime],
          ] as const
        ).flatMap(([field, value, parsed]) =>
          parsed === undefined && cellText(value) !== "" ? [{ field, value }] : [],
        ),
      );
      let result: Resolved;
      if (datetime?.kind === "datetime" || datetime?.kind === "date") result = { abs: datetime.ms };
      else if (datetime?.kind === "offset") result = { rel: datetime.minutes, shift: false };
      else {
        const t = time ?? datetime;
        const dayMs = day?.kind === "date" ? day.ms : undefined;
        const dayNumber = day?.kind === "day" ? day.day : undefined;
        if (t?.kind === "offset")
          result = { rel: t.minutes + (day?.kind === "offset" ? day.minutes : 0), shift: false };
        else if (t?.kind === "datetime") result = { abs: t.ms };
        else if (t?.kind === "date") result = { abs: t.ms + (minutesOf(time ?? t) ?? 0) };
        else if (t?.kind === "day") result = { rel: t.day * 1440 + (t.minutes ?? 0), shift: true };
        else if (t) {
          const m = minutesOf(t) as number;
          if (dayMs !== undefined) result = { abs: dayMs + m * 60_000 };
          else if (dayNumber !== undefined) result = { rel: dayNumber * 1440 + m, shift: true };
          else if (day?.kind === "offset")
            result = { rel: day.minutes + m, shift: reading === "clock" };
          else if (reading === "offset") result = { rel: m, shift: false };
          else {
            // Times of day in row order: a jump back of more than 12 h is the next day.
            if (lastClock !== undefined && m < lastClock - 720) carriedDays++;
            lastClock = m;
            result = { rel: carriedDays * 1440 + m, shift: true };
          }
        } else if (dayMs !== undefined) result = { abs: dayMs };
        else if (dayNumber !== undefined) result = { rel: dayNumber * 1440, shift: true };
        else if (day?.kind === "offset") result = { rel: day.minutes, shift: false };
      }
      resolved.push(result);
    }

    const abs = resolved.flatMap((r) => (r && "abs" in r ? [r.abs] : []));
    const shifted = resolved.flatMap((r) => (r && "rel" in r && r.shift ? [r.rel] : []));
    const fixed = resolved.flatMap((r) => (r && "rel" in r && !r.shift ? [r.rel] : []));
    const absBase = abs.length > 0 ? Math.min(...abs) : 0;
    const shiftBase = shifted.length > 0 ? Math.min(...shifted) : 0;
    let times = resolved.map((r) => {
      if (!r) return undefined;
      if ("abs" in r) return round((r.abs - absBase) / 60_000);
      return r.shift ? r.rel - shiftBase : r.rel;
    });
    if (abs.length > 0) {
      this.startFromTimes = isoMinute(new Date(absBase)).replace(" ", "T");
      this.warnings.push(
        `times are date-times: T+0 is the earliest, ${isoMinute(new Date(absBase))}`,
      );
    }
    if (shifted.length > 0 && reading === "clock") {
      const column = this.byField.get("time");
      this.warnings.push(
        `${column ? `column "${column.header}"` : "the time column"} read as times of day: T+0 is the earliest (${formatClock(shiftBase % 1440)}); use \`time: offset\` in --map to read them as offsets`,
      );
    }
    if ([abs.length, shifted.length, fixed.length].filter((n) => n > 0).length > 1)
      this.warnings.push(
        "the sheet mixes date-times, times of day and offsets: all were aligned on T+0",
      );
    const known = times.filter((t): t is number => t !== undefined);
    const min = known.length > 0 ? Math.min(...known) : 0;
    if (min < 0) {
      times = times.map((t) => (t === undefined ? t : t - min));
      this.warnings.push(
        `the earliest time is T${signedClock(min)}: every time moved by ${formatDuration(-min)} so T+0 is the first inject`,
      );
    }
    let missing = 0;
    let previous: number | undefined;
    times = times.map((t, index) => {
      for (const { field, value } of unreadable[index] ?? []) {
        this.unreadableTime(raws[index] as RawInject, field, value, t, previous);
      }
      if (t === undefined) {
        missing++;
        return previous ?? 0;
      }
      previous = t;
      return t;
    });
    if (missing === raws.length && raws.length > 0)
      this.warnings.push(
        "no times found: every inject is at T+0 in the sheet's order (add a time column, or name it with --map)",
      );
    else if (missing > 0)
      this.warnings.push(`${missing} inject(s) without a time take the time of the row above`);
    return times;
  }

  /** A time cell that is not a time: said on its own, with where it is, not only counted. */
  private unreadableTime(
    raw: RawInject,
    field: "time" | "day" | "datetime",
    value: CellValue,
    resolved: number | undefined,
    previous: number | undefined,
  ): void {
    const column = this.byField.get(field);
    if (!column) return;
    const fallback =
      resolved !== undefined
        ? "the row's time is read from its other time columns"
        : previous === undefined
          ? "the row is put at T+0"
          : `the row takes the previous row's time (T+${formatClock(previous)})`;
    const letter = columnLetter(column.index);
    this.cellWarnings.push({
      row: raw.rowNumber,
      column: letter,
      message: `"${cellText(value)}" is not a time; ${fallback}`,
      hint: `fix the cell (a time such as T+30, 09:30 or 1h30m), or, if column ${letter} does not hold times, map it to another field with --map (e.g. \`columns: {${letter}: notes}\`)`,
    });
  }

  // ── plan fields ────────────────────────────────────────────────────────────

  private metaText(key: keyof MselLayout["meta"]): string {
    const value = this.layout.meta[key];
    if (value instanceof Date) return value.toISOString();
    return cellText(value ?? null);
  }

  private planTitle(): string {
    return (
      this.metaText("title") ||
      this.layout.banners[0] ||
      baseName(this.file).replace(/\.[^.]+$/, "")
    );
  }

  private speed(): number {
    const value = this.layout.meta.speed;
    const n = typeof value === "number" ? value : Number(cellText(value ?? null));
    return Number.isFinite(n) && n > 0 ? n : DEFAULT_SPEED;
  }

  private detectLang(raws: RawInject[]): Lang {
    const said = this.metaText("lang").toLowerCase();
    if (said.startsWith("zh") || said === "中文") return "zh";
    if (said.startsWith("en") || said === "英文") return "en";
    const sample = raws
      .slice(0, 50)
      .map((r) => `${r.title} ${r.message} ${r.to}`)
      .join(" ");
    return /[\u3400-\u9fff]/.test(sample) ? "zh" : "en";
  }

  private report(plan: Plan): ImportReport {
    const { sheet, bodyStart, bodyEnd, columns } = this.layout;
    const columnReports: ColumnReport[] = [];
    for (const column of columns) {
      const samples: string[] = [];
      for (let r = bodyStart; r < bodyEnd && samples.length < 3; r++) {
        const text = cellText(sheet.rows[r]?.[column.index]).replace(/\s+/g, " ");
        const short = text.length > 28 ? `${text.slice(0, 27)}…` : text;
        if (short !== "" && !samples.includes(short)) samples.push(short);
      }
      if (column.header === "" && samples.length === 0) continue;
      columnReports.push({
        letter: columnLetter(column.index),
        header: column.header,
        ...(column.field ? { field: column.field } : {}),
        ...(column.by ? { by: column.by } : {}),
        skipped: column.skip === true,
        samples,
      });
    }
    const keptAsNotes = [
      ...this.noteColumns
        .filter((c) => !(c.field === "notes" && c.by === "header"))
        .map((c) => c.header),
      ...(["from", "status"] as const).flatMap((f) => {
        const c = this.byField.get(f);
        return c ? [c.header] : [];
      }),
    ];
    return {
      file: this.file,
      sheet: sheet.name,
      format: this.book.format,
      ...(this.layout.headerRow === undefined ? {} : { headerRow: this.layout.headerRow + 1 }),
      otherSheets: this.layout.otherSheets,
      columns: columnReports,
      rows: this.rowsTotal,
      rowsUsed: this.rowsUsed,
      injects: plan.injects.length,
      expectations: plan.injects.reduce((n, i) => n + i.expects.length, 0),
      groups: plan.groups.length,
      objectives: plan.objectives.length,
      keptAsNotes,
      warnings: this.headerWarning().concat(this.warnings),
      cellWarnings: this.cellWarnings,
    };
  }

  private headerWarning(): string[] {
    if (this.layout.headerRow !== undefined) return [];
    const guessed = this.layout.columns
      .filter((c) => c.by === "content")
      .map((c) => `${c.header} → ${c.field}`);
    return [
      `no header row: columns guessed from their cells (${guessed.join(", ") || "none"}); name the others with --map`,
    ];
  }
}

// ── groups and objectives ────────────────────────────────────────────────────

/** Groups (or objectives) named in the sheet, matched against a roster table if there is one. */
class GroupResolver {
  private readonly entries: { id: string; name: string; group?: Group; objective?: Objective }[] =
    [];
  private readonly ids = new Set<string>();
  private numbered = 0;
  private unassignedId: string | undefined;

  constructor(
    table: SideTable<GroupColumn> | SideTable<ObjectiveColumn> | undefined,
    private readonly lang: Lang,
    private readonly prefix: "g" | "o",
  ) {
    if (!table) return;
    for (const { values } of table.rows) {
      const get = (key: string) => {
        const index = (table.columns as Map<string, number>).get(key);
        return index === undefined ? "" : cellText(values[index]);
      };
      if (prefix === "g") {
        const name = get("name") || get("group-id");
        if (name === "") continue;
        const id = this.newId(get("group-id"), name);
        const group: Group = {
          id,
          name,
          members: splitList(get("members")),
          responsibilities: splitLines(get("responsibilities")),
        };
        const lead = get("lead");
        if (lead) group.lead = lead;
        const capacity = Number(get("capacity"));
        if (get("capacity") !== "" && Number.isInteger(capacity) && capacity > 0)
          group.capacity = capacity;
        this.entries.push({ id, name, group });
      } else {
        const title = get("title") || get("objective-id");
        if (title === "") continue;
        const id = this.newId(get("objective-id"), title);
        const objective: Objective = { id, title };
        const capability = get("capability");
        if (capability) objective.capability = capability;
        this.entries.push({ id, name: title, objective });
      }
    }
  }

  private newId(given: string, name: string): string {
    let id = ID.test(given) ? given : slug(name);
    if (!id) {
      do id = `${this.prefix}${++this.numbered}`;
      while (this.ids.has(id));
    }
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}-${n}`;
    this.ids.add(unique);
    return unique;
  }

  private find(text: string): string | undefined {
    const key = text.trim().replace(/\s+/g, " ").toLowerCase();
    return (
      this.entries.find((e) => e.id.toLowerCase() === key)?.id ??
      this.entries.find((e) => e.name.replace(/\s+/g, " ").toLowerCase() === key)?.id
    );
  }

  resolveOne(text: string): string {
    const clean = text.trim().replace(/\s+/g, " ");
    const known = this.find(clean);
    if (known) return known;
    const id = this.newId("", clean);
    if (this.prefix === "g")
      this.entries.push({
        id,
        name: clean,
        group: { id, name: clean, members: [], responsibilities: [] },
      });
    else this.entries.push({ id, name: clean, objective: { id, title: clean } });
    return id;
  }

  /** "JOC, All" or one name a line: each known name whole, the rest split on commas. */
  resolveList(text: string): string[] {
    const ids: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      const whole = line.trim();
      if (whole === "") continue;
      const known = this.find(whole);
      const parts = known ? [whole] : whole.split(/[,，、;；]/);
      for (const part of parts) {
        if (part.trim() === "") continue;
        const id = this.resolveOne(part);
        if (!ids.includes(id)) ids.push(id);
      }
    }
    return ids;
  }

  unassigned(): string {
    this.unassignedId ??= this.resolveOne(this.lang === "zh" ? "未指定" : "Unassigned");
    return this.unassignedId;
  }

  groups(): Group[] {
    return this.entries.flatMap((e) => (e.group ? [e.group] : []));
  }

  objectives(): Objective[] {
    return this.entries.flatMap((e) => (e.objective ? [e.objective] : []));
  }
}

class IdAllocator {
  private readonly used = new Set<string>();
  private readonly reserved = new Set<string>();
  private counter = 0;

  constructor(private readonly prefix: string) {}

  has(id: string): boolean {
    return this.used.has(id) || this.reserved.has(id);
  }
  reserve(id: string): void {
    this.reserved.add(id);
  }
  isReserved(id: string): boolean {
    return this.reserved.has(id) && !this.used.has(id);
  }
  claim(id: string): string {
    this.used.add(id);
    return id;
  }
  /** The id given, made unique; or the prefix and the row's order. */
  take(id: string | undefined, order: number): string {
    const base = id ?? `${this.prefix}${order}`;
    let unique = base;
    for (let n = 2; this.used.has(unique); n++) unique = `${base}-${n}`;
    this.used.add(unique);
    return unique;
  }
  next(): string {
    let id: string;
    do id = `${this.prefix}${++this.counter}`;
    while (this.has(id));
    this.used.add(id);
    return id;
  }
}

/** A sheet's inject or action number as an id: kept when it is one, `5-A` → `I5-A`. */
function asId(raw: string, prefix: string): string | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  if (ID.test(text)) return text;
  if (ID.test(`${prefix}${text}`)) return `${prefix}${text}`;
  const s = slug(text);
  if (!s) return undefined;
  return ID.test(s) ? s : `${prefix}${s}`;
}

/** `Public Information` → `public-information`; undefined for names that are not plain ASCII. */
export function slug(name: string): string | undefined {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (!/^[\x20-\x7e]+$/.test(ascii)) return undefined;
  let s = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (s.length > 32) s = s.slice(0, 32).replace(/-[^-]*$/, "");
  if (s === "") return undefined;
  return /^[a-z]/.test(s) ? s : undefined;
}

function splitIds(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** Responsibilities are sentences with commas of their own: one a line. */
function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Members: one a line, or separated by commas when written on one line. */
function splitList(text: string): string[] {
  if (text === "") return [];
  const parts = text.includes("\n") ? text.split(/\r?\n/) : text.split(/[,，、;；]/);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** `E5 missed or late` (as exported), `E5: missed, late`, `E5 逾期或超时`. */
export function parseCondition(text: string): InjectCondition | undefined {
  const parsed = parseConditionShorthand(text.trim().replace(/^(\S+?)\s*[:：]\s*/, "$1 "));
  return parsed.ok ? parsed.condition : undefined;
}

function isYes(text: string): boolean {
  return /^(y|yes|true|1|x|✓|✔|√|是|关键|critical|key)$/i.test(text.trim());
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0]?.trim() ?? "";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "");
}

function signedClock(minutes: number): string {
  return `${minutes < 0 ? "-" : "+"}${formatClock(Math.abs(minutes))}`;
}
