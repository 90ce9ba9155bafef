import { cpSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIRST_STEPS } from "../../src/commands/intro.js";
import { drill, ROOT, runProcess, tempDir } from "../helpers/cli.js";

// A newcomer's first commands: the version, `drill` alone, and the messages for typos.

const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;

describe("drill --version", () => {
  it("prints the package's version, long or short", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await drill([flag]);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("is commander's when it comes with other words", async () => {
    const result = await drill(["-V", "validate"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("drill with no arguments", () => {
  it("says what drill is, the commands most people need, and what to try first", async () => {
    const result = await drill([], { env: { LANG: "C" } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`drill ${version}`);
    expect(lines[1]).toMatch(/tabletop drills.*after-action review/);
    // The commands as this CLI was started: bin/drill from the top of the clone.
    for (const step of FIRST_STEPS)
      expect(result.stdout).toContain(`  ./bin/drill ${step.command} ${step.example}  `);
    expect(result.stdout).toContain("\n  ./bin/drill demo\n");
    expect(result.stdout).toContain("./bin/drill --help");
    // Not the full help: no option table.
    expect(result.stdout).not.toContain("Options:");
  });

  it("speaks Chinese on a Chinese system", async () => {
    const result = await drill([], { env: { LANG: "zh_CN.UTF-8" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("常用命令：");
    expect(result.stdout).toContain("生成复盘报告");
    expect(result.stdout).toContain("\n  ./bin/drill demo\n");
  });

  it("names only commands that exist", async () => {
    for (const step of [...FIRST_STEPS.map((s) => s.command), "demo"]) {
      const result = await drill([step, "--help"]);
      expect(result.code, step).toBe(0);
      expect(result.stdout).toContain(`Usage: drill ${step}`);
    }
  });
});

describe("mistyped commands, flags and values", () => {
  it("suggests the nearest command, exit 2", async () => {
    const result = await drill(["valdate", "plan.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("error: unknown command 'valdate'\n(Did you mean validate?)");
  });

  it("suggests the nearest flag, exit 2", async () => {
    const result = await drill(["review", "a.jsonl", "--fromat", "md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--fromat'\n(Did you mean --format?)");
  });

  it("lists the allowed values of --lang, exit 2", async () => {
    const result = await drill(["review", "a.jsonl", "--lang", "zn"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'zn' is invalid. Allowed choices are zh, en.");
  });
});

describe("an installation with a file missing from dist/", () => {
  /** bin/, package.json and dist/ copied, then `remove` gives the module to take away. */
  const brokenCopy = (remove: (modules: string) => string) => {
    const dir = tempDir();
    for (const part of ["bin", "dist", "package.json"])
      cpSync(join(ROOT, part), join(dir.path, part), { recursive: true });
    rmSync(remove(join(dir.path, "dist/modules")));
    return dir;
  };

  it("names the missing module and how to mend it, exit 1, no stack trace", async () => {
    const cases: [string, (modules: string) => string][] = [
      ["the entry module", (modules) => join(modules, "cli.js")],
      [
        "a command's module",
        (modules) =>
          join(
            modules,
            "chunks",
            readdirSync(join(modules, "chunks")).find((f) => /^validate-.*\.js$/.test(f)) ?? "",
          ),
      ],
    ];
    for (const [what, remove] of cases) {
      const dir = brokenCopy(remove);
      try {
        const result = await runProcess(process.execPath, [
          join(dir.path, "bin/drill"),
          "validate",
          join(ROOT, "examples/pooled-positive.zh.yaml"),
        ]);
        expect(result.code, what).toBe(1);
        expect(result.stderr, what).toMatch(
          /^drill: this installation is incomplete: .*dist\/modules\/.*\.js is missing\n {2}hint: build it again \(npm run build\) or reinstall drillbook\n$/,
        );
      } finally {
        dir.remove();
      }
    }
  });
});
