// The timeline chart as a Mermaid gantt chart: one section per group and one bar per expected
// action, from delivery to done (or to the end of the drill); late and never-done bars are
// marked `crit`, bars still within their time at the end are `active`.
// https://mermaid.js.org/syntax/gantt.html

import type { BarState, Chart } from "./document.js";
import { mermaidText } from "./escape.js";

/** Mermaid reads and shows dates in the viewer's time zone, so bars carry local clock times. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

export function baseMillis(scenarioStart: string | undefined): number {
  const parts = scenarioStart ? LOCAL.exec(scenarioStart) : null;
  if (!parts) return Date.UTC(2000, 0, 1);
  const [, y, mo, d, h, mi] = parts.map(Number) as number[];
  return Date.UTC(y ?? 2000, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
}

export function clockText(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

const TAGS: Record<BarState, string> = {
  "on-time": "done",
  late: "crit, done",
  unmet: "crit, active",
  open: "active",
};

/** The gantt chart as the lines of a fenced ```mermaid block. */
export function ganttChart(chart: Extract<Chart, { kind: "gantt" }>): string[] {
  const base = baseMillis(chart.start);
  const at = (minutes: number) => clockText(base + Math.round(minutes) * 60_000);
  const lines = [
    "```mermaid",
    "gantt",
    "    dateFormat YYYY-MM-DD HH:mm",
    `    axisFormat ${chart.start ? "%m-%d %H:%M" : "%H:%M"}`,
    "    todayMarker off",
  ];
  for (const group of chart.groups) {
    lines.push(`    section ${mermaidText(group.name) || "-"}`);
    for (const bar of group.bars) {
      const from = Math.round(bar.from);
      // A bar needs some length to be seen: an action done at once gets a minute.
      const to = Math.max(from + 1, Math.round(bar.to));
      const name = mermaidText(`${bar.id} ${bar.label}`, 30);
      lines.push(`    ${name} :${TAGS[bar.state]}, ${at(from)}, ${at(to)}`);
    }
  }
  lines.push("```");
  return lines;
}
