// Any chart of the report document as SVG: what the HTML report embeds and the Word report
// rasterises. Drawn from the document's chart data alone, so no renderer analyses again.

import type { Lang } from "../../core/plan.js";
import type { Chart } from "../document.js";
import { breakdownPicture } from "./breakdown.js";
import { ganttPicture } from "./gantt.js";
import { ratingsPicture } from "./ratings.js";
import type { ChartPicture } from "./svg.js";
import { trendPicture } from "./trend.js";

export type { ChartPicture };

export function chartPicture(chart: Chart, lang: Lang): ChartPicture {
  switch (chart.kind) {
    case "gantt":
      return ganttPicture(chart, lang);
    case "breakdown":
      return breakdownPicture(chart, lang);
    case "ratings":
      return ratingsPicture(chart, lang);
    case "trend":
      return trendPicture(chart, lang);
  }
}
