// The charts drawn from the report document, the Word tables' column widths, the HTML page's
// escaping and the report format chosen from a file name: hand-computed numbers throughout.

import { SaxesParser } from "saxes";
import unzipper from "unzipper";
import { describe, expect, it } from "vitest";
import { WORD_ROWS } from "../../src/review/appendix-rows.js";
import { breakdownPicture } from "../../src/review/charts/breakdown.js";
import { ganttPicture } from "../../src/review/charts/gantt.js";
import { ratingsPicture } from "../../src/review/charts/ratings.js";
import { tickStep } from "../../src/review/charts/svg.js";
import { trendPicture } from "../../src/review/charts/trend.js";
import { section, table } from "../../src/review/document.js";
import { reportFormat } from "../../src/review/file.js";
import { columnWidths, renderDocx, TEXT_WIDTH } from "../../src/review/render/docx.js";
import { htmlReport } from "../../src/review/render/html.js";
import { writePaged } from "../../src/review/render/paged.js";

const HOSTILE = `<script>alert("x")</script> & ' ]]> \u0007 \ud800 \uffff =HYPERLINK("http://evil")`;

/** Parses the SVG as XML (throws on any markup the text could have broken). */
function elements(
  svg: string,
): { name: string; attributes: Record<string, string>; text: string }[] {
  const found: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: { text: string }[] = [];
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const element = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      text: "",
    };
    found.push(element);
    open.push(element);
  });
  parser.on("closetag", () => open.pop());
  parser.on("text", (text) => {
    const inner = open.at(-1);
    if (inner) inner.text += text;
  });
  parser.write(svg).close();
  return found;
}

describe("the timeline chart", () => {
  const chart = {
    kind: "gantt" as const,
    groups: [
      {
        name: "Ops",
        bars: [
          { id: "E1", label: "first", from: 0, to: 30, state: "on-time" as const },
          { id: "E2", label: HOSTILE, from: 30, to: 60, state: "late" as const },
        ],
      },
      {
        name: "Media",
        bars: [{ id: "E3", label: "never", from: 15, to: 60, state: "unmet" as const }],
      },
    ],
  };
  const picture = ganttPicture(chart, "en");
  const bars = elements(picture.svg).filter((e) => e.name === "rect" && e.attributes.rx === "2");

  it("draws one bar per action, placed from delivery to done on a 0–60 minute axis", () => {
    // Plot 960 − 300 − 110 = 550 px wide for 60 minutes (ticks of 10): 55/6 px a minute.
    expect(bars.map((b) => [b.attributes.x, b.attributes.width])).toEqual([
      ["300.0", "275.0"],
      ["575.0", "275.0"],
      ["437.5", "412.5"],
    ]);
    expect(bars.map((b) => b.attributes.fill)).toEqual(["#2e7d32", "#ef6c00", "#c62828"]);
  });

  it("marks late and never-done bars in words, and lanes by group", () => {
    const texts = elements(picture.svg).map((e) => e.text);
    expect(texts.filter((t) => t === "done late")).toHaveLength(2); // legend and E2
    expect(texts.filter((t) => t === "never done")).toHaveLength(2); // legend and E3
    expect(texts).toContain("Ops");
    expect(texts).toContain("Media");
    // Two group rows and three bar rows of 22 px under a 56 px head, 40 px for the axis.
    expect(picture.height).toBe(56 + 5 * 22 + 40);
  });

  it("keeps hostile text as text", () => {
    expect(picture.svg).not.toContain("<script");
    const texts = elements(picture.svg).map((e) => e.text);
    expect(texts.some((t) => t.startsWith('E2 <script>alert("x")'))).toBe(true);
  });

  it("labels the axis in clock time when the scenario has a start", () => {
    const clock = ganttPicture({ ...chart, start: "2022-09-03T20:00" }, "zh");
    const texts = elements(clock.svg).map((e) => e.text);
    expect(texts).toContain("20:00");
    expect(texts).toContain("21:00");
    expect(texts).toContain("超时完成");
  });
});

