// The one output rule (src/output.ts) in every command that writes: never replace a drill
// log or an input of the command (whatever name reaches it: a symlink, a hard link), never
// an existing file without --force, never write through a symlink under replay's folder.

import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare } from "../../src/commands/compare.js";
import { exportFile } from "../../src/commands/export.js";
import { importMsel } from "../../src/commands/import.js";
import { init } from "../../src/commands/init.js";
import { replay } from "../../src/commands/replay.js";
import { review } from "../../src/commands/review.js";
import { run } from "../../src/commands/run.js";
import { schema } from "../../src/commands/schema.js";
import { UsageError } from "../../src/errors.js";
import { writeOutput } from "../../src/output.js";
import { ROOT } from "../helpers/cli.js";
import { testContext } from "../helpers/context.js";
import { writeSampleLog } from "../helpers/log-fixtures.js";
import { rejection, scratchFolder } from "../helpers/scratch.js";

const folder = scratchFolder();
const at = folder.at;

function context() {
  return testContext(folder.path).ctx;
}

const refused = (attempt: Promise<unknown>) => rejection(attempt, UsageError);

/** Writes two drill logs, a.jsonl and b.jsonl, and returns b's bytes. */
async function twoLogs(): Promise<Buffer> {
  await writeSampleLog(at("a.jsonl"));
  await writeSampleLog(at("b.jsonl"));
  return readFileSync(at("b.jsonl"));
}

