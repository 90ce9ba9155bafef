// `drill run --unannounced` from a script, end to end: the same seed gives the same log, the
// review states the drill was unannounced, and the flags refuse what makes no sense.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drill, tempDir } from "../helpers/cli.js";

const dir = tempDir("drill-unannounced-run-");
afterAll(() => dir.remove());

const PLAN = "examples/pooled-positive.en.yaml";
const SCRIPT = "examples/pooled-positive.en.script.yaml";
const START = "2026-12-01T09:00:00+08:00";

const run = (log: string, ...extra: string[]) =>
  drill(["run", PLAN, "--script", SCRIPT, "--start-time", START, "--log", log, ...extra]);

describe("drill run --unannounced --script", () => {
  it("writes the same log for the same seed, and the review says what moved", async () => {
    const a = join(dir.path, "a.jsonl");
    const b = join(dir.path, "b.jsonl");
    const c = join(dir.path, "c.jsonl");
    expect((await run(a, "--unannounced", "--seed", "7")).code).toBe(0);
    expect((await run(b, "--unannounced", "--seed", "7")).code).toBe(0);
    expect((await run(c, "--unannounced", "--seed", "8")).code).toBe(0);
    const text = (file: string) => readFileSync(file, "utf8");
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe(text(c));

    const review = await drill(["review", a, "--lang", "en"]);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain("The drill was unannounced (不打招呼)");
    expect(review.stdout).toContain("(seed 7)");
    expect(review.stdout).toMatch(
      /\| I2 “People in the pool located” \| T\+00:20 \| T\+00:07 \| −13 min \|/,
    );
  });

  it("refuses --seed without --unannounced, and --unannounced on a resumed drill", async () => {
    const seedOnly = await run(join(dir.path, "d.jsonl"), "--seed", "7");
    expect(seedOnly.code).toBe(2);
    expect(seedOnly.stderr).toContain("--seed goes with --unannounced");
    const resumed = await drill([
      "run",
      "--resume",
      join(dir.path, "a.jsonl"),
      "--script",
      SCRIPT,
      "--unannounced",
    ]);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain("a resumed one keeps how it started");
  });
});
