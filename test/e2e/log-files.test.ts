// The files a drill writes, when the file system gets in the way: paths that are folders or
// run through files, a log another drill is writing, a stale lock after a crash, and a disk
// that fills up mid-drill. Every case is a typed error (no stack trace) and a log that verifies.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, type CliResult, drill, ROOT, runProcess } from "../helpers/cli.js";
import { finalState } from "../helpers/state.js";
import { CTRL_C, cleanUp, scratch as scratchFolder, Terminal } from "./console-terminal.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const SCRIPT = "examples/pooled-positive.zh.script.yaml";
const START = "2026-11-24T09:00:00+08:00";
const MENU = "按键选择操作";

const scratch = () => scratchFolder("drill-files-");

afterEach(cleanUp);

/** `bin/drill` run by `sh` under a file-size limit (`ulimit -f`, in 512-byte blocks). */
function drillWithFileLimit(blocks: number, args: string[]): Promise<CliResult> {
  return runProcess(
    "sh",
    ["-c", `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, BIN, ...args],
    {
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
    },
  );
}

/** The process id a log's lock names. */
function holderOf(lock: string): number {
  return (JSON.parse(readFileSync(lock, "utf8")) as { pid: number }).pid;
}

describe("paths that cannot be written", () => {
  it("are usage errors naming the path as given, with nothing left behind", async () => {
    const dir = scratch();
    copyFileSync(join(ROOT, "examples/pooled-positive.en.jsonl"), join(dir, "full.jsonl"));
    mkdirSync(join(dir, "adir"));
    const plan = join(ROOT, "examples/pooled-positive.en.yaml");
    const script = join(ROOT, "examples/pooled-positive.en.script.yaml");
    const run = (log: string) =>
      drill(["run", plan, "--script", script, "--log", log], { cwd: dir });

    expect(await drill(["review", "full.jsonl", "-o", "nodir/r.md"], { cwd: dir })).toEqual({
      code: 2,
      signal: null,
      stdout: "",
      stderr:
        "error: cannot write nodir/r.md: its folder does not exist\n" +
        "  hint: create the folder first, or give another path\n",
    });
    expect((await drill(["review", "full.jsonl", "-o", "adir"], { cwd: dir })).stderr).toBe(
      "error: cannot write adir: it is a folder\n  hint: give a file name, e.g. adir/review.md\n",
    );
    const through = await run("full.jsonl/x.jsonl");
    expect(through.code).toBe(2);
    expect(through.stderr).toMatch(
      /^error: cannot create the log full\.jsonl\/x\.jsonl: full\.jsonl is a file, not a folder\n {2}hint: /,
    );
    const folder = await run("adir");
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(
      /^error: cannot create the log adir: it is a folder\n {2}hint: give a file name, e\.g\. adir\/drill\.jsonl\n$/,
    );
    expect(readdirSync(dir).sort()).toEqual(["adir", "full.jsonl"]);
    expect(readdirSync(join(dir, "adir"))).toEqual([]);
  });
});

describe("one writer per log", () => {
  it("refuses a second drill on a log being written, and frees the log when the first leaves", async () => {
    const log = join(scratch(), "live.jsonl");
    const live = new Terminal(["run", PLAN, "--speed", "60", "--log", log]);
    await live.waitFor(MENU);
    const pid = holderOf(`${log}.lock`);
    expect(pid).toBeGreaterThan(0);
    // At ×60 the next inject is 20 seconds away: nothing is written meanwhile.
    const size = statSync(log).size;

    const second = await drill(["run", PLAN, "--script", SCRIPT, "--resume", log]);
    expect(second).toEqual({
      code: 2,
      signal: null,
      stdout: "",
      stderr:
        `${log}: error: this log is being written by another drill (pid ${pid})\n` +
        `  hint: finish or stop that drill first; if no drill is running, delete ${log}.lock\n`,
    });
    expect(statSync(log).size).toBe(size);

    await live.press(CTRL_C, "再按 Ctrl-C 退出");
    await live.press(CTRL_C, "推演已中断，日志完好");
    expect((await live.exit).exitCode).toBe(130);
    expect(existsSync(`${log}.lock`)).toBe(false);
    expect((await drill(["verify", log, "--allow-open"])).code).toBe(0);
  });

  it("takes over the lock a killed drill left, with a warning", async () => {
    const log = join(scratch(), "killed.jsonl");
    const live = new Terminal(["run", PLAN, "--speed", "60", "--log", log]);
    await live.waitFor(MENU);
    const pid = holderOf(`${log}.lock`);
    live.kill("SIGKILL");
    await live.exit;
    expect(holderOf(`${log}.lock`)).toBe(pid);
    // Killed, its log has no seal at its end: it checks out, but is not ended (exit 3).
    expect((await drill(["verify", log])).code).toBe(3);
    expect((await drill(["verify", log, "--allow-open"])).code).toBe(0);

    const resumed = new Terminal(["run", PLAN, "--resume", log]);
    await resumed.waitFor(`${log}.lock: warning: took over the lock of drill process ${pid}`);
    await resumed.waitFor(MENU);
    expect(holderOf(`${log}.lock`)).not.toBe(pid);
    await resumed.press(CTRL_C, "再按 Ctrl-C 退出");
    await resumed.press(CTRL_C, "推演已中断，日志完好");
    expect((await resumed.exit).exitCode).toBe(130);
    expect(existsSync(`${log}.lock`)).toBe(false);
    expect((await drill(["verify", log, "--allow-open"])).code).toBe(0);
  });
});

describe("a disk that fills up mid-drill", () => {
  it("stops a scripted drill with a typed error; the log verifies and --resume finishes it", async () => {
    const dir = scratch();
    const reference = join(dir, "reference.jsonl");
    const args = ["run", PLAN, "--script", SCRIPT, "--start-time", START];
    expect((await drill([...args, "--log", reference])).code).toBe(0);
    const header = readFileSync(reference, "utf8").indexOf("\n") + 1;
    const blocks = Math.ceil((header + statSync(reference).size) / 2 / 512);
    expect(blocks * 512).toBeLessThan(statSync(reference).size);

    const log = join(dir, "full.jsonl");
    const stopped = await drillWithFileLimit(blocks, [...args, "--log", log]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toBe(
      `error: could not write to the log ${log}: the file is larger than the system allows\n` +
        "  hint: nothing after the last recorded event was saved; free some space (or fix the disk) " +
        `and resume with \`drill run ${PLAN} --resume ${log}\`\n`,
    );
    expect(existsSync(`${log}.lock`)).toBe(false);
    const verified = await drill(["verify", log, "--allow-open"]);
    // The half line that reached the disk was cut back: no torn-line warning.
    expect(verified).toMatchObject({ code: 0, stderr: "" });
    expect(statSync(log).size).toBeLessThanOrEqual(blocks * 512);

    const resumed = await drill(["run", PLAN, "--script", SCRIPT, "--resume", log]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await finalState(log)).toEqual(await finalState(reference));
  });

  const prlimit = spawnSync("prlimit", ["--version"]).status === 0;

  it.skipIf(!prlimit)(
    "stops the live console with a typed error and the exact resume command",
    async () => {
      const log = join(scratch(), "live.jsonl");
      const live = new Terminal(["run", PLAN, "--speed", "300", "--log", log]);
      await live.waitFor(MENU);
      // Room for what is logged so far and no more: the next inject (T+00:20, four seconds
      // away at ×300) is written by its timer while the menu waits for a key.
      const pid = String(holderOf(`${log}.lock`));
      const size = statSync(log).size;
      expect(spawnSync("prlimit", ["--pid", pid, `--fsize=${size + 16}`]).status).toBe(0);

      expect((await live.exit).exitCode).toBe(1);
      expect(live.text).toContain(
        `error: could not write to the log ${log}: the file is larger than the system allows`,
      );
      expect(live.text.replace(/\s*\n\s*/g, " ")).toContain(
        `and resume with \`./bin/drill run --resume ${log}\``,
      );
      expect(live.text).not.toContain("internal error");
      // The terminal is given back: the cursor shown again after the last time it was hidden.
      expect(live.output.lastIndexOf("\u001b[?25h")).toBeGreaterThan(
        live.output.lastIndexOf("\u001b[?25l"),
      );
      expect(existsSync(`${log}.lock`)).toBe(false);
      expect(statSync(log).size).toBe(size);
      expect(await drill(["verify", log, "--allow-open"])).toMatchObject({ code: 0, stderr: "" });
    },
  );
});
