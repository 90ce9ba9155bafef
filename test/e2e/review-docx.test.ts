// `drill review --format docx` opened for real: the Word file converted to PDF by LibreOffice
// headless, its pages rendered with pdftoppm and its text layer read with pdftotext. Two
// conversions only (the Chinese example, and hostile text in English): they are slow.

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lang } from "../../src/core/plan.js";
import type { Section } from "../../src/review/document.js";
import { type Review, rankedFindings } from "../../src/review/model.js";
import { reportDocument, wordsContext } from "../../src/review/report.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";
import {
  docxParts,
  docxToPdf,
  pdfColumns,
  pdfPages,
  pdfPagesToPng,
  pdfText,
  pdfWords,
  squeezed,
} from "../helpers/documents.js";

const ENV = { TZ: "Asia/Shanghai" };
let folder: ReturnType<typeof tempDir>;

/** Runs a drill from its script into a log in the folder; returns the log's name. */
async function runDrill(plan: string, script: string, name: string, start: string) {
  for (const file of [plan, script])
    copyFileSync(join(ROOT, file), join(folder.path, basename(file)));
  const result = await drill(
    ["run", basename(plan), "--script", basename(script), "--log", name, "--start-time", start],
    { cwd: folder.path, env: ENV },
  );
  expect(result.code, result.stderr).toBe(0);
  return name;
}

async function reviewOf(log: string, lang: Lang): Promise<Review> {
  const json = await drill(["review", log, "--format", "json", "--lang", lang], {
    cwd: folder.path,
    env: ENV,
  });
  expect(json.code, json.stderr).toBe(0);
  return JSON.parse(json.stdout) as Review;
}

function headings(sections: Section[]): string[] {
  return sections.flatMap((s) => [s.title, ...headings(s.sections)]);
}

interface Converted {
  docx: string;
  pdf: string;
  text: string;
  review: Review;
}

async function convert(log: string, lang: Lang, extra: string[] = []): Promise<Converted> {
  const docx = join(folder.path, `${log}.${lang}.docx`);
  const result = await drill(
    ["review", log, "--lang", lang, "--format", "docx", "-o", docx, ...extra],
    { cwd: folder.path, env: ENV },
  );
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toBe("");
  const pdf = await docxToPdf(docx);
  return { docx, pdf, text: await pdfText(pdf), review: await reviewOf(log, lang) };
}

let zh: Converted;
let hostile: Converted;
beforeAll(async () => {
  folder = tempDir("drill-docx-e2e-");
  const pooled = await runDrill(
    "examples/pooled-positive.zh.yaml",
    "examples/pooled-positive.zh.script.yaml",
    "pooled.jsonl",
    "2026-11-24T09:00:00+08:00",
  );
  const bad = await runDrill(
    "test/fixtures/review/hostile.yaml",
    "test/fixtures/review/hostile-paged.script.yaml",
    "hostile.jsonl",
    "2026-03-02T07:00:00+08:00",
  );
  [zh, hostile] = await Promise.all([
    convert(pooled, "zh", ["--organiser", "某市应急管理局"]),
    convert(bad, "en"),
  ]);
}, 240_000);
afterAll(() => folder?.remove());

