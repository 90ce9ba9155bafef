// How to start this same CLI again as a child process (replay's workers run `drill __worker`),
// whether it runs as bin/drill under node or as the single executable.
import { createRequire } from "node:module";

export interface SelfCommand {
  command: string;
  /** Arguments that come before the CLI's own (the script to run, node's flags). */
  args: string[];
}

/**
 * In the single executable, the executable itself; otherwise node with the flags it was
 * started with (as child_process.fork does: a loader such as tsx's keeps working) and the
 * script it runs (bin/drill, or whatever symlink on PATH pointed at it).
 */
export function selfCommand(
  proc: Pick<NodeJS.Process, "execPath" | "execArgv" | "argv"> = process,
): SelfCommand {
  if (isSingleExecutable()) return { command: proc.execPath, args: [] };
  const script = proc.argv[1];
  return { command: proc.execPath, args: script ? [...proc.execArgv, script] : [...proc.execArgv] };
}

/** `node:sea` exists from Node 20.12; before that there is no single executable to be in. */
export function isSingleExecutable(): boolean {
  // createRequire with any absolute path: only a built-in is loaded, and it works in the
  // ESM bundle, the CommonJS bundle of the executable and the tests alike.
  const require = createRequire(process.execPath);
  try {
    return (require("node:sea") as { isSea(): boolean }).isSea();
  } catch {
    return false;
  }
}
