// The capability libraries that ship with drillbook, embedded in the build as data files.

import { InputError } from "../errors.js";
import { type CapabilityCatalogue, catalogueOf } from "./catalogue.js";
import cnText from "./cn-epidemic.yaml?raw";
import femaText from "./fema.yaml?raw";
import { type CapabilityLibrary, parseLibrary } from "./library.js";

const SOURCES: readonly { file: string; text: string }[] = [
  { file: "fema.yaml", text: femaText },
  { file: "cn-epidemic.yaml", text: cnText },
];

let parsed: CapabilityLibrary[] | undefined;

/** The built-in libraries (fema, cn), parsed once. */
export function builtinLibraries(): readonly CapabilityLibrary[] {
  if (parsed) return parsed;
  parsed = SOURCES.map(({ file, text }) => {
    const { library, problems } = parseLibrary(text, file);
    // A shipped library that does not parse is a broken build, caught by its unit test.
    if (!library)
      throw new InputError(`built-in capability library ${file} is broken`, { problems });
    return library;
  });
  return parsed;
}

let catalogue: CapabilityCatalogue | undefined;

/** The built-in libraries as a catalogue, for plans that add no library of their own. */
export function builtinCatalogue(): CapabilityCatalogue {
  catalogue ??= catalogueOf(builtinLibraries());
  return catalogue;
}
