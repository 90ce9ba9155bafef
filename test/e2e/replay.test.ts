// `drill replay` on the built CLI: a folder of drills of the Chinese example plan (one on an
// older plan version, a second drill in which the late actions were fixed and something new
// went wrong) and a corrupt log. The reports, the summary's recurring / new / fixed findings,
// where the plans differ, the exit code, the JSON Lines, and re-scoring against a revised plan.

import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "markdownlint/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

const ENV = { TZ: "America/Los_Angeles" };
const ZH_PLAN = join(ROOT, "examples/pooled-positive.zh.yaml");
const OLD_PLAN = join(ROOT, "test/fixtures/replay/pooled-positive.zh.v1.yaml");
const REVISED = join(ROOT, "test/fixtures/replay/pooled-positive.zh.revised.yaml");
const SCRIPT_1 = join(ROOT, "examples/pooled-positive.zh.script.yaml");
const SCRIPT_2 = join(ROOT, "test/fixtures/replay/pooled-positive.zh.drill2.script.yaml");

const DRILLS = [
  // The oldest, on the plan's first version.
  {
    log: "logs/2026-10-13.jsonl",
    plan: OLD_PLAN,
    script: SCRIPT_1,
    start: "2026-10-13T09:00:00+08:00",
  },
  {
    log: "logs/2026-11-24.jsonl",
    plan: ZH_PLAN,
    script: SCRIPT_1,
    start: "2026-11-24T09:00:00+08:00",
  },
  // Late things fixed; a blocked critical action, a late one and an improvised one are new.
  {
    log: "logs/2026-12-08.jsonl",
    plan: ZH_PLAN,
    script: SCRIPT_2,
    start: "2026-12-08T09:00:00+08:00",
  },
];
const BROKEN = "logs/broken/2026-11-24-copy.jsonl";

let folder: ReturnType<typeof tempDir>;
beforeAll(async () => {
  folder = tempDir("drill-replay-e2e-");
  for (const d of DRILLS) {
    const run = await drill(
      ["run", d.plan, "--script", d.script, "--log", d.log, "--start-time", d.start],
      { cwd: folder.path, env: ENV },
    );
    expect(run.code, run.stderr).toBe(0);
  }
  // A copy of a good log with one line edited: its hash no longer matches from line 10.
  mkdirSync(join(folder.path, "logs/broken"));
  const lines = readFileSync(join(folder.path, DRILLS[1]?.log ?? ""), "utf8").split("\n");
  lines[9] = (lines[9] ?? "").replace('"t":', '"t": ');
  writeFileSync(join(folder.path, BROKEN), lines.join("\n"));
  copyFileSync(REVISED, join(folder.path, "revised.yaml"));
}, 60_000);
afterAll(() => folder.remove());

const read = (path: string) => readFileSync(join(folder.path, path), "utf8");

/** The finding keys listed under one of the summary's finding headings. */
function findingsUnder(summary: string, heading: string): string[] {
  const start = summary.indexOf(`### ${heading}`);
  if (start < 0) return [];
  const end = summary.indexOf("\n#", start + 1);
  const section = summary.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] ?? "");
}

