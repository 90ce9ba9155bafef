// Changes people make to an item — by `drill ledger set` or in the office's sheet: who is
// responsible, by when, the corrective action, and where it stands. Every change is kept in
// the item's history. Only a drill verifies an item (销号 needs a drill as evidence), and a
// dropped item says why. Pure.

import { isValid, parseISO } from "date-fns";
import type { Poete } from "../review/model.js";
import { cleanText } from "../text.js";
import { LEDGER_STATUSES, type Ledger, type LedgerItem, type LedgerStatus } from "./model.js";

export interface ItemChanges {
  status?: LedgerStatus;
  reason?: string;
  owner?: string;
  person?: string;
  due?: string;
  issue?: string;
  action?: string;
  capability?: string;
  poete?: Poete;
}

export interface EditContext {
  /** The moment of the edit (ISO). */
  at: string;
  by: "edit" | "import";
}

export function isLedgerStatus(text: string): text is LedgerStatus {
  return (LEDGER_STATUSES as readonly string[]).includes(text);
}

/** Whether `text` is a calendar date written YYYY-MM-DD. */
export function isDueDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isValid(parseISO(text));
}

/** What is wrong with a change to `item`, in words; undefined when it may be made. */
export function changeProblem(item: LedgerItem, changes: ItemChanges): string | undefined {
  if (changes.status === "verified" && item.status !== "verified")
    return `${item.id} cannot be set verified by hand: only a drill that no longer shows its finding verifies it`;
  if (changes.due !== undefined && changes.due !== "" && !isDueDate(changes.due))
    return `due date ${JSON.stringify(changes.due)} is not a date written YYYY-MM-DD`;
  const status = changes.status ?? item.status;
  const reason = changes.reason ?? item.reason;
  if (status === "dropped" && (reason === undefined || reason.trim() === ""))
    return `${item.id} can be dropped only with a reason`;
  return undefined;
}

/** The group an owner text names: a group id or name some item already has, else the text. */
function ownerOf(ledger: Ledger, text: string): { owner?: string; ownerName?: string } {
  if (text === "") return {};
  const byId = ledger.items.find((i) => i.owner === text);
  if (byId) return { owner: text, ...(byId.ownerName ? { ownerName: byId.ownerName } : {}) };
  const byName = ledger.items.find((i) => i.ownerName === text && i.owner !== undefined);
  if (byName) return { owner: byName.owner as string, ownerName: text };
  return { owner: text };
}

function setText(
  item: LedgerItem,
  field: "person" | "due" | "reason" | "capability",
  value: string,
): void {
  if (value === "") delete item[field];
  else item[field] = value;
}

/**
 * The ledger with the changes made to item `id` (which must exist, and `changeProblem` must
 * have passed); unchanged, the same ledger comes back, so a sheet exported and imported again
 * leaves the ledger as it was.
 */
export function editItem(
  ledger: Ledger,
  id: string,
  changes: ItemChanges,
  context: EditContext,
): { ledger: Ledger; changed: boolean } {
  const next = structuredClone(ledger);
  const item = next.items.find((i) => i.id === id);
  if (!item) return { ledger, changed: false };
  // What people type is cleaned as it comes in, as the drills' texts are (apply.ts).
  changes = Object.fromEntries(
    Object.entries(changes).map(([k, v]) => [k, typeof v === "string" ? cleanText(v) : v]),
  ) as ItemChanges;
  const notes: string[] = [];
  if (changes.owner !== undefined) {
    const owner = ownerOf(next, changes.owner);
    if (owner.owner !== item.owner || owner.ownerName !== item.ownerName) {
      delete item.owner;
      delete item.ownerName;
      Object.assign(item, owner);
      notes.push(`owner: ${owner.ownerName ?? owner.owner ?? "-"}`);
    }
  }
  for (const field of ["person", "due", "capability"] as const) {
    const value = changes[field];
    if (value !== undefined && value !== (item[field] ?? "")) {
      setText(item, field, value);
      notes.push(`${field}: ${value === "" ? "-" : value}`);
    }
  }
  for (const field of ["issue", "action"] as const) {
    const value = changes[field];
    if (value !== undefined && value !== item[field]) {
      item[field] = value;
      notes.push(`${field} reworded`);
    }
  }
  if (changes.poete !== undefined && changes.poete !== item.poete) {
    item.poete = changes.poete;
    notes.push(`poete: ${changes.poete}`);
  }
  const status = changes.status ?? item.status;
  const reason = status === "dropped" ? (changes.reason ?? item.reason ?? "") : "";
  const statusChanged = status !== item.status;
  if (statusChanged || reason !== (item.reason ?? "")) {
    item.status = status;
    setText(item, "reason", reason);
    if (reason !== "") notes.push(`reason: ${reason}`);
  }
  if (!statusChanged && notes.length === 0) return { ledger, changed: false };
  item.history.push({
    at: context.at,
    status: item.status,
    by: context.by,
    ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
  });
  return { ledger: next, changed: true };
}
