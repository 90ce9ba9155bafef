import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/load.js";
import { reviewMessages } from "../../src/review/messages.js";
import type { Review } from "../../src/review/model.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

const EXAMPLE = join(ROOT, "examples/pooled-positive.zh.yaml");
const LOG = join(ROOT, "examples/pooled-positive.zh.jsonl");

describe("drill export", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir("drill-export-");
  });
  afterEach(() => dir.remove());

  it.each(["xlsx", "csv"])("a plan → MSEL .%s → import gives the same plan", async (ext) => {
    const msel = join(dir.path, `plan.${ext}`);
    const exported = await drill(["export", EXAMPLE, "--msel", msel]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(
      `wrote ${msel}: 12 inject(s), 26 expected action(s), 6 group(s)\n`,
    );
    // Nothing from the libraries underneath (a deprecation warning) reaches the user.
    expect(exported.stderr).toBe("");
    const back = join(dir.path, "back.yaml");
    const imported = await drill(["import", msel, "-o", back]);
    expect(imported.code).toBe(0);
    const original = parsePlan(readFileSync(EXAMPLE, "utf8"), EXAMPLE).plan;
    expect(parsePlan(readFileSync(back, "utf8"), back).plan).toEqual(original);
  });

  it("writes CSV as UTF-8 with a byte-order mark", async () => {
    const msel = join(dir.path, "plan.csv");
    expect((await drill(["export", EXAMPLE, "--msel", msel])).code).toBe(0);
    const bytes = readFileSync(msel);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("初筛混管阳性报告");
  });

  it("exports a drill's decisions and results as a workbook", async () => {
    const out = join(dir.path, "decisions.xlsx");
    const result = await drill(["export", LOG, "--decisions", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote .*decisions\.xlsx \(\d+ decision\(s\) and note\(s\), and the results\)\n$/,
    );
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(result.stderr).toBe("");
  });

  it("exports decisions as CSV with the results beside it", async () => {
    const out = join(dir.path, "decisions.csv");
    const result = await drill(["export", LOG, "--decisions", out]);
    expect(result.code).toBe(0);
    const results = join(dir.path, "decisions.results.csv");
    expect(existsSync(results)).toBe(true);
    const entries = readFileSync(out, "utf8");
    expect(entries.startsWith("\uFEFF序号,情景时间,实际时间,类型,工作组")).toBe(true);
    expect(entries).toContain("受阻");
    expect(readFileSync(results, "utf8")).toContain("预期行动编号,情景注入,工作组,预期行动");
  });

  it("gives each expectation the outcome `drill review` gives it", async () => {
    const out = join(dir.path, "decisions.csv");
    expect((await drill(["export", LOG, "--decisions", out])).code).toBe(0);
    const reviewed = await drill(["review", LOG, "--format", "json"]);
    expect(reviewed.code).toBe(0);
    const review = JSON.parse(reviewed.stdout) as Review;
    const rows = parseCsv(readFileSync(join(dir.path, "decisions.results.csv")), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const words = reviewMessages.zh.outcome;
    expect(rows.map((r) => [r.预期行动编号, r.状态])).toEqual(
      review.expectations.map((e) => [e.id, words[e.status]]),
    );
    // The example is not all on time, so the comparison says something.
    expect(new Set(rows.map((r) => r.状态)).size).toBeGreaterThan(1);
  });

  it("needs one of --msel and --decisions, and an .xlsx or .csv name", async () => {
    const none = await drill(["export", EXAMPLE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("say what to export");
    const odd = await drill(["export", EXAMPLE, "--msel", join(dir.path, "plan.ods")]);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain("cannot tell the format");
  });
});
