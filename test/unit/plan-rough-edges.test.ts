// What a newcomer hits when validating: a log or a script given as a plan, a tab in the
// indentation, bare numbers, full-width digits, folded Chinese text; and the limits that
// keep hostile input cheap: problems capped, scenario times capped, scripts and mapping files
// held to a plan's size.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importMsel } from "../../src/commands/import.js";
import { run } from "../../src/commands/run.js";
import { validate } from "../../src/commands/validate.js";
import { parseMinutes } from "../../src/core/scenario-time.js";
import { InputError, UsageError } from "../../src/errors.js";
import { LogWriter } from "../../src/log/writer.js";
import { MAX_PROBLEMS, parsePlan } from "../../src/plan/load.js";
import { parseScript } from "../../src/run/script.js";
import { ROOT } from "../helpers/cli.js";
import { testContext } from "../helpers/context.js";
import { sampleHeader, samplePlan, tickingClock } from "../helpers/log-fixtures.js";
import { rejection, scratchFolder } from "../helpers/scratch.js";

const example = (name: string) => readFileSync(join(ROOT, "examples", name), "utf8");
const where = (p: { location: { line?: number; col?: number } }) =>
  `${p.location.line}:${p.location.col}`;

const folder = scratchFolder();

describe("drill validate given something else", () => {
  it("recognises a drill log and names the commands for it", () => {
    const { problems } = parsePlan(example("pooled-positive.zh.jsonl"), "d.jsonl");
    expect(problems).toEqual([
      {
        severity: "error",
        location: { file: "d.jsonl", line: 1, col: 1 },
        message: "this is a drill log, not a plan",
        hint: "check it with `drill verify d.jsonl`, read it with `drill log d.jsonl`, or review it with `drill review d.jsonl`",
      },
    ]);
  });

  it("recognises a decision script and says how to run it", () => {
    const { problems } = parsePlan(example("river-flood.en.script.yaml"), "s.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      message: "this looks like a decision script, not a plan",
      hint: "a decision script is run with its plan: `drill run <plan> --script s.yaml`",
    });
  });
});

describe("a tab used as indentation", () => {
  // Line 60 of the Chinese example: YAML said "tabs are not allowed" and 11 errors after it.
  // Line 12 of the flood plan, in a folded text: YAML spoke of indentation, not of a tab.
  it.each([
    ["pooled-positive.zh.yaml", 60],
    ["river-flood.en.yaml", 12],
  ])("in %s at line %i is reported alone, not with the errors it causes", (name, line) => {
    const lines = example(name).split("\n");
    lines[line - 1] = `\t${lines[line - 1]?.slice(2)}`;
    const { problems } = parsePlan(lines.join("\n"), "tab.yaml");
    expect(problems.map((p) => `${where(p)} ${p.message}`)).toEqual([
      `${line}:1 YAML: a tab is used as indentation`,
    ]);
  });
});

const plan = (inject: string) => `title: 测试
scenario: 测试
groups:
  - { id: a, name: A组 }
injects:
${inject}`;

describe("times", () => {
  it("warns of bare numbers with how they are read", () => {
    const { plan: read, problems } = parsePlan(
      plan(`  - id: I1
    at: 1
    title: t
    message: m
    to: a
    expects:
      - { id: E1, group: a, action: x, within: 90 }
  - { id: I2, at: "30", title: t, message: m, to: a }
  - { id: I3, at: 0, title: t, message: m, to: a }
`),
      "p.yaml",
    );
    expect(read?.injects.map((i) => i.atMinutes)).toEqual([0, 1, 30]);
    expect(problems.map((p) => [where(p), p.severity, p.message, p.hint])).toEqual([
      [
        "7:9",
        "warning",
        "`at: 1` is a bare number, read as 1 minute (T+00:01)",
        "write 1m or 00:01 to say so; 01:00 is 1 hour",
      ],
      [
        "12:48",
        "warning",
        "`within: 90` is a bare number, read as 90 minutes",
        "write 90m or 1h30m to say so; 90h is 90 hours",
      ],
      [
        "13:19",
        "warning",
        "`at: 30` is a bare number, read as 30 minutes (T+00:30)",
        "write 30m or 00:30 to say so; 30:00 is 30 hours",
      ],
    ]);
  });

  it("reads full-width digits and colons as a Chinese input method types them", () => {
    expect(parseMinutes("３０分钟")).toBe(30);
    expect(parseMinutes("０１：３０")).toBe(90);
    expect(parseMinutes("Ｔ＋０２：００")).toBe(120);
    expect(parseMinutes("１小时３０分钟")).toBe(90);
    const { plan: read, problems } = parsePlan(
      plan(`  - id: I1
    at: "０１：３０"
    title: t
    message: m
    to: a
    expects:
      - { id: E1, group: a, action: x, within: ３０分钟 }
`),
      "p.yaml",
    );
    expect(problems).toEqual([]);
    expect(read?.injects[0]).toMatchObject({ atMinutes: 90, expects: [{ withinMinutes: 30 }] });
  });

  it("are capped at 366 days, with a located error in a plan and in a script", () => {
    const huge = "123456789012345678901234567890:00";
    const { problems } = parsePlan(
      plan(`  - { id: I1, at: "${huge}", title: t, message: m, to: a }\n`),
      "p.yaml",
    );
    expect(problems.map((p) => [where(p), p.message])).toEqual([
      ["6:19", `\`at\` is beyond 366 days, longer than any drill: "${huge}"`],
    ]);
    expect(
      parsePlan(plan("  - { id: I1, at: 8784:00, title: t, message: m, to: a }\n"), "p.yaml").plan,
    ).toBeDefined();
    const script = parseScript(
      `- at: "${huge}"\n  group: command\n  text: x\n`,
      "s.yaml",
      samplePlan,
    );
    expect(script.problems.map((p) => [where(p), p.message])).toEqual([
      ["1:7", `\`at\` is beyond 366 days, longer than any drill: "${huge}"`],
    ]);
  });
});

