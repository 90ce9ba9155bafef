// A scripted drill killed at any point: its log is a prefix of the uninterrupted run's (the
// run is deterministic with --start-time, and nothing is written but whole appended lines,
// the last maybe torn), it reads back, and --resume finishes the drill with the state of an
// uninterrupted run. Real SIGKILLs show the prefix property; cutting the reference log at
// many points, whole lines or torn, covers every place a kill can land, whatever the
// machine's speed.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLog } from "../../src/log/reader.js";
import { BIN, drill, ROOT, tempDir } from "../helpers/cli.js";
import { finalState } from "../helpers/state.js";

const PLAN = "examples/pooled-positive.zh.yaml";
const SCRIPT = "examples/pooled-positive.zh.script.yaml";
const START = "2026-11-24T09:00:00+08:00";
const KILLS = 5;
const CUTS = 30;
/** Generous: a loaded machine slows the runs down, and nothing here depends on their speed. */
const SLOW = 600_000;

const dir = tempDir("drill-crash-");
afterAll(() => dir.remove());

function lineCount(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, "utf8").split("\n").length - 1;
}

/** Starts a scripted run and SIGKILLs it once its log holds at least `lines` lines. */
function runAndKill(log: string, lines: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [BIN, "run", PLAN, "--script", SCRIPT, "--log", log, "--start-time", START],
      { cwd: ROOT, stdio: "ignore" },
    );
    child.on("error", fail);
    child.on("exit", (code, signal) => {
      clearInterval(poll);
      if (signal === "SIGKILL" || code === 0) done();
      else fail(new Error(`run exited ${code}`));
    });
    const poll = setInterval(() => {
      if (lineCount(log) >= lines) child.kill("SIGKILL");
    }, 1);
  });
}

describe("crash and resume", () => {
  let reference: Awaited<ReturnType<typeof finalState>>;
  let bytes: Buffer;
  /** Byte offsets where each line of the reference log ends (after its "\n"). */
  const ends: number[] = [];

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
    expect(reference.ended).toBe(true);
    bytes = readFileSync(log);
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) ends.push(i + 1);
  }, SLOW);

  it(
    "leaves, when killed, a prefix of the uninterrupted run's log",
    async () => {
      for (let i = 0; i < KILLS; i++) {
        const log = join(dir.path, `kill-${i}.jsonl`);
        await runAndKill(log, 1 + Math.floor(((i + 1) * ends.length) / (KILLS + 1)));
        const written = readFileSync(log);
        expect(written.length).toBeGreaterThan(0);
        expect(bytes.subarray(0, written.length).equals(written), `kill ${i}`).toBe(true);
      }
    },
    SLOW,
  );

  it(
    `recovers from a crash at ${CUTS} points, whole lines or torn`,
    async () => {
      // Deterministic "random" points over the whole run, from just after the header.
      let seed = 20221103;
      for (let i = 0; i < CUTS; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const line = seed % ends.length;
        const end = ends[line] ?? bytes.length;
        const next = (ends[line + 1] ?? end) - end;
        // Every other cut tears the next line part-way, as a kill during its write would.
        const cut = i % 2 === 1 && next > 1 ? end + 1 + (seed % (next - 1)) : end;
        const log = join(dir.path, `cut-${i}.jsonl`);
        writeFileSync(log, bytes.subarray(0, cut));

        // It reads back (a torn last line is set aside with a warning), then carries on.
        const before = await readLog(log);
        expect(before.events.length, `cut ${i} at byte ${cut}`).toBe(line);
        const resumed = await drill(["run", "--script", SCRIPT, "--resume", log]);
        expect(resumed.code, `resume after cut ${i} at byte ${cut}: ${resumed.stderr}`).toBe(0);
        const after = await readLog(log);
        expect(after.warnings).toEqual([]);
        // Resumed and finished, it ends sealed again.
        expect((await drill(["verify", log])).code, `verify after cut ${i}`).toBe(0);
        expect(await finalState(log)).toEqual(reference);
      }
    },
    SLOW,
  );
});
