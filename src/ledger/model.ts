// The rectification ledger (整改台账) as data: the improvement items a series of drills raised,
// who fixes each by when, where each stands, and what every drill showed about it. An item is
// tied to its finding by the finding's key, which names the cause by ids only, so the same
// problem has the same key in every drill of the plan, in both languages and across revisions.

import type { Lang } from "../core/plan.js";
import type { FindingKind, Poete } from "../review/model.js";

export const LEDGER_FORMAT = "drillbook-ledger/1";

export const LEDGER_STATUSES = [
  "open",
  "in-progress",
  "done-claimed",
  "verified",
  "reopened",
  "dropped",
] as const;

export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** Statuses of an item still being worked on: a due date can pass for these. */
export const ACTIVE: ReadonlySet<LedgerStatus> = new Set(["open", "in-progress", "reopened"]);

/** A drill applied to the ledger: its log as named, and when it started. */
export interface DrillRef {
  file: string;
  startedAt: string;
  /** The drill's day (YYYY-MM-DD) in the zone it was run in: due dates compare with it. */
  date: string;
  /** The plan's version, when it has one. */
  plan?: string;
}

export interface HistoryEntry {
  /** When: the drill's start, or the moment the item was edited. */
  at: string;
  status: LedgerStatus;
  /** The drill that showed it (evidence for `verified` and `reopened`). */
  drill?: string;
  /** What changed it: a drill, an edit (`drill ledger set`), or an imported sheet. */
  by: "drill" | "edit" | "import";
  note?: string;
}

export interface LedgerItem {
  /** R1, R2…: never reused. */
  id: string;
  /** The finding's key ("missed:E14", "blocker:supplies"), or "manual:<id>" for one added by hand. */
  finding: string;
  kind?: FindingKind;
  issue: string;
  /** The corrective action. */
  action: string;
  capability?: string;
  poete?: Poete;
  /** The responsible group (its id in the plan), and its name as the plan gives it. */
  owner?: string;
  ownerName?: string;
  /** The person responsible. */
  person?: string;
  /** Due date, YYYY-MM-DD. */
  due?: string;
  status: LedgerStatus;
  /** Why it was dropped. */
  reason?: string;
  /** Plan parts (expectation, group, inject ids) the finding is about: a drill in which none
   * of them fell due cannot show the finding gone. */
  about?: string[];
  /** The last drill that still showed the finding, and the drill that verified it (销号). */
  lastSeen?: string;
  verifiedBy?: string;
  history: HistoryEntry[];
}

export interface Ledger {
  format: typeof LEDGER_FORMAT;
  /** The language of the drills' plans: the ledger speaks it. */
  lang?: Lang;
  /** Drills applied, oldest first. */
  drills: DrillRef[];
  items: LedgerItem[];
}

/** A finding as a drill shows it: what a new item is made of. */
export interface DrillFinding {
  key: string;
  kind: FindingKind;
  issue: string;
  action: string;
  capability?: string;
  poete?: Poete;
  owner?: string;
  ownerName?: string;
  about: string[];
}

/** What the ledger needs of one drill. */
export interface LedgerDrill {
  ref: DrillRef;
  /** Not played through: it proves no finding gone. */
  partial: boolean;
  lang: Lang;
  /** Ids of the expectations that fell due in it, and of their groups and injects. */
  exercised: ReadonlySet<string>;
  /** In rank order. */
  findings: DrillFinding[];
}

export function emptyLedger(): Ledger {
  return { format: LEDGER_FORMAT, drills: [], items: [] };
}
