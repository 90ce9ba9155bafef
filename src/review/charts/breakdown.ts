// Parts of a whole as horizontal bars, largest first, each with its value and share: late
// minutes by root cause. A pie hides small differences; bars keep them comparable.

import type { Lang } from "../../core/plan.js";
import type { Chart } from "../document.js";
import { CHART_WORDS, type ChartPicture, clip, num, svgDocument, xml } from "./svg.js";

const WIDTH = 960;
const LABEL = 360;
const RIGHT = 150;
const ROW = 26;
const TOP = 44;

export function breakdownPicture(
  chart: Extract<Chart, { kind: "breakdown" }>,
  lang: Lang,
): ChartPicture {
  const parts = [...chart.parts].sort((a, b) => b.value - a.value);
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  const max = Math.max(1, ...parts.map((p) => p.value));
  const plot = WIDTH - LABEL - RIGHT;
  const height = TOP + Math.max(1, parts.length) * ROW + 16;
  const body: string[] = [
    `<text x="10" y="24" font-size="15" font-weight="bold">${xml(clip(chart.title, WIDTH - 20, 15))}</text>`,
  ];
  parts.forEach((part, i) => {
    const y = TOP + i * ROW;
    const width = Math.max(1, (part.value / max) * plot);
    const share = total > 0 ? Math.round((part.value / total) * 100) : 0;
    const value = `${lang === "zh" ? CHART_WORDS.zh.minutes(num(part.value)) : `${num(part.value)} ${chart.unit}`} (${share}%)`;
    body.push(
      `<text x="10" y="${y + 17}" font-size="12">${xml(clip(part.label, LABEL - 20, 12))}</text>`,
      `<rect x="${LABEL}" y="${y + 5}" width="${width.toFixed(1)}" height="${ROW - 10}" fill="#ef6c00"><title>${xml(`${part.label}: ${value}`)}</title></rect>`,
      `<text x="${(LABEL + width + 6).toFixed(1)}" y="${y + 17}" font-size="12" fill="#333333">${xml(value)}</text>`,
    );
  });
  return svgDocument(WIDTH, height, chart.title, body);
}
