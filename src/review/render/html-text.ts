// Text in a web page, and a row of the decision log's table: apart from the page itself, so
// the rows can be rendered while a log is read without loading the charts.

import { markupText } from "../../text.js";

/** Text for an HTML text node or a quoted attribute. */
export function html(text: string): string {
  return markupText(text, "&#39;");
}

/** One row of a table of plain cells. */
export function htmlRow(cells: readonly string[]): string {
  return `<tr>${cells.map((c) => `<td>${html(c)}</td>`).join("")}</tr>\n`;
}