describe("a scripted run's wall clock", () => {
  it("driven past the year 9999 by a slow speed is a located error, not an internal one", async () => {
    writeFileSync(join(folder.path, "plan.yaml"), example("river-flood.en.yaml"));
    writeFileSync(
      join(folder.path, "s.yaml"),
      '- at: "00:15"\n  group: command\n  text: x\n- at: "00:20"\n  speed: 0.0000001\n- at: "09:00"\n  group: command\n  text: y\n',
    );
    const { ctx } = testContext(folder.path);
    const error = await rejection(
      run("plan.yaml", { script: "s.yaml", log: "a.jsonl" }, ctx),
      InputError,
    );
    expect(error.describe()).toMatch(
      /^s\.yaml:6:3: error: the drill's wall clock would pass the year 9999 here\n {2}hint: a very slow `speed`/,
    );
    expect(readdirSync(folder.path).sort()).toEqual(["plan.yaml", "s.yaml"]);
  });
});

describe("folded text", () => {
  it("gets no space between Chinese sentences, and keeps the spaces that were written", () => {
    const { plan: read } = parsePlan(
      `title: >-
  一次
  演练
scenario: >-
  辖区报告 4 户。
  需立即封控。
  Then some English
  text here.
groups:
  - { id: a, name: 指挥 调度组 }
injects:
  - id: I1
    at: 0m
    title: t
    message: "第一句。
      第二句，
      第三句"
    to: a
`,
      "p.yaml",
    );
    expect(read?.title).toBe("一次演练");
    expect(read?.scenario).toBe("辖区报告 4 户。需立即封控。 Then some English text here.");
    expect(read?.groups[0]?.name).toBe("指挥 调度组");
    expect(read?.injects[0]?.message).toBe("第一句。第二句，第三句");
  });
});

describe("hostile input stays cheap", () => {
  it(`lists the first ${MAX_PROBLEMS} YAML errors and counts the rest`, () => {
    const result = parsePlan("}".repeat(40_000), "b.yaml");
    expect(result.problems).toHaveLength(MAX_PROBLEMS);
    expect(result.omitted).toBe(40_000 - MAX_PROBLEMS);
    const error = new InputError("x", { problems: result.problems, omitted: result.omitted ?? 0 });
    expect(error.describe().split("\n").at(-1)).toBe(
      "100 error(s) and 0 warning(s) listed, and 39900 more problem(s) after them",
    );
  });

  it("drill validate --json says how many were left out", async () => {
    writeFileSync(join(folder.path, "b.yaml"), "}\n".repeat(500));
    const { ctx, out } = testContext(folder.path);
    await validate("b.yaml", { json: true }, ctx);
    expect(JSON.parse(out.text)).toMatchObject({ ok: false, errors: 100, omitted: 400 });
  });

  it("holds decision scripts and mapping files to a plan's size limit", async () => {
    const big = `# ${"x".repeat(5 * 1024 * 1024)}\n`;
    writeFileSync(join(folder.path, "s.yaml"), big);
    writeFileSync(join(folder.path, "m.yaml"), big);
    writeFileSync(join(folder.path, "plan.yaml"), example("river-flood.en.yaml"));
    const { ctx } = testContext(folder.path);
    const failure = (attempt: Promise<unknown>) => rejection(attempt, InputError);
    const script = await failure(run("plan.yaml", { script: "s.yaml", log: "a.jsonl" }, ctx));
    expect(script.describe()).toBe(
      "s.yaml: error: decision script is too large (5.0 MB; the limit is 4.0 MB)\n" +
        "  hint: a decision script is a hand-written YAML file; check that this is the right file",
    );
    const mapping = await failure(
      importMsel(join(ROOT, "test/fixtures/msel/pooled-positive.zh.csv"), { map: "m.yaml" }, ctx),
    );
    expect(mapping.message).toBe("mapping file is too large (5.0 MB; the limit is 4.0 MB)");
  });
});

describe("the folder of a new log", () => {
  it("is created, and the user told so", async () => {
    const warnings: string[] = [];
    const writer = await LogWriter.create(
      join(folder.path, "no/such/dir/a.jsonl"),
      sampleHeader(),
      {
        now: tickingClock(),
        name: "no/such/dir/a.jsonl",
        onWarning: (p) => warnings.push(`${p.location.file}: ${p.message}`),
      },
    );
    writer.close();
    expect(warnings).toEqual([
      "no/such/dir/a.jsonl: created the folder no/such/dir for this log, as it did not exist",
    ]);
  });

  it("that takes no new file is reported as unwritable, not as missing", async () => {
    const error = await rejection(
      LogWriter.create("/proc/x.jsonl", sampleHeader(), { now: tickingClock() }),
      UsageError,
    );
    expect(error.message).toMatch(/nothing can be written there$/);
  });
});
