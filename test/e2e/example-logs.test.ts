// The committed example logs are what the example scripts produce today: regenerate them in
// a temp folder and compare everything but the hashes and the tool's version.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

const RUNS = [
  ["pooled-positive.zh", "2026-11-24T09:00:00+08:00", "pooled-positive.zh"],
  ["pooled-positive.en", "2026-11-24T09:00:00+08:00", "pooled-positive.en"],
  ["river-flood.en", "2026-06-15T18:00:00+08:00", "river-flood.en"],
] as const;

const dir = tempDir("drill-examples-");
afterAll(() => dir.remove());

function comparable(path: string) {
  return readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => {
      const { prev: _p, h: _h, tool: _t, planFile: _f, ...rest } = JSON.parse(line);
      return rest;
    });
}

describe("example logs", () => {
  it.each(RUNS)("examples/%s.jsonl is what its script produces", async (name, start) => {
    const log = join(dir.path, `${name}.jsonl`);
    const plan = `examples/${name}.yaml`;
    const result = await drill([
      "run",
      plan,
      "--script",
      `examples/${name}.script.yaml`,
      "--log",
      log,
      "--start-time",
      start,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(comparable(log)).toEqual(comparable(join(ROOT, `examples/${name}.jsonl`)));
    expect((await drill(["verify", `examples/${name}.jsonl`])).code).toBe(0);
  });
});
