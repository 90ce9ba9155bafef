// How the user started this CLI, so the commands that hints print run as written: `drill`
// when that name on the PATH is this very CLI (npm link, a global install), else the path
// they ran (`./bin/drill` in a fresh clone, the single executable wherever it lies).
import { realpathSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, relative } from "node:path";

export interface Invocation {
  /** The script node runs (process.argv[1]), or the executable itself. */
  script: string | undefined;
  cwd: string;
  path: string | undefined;
}

export function programName({ script, cwd, path }: Invocation): string {
  if (!script) return "drill";
  const self = real(script);
  for (const dir of (path ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "drill");
    if (isFile(candidate) && real(candidate) === self) return "drill";
  }
  const rel = relative(cwd, script);
  const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? `./${rel}` : script;
  return shellWord(shown);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Quotes a word for a POSIX shell when it needs it (Chinese file names do not). */
export function shellWord(text: string): string {
  return /^[\p{L}\p{N}_./:@%+=,-]+$/u.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The command that checks a log against its noted head, spelled as the CLI was started. */
export function verifyHeadCommand(program: string, logPath: string, head: string): string {
  return `${program} verify ${shellWord(logPath)} --head ${head.slice(0, 16)}`;
}
