// The report document as one self-contained web page: inline CSS and SVG charts, no script,
// nothing fetched (a strict Content-Security-Policy says so to the browser), printable to PDF
// with a cover, a contents page and page breaks. Pure: a document in, text out. Every text
// of the document is escaped, so participant text can never become markup.

import { chartPicture } from "../charts/picture.js";
import { CHART_FONTS } from "../charts/svg.js";
import type { Block, ReportDocument, Section, Span } from "../document.js";
import { reviewMessages } from "../messages.js";
import { html, htmlRow } from "./html-text.js";

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const fontList = (serif: boolean) =>
  (serif ? ["SimSun", "宋体", "Source Han Serif SC", "Noto Serif CJK SC", "serif"] : CHART_FONTS)
    .map((f) => (/^[a-z-]+$/.test(f) ? f : `"${f}"`))
    .join(", ");

function style(lang: ReportDocument["lang"]): string {
  const words = reviewMessages[lang].cover;
  const [before, after] = words.page.split("{page}");
  return `
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: "${before ?? ""}" counter(page) "${after ?? ""}"; font-size: 9pt; color: #555; } }
html { font-family: ${fontList(lang === "zh")}; font-size: 11pt; line-height: 1.6; color: #111; }
body { max-width: 190mm; margin: 0 auto; padding: 0 8mm; }
h1, h2, h3, h4, h5, h6, .cover, figcaption, th { font-family: ${fontList(false)}; }
h1 { font-size: 20pt; } h2 { font-size: 16pt; border-bottom: 1px solid #999; } h3 { font-size: 13pt; } h4, h5, h6 { font-size: 11.5pt; }
h2, h3, h4 { break-after: avoid; }
.cover { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; break-after: page; }
.cover .kind { font-size: 30pt; font-weight: bold; letter-spacing: 0.2em; margin: 0 0 12mm; }
.cover .title { font-size: 20pt; margin: 0 0 20mm; }
.cover dl { display: grid; grid-template-columns: max-content 60mm; gap: 3mm 6mm; margin: 0 auto; text-align: left; font-size: 13pt; }
.cover dd { margin: 0; border-bottom: 1px solid #333; min-height: 1.4em; }
nav.contents { break-after: page; } nav.contents ol { list-style: none; padding-left: 1.2em; } nav.contents > ol { padding-left: 0; }
nav.contents a { color: inherit; text-decoration: none; }
section.top { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; table-layout: fixed; font-size: 9.5pt; }
th, td { border: 1px solid #888; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; text-align: left; }
thead { display: table-header-group; } th { background: #e9ecef; }
tr { break-inside: avoid; }
figure { margin: 1em 0; break-inside: avoid; } figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 9.5pt; color: #444; text-align: center; }
.label { font-weight: bold; margin-bottom: 0.2em; }
.fonts { font-size: 9pt; color: #555; }
@media screen { section.top { border-top: 3px double #bbb; margin-top: 2em; } }
`;
}

export interface HtmlReport {
  /** Everything before the decision log's rows. */
  head: string;
  row(cells: string[]): string;
  /** Closes the page. */
  tail: string;
}

/** The page in three parts, so the decision log can be streamed a row at a time. */
export function htmlReport(doc: ReportDocument): HtmlReport {
  const words = reviewMessages[doc.lang].cover;
  const ids = new Map<Section, string>();
  let next = 0;
  const number = (s: Section) => {
    ids.set(s, `s${++next}`);
    s.sections.forEach(number);
  };
  doc.sections.forEach(number);

  const cover = [
    '<header class="cover">',
    `<p class="kind">${html(doc.cover.kind)}</p>`,
    `<p class="title">${html(doc.cover.title)}</p>`,
    "<dl>",
    ...doc.cover.fields.map(([k, v]) => `<dt>${html(k)}</dt><dd>${html(v)}</dd>`),
    "</dl>",
    "</header>",
  ];
  const tocItems = (sections: Section[]): string[] =>
    sections.length === 0
      ? []
      : [
          "<ol>",
          ...sections.flatMap((s) => [
            `<li><a href="#${ids.get(s)}">${html(s.title)}</a>`,
            ...tocItems(s.sections),
            "</li>",
          ]),
          "</ol>",
        ];
  const contents = [
    '<nav class="contents">',
    `<h2>${html(words.contents)}</h2>`,
    ...tocItems(doc.sections),
    `<ol><li><a href="#appendix">${html(doc.appendix.title)}</a></li></ol>`,
    `<p class="fonts">${html(words.fonts)}</p>`,
    "</nav>",
  ];
  const renderSection = (s: Section, level: number): string[] => [
    `<section${level === 2 ? ' class="top"' : ""} id="${ids.get(s)}">`,
    `<h${Math.min(6, level)}>${html(s.title)}</h${Math.min(6, level)}>`,
    ...s.blocks.flatMap((b) => renderBlock(b, doc)),
    ...s.sections.flatMap((sub) => renderSection(sub, level + 1)),
    "</section>",
  ];
  const head = [
    "<!DOCTYPE html>",
    `<html lang="${doc.lang === "zh" ? "zh-CN" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(doc.title)}</title>`,
    `<style>${style(doc.lang)}</style>`,
    "</head>",
    "<body>",
    ...cover,
    ...contents,
    `<main>`,
    `<h1>${html(doc.title)}</h1>`,
    ...doc.sections.flatMap((s) => renderSection(s, 2)),
    '<section class="top" id="appendix">',
    `<h2>${html(doc.appendix.title)}</h2>`,
    `<p>${html(doc.appendix.intro)}</p>`,
    "<table>",
    `<thead><tr>${doc.appendix.columns.map((c) => `<th>${html(c)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
  ].join("\n");
  return {
    head: `${head}\n`,
    row: htmlRow,
    tail: "</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n",
  };
}

function spans(list: readonly Span[]): string {
  return list
    .map((span) =>
      typeof span === "string"
        ? html(span)
        : span.strong === ""
          ? ""
          : `<strong>${html(span.strong)}</strong>`,
    )
    .join("");
}

function renderBlock(block: Block, doc: ReportDocument): string[] {
  switch (block.type) {
    case "label":
      return [`<p class="label">${html(block.text)}${doc.lang === "zh" ? "：" : ":"}</p>`];
    case "paragraph":
      return [`<p>${spans(block.spans)}</p>`];
    case "list":
      return ["<ul>", ...block.items.map((item) => `<li>${spans(item)}</li>`), "</ul>"];
    case "table":
      return [
        "<table>",
        `<thead><tr>${block.columns.map((c) => `<th>${html(c)}</th>`).join("")}</tr></thead>`,
        "<tbody>",
        ...block.rows.map((r) => `<tr>${r.map((c) => `<td>${spans([c])}</td>`).join("")}</tr>`),
        "</tbody>",
        "</table>",
      ];
    case "chart": {
      const picture = chartPicture(block.chart, doc.lang);
      // The SVG's own prolog is not allowed inside HTML; the element is.
      return [
        `<figure class="chart" data-chart="${block.chart.kind}">`,
        picture.svg,
        ...(block.caption ? [`<figcaption>${html(block.caption)}</figcaption>`] : []),
        "</figure>",
      ];
    }
  }
}
