// The synthetic log generator (scripts/gen-logs.ts) and `drill replay` on what it writes:
// the same seed gives the same bytes, every log checks out, and a plan revised half-way
// through the series shows up in the summary as the revision the generator made.

import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLogs } from "../../scripts/gen-logs.js";
import { drill, tempDir } from "../helpers/cli.js";

let folder: ReturnType<typeof tempDir>;
beforeAll(() => {
  folder = tempDir("drill-gen-logs-");
});
afterAll(() => folder.remove());

const options = (out: string, seed: number) => ({
  count: 8,
  events: 300,
  out: join(folder.path, out),
  seed,
  plan: "examples/pooled-positive.zh.yaml",
  start: "2026-01-05T09:00:00+08:00",
  everyDays: 7,
  revisions: 1,
});

const files = (dir: string) =>
  readdirSync(join(folder.path, dir))
    .sort()
    .map((f) => readFileSync(join(folder.path, dir, f), "utf8"));

describe("gen-logs", () => {
  it("writes the same logs for the same seed, and others for another", async () => {
    await generateLogs(options("a", 7));
    await generateLogs(options("b", 7));
    await generateLogs(options("c", 8));
    expect(files("a")).toHaveLength(8);
    expect(files("b")).toEqual(files("a"));
    expect(files("c")).not.toEqual(files("a"));
    // About the events asked for: header, events, and nothing else.
    for (const text of files("a")) {
      const lines = text.trimEnd().split("\n").length;
      expect(lines).toBeGreaterThan(250);
      expect(lines).toBeLessThan(330);
    }
  }, 60_000);

  it("gives logs that replay cleanly, with the plan revision half-way", async () => {
    const result = await drill(["replay", "a", "-o", "out", "--format", "json"], {
      cwd: folder.path,
      env: { TZ: "UTC" },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^已复盘 8\/8 个日志/);
    const rows = readFileSync(join(folder.path, "out/drills.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => r.file)).toEqual(
      Array.from({ length: 8 }, (_, i) => join("a", `drill-${i + 1}.jsonl`)),
    );
    expect(rows.map((r) => r.plan.version)).toEqual([
      ...Array(4).fill("2022-09 修订"),
      ...Array(4).fill("2022-09 修订（第 2 版）"),
    ]);
    // Late and missed actions, blockers, improvised actions: what a review has to find.
    const kinds = new Set(rows.flatMap((r) => r.findings.map((f: { kind: string }) => f.kind)));
    for (const kind of ["own-delay", "blocker", "improvised", "expectation-missed"])
      expect(kinds).toContain(kind);
    const summary = readFileSync(join(folder.path, "out/summary.md"), "utf8");
    // The revision relaxes the weak group's (tracing) tightest target and adds an action.
    expect(summary).toContain(
      "### 2022-09 修订 → 2022-09 修订（第 2 版）（自第 5 次演练起，2026-02-02）",
    );
    expect(summary).toContain("| 新增预期动作 | E27 | | 120 分钟 |");
    expect(summary).toContain("| 时限调整 | E18 | 30 分钟 | 45 分钟 |");
  }, 60_000);
});

// A replay renders each report's decision log as it reads the log, kept as bytes and, past
// 1 MiB of rows, in a temporary file of its own: the report must be what `drill review`
// writes, and the temporary file must be gone afterwards.
describe("drill replay of a log whose decision log outgrows memory", () => {
  it("writes the report `drill review` writes and leaves no temporary file", async () => {
    await generateLogs({ ...options("big", 11), count: 1, events: 14000, revisions: 0 });
    const log = join("big", "drill-1.jsonl");
    const scratch = join(folder.path, "tmp");
    mkdirSync(scratch);
    const env = { TZ: "UTC", TMPDIR: scratch };
    const replayed = await drill(["replay", "big", "-o", "big-out", "-j", "1"], {
      cwd: folder.path,
      env,
    });
    expect(replayed.code, replayed.stderr).toBe(0);
    const reviewed = await drill(["review", log], { cwd: folder.path, env });
    expect(reviewed.code, reviewed.stderr).toBe(0);
    const report = readFileSync(join(folder.path, "big-out", "reports", "drill-1.md"), "utf8");
    // Over 1 MiB of rows: the spill to disk was taken.
    expect(Buffer.byteLength(report)).toBeGreaterThan(1 << 20);
    expect(report).toBe(reviewed.stdout);
    expect(readdirSync(scratch)).toEqual([]);
  }, 120_000);
});
