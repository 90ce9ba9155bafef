// The logs of a batch: files named on the command line, and every *.jsonl under the folders
// named there (recursively), less anything inside the output folder. Each gets a display name
// (relative to the working folder when it is under it) and a place for its reports that
// mirrors where it was found, so two logs of the same name in different folders never clash.

import { readdir, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { UsageError } from "../errors.js";

export interface FoundLog {
  path: string;
  name: string;
  /** Path for its reports, relative to the output folder, without extension. */
  reportBase: string;
  /** Set when the mirrored name was taken by another log's (`y.jsonl` and `y.JSONL`, `z` and `z.jsonl`). */
  renamed?: true;
}

export interface FoundLogs {
  logs: FoundLog[];
  /** `*.jsonl` files under the folders given that were left out for being in the output folder. */
  excluded: number;
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function displayName(path: string, cwd: string): string {
  return inside(path, cwd) ? relative(cwd, path) : path;
}

/** The deepest folder holding every path. */
function commonFolder(paths: readonly string[]): string {
  const [first, ...rest] = paths.map((p) => dirname(p).split(sep));
  if (!first) return sep;
  let length = first.length;
  for (const parts of rest) {
    let i = 0;
    while (i < length && i < parts.length && parts[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join(sep) || sep;
}

export async function findLogs(
  paths: readonly string[],
  options: { cwd: string; exclude?: string },
): Promise<FoundLogs> {
  const found = new Set<string>();
  let excluded = 0;
  for (const given of paths) {
    const path = resolve(options.cwd, given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(
        error.code === "ENOENT"
          ? `no such log or folder: ${given}`
          : `cannot read ${given}: ${error.code ?? error.message}`,
        { hint: "give drill logs (.jsonl) or folders that hold them" },
      );
    });
    if (info.isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.toLowerCase().endsWith(".jsonl")) continue;
        // `parentPath` from Node 20.12; `path` before it.
        const folder =
          (entry as unknown as { parentPath?: string }).parentPath ??
          (entry as unknown as { path: string }).path;
        const file = join(folder, entry.name);
        if (options.exclude && inside(file, options.exclude)) {
          excluded++;
          continue;
        }
        found.add(file);
      }
    } else {
      found.add(path);
    }
  }
  const logs = [...found].sort();
  const base = commonFolder(logs);
  const natural = logs.map((path) =>
    join("reports", relative(base, path).replace(/\.jsonl$/i, "")),
  );
  return { logs: uniqueBases(logs, natural, options.cwd), excluded };
}

/**
 * Report places that never clash, even on a file system that ignores case: the first log to
 * want a name gets it, a later one gets `-2`, `-3`... (never a name another log wants).
 */
function uniqueBases(
  paths: readonly string[],
  natural: readonly string[],
  cwd: string,
): FoundLog[] {
  const key = (base: string) => base.toLowerCase();
  const wanted = new Set(natural.map(key));
  const taken = new Set<string>();
  return paths.map((path, i) => {
    const want = natural[i] as string;
    let reportBase = want;
    const clashes = (base: string) =>
      taken.has(key(base)) || (base !== want && wanted.has(key(base)));
    for (let n = 2; clashes(reportBase); n++) reportBase = `${want}-${n}`;
    taken.add(key(reportBase));
    return {
      path,
      name: displayName(path, cwd),
      reportBase,
      ...(reportBase !== want ? { renamed: true as const } : {}),
    };
  });
}
