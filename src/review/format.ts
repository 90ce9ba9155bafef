// How the review writes numbers, times and names in each language: durations and dates
// through date-fns and its locales, scenario times as T+hh:mm, ids with their names.

import { format, formatDuration } from "date-fns";
import { enGB, zhCN } from "date-fns/locale";
import type { Lang } from "../core/plan.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { wallClockIn } from "../zone.js";

const LOCALES = { en: enGB, zh: zhCN } as const;

/** Names to show beside ids; unknown ids show as themselves. */
export interface ReviewNames {
  groups: readonly { id: string; name: string }[];
  injects: readonly { id: string; title: string }[];
  expectations: readonly { id: string; action: string }[];
  objectives: readonly { id: string; title: string }[];
}

export interface ReviewFormat {
  lang: Lang;
  /** "1 小时 30 分钟" / "1 hour 30 minutes", to the minute. */
  duration(minutes: number): string;
  /** Scenario time: T+hh:mm. */
  at(minutes: number): string;
  /** Wall-clock date-time (ISO 8601 in), in the drill's time zone. */
  date(iso: string): string;
  group(id: string): string;
  inject(id: string): string;
  injectTitle(id: string): string;
  expectation(id: string): string;
  expectationAction(id: string): string;
  objective(id: string): string;
  objectiveTitle(id: string): string;
  /** Joins names the way the language lists them. */
  list(items: readonly string[]): string;
  /** Quotes participant text (the same marks read right in both languages). */
  quote(text: string): string;
}

/** The offset a date-time was written with, e.g. a plan's `start: 2022-09-03T20:00:00+08:00`. */
function ownOffset(iso: string): string | undefined {
  return /[+-]\d{2}:\d{2}$/.exec(iso)?.[0];
}

/** Durations already written, by language: a report writes the same few many times over. */
const DURATIONS = { en: new Map<number, string>(), zh: new Map<number, string>() };

function wholeDuration(lang: Lang, whole: number): string {
  const known = DURATIONS[lang];
  let text = known.get(whole);
  if (text === undefined) {
    text = formatDuration(
      { hours: Math.floor(whole / 60), minutes: whole % 60 },
      {
        locale: LOCALES[lang],
        format: whole === 0 ? ["minutes"] : ["hours", "minutes"],
        zero: whole === 0,
      },
    );
    if (known.size >= 10_000) known.clear();
    known.set(whole, text);
  }
  return text;
}

/**
 * `timeZone`: where the drill was run. A date-time is shown in its own offset if it has one,
 * else in the drill's zone, else the machine's.
 */
export function reviewFormat(lang: Lang, names: ReviewNames, timeZone?: string): ReviewFormat {
  const locale = LOCALES[lang];
  const groups = new Map(names.groups.map((g) => [g.id, g.name]));
  const injects = new Map(names.injects.map((i) => [i.id, i.title]));
  const expectations = new Map(names.expectations.map((e) => [e.id, e.action]));
  const objectives = new Map(names.objectives.map((o) => [o.id, o.title]));
  const zh = lang === "zh";
  const titled = (id: string, title: string | undefined) =>
    title === undefined ? id : zh ? `${id}「${title}」` : `${id} “${title}”`;
  return {
    lang,
    duration(minutes) {
      const whole = Math.round(Math.abs(minutes));
      const text = wholeDuration(lang, whole);
      return minutes < 0 && whole > 0 ? `-${text}` : text;
    },
    at: (minutes) => formatScenarioTime(minutes),
    date: (iso) => {
      const zone = ownOffset(iso) ?? timeZone;
      const date = (zone ? wallClockIn(iso, zone)?.date : undefined) ?? new Date(iso);
      return format(date, "PPP HH:mm", { locale });
    },
    group: (id) => groups.get(id) ?? id,
    inject: (id) => titled(id, injects.get(id)),
    injectTitle: (id) => injects.get(id) ?? id,
    expectation: (id) => titled(id, expectations.get(id)),
    expectationAction: (id) => expectations.get(id) ?? id,
    objective: (id) => titled(id, objectives.get(id)),
    objectiveTitle: (id) => objectives.get(id) ?? id,
    list: (items) => items.join(zh ? "、" : ", "),
    quote: (text) => `“${text}”`,
  };
}
