// The report document as a Word file, with the `docx` library: a cover ("评估报告"), a table
// of contents, the sections as real Word headings, tables whose header row repeats on every
// page and whose columns fit the page, charts as pictures, page numbers, and fonts that set
// Chinese (SimSun/宋体, falling back to Source Han / Noto CJK, named in the document).
// Pure but for the pictures, which the caller rasterises (charts/raster.ts).

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import stringWidth from "string-width";
import { oneLine, xmlLine } from "../../text.js";
import type { ChartPicture } from "../charts/svg.js";
import type { Block, Chart, ReportDocument, Section, Span } from "../document.js";
import { reviewMessages } from "../messages.js";

/** A4 in twentieths of a point, with 2 cm margins: the width every table is fitted to. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The width charts are placed at, in CSS pixels (96 to the inch). */
const PICTURE_WIDTH = Math.floor((TEXT_WIDTH / 1440) * 96);

/** Body and heading fonts, per script; Word names the East Asian one separately. */
const FONTS = {
  zh: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun" },
  en: { ascii: "Calibri", hAnsi: "Calibri", eastAsia: "SimSun" },
} as const;

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** A chart and its picture: the SVG drawn from the document, and its PNG. */
export interface DrawnChart {
  picture: ChartPicture;
  png: Uint8Array;
}

/** Every chart of the document, in order, for the caller to draw before rendering. */
export function documentCharts(doc: ReportDocument): Chart[] {
  const charts: Chart[] = [];
  const walk = (s: Section) => {
    for (const b of s.blocks) if (b.type === "chart") charts.push(b.chart);
    s.sections.forEach(walk);
  };
  doc.sections.forEach(walk);
  return charts;
}

/** Text for a run: clean, on one line (XML 1.0 refuses most control characters). */
const text = (value: string) => xmlLine(value);

function runs(list: readonly Span[], size?: number): TextRun[] {
  return list
    .filter((span) => plainOf(span) !== "")
    .map((span) =>
      typeof span === "string"
        ? new TextRun({ text: text(span), ...(size ? { size } : {}) })
        : new TextRun({ text: text(span.strong), bold: true, ...(size ? { size } : {}) }),
    );
}

const plainOf = (span: Span) => (typeof span === "string" ? span : span.strong);

/** Twips a half-width character takes at the tables' 9 pt, and a cell's margins. */
const CHAR_TWIPS = 95;
const CELL_MARGINS = 240;

/**
 * Column widths that sum to the text width. Each column first gets room for its longest
 * unbreakable run (a time "T+00:00", an id, a short heading), then the rest of the width is
 * shared by how much text each column holds, so long text wraps instead of pushing the
 * table off the page.
 */
export function columnWidths(columns: string[], rows: readonly (readonly Span[])[]): number[] {
  const sample = rows.slice(0, 200).map((r) => columns.map((_, i) => oneLine(plainOf(r[i] ?? ""))));
  const unbreakable = (t: string) =>
    Math.max(0, ...(t.match(/[\x21-\x7e]+/g) ?? []).map((run) => run.length));
  const floors = columns.map((heading, i) => {
    const longest = Math.max(
      Math.min(4, stringWidth(oneLine(heading))),
      ...sample.map((r) => Math.min(16, unbreakable(r[i] ?? ""))),
    );
    return longest * CHAR_TWIPS + CELL_MARGINS;
  });
  const floorSum = floors.reduce((a, b) => a + b, 0);
  // Should even the floors not fit, they are scaled down (the cells then break their runs).
  const scale = floorSum > TEXT_WIDTH ? TEXT_WIDTH / floorSum : 1;
  const base = floors.map((f) => Math.floor(f * scale));
  const spare = TEXT_WIDTH - base.reduce((a, b) => a + b, 0);
  const weights = columns.map((heading, i) =>
    Math.min(
      60,
      Math.max(stringWidth(oneLine(heading)), ...sample.map((r) => stringWidth(r[i] ?? ""))),
    ),
  );
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = base.map((b, i) => b + Math.floor(((weights[i] ?? 0) / total) * spare));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "888888" };
/** Set once on the table, not on each of its cells: a long decision log has many. */
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

function wordTable(columns: string[], rows: readonly (readonly Span[])[]): Table {
  const widths = columnWidths(columns, rows);
  const cell = (content: readonly Span[], i: number, heading: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      ...(heading ? { shading: { fill: "E9ECEF" } } : {}),
      children: [
        new Paragraph({
          spacing: { after: 0, line: 260, lineRule: LineRuleType.AUTO },
          children: heading
            ? [new TextRun({ text: text(plainOf(content[0] ?? "")), bold: true, size: 18 })]
            : runs(content, 18),
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell([c], i, true)),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((_, i) => cell([r[i] ?? ""], i, false)),
          }),
      ),
    ],
  });
}

