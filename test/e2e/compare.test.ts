// `drill compare` on the built CLI: two drills of the Chinese example plan (the second fixed
// the late actions and broke something new), and one on an older plan version; in the
// terminal, as markdown and as JSON; a bad log and a missing one.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "markdownlint/sync";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

const ENV = { TZ: "Asia/Shanghai" };
const RUNS = [
  [
    "old.jsonl",
    "test/fixtures/replay/pooled-positive.zh.v1.yaml",
    "examples/pooled-positive.zh.script.yaml",
    "2026-10-13T09:00:00+08:00",
  ],
  [
    "first.jsonl",
    "examples/pooled-positive.zh.yaml",
    "examples/pooled-positive.zh.script.yaml",
    "2026-11-24T09:00:00+08:00",
  ],
  [
    "second.jsonl",
    "examples/pooled-positive.zh.yaml",
    "test/fixtures/replay/pooled-positive.zh.drill2.script.yaml",
    "2026-12-08T09:00:00+08:00",
  ],
];

let folder: ReturnType<typeof tempDir>;
beforeAll(async () => {
  folder = tempDir("drill-compare-e2e-");
  for (const [log, plan, script, start] of RUNS) {
    const run = await drill(
      [
        "run",
        join(ROOT, plan ?? ""),
        "--script",
        join(ROOT, script ?? ""),
        "--log",
        log ?? "",
        "--start-time",
        start ?? "",
      ],
      { cwd: folder.path, env: ENV },
    );
    expect(run.code, run.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => folder.remove());

describe("drill compare in the terminal", () => {
  let out: Awaited<ReturnType<typeof drill>>;
  beforeAll(async () => {
    out = await drill(["compare", "first.jsonl", "second.jsonl"], { cwd: folder.path, env: ENV });
  });

  it("prints the comparison and exits 0", () => {
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe("");
    const lines = out.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "两次演练对比",
      "",
      "  前一次  first.jsonl   2026-11-24 09:00  预案 2022-09 修订",
      "  后一次  second.jsonl  2026-12-08 09:00  预案 2022-09 修订",
    ]);
    expect(out.stdout).toContain("预案版本差异\n  各次演练使用同一预案。\n");
  });

  it("heads with the change in late minutes, on-time share and both ratings", () => {
    // The second drill's three conditional actions were not needed: not applicable (23, not 26).
    expect(out.stdout.split("\n")[5]).toBe(
      "超时分钟 125 → 20（−105 分钟）；按时 17/26（65%）→ 20/23（87%）（+22 个百分点）；未完成 4 → 2；评级 O1 P → P（评估员 P → –） · O2 P → U · O3 S → P · O4 M → P（评估员 S → P） · O5 M → M",
    );
    expect(out.stdout).toMatch(/ {2}E17 调派后备流调队伍增援.*20 分钟\s+未触发（不适用）\n/);
  });

  it("sorts the findings into recurring, new and fixed", () => {
    const section = (name: string) => {
      const start = out.stdout.indexOf(`  ${name} (`);
      const rest = out.stdout.slice(out.stdout.indexOf("\n", start) + 1);
      return rest
        .split("\n")
        .filter(
          (l, i, all) => l.startsWith("    ") && all.slice(0, i).every((x) => x.startsWith("    ")),
        )
        .map((l) => l.trim().split(/\s+/)[0]);
    };
    expect(section("反复出现")).toEqual(["blocker:supplies", "own-delay:supplies"]);
    // E7, critical, left blocked: one finding, its cause.
    expect(section("新出现")).toEqual(["blocker:equipment"]);
    expect(section("已解决")).toEqual(
      expect.arrayContaining(["own-delay:tracing", "blocker:people", "missed:E26"]),
    );
  });

  it("lines up each expectation's before and after by display width", () => {
    const rows = out.stdout.split("\n").filter((l) => /^ {2}(预期动作|E\d+ )/.test(l));
    expect(rows).toHaveLength(27);
    /** Display width before each column's start (a column starts after two spaces). */
    const starts = (row: string) =>
      [...row.matchAll(/(?<= {2})\S/g)].map((m) => stringWidth(row.slice(0, m.index)));
    const header = starts(rows[0] ?? "");
    expect(header).toHaveLength(6);
    for (const row of rows.slice(1)) {
      // Expectation, group, target, before: every row starts them where the header does.
      expect(starts(row).slice(0, 4)).toEqual(header.slice(0, 4));
    }
    expect(out.stdout).toMatch(
      / {2}E2 对混管 10 人上门单采单检复核.*145 分钟（超 25）\s+80 分钟\s+超时 → 按时\n/,
    );
    expect(out.stdout).toMatch(/ {2}E7 划定封控区.*100 分钟\s+受阻\s+按时 → 受阻\n/);
  });

  it("shows the ratings and which way they went", () => {
    expect(out.stdout).toMatch(/O2 迅速划定并管住封控区、管控区、防范区\s+P\s+U\s+变差/);
    expect(out.stdout).toMatch(/O4 4 小时内形成首批密接名单.*\s+M（评估员 S）\s+P\s+好转/);
  });
});

describe("drill compare, other forms", () => {
  it("compares drills of different plan versions by ids, in English on request", async () => {
    const result = await drill(["compare", "old.jsonl", "first.jsonl", "--lang", "en"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /Where the plans differ\n {2}Change\s+Expectation\s+From\s+To\n {2}expectation added\s+E18\s+30 min\n {2}target changed\s+E5\s+180 min\s+240 min\n {2}target changed\s+E12\s+60 min\s+90 min\n/,
    );
    expect(result.stdout).toMatch(/E18 .*\s+n\/a\s+missed\n/);
  });

  it("writes markdown to a file", async () => {
    const result = await drill(
      ["compare", "first.jsonl", "second.jsonl", "--format", "md", "-o", "compare.md"],
      { cwd: folder.path, env: ENV },
    );
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(join(folder.path, "compare.md"), "utf8");
    expect(text.startsWith("# 两次演练对比\n")).toBe(true);
    expect(text).toContain("### 新出现 (1)");
    expect(text).toContain("| 2 | 2026-12-08 09:00 | second.jsonl |");
    const { md } = lint({ strings: { md: text }, config: { default: true, MD013: false } });
    expect(md).toEqual([]);
  });

  it("prints JSON with both rows and the comparison", async () => {
    const result = await drill(["compare", "first.jsonl", "second.jsonl", "--format", "json"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.format).toBe("drillbook-compare/2");
    expect(json.trend.headline).toMatchObject({ minutesLate: -105, onTimeShare: 0.22 });
    expect([json.before.file, json.after.file]).toEqual(["first.jsonl", "second.jsonl"]);
    const e5 = json.trend.expectations.find((e: { id: string }) => e.id === "E5");
    expect(
      e5.recent.map((c: { status: string; latencyMinutes: number }) => [
        c.status,
        c.latencyMinutes,
      ]),
    ).toEqual([
      ["late", 270],
      ["on-time", 190],
    ]);
  });

  it("warns when the later drill started first", async () => {
    const result = await drill(["compare", "second.jsonl", "first.jsonl", "--lang", "en"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "warning: first.jsonl started before second.jsonl; the comparison still reads second.jsonl as the earlier drill\n",
    );
  });

  it("exits 1 naming the bad line of a corrupt log, and 2 for a missing one", async () => {
    const lines = readFileSync(join(folder.path, "first.jsonl"), "utf8").split("\n");
    lines[4] = (lines[4] ?? "").replace('"seq":4', '"seq":40');
    writeFileSync(join(folder.path, "bad.jsonl"), lines.join("\n"));
    const bad = await drill(["compare", "bad.jsonl", "second.jsonl"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.jsonl:5: error: line 5 /);
    const missing = await drill(["compare", "nope.jsonl", "second.jsonl"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: no such log: nope.jsonl");
  });
});
