// The README's pictures of the Word and HTML reports: the Chinese example reviewed as docx and
// html, the docx converted by LibreOffice headless and its first pages rendered by pdftoppm,
// the html screenshotted in headless Chromium. Needs soffice, pdftoppm and /usr/bin/chromium
// (Debian: libreoffice-writer-nogui, poppler-utils, chromium, fonts-noto-cjk).
//
//   npm run build && node scripts/report-screenshots.mjs
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "examples/screenshots");
const work = mkdtempSync(join(tmpdir(), "drill-shots-"));
const drill = (...args) =>
  execFileSync(process.execPath, [join(root, "bin/drill"), ...args], { cwd: work, stdio: "pipe" });

try {
  mkdirSync(out, { recursive: true });
  const log = join(root, "examples/pooled-positive.zh.jsonl");
  drill("review", log, "-o", "review.zh.docx", "--organiser", "某区应对疫情工作领导小组");
  drill("review", log, "-o", "review.zh.html", "--organiser", "某区应对疫情工作领导小组");
  execFileSync("soffice", [
    `-env:UserInstallation=file://${join(work, "profile")}`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    work,
    join(work, "review.zh.docx"),
  ]);
  const pdf = join(work, "review.zh.pdf");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
  // The cover, the contents, the executive summary, and the page with the timeline chart.
  const gantt = text.split("\f").findIndex((page) => page.includes("预期动作时间线")) + 1;
  for (const [name, page] of [
    ["report-docx-cover", 1],
    ["report-docx-contents", 2],
    ["report-docx-summary", 3],
    ["report-docx-timeline", gantt],
  ]) {
    execFileSync("pdftoppm", [
      "-r",
      "60",
      "-png",
      "-singlefile",
      "-f",
      String(page),
      "-l",
      String(page),
      pdf,
      join(work, name),
    ]);
    copyFileSync(join(work, `${name}.png`), join(out, `${name}.png`));
  }
  const context = await chromium.launchPersistentContext(join(work, "chromium"), {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1000, height: 760 },
  });
  const page = await context.newPage();
  await page.goto(`file://${join(work, "review.zh.html")}`);
  await page.locator('figure[data-chart="gantt"]').scrollIntoViewIfNeeded();
  await page
    .locator('section:has(> figure[data-chart="gantt"])')
    .screenshot({ path: join(out, "report-html-timeline.png") });
  await page
    .locator("section.top")
    .first()
    .screenshot({ path: join(out, "report-html-summary.png") });
  await context.close();
  console.log(`wrote report-*.png in ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
