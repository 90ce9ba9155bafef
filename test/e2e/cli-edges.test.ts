// What a newcomer meets at the edges of every command: output piped into `head`, the command
// the hints print, a drill resumed from the wrong log or without its plan, the language
// of a scripted run's summary.
import { spawn } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, drill, ROOT, runProcess, tempDir } from "../helpers/cli.js";

const ZH = "examples/pooled-positive.zh.yaml";
const ZH_SCRIPT = "examples/pooled-positive.zh.script.yaml";
const ZH_LOG = "examples/pooled-positive.zh.jsonl";
const EN_LOG = "examples/pooled-positive.en.jsonl";
const FLOOD = "examples/river-flood.en.yaml";
const START = "2026-11-24T09:00:00+08:00";

const dir = tempDir("drill-edges-");
afterAll(() => dir.remove());

/** Runs the CLI with its standard output closed before it writes: as `| head` that has quit. */
function closedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("a closed pipe", () => {
  const commands = [
    ["compare", ZH_LOG, EN_LOG, "--format", "json"],
    ["compare", ZH_LOG, EN_LOG],
    ["log", ZH_LOG],
    ["log", ZH_LOG, "--json"],
    ["review", ZH_LOG],
    ["review", ZH_LOG, "--format", "json"],
    ["verify", ZH_LOG],
    ["validate", ZH, "--json"],
    ["schema"],
    ["completion", "bash"],
    ["--help"],
    [],
  ];
  for (const args of commands) {
    it(`ends \`drill ${args.join(" ")}\` quietly`, async () => {
      const result = await closedPipe(args);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    });
  }

  it("ends a scripted run quietly, its log complete", async () => {
    const log = join(dir.path, "piped.jsonl");
    const result = await closedPipe([
      "run",
      ZH,
      "--script",
      ZH_SCRIPT,
      "--log",
      log,
      "--start-time",
      START,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((await drill(["verify", log])).code).toBe(0);
  });
});

describe("the commands that hints print", () => {
  it("are the command as it was invoked: a path from a clone, `drill` from the PATH", async () => {
    const byPath = await drill([
      "run",
      ZH,
      "--script",
      ZH_SCRIPT,
      "--log",
      join(dir.path, "a.jsonl"),
    ]);
    expect(byPath.stdout).toContain(
      `生成复盘报告：./bin/drill review ${join(dir.path, "a.jsonl")}`,
    );

    const bin = join(dir.path, "bin");
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, "drill"));
    const env = { PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1" };
    const onPath = await runProcess(
      "bash",
      ["-c", `drill run ${ZH} --script ${ZH_SCRIPT} --log ${join(dir.path, "b.jsonl")}`],
      { env },
    );
    expect(onPath.stdout).toContain(`生成复盘报告：drill review ${join(dir.path, "b.jsonl")}`);
    const usage = await runProcess("bash", ["-c", "drill valdate"], { env });
    expect(usage.stderr).toContain("Run `drill --help` for the commands and flags.");
  });
});

describe("resuming", () => {
  const log = join(dir.path, "cut.jsonl");

  it("runs from the plan in the log, without the plan argument", async () => {
    // A drill cut short: the first 20 lines of a scripted run.
    const full = join(dir.path, "full.jsonl");
    await drill(["run", ZH, "--script", ZH_SCRIPT, "--log", full, "--start-time", START]);
    writeFileSync(log, `${readFileSync(full, "utf8").split("\n").slice(0, 20).join("\n")}\n`);
    const result = await drill(["run", "--script", ZH_SCRIPT, "--resume", log]);
    // The cut log has no seal: the resume says so, once, and carries on.
    expect(result.stderr).toMatch(
      /^[^\n]*cut\.jsonl:20: warning: the log does not end with a seal/,
    );
    expect(result.stderr.match(/warning:/g)).toHaveLength(1);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^推演已恢复并完成：《一例初筛混管阳性应急处置桌面推演》。/);
  });

  it("says when the log belongs to another plan", async () => {
    const other = join(dir.path, "other.jsonl");
    copyFileSync(join(ROOT, ZH_LOG), other);
    chmodSync(other, 0o644);
    const result = await drill(["run", FLOOD, "--script", ZH_SCRIPT, "--resume", other]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: this log is a drill of another plan");
    expect(result.stderr).toContain("not of examples/river-flood.en.yaml");
    expect(result.stderr).toContain(`leave the plan out: \`./bin/drill run --resume ${other}\``);
    expect(result.stderr).not.toContain("the plan file has changed");
  });

  it("needs a plan or a log to resume", async () => {
    const result = await drill(["run"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: which plan? `drill run` needs a plan file");
  });
});

describe("a scripted run's summary", () => {
  it("speaks the plan's language, or --lang, and counts one as one", async () => {
    const zh = await drill(["run", ZH, "--script", ZH_SCRIPT, "--log", join(dir.path, "zh.jsonl")]);
    expect(zh.stdout).toMatch(
      /^推演完成：《一例初筛混管阳性应急处置桌面推演》。下发情景 \d+ 条，跳过 \d+ 条，决策 \d+ 条，观察 \d+ 条。\n日志：/,
    );
    const en = await drill([
      "run",
      ZH,
      "--script",
      ZH_SCRIPT,
      "--log",
      join(dir.path, "en.jsonl"),
      "--lang",
      "en",
    ]);
    expect(en.stdout).toMatch(
      /^Finished the drill "一例初筛混管阳性应急处置桌面推演": \d+ injects delivered/,
    );
  });
});
