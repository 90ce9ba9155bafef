// The timeline picture: a Mermaid gantt chart with one section per group and one bar per
// expected action, from delivery to done (or to the end of the drill); late or unmet bars
// are marked `crit`. https://mermaid.js.org/syntax/gantt.html

import { mermaidText } from "./escape.js";
import type { ReviewFormat } from "./format.js";
import type { ExpectationResult, Review } from "./model.js";

/** Mermaid reads and shows dates in the viewer's time zone, so bars carry local clock times. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

function baseMillis(scenarioStart: string | undefined): number {
  const parts = scenarioStart ? LOCAL.exec(scenarioStart) : null;
  if (!parts) return Date.UTC(2000, 0, 1);
  const [, y, mo, d, h, mi] = parts.map(Number) as number[];
  return Date.UTC(y ?? 2000, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
}

function clockText(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

function tags(status: ExpectationResult["status"]): string {
  switch (status) {
    case "on-time":
      return "done";
    case "late":
      return "crit, done";
    default:
      return "crit, active";
  }
}

/** The gantt chart as the lines of a fenced ```mermaid block. */
export function ganttChart(review: Review, f: ReviewFormat): string[] {
  const base = baseMillis(review.drill.scenarioStart);
  const at = (minutes: number) => clockText(base + Math.round(minutes) * 60_000);
  const lines = [
    "```mermaid",
    "gantt",
    "    dateFormat YYYY-MM-DD HH:mm",
    `    axisFormat ${review.drill.scenarioStart ? "%m-%d %H:%M" : "%H:%M"}`,
    "    todayMarker off",
  ];
  for (const group of review.drill.groups) {
    const bars = review.expectations.filter(
      (e) => e.group === group.id && e.deliveredAt !== undefined,
    );
    if (bars.length === 0) continue;
    lines.push(`    section ${mermaidText(f.group(group.id)) || group.id}`);
    for (const bar of bars) {
      const from = Math.round(bar.deliveredAt ?? 0);
      // A bar needs some length to be seen: an action done at once gets a minute.
      const to = Math.max(from + 1, Math.round(bar.doneAt ?? review.drill.scenarioMinutes));
      const name = mermaidText(`${bar.id} ${bar.action}`, 30);
      lines.push(`    ${name} :${tags(bar.status)}, ${at(from)}, ${at(to)}`);
    }
  }
  lines.push("```");
  return lines;
}