describe("late minutes by cause", () => {
  it("draws bars in proportion, largest first, with minutes and share", () => {
    const picture = breakdownPicture(
      {
        kind: "breakdown",
        title: "Late minutes by cause",
        unit: "min",
        parts: [
          { label: "small", value: 25 },
          { label: "big", value: 75 },
        ],
      },
      "en",
    );
    const found = elements(picture.svg);
    const bars = found.filter((e) => e.name === "rect" && e.attributes.fill === "#ef6c00");
    // Plot 960 − 360 − 150 = 450 px for the largest, 75.
    expect(bars.map((b) => b.attributes.width)).toEqual(["450.0", "150.0"]);
    expect(found.map((e) => e.text)).toContain("75 min (75%)");
    expect(found.map((e) => e.text)).toContain("25 min (25%)");
  });
});

describe("ratings by objective", () => {
  it("puts each objective's dot in its rating's column, the evaluator's as a ring", () => {
    const picture = ratingsPicture(
      {
        kind: "ratings",
        title: "Ratings",
        objectives: [
          { id: "O1", label: "a", rating: "P" },
          { id: "O2", label: "b", rating: "M", evaluator: "S" },
        ],
      },
      "en",
    );
    const circles = elements(picture.svg).filter(
      (e) => e.name === "circle" && e.attributes.cy !== "44",
    );
    // Columns of (960 − 420 − 20) / 5 = 104 px from 420, U M S P -: P at 420 + 3.5 × 104.
    expect(circles.map((c) => c.attributes.cx)).toEqual(["784", "576", "680"]);
    expect(circles[2]?.attributes.fill).toBe("none");
  });
});

describe("a trend over drills", () => {
  it("plots minutes taken against the target, late drills in red", () => {
    const picture = trendPicture(
      {
        kind: "trend",
        title: "E1",
        unit: "min",
        labels: ["#1", "#2"],
        taken: [40, 20],
        target: [30, 30],
      },
      "en",
    );
    const found = elements(picture.svg);
    const dots = found.filter((e) => e.name === "circle");
    // Axis to 40 (ticks of 10) over 300 − 56 − 44 = 200 px: 40 at the top (56), 20 half way.
    expect(dots.map((d) => [d.attributes.cx, d.attributes.cy, d.attributes.fill])).toEqual([
      ["70.0", "56.0", "#c62828"],
      ["930.0", "156.0", "#1565c0"],
    ]);
  });

  it("steps axes at 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([tickStep(60), tickStep(1700), tickStep(7), tickStep(0)]).toEqual([10, 500, 2, 0.2]);
  });
});

describe("the Word tables' column widths", () => {
  it("sum to the text width, and give a time its room before sharing the rest", () => {
    const widths = columnWidths(["#", "Time", "Text"], [["1", "T+00:00", "x".repeat(60)]]);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    // Floors: 4 columns for "Time" → 7 for "T+00:00": 7 × 95 + 240 = 905 twips at least.
    expect(widths[1]).toBeGreaterThanOrEqual(905);
    expect(widths[2]).toBeGreaterThan(widths[1] ?? 0);
  });

  it("scale the floors down when even they do not fit", () => {
    const many = Array.from({ length: 20 }, (_, i) => `column${i}`);
    const widths = columnWidths(many, [many.map(() => "0123456789abcdef")]);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    for (const w of widths) expect(w).toBeGreaterThan(0);
  });
});

describe("the HTML page", () => {
  it("escapes every text and carries a strict content policy", () => {
    const page = htmlReport({
      lang: "en",
      title: HOSTILE,
      cover: { title: HOSTILE, kind: "After-Action Report", fields: [["Organiser", HOSTILE]] },
      sections: [section("s", HOSTILE, [table([HOSTILE], [[{ strong: HOSTILE }]])])],
      appendix: { title: "Log", intro: HOSTILE, columns: ["text"] },
    });
    const html = page.head + page.row([HOSTILE]) + page.tail;
    expect(html).not.toContain("<script");
    expect(html).not.toContain("\u0007");
    expect(html).not.toMatch(/\ud800(?![\udc00-\udfff])|\uffff/);
    expect(html).toContain("\ufffd \ufffd =HYPERLINK");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;");
    expect(html).toContain("<strong>&lt;script&gt;");
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';/,
    );
  });
});