describe("drill replay on a folder with a corrupt log", () => {
  let result: Awaited<ReturnType<typeof drill>>;
  let summary: string;
  beforeAll(async () => {
    result = await drill(["replay", "logs", "-o", "out"], { cwd: folder.path, env: ENV });
    summary = read("out/summary.md");
  }, 60_000);

  it("replays the rest, names the bad line, and exits 1 with the counts", () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^已复盘 3\/4 个日志，用时 [\d.]+ 秒（1 个失败）；汇总：out\/summary\.md\n$/,
    );
    expect(result.stderr).toBe(
      [
        `${BROKEN}:10: error: line 10 was changed after it was written: its hash does not match its bytes`,
        "error: 4 个日志中有 1 个未能复盘",
        "  hint: 其余演练已复盘；失败的日志列在 out/summary.md",
        "",
      ].join("\n"),
    );
  });

  it("writes every good log's reports, as `drill review` writes them, and none for the bad one", async () => {
    for (const d of DRILLS) {
      const base = d.log.replace(/^logs\//, "out/reports/").replace(/\.jsonl$/, "");
      const md = await drill(["review", d.log], { cwd: folder.path, env: ENV });
      expect(read(`${base}.md`)).toBe(md.stdout);
      const json = await drill(["review", d.log, "--format", "json"], {
        cwd: folder.path,
        env: ENV,
      });
      expect(read(`${base}.json`)).toBe(json.stdout);
    }
    expect(existsSync(join(folder.path, "out/reports/broken"))).toBe(false);
  });

  it("tells what recurs, what is new in the latest drill and what was fixed", () => {
    const recurring = findingsUnder(summary, "反复出现");
    const fresh = findingsUnder(summary, "新出现");
    const fixed = findingsUnder(summary, "已解决");
    // Still blocked for want of protective suits in every drill (E22), and supplies late.
    expect(recurring).toEqual(["blocker:supplies", "own-delay:supplies"]);
    // What the second script made go wrong: the critical E7 left blocked for want of vehicles
    // (the lockdown group's improvised workaround is that blocker's evidence, not a finding).
    expect(fresh).toEqual(["blocker:equipment"]);
    // What it fixed: the contact list on time (so the supervisors' inject never came), the
    // night re-test staffed, the report of new cases done.
    expect(fixed).toEqual(
      expect.arrayContaining([
        "own-delay:tracing",
        "missed:E18",
        "blocker:people",
        "missed:E26",
        "own-delay:testing",
      ]),
    );
    const all = [...recurring, ...fresh, ...fixed];
    expect(new Set(all).size).toBe(all.length);
    expect(summary).toMatch(/\| `blocker:equipment` \| 受阻 \| 1\/3 \| #3 \| 1 \|/);
    expect(summary).toMatch(/\| `blocker:supplies` \| 受阻 \| 3\/3 \| #1 \| 3 \|/);
    expect(summary).toContain(
      "| 最近一次与前一次对比 | 超时分钟 125 → 20（−105 分钟）；按时 17/26（65%）→ 20/23（87%）（+22 个百分点）",
    );
  });

  it("compares the older plan version by ids and says where the plans differ", () => {
    expect(summary).toContain("### 2022-06 初版 → 2022-09 修订（自第 2 次演练起，2026-11-24）");
    expect(summary).toContain("| 新增预期动作 | E18 | | 30 分钟 |");
    expect(summary).toContain("| 时限调整 | E5 | 180 分钟 | 240 分钟 |");
    expect(summary).toContain("| 时限调整 | E12 | 60 分钟 | 90 分钟 |");
    // E18 has no cell in the drill whose plan lacked it.
    // Not reached in the third drill (its inject was not needed): not applicable there.
    expect(summary).toMatch(
      /\| E18 向指挥部报告流调进展与卡点 \| 流调排查组 \| 30 分钟 \| 不适用 \| 未完成 \| 未触发（不适用） \| 0\/1 次 \| 未完成 \|/,
    );
  });

  it("lists the drills oldest first, each linked to its report, and the failed log", () => {
    const rows = summary.split("\n").filter((l) => /^\| \d \| 2026-/.test(l));
    expect(rows.map((r) => r.split(" | ").slice(1, 4).join(" | "))).toEqual([
      "2026-10-13 09:00 | [logs/2026-10-13.jsonl](reports/2026-10-13.md) | 2022-06 初版",
      "2026-11-24 09:00 | [logs/2026-11-24.jsonl](reports/2026-11-24.md) | 2022-09 修订",
      "2026-12-08 09:00 | [logs/2026-12-08.jsonl](reports/2026-12-08.md) | 2022-09 修订",
    ]);
    expect(summary).toContain(
      `| ${BROKEN} | ${BROKEN}:10 | line 10 was changed after it was written: its hash does not match its bytes`,
    );
  });

  it("is valid markdown", () => {
    const { summary: problems } = lint({
      strings: { summary },
      config: { default: true, MD013: false },
    });
    expect(problems).toEqual([]);
  });

  it("writes the same summary on one process as on several", async () => {
    const one = await drill(["replay", "logs", "-o", "out-1", "--jobs", "1"], {
      cwd: folder.path,
      env: ENV,
    });
    const three = await drill(["replay", "logs", "-o", "out-3", "--jobs", "3"], {
      cwd: folder.path,
      env: ENV,
    });
    expect([one.code, three.code]).toEqual([1, 1]);
    expect(read("out-1/summary.md")).toBe(summary);
    expect(read("out-3/summary.md")).toBe(summary);
  });
});

describe("drill replay --format json", () => {
  it("writes one JSON line per drill, oldest first, and the summary as JSON", async () => {
    const result = await drill(
      [
        "replay",
        DRILLS[2]?.log ?? "",
        DRILLS[0]?.log ?? "",
        DRILLS[1]?.log ?? "",
        "-o",
        "json",
        "--format",
        "json",
        "--lang",
        "en",
      ],
      { cwd: folder.path, env: ENV },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Replayed 3 of 3 logs in [\d.]+ s; summary: json\/summary\.md\n$/,
    );
    const rows = read("json/drills.jsonl")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.format, r.file, r.startedAt, r.plan.version])).toEqual([
      [
        "drillbook-replay-drill/2",
        "logs/2026-10-13.jsonl",
        "2026-10-13T01:00:00.000Z",
        "2022-06 初版",
      ],
      [
        "drillbook-replay-drill/2",
        "logs/2026-11-24.jsonl",
        "2026-11-24T01:00:00.000Z",
        "2022-09 修订",
      ],
      [
        "drillbook-replay-drill/2",
        "logs/2026-12-08.jsonl",
        "2026-12-08T01:00:00.000Z",
        "2022-09 修订",
      ],
    ]);
    expect(rows[2].expectations.find((e: { id: string }) => e.id === "E7")).toMatchObject({
      status: "blocked",
      critical: true,
      targetMinutes: 120,
    });
    expect(rows[2].reports).toEqual({
      md: "reports/2026-12-08.md",
      json: "reports/2026-12-08.json",
    });
    const trend = JSON.parse(read("json/summary.json"));
    expect(trend).toMatchObject({
      format: "drillbook-replay-summary/2",
      drills: 3,
      replayed: 3,
      failed: [],
    });
    const status = (key: string) =>
      trend.findings.find((f: { key: string }) => f.key === key)?.status;
    expect([
      status("blocker:equipment"),
      status("blocker:supplies"),
      status("own-delay:tracing"),
    ]).toEqual(["new", "recurring", "fixed"]);
    expect(trend.headline).toMatchObject({ minutesLate: -105, from: { position: 2 } });
    // The English summary, from --lang.
    expect(read("json/summary.md")).toContain("# Replay summary: 3 drills");
  });
});

