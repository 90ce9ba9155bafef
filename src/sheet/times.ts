// Reading the times planners put in a MSEL: offsets (`T+90`, `D+1 H+3 M+45`, OpenBAS's
// `J-60` / `J+1 H+2 M-5`), clock times (`09:30`, `0700`, `1330 hrs`, Excel time cells), day
// numbers (`Day 2`, `第2天`), dates and date-times (Excel date cells and serials,
// `26/06/2024 09h00`, ISO), military date-time groups (`210900ZAUG11`: day, hour, minute,
// zone, month, year) and times with a zone (`0700L`, `1100Z`, `13:00 CDT`, `北京时间 9:00`).
// Whether a bare `01:30` or `600` is an offset or a time of day is decided per column
// (time-resolve.ts).

import { isValid, parse as parseDate } from "date-fns";
import { parseMinutes, round } from "../core/scenario-time.js";
import type { CellValue } from "./cells.js";

/** A time zone written after a time: `Z`, `L` (local), `CDT`, `UTC+8`. */
export interface Zone {
  label: string;
  /** Minutes east of UTC; undefined for local time, whose offset the sheet does not say. */
  offset?: number;
}

export type TimeCell =
  /** Minutes from T+0, said explicitly (`T+90`, `D+1 H+3`, `90m`). */
  | { kind: "offset"; minutes: number }
  /** `01:30`, `0700` or an Excel time: an offset or a time of day, as the column reads. */
  | { kind: "hhmm"; minutes: number; zone?: Zone }
  /** A bare whole number: minutes, or military time (`930`, `1330`) in a clock column. */
  | { kind: "number"; value: number }
  /** A day number (`Day 2`, `第2天`, `2` in a day column, the day of `210900Z`). */
  | { kind: "day"; day: number; minutes?: number; zone?: Zone }
  /** A calendar date (midnight) or date-time, in UTC-based wall-clock milliseconds. */
  | { kind: "date"; ms: number }
  /** `yearless`: a date-time group without a year, read in the year 2000 until placed. */
  | { kind: "datetime"; ms: number; zone?: Zone; yearless?: true };

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
  const dtg = dateTimeGroup(text);
  if (dtg) return dtg;
  const zoned = splitZone(text);
  if (zoned) {
    const cell = fromPlainText(zoned.rest, role, true);
    if (cell?.kind === "hhmm" || cell?.kind === "datetime" || cell?.kind === "day")
      return { ...cell, zone: zoned.zone };
    return undefined;
  }
  return fromPlainText(text, role, false);
}

function fromPlainText(text: string, role: TimeRole, zoned: boolean): TimeCell | undefined {
  let lower = text.toLowerCase().normalize("NFKC").trim();
  // `1330 hrs`, `09:00 hrs`: a time of day (`2 hours` stays a duration).
  const hrs = /^(\d{3,4}|\d{1,2}:\d{2})\s*(?:hrs?|hours)\.?$/.exec(lower);
  if (hrs) lower = hrs[1] as string;
  // `0700`, `1330 hrs`, `1100Z`: military time, not minutes.
  const military = /^(\d{1,2})([0-5]\d)$/.exec(lower);
  if (military && Number(military[1]) <= 23) {
    const padded = lower.startsWith("0") && lower.length === 4;
    if (padded || hrs || zoned)
      return { kind: "hhmm", minutes: Number(military[1]) * 60 + Number(military[2]) };
  }
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

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A military date-time group: `DDHHMM[zone]MON[YY]` (`210900ZAUG11`, `210900 AUG 2011`,
 * `210900AUG`), or `DDHHMM` and a zone letter with no month (`210900Z`: a day and a time).
 */
function dateTimeGroup(text: string): TimeCell | undefined {
  const t = text.trim().toUpperCase().replace(/\s+/g, " ");
  const full = /^(\d{2})(\d{2})(\d{2}) ?([A-Z])? ?([A-Z]{3}) ?(\d{4}|\d{2})?$/.exec(t);
  if (full) {
    const [day, hour, minute] = [Number(full[1]), Number(full[2]), Number(full[3])];
    const month = MONTHS.indexOf((full[5] as string).toLowerCase());
    if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
    const year = full[6] === undefined ? 2000 : Number(full[6]) + (full[6].length === 2 ? 2000 : 0);
    const ms = Date.UTC(year, month, day, hour, minute);
    if (new Date(ms).getUTCDate() !== day) return undefined;
    const zone = full[4] === undefined ? undefined : zoneOf(full[4]);
    return {
      kind: "datetime",
      ms,
      ...(zone ? { zone } : {}),
      ...(full[6] === undefined ? { yearless: true as const } : {}),
    };
  }
  const short = /^(\d{2})(\d{2})(\d{2}) ?([A-Z])$/.exec(t);
  if (short) {
    const [day, hour, minute] = [Number(short[1]), Number(short[2]), Number(short[3])];
    if (day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
    return { kind: "day", day, minutes: hour * 60 + minute, zone: zoneOf(short[4] as string) };
  }
  return undefined;
}

/** Zone names planners write after a time, with their offsets in minutes east of UTC. */
const ZONE_NAMES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  JST: 540,
  KST: 540,
  SGT: 480,
  HKT: 480,
  AEST: 600,
  AEDT: 660,
  北京时间: 480,
};

/**
 * A zone letter: `Z` is UTC; `L` and `J` are local time as exercises write it (the offset
 * the sheet does not say); the other letters are the military zones, A–M east, N–Y west.
 */
function zoneOf(letter: string): Zone {
  const l = letter.toUpperCase();
  if (l === "Z") return { label: "Z", offset: 0 };
  if (l === "L" || l === "J") return { label: l };
  const code = l.charCodeAt(0);
  if (l <= "I") return { label: l, offset: (code - 64) * 60 };
  if (l <= "M") return { label: l, offset: (code - 65) * 60 };
  return { label: l, offset: -(code - 77) * 60 };
}

/** `0700L`, `1100Z`, `13:00 CDT`, `09:00 UTC+8`, `北京时间 9:00` → the time and its zone. */
function splitZone(text: string): { rest: string; zone: Zone } | undefined {
  const t = text.trim();
  const letter = /^(\d{1,2}:?\d{2})\s?([A-Z])$/.exec(t);
  if (letter) return { rest: letter[1] as string, zone: zoneOf(letter[2] as string) };
  const offset = /^(.*\d)\s*(UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (offset) {
    const minutes = Number(offset[4]) * 60 + Number(offset[5] ?? 0);
    const label = `${(offset[2] as string).toUpperCase()}${offset[3]}${offset[4]}${offset[5] ? `:${offset[5]}` : ""}`;
    return {
      rest: offset[1] as string,
      zone: { label, offset: offset[3] === "-" ? -minutes : minutes },
    };
  }
  const named =
    /^(.*\d)\s*\(?([A-Z]{2,4}|北京时间)\)?$/i.exec(t) ?? /^(北京时间)\s*(.*\d)$/.exec(t);
  if (named) {
    const [rest, name] = named[1] === "北京时间" ? [named[2], named[1]] : [named[1], named[2]];
    const label = (name as string).toUpperCase();
    const zoneOffset = ZONE_NAMES[label];
    if (zoneOffset !== undefined)
      return { rest: rest as string, zone: { label, offset: zoneOffset } };
  }
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
