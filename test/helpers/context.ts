// A CommandContext for running commands in-process, with captured output.
import { PassThrough } from "node:stream";
import type { CommandContext } from "../../src/context.js";

export function testContext(
  cwd: string,
  options: { tty?: boolean; env?: Record<string, string>; now?: Date } = {},
) {
  const out = { text: "", err: "" };
  const ctx: CommandContext = {
    stdout: {
      write: (chunk: string) => {
        out.text += chunk;
        return true;
      },
      isTTY: options.tty ?? false,
    },
    stderr: {
      write: (chunk: string) => {
        out.err += chunk;
        return true;
      },
    },
    stdin: new PassThrough(),
    cwd,
    env: options.env ?? {},
    now: () => options.now ?? new Date("2026-11-24T12:00:00Z"),
    timeZone: "Asia/Shanghai",
  };
  return { ctx, out };
}
