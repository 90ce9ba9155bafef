// Reading what import reads and writing what import and export produce. An existing file
// is kept unless --force: an imported plan or an exported MSEL is often edited by hand.

import { readFile, stat } from "node:fs/promises";
import { InputError, UsageError } from "../errors.js";
import { writeOutput as writeFileOutput } from "../output.js";
import { type ByteSource, fileSource } from "./source.js";

/** Writes `data` to `path` (named `shown` in messages), atomically; see src/output.ts. */
export function writeOutput(
  path: string,
  shown: string,
  data: string | Uint8Array,
  force: boolean | undefined,
): Promise<void> {
  return writeFileOutput(path, shown, data, { force: force ?? false });
}

/** An input file's bytes; a missing one is a usage error (the path on the command line is wrong). */
export async function readInput(path: string, shown: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw inputError(error, shown, what);
  }
}

/** An input file to read as a stream, checked first: missing or a folder is a usage error. */
export async function openInput(path: string, shown: string, what: string): Promise<ByteSource> {
  let folder = false;
  try {
    folder = (await stat(path)).isDirectory();
  } catch (error) {
    throw inputError(error, shown, what);
  }
  if (folder) throw new UsageError(`${shown} is a folder, not a ${what}`);
  return fileSource(path);
}

function inputError(error: unknown, shown: string, what: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return new UsageError(`${what} not found: ${shown}`, { hint: "check the path" });
  if (code === "EISDIR") return new UsageError(`${shown} is a folder, not a ${what}`);
  return new InputError(`cannot read ${shown} (${code ?? String(error)})`, {
    location: { file: shown },
  });
}
