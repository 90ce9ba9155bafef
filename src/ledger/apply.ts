// A drill applied to the ledger: the loop 演练 → 复盘 → 整改 → 再演练 closed item by item. New
// findings become items (one item per finding key, ever: a key already in the ledger is never
// added twice); for each item the drill says what it shows — the finding gone: verified (销号)
// with the drill as evidence; still there: still open, overdue once past due; back after it
// was claimed done or verified: reopened. Pure: a ledger and a drill in, a new ledger out.

import { cleanText } from "../text.js";
import type { DrillFinding, HistoryEntry, Ledger, LedgerDrill, LedgerItem } from "./model.js";

export interface DrillOutcome {
  drill: string;
  /** The drill was not applied: the ledger has it already, or a later drill than it. */
  skipped?: "already-applied" | "older";
  added: string[];
  verified: string[];
  reopened: string[];
  /** Items still open whose finding the drill shows again, and of them the ones past due. */
  open: string[];
  overdue: string[];
  /** Items whose finding the drill could not show: none of what they are about fell due. */
  notExercised: string[];
  /** Dropped items whose finding the drill shows again (they stay dropped). */
  droppedRecurring: string[];
}

function outcome(drill: string): DrillOutcome {
  return {
    drill,
    added: [],
    verified: [],
    reopened: [],
    open: [],
    overdue: [],
    notExercised: [],
    droppedRecurring: [],
  };
}

/** The number after "R" of the highest id; ids are never reused. */
export function nextItemId(items: readonly LedgerItem[]): string {
  let highest = 0;
  for (const item of items) {
    const n = /^R(\d+)$/.exec(item.id)?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  }
  return `R${highest + 1}`;
}

function newItem(id: string, finding: DrillFinding, entry: HistoryEntry): LedgerItem {
  return {
    id,
    finding: finding.key,
    kind: finding.kind,
    // Cleaned once on the way in (src/text.ts): no control character reaches the file, the
    // terminal or a sheet, and so none is lost on a sheet's round trip.
    issue: cleanText(finding.issue),
    action: cleanText(finding.action),
    ...(finding.capability !== undefined ? { capability: cleanText(finding.capability) } : {}),
    ...(finding.poete !== undefined ? { poete: finding.poete } : {}),
    ...(finding.owner !== undefined ? { owner: finding.owner } : {}),
    ...(finding.ownerName !== undefined ? { ownerName: cleanText(finding.ownerName) } : {}),
    status: "open",
    ...(finding.about.length > 0 ? { about: [...finding.about] } : {}),
    lastSeen: entry.drill as string,
    history: [entry],
  };
}

export function applyDrill(
  ledger: Ledger,
  drill: LedgerDrill,
): { ledger: Ledger; outcome: DrillOutcome } {
  const { ref } = drill;
  const result = outcome(ref.file);
  if (ledger.drills.some((d) => d.file === ref.file && d.startedAt === ref.startedAt))
    return { ledger, outcome: { ...result, skipped: "already-applied" } };
  const last = ledger.drills.at(-1);
  if (last && Date.parse(ref.startedAt) < Date.parse(last.startedAt))
    return { ledger, outcome: { ...result, skipped: "older" } };

  const shown = new Map(drill.findings.map((f) => [f.key, f]));
  const entry = (status: LedgerItem["status"], note: string): HistoryEntry => ({
    at: ref.startedAt,
    status,
    drill: ref.file,
    by: "drill",
    note,
  });

  // Copy on write: items the drill leaves as they were are shared with the ledger given, so
  // a long history applied drill by drill costs what the drills change, not the whole ledger.
  const items = ledger.items.map((original): LedgerItem => {
    const present = shown.has(original.finding);
    if (original.status === "dropped") {
      if (present) result.droppedRecurring.push(original.id);
      return original;
    }
    if (present) {
      const item = { ...original, lastSeen: ref.file };
      if (item.status === "verified" || item.status === "done-claimed") {
        item.status = "reopened";
        delete item.verifiedBy;
        item.history = [...item.history, entry("reopened", "the finding recurred")];
        result.reopened.push(item.id);
      } else {
        result.open.push(item.id);
        if (item.due && item.due < ref.date) result.overdue.push(item.id);
      }
      return item;
    }
    // Absent. A drill not played through proves nothing; nor one in which the part never fell due.
    if (drill.partial || original.status === "verified") return original;
    const about = original.about ?? [];
    if (about.length > 0 && !about.some((id) => drill.exercised.has(id))) {
      result.notExercised.push(original.id);
      return original;
    }
    result.verified.push(original.id);
    return {
      ...original,
      status: "verified",
      verifiedBy: ref.file,
      history: [...original.history, entry("verified", "the finding is gone")],
    };
  });
  const next: Ledger = {
    ...ledger,
    lang: drill.lang,
    drills: [...ledger.drills, { ...ref }],
    items,
  };

  const known = new Set(next.items.map((i) => i.finding));
  for (const finding of drill.findings) {
    if (known.has(finding.key)) continue;
    known.add(finding.key);
    const id = nextItemId(next.items);
    next.items.push(newItem(id, finding, entry("open", "raised by the drill")));
    result.added.push(id);
  }
  return { ledger: next, outcome: result };
}
