// `drill replay --format docx|html`: the summary as a Word file and a web page, with one
// trend chart per critical action, beside the markdown summary.

import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";
import { docxParts, launchChromium } from "../helpers/documents.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const SCRIPTS = [
  ["examples/pooled-positive.zh.script.yaml", "2026-11-10T09:00:00+08:00"],
  ["test/fixtures/replay/pooled-positive.zh.drill2.script.yaml", "2026-11-24T09:00:00+08:00"],
] as const;

let folder: ReturnType<typeof tempDir>;
beforeAll(async () => {
  folder = tempDir("drill-replay-paged-");
  mkdirSync(join(folder.path, "logs"));
  copyFileSync(join(ROOT, PLAN), join(folder.path, basename(PLAN)));
  for (const [i, [script, start]] of SCRIPTS.entries()) {
    copyFileSync(join(ROOT, script), join(folder.path, basename(script)));
    const run = await drill(
      [
        "run",
        basename(PLAN),
        "--script",
        basename(script),
        "--log",
        `logs/${i}.jsonl`,
        "--start-time",
        start,
      ],
      { cwd: folder.path },
    );
    expect(run.code, run.stderr).toBe(0);
  }
});
afterAll(() => folder?.remove());

describe("the replay summary", () => {
  it("as a Word file: headings, repeated header rows and a picture per trend chart", async () => {
    const result = await drill(["replay", "logs", "-o", "out", "--format", "docx", "-q"], {
      cwd: folder.path,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("summary.docx");
    expect(existsSync(join(folder.path, "out/summary.md"))).toBe(true);
    const body =
      (await docxParts(join(folder.path, "out/summary.docx"))).get("word/document.xml") ?? "";
    expect(body).toContain("关键动作用时趋势");
    expect(body).toContain('<w:pStyle w:val="Heading1"/>');
    const tables = body.split("<w:tbl>").length - 1;
    expect(body.split("<w:tblHeader/>").length - 1).toBe(tables);
    // The example plan's critical actions, up to six.
    expect(body.split("<pic:pic").length - 1).toBe(6);
  });

  it("as a web page: every trend chart drawn, no error", async () => {
    const result = await drill(
      ["replay", "logs", "-o", "out", "--format", "html", "-q", "--force"],
      {
        cwd: folder.path,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto(`file://${join(folder.path, "out/summary.html")}`);
      const charts = page.locator('figure[data-chart="trend"] svg');
      expect(await charts.count()).toBe(6);
      for (const chart of await charts.all())
        expect((await chart.boundingBox())?.height).toBeGreaterThan(100);
      // Two drills: two points a chart.
      expect(await page.locator('figure[data-chart="trend"] circle').count()).toBe(12);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
