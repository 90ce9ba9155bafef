// The time cells of every inject row → minutes from T+0. Per sheet, a column of bare
// `01:30` or `600` reads as offsets or as times of day (a column of times of day counts from
// its earliest row, and a jump back of more than 12 h is the next day); a sheet that is one
// day of several starts that many days in. Date-times count from the earliest. Zones written
// after the times are brought to one when they all have known offsets. A time far outside
// the others' span is set aside (the row takes the previous row's time) rather than
// stretching the plan. What was assumed is said. Pure.

import { formatClock, formatDuration, round } from "../core/scenario-time.js";
import { findOutliers } from "../plan/outliers.js";
import { type CellValue, cellText, columnLetter, isBlank, isoMinute } from "./cells.js";
import type { Column } from "./layout.js";
import { parseTimeCell, type TimeCell, type Zone } from "./times.js";
import type { TimeReading } from "./vocabulary.js";

/** What one inject row says about its time. */
export interface TimedRow {
  sheet: string;
  rowNumber: number;
  time: CellValue;
  day: CellValue;
  datetime: CellValue;
}

/** One sheet's time columns and where it sits among the sheets read. */
export interface SheetTiming {
  name: string;
  columns: Partial<Record<"time" | "day" | "datetime", Column>>;
  /** Whole days to add to its times of day (a sheet that is day 2 of an exercise: 1). */
  dayOffset: number;
}

export interface TimeWarning {
  sheet: string;
  row: number;
  column: string;
  message: string;
  hint: string;
}

export interface ResolvedTimes {
  /** Minutes from T+0, one per row. */
  minutes: number[];
  /** T+0 as an ISO date-time, when the times are dated (and the year is known). */
  start?: string;
  assumptions: string[];
  warnings: string[];
  cellWarnings: TimeWarning[];
  /** Rows whose time was set aside as far outside the others'. */
  outliers: { sheet: string; row: number; text: string }[];
}

type Resolved = { abs: number } | { rel: number; shift: boolean } | undefined;
type TimeField = "time" | "day" | "datetime";

