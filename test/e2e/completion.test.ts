import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { drill, tempDir } from "../helpers/cli.js";

// `drill completion bash` as a user installs it: the printed script sourced in bash.

describe("drill completion", () => {
  let remove = () => {};
  afterEach(() => remove());

  it("prints a bash script that completes commands and flags", async () => {
    const dir = tempDir();
    remove = dir.remove;
    const result = await drill(["completion", "bash"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const script = join(dir.path, "drill.bash");
    writeFileSync(script, result.stdout);
    const complete = (...words: string[]) =>
      spawnSync(
        "bash",
        [
          "-c",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
          'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _drill; echo "${COMPREPLY[*]}"',
          "bash",
          script,
          ...words,
        ],
        { encoding: "utf8" },
      ).stdout.trim();
    expect(complete("drill", "val")).toBe("validate");
    expect(complete("drill", "review", "--for")).toBe("--format --force");
    expect(complete("drill", "review", "--format", "")).toBe("md json docx html");
  });

  it("prints a zsh script", async () => {
    const result = await drill(["completion", "zsh"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^#compdef drill\n/);
  });

  it("names the shells it knows, exit 2", async () => {
    const result = await drill(["completion", "fish"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Allowed choices are bash, zsh.");
  });
});
