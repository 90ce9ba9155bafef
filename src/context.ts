// What a command may touch of the outside world, passed in by the entry point so
// commands can be run in-process by tests with their own streams, folder and clock.

import { programName } from "./program.js";
import { isSingleExecutable } from "./self.js";

export interface OutputStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface CommandContext {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Wall clock. */
  now: () => Date;
  /** The user's time zone (IANA name), recorded in new logs. */
  timeZone?: string;
  /** Aborted on Ctrl-C by the entry point. */
  signal?: AbortSignal;
  /** The command that starts this CLI as the user ran it, for hints (default `drill`). */
  program?: string;
}

export function processContext(): CommandContext {
  const ctx: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
  // Asking Intl costs ~15 ms, and only commands that start a drill need it.
  Object.defineProperty(ctx, "timeZone", {
    get: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    enumerable: true,
  });
  // Looked up on the PATH only when a hint needs it.
  let program: string | undefined;
  Object.defineProperty(ctx, "program", {
    get: () => {
      program ??= programName({
        script: isSingleExecutable() ? process.execPath : process.argv[1],
        cwd: process.cwd(),
        path: process.env.PATH,
      });
      return program;
    },
    enumerable: true,
  });
  // A lazy getter, so only a command that reads `signal` (the live console) takes over
  // SIGINT; every other command, and a copy made with `{ ...ctx }`, keeps Node's default.
  Object.defineProperty(ctx, "signal", { get: interruptSignal, enumerable: false });
  return ctx;
}

let interrupt: AbortController | undefined;

/** Aborted by the first SIGINT; a second one stops the process as Node would have. */
function interruptSignal(): AbortSignal {
  if (!interrupt) {
    const controller = new AbortController();
    interrupt = controller;
    // Kept registered (not `once`): other SIGINT listeners (the prompts' exit hooks) re-raise
    // the signal when they find themselves alone.
    const onSigint = () => {
      if (!controller.signal.aborted) {
        controller.abort();
        return;
      }
      process.off("SIGINT", onSigint);
      process.kill(process.pid, "SIGINT");
    };
    process.on("SIGINT", onSigint);
  }
  return interrupt.signal;
}