type Child = Paragraph | Table | TableOfContents;

export interface DocxInput {
  doc: ReportDocument;
  /** The decision log's rows, as plain cells. */
  appendixRows: readonly string[][];
  /** The charts of `documentCharts(doc)`, drawn, in the same order. */
  charts: readonly DrawnChart[];
}

export async function renderDocx({ doc, appendixRows, charts }: DocxInput): Promise<Uint8Array> {
  const words = reviewMessages[doc.lang].cover;
  const colon = doc.lang === "zh" ? "：" : ": ";
  let chartIndex = 0;

  const block = (b: Block, next: Block | undefined): Child[] => {
    switch (b.type) {
      case "label":
        return [
          new Paragraph({
            keepNext: true,
            children: [new TextRun({ text: `${text(b.text)}${colon.trim()}`, bold: true })],
          }),
        ];
      case "paragraph":
        return [new Paragraph({ children: runs(b.spans) })];
      case "list":
        return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
      // Word joins two tables with nothing between them into one.
      case "table":
        return [
          wordTable(b.columns, b.rows),
          ...(next?.type === "table" ? [new Paragraph({ children: [] })] : []),
        ];
      case "chart": {
        const drawn = charts[chartIndex++];
        if (!drawn) return [];
        const { picture, png } = drawn;
        const width = Math.min(PICTURE_WIDTH, picture.width);
        const height = Math.round((picture.height / picture.width) * width);
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            // A picture's line is as tall as the picture.
            spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120 },
            children: [
              new ImageRun({
                type: "png",
                data: png,
                transformation: { width, height },
                altText: { name: picture.title, title: picture.title, description: picture.title },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ text: text(b.caption ?? picture.title), size: 18, italics: true }),
            ],
          }),
        ];
      }
    }
  };
  const section = (s: Section, depth: number): Child[] => [
    new Paragraph({
      heading: HEADINGS[Math.min(5, depth)] ?? HeadingLevel.HEADING_6,
      // Each numbered part (一、二、…) starts a page, as the guide's layout has it.
      ...(depth === 0 ? { pageBreakBefore: true } : {}),
      children: [new TextRun(text(s.title))],
    }),
    ...s.blocks.flatMap((b, i) => block(b, s.blocks[i + 1])),
    ...s.sections.flatMap((sub) => section(sub, depth + 1)),
  ];

  const cover: Child[] = [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 600 },
      children: [new TextRun({ text: text(doc.cover.kind), bold: true, size: 56 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 1600 },
      children: [new TextRun({ text: text(doc.cover.title), size: 40 })],
    }),
    ...doc.cover.fields.map(
      ([k, v]) =>
        new Paragraph({
          indent: { left: 2000 },
          spacing: { after: 240 },
          children: [
            new TextRun({ text: `${text(k)}${colon}`, size: 28 }),
            new TextRun({
              text: v === "" ? "\u3000".repeat(12) : text(v),
              size: 28,
              underline: {},
            }),
          ],
        }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: text(words.contents), bold: true, size: 32 })],
    }),
    new TableOfContents(words.contents, { hyperlink: true, headingStyleRange: "1-2" }),
    new Paragraph({
      spacing: { before: 400 },
      children: [new TextRun({ text: text(words.fonts), size: 16, color: "555555" })],
    }),
  ];

  const body: Child[] = [
    ...cover,
    ...doc.sections.flatMap((s) => section(s, 0)),
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new TextRun(text(doc.appendix.title))],
    }),
    new Paragraph({ children: [new TextRun(text(doc.appendix.intro))] }),
    wordTable(doc.appendix.columns, appendixRows),
  ];

  const [before, after] = words.page.split("{page}");
  const fonts = FONTS[doc.lang];
  const headingRun = { font: fonts, bold: true, color: "000000" };
  const document = new Document({
    creator: "drillbook",
    title: xmlLine(doc.title),
    description: xmlLine(doc.cover.kind),
    styles: {
      default: {
        document: {
          run: { font: fonts, size: 21 },
          paragraph: { spacing: { after: 120, line: 300, lineRule: LineRuleType.AUTO } },
        },
        heading1: {
          run: { ...headingRun, size: 32 },
          paragraph: { spacing: { before: 240, after: 180 }, keepNext: true },
        },
        heading2: {
          run: { ...headingRun, size: 28 },
          paragraph: { spacing: { before: 200, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { ...headingRun, size: 24 },
          paragraph: { spacing: { before: 160, after: 100 }, keepNext: true },
        },
        heading4: { run: { ...headingRun, size: 22 }, paragraph: { keepNext: true } },
        heading5: { run: { ...headingRun, size: 21 }, paragraph: { keepNext: true } },
        heading6: { run: { ...headingRun, size: 21 }, paragraph: { keepNext: true } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [before ?? "", PageNumber.CURRENT, after ?? ""],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