export function resolveTimes(
  rows: readonly TimedRow[],
  sheets: readonly SheetTiming[],
): ResolvedTimes {
  const bySheet = new Map(sheets.map((s) => [s.name, s]));
  const assumptions: string[] = [];
  const warnings: string[] = [];
  const cellWarnings: TimeWarning[] = [];

  const parsed = rows.map((row) => ({
    datetime: parseTimeCell(row.datetime, "datetime"),
    time: parseTimeCell(row.time, "time"),
    day: parseTimeCell(row.day, "day"),
  }));
  const years = placeYearless(parsed, assumptions);
  bringToOneZone(parsed, assumptions, warnings);

  const readings = new Map<string, TimeReading>();
  for (const sheet of sheets) {
    const own = parsed.filter((_, i) => rows[i]?.sheet === sheet.name);
    readings.set(sheet.name, timeReading(sheet, own));
  }

  // Per row, the time cells that hold something the importer cannot read as a time.
  const unreadable: { field: TimeField; value: CellValue }[][] = [];
  const resolved: Resolved[] = [];
  let lastClock: number | undefined;
  let carriedDays = 0;
  let lastSheet: string | undefined;
  rows.forEach((row, i) => {
    const cells = parsed[i] as (typeof parsed)[number];
    const sheet = bySheet.get(row.sheet);
    const reading = readings.get(row.sheet) ?? "offset";
    const offsetDays = sheet?.dayOffset ?? 0;
    if (row.sheet !== lastSheet) {
      lastSheet = row.sheet;
      lastClock = undefined;
      carriedDays = 0;
    }
    unreadable.push(
      (
        [
          ["time", row.time, cells.time],
          ["day", row.day, cells.day],
          ["datetime", row.datetime, cells.datetime],
        ] as const
      ).flatMap(([field, value, cell]) =>
        cell === undefined && !isBlank(value) ? [{ field, value }] : [],
      ),
    );
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
    const { datetime, time, day } = cells;
    let result: Resolved;
    if (datetime?.kind === "datetime" || datetime?.kind === "date") result = { abs: datetime.ms };
    else if (datetime?.kind === "offset") result = { rel: datetime.minutes, shift: false };
    else if (datetime?.kind === "day" && time === undefined)
      result = { rel: (datetime.day + offsetDays) * 1440 + (datetime.minutes ?? 0), shift: true };
    else {
      const t = time ?? (datetime?.kind === "day" ? undefined : datetime);
      const dayMs = day?.kind === "date" ? day.ms : undefined;
      const dayNumber = day?.kind === "day" ? day.day : undefined;
      if (t?.kind === "offset")
        result = { rel: t.minutes + (day?.kind === "offset" ? day.minutes : 0), shift: false };
      else if (t?.kind === "datetime") result = { abs: t.ms };
      else if (t?.kind === "date") result = { abs: t.ms + (minutesOf(time ?? t) ?? 0) };
      else if (t?.kind === "day")
        result = { rel: (t.day + offsetDays) * 1440 + (t.minutes ?? 0), shift: true };
      else if (t) {
        const m = minutesOf(t) as number;
        if (dayMs !== undefined) result = { abs: dayMs + m * 60_000 };
        else if (dayNumber !== undefined)
          result = { rel: (dayNumber + offsetDays) * 1440 + m, shift: true };
        else if (day?.kind === "offset")
          result = { rel: day.minutes + m, shift: reading === "clock" };
        else if (reading === "offset") result = { rel: m, shift: false };
        else {
          // Times of day in row order: a jump back of more than 12 h is the next day.
          if (lastClock !== undefined && m < lastClock - 720) carriedDays++;
          lastClock = m;
          result = { rel: (offsetDays + carriedDays) * 1440 + m, shift: true };
        }
      } else if (dayMs !== undefined) result = { abs: dayMs };
      else if (dayNumber !== undefined)
        result = { rel: (dayNumber + offsetDays) * 1440, shift: true };
      else if (day?.kind === "offset") result = { rel: day.minutes, shift: false };
    }
    resolved.push(result);
  });

  // Times far outside the others' span are set aside, kind by kind.
  const outliers: ResolvedTimes["outliers"] = [];
  const kinds: ((r: Resolved) => number | undefined)[] = [
    (r) => (r && "abs" in r ? r.abs / 60_000 : undefined),
    (r) => (r && "rel" in r && r.shift ? r.rel : undefined),
    (r) => (r && "rel" in r && !r.shift ? r.rel : undefined),
  ];
  const setAside = new Set<number>();
  for (const kind of kinds) for (const i of findOutliers(resolved.map(kind))) setAside.add(i);

  const abs = resolved.flatMap((r, i) => (r && "abs" in r && !setAside.has(i) ? [r.abs] : []));
  const shifted = resolved.flatMap((r, i) =>
    r && "rel" in r && r.shift && !setAside.has(i) ? [r.rel] : [],
  );
  const fixed = resolved.flatMap((r, i) =>
    r && "rel" in r && !r.shift && !setAside.has(i) ? [r.rel] : [],
  );
  const absBase = minimum(abs) ?? 0;
  const shiftBase = minimum(shifted) ?? 0;
  let times = resolved.map((r, i) => {
    if (!r || setAside.has(i)) return undefined;
    if ("abs" in r) return round((r.abs - absBase) / 60_000);
    return r.shift ? r.rel - shiftBase : r.rel;
  });
  let start: string | undefined;
  if (abs.length > 0) {
    const earliest = isoMinute(new Date(absBase));
    if (!years.yearless || years.known) {
      start = earliest.replace(" ", "T");
      assumptions.push(`start: ${earliest}, the earliest date-time, is T+0`);
    } else
      assumptions.push(
        `start: ${earliest.slice(5)}, the earliest date-time, is T+0 (no date set as the plan's start: the sheet gives no year)`,
      );
  }
  const clockSheets = sheets.filter(
    (s) => readings.get(s.name) === "clock" && rows.some((r) => r.sheet === s.name),
  );
  if (shifted.length > 0 && clockSheets.length > 0) {
    const names = clockSheets
      .map((s) => (s.columns.time ? `column "${s.columns.time.header}"` : "the time column"))
      .filter((n, i, all) => all.indexOf(n) === i);
    assumptions.push(
      `time: clock — ${names.join(", ")} read as times of day: T+0 is the earliest (${formatClock(((shiftBase % 1440) + 1440) % 1440)}); use \`time: offset\` in --map to read them as offsets`,
    );
  }
  for (const sheet of sheets)
    if (sheet.dayOffset > 0 && rows.some((r) => r.sheet === sheet.name))
      assumptions.push(
        `sheet "${sheet.name}" is day ${sheet.dayOffset + 1}: its times of day are ${formatDuration(sheet.dayOffset * 1440)} after the first day's`,
      );
  if ([abs.length, shifted.length, fixed.length].filter((n) => n > 0).length > 1)
    warnings.push("the sheet mixes date-times, times of day and offsets: all were aligned on T+0");
  const min = minimum(times.filter((t): t is number => t !== undefined)) ?? 0;
  if (min < 0) {
    times = times.map((t) => (t === undefined ? t : t - min));
    warnings.push(
      `the earliest time is T${signedClock(min)}: every time moved by ${formatDuration(-min)} so T+0 is the first inject`,
    );
  }

  let missing = 0;
  let previous: number | undefined;
  const minutes = times.map((t, index) => {
    const row = rows[index] as TimedRow;
    const sheet = bySheet.get(row.sheet);
    if (setAside.has(index)) {
      const cell = timeCellOf(row, sheet);
      outliers.push({ sheet: row.sheet, row: row.rowNumber, text: cellText(cell?.value ?? null) });
      if (cell)
        cellWarnings.push({
          sheet: row.sheet,
          row: row.rowNumber,
          column: columnLetter(cell.column.index),
          message: `"${cellText(cell.value)}" is far outside the other rows' times: left out of the plan's span; ${fallback(undefined, previous)}`,
          hint: "fix the date (a year or a month off?), or move the row to where it belongs",
        });
    }
    for (const { field, value } of unreadable[index] ?? []) {
      const column = sheet?.columns[field];
      if (!column) continue;
      const letter = columnLetter(column.index);
      cellWarnings.push({
        sheet: row.sheet,
        row: row.rowNumber,
        column: letter,
        message: `"${cellText(value)}" is not a time; ${fallback(t, previous)}`,
        hint: `fix the cell (a time such as T+30, 09:30 or 1h30m), or, if column ${letter} does not hold times, map it to another field with --map (e.g. \`columns: {${letter}: notes}\`)`,
      });
    }
    if (t === undefined) {
      missing++;
      return previous ?? 0;
    }
    previous = t;
    return t;
  });
  if (outliers.length > 0)
    warnings.push(
      `${outliers.length} time(s) far outside the other rows' span left out of it (${outliers
        .slice(0, 5)
        .map((o) => `row ${o.row}: ${o.text}`)
        .join("; ")}): each row takes the previous row's time`,
    );
  if (missing === rows.length && rows.length > 0)
    warnings.push(
      "no times found: every inject is at T+0 in the sheet's order (add a time column, or name it with --map)",
    );
  else if (missing > outliers.length)
    warnings.push(
      `${missing - outliers.length} inject(s) without a time take the time of the row above`,
    );
  return {
    minutes,
    ...(start ? { start } : {}),
    assumptions,
    warnings,
    cellWarnings,
    outliers,
  };
}

