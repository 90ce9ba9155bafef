import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runProcess } from "../helpers/cli.js";

// The built CLI (`npm run build`) on the examples and fixtures: exit code, stdout, stderr.

const root = fileURLToPath(new URL("../..", import.meta.url));
const drill = join(root, "bin", "drill");

/** Exit code and output: what each test asserts exactly. */
async function run(
  args: string[],
  cwd = root,
): Promise<Pick<CliResult, "code" | "stdout" | "stderr">> {
  const { code, stdout, stderr } = await runProcess(process.execPath, [drill, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", LANG: "C" },
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, "dist", "main.cjs"))) throw new Error("run `npm run build` first");
});

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});
const tempFolder = () => {
  folder = mkdtempSync(join(tmpdir(), "drill-e2e-validate-"));
  return folder;
};

describe("drill validate", () => {
  it("prints the summary of the Chinese example and exits 0", async () => {
    expect(await run(["validate", "examples/pooled-positive.zh.yaml"])).toEqual({
      code: 0,
      stdout:
        "examples/pooled-positive.zh.yaml: ok — 6 groups, 12 injects (2 conditional), 26 expectations (8 critical), 5 objectives, scenario length 1d4h (last inject at T+24:00)\n",
      stderr: "",
    });
  });

  it.each(["examples/pooled-positive.en.yaml", "examples/river-flood.en.yaml"])(
    "accepts %s",
    async (path) => {
      const result = await run(["validate", path]);
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith(`${path}: ok — `)).toBe(true);
      expect(result.stderr).toBe("");
    },
  );

  it("prints every problem with file:line:col and a hint, and exits 1", async () => {
    expect(await run(["validate", "test/fixtures/plans/unknown-references.yaml"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `test/fixtures/plans/unknown-references.yaml:21:16: error: unknown group "Tracing" in \`group\`
  hint: did you mean "tracing"? (groups: command, tracing, transfer)
test/fixtures/plans/unknown-references.yaml:24:20: error: \`objective\` should be text, not a number (1)
  hint: put it in quotes if you mean text: "1"
test/fixtures/plans/unknown-references.yaml:29:20: error: unknown group "tranfser" in \`to\`
  hint: did you mean "transfer"? (groups: command, tracing, transfer)
test/fixtures/plans/unknown-references.yaml:30:11: error: unknown expectation "E10" in \`when\`
  hint: declared expectations: E1, E2
test/fixtures/plans/unknown-references.yaml:36:21: error: unknown expectation "E7" in \`after\`
  hint: declared expectations: E1, E2
test/fixtures/plans/unknown-references.yaml:37:20: error: unknown objective "O2" in \`objective\`
  hint: declared objectives: O1
6 error(s), 0 warning(s)
`,
    });
  });

  it("reports a YAML syntax error the same way", async () => {
    expect(await run(["validate", "test/fixtures/plans/yaml-syntax.yaml"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "test/fixtures/plans/yaml-syntax.yaml:2:11: error: YAML: this quote is never closed\n  hint: close the quote at the end of the value, or remove it\n",
    });
  });

  it("prints warnings to standard error and exits 0", async () => {
    const result = await run(["validate", "test/fixtures/plans/warnings-only.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "test/fixtures/plans/warnings-only.yaml: ok — 3 groups, 2 injects (1 conditional), 2 expectations, 2 objectives, scenario length 1h (last inject at T+00:00)\n",
    );
    expect(result.stderr.split("\n").filter((l) => l.includes(": warning: "))).toHaveLength(4);
  });

  it("refuses an alias bomb and a binary file with one clear error", async () => {
    const bomb = await run(["validate", "test/fixtures/plans/alias-bomb.yaml"]);
    expect(bomb).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "test/fixtures/plans/alias-bomb.yaml:2:8: error: YAML: too many aliases (*name): the plan would expand to an excessive size\n  hint: a plan may expand at most 100 aliases per node; write the values out\n",
    });
    const dir = tempFolder();
    writeFileSync(join(dir, "a.out"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00]));
    expect(await run(["validate", "a.out"], dir)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "a.out:1:7: error: this is a binary file, not a YAML plan (it contains NUL bytes)\n  hint: give the path of a plan (.yaml), e.g. examples/pooled-positive.en.yaml\n",
    });
  });

  it("exits 2 with a one-line hint for a missing file, an unknown flag or a missing argument", async () => {
    expect(await run(["validate", "no-such-plan.yaml"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "error: plan file not found: no-such-plan.yaml\n  hint: check the path, or write a starter plan with `drill init`\n",
    });
    const flag = await run(["validate", "--jsn", "examples/river-flood.en.yaml"]);
    expect(flag.code).toBe(2);
    expect(flag.stdout).toBe("");
    expect(flag.stderr).toContain("unknown option '--jsn'");
    // The command as it was started: bin/drill from the top of the clone.
    expect(flag.stderr.endsWith("Run `./bin/drill --help` for the commands and flags.\n")).toBe(
      true,
    );
    const missing = await run(["validate"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'plan'");
  });

  it("prints JSON with --json", async () => {
    const result = await run(["validate", "--json", "test/fixtures/plans/cycle.yaml"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    expect(report.problems).toEqual([
      {
        severity: "error",
        location: { file: "test/fixtures/plans/cycle.yaml", line: 17, col: 16 },
        message: "hand-off cycle: E1 → E3 → E2 → E1",
        hint: "each expectation waits for the one before it, so none can start; remove one `after`",
      },
    ]);
  });
});

describe("drill schema", () => {
  it("prints the JSON Schema that examples/plan.schema.json holds", async () => {
    const result = await run(["schema"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(readFileSync(join(root, "examples", "plan.schema.json"), "utf8"));
  });
});

describe("drill init", () => {
  it("writes a Chinese starter that validates, and refuses to overwrite it", async () => {
    const dir = tempFolder();
    expect(await run(["init", "演练.yaml", "--lang", "zh"], dir)).toEqual({
      code: 0,
      stdout: "wrote 演练.yaml\nnext: drill validate 演练.yaml    then: drill run 演练.yaml\n",
      stderr: "",
    });
    const check = await run(["validate", "演练.yaml"], dir);
    expect(check.code).toBe(0);
    expect(check.stderr).toBe("");
    expect(await run(["init", "演练.yaml"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "error: 演练.yaml already exists\n  hint: pass --force to overwrite it, or give another file name\n",
    });
  });

  it("writes plan.yaml in English by default", async () => {
    const dir = tempFolder();
    expect((await run(["init"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "plan.yaml"), "utf8")).toContain("lang: en");
    expect((await run(["validate", "plan.yaml"], dir)).code).toBe(0);
  });
});
