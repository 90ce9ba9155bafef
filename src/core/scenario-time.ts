// Scenario offsets ("00:30", "1:15", "30m", "1h30m", "2小时", "30分钟") and durations,
// in minutes. Plans are written by hand in Chinese or English, so both spellings parse, and
// so do the full-width digits and colons a Chinese input method types ("３０分钟", "０１：３０").

/** The longest scenario time drillbook runs: a year (366 days). Longer is a typing slip. */
export const MAX_SCENARIO_MINUTES = 366 * 1440;

const UNIT_MINUTES: Record<string, number> = {
  d: 1440,
  day: 1440,
  days: 1440,
  天: 1440,
  日: 1440,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  小时: 60,
  时: 60,
  个小时: 60,
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  分钟: 1,
  分: 1,
  s: 1 / 60,
  sec: 1 / 60,
  secs: 1 / 60,
  second: 1 / 60,
  seconds: 1 / 60,
  秒: 1 / 60,
};

const CLOCK = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/;
const PART =
  /(\d+(?:\.\d+)?)\s*(个小时|小时|分钟|days|day|hours|hour|hrs|hr|minutes|minute|mins|min|seconds|second|secs|sec|天|日|时|分|秒|d|h|m|s)/gy;

/**
 * Parses a scenario offset or duration into minutes. Accepts `h:mm`, `h:mm:ss`, unit
 * forms (`2h`, `1h30m`, `1.5h`, `90 min`, `2小时`, `1小时30分钟`, `1天`) and a bare
 * number of minutes. Returns undefined when the text is none of these.
 */
export function parseMinutes(input: string | number): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? input : undefined;
  // NFKC folds full-width forms (０-９, ：, ．, ｍ, Ｔ＋) into their ASCII letters.
  const text = input
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/^t\s*\+\s*/, "");
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const clock = CLOCK.exec(text);
  if (clock) {
    return Number(clock[1]) * 60 + Number(clock[2]) + (clock[3] ? Number(clock[3]) / 60 : 0);
  }
  const compact = text.replace(/\s+/g, "");
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(compact); match; match = PART.exec(compact)) {
    const unit = UNIT_MINUTES[match[2] as string];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    consumed = PART.lastIndex;
  }
  return consumed > 0 && consumed === compact.length ? round(total) : undefined;
}

/** Scenario time as `T+hh:mm`; hours run past 24 (`T+26:30`), as drill clocks do. */
export function formatScenarioTime(minutes: number): string {
  return `T+${formatClock(minutes)}`;
}

/** `hh:mm`, hours unbounded, rounded to the minute. Negative values get a minus sign. */
export function formatClock(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const whole = Math.round(Math.abs(minutes));
  const hours = Math.floor(whole / 60);
  const mins = whole % 60;
  return `${sign}${String(hours).padStart(2, "0")}:${String(mins).padStart(2, "0")}`;
}

/** A duration the short way: `45m`, `2h`, `1h30m`, `1d2h`. */
export function formatDuration(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  if (whole === 0) return "0m";
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const mins = whole % 60;
  const text = `${days ? `${days}d` : ""}${hours ? `${hours}h` : ""}${mins ? `${mins}m` : ""}`;
  return minutes < 0 ? `-${text}` : text;
}

/** Scenario minutes are kept to a hundredth, so logs stay short and replays compare exactly. */
export function round(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}
