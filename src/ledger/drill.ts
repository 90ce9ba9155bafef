// What the ledger takes of one drill, from the drill's replay row (src/replay/row.ts): `drill
// review --ledger` and `drill replay --ledger` both go through it, so a drill reviewed alone
// and the same drill in a replay change the ledger alike. Pure.

import { drillDate } from "../replay/dates.js";
import { type DrillRow, DUE } from "../replay/row.js";
import { rootCauseOf } from "../review/causes.js";
import type { DrillFinding, LedgerDrill } from "./model.js";

/** The plan parts a finding key names: its expectation, group or inject (none for a blocker kind). */
export function aboutOf(key: string): string[] {
  const { rootCause } = rootCauseOf(key, () => false);
  return [rootCause.expectation, rootCause.group, rootCause.inject].filter(
    (id): id is string => id !== undefined && id !== "",
  );
}

export function ledgerDrillOf(row: DrillRow): LedgerDrill {
  const names = new Map(row.groups.map((g) => [g.id, g.name]));
  // What fell due in the drill: an action its contingency never called for, or a group sent
  // nothing, shows nothing about a finding on it.
  const exercised = new Set<string>();
  for (const e of row.expectations) {
    if (!DUE.has(e.status)) continue;
    exercised.add(e.id);
    exercised.add(e.group);
    exercised.add(e.inject);
  }
  const findings: DrillFinding[] = row.findings.map((f) => {
    const ownerName = f.group !== undefined ? names.get(f.group) : undefined;
    return {
      key: f.key,
      kind: f.kind,
      issue: f.text,
      action: f.action ?? "",
      ...(f.capability !== undefined ? { capability: f.capability } : {}),
      ...(f.poete !== undefined ? { poete: f.poete } : {}),
      ...(f.group !== undefined ? { owner: f.group } : {}),
      ...(ownerName !== undefined && ownerName !== f.group ? { ownerName } : {}),
      about: aboutOf(f.key),
    };
  });
  return {
    lang: row.lang,
    ref: {
      file: row.file,
      startedAt: row.startedAt,
      date: drillDate(row.startedAt, row.timeZone, false),
      ...(row.plan.version !== undefined ? { plan: row.plan.version } : {}),
    },
    partial: row.partial,
    exercised,
    findings,
  };
}
