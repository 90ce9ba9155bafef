// One action over a series of drills as a line chart: the minutes it took in each drill, and
// its target as a dashed line, so a drill above the line was late.

import type { Lang } from "../../core/plan.js";
import type { Chart } from "../document.js";
import { type ChartPicture, clip, num, svgDocument, textWidth, tickStep, xml } from "./svg.js";

const WIDTH = 960;
const HEIGHT = 300;
const LEFT = 70;
const RIGHT = 30;
const TOP = 56;
const BOTTOM = 44;

const WORDS: Record<Lang, { taken: string; target: string }> = {
  zh: { taken: "用时", target: "时限" },
  en: { taken: "taken", target: "target" },
};

export function trendPicture(chart: Extract<Chart, { kind: "trend" }>, lang: Lang): ChartPicture {
  const words = WORDS[lang];
  const max = Math.max(1, ...chart.taken, ...chart.target);
  const step = tickStep(max, 5);
  const top = Math.ceil(max / step) * step;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const n = Math.max(1, chart.labels.length - 1);
  const x = (i: number) => LEFT + (chart.labels.length === 1 ? plotW / 2 : (i / n) * plotW);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const body: string[] = [
    `<text x="10" y="22" font-size="15" font-weight="bold">${xml(clip(chart.title, WIDTH - 20, 15))}</text>`,
    `<line x1="${WIDTH - 330}" y1="38" x2="${WIDTH - 300}" y2="38" stroke="#1565c0" stroke-width="3"/>`,
    `<text x="${WIDTH - 294}" y="42" font-size="12">${xml(words.taken)}</text>`,
    `<line x1="${WIDTH - 280 + textWidth(words.taken, 12)}" y1="38" x2="${WIDTH - 250 + textWidth(words.taken, 12)}" y2="38" stroke="#c62828" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${WIDTH - 244 + textWidth(words.taken, 12)}" y="42" font-size="12">${xml(words.target)}</text>`,
    `<text x="14" y="${TOP + plotH / 2}" font-size="11" fill="#555555" transform="rotate(-90 14 ${TOP + plotH / 2})" text-anchor="middle">${xml(chart.unit)}</text>`,
  ];
  for (let v = 0; v <= top + 1e-9; v += step)
    body.push(
      `<line x1="${LEFT}" y1="${y(v).toFixed(1)}" x2="${WIDTH - RIGHT}" y2="${y(v).toFixed(1)}" stroke="#dddddd"/>`,
      `<text x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555555">${xml(num(v))}</text>`,
    );
  chart.labels.forEach((label, i) => {
    body.push(
      `<text x="${x(i).toFixed(1)}" y="${HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11" fill="#555555">${xml(clip(label, plotW / Math.max(1, chart.labels.length), 11))}</text>`,
    );
  });
  const path = (values: number[]) =>
    values.map((v, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  body.push(
    `<path d="${path(chart.target)}" fill="none" stroke="#c62828" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<path d="${path(chart.taken)}" fill="none" stroke="#1565c0" stroke-width="3"/>`,
    ...chart.taken.map(
      (v, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="4" fill="${v > (chart.target[i] ?? Number.POSITIVE_INFINITY) ? "#c62828" : "#1565c0"}"><title>${xml(`${chart.labels[i] ?? ""}: ${num(v)} / ${num(chart.target[i] ?? 0)}`)}</title></circle>`,
    ),
  );
  return svgDocument(WIDTH, HEIGHT, chart.title, body);
}
