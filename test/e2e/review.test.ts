// `drill review` on the built CLI: the example decision scripts and the review fixtures run
// with a fixed start time, and their reports (md and json) compared with the expected
// outputs under test/golden/review/ (regenerate with `npx vitest run test/e2e/review -u`
// after a deliberate change, and read the diff). A missing golden fails, in CI or not: to add
// one, create it empty first, then regenerate.

import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { lint } from "markdownlint/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

/**
 * Reports show wall-clock dates in the zone the drill was run in (recorded in the log), not
 * the reviewer's: a machine far from it must still produce the goldens.
 */
const ENV = { TZ: "America/Los_Angeles" };

interface Case {
  name: string;
  plan: string;
  script: string;
  start: string;
  review?: string[];
  extra?: string[];
}

const CASES: Case[] = [
  {
    name: "pooled-positive.zh",
    plan: "examples/pooled-positive.zh.yaml",
    script: "examples/pooled-positive.zh.script.yaml",
    start: "2026-11-24T09:00:00+08:00",
  },
  {
    name: "pooled-positive.en",
    plan: "examples/pooled-positive.en.yaml",
    script: "examples/pooled-positive.en.script.yaml",
    start: "2026-11-24T09:00:00+08:00",
  },
  {
    name: "river-flood.en",
    plan: "examples/river-flood.en.yaml",
    script: "examples/river-flood.en.script.yaml",
    start: "2026-11-24T09:00:00+08:00",
  },
  {
    name: "relay",
    plan: "test/fixtures/review/relay.yaml",
    script: "test/fixtures/review/relay.script.yaml",
    start: "2026-03-02T07:00:00+08:00",
  },
  {
    name: "relay.rescored",
    plan: "test/fixtures/review/relay.yaml",
    script: "test/fixtures/review/relay.script.yaml",
    start: "2026-03-02T07:00:00+08:00",
    review: ["--plan", "relay.v2.yaml"],
    extra: ["test/fixtures/review/relay.v2.yaml"],
  },
  {
    name: "hostile",
    plan: "test/fixtures/review/hostile.yaml",
    script: "test/fixtures/review/hostile.script.yaml",
    start: "2026-03-02T07:00:00+08:00",
  },
  {
    name: "outbreak",
    plan: "test/fixtures/review/outbreak.yaml",
    script: "test/fixtures/review/outbreak.script.yaml",
    start: "2026-03-02T20:00:00+08:00",
  },
  {
    name: "outbreak.en",
    plan: "test/fixtures/review/outbreak.yaml",
    script: "test/fixtures/review/outbreak.script.yaml",
    start: "2026-03-02T20:00:00+08:00",
    review: ["--lang", "en"],
  },
];

/** Compares with a golden file that must already exist (toMatchFileSnapshot would write it). */
async function matchesGolden(text: string, name: string): Promise<void> {
  const file = join(ROOT, "test/golden/review", name);
  expect(existsSync(file), `missing golden ${file}: create it empty, then run with -u`).toBe(true);
  await expect(text).toMatchFileSnapshot(file);
}

/** The tool's version is the only thing that changes from one build to the next. */
function normalise(text: string): string {
  return text.replace(/drillbook \d+\.\d+\.\d+[^\s"|]*/g, "drillbook <version>");
}

let folder: ReturnType<typeof tempDir>;
beforeAll(() => {
  folder = tempDir("drill-review-e2e-");
});
afterAll(() => folder.remove());

describe.each(CASES)("the report of $name", (c) => {
  let log: string;
  beforeAll(async () => {
    for (const file of [c.plan, c.script, ...(c.extra ?? [])]) {
      copyFileSync(join(ROOT, file), join(folder.path, basename(file)));
    }
    log = `${c.name}.jsonl`;
    const result = await drill(
      [
        "run",
        basename(c.plan),
        "--script",
        basename(c.script),
        "--log",
        log,
        "--start-time",
        c.start,
      ],
      { cwd: folder.path, env: ENV },
    );
    expect(result.code, result.stderr).toBe(0);
  });

  it("is the expected markdown, and passes markdownlint", async () => {
    const result = await drill(["review", log, ...(c.review ?? [])], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code, result.stderr).toBe(0);
    await matchesGolden(normalise(result.stdout), `${c.name}.md`);
    const { report } = lint({
      strings: { report: result.stdout },
      // Line length (MD013) means nothing for generated tables and CJK text.
      config: { default: true, MD013: false },
    });
    expect(report).toEqual([]);
  });

  it("is the expected JSON", async () => {
    const result = await drill(["review", log, "--format", "json", ...(c.review ?? [])], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code, result.stderr).toBe(0);
    await matchesGolden(normalise(result.stdout), `${c.name}.json`);
  });
});

describe("drill review", () => {
  it("writes --out in the language asked for", async () => {
    const result = await drill(["review", "relay.jsonl", "--lang", "zh", "-o", "relay.zh.md"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const text = readFileSync(join(folder.path, "relay.zh.md"), "utf8");
    expect(text.split("\n")[0]).toBe("# 复盘报告：Water main burst — relay test drill");
    expect(text).toContain("目标评级：O1 M（评估员 P） · O2 U · O3 - · O4 M。");
  });

  it("exits 1 on a corrupt log, naming the line", async () => {
    const lines = readFileSync(join(folder.path, "relay.jsonl"), "utf8").split("\n");
    lines[3] = "{ not json";
    writeFileSync(join(folder.path, "broken.jsonl"), lines.join("\n"));
    const result = await drill(["review", "broken.jsonl"], { cwd: folder.path, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^broken\.jsonl:4: error: line 4 is not valid JSON/);
  });

  it("exits 2 on a missing log", async () => {
    const result = await drill(["review", "missing.jsonl"], { cwd: folder.path, env: ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such log: missing\.jsonl/);
  });
});
