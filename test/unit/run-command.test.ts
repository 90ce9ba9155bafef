// `drill run --script` in-process: nothing is written until the whole run is known to work.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/commands/run.js";
import { InputError } from "../../src/errors.js";
import { readLog } from "../../src/log/reader.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { testContext } from "../helpers/context.js";

let folder: ReturnType<typeof tempDir>;
beforeEach(() => {
  folder = tempDir();
  cpSync(join(ROOT, "examples/river-flood.en.yaml"), join(folder.path, "plan.yaml"));
  cpSync(join(ROOT, "examples/river-flood.en.script.yaml"), join(folder.path, "script.yaml"));
});
afterEach(() => folder.remove());

const START = "2026-06-15T18:00:00+08:00";

describe("drill run --script", () => {
  it("writes no log when the script fails part-way, and names the entry", async () => {
    // E10's inject (I5) only fires at T+08:00; answering it at T+01:00 is an error found late.
    writeFileSync(
      join(folder.path, "bad.yaml"),
      '- at: "00:15"\n  group: command\n  expectation: E1\n  text: ok\n- at: "01:00"\n  group: command\n  expectation: E10\n  text: too early\n',
    );
    const { ctx } = testContext(folder.path);
    const error = await run("plan.yaml", { script: "bad.yaml", log: "drills/a.jsonl" }, ctx).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe(
      "bad.yaml:5:3: error: expectation E10 is not open yet: its inject I5 has not been delivered\n" +
        "  hint: a decision can answer an expectation only once its inject is delivered (I5 is due at T+08:00)",
    );
    expect(existsSync(join(folder.path, "drills"))).toBe(false);
  });

  it("refuses a decision on another group's expectation, pointing at the improvised form", async () => {
    writeFileSync(
      join(folder.path, "bad.yaml"),
      '- at: "00:10"\n  group: monitoring\n  expectation: E1\n  text: x\n',
    );
    const { ctx } = testContext(folder.path);
    const error = (await run("plan.yaml", { script: "bad.yaml" }, ctx).catch(
      (e: unknown) => e,
    )) as InputError;
    expect(error.problems.map((p) => [p.location.line, p.location.col, p.message, p.hint])).toEqual(
      [
        [
          3,
          16,
          "expectation E1 is command's, not monitoring's",
          "log it as an improvised action of monitoring: leave out `expectation` and give `inject: I1`",
        ],
      ],
    );
    expect(readdirSync(folder.path)).not.toContain("drills");
  });

  it("refuses to resume with a script that changed since the drill started", async () => {
    const { ctx } = testContext(folder.path);
    await run("plan.yaml", { script: "script.yaml", log: "a.jsonl", startTime: START }, ctx);
    writeFileSync(
      join(folder.path, "script.yaml"),
      `# a new first line\n${readFileSync(join(folder.path, "script.yaml"), "utf8")}`,
    );
    const before = readFileSync(join(folder.path, "a.jsonl"), "utf8");
    const error = (await run("plan.yaml", { script: "script.yaml", resume: "a.jsonl" }, ctx).catch(
      (e: unknown) => e,
    )) as InputError;
    expect(error.message).toBe("the decision script has changed since this drill started");
    expect(readFileSync(join(folder.path, "a.jsonl"), "utf8")).toBe(before);
  });

  it("records the script and the drill's time zone, and says when a resume had nothing to add", async () => {
    const { ctx, out } = testContext(folder.path);
    await run("plan.yaml", { script: "script.yaml", log: "a.jsonl", startTime: START }, ctx);
    const { header } = await readLog(join(folder.path, "a.jsonl"));
    expect(header.script?.file).toBe("script.yaml");
    expect(header.timeZone).toBe("+08:00");
    out.text = "";
    await run("plan.yaml", { script: "script.yaml", resume: "a.jsonl" }, ctx);
    expect(out.text).toMatch(/^The log already held the whole of the drill/);
  });
});
