// Which capabilities of a library a drill programme exercises: per capability, the plans with
// an objective that names it (by id or name). A capability no plan exercises is a gap in the
// programme itself, not in any one drill. Pure.

import type { Plan } from "../core/plan.js";
import { type CapabilityCatalogue, capabilityOf } from "./catalogue.js";
import type { CapabilityLibrary } from "./library.js";

export interface CapabilityCoverage {
  id: string;
  /** Plan files with an objective that exercises it, in the order given. */
  plans: string[];
  /** Those objectives, as `file#O1`. */
  objectives: string[];
}

export interface Coverage {
  library: string;
  capabilities: CapabilityCoverage[];
  /** Capabilities no plan exercises. */
  never: string[];
}

export function coverageOf(
  library: CapabilityLibrary,
  plans: readonly { file: string; plan: Plan }[],
  catalogue: CapabilityCatalogue,
): Coverage {
  const rows = new Map<string, CapabilityCoverage>(
    library.capabilities.map((c) => [c.id, { id: c.id, plans: [], objectives: [] }]),
  );
  for (const { file, plan } of plans)
    for (const objective of plan.objectives) {
      const row = rows.get(capabilityOf(objective.capability, catalogue)?.id ?? "");
      if (!row) continue;
      if (!row.plans.includes(file)) row.plans.push(file);
      row.objectives.push(`${file}#${objective.id}`);
    }
  const capabilities = [...rows.values()];
  return {
    library: library.id,
    capabilities,
    never: capabilities.filter((c) => c.plans.length === 0).map((c) => c.id),
  };
}
