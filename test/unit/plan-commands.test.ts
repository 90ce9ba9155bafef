import { createHash } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { init } from "../../src/commands/init.js";
import { planSchemaText, schema } from "../../src/commands/schema.js";
import { validate } from "../../src/commands/validate.js";
import type { CommandContext } from "../../src/context.js";
import { formatProblem, InputError, UsageError } from "../../src/errors.js";
import { parsePlan, readPlanFile } from "../../src/plan/load.js";

const example = (name: string) => new URL(`../../examples/${name}`, import.meta.url);
const fixture = (name: string) => new URL(`../fixtures/plans/${name}`, import.meta.url);

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "drill-plan-commands-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function context(): CommandContext & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: {
      write: (chunk: string) => {
        out += chunk;
        return true;
      },
    },
    stderr: {
      write: (chunk: string) => {
        err += chunk;
        return true;
      },
    },
    stdin: Readable.from([]),
    cwd: folder,
    env: {},
    now: () => new Date("2026-03-01T08:00:00Z"),
    out: () => out,
    err: () => err,
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("readPlanFile", () => {
  it("reads a plan relative to cwd, with the file's SHA-256 and its warnings", async () => {
    copyFileSync(fixture("warnings-only.yaml"), join(folder, "plan.yaml"));
    const loaded = await readPlanFile("plan.yaml", { cwd: folder });
    const bytes = readFileSync(join(folder, "plan.yaml"));
    expect(loaded.file).toBe("plan.yaml");
    expect(loaded.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(loaded.source).toBe(bytes.toString("utf8"));
    expect(loaded.plan.title).toBe("Only warnings");
    expect(loaded.warnings.map((w) => w.message)).toHaveLength(4);
  });

  it("reads a UTF-8 file that starts with a byte-order mark", async () => {
    const text = readFileSync(example("river-flood.en.yaml"), "utf8");
    writeFileSync(join(folder, "bom.yaml"), `\uFEFF${text}`);
    const loaded = await readPlanFile(join(folder, "bom.yaml"));
    expect(loaded.plan.injects).toHaveLength(6);
  });

  it("throws a UsageError for a missing file or a folder", async () => {
    const missing = await caught(readPlanFile("nope.yaml", { cwd: folder }));
    expect(missing).toBeInstanceOf(UsageError);
    expect((missing as UsageError).describe()).toBe(
      "error: plan file not found: nope.yaml\n  hint: check the path, or write a starter plan with `drill init`",
    );
    mkdirSync(join(folder, "plans"));
    const dir = await caught(readPlanFile("plans", { cwd: folder }));
    expect(dir).toBeInstanceOf(UsageError);
    expect((dir as UsageError).message).toBe("plans is a folder, not a plan file");
  });

  it("refuses a device that would never end, instead of hanging", async () => {
    const error = await caught(readPlanFile("/dev/zero"));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe("/dev/zero is not a regular file");
  });

  it("throws an InputError with every problem for a broken plan", async () => {
    copyFileSync(fixture("many-problems.yaml"), join(folder, "broken.yaml"));
    const error = await caught(readPlanFile("broken.yaml", { cwd: folder }));
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    expect(problems).toHaveLength(10);
    expect((error as InputError).describe().split("\n").at(-1)).toBe("10 error(s), 0 warning(s)");
    expect(formatProblem(problems[0] as (typeof problems)[0])).toBe(
      'broken.yaml:3:7: error: `lang` cannot be "fr"\n  hint: use one of: zh, en',
    );
  });

  it("refuses a 50 MB file from its size alone", async () => {
    const big = join(folder, "big.yaml");
    writeFileSync(big, "title: x\n");
    truncateSync(big, 50 * 1024 * 1024); // sparse: nothing to read unless the loader reads it
    const error = await caught(readPlanFile(big));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe(
      `${big}: error: plan is too large (50.0 MB; the limit is 4.0 MB)\n  hint: a plan is a hand-written YAML file; check that this is the right file`,
    );
  });

  it("refuses a binary file, naming where the first NUL byte is", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    writeFileSync(join(folder, "image.yaml"), png);
    const error = await caught(readPlanFile("image.yaml", { cwd: folder }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe(
      "image.yaml:3:1: error: this is a binary file, not a YAML plan (it contains NUL bytes)\n  hint: give the path of a plan (.yaml), e.g. examples/pooled-positive.en.yaml",
    );
  });

  it("refuses a plan saved as GBK, naming the line and column of the first bad byte", async () => {
    // "title: 标题" in GBK: 标 = B1 EA, 题 = CC E2.
    const gbk = Buffer.concat([
      Buffer.from("scenario: ok\ntitle: "),
      Buffer.from([0xb1, 0xea, 0xcc, 0xe2]),
      Buffer.from("\n"),
    ]);
    writeFileSync(join(folder, "gbk.yaml"), gbk);
    const error = await caught(readPlanFile("gbk.yaml", { cwd: folder }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe(
      "gbk.yaml:2:8: error: not valid UTF-8 (byte 20)\n  hint: save the plan as UTF-8; GBK or other encodings are not read",
    );
  });

  it("refuses a UTF-16 file", async () => {
    writeFileSync(join(folder, "utf16.yaml"), Buffer.from("\uFEFFtitle: x\n", "utf16le"));
    const error = await caught(readPlanFile("utf16.yaml", { cwd: folder }));
    expect((error as InputError).message).toBe("the file is UTF-16, not UTF-8");
  });
});

describe("drill validate (in-process)", () => {
  it("prints the one-line summary of a good plan and returns 0", async () => {
    const ctx = context();
    const code = await validate(example("pooled-positive.zh.yaml").pathname, {}, ctx);
    expect(code).toBe(0);
    expect(ctx.out()).toBe(
      `${example("pooled-positive.zh.yaml").pathname}: ok — 6 groups, 12 injects (2 conditional), 26 expectations (8 critical), 5 objectives, scenario length 1d4h (last inject at T+24:00)\n`,
    );
    expect(ctx.err()).toBe("");
  });

  it("prints warnings to standard error and still returns 0", async () => {
    copyFileSync(fixture("warnings-only.yaml"), join(folder, "w.yaml"));
    const ctx = context();
    expect(await validate("w.yaml", {}, ctx)).toBe(0);
    expect(ctx.err().split("\n")[0]).toBe(
      'w.yaml:8:9: warning: no inject is delivered to group "spare"',
    );
  });

  it("throws the plan's problems as one InputError", async () => {
    copyFileSync(fixture("cycle.yaml"), join(folder, "cycle.yaml"));
    const error = await caught(validate("cycle.yaml", {}, context()));
    expect((error as InputError).describe()).toBe(
      "cycle.yaml:17:16: error: hand-off cycle: E1 → E3 → E2 → E1\n  hint: each expectation waits for the one before it, so none can start; remove one `after`",
    );
  });

  it("prints JSON for good and bad plans with --json", async () => {
    copyFileSync(fixture("cycle.yaml"), join(folder, "cycle.yaml"));
    copyFileSync(example("river-flood.en.yaml"), join(folder, "flood.yaml"));
    const bad = context();
    expect(await validate("cycle.yaml", { json: true }, bad)).toBe(1);
    const badReport = JSON.parse(bad.out());
    expect(badReport).toMatchObject({ file: "cycle.yaml", ok: false, errors: 1, warnings: 0 });
    expect(badReport.problems[0].location).toEqual({ file: "cycle.yaml", line: 17, col: 16 });
    const good = context();
    expect(await validate("flood.yaml", { json: true }, good)).toBe(0);
    expect(JSON.parse(good.out())).toEqual({
      file: "flood.yaml",
      ok: true,
      summary: {
        groups: 5,
        injects: 6,
        conditionalInjects: 1,
        expectations: 12,
        criticalExpectations: 4,
        objectives: 4,
        lastInjectMinutes: 600,
        lengthMinutes: 720,
      },
      errors: 0,
      warnings: 0,
      problems: [],
    });
  });

  it("keeps a missing file a usage error, even with --json", async () => {
    const error = await caught(validate("nope.yaml", { json: true }, context()));
    expect(error).toBeInstanceOf(UsageError);
  });
});

describe("drill init (in-process)", () => {
  it.each(["en", "zh"] as const)(
    "writes a %s starter plan that validates without warnings",
    async (lang) => {
      const ctx = context();
      expect(await init("plan.yaml", { lang }, ctx)).toBe(0);
      expect(ctx.out()).toBe(
        "wrote plan.yaml\nnext: drill validate plan.yaml    then: drill run plan.yaml\n",
      );
      const text = readFileSync(join(folder, "plan.yaml"), "utf8");
      const { plan, problems } = parsePlan(text, "plan.yaml");
      expect(problems).toEqual([]);
      expect(plan?.lang).toBe(lang);
      expect(text.startsWith("# yaml-language-server: $schema=plan.schema.json\n")).toBe(true);
    },
  );

  it("refuses to overwrite without --force, and overwrites with it", async () => {
    writeFileSync(join(folder, "plan.yaml"), "mine\n");
    const error = await caught(init("plan.yaml", { lang: "en" }, context()));
    expect((error as UsageError).describe()).toBe(
      "error: plan.yaml already exists\n  hint: pass --force to overwrite it, or give another file name",
    );
    expect(readFileSync(join(folder, "plan.yaml"), "utf8")).toBe("mine\n");
    expect(await init("plan.yaml", { lang: "zh", force: true }, context())).toBe(0);
    expect(readFileSync(join(folder, "plan.yaml"), "utf8")).toContain("title: 我的桌面推演");
  });

  it("says so when the folder does not exist", async () => {
    const error = await caught(init("no/such/plan.yaml", {}, context()));
    expect((error as UsageError).message).toBe(
      "cannot write no/such/plan.yaml: its folder does not exist",
    );
  });
});

describe("drill schema (in-process)", () => {
  it("prints the schema, or writes it with --out", async () => {
    const printed = context();
    expect(await schema({}, printed)).toBe(0);
    expect(printed.out()).toBe(planSchemaText());
    const written = context();
    expect(await schema({ out: "plan.schema.json" }, written)).toBe(0);
    expect(readFileSync(join(folder, "plan.schema.json"), "utf8")).toBe(planSchemaText());
    expect(written.out()).toBe("");
  });
});