function fallback(resolved: number | undefined, previous: number | undefined): string {
  if (resolved !== undefined) return "the row's time is read from its other time columns";
  return previous === undefined
    ? "the row is put at T+0"
    : `the row takes the previous row's time (T+${formatClock(previous)})`;
}

/** The cell that gave a row its time, to name it in a warning. */
function timeCellOf(
  row: TimedRow,
  sheet: SheetTiming | undefined,
): { column: Column; value: CellValue } | undefined {
  for (const field of ["datetime", "time", "day"] as const) {
    const column = sheet?.columns[field];
    if (column && cellText(row[field]) !== "") return { column, value: row[field] };
  }
  return undefined;
}

function timeReading(
  sheet: SheetTiming,
  cells: readonly { time: TimeCell | undefined; day: TimeCell | undefined }[],
): TimeReading {
  const column = sheet.columns.time;
  if (column?.reading) return column.reading;
  if (cells.some((c) => c.day !== undefined)) return "clock";
  const times = cells.flatMap((c) => (c.time ? [c.time] : []));
  if (times.some((c) => c.kind === "offset")) return "offset";
  const clocks = times.flatMap((c) => (c.kind === "hhmm" ? [c] : []));
  const numbers = times.flatMap((c) => (c.kind === "number" ? [c.value] : []));
  // A zone or a leading zero (`0700L`, `0930`) is a time of day.
  if (clocks.some((c) => c.zone !== undefined)) return "clock";
  if (clocks.length === 0) return militaryTimes(numbers) ? "clock" : "offset";
  // An offset column starts near T+0; a column of times of day starts in the morning.
  const minutes = clocks.map((c) => c.minutes);
  if (minutes.some((m) => m >= 1440) || (minimum(minutes) ?? 0) < 240) return "offset";
  return "clock";
}

/** `600`, `930`, `1330`: every number a valid HHMM, most of three or four digits. */
function militaryTimes(numbers: readonly number[]): boolean {
  if (numbers.length === 0) return false;
  const valid = numbers.every((v) => Number.isInteger(v) && v % 100 < 60 && v <= 2359);
  const long = numbers.filter((v) => v >= 100).length;
  return valid && long >= numbers.length * 0.8;
}

