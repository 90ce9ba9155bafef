import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { resumeCommand, runLive } from "../../src/console/live.js";
import type { CommandContext } from "../../src/context.js";
import { UsageError } from "../../src/errors.js";

function context(tty: { stdin: boolean; stdout: boolean }): CommandContext {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty.stdin });
  const out = { write: () => true, isTTY: tty.stdout };
  return { stdin, stdout: out, stderr: out, cwd: "/nonexistent", env: {}, now: () => new Date(0) };
}

describe("the live console", () => {
  it("needs an interactive terminal to type in, and points to --script otherwise", async () => {
    for (const tty of [
      { stdin: false, stdout: true },
      { stdin: false, stdout: false },
    ]) {
      const run = runLive("plan.yaml", {}, context(tty));
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(
        "the live console needs an interactive terminal; to run from a file use --script <decisions.yaml>",
      );
    }
  });

  it("prints a resume command that a shell takes as it is, with the command as invoked", () => {
    expect(resumeCommand("drill", "drills/演练-1.jsonl")).toBe(
      "drill run --resume drills/演练-1.jsonl",
    );
    expect(resumeCommand("./bin/drill", "my drills/it's.jsonl", "en")).toBe(
      "./bin/drill run --resume 'my drills/it'\\''s.jsonl' --lang en",
    );
  });
});
