import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, Option } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { completionSpec, renderBash, renderZsh } from "../../src/commands/completion.js";
import type { CommandContext } from "../../src/context.js";

// The completion scripts are generated from the real program in src/cli.ts; bash's is
// sourced in bash and its function called as bash would on <TAB>.

const ctx: CommandContext = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: process.stdin,
  cwd: process.cwd(),
  env: {},
  now: () => new Date(0),
};
const program = buildProgram(ctx, () => {});
const spec = completionSpec(program);

describe("completionSpec", () => {
  it("lists every command of the program, and help", () => {
    // Every command but replay's hidden worker.
    expect(spec.commands.map((c) => c.name)).toEqual([
      ...program.commands.map((c) => c.name()).filter((name) => name !== "__replay-worker"),
      "help",
    ]);
  });

  it("reads flags, values and choices from the options", () => {
    const review = spec.commands.find((c) => c.name === "review");
    expect(review?.options).toContainEqual({
      flags: ["--format"],
      description: "md, json, docx (Word) or html (default: from --out's extension, else md)",
      takesValue: true,
      valueName: "format",
      choices: ["md", "json", "docx", "html"],
    });
    expect(review?.options.find((o) => o.flags.includes("--out"))).toMatchObject({
      flags: ["-o", "--out"],
      takesValue: true,
      valueName: "file",
    });
    expect(review?.options.find((o) => o.flags.includes("--help"))?.takesValue).toBe(false);
    expect(spec.options.flatMap((o) => o.flags)).toEqual(["-V", "--version", "-h", "--help"]);
  });

  it("gives the shells as choices for `completion`, and command names for `help`", () => {
    const args = (name: string) => spec.commands.find((c) => c.name === name)?.arguments;
    expect(args("completion")).toEqual([
      { name: "shell", required: true, variadic: false, choices: ["bash", "zsh"] },
    ]);
    expect(args("help")?.[0]?.choices).toContain("validate");
    expect(args("help")?.[0]?.choices).not.toContain("help");
    expect(args("replay")?.[0]).toEqual({ name: "paths", required: true, variadic: true });
  });

  it("gives a command's own commands, with help naming them", () => {
    const ledger = spec.commands.find((c) => c.name === "ledger");
    expect(ledger?.commands.map((c) => c.name)).toEqual([
      "status",
      "set",
      "export",
      "import",
      "help",
    ]);
    expect(ledger?.commands.at(-1)?.arguments[0]?.choices).toEqual([
      "status",
      "set",
      "export",
      "import",
    ]);
    const set = ledger?.commands.find((c) => c.name === "set");
    expect(set?.arguments).toEqual([{ name: "id", required: true, variadic: false }]);
    expect(set?.options.find((o) => o.flags.includes("--owner"))?.takesValue).toBe(true);
    expect(spec.commands.find((c) => c.name === "review")?.commands).toEqual([]);
  });

  it("leaves out hidden commands and options", () => {
    const hidden = new Command("x");
    hidden.command("__worker", { hidden: true });
    hidden.command("shown").addOption(new Option("--secret").hideHelp());
    const names = completionSpec(hidden).commands.map((c) => c.name);
    expect(names).toEqual(["shown", "help"]);
    const shown = completionSpec(hidden).commands[0];
    expect(shown?.options.flatMap((o) => o.flags)).toEqual(["-h", "--help"]);
  });
});

