// A scripted drill killed with SIGKILL at many points: every time the log verifies (after
// torn-line recovery) and --resume finishes the drill with the state of an uninterrupted run.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, drill, ROOT, tempDir } from "../helpers/cli.js";
import { finalState } from "../helpers/state.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const SCRIPT = "examples/pooled-positive.zh.script.yaml";
const START = "2026-11-24T09:00:00+08:00";
const KILLS = 50;

const dir = tempDir("drill-crash-");
afterAll(() => dir.remove());

function lineCount(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, "utf8").split("\n").length - 1;
}

/** Starts a scripted run and SIGKILLs it once its log holds at least `lines` lines. */
function runAndKill(log: string, lines: number): Promise<"killed" | "finished"> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [BIN, "run", PLAN, "--script", SCRIPT, "--log", log, "--start-time", START],
      {
        cwd: ROOT,
        stdio: "ignore",
      },
    );
    let finished = false;
    child.on("error", fail);
    child.on("exit", (code, signal) => {
      finished = true;
      clearInterval(poll);
      done(
        signal === "SIGKILL"
          ? "killed"
          : code === 0
            ? "finished"
            : (fail(new Error(`run exited ${code}`)) as never),
      );
    });
    const poll = setInterval(() => {
      if (!finished && lineCount(log) >= lines) child.kill("SIGKILL");
    }, 1);
  });
}

describe("crash and resume", () => {
  let reference: Awaited<ReturnType<typeof finalState>>;
  let total = 0;

  beforeAll(async () => {
    const log = join(dir.path, "reference.jsonl");
    const result = await drill([
      "run",
      PLAN,
      "--script",
      SCRIPT,
      "--log",
      log,
      "--start-time",
      START,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    reference = await finalState(log);
    total = lineCount(log);
    expect(reference.ended).toBe(true);
  });

  it(`recovers from ${KILLS} kills at random points`, async () => {
    // Deterministic "random" points spread over the whole run, from just after the header.
    let seed = 20221103;
    const outcomes = { killed: 0, finished: 0 };
    for (let i = 0; i < KILLS; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const target = 1 + (seed % total);
      const log = join(dir.path, `crash-${i}.jsonl`);
      outcomes[await runAndKill(log, target)]++;

      // A killed drill's log checks out, but has no seal at its end: not ended (exit 3).
      const verified = await drill(["verify", log, "--allow-open"]);
      expect(verified.code, `verify after kill ${i} at line ${target}: ${verified.stderr}`).toBe(0);
      const before = lineCount(log);

      const resumed = await drill(["run", PLAN, "--script", SCRIPT, "--resume", log]);
      expect(resumed.code, `resume after kill ${i}: ${resumed.stderr}`).toBe(0);
      expect(lineCount(log)).toBeGreaterThanOrEqual(before - 1);
      // Resumed and finished, it ends sealed again.
      expect((await drill(["verify", log])).code).toBe(0);
      expect(await finalState(log)).toEqual(reference);
    }
    // Most kills must land mid-run, or the test proves little.
    expect(outcomes.killed).toBeGreaterThan(KILLS / 2);
  });
});
