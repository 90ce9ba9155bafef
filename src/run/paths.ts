import { isAbsolute, relative } from "node:path";

/** Relative to the working folder when inside it, so the printed commands are short. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
