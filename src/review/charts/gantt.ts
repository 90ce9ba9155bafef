// The timeline as a picture: one lane per group, one bar per expected action from its delivery
// to done (or to the end of the drill), coloured by how it ended; late and never-done bars are
// also marked in words at their end, so the chart reads in black and white.

import type { Lang } from "../../core/plan.js";
import type { BarState, Chart } from "../document.js";
import { baseMillis, clockText } from "../gantt.js";
import {
  CHART_WORDS,
  type ChartPicture,
  clip,
  svgDocument,
  textWidth,
  tickStep,
  xml,
} from "./svg.js";

const WIDTH = 960;
const LABEL = 300;
const RIGHT = 110;
const ROW = 22;
const TOP = 56;

export const BAR_COLOURS: Record<BarState, string> = {
  "on-time": "#2e7d32",
  late: "#ef6c00",
  unmet: "#c62828",
  open: "#1565c0",
};

export function ganttPicture(chart: Extract<Chart, { kind: "gantt" }>, lang: Lang): ChartPicture {
  const words = CHART_WORDS[lang];
  const bars = chart.groups.flatMap((g) => g.bars);
  const end = Math.max(1, ...bars.map((b) => Math.max(b.to, b.from + 1)));
  const step = tickStep(end);
  const axisEnd = Math.ceil(end / step) * step;
  const plot = WIDTH - LABEL - RIGHT;
  const x = (minutes: number) => LABEL + (Math.max(0, minutes) / axisEnd) * plot;
  const rows = chart.groups.reduce((n, g) => n + 1 + g.bars.length, 0);
  const height = TOP + rows * ROW + 40;
  const body: string[] = [];

  // Legend
  let lx = LABEL;
  for (const state of ["on-time", "late", "unmet", "open"] as const) {
    const text = stateWord(state, lang);
    body.push(
      `<rect x="${lx}" y="14" width="14" height="10" fill="${BAR_COLOURS[state]}"/>`,
      `<text x="${lx + 19}" y="23">${xml(text)}</text>`,
    );
    lx += 30 + textWidth(text, 13);
  }

  // Axis and grid
  const base = baseMillis(chart.start);
  const tickText = (m: number) =>
    chart.start ? clockText(base + m * 60_000).slice(11) : `T+${Math.round(m)}`;
  const axisY = TOP - 8;
  for (let m = 0; m <= axisEnd + 1e-9; m += step) {
    body.push(
      `<line x1="${x(m)}" y1="${axisY}" x2="${x(m)}" y2="${TOP + rows * ROW}" stroke="#dddddd"/>`,
      `<text x="${x(m)}" y="${axisY - 4}" text-anchor="middle" fill="#555555" font-size="11">${xml(tickText(m))}</text>`,
    );
  }
  body.push(
    `<text x="${LABEL + plot / 2}" y="${TOP + rows * ROW + 28}" text-anchor="middle" fill="#555555" font-size="11">${xml(chart.start ? `${words.scenarioTime} (${chart.start.slice(0, 10)})` : `${words.scenarioTime} (min)`)}</text>`,
  );

  let y = TOP;
  for (const group of chart.groups) {
    body.push(
      `<rect x="0" y="${y}" width="${WIDTH}" height="${ROW}" fill="#f1f3f5"/>`,
      `<text x="6" y="${y + 15}" font-weight="bold">${xml(clip(group.name || "-", LABEL + plot - 12, 13))}</text>`,
    );
    y += ROW;
    for (const bar of group.bars) {
      const from = x(bar.from);
      const to = Math.max(from + 3, x(Math.max(bar.to, bar.from)));
      const label = clip(`${bar.id} ${bar.label}`, LABEL - 24, 12);
      const mark = bar.state === "late" || bar.state === "unmet" ? stateWord(bar.state, lang) : "";
      body.push(
        `<text x="16" y="${y + 15}" font-size="12">${xml(label)}</text>`,
        `<rect x="${from.toFixed(1)}" y="${y + 4}" width="${(to - from).toFixed(1)}" height="${ROW - 8}" rx="2" fill="${BAR_COLOURS[bar.state]}"${bar.state === "unmet" ? ' fill-opacity="0.55" stroke="#c62828" stroke-dasharray="4 2"' : ""}><title>${xml(`${bar.id} ${bar.label}: ${stateWord(bar.state, lang)}`)}</title></rect>`,
      );
      if (mark)
        body.push(
          `<text x="${(to + 4).toFixed(1)}" y="${y + 15}" font-size="11" fill="${BAR_COLOURS[bar.state]}">${xml(mark)}</text>`,
        );
      y += ROW;
    }
  }
  return svgDocument(WIDTH, height, words.timeline, body);
}

export function stateWord(state: BarState, lang: Lang): string {
  const w = CHART_WORDS[lang];
  return { "on-time": w.onTime, late: w.late, unmet: w.unmet, open: w.open }[state];
}
