// Reading the times planners put in a MSEL: offsets (`T+90`, `D+1 H+3 M+45`, OpenBAS's
// `J-60` / `J+1 H+2 M-5`), clock times (`09:30`, Excel time cells), day numbers (`Day 2`,
// `第2天`), dates and date-times (Excel date cells and serials, `26/06/2024 09h00`, ISO).
// Whether a bare `01:30` is an offset or a time of day is decided per column (msel-to-plan).

import { isValid, parse as parseDate } from "date-fns";
import { parseMinutes, round } from "../core/scenario-time.js";
import type { CellValue } from "./cells.js";

export type TimeCell =
  /** Minutes from T+0, said explicitly (`T+90`, `D+1 H+3`, `90m`). */
  | { kind: "offset"; minutes: number }
  /** `01:30` or an Excel time: an offset or a time of day, as the column reads. */
  | { kind: "hhmm"; minutes: number }
  /** A bare whole number: minutes, or military time (`0930`) in a clock column. */
  | { kind: "number"; value: number }
  /** A day number (`Day 2`, `第2天`, `2` in a day column). */
  | { kind: "day"; day: number; minutes?: number }
  /** A calendar date (midnight) or date-time, in UTC-based wall-clock milliseconds. */
  | { kind: "date"; ms: number }
  | { kind: "datetime"; ms: number };

export type TimeRole = "time" | "day" | "datetime";

const DAY_MS = 86_400_000;
/** Excel's day 0 (serial 0 = 1899-12-30, as exceljs counts). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials from 1954 on: a number this big in a time column is a date, not minutes. */
const MIN_DATE_SERIAL = 20_000;

export function parseTimeCell(value: CellValue, role: TimeRole): TimeCell | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (value instanceof Date) return fromDate(value, role);
  if (typeof value === "number") return fromNumber(value, role);
  return fromText(value.trim(), role);
}

function fromDate(date: Date, role: TimeRole): TimeCell {
  const ms = date.getTime();
  // Excel stores a time without a date as a fraction of day 0: exceljs hands it over as 1899.
  if (date.getUTCFullYear() < 1901)
    return { kind: "hhmm", minutes: round((ms - EXCEL_EPOCH_MS) / 60_000) };
  const midnight = ms % DAY_MS === 0;
  if (role === "day" || (midnight && role !== "datetime"))
    return { kind: "date", ms: ms - (ms % DAY_MS) };
  return { kind: "datetime", ms };
}

function fromNumber(value: number, role: TimeRole): TimeCell | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (value >= MIN_DATE_SERIAL) {
    const ms = EXCEL_EPOCH_MS + Math.round(value * DAY_MS);
    return role === "day" ? { kind: "date", ms: ms - (ms % DAY_MS) } : { kind: "datetime", ms };
  }
  if (role === "day") return Number.isInteger(value) ? { kind: "day", day: value } : undefined;
  // A fraction is an Excel time typed without a time format.
  if (!Number.isInteger(value))
    return value < 1 ? { kind: "hhmm", minutes: round(value * 1440) } : undefined;
  return { kind: "number", value };
}

const CHINESE_NUMERALS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function fromText(text: string, role: TimeRole): TimeCell | undefined {
  if (text === "") return undefined;
  const lower = text.toLowerCase().normalize("NFKC");
  if (/^\d+$/.test(lower)) return fromNumber(Number(lower), role);
  if (/^\d+\.\d+$/.test(lower)) return fromNumber(Number(lower), role);

  const tplus = /^t\s*([+-])\s*(.+)$/.exec(lower);
  if (tplus) {
    const minutes = offsetBody((tplus[2] as string).trim());
    if (minutes === undefined) return undefined;
    return { kind: "offset", minutes: tplus[1] === "-" ? -minutes : minutes };
  }
  const relative = relativeNotation(lower);
  if (relative !== undefined) return { kind: "offset", minutes: relative };

  const day = dayNotation(lower);
  if (day) return day;

  const clock = clockOf(lower);
  if (clock !== undefined) return { kind: "hhmm", minutes: clock };

  const units = parseMinutes(lower);
  if (units !== undefined) return { kind: "offset", minutes: units };

  const absolute = parseDateTime(text);
  if (absolute)
    return role === "day" && absolute.kind === "datetime"
      ? { kind: "date", ms: absolute.ms - (absolute.ms % DAY_MS) }
      : absolute;
  return undefined;
}

/** The part after `T+`: minutes, `hh:mm`, `1d 02:30`, or unit forms. */
function offsetBody(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const dayClock = /^(\d+)\s*d\s+(\d+):([0-5]\d)$/.exec(text);
  if (dayClock) return Number(dayClock[1]) * 1440 + Number(dayClock[2]) * 60 + Number(dayClock[3]);
  return clockOf(text) ?? parseMinutes(text);
}

/** `hh:mm`, `hh:mm:ss`, `9h00`, `9时30分` as minutes, or undefined. */
function clockOf(text: string): number | undefined {
  const m =
    /^(\d{1,3})\s*(?::|h|时|點|点)\s*([0-5]\d)(?:\s*(?::|分)\s*([0-5]\d)?\s*(?:秒)?)?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2]) + (m[3] ? round(Number(m[3]) / 60) : 0);
}

