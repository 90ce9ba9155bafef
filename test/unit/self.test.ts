import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { selfCommand } from "../../src/self.js";

const root = resolve(import.meta.dirname, "../..");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;

describe("selfCommand", () => {
  it("is node with its flags and the script it runs", () => {
    expect(
      selfCommand({
        execPath: "/usr/local/bin/node",
        execArgv: ["--import", "tsx"],
        argv: ["/usr/local/bin/node", "/usr/local/bin/drill", "replay", "logs"],
      }),
    ).toEqual({
      command: "/usr/local/bin/node",
      args: ["--import", "tsx", "/usr/local/bin/drill"],
    });
  });

  it("starts bin/drill again", () => {
    const self = selfCommand({
      execPath: process.execPath,
      execArgv: [],
      argv: [process.execPath, join(root, "bin/drill"), "replay"],
    });
    const child = spawnSync(self.command, [...self.args, "--version"], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe(`${version}\n`);
  });
});
