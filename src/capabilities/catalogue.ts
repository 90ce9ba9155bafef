// The capabilities a plan may name: the built-in libraries and any the user adds, and how an
// objective's `capability` resolves against them: an id, a capability's own name or alias, a
// misspelt id (an error, with "did you mean"), or free text (accepted, with a warning: the
// review shows it, but no trend across plans can follow it).

import { nearest } from "../core/suggest.js";
import type { Capability, CapabilityLibrary } from "./library.js";

export interface CapabilityCatalogue {
  libraries: readonly CapabilityLibrary[];
  byId: ReadonlyMap<string, Capability>;
  /** Lower-cased names and aliases (both languages) → capability; the first library wins. */
  byName: ReadonlyMap<string, Capability>;
}

export function catalogueOf(libraries: readonly CapabilityLibrary[]): CapabilityCatalogue {
  const byId = new Map<string, Capability>();
  const byName = new Map<string, Capability>();
  for (const library of libraries)
    for (const c of library.capabilities) {
      if (!byId.has(c.id)) byId.set(c.id, c);
      for (const name of [c.name.en, c.name.zh, ...c.aliases]) {
        const key = name?.trim().toLowerCase();
        if (key && !byName.has(key)) byName.set(key, c);
      }
    }
  return { libraries, byId, byName };
}

export type CapabilityMatch =
  | { kind: "id"; capability: Capability }
  | { kind: "name"; capability: Capability }
  /** Written as an id of a known library, but the library has no such capability. */
  | { kind: "unknown-id"; library: string; suggestion?: string }
  | { kind: "free-text"; suggestion?: string };

/** `fema.planning`, `cn.tracing`: a library id, a dot, a slug; no spaces. */
const ID_FORM = /^([a-z][a-z0-9-]*)\.\S+$/;

export function resolveCapability(value: string, catalogue: CapabilityCatalogue): CapabilityMatch {
  const byId = catalogue.byId.get(value);
  if (byId) return { kind: "id", capability: byId };
  const byName = catalogue.byName.get(value.trim().toLowerCase());
  if (byName) return { kind: "name", capability: byName };
  const form = ID_FORM.exec(value);
  const library = form ? catalogue.libraries.find((l) => l.id === form[1]) : undefined;
  if (library) {
    const ids = library.capabilities.map((c) => c.id);
    // `fema.public-health` is the start of a longer id more often than a typing slip.
    const prefixed = ids.filter((id) => id.startsWith(value));
    const suggestion = prefixed.length === 1 ? prefixed[0] : nearest(value, ids);
    return { kind: "unknown-id", library: library.id, ...(suggestion ? { suggestion } : {}) };
  }
  const suggestion = nearestName(value, catalogue);
  return { kind: "free-text", ...(suggestion ? { suggestion } : {}) };
}

function nearestName(value: string, catalogue: CapabilityCatalogue): string | undefined {
  const names = [...catalogue.byName.keys()];
  const name = nearest(value.trim().toLowerCase(), names);
  return name === undefined ? undefined : catalogue.byName.get(name)?.id;
}

/** The capability an objective's `capability` stands for, if any library has it. */
export function capabilityOf(
  value: string | undefined,
  catalogue: CapabilityCatalogue,
): Capability | undefined {
  if (value === undefined) return undefined;
  const match = resolveCapability(value, catalogue);
  return match.kind === "id" || match.kind === "name" ? match.capability : undefined;
}
