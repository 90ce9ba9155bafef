// Finding the libraries a command is told of: a built-in id (fema, cn) or a library file of
// the user's own (same form as the built-in ones), read under the limits of every input.

import { resolve } from "node:path";
import { didYouMean } from "../core/suggest.js";
import { InputError, UsageError } from "../errors.js";
import { decodeText, type InputKind, readInputFile } from "../input.js";
import { builtinLibraries } from "./builtin.js";
import { type CapabilityCatalogue, catalogueOf } from "./catalogue.js";
import type { CapabilityLibrary } from "./library.js";
import { parseLibrary } from "./library-yaml.js";

const LIBRARY_INPUT: InputKind = {
  name: "capability library",
  file: "capability library file",
  pathHint: "give a built-in library (fema, cn) or the path of a library file (.yaml)",
  missingHint: "check the path given to --library, or name a built-in library: fema, cn",
};

/** One library: a built-in one by id, else a file. */
export async function findLibrary(ref: string, cwd: string): Promise<CapabilityLibrary> {
  const builtin = builtinLibraries().find((l) => l.id === ref);
  if (builtin) return builtin;
  if (!/[./\\]/.test(ref)) {
    const ids = builtinLibraries().map((l) => l.id);
    const near = didYouMean(ref, ids);
    throw new UsageError(`no built-in capability library "${ref}"`, {
      hint: `${near ? `${near} ` : ""}built-in libraries: ${ids.join(", ")}; or give the path of a library file`,
    });
  }
  const bytes = await readInputFile(resolve(cwd, ref), ref, LIBRARY_INPUT);
  const { library, problems } = parseLibrary(decodeText(bytes, ref, LIBRARY_INPUT), ref);
  if (!library) throw new InputError(`${ref}: the capability library has problems`, { problems });
  if (builtinLibraries().some((l) => l.id === library.id))
    throw new InputError(`${ref}: library id "${library.id}" is a built-in library's`, {
      location: { file: ref },
      hint: "give your library an id of its own, e.g. `library: ours`",
    });
  return library;
}

/** The built-in libraries and the user's own files, as one catalogue. */
export async function catalogueWith(
  files: readonly string[] | undefined,
  cwd: string,
): Promise<CapabilityCatalogue> {
  const extra: CapabilityLibrary[] = [];
  for (const file of files ?? []) {
    const library = await findLibrary(file, cwd);
    if (!builtinLibraries().includes(library)) extra.push(library);
  }
  return catalogueOf([...builtinLibraries(), ...extra]);
}