describe("drill replay --plan (re-scored against a revised plan)", () => {
  // The revision relaxes E13's target from 3 h to 4 h, and adds E27 for command (within 1 h of
  // inject I10), which no drill had: not in the drill, never "missed".
  let rows: { file: string; rescore: { removed: string[]; added: string[] } }[];
  let summary: string;
  beforeAll(async () => {
    const result = await drill(
      [
        "replay",
        ...DRILLS.map((d) => d.log),
        "-o",
        "rescored",
        "--plan",
        "revised.yaml",
        "--format",
        "json",
      ],
      { cwd: folder.path, env: ENV },
    );
    expect(result.code, result.stderr).toBe(0);
    rows = read("rescored/drills.jsonl")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    summary = read("rescored/summary.md");
  }, 60_000);

  it("changes exactly the findings the revision should, drill by drill", () => {
    expect(rows.map((r) => [r.file, r.rescore])).toEqual([
      // E13 was 10 minutes late, supplies' only delay; E18 was not in this drill's own (older)
      // plan and E27 is in no drill: neither is added as missed.
      ["logs/2026-10-13.jsonl", { removed: ["own-delay:supplies"], added: [] }],
      ["logs/2026-11-24.jsonl", { removed: ["own-delay:supplies"], added: [] }],
      // E13 was on time in the third drill; supplies was late there with E14, which the
      // revision leaves alone.
      ["logs/2026-12-08.jsonl", { removed: [], added: [] }],
    ]);
  });

  it("writes the re-scored reports, and sums up what the revision changes", () => {
    const report = JSON.parse(read("rescored/reports/2026-11-24.json"));
    expect(report.drill.rescoredWith).toMatchObject({
      file: "revised.yaml",
      version: "2022-12 修订",
    });
    expect(summary).toContain("| 评分所用预案 | revised.yaml · 2022-12 修订 · sha256 ");
    expect(summary).toContain("按修订预案重新评分后，3 次演练中有 2 次的问题发生变化。");
    expect(summary).toContain("| `own-delay:supplies` | 2/3 | |");
    expect(report.expectations.find((e: { id: string }) => e.id === "E27")?.status).toBe(
      "not-in-drill",
    );
  });
});

