// `drill review` and `drill run --report` in-process, on logs made from the fixture scripts
// in a temp folder.

import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { review } from "../../src/commands/review.js";
import { run } from "../../src/commands/run.js";
import { InputError, UsageError } from "../../src/errors.js";
import { analyseLogFile } from "../../src/review/file.js";
import type { Review } from "../../src/review/model.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { testContext } from "../helpers/context.js";

const FIXTURES = join(ROOT, "test/fixtures/review");

let folder: ReturnType<typeof tempDir>;
beforeEach(() => {
  folder = tempDir("drill-review-");
  for (const name of ["relay.yaml", "relay.script.yaml", "relay.v2.yaml"]) {
    copyFileSync(join(FIXTURES, name), join(folder.path, name));
  }
});
afterEach(() => folder.remove());

function context() {
  return testContext(folder.path, { now: new Date("2026-03-02T00:00:00Z") });
}

async function relayLog(options: { report?: string } = {}): Promise<string> {
  const { ctx } = context();
  await run(
    "relay.yaml",
    {
      script: "relay.script.yaml",
      log: "relay.jsonl",
      startTime: "2026-03-02T07:00:00+08:00",
      ...options,
    },
    ctx,
  );
  return "relay.jsonl";
}

describe("drill review", () => {
  it("prints the markdown report in the plan's language", async () => {
    const log = await relayLog();
    const { ctx, out } = context();
    expect(await review(log, { format: "md" }, ctx)).toBe(0);
    expect(out.err).toBe("");
    expect(out.text.split("\n")[0]).toBe(
      "# After-action report: Water main burst — relay test drill",
    );
    expect(out.text).toContain("Ratings: O1 M (evaluator P) · O2 U · O3 - · O4 M.");
    // The decision log streams in after the analysis: one row per event.
    expect(out.text.match(/^\| \d+ \| T\+/gm)).toHaveLength(23);
  });

  it("prints JSON that is the analysis of the log file", async () => {
    const log = await relayLog();
    const { ctx, out } = context();
    await review(log, { format: "json", lang: "zh" }, ctx);
    const printed = JSON.parse(out.text) as Review;
    expect(printed).toEqual(await analyseLogFile(join(folder.path, log), { lang: "zh" }));
    expect(printed.lang).toBe("zh");
    expect(printed.expectations.map((e) => [e.id, e.status, e.latencyMinutes])).toContainEqual([
      "E6",
      "late",
      280,
    ]);
  });

  it("writes to --out and nothing to standard output", async () => {
    const log = await relayLog();
    const { ctx, out } = context();
    await review(log, { format: "md", out: "review.md" }, ctx);
    expect(out.text).toBe("");
    const text = readFileSync(join(folder.path, "review.md"), "utf8");
    expect(text.startsWith("# After-action report")).toBe(true);
    expect(readdirSync(folder.path).filter((name) => name.includes("partial"))).toEqual([]);
  });

  it("re-scores against a revised plan and says so", async () => {
    const log = await relayLog();
    const { ctx, out } = context();
    await review(log, { format: "json", plan: "relay.v2.yaml" }, ctx);
    const printed = JSON.parse(out.text) as Review;
    expect(printed.drill.rescoredWith).toMatchObject({ file: "relay.v2.yaml", version: "v2" });
    expect(printed.drill.planVersion).toBe("v1");
    expect(printed.unmatched.map((u) => u.ids)).toEqual([["E5"], ["I4"]]);
    expect(printed.objectives.map((o) => `${o.id} ${o.rating}`)).toEqual([
      "O1 P",
      "O2 U",
      "O3 -",
      "O4 P",
    ]);
    // The revised plan's own warnings are passed on.
    expect(out.err).toContain("relay.v2.yaml:");
  });

  it("refuses a corrupt log with the reader's error", async () => {
    const log = await relayLog();
    const path = join(folder.path, log);
    const lines = readFileSync(path, "utf8").split("\n");
    lines[5] = (lines[5] ?? "").slice(0, 40);
    writeFileSync(path, lines.join("\n"));
    const { ctx } = context();
    const error = await review(log, { format: "md" }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({ file: "relay.jsonl", line: 6 });
  });

  it("refuses a missing log and an --out that is the log", async () => {
    const { ctx } = context();
    await expect(review("nope.jsonl", { format: "md" }, ctx)).rejects.toBeInstanceOf(UsageError);
    const log = await relayLog();
    await expect(review(log, { format: "md", out: "./relay.jsonl" }, ctx)).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});

describe("drill run --report", () => {
  it("writes the report beside the log, JSON for a .json file", async () => {
    await relayLog({ report: "after.json" });
    const printed = JSON.parse(readFileSync(join(folder.path, "after.json"), "utf8")) as Review;
    expect(printed.format).toBe("drillbook-review/2");
    expect(printed.drill.events).toBe(23);
    expect(existsSync(join(folder.path, "relay.jsonl"))).toBe(true);
  });
});