describe("the Word file", () => {
  it("is well-formed XML with hostile text as plain runs: no field, link or control character", async () => {
    const docx = await renderDocx({
      doc: {
        lang: "zh",
        title: HOSTILE,
        cover: { title: HOSTILE, kind: "评估报告", fields: [["组织单位", ""]] },
        sections: [section("s", HOSTILE, [table(["a"], [[{ strong: HOSTILE }]])])],
        appendix: { title: "附录", intro: HOSTILE, columns: ["内容"] },
      },
      appendixRows: [[HOSTILE]],
      charts: [],
    });
    const archive = await unzipper.Open.buffer(Buffer.from(docx));
    const body =
      (await archive.files.find((f) => f.path === "word/document.xml")?.buffer())?.toString(
        "utf8",
      ) ?? "";
    const texts: string[] = [];
    let inText = false;
    const parser = new SaxesParser();
    parser.on("opentag", (tag) => {
      inText = tag.name === "w:t";
    });
    parser.on("text", (text) => {
      if (inText) texts.push(text);
    });
    parser.on("closetag", () => {
      inText = false;
    });
    parser.write(body).close();
    const shown = `<script>alert("x")</script> & ' ]]> \ufffd \ufffd =HYPERLINK("http://evil")`;
    // Title (heading), the bold cell, the intro, the appendix row.
    expect(texts.filter((t) => t === shown).length).toBeGreaterThanOrEqual(4);
    const fields = [...body.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) =>
      (m[1] ?? "").trim(),
    );
    for (const field of fields) expect(field).toMatch(/^(TOC|PAGE|PAGEREF)\b/);
    expect(body).not.toMatch(/<w:hyperlink [^>]*r:id=/);
  });
});

describe("the report format", () => {
  it("comes from --format, else from the file's extension, else markdown", () => {
    expect(reportFormat("r.DOCX", undefined)).toBe("docx");
    expect(reportFormat("r.htm", undefined)).toBe("html");
    expect(reportFormat("r.html", "md")).toBe("md");
    expect(reportFormat("r.txt", undefined)).toBe("md");
    expect(reportFormat(undefined, "html")).toBe("html");
  });
});

describe("a Word file's decision log", () => {
  const doc = (lang: "zh" | "en") => ({
    lang,
    title: "t",
    cover: { title: "t", kind: "k", fields: [] as [string, string][] },
    sections: [],
    appendix: { title: "Log", intro: "Every event.", columns: ["#", "text"] },
  });
  async function* rows(count: number) {
    for (let i = 1; i <= count; i++) yield [String(i), `row ${i}`];
  }
  async function body(lang: "zh" | "en", count: number, bound?: number): Promise<string> {
    const parts: Uint8Array[] = [];
    const sink = async (chunk: string | Uint8Array) => {
      parts.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    };
    await writePaged(doc(lang), "docx", rows(count), sink, bound);
    const archive = await unzipper.Open.buffer(Buffer.concat(parts));
    const file = archive.files.find((f) => f.path === "word/document.xml");
    return (await file?.buffer())?.toString("utf8") ?? "";
  }
  const tableRows = (xml: string) => xml.split("<w:tr>").length - 1;

  it("lists every row up to the bound, and says nothing of one", async () => {
    const xml = await body("en", WORD_ROWS, WORD_ROWS);
    expect(tableRows(xml)).toBe(WORD_ROWS + 1);
    expect(xml).toContain(`row ${WORD_ROWS}<`);
    expect(xml).not.toContain("lists the first");
  }, 60_000);

  it("lists the first rows past it, and says how many of how many", async () => {
    const xml = await body("zh", WORD_ROWS + 5, WORD_ROWS);
    expect(tableRows(xml)).toBe(WORD_ROWS + 1);
    expect(xml).not.toContain(`row ${WORD_ROWS + 1}<`);
    expect(xml).toContain(
      `Every event. 下表共 ${WORD_ROWS + 5} 行，本 Word 文档只列出前 ${WORD_ROWS} 行`,
    );
  }, 60_000);

  it("lists every row when no bound is given (a replay's summary of its drills)", async () => {
    const xml = await body("en", WORD_ROWS + 5);
    expect(tableRows(xml)).toBe(WORD_ROWS + 6);
    expect(xml).not.toContain("lists the first");
  }, 60_000);

  it("draws the table's lines once, on the table, not on each cell", async () => {
    const xml = await body("en", 3);
    expect(xml).toContain("<w:tblBorders>");
    expect(xml).toContain("<w:insideH ");
    expect(xml).not.toContain("<w:tcBorders>");
  });
});