describe("drill replay with a drill not played through", () => {
  // A test drill stopped two hours in, the latest of four: it is marked, and its findings are
  // neither "new" nor proof that the others were fixed.
  let summary: string;
  beforeAll(async () => {
    const run = await drill(
      [
        "run",
        ZH_PLAN,
        "--script",
        join(ROOT, "test/fixtures/replay/aborted.script.yaml"),
        "--log",
        "aborted/2026-12-15.jsonl",
        "--start-time",
        "2026-12-15T09:00:00+08:00",
      ],
      { cwd: folder.path, env: ENV },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = await drill(
      ["replay", ...DRILLS.map((d) => d.log), "aborted/2026-12-15.jsonl", "-o", "with-aborted"],
      { cwd: folder.path, env: ENV },
    );
    expect(result.code, result.stderr).toBe(0);
    summary = read("with-aborted/summary.md");
  }, 60_000);

  it("marks it and judges the findings against the latest drill played through", () => {
    expect(summary).toContain("| 最近一次演练 | aborted/2026-12-15.jsonl（未完整推演） |");
    expect(summary).toContain("| 问题对比基准 | 第3次 logs/2026-12-08.jsonl |");
    expect(findingsUnder(summary, "新出现")).toEqual(["blocker:equipment"]);
    expect(findingsUnder(summary, "反复出现")).toEqual(["blocker:supplies", "own-delay:supplies"]);
    expect(findingsUnder(summary, "仅见于未完整推演的演练")).toEqual(
      expect.arrayContaining(["own-delay:command"]),
    );
    expect(summary).toMatch(/^\| 4（未完整推演） \| 2026-12-15 09:00 \|/m);
  });
});

describe("drill replay, usage", () => {
  it("keeps its worker command out of the help", async () => {
    const help = await drill(["--help"], { cwd: folder.path });
    expect(help.stdout).toContain("replay [options] <paths...>");
    expect(help.stdout).not.toContain("__replay-worker");
  });

  it("exits 2 when it finds no logs", async () => {
    mkdirSync(join(folder.path, "empty"), { recursive: true });
    const result = await drill(["replay", "empty", "-o", "nothing"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: no drill logs (*.jsonl) found");
  });

  it("draws no progress bar when standard error is not a terminal", async () => {
    const result = await drill(["replay", DRILLS[0]?.log ?? "", "-o", "quiet"], {
      cwd: folder.path,
      env: ENV,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });
});
