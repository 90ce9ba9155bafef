import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type IPty, spawn as spawnPty } from "node-pty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, type CliResult, ROOT, runProcess, tempDir } from "../helpers/cli.js";

// The single executable, built here from the sources (scripts/package-sea.mjs, about 5 s),
// does what bin/drill does: the same output for the same command on the examples.
// It is built into a temporary folder, not dist/, so other tests' dist/ is left alone.

const PLAN = "examples/pooled-positive.zh.yaml";
const SCRIPT = "examples/pooled-positive.zh.script.yaml";
const TITLE = "一例初筛混管阳性应急处置桌面推演";
const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;

const work = tempDir("drill-sea-");
const exe = join(work.path, "sea", process.platform === "win32" ? "drill.exe" : "drill");

/** Runs a command to completion; no TTY, no colour, English. */
function run(command: string[], args: string[]): Promise<CliResult> {
  const [file = "", ...prefix] = command;
  return runProcess(file, [...prefix, ...args], {
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", LANG: "C" },
  });
}
const sea = (...args: string[]) => run([exe], args);
const bin = (...args: string[]) => run([process.execPath, BIN], args);

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/main.cjs")))
    throw new Error("dist/ is missing: run `npm run build` first");
  const build = await run(
    [process.execPath, "scripts/package-sea.mjs"],
    ["--out-dir", join(work.path, "sea")],
  );
  if (build.code !== 0) throw new Error(`package-sea failed:\n${build.stdout}\n${build.stderr}`);
}, 180_000);
afterAll(() => work.remove());

describe("the single executable", () => {
  it("prints its version and help with no experimental warning", async () => {
    expect(await sea("--version")).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
    const help = await sea("--help");
    expect(help).toMatchObject({ code: 0, stderr: "", stdout: (await bin("--help")).stdout });
    expect(help.stdout).toContain("Usage: drill [options] [command]");
  });

  it("introduces itself when run with no arguments", async () => {
    const intro = await sea();
    expect(intro).toMatchObject({ code: 0, stderr: "" });
    // Its commands spelled as it was started: the executable's own path.
    expect(intro.stdout).toContain(`\n  ${exe} demo\n`);
  });

  it("validates the Chinese example as bin/drill does", async () => {
    const result = await sea("validate", PLAN);
    expect(result).toEqual(await bin("validate", PLAN));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(PLAN);
  });

  it("reports bad input and usage errors with bin/drill's exit codes", async () => {
    const missing = await sea("validate", "no-such-plan.yaml");
    expect(missing).toEqual(await bin("validate", "no-such-plan.yaml"));
    expect(missing.code).not.toBe(0);
    const typo = await sea("reveiw");
    expect(typo).toMatchObject({ code: 2, stdout: "" });
    expect(typo.stderr).toContain("(Did you mean review?)");
  });

  it("runs the example from its script, then reviews the log as bin/drill does", async () => {
    const log = join(work.path, "a.jsonl");
    const started = "2022-09-03T20:00:00+08:00";
    const drill = await sea("run", PLAN, "--script", SCRIPT, "--log", log, "--start-time", started);
    expect(drill.stderr).toBe("");
    expect(drill.code).toBe(0);
    expect(drill.stdout).toContain(TITLE);
    const events = readFileSync(log, "utf8").trimEnd().split("\n");
    expect(events.length).toBeGreaterThan(10);
    for (const line of events) expect(() => JSON.parse(line)).not.toThrow();

    const review = await sea("review", log);
    expect(review.stderr).toBe("");
    expect(review.code).toBe(0);
    expect(review.stdout).toContain(TITLE);
    expect(review).toEqual(await bin("review", log));
  });

  it("replays logs with worker processes of itself", async () => {
    const logs = join(work.path, "logs");
    mkdirSync(logs, { recursive: true });
    const first = join(work.path, "b.jsonl");
    const made = await sea("run", PLAN, "--script", SCRIPT, "--log", first);
    expect(made.code).toBe(0);
    for (const name of ["one", "two", "three"]) copyFileSync(first, join(logs, `${name}.jsonl`));
    const out = join(work.path, "replay");
    const replay = await sea("replay", logs, "--out", out, "--jobs", "2", "--quiet");
    expect(replay.stderr).toBe("");
    expect(replay.code).toBe(0);
    expect(readdirSync(join(out, "reports")).sort()).toEqual([
      "one.json",
      "one.md",
      "three.json",
      "three.md",
      "two.json",
      "two.md",
    ]);
    expect(readdirSync(out)).toContain("summary.md");
  });

  it("writes the HTML report as bin/drill does, and says what a Word report lacks in it", async () => {
    const log = join(work.path, "paged.jsonl");
    expect((await sea("run", PLAN, "--script", SCRIPT, "--log", log)).code).toBe(0);
    const html = join(work.path, "review.html");
    const written = await sea("review", log, "-o", html);
    expect(written).toMatchObject({ code: 0, stderr: "" });
    const fromBin = join(work.path, "review.bin.html");
    expect((await bin("review", log, "-o", fromBin)).code).toBe(0);
    expect(readFileSync(html, "utf8")).toBe(readFileSync(fromBin, "utf8"));
    expect(readFileSync(html, "utf8")).toContain("<svg");
    // The chart rasteriser is a native module, which a single executable cannot carry.
    const docx = join(work.path, "review.docx");
    const refused = await sea("review", log, "-o", docx);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("@resvg/resvg-js is not available in this build of drill");
    expect(refused.stderr).toContain("hint: write --format html");
    expect(existsSync(docx)).toBe(false);
  });

  it("writes and reads spreadsheets", async () => {
    const msel = join(work.path, "msel.xlsx");
    const exported = await sea("export", PLAN, "--msel", msel);
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect(existsSync(msel)).toBe(true);
    const dryRun = await sea("import", msel, "--dry-run");
    expect(dryRun.code).toBe(0);
    expect(dryRun).toEqual(await bin("import", msel, "--dry-run"));
  });

  it("runs the live console in a terminal; Ctrl-C leaves with exit 130 and the log kept", async () => {
    const log = join(work.path, "live.jsonl");
    const term: IPty = spawnPty(exe, ["run", PLAN, "--log", log], {
      cols: 120,
      rows: 40,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", TERM: "xterm-256color" },
    });
    let screen = "";
    let interrupts = 0;
    const exited = new Promise<{ exitCode: number; signal?: number }>((done) => term.onExit(done));
    // The menu's key help names Ctrl-C once it listens for keys; the first press asks
    // whether to pause or end, and the next one leaves. Press whenever it is on screen.
    term.onData((chunk) => {
      screen += chunk;
      if (screen.includes("Ctrl-C") && interrupts < 5) {
        interrupts += 1;
        screen = "";
        term.write("\x03");
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      exited,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no exit; screen:\n${screen}`)), 60_000);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      if (interrupts < 2) term.kill();
    });
    expect(result).toEqual({ exitCode: 130, signal: 0 });
    expect(interrupts).toBeGreaterThanOrEqual(2);
    expect(existsSync(log)).toBe(true);
  });
});