/**
 * Date-time groups without a year (`210900AUG`) take the year the other dates give, or are
 * read in one year for their order only; a run over New Year moves the early months on.
 */
function placeYearless(
  cells: { datetime: TimeCell | undefined; time: TimeCell | undefined }[],
  assumptions: string[],
): { yearless: boolean; known?: number } {
  const all = cells.flatMap((c) => [c.datetime, c.time]);
  const yearless = all.filter(
    (c): c is Extract<TimeCell, { kind: "datetime" }> =>
      c?.kind === "datetime" && c.yearless === true,
  );
  if (yearless.length === 0) return { yearless: false };
  const counts = new Map<number, number>();
  for (const c of all)
    if ((c?.kind === "datetime" && !c.yearless) || c?.kind === "date") {
      const year = new Date(c.ms).getUTCFullYear();
      counts.set(year, (counts.get(year) ?? 0) + 1);
    }
  const known = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const months = yearless.map((c) => new Date(c.ms).getUTCMonth());
  const wraps = months.some((m) => m === 11) && months.some((m) => m === 0);
  for (const c of yearless) {
    const d = new Date(c.ms);
    const year = (known ?? 2000) + (wraps && d.getUTCMonth() < 6 ? 1 : 0);
    c.ms = Date.UTC(year, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
  }
  assumptions.push(
    known === undefined
      ? `${yearless.length} date-time group(s) without a year: read in one year, for their order only${wraps ? " (those from January on in the next, as the dates run over New Year)" : ""}`
      : `${yearless.length} date-time group(s) without a year read in ${known}, the year of the others${wraps ? " (from January on, the next year)" : ""}`,
  );
  return known === undefined ? { yearless: true } : { yearless: true, known };
}

/**
 * Zones written after the times: one zone (or none) is taken as written; several with known
 * offsets are brought to the most used one; a local time (`L`) beside others cannot be.
 */
function bringToOneZone(
  cells: {
    datetime: TimeCell | undefined;
    time: TimeCell | undefined;
    day: TimeCell | undefined;
  }[],
  assumptions: string[],
  warnings: string[],
): void {
  const zoned = cells.flatMap((c) =>
    [c.datetime, c.time, c.day].filter(
      (t): t is Extract<TimeCell, { zone?: Zone }> & { zone: Zone } =>
        t !== undefined && "zone" in t && t.zone !== undefined,
    ),
  );
  if (zoned.length === 0) return;
  const counts = new Map<string, { zone: Zone; count: number }>();
  for (const t of zoned) {
    const entry = counts.get(t.zone.label) ?? { zone: t.zone, count: 0 };
    entry.count++;
    counts.set(t.zone.label, entry);
  }
  const zones = [...counts.values()].sort((a, b) => b.count - a.count);
  const main = (zones[0] as { zone: Zone }).zone;
  const labels = zones.map((z) => z.zone.label).join(", ");
  if (zones.length === 1) {
    assumptions.push(
      `zone: ${describeZone(main)}, as written (times not converted; rows without a zone taken as the same)`,
    );
    return;
  }
  if (zones.some((z) => z.zone.offset === undefined)) {
    warnings.push(
      `the times are in several zones (${labels}), one of them local time with no offset: taken as written, not converted`,
    );
    return;
  }
  const base = main.offset as number;
  for (const t of zoned) {
    const shift = base - (t.zone.offset as number);
    if (shift === 0) continue;
    if (t.kind === "datetime") t.ms += shift * 60_000;
    else if (t.kind === "hhmm") t.minutes += shift;
    else if (t.kind === "day") t.minutes = (t.minutes ?? 0) + shift;
  }
  assumptions.push(
    `zones: ${labels} — every time brought to ${describeZone(main)} (rows without a zone taken as ${main.label})`,
  );
}

function describeZone(zone: Zone): string {
  if (zone.offset === undefined) return `${zone.label} (local time)`;
  const sign = zone.offset < 0 ? "-" : "+";
  const abs = Math.abs(zone.offset);
  return `${zone.label} (UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, "0")}` : ""})`;
}

/** Math.min without spreading: a sheet of 200,000 rows would overflow the call stack. */
function minimum(values: readonly number[]): number | undefined {
  let min: number | undefined;
  for (const v of values) if (min === undefined || v < min) min = v;
  return min;
}

function signedClock(minutes: number): string {
  return `${minutes < 0 ? "-" : "+"}${formatClock(Math.abs(minutes))}`;
}
