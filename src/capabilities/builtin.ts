// The capability libraries that ship with drillbook: YAML files, embedded in the build as
// the data they hold (parsed at build time: a cold YAML parse would cost every start-up).

import { InputError } from "../errors.js";
import { type CapabilityCatalogue, catalogueOf } from "./catalogue.js";
import cnData from "./cn-epidemic.yaml?data";
import femaData from "./fema.yaml?data";
import { type CapabilityLibrary, libraryFromData } from "./library.js";

const SOURCES: readonly { file: string; data: unknown }[] = [
  { file: "fema.yaml", data: femaData },
  { file: "cn-epidemic.yaml", data: cnData },
];

let parsed: CapabilityLibrary[] | undefined;

/** The built-in libraries (fema, cn), parsed once. */
export function builtinLibraries(): readonly CapabilityLibrary[] {
  if (parsed) return parsed;
  parsed = SOURCES.map(({ file, data }) => {
    const { library, problems } = libraryFromData(data, file);
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
