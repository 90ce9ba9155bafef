// What `drill ledger status` shows, as data: the items still being worked on by the group
// responsible, the overdue ones, the items each drill verified (销号), and the items claimed
// done that no drill has verified yet. Overdue is worked out against a day passed in (today
// for the command), never stored. Pure.

import { ACTIVE, type Ledger, type LedgerItem } from "./model.js";

export interface OwnerItems {
  /** The group id, or undefined for items nobody owns yet. */
  owner?: string;
  ownerName?: string;
  items: LedgerItem[];
}

export interface LedgerStatusView {
  today: string;
  /** Drills applied. */
  drills: number;
  counts: Record<LedgerItem["status"], number>;
  openByOwner: OwnerItems[];
  overdue: LedgerItem[];
  verified: { drill: string; items: LedgerItem[] }[];
  claimed: LedgerItem[];
  dropped: LedgerItem[];
}

export function isOverdue(item: LedgerItem, today: string): boolean {
  return ACTIVE.has(item.status) && item.due !== undefined && item.due < today;
}

/** Items ordered by id number: R2 before R10. */
function byId(a: LedgerItem, b: LedgerItem): number {
  return Number(a.id.slice(1)) - Number(b.id.slice(1));
}

export function ledgerStatus(ledger: Ledger, today: string): LedgerStatusView {
  const items = [...ledger.items].sort(byId);
  const counts = {
    open: 0,
    "in-progress": 0,
    "done-claimed": 0,
    verified: 0,
    reopened: 0,
    dropped: 0,
  };
  for (const item of items) counts[item.status]++;
  const owners = new Map<string, OwnerItems>();
  for (const item of items.filter((i) => ACTIVE.has(i.status))) {
    const key = item.owner ?? "";
    let group = owners.get(key);
    if (!group) {
      group = {
        ...(item.owner !== undefined ? { owner: item.owner } : {}),
        ...(item.ownerName !== undefined ? { ownerName: item.ownerName } : {}),
        items: [],
      };
      owners.set(key, group);
    }
    group.items.push(item);
  }
  // Owners by name; items nobody owns last.
  const openByOwner = [...owners.values()].sort((a, b) =>
    a.owner === undefined
      ? 1
      : b.owner === undefined
        ? -1
        : (a.ownerName ?? a.owner).localeCompare(b.ownerName ?? b.owner, "zh"),
  );
  const verifiedBy = new Map<string, LedgerItem[]>();
  for (const item of items.filter((i) => i.status === "verified" && i.verifiedBy)) {
    const drill = item.verifiedBy as string;
    verifiedBy.set(drill, [...(verifiedBy.get(drill) ?? []), item]);
  }
  // Drills in the order they were applied.
  const order = new Map(ledger.drills.map((d, i) => [d.file, i]));
  const verified = [...verifiedBy.entries()]
    .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map(([drill, list]) => ({ drill, items: list }));
  return {
    today,
    drills: ledger.drills.length,
    counts,
    openByOwner,
    overdue: items.filter((i) => isOverdue(i, today)),
    verified,
    claimed: items.filter((i) => i.status === "done-claimed"),
    dropped: items.filter((i) => i.status === "dropped"),
  };
}