describe("renderBash", () => {
  let dir: string;
  let script: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "drill-completion-"));
    script = join(dir, "drill.bash");
    writeFileSync(script, renderBash(spec));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What bash offers for the last word of `line` (an empty last word: after a space). */
  function complete(...words: string[]): string[] {
    const result = spawnSync(
      "bash",
      [
        "-c",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
        'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _drill; printf "%s\\n" "${COMPREPLY[@]}"',
        "bash",
        script,
        ...words,
      ],
      { encoding: "utf8" },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return result.stdout.split("\n").filter((line) => line !== "");
  }

  it("registers the function for drill", () => {
    const result = spawnSync("bash", ["-c", 'source "$1"; complete -p drill', "bash", script], {
      encoding: "utf8",
    });
    expect(result.stdout.trim()).toBe("complete -o default -F _drill drill");
  });

  it("completes command names", () => {
    expect(complete("drill", "val")).toEqual(["validate"]);
    expect(complete("drill", "re")).toEqual(["review", "replay"]);
    expect(complete("drill", "")).toEqual(spec.commands.map((c) => c.name));
  });

  it("completes a command's flags", () => {
    expect(complete("drill", "review", "--for")).toEqual(["--format", "--force"]);
    expect(complete("drill", "review", "log.jsonl", "--la")).toEqual(["--lang"]);
    expect(complete("drill", "review", "log.jsonl", "--l")).toEqual(["--lang", "--ledger"]);
    expect(complete("drill", "-")).toEqual(["-V", "--version", "-h", "--help"]);
  });

  it("completes a flag's choices, after a space or an equals sign", () => {
    expect(complete("drill", "review", "--format", "")).toEqual(["md", "json", "docx", "html"]);
    expect(complete("drill", "compare", "a", "b", "--format", "t")).toEqual(["text"]);
    expect(complete("drill", "run", "plan.yaml", "--lang", "=", "z")).toEqual(["zh"]);
    expect(complete("drill", "run", "plan.yaml", "--lang", "=")).toEqual(["zh", "en"]);
  });

  it("completes an argument's choices, counting past flags and their values", () => {
    expect(complete("drill", "completion", "")).toEqual(["bash", "zsh"]);
    expect(complete("drill", "help", "v")).toEqual(["validate", "verify"]);
    expect(complete("drill", "--help", "completion", "z")).toEqual(["zsh"]);
  });

  it("completes a command's commands, then their flags, choices and help", () => {
    expect(complete("drill", "ledger", "")).toEqual(["status", "set", "export", "import", "help"]);
    expect(complete("drill", "ledger", "s")).toEqual(["status", "set"]);
    expect(complete("drill", "ledger", "set", "--o")).toEqual(["--owner"]);
    expect(complete("drill", "ledger", "set", "R1", "--lang", "")).toEqual(["zh", "en"]);
    expect(complete("drill", "ledger", "status", "--format", "x")).toEqual(["xlsx"]);
    expect(complete("drill", "ledger", "help", "ex")).toEqual(["export"]);
    expect(complete("drill", "ledger", "-")).toEqual(["-h", "--help"]);
    // The item, the file to import: bash's own completion.
    expect(complete("drill", "ledger", "set", "")).toEqual([]);
    expect(complete("drill", "ledger", "import", "")).toEqual([]);
  });

  it("offers no file names for a value that is a number, a date or a text", () => {
    const bash = renderBash(spec);
    expect(bash).toContain("'ledger set --due') compopt +o default 2>/dev/null ;;");
    expect(bash).toContain("'run --speed') compopt +o default 2>/dev/null ;;");
    expect(bash).not.toContain("'review --out') compopt");
    // An item's id is no file either; a plan is.
    expect(bash).toMatch(
      /'ledger set'\) options='[^']*' values='[^']*' positionals=\(''\) notPaths='0' ;;/,
    );
    expect(bash).toMatch(
      /'validate'\) options='[^']*' values='[^']*' positionals=\(''\) notPaths='' ;;/,
    );
  });

  it("leaves file names, and unknown commands, to bash", () => {
    expect(complete("drill", "validate", "")).toEqual([]);
    expect(complete("drill", "review", "--out", "")).toEqual([]);
    expect(complete("drill", "review", "--lang", "en", "")).toEqual([]);
    expect(complete("drill", "nosuch", "")).toEqual([]);
  });

  it("refuses words a shell would split or expand", () => {
    const odd = new Command("drill");
    odd.command("x").addOption(new Option("--mode <m>").choices(["a b", "$(date)"]));
    expect(() => renderBash(completionSpec(odd))).toThrow(/cannot put "a b"/);
  });
});

describe("renderZsh", () => {
  const zsh = renderZsh(spec);

  it("is a #compdef function that works autoloaded or sourced", () => {
    expect(zsh.startsWith("#compdef drill\n")).toBe(true);
    expect(zsh).toContain(
      'if [[ $funcstack[1] == _drill ]]; then _drill "$@"; else compdef _drill drill; fi',
    );
  });

  it("describes every command, quoting what zsh would misread", () => {
    for (const command of spec.commands) expect(zsh).toContain(`        ${command.name})\n`);
    expect(zsh).toContain(
      "'schema:print the plan'\\''s JSON Schema (for editors with the YAML language server)'",
    );
    expect(zsh).toContain("'--lang=[language\\: zh or en]:lang:(zh en)'");
  });

  it("completes a command's commands with a function of their own", () => {
    expect(zsh).toContain("_drill_ledger() {\n");
    expect(zsh).toContain("        ledger)\n          _drill_ledger\n          ;;");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh, not a template
    expect(zsh).toContain("curcontext=${curcontext%:*:*}:drill-ledger-$line[1]:");
    expect(zsh).toContain(
      "'set:set an item'\\''s status, owner group, person responsible, due date or action'",
    );
    expect(zsh).toContain("'--owner=[the responsible group (责任单位)]:group: '");
  });

  it("completes values: choices, folders, files, or nothing for numbers", () => {
    expect(zsh).toContain(
      "'--format=[md, json, docx (Word) or html (default\\: from --out'\\''s extension, else md)]:format:(md json docx html)'",
    );
    expect(zsh).toContain(
      "'(-o --out)'{-o+,--out=}'[folder for the reports and the summary]:dir:_directories'",
    );
    expect(zsh).toContain("'--speed=[scenario minutes per real minute]:n: '");
    expect(zsh).toContain("'1:plan:_files'");
    expect(zsh).toContain("'1::file:_files'");
    expect(zsh).toContain("'*:paths:_files'");
    expect(zsh).toContain("'1:shell:(bash zsh)'");
  });

  const hasZsh = spawnSync("zsh", ["--version"]).error === undefined;
  it.skipIf(!hasZsh)("passes zsh's syntax check", () => {
    const check = spawnSync("zsh", ["-n"], { input: zsh, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});