describe("the Word report of the Chinese example", () => {
  it("has a sane number of pages, the first ones rendered", async () => {
    const pages = await pdfPages(zh.pdf);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(60);
    const shots = join(folder.path, "shots");
    mkdirSync(shots);
    const pngs = await pdfPagesToPng(zh.pdf, shots, 1, 3);
    expect(pngs).toHaveLength(3);
    for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(5_000);
  });

  it("has the cover, the contents and page numbers", () => {
    const first = zh.text.split("\f")[0] ?? "";
    for (const text of [
      "评估报告",
      "一例初筛混管阳性应急处置桌面推演",
      "组织单位",
      "某市应急管理局",
    ])
      expect(first).toContain(text);
    expect(squeezed(zh.text.split("\f")[1] ?? "")).toContain("目录");
    expect(zh.text).toMatch(/第 ?3 ?页/);
  });

  it("holds every heading", () => {
    const doc = reportDocument(zh.review, "zh");
    const text = squeezed(zh.text);
    for (const heading of [...headings(doc.sections), doc.appendix.title])
      expect(text, heading).toContain(squeezed(heading));
  });

  it("holds every finding's text in Chinese, in the problem list", async () => {
    const columns = (await pdfColumns(zh.pdf)).map(squeezed);
    const { w, c } = wordsContext(zh.review, "zh");
    const findings = rankedFindings(zh.review);
    expect(findings.length).toBeGreaterThan(3);
    for (const finding of findings) {
      const issue = squeezed(w.issue(finding, c));
      expect(issue).toMatch(/\p{Script=Han}/u);
      expect(
        columns.some((column) => column.includes(issue)),
        issue,
      ).toBe(true);
    }
  });

  it("uses Word headings, repeated table header rows and fonts for Chinese", async () => {
    const parts = await docxParts(zh.docx);
    const body = parts.get("word/document.xml") ?? "";
    expect(body).toContain('<w:pStyle w:val="Heading1"/>');
    expect(body).toContain('<w:pStyle w:val="Heading2"/>');
    const tables = body.split("<w:tbl>").length - 1;
    expect(tables).toBeGreaterThan(5);
    expect(body.split("<w:tblHeader/>").length - 1).toBe(tables);
    expect(parts.get("word/styles.xml")).toContain('w:eastAsia="SimSun"');
    expect(body).toMatch(/<w:instrText[^>]*>\s*TOC /);
  });

  it("draws the charts as pictures", async () => {
    const parts = await docxParts(zh.docx);
    const body = parts.get("word/document.xml") ?? "";
    // The timeline, late minutes by cause, ratings by objective.
    expect(body.split("<pic:pic").length - 1).toBe(3);
  });

  it("has no table wider than the page", async () => {
    const parts = await docxParts(zh.docx);
    const body = parts.get("word/document.xml") ?? "";
    const page = /<w:pgSz w:w="(\d+)"/.exec(body);
    const margins = /<w:pgMar w:top="\d+" w:right="(\d+)" w:bottom="\d+" w:left="(\d+)"/.exec(body);
    const text = Number(page?.[1]) - Number(margins?.[1]) - Number(margins?.[2]);
    expect(text).toBeGreaterThan(8000);
    for (const grid of body.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)) {
      const sum = [...(grid[1] ?? "").matchAll(/w:w="(\d+)"/g)].reduce(
        (s, m) => s + Number(m[1]),
        0,
      );
      expect(sum).toBeLessThanOrEqual(text);
    }
    // And as LibreOffice laid it out: no word beyond the right margin (2 cm = 56.7 pt).
    const words = await pdfWords(zh.pdf);
    expect(words.length).toBeGreaterThan(1000);
    const outside = words.filter((w) => w.xMax > w.pageWidth - 50 || w.xMin < 50);
    expect(outside).toEqual([]);
  });
});

describe("a Word report without a file", () => {
  it("is refused before the review is made: it cannot go to standard output", async () => {
    const result = await drill(["review", "pooled.jsonl", "--format", "docx"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain("a Word report cannot be written to standard output");
    expect(result.stderr).toContain("-o review.docx");
  });
});

describe("hostile participant text in the Word report", () => {
  it("is shown as it was typed", () => {
    const text = squeezed(hostile.text);
    for (const typed of [
      "<script>alert('x')</script>",
      '=HYPERLINK("http://evil.example","点我")',
      "@SUM(A1)",
      "<img src=x onerror=alert(1)>",
      '{ DATE \\@ "yyyy" }',
    ])
      expect(text).toContain(squeezed(typed));
  });

  it("becomes no field, link or markup", async () => {
    const parts = await docxParts(hostile.docx);
    const body = parts.get("word/document.xml") ?? "";
    const fields = [...body.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) =>
      (m[1] ?? "").trim(),
    );
    for (const field of fields) expect(field).toMatch(/^(TOC|PAGE(REF)?)\b/);
    expect(body).not.toContain("<w:fldSimple");
    // Links only to the document's own headings (the contents), none to the web.
    expect(parts.get("word/_rels/document.xml.rels") ?? "").not.toContain("evil.example");
    expect(body).not.toMatch(/<w:hyperlink [^>]*r:id=/);
    expect(body).not.toContain("<script");
    expect(existsSync(hostile.pdf)).toBe(true);
    expect(readFileSync(hostile.docx).subarray(0, 2).toString()).toBe("PK");
  });
});
