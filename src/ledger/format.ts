// The ledger file: plain YAML in the user's repository of plans, made to be read in a diff.
// Items by id, fields in one fixed order, one drill or history entry per list item, lines
// never folded; the same ledger always gives the same bytes. Reading checks every field and
// names the line of the first one wrong. Pure: text in, ledger out, and back.

import { LineCounter, parseDocument, stringify } from "yaml";
import * as z from "zod/mini";
import "../zod-messages.js";
import { InputError } from "../errors.js";
import { createLocator } from "../plan/locate.js";
import type { FindingKind, Poete } from "../review/model.js";
import { isDueDate } from "./edit.js";
import {
  type HistoryEntry,
  LEDGER_FORMAT,
  LEDGER_STATUSES,
  type Ledger,
  type LedgerItem,
} from "./model.js";

// Records, so that a kind or element added to the review fails to compile here until listed.
const KINDS: Record<FindingKind, true> = {
  blocker: true,
  "own-delay": true,
  overload: true,
  "critical-missed": true,
  "expectation-missed": true,
  "inject-unanswered": true,
  "group-silent": true,
  improvised: true,
  "role-confusion": true,
  observation: true,
};
const ELEMENTS: Record<Poete, true> = {
  plan: true,
  organisation: true,
  equipment: true,
  training: true,
  exercise: true,
};
const FINDING_KINDS = Object.keys(KINDS) as [FindingKind, ...FindingKind[]];
const POETE_ELEMENTS = Object.keys(ELEMENTS) as [Poete, ...Poete[]];

const text = z.string();
const due = z.string().check(z.refine(isDueDate, "a date written YYYY-MM-DD"));

const historySchema = z.strictObject({
  at: text,
  status: z.enum(LEDGER_STATUSES),
  drill: z.optional(text),
  by: z.enum(["drill", "edit", "import"]),
  note: z.optional(text),
});

const itemSchema = z.strictObject({
  id: z.string().check(z.regex(/^R\d+$/, "an id like R1")),
  finding: z.string().check(z.minLength(1)),
  kind: z.optional(z.enum(FINDING_KINDS)),
  issue: text,
  action: text,
  capability: z.optional(text),
  poete: z.optional(z.enum(POETE_ELEMENTS)),
  owner: z.optional(text),
  ownerName: z.optional(text),
  person: z.optional(text),
  due: z.optional(due),
  status: z.enum(LEDGER_STATUSES),
  reason: z.optional(text),
  about: z.optional(z.array(text)),
  lastSeen: z.optional(text),
  verifiedBy: z.optional(text),
  history: z.array(historySchema),
});

const ledgerSchema = z.strictObject({
  format: z.literal(LEDGER_FORMAT),
  lang: z.optional(z.enum(["en", "zh"])),
  drills: z.array(
    z.strictObject({ file: text, startedAt: text, date: text, plan: z.optional(text) }),
  ),
  items: z.array(itemSchema),
});

const HINT =
  "the ledger is written by drill review/replay --ledger and drill ledger set; fix the line or restore it from version control";

export function parseLedger(source: string, file: string): Ledger {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const locator = createLocator(doc, lineCounter, source, file);
  const [syntax] = doc.errors;
  if (syntax)
    throw new InputError(`the ledger is not valid YAML: ${syntax.message.split("\n")[0]}`, {
      location: locator.offset(syntax.pos[0]),
      hint: HINT,
    });
  const parsed = ledgerSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const path = (issue?.path ?? []).filter(
      (p): p is string | number => typeof p === "string" || typeof p === "number",
    );
    const where = path.length > 0 ? `${path.join(".")}: ` : "";
    throw new InputError(`not a drillbook ledger: ${where}${issue?.message ?? "bad value"}`, {
      location: locator.value(path),
      hint: HINT,
    });
  }
  const ledger = parsed.data as Ledger;
  const seen = new Set<string>();
  ledger.items.forEach((item, i) => {
    for (const [key, what] of [
      [item.id, "id"],
      [item.finding, "finding"],
    ] as const) {
      const mark = `${what}:${key}`;
      if (seen.has(mark))
        throw new InputError(`two items have the ${what} ${key}`, {
          location: locator.value(["items", i, what]),
          hint: "each item has its own id, and each finding key one item",
        });
      seen.add(mark);
    }
  });
  return ledger;
}

/** Present fields only, in this order. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

const ITEM_KEYS: readonly (keyof LedgerItem)[] = [
  "id",
  "finding",
  "kind",
  "issue",
  "action",
  "capability",
  "poete",
  "owner",
  "ownerName",
  "person",
  "due",
  "status",
  "reason",
  "about",
  "lastSeen",
  "verifiedBy",
  "history",
];
const HISTORY_KEYS: readonly (keyof HistoryEntry)[] = ["at", "status", "drill", "by", "note"];

function idNumber(id: string): number {
  return Number(id.slice(1));
}

export function ledgerToYaml(ledger: Ledger): string {
  const items = [...ledger.items]
    .sort((a, b) => idNumber(a.id) - idNumber(b.id))
    .map((item) => ({
      ...ordered(item, ITEM_KEYS),
      history: item.history.map((h) => ordered(h, HISTORY_KEYS)),
    }));
  const body = stringify(
    {
      format: ledger.format,
      ...(ledger.lang !== undefined ? { lang: ledger.lang } : {}),
      drills: ledger.drills.map((d) => ordered(d, ["file", "startedAt", "date", "plan"])),
      items,
    },
    { lineWidth: 0, minContentWidth: 0 },
  );
  return `# Rectification ledger (整改台账), kept by drillbook: drill ledger status shows it.\n${body}`;
}
