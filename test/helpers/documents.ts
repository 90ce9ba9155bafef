// Opening reports for real in end-to-end tests: a Word file converted by LibreOffice headless
// and read back with poppler (pdftotext, pdftoppm), a web page in headless Chromium. Each
// conversion gets its own LibreOffice profile, so tests running side by side never share one.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import unzipper from "unzipper";
import { CHROMIUM } from "./chromium.js";
import { runProcess } from "./cli.js";

/** Converts `docx` to a PDF beside it; returns the PDF's path. */
export async function docxToPdf(docx: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), "drill-soffice-"));
  try {
    const result = await runProcess(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        dirname(docx),
        docx,
      ],
      { env: { PATH: process.env.PATH ?? "", HOME: profile } },
    );
    if (result.code !== 0) throw new Error(`soffice failed: ${result.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(dirname(docx), basename(docx).replace(/\.docx$/, ".pdf"));
}

async function tool(file: string, args: string[]): Promise<string> {
  const result = await runProcess(file, args);
  if (result.code !== 0) throw new Error(`${file} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

export async function pdfPages(pdf: string): Promise<number> {
  const info = await tool("pdfinfo", [pdf]);
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

export const pdfText = (pdf: string) => tool("pdftotext", ["-enc", "UTF-8", pdf, "-"]);

export interface PdfWord {
  page: number;
  pageWidth: number;
  xMin: number;
  xMax: number;
  text: string;
}

/** Every word of the text layer with its box (pdftotext -bbox). */
export async function pdfWords(pdf: string): Promise<PdfWord[]> {
  const xhtml = await tool("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"]);
  const words: PdfWord[] = [];
  let page = 0;
  let pageWidth = 0;
  for (const match of xhtml.matchAll(
    /<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
  )) {
    if (match[1] !== undefined) {
      page += 1;
      pageWidth = Number(match[1]);
    } else
      words.push({
        page,
        pageWidth,
        xMin: Number(match[2]),
        xMax: Number(match[3]),
        text: match[4] ?? "",
      });
  }
  return words;
}

/**
 * The text layer read column by column: on each page, the lines that start at the same x
 * (a table column, or the text block) joined top to bottom. A table cell's text wraps over
 * several lines, which pdftotext's reading order interleaves with the cells beside it.
 */
export async function pdfColumns(pdf: string): Promise<string[]> {
  const xhtml = await tool("pdftotext", ["-bbox-layout", "-enc", "UTF-8", pdf, "-"]);
  const columns: string[] = [];
  for (const page of xhtml.split("<page ").slice(1)) {
    const lines = [
      ...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)<\/line>/gs),
    ].map((m) => ({
      x: Math.round(Number(m[1]) / 3),
      y: Number(m[2]),
      text: [...(m[3] ?? "").matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(""),
    }));
    const byX = new Map<number, { y: number; text: string }[]>();
    for (const line of lines) byX.set(line.x, [...(byX.get(line.x) ?? []), line]);
    for (const column of byX.values())
      columns.push(
        column
          .sort((a, b) => a.y - b.y)
          .map((l) => l.text)
          .join(""),
      );
  }
  return columns;
}

/** Renders pages `first`..`last` to PNG files in `folder`; returns their paths. */
export async function pdfPagesToPng(
  pdf: string,
  folder: string,
  first: number,
  last: number,
  dpi = 50,
): Promise<string[]> {
  const prefix = join(folder, "page");
  await tool("pdftoppm", [
    "-r",
    String(dpi),
    "-png",
    "-f",
    String(first),
    "-l",
    String(last),
    pdf,
    prefix,
  ]);
  return readdirSync(folder)
    .filter((f) => f.startsWith("page") && f.endsWith(".png"))
    .sort()
    .map((f) => join(folder, f));
}

/** The parts of a Word file, by name (word/document.xml…). */
export async function docxParts(docx: string): Promise<Map<string, string>> {
  const archive = await unzipper.Open.buffer(readFileSync(docx));
  const parts = new Map<string, string>();
  for (const entry of archive.files)
    if (entry.path.endsWith(".xml") || entry.path.endsWith(".rels"))
      parts.set(entry.path, (await entry.buffer()).toString("utf8"));
  return parts;
}

/** Text normalised for comparing with a PDF's text layer: no white space at all. */
export const squeezed = (text: string) => text.replace(/\s+/g, "");

/** Debian's Chromium, headless, with its own profile; nothing reaches the network. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), "drill-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    headless: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
