// `drill review --format html` opened in headless Chromium (Debian's chromium, driven by
// playwright-core): the page is screenshotted, every chart is there and drawn, nothing is
// logged as an error, Chinese is shaped (not tofu), and hostile text stays text.

import { copyFileSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";
import { launchChromium, pdfPages, pdfText } from "../helpers/documents.js";

const ENV = { TZ: "Asia/Shanghai" };
let folder: ReturnType<typeof tempDir>;
let browser: Awaited<ReturnType<typeof launchChromium>>;

async function report(plan: string, script: string, name: string, lang: string): Promise<string> {
  for (const file of [plan, script])
    copyFileSync(join(ROOT, file), join(folder.path, basename(file)));
  const log = `${name}.jsonl`;
  const run = await drill(
    [
      "run",
      basename(plan),
      "--script",
      basename(script),
      "--log",
      log,
      "--start-time",
      "2026-03-02T07:00:00+08:00",
    ],
    { cwd: folder.path, env: ENV },
  );
  expect(run.code, run.stderr).toBe(0);
  const out = join(folder.path, `${name}.html`);
  const result = await drill(["review", log, "--lang", lang, "-o", out], {
    cwd: folder.path,
    env: ENV,
  });
  expect(result.code, result.stderr).toBe(0);
  return out;
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  html: string;
}

async function open(context: BrowserContext, file: string): Promise<Opened> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`file://${file}`, { waitUntil: "load" });
  return { page, errors, requests, html: readFileSync(file, "utf8") };
}

let zh: Opened;
let hostile: Opened;
beforeAll(async () => {
  folder = tempDir("drill-html-e2e-");
  const [zhFile, hostileFile] = await Promise.all([
    report(
      "examples/pooled-positive.zh.yaml",
      "examples/pooled-positive.zh.script.yaml",
      "pooled",
      "zh",
    ),
    report(
      "test/fixtures/review/hostile.yaml",
      "test/fixtures/review/hostile-paged.script.yaml",
      "hostile",
      "zh",
    ),
  ]);
  browser = await launchChromium();
  zh = await open(browser.context, zhFile);
  hostile = await open(browser.context, hostileFile);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  folder?.remove();
});

describe("the HTML report of the Chinese example in Chromium", () => {
  it("loads with no error and fetches nothing but itself", async () => {
    await zh.page.screenshot({ path: join(folder.path, "zh.png"), fullPage: false });
    expect(zh.errors).toEqual([]);
    expect(zh.requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
    expect(zh.requests).toHaveLength(1);
    expect(await zh.page.locator("script").count()).toBe(0);
    expect(zh.html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
    );
  });

  it("draws every chart: the timeline, late minutes by cause and ratings by objective", async () => {
    const charts = zh.page.locator("figure.chart");
    expect(await charts.count()).toBe(3);
    expect(await charts.evaluateAll((fs) => fs.map((f) => f.getAttribute("data-chart")))).toEqual([
      "ratings",
      "breakdown",
      "gantt",
    ]);
    for (const chart of await charts.all()) {
      const box = await chart.locator("svg").boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(box?.height ?? 0).toBeGreaterThan(50);
    }
    // One bar per expected action of the plan.
    expect(await zh.page.locator('figure[data-chart="gantt"] rect[rx]').count()).toBe(26);
  });

  it("shapes Chinese with a real font, not tofu", async () => {
    const fonts = await zh.page.evaluate(
      `document.fonts.check("16px 'Noto Sans CJK SC'", "评估报告")`,
    );
    expect(fonts).toBe(true);
    // The cover's "评估报告" against the same size box of a character no font has (U+10FFFD).
    const glyph = zh.page.locator(".cover .kind");
    await expect.poll(() => glyph.textContent()).toBe("评估报告");
    const page = await browser.context.newPage();
    await page.setContent(
      `<p style="font-family:'Noto Sans CJK SC',serif;font-size:40px;margin:0"><span id="a">评</span><span id="b">估</span><span id="t">\u{10FFFD}</span></p>`,
    );
    const shot = (id: string) => page.locator(`#${id}`).screenshot();
    const [a, b, tofu] = [await shot("a"), await shot("b"), await shot("t")];
    expect(a.equals(tofu)).toBe(false);
    expect(a.equals(b)).toBe(false);
    // The report's cover is set in the same fonts.
    const family = await zh.page.evaluate(
      `getComputedStyle(document.querySelector(".cover .kind")).fontFamily`,
    );
    expect(family).toContain("Noto Sans CJK SC");
    await page.close();
  });

  it("prints to A4 pages: the cover and the contents on their own, page numbers below", async () => {
    const file = join(folder.path, "printed.pdf");
    await zh.page.pdf({ path: file, format: "A4" });
    const pages = await pdfPages(file);
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThan(80);
    const text = (await pdfText(file)).split("\f");
    expect(text[0]).toContain("评估报告");
    expect(text[0]).not.toContain("目录");
    expect(text[1]).toContain("目录");
    expect(text[1]).not.toContain("执行摘要（总体评价）\n《");
    expect(text[2]).toMatch(/第 ?3 ?页/);
  });
});

describe("hostile participant text in the HTML report", () => {
  it("stays text: no element, script or handler comes from it", async () => {
    expect(hostile.errors).toEqual([]);
    expect(
      await hostile.page.locator("script, img, iframe, object, embed, a[href^='http']").count(),
    ).toBe(0);
    expect(await hostile.page.locator("main b, main i, main u").count()).toBe(0);
    // The page's own script, as text: these tests are compiled without the DOM's types.
    const handlers = await hostile.page.evaluate(
      `[...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length`,
    );
    expect(handlers).toBe(0);
    const text = (await hostile.page.locator("body").textContent()) ?? "";
    for (const typed of [
      "<script>alert('x')</script>",
      "<img src=x onerror=alert(1)>",
      '=HYPERLINK("http://evil.example","点我")',
      "@SUM(A1)",
    ])
      expect(text).toContain(typed);
  });
});
