// Ratings by objective on the HSEEP scale, one row per objective: the rating the report gives
// as a filled dot, the evaluator's own (when it differs) as a ring, "not rated" at the side.

import type { Lang } from "../../core/plan.js";
import type { Chart } from "../document.js";
import { CHART_WORDS, type ChartPicture, clip, svgDocument, textWidth, xml } from "./svg.js";

const WIDTH = 960;
const LABEL = 420;
const ROW = 28;
const TOP = 78;
/** Worst to best, left to right, then not rated. */
const SCALE = ["U", "M", "S", "P", "-"] as const;
const COLOURS: Record<string, string> = {
  U: "#c62828",
  M: "#ef6c00",
  S: "#f9a825",
  P: "#2e7d32",
  "-": "#9e9e9e",
};

export function ratingsPicture(
  chart: Extract<Chart, { kind: "ratings" }>,
  lang: Lang,
): ChartPicture {
  const words = CHART_WORDS[lang];
  const column = (WIDTH - LABEL - 20) / SCALE.length;
  const cx = (rating: string) => {
    const index = SCALE.indexOf(rating as (typeof SCALE)[number]);
    return LABEL + column * (index < 0 ? SCALE.length - 1 : index) + column / 2;
  };
  const height = TOP + Math.max(1, chart.objectives.length) * ROW + 16;
  const body: string[] = [
    `<text x="10" y="24" font-size="15" font-weight="bold">${xml(clip(chart.title, WIDTH - 20, 15))}</text>`,
    `<circle cx="16" cy="44" r="6" fill="#555555"/><text x="28" y="48" font-size="12">${xml(words.plan)}</text>`,
  ];
  const ringX = 44 + textWidth(words.plan, 12);
  body.push(
    `<circle cx="${ringX}" cy="44" r="7" fill="none" stroke="#555555" stroke-width="2"/><text x="${ringX + 12}" y="48" font-size="12">${xml(words.evaluator)}</text>`,
  );
  for (const rating of SCALE) {
    body.push(
      `<text x="${cx(rating)}" y="${TOP - 10}" text-anchor="middle" font-weight="bold" fill="${COLOURS[rating]}">${xml(rating === "-" ? words.notRated : rating)}</text>`,
    );
  }
  chart.objectives.forEach((o, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 0)
      body.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${ROW}" fill="#f6f7f8"/>`);
    body.push(
      `<text x="10" y="${y + 18}" font-size="12">${xml(clip(`${o.id} ${o.label}`, LABEL - 20, 12))}</text>`,
      `<circle cx="${cx(o.rating)}" cy="${y + ROW / 2}" r="7" fill="${COLOURS[o.rating] ?? COLOURS["-"]}"><title>${xml(`${o.id}: ${o.rating}`)}</title></circle>`,
    );
    if (o.evaluator !== undefined && o.evaluator !== o.rating)
      body.push(
        `<circle cx="${cx(o.evaluator)}" cy="${y + ROW / 2}" r="9" fill="none" stroke="${COLOURS[o.evaluator] ?? COLOURS["-"]}" stroke-width="2"><title>${xml(`${o.id}: ${words.evaluator} ${o.evaluator}`)}</title></circle>`,
      );
  });
  return svgDocument(WIDTH, height, chart.title, body);
}