describe("drill review -o", () => {
  it("never replaces another drill's log, even with --force", async () => {
    const b = await twoLogs();
    for (const force of [false, true]) {
      const error = await refused(review("a.jsonl", { out: "b.jsonl", force }, context()));
      expect(error.message).toBe(
        "cannot write b.jsonl: it is a drill log, and a drill log is never replaced",
      );
    }
    expect(readFileSync(at("b.jsonl"))).toEqual(b);
  });

  it("never replaces the log it reviews when a symlink reaches it", async () => {
    const b = await twoLogs();
    symlinkSync(at("b.jsonl"), at("link.jsonl"));
    const error = await refused(review("link.jsonl", { out: "b.jsonl", force: true }, context()));
    expect(error.message).toBe(
      "cannot write b.jsonl: it is the log this command reads (link.jsonl)",
    );
    expect(readFileSync(at("b.jsonl"))).toEqual(b);
  });

  it("never replaces the log through a hard link, or the plan it re-scores with", async () => {
    const b = await twoLogs();
    linkSync(at("b.jsonl"), at("same.md"));
    const error = await refused(review("b.jsonl", { out: "same.md", force: true }, context()));
    expect(error.message).toBe("cannot write same.md: it is the log this command reads (b.jsonl)");
    cpSync(join(ROOT, "examples/pooled-positive.zh.yaml"), at("plan.yaml"));
    const plan = readFileSync(at("plan.yaml"));
    const again = await refused(
      review("b.jsonl", { out: "./plan.yaml", plan: "plan.yaml", force: true }, context()),
    );
    expect(again.message).toBe(
      "cannot write ./plan.yaml: it is the plan this command reads (plan.yaml)",
    );
    expect(readFileSync(at("plan.yaml"))).toEqual(plan);
    expect(readFileSync(at("b.jsonl"))).toEqual(b);
  });

  it("replaces an existing report only with --force, and through no symlink", async () => {
    await twoLogs();
    writeFileSync(at("review.md"), "kept\n");
    const error = await refused(review("a.jsonl", { out: "review.md" }, context()));
    expect(error.describe()).toBe(
      "error: review.md already exists\n  hint: pass --force to overwrite it, or give another file name",
    );
    expect(readFileSync(at("review.md"), "utf8")).toBe("kept\n");
    writeFileSync(at("elsewhere.md"), "not mine\n");
    symlinkSync(at("elsewhere.md"), at("linked.md"));
    await review("a.jsonl", { out: "linked.md", force: true }, context());
    expect(readFileSync(at("elsewhere.md"), "utf8")).toBe("not mine\n");
    expect(readFileSync(at("linked.md"), "utf8")).toMatch(/^# 复盘报告/);
  });
});

describe("the other commands that write", () => {
  it("compare never writes over one of its logs", async () => {
    const b = await twoLogs();
    symlinkSync(at("b.jsonl"), at("out.md"));
    const error = await refused(
      compare("a.jsonl", "b.jsonl", { out: "out.md", force: true }, context()),
    );
    expect(error.message).toBe("cannot write out.md: it is a log this command reads (b.jsonl)");
    expect(readFileSync(at("b.jsonl"))).toEqual(b);
  });

  it("export never writes over the plan or log it reads", async () => {
    cpSync(join(ROOT, "examples/river-flood.en.yaml"), at("plan.yaml"));
    linkSync(at("plan.yaml"), at("plan.csv"));
    const plan = readFileSync(at("plan.yaml"));
    const error = await refused(
      exportFile(["plan.yaml"], { msel: "plan.csv", force: true }, context()),
    );
    expect(error.message).toBe(
      "cannot write plan.csv: it is the plan this command reads (plan.yaml)",
    );
    expect(readFileSync(at("plan.yaml"))).toEqual(plan);

    const b = await twoLogs();
    symlinkSync(at("b.jsonl"), at("b.results.csv"));
    const second = await refused(
      exportFile(["b.jsonl"], { decisions: "b.csv", force: true }, context()),
    );
    expect(second.message).toBe(
      "cannot write b.results.csv: it is the log this command reads (b.jsonl)",
    );
    expect(existsSync(at("b.csv"))).toBe(false);
    expect(readFileSync(at("b.jsonl"))).toEqual(b);
  });

  it("import never writes over its spreadsheet or mapping file", async () => {
    cpSync(join(ROOT, "test/fixtures/msel/pooled-positive.zh.csv"), at("msel.csv"));
    writeFileSync(at("map.yaml"), "columns: {}\n");
    const map = readFileSync(at("map.yaml"));
    const error = await refused(
      importMsel("msel.csv", { map: "map.yaml", out: "map.yaml", force: true }, context()),
    );
    expect(error.message).toBe("cannot write map.yaml: it is the mapping file this command reads");
    expect(readFileSync(at("map.yaml"))).toEqual(map);
  });

  it("init and schema keep an existing file without --force, and a drill log always", async () => {
    await twoLogs();
    const b = readFileSync(at("b.jsonl"));
    for (const force of [false, true]) {
      await refused(init("b.jsonl", { force }, context()));
      await refused(schema({ out: "b.jsonl", force }, context()));
    }
    expect(readFileSync(at("b.jsonl"))).toEqual(b);
    writeFileSync(at("plan.schema.json"), "{}\n");
    await refused(schema({ out: "plan.schema.json" }, context()));
    expect(readFileSync(at("plan.schema.json"), "utf8")).toBe("{}\n");
    await schema({ out: "plan.schema.json", force: true }, context());
    expect(readFileSync(at("plan.schema.json"), "utf8")).toMatch(/"\$schema"/);
  });

  it("run --report is checked before the drill starts: never the plan, never over a file", async () => {
    cpSync(join(ROOT, "examples/river-flood.en.yaml"), at("plan.yaml"));
    cpSync(join(ROOT, "examples/river-flood.en.script.yaml"), at("script.yaml"));
    const plan = readFileSync(at("plan.yaml"));
    const options = { script: "script.yaml", log: "a.jsonl" };
    const error = await refused(
      run("plan.yaml", { ...options, report: "plan.yaml", force: true }, context()),
    );
    expect(error.message).toBe("cannot write plan.yaml: it is the plan this command reads");
    writeFileSync(at("r.md"), "kept\n");
    await refused(run("plan.yaml", { ...options, report: "r.md" }, context()));
    expect(existsSync(at("a.jsonl"))).toBe(false);
    expect(readFileSync(at("plan.yaml"))).toEqual(plan);
    expect(readFileSync(at("r.md"), "utf8")).toBe("kept\n");
  });

  it("says a place that takes no new file is unwritable, not that its folder is missing", async () => {
    const error = await refused(writeOutput("/proc/x.md", "/proc/x.md", "x"));
    expect(error.message).toBe("cannot write /proc/x.md: nothing can be written there");
  });
});

describe("drill replay -o", () => {
  async function logs(...names: string[]) {
    mkdirSync(at("logs"), { recursive: true });
    for (const name of names) await writeSampleLog(at("logs", name));
  }

  it("never writes through a symlink under the output folder", async () => {
    await logs("a.jsonl");
    mkdirSync(at("victim"));
    mkdirSync(at("out"));
    symlinkSync(at("victim"), at("out", "reports"));
    const error = await refused(replay(["logs"], { out: "out", jobs: 1, quiet: true }, context()));
    expect(error.message).toBe(
      `${join("out", "reports")} is a symbolic link; nothing is written through one`,
    );
    expect(readdirSync(at("victim"))).toEqual([]);
  });

  it("never replaces one of its logs that a report's name reaches, even with --force", async () => {
    await logs("a.jsonl", "b.jsonl");
    const ctx = context();
    await replay(["logs"], { out: "out", jobs: 1, quiet: true }, ctx);
    rmSync(at("out", "reports", "b.md"));
    linkSync(at("logs", "a.jsonl"), at("out", "reports", "b.md"));
    const error = await refused(
      replay(["logs"], { out: "out", jobs: 1, quiet: true, force: true }, ctx),
    );
    expect(error.message).toBe(
      `cannot write ${join("out", "reports", "b.md")}: it is a log this command reads (${join("logs", "a.jsonl")})`,
    );
    expect(readFileSync(at("logs", "a.jsonl"), "utf8")).toMatch(/^\{"seq":0/);
  });

  it("keeps reports and summaries already there without --force", async () => {
    await logs("a.jsonl");
    const ctx = context();
    await replay(["logs"], { out: "out", jobs: 1, quiet: true }, ctx);
    writeFileSync(at("out", "summary.md"), "kept\n");
    const error = await refused(replay(["logs"], { out: "out", jobs: 1, quiet: true }, ctx));
    expect(error.message).toBe(`${join("out", "summary.md")} already exists`);
    expect(readFileSync(at("out", "summary.md"), "utf8")).toBe("kept\n");
    await replay(["logs"], { out: "out", jobs: 1, quiet: true, force: true }, ctx);
    expect(readFileSync(at("out", "summary.md"), "utf8")).toMatch(/^# /);
  });

  it("gives logs whose names differ only in case or extension reports of their own, and says so", async () => {
    await logs("y.jsonl", "y.JSONL", "z", "z.jsonl");
    const { ctx, out } = testContext(folder.path);
    await replay(
      ["logs/y.jsonl", "logs/y.JSONL", "logs/z", "logs/z.jsonl"],
      { out: "out", jobs: 1, quiet: true, lang: "en" },
      ctx,
    );
    expect(readdirSync(at("out", "reports")).sort()).toEqual(
      ["y-2.json", "y-2.md", "y.json", "y.md", "z-2.json", "z-2.md", "z.json", "z.md"].sort(),
    );
    expect(out.err).toContain(
      `${join("logs", "y.jsonl")}: its report is ${join("out", "reports", "y-2.md")}, as another log's report has the name it would have had`,
    );
    expect(out.err).toContain(
      `${join("logs", "z.jsonl")}: its report is ${join("out", "reports", "z-2.md")}`,
    );
    expect(out.text).toMatch(/^Replayed 4 of 4/);
  });

  it("says why it finds nothing when the logs are in the output folder", async () => {
    await logs("a.jsonl");
    const error = await refused(replay(["logs"], { out: "logs", jobs: 1, quiet: true }, context()));
    expect(error.message).toBe(
      "no drill logs found: the 1 *.jsonl file(s) found are all inside the output folder, which replay never reads (it holds the reports)",
    );
  });
});
