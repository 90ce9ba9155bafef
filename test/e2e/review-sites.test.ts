// A plan with sites: validate checks the groups named at each site; a drill of it is
// reviewed by site (the numbers of the Chinese example's script, split over two venues).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

const PLAN = join(ROOT, "test/fixtures/sites/pooled-positive.sites.zh.yaml");
const SCRIPT = join(ROOT, "examples/pooled-positive.zh.script.yaml");
const dir = tempDir("drill-sites-");
afterAll(() => dir.remove());

describe("sites", () => {
  it("the review breaks down by site: who was late where, and hand-offs between sites", async () => {
    const log = join(dir.path, "sites.jsonl");
    const run = await drill([
      "run",
      PLAN,
      "--script",
      SCRIPT,
      "--log",
      log,
      "--start-time",
      "2026-11-24T09:00:00+08:00",
    ]);
    expect(run.code).toBe(0);
    const review = await drill(["review", log]);
    expect(review.code).toBe(0);
    const section = review.stdout.slice(review.stdout.indexOf("## 分会场情况"));
    expect(section).toContain(
      "| 主会场 | 指挥调度组、核酸检测组、保供保障组 | 15 | 10 | 3 | 1 | 1 小时 5 分钟 |",
    );
    expect(section).toContain(
      "| 东区分会场 | 封控管控组、流调排查组、转运隔离组 | 11 | 7 | 2 | 2 | 1 小时 |",
    );
    expect(section).toContain("- 东区分会场：E5（流调排查组）超时 30 分钟");
    expect(section).toContain("- E22（保供保障组，主会场）等待东区分会场的 E21 共 3 小时");
    const json = await drill(["review", log, "--format", "json"]);
    const parsed = JSON.parse(json.stdout) as {
      bySite?: { sites: { id: string; minutesLate: number }[] };
    };
    expect(parsed.bySite?.sites.map((s) => [s.id, s.minutesLate])).toEqual([
      ["main", 65],
      ["east", 60],
    ]);
  });

  it("a site naming a group the plan lacks is an error with its place", async () => {
    const plan = join(dir.path, "bad-site.yaml");
    writeFileSync(
      plan,
      readFileSync(PLAN, "utf8").replace(
        "groups: [command, testing, supplies]",
        "groups: [command, testin]",
      ),
    );
    const result = await drill(["validate", plan]);
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/unknown group "testin" in `groups`/);
  });
});
