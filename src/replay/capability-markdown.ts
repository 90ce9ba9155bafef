// The replay summary's sections on capabilities across plans and on unannounced drills
// against announced ones, in both languages. Plan and library text is escaped as data.

import type { Lang } from "../core/plan.js";
import { cell, md } from "../review/escape.js";
import type { AnnouncementSide } from "./announcement.js";
import type { CapabilityTrend } from "./capability-trend.js";
import type { Trend } from "./trend.js";

const WORDS = {
  en: {
    capabilities: "Capabilities over time",
    capabilitiesNote:
      "Each capability as the reviews rate it (its worst exercised objective), across every plan that exercises it.",
    capability: "Capability",
    recent: "Latest ratings",
    sentence: (t: CapabilityTrend) =>
      t.mostly.rating === "-"
        ? `${t.name} was not exercised in ${t.mostly.times} of the last ${t.mostly.of === 1 ? "drill" : `${t.mostly.of} drills`}, across ${plans(t.plans)}.`
        : `${t.name} rated ${t.mostly.rating} in ${t.mostly.times} of the last ${t.mostly.of === 1 ? "drill" : `${t.mostly.of} drills`}, across ${plans(t.plans)}.`,
    announcement: "Unannounced against announced drills",
    announcementNote:
      "Drills played through, per plan with drills of both kinds: are groups slower when they cannot see what is coming?",
    plan: "Plan",
    kind: "Drills",
    announced: (n: number) => `announced (${n})`,
    unannounced: (n: number) => `unannounced (${n})`,
    onTime: "On time",
    latency: "Mean time to done",
    late: "Late minutes a drill",
    slower: (plan: string, minutes: number) =>
      minutes > 0
        ? `${plan}: unannounced, actions took ${minutes} min longer on average.`
        : minutes < 0
          ? `${plan}: unannounced, actions took ${-minutes} min less on average.`
          : `${plan}: actions took as long, announced or not.`,
  },
  zh: {
    capabilities: "各能力评级趋势",
    capabilitiesNote: "各能力在复盘中的评级（取其已检验目标中最差者），涵盖演练该能力的所有预案。",
    capability: "能力",
    recent: "最近评级",
    sentence: (t: CapabilityTrend) =>
      t.mostly.rating === "-"
        ? `${t.name}在最近 ${t.mostly.of} 次推演中有 ${t.mostly.times} 次未经检验，涉及 ${t.plans} 个预案。`
        : `${t.name}在最近 ${t.mostly.of} 次推演中有 ${t.mostly.times} 次评为 ${t.mostly.rating}，涉及 ${t.plans} 个预案。`,
    announcement: "不打招呼与事先通知的推演对比",
    announcementNote: "按预案对比两类已完成的推演：各组看不到后续情景时是否更慢？",
    plan: "预案",
    kind: "推演",
    announced: (n: number) => `事先通知（${n} 次）`,
    unannounced: (n: number) => `不打招呼（${n} 次）`,
    onTime: "按时率",
    latency: "平均完成用时",
    late: "每次超时分钟",
    slower: (plan: string, minutes: number) =>
      minutes > 0
        ? `${plan}：不打招呼时，各项行动平均多用 ${minutes} 分钟。`
        : minutes < 0
          ? `${plan}：不打招呼时，各项行动平均少用 ${-minutes} 分钟。`
          : `${plan}：无论是否事先通知，行动用时相同。`,
  },
} as const;

function plans(n: number): string {
  return n === 1 ? "1 plan" : `${n} plans`;
}

/** The trend sentence for one capability: "流调溯源 rated M in 4 of the last 5 drills, across 3 plans". */
export function capabilitySentence(trend: CapabilityTrend, lang: Lang): string {
  return WORDS[lang].sentence(trend);
}

/** Beside an unannounced drill's plan in the drills table. */
export function unannouncedMark(lang: Lang): string {
  return lang === "zh" ? "（不打招呼）" : " (unannounced)";
}

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

export function capabilitySections(trend: Trend, lang: Lang): string[][] {
  const w = WORDS[lang];
  const blocks: string[][] = [];
  const capabilities = trend.capabilities ?? [];
  if (capabilities.length > 0)
    blocks.push(
      [`## ${md(w.capabilities)}`],
      [md(w.capabilitiesNote)],
      capabilities.map((t) => `- ${md(capabilitySentence(t, lang))}`),
      [
        row([cell(w.capability), cell(w.recent)]),
        row(["---", "---"]),
        ...capabilities.map((t) =>
          row([cell(t.library ? `${t.name} (${t.id})` : t.name), cell(t.recent.join(" → "))]),
        ),
      ],
    );
  const compared = trend.announcement ?? [];
  if (compared.length > 0) {
    const share = (s: AnnouncementSide) =>
      s.onTimeShare === null ? "–" : `${Math.round(s.onTimeShare * 100)}%`;
    const latency = (s: AnnouncementSide) =>
      s.latencyMinutes === null ? "–" : `${Math.round(s.latencyMinutes)} min`;
    blocks.push(
      [`## ${md(w.announcement)}`],
      [md(w.announcementNote)],
      [
        row([w.plan, w.kind, w.onTime, w.latency, w.late].map(cell)),
        row(["---", "---", "---", "---", "---"]),
        ...compared.flatMap((c) => [
          row([
            cell(c.plan),
            cell(w.announced(c.announced.drills)),
            share(c.announced),
            latency(c.announced),
            String(c.announced.minutesLate),
          ]),
          row([
            cell(c.plan),
            cell(w.unannounced(c.unannounced.drills)),
            share(c.unannounced),
            latency(c.unannounced),
            String(c.unannounced.minutesLate),
          ]),
        ]),
      ],
      compared.flatMap((c) =>
        c.announced.latencyMinutes !== null && c.unannounced.latencyMinutes !== null
          ? [
              `- ${md(w.slower(c.plan, Math.round(c.unannounced.latencyMinutes - c.announced.latencyMinutes)))}`,
            ]
          : [],
      ),
    );
  }
  return blocks;
}
