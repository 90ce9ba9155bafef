// What every chart drawing shares: text made safe for XML, the fonts named for Chinese, and
// a width estimate for laying out labels (a CJK character is two columns, about one em).

import stringWidth from "string-width";
import type { Lang } from "../../core/plan.js";
import { markupText, oneLine } from "../../text.js";

/** A drawn chart: standalone SVG with its size in CSS pixels. */
export interface ChartPicture {
  svg: string;
  width: number;
  height: number;
  /** What the picture shows, for alt text. */
  title: string;
}

/**
 * Fonts named in the charts, first found first used: SimSun/宋体 where Office is, Source Han
 * and Noto CJK (Debian's fonts-noto-cjk) elsewhere, then the viewer's sans-serif.
 */
export const CHART_FONTS = [
  "Noto Sans CJK SC",
  "Source Han Sans SC",
  "Microsoft YaHei",
  "SimSun",
  "宋体",
  "sans-serif",
];

export const FONT_ATTRIBUTE = CHART_FONTS.map((f) => (f.includes(" ") ? `'${f}'` : f)).join(", ");

/** Text for an SVG text node or attribute: one line, clean, XML-escaped. */
export function xml(text: string): string {
  return markupText(text, "&apos;");
}

/** Approximate drawn width of `text` at `size` px: half an em per terminal column. */
export function textWidth(text: string, size: number): number {
  return stringWidth(oneLine(text)) * size * 0.55;
}

/** `text` cut with an ellipsis to fit `width` px at `size` px. */
export function clip(text: string, width: number, size: number): string {
  const line = oneLine(text);
  if (textWidth(line, size) <= width) return line;
  const chars = Array.from(line);
  while (chars.length > 0 && textWidth(`${chars.join("")}…`, size) > width) chars.pop();
  return `${chars.join("")}…`;
}

/** The SVG document around a chart's body. */
export function svgDocument(
  width: number,
  height: number,
  title: string,
  body: string[],
): ChartPicture {
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${xml(title)}" font-family="${FONT_ATTRIBUTE}" font-size="13">`,
    `<title>${xml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
  ].join("\n");
  return { svg, width, height, title };
}

/** A nice tick step for an axis running to `max` with about `count` ticks. */
export function tickStep(max: number, count = 6): number {
  const raw = Math.max(max, 1) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Numbers in a chart: whole, or one decimal when small. */
export function num(value: number): string {
  return Math.abs(value) >= 10 || Number.isInteger(value)
    ? String(Math.round(value))
    : value.toFixed(1);
}

export const CHART_WORDS: Record<
  Lang,
  {
    onTime: string;
    late: string;
    unmet: string;
    open: string;
    minutes: (n: string) => string;
    scenarioTime: string;
    notRated: string;
    plan: string;
    evaluator: string;
    timeline: string;
  }
> = {
  zh: {
    onTime: "按时完成",
    late: "超时完成",
    unmet: "未完成",
    open: "演练结束时仍在时限内",
    minutes: (n) => `${n} 分钟`,
    scenarioTime: "情景时间",
    notRated: "未评级",
    plan: "按预案评级",
    evaluator: "评估员评级",
    timeline: "预期动作时间线",
  },
  en: {
    onTime: "done on time",
    late: "done late",
    unmet: "never done",
    open: "still within time at the end",
    minutes: (n) => `${n} min`,
    scenarioTime: "scenario time",
    notRated: "not rated",
    plan: "rating",
    evaluator: "evaluator's rating",
    timeline: "Timeline of expected actions",
  },
};