/**
 * `D+1 H+3 M+45`, `J-60`, `J`, `J+1 H+2 M-5`, `H+2`: days (D, or J for French "jour J"),
 * hours and minutes, each signed, relative to the exercise's day zero.
 */
function relativeNotation(text: string): number | undefined {
  if (text === "j" || text === "d") return 0;
  const token = /\s*([djhm])\s*([+-])\s*(\d+(?:\.\d+)?)\s*/y;
  let total = 0;
  let seen = 0;
  let at = 0;
  token.lastIndex = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const unit = m[1] === "h" ? 60 : m[1] === "m" ? 1 : 1440;
    total += (m[2] === "-" ? -1 : 1) * Number(m[3]) * unit;
    seen++;
    at = token.lastIndex;
  }
  // "M+5" alone reads like a move number as easily as minutes: require a day or hour part.
  if (seen === 0 || at !== text.length) return undefined;
  if (seen === 1 && /^\s*m/.test(text)) return undefined;
  return round(total);
}

/** `Day 2`, `day 2 09:00`, `D2`, `第2天`, `第二天 08:30`. */
function dayNotation(text: string): TimeCell | undefined {
  const m =
    /^(?:day\s*(\d+)|d(\d+)|第\s*(\d+|[一二两三四五六七八九十])\s*[天日])(?:\s*[,，]?\s*(.+))?$/.exec(
      text,
    );
  if (!m) return undefined;
  const raw = m[1] ?? m[2] ?? (m[3] as string);
  const day = /^\d+$/.test(raw) ? Number(raw) : (CHINESE_NUMERALS[raw] as number);
  if (m[4] === undefined) return { kind: "day", day };
  const minutes = clockOf(m[4].trim());
  return minutes === undefined ? undefined : { kind: "day", day, minutes };
}

// Month-first comes before day-first, as in US HSEEP MSELs; a day above 12 settles it.
const DATE_TIME_FORMATS = [
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd HH:mm",
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm",
  "yyyy/M/d H:mm:ss",
  "yyyy/M/d H:mm",
  "yyyy年M月d日 H:mm",
  "yyyy年M月d日H:mm",
  "yyyy年M月d日 H时mm分",
  "yyyy年M月d日H时mm分",
  // Two-digit years first: `yyyy` would read "10" as the year 10.
  "M/d/yy H:mm",
  "M/d/yy HHmm",
  "M/d/yyyy H:mm:ss",
  "M/d/yyyy H:mm",
  "M/d/yyyy HHmm",
  "d/M/yy H:mm",
  "d/M/yyyy H:mm",
  "d/M/yyyy H'h'mm",
  "d/M/yyyy HHmm",
  "d.M.yyyy H:mm",
];
const DATE_FORMATS = [
  "yyyy-MM-dd",
  "yyyy/M/d",
  "yyyy年M月d日",
  "M/d/yy",
  "M/d/yyyy",
  "d/M/yyyy",
  "d.M.yyyy",
];
const REFERENCE = new Date(2000, 0, 1);

/** A date or date-time written as text, as UTC-based wall time (the way exceljs gives dates). */
export function parseDateTime(text: string): TimeCell | undefined {
  const clean = text.trim().replace(/\s+/g, " ");
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(clean)) {
    const ms = Date.parse(clean);
    return Number.isNaN(ms) ? undefined : { kind: "datetime", ms };
  }
  for (const format of DATE_TIME_FORMATS) {
    const date = parseDate(clean, format, REFERENCE);
    if (isValid(date)) return { kind: "datetime", ms: wallMs(date) };
  }
  for (const format of DATE_FORMATS) {
    const date = parseDate(clean, format, REFERENCE);
    if (isValid(date)) return { kind: "date", ms: wallMs(date) };
  }
  return undefined;
}

function wallMs(local: Date): number {
  return Date.UTC(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
  );
}

/**
 * A time target (`2h`, `30分钟`, `1:30`, `90`, `within 2 hours`, `2小时内`, an Excel time)
 * in minutes, or undefined.
 */
export function parseWithin(value: CellValue): number | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (value instanceof Date) {
    const minutes = (value.getTime() - EXCEL_EPOCH_MS) / 60_000;
    return value.getUTCFullYear() < 1901 && minutes > 0 ? round(minutes) : undefined;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) return undefined;
    return Number.isInteger(value) ? value : value < 1 ? round(value * 1440) : value;
  }
  const text = value
    .trim()
    .toLowerCase()
    .normalize("NFKC")
    .replace(/^(within|in|under|<=?|≤)\s*/, "")
    .replace(/(以内|之内|内)$/, "")
    .trim();
  const minutes = parseMinutes(text);
  return minutes !== undefined && minutes > 0 ? minutes : undefined;
}

/** A time target stated in an expected action ("within 15 minutes", "2小时内"), if any. */
export function withinFromText(text: string): number | undefined {
  const en = /\bwithin\s+(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?|h|m|days?)\b/i.exec(text);
  if (en) return parseMinutes(`${en[1]}${(en[2] as string).toLowerCase()}`);
  const zh = /(\d+(?:\.\d+)?)\s*(分钟|小时|个小时|天)\s*(?:以内|之内|内)/.exec(text);
  if (zh) return parseMinutes(`${zh[1]}${zh[2]}`);
  return undefined;
}
