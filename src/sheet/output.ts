// Writing what import and export produce. An existing file is kept unless --force: an
// imported plan or an exported MSEL is often edited by hand afterwards.

import { readFile, writeFile } from "node:fs/promises";
import { InputError, UsageError } from "../errors.js";

export async function writeOutput(
  path: string,
  shown: string,
  data: string | Uint8Array,
  force: boolean | undefined,
): Promise<void> {
  try {
    // `wx` refuses an existing file in the same step that creates it.
    await writeFile(path, data, { flag: force ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new UsageError(`${shown} already exists`, {
        hint: "pass --force to overwrite it, or give another file name",
      });
    if (code === "ENOENT")
      throw new UsageError(`cannot write ${shown}: its folder does not exist`, {
        hint: "create the folder first, or give another path",
      });
    throw new UsageError(`cannot write ${shown} (${code ?? String(error)})`, {
      hint: "check that the folder can be written",
    });
  }
}

/** An input file's bytes; a missing one is a usage error (the path on the command line is wrong). */
export async function readInput(path: string, shown: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new UsageError(`${what} not found: ${shown}`, { hint: "check the path" });
    if (code === "EISDIR") throw new UsageError(`${shown} is a folder, not a ${what}`);
    throw new InputError(`cannot read ${shown} (${code ?? String(error)})`, {
      location: { file: shown },
    });
  }
}
