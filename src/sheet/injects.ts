// Raw inject rows → the plan's injects: ids (the sheet's own where they are ids), titles,
// recipients, expected actions with an owner and a time target, hand-offs and conditions
// resolved once every id is known. An action nobody is named for is kept in the inject's
// notes, never given to a made-up group. Pure.

import type { Expectation, Inject, InjectCondition, Objective } from "../core/plan.js";
import { formatDuration } from "../core/scenario-time.js";
import { parseConditionShorthand } from "../plan/condition.js";
import { isId } from "../plan/schema.js";
import type { GroupResolver } from "./groups.js";
import { slug } from "./groups.js";
import type { RawInject } from "./rows.js";
import { parseWithin, withinFromText } from "./times.js";

/** Time target given to an expected action when the sheet states none. */
export const DEFAULT_WITHIN_MINUTES = 60;

export interface BuiltInjects {
  /** In delivery order (sorted by time, rows at one time in the sheet's order). */
  injects: Inject[];
  /** The id each raw inject became. */
  ids: Map<RawInject, string>;
  warnings: string[];
  /** Rows whose inject names no recipient. */
  unaddressed: { sheet: string; row: number }[];
  /** Rows with an expected action no group is named for (kept in the notes). */
  ownerless: { sheet: string; row: number }[];
}

export function buildInjects(
  raws: readonly RawInject[],
  times: readonly number[],
  groups: GroupResolver,
  objectives: ObjectiveResolver,
  options: { within?: number; hasActionBy: boolean },
): BuiltInjects {
  const warnings: string[] = [];
  const injectIds = new IdAllocator("I");
  const expectationIds = new IdAllocator("E");
  const rawExpectationIds = new Map<string, string>();
  const ids = new Map<RawInject, string>();
  const unaddressed: BuiltInjects["unaddressed"] = [];
  const ownerless: BuiltInjects["ownerless"] = [];
  // Ids written in the sheet are kept first, so generated ones never take them.
  for (const raw of raws) {
    for (const e of raw.expectations) {
      const id = asId(e.rawId, "E");
      if (id && !expectationIds.has(id)) expectationIds.reserve(id);
    }
  }
  let untitled = 0;
  let defaultWithin = 0;
  let withinFromAction = 0;
  let ownerFromTo = 0;
  let everyone = 0;
  const built: { inject: Inject; raw: RawInject }[] = [];
  for (const [i, raw] of raws.entries()) {
    const id = injectIds.take(asId(raw.rawId, "I"), i + 1);
    ids.set(raw, id);
    let title = raw.title;
    let message = raw.message;
    if (title === "" && message === "") {
      untitled++;
      title = `${id}`;
      message = title;
    } else if (title === "") title = firstLine(message);
    else if (message === "") message = title;
    const to = groups.resolveList(raw.to);
    const expects: Expectation[] = [];
    const notes = [...raw.notes];
    for (const e of raw.expectations) {
      let owners: string[] = [];
      if (e.actionBy !== "") owners = groups.resolveList(e.actionBy);
      else {
        owners = firstRecipient(groups, e.to !== "" ? e.to : raw.to);
        if (owners.length > 0) ownerFromTo++;
      }
      if (owners.length > 1) everyone++;
      if (owners.length === 0) {
        notes.push(`Expected action (no group named): ${e.action}`);
        ownerless.push({ sheet: raw.sheet, row: e.rowNumber });
        continue;
      }
      let within = parseWithin(e.within);
      if (within === undefined) {
        within = withinFromText(e.action);
        if (within !== undefined) withinFromAction++;
      }
      if (within === undefined) {
        within = options.within ?? DEFAULT_WITHIN_MINUTES;
        defaultWithin++;
      }
      owners.forEach((group, n) => {
        const explicit = n === 0 ? asId(e.rawId, "E") : undefined;
        const eid =
          explicit && expectationIds.isReserved(explicit)
            ? expectationIds.claim(explicit)
            : expectationIds.next();
        if (n === 0 && e.rawId !== "") rawExpectationIds.set(e.rawId, eid);
        rawExpectationIds.set(eid, eid);
        const expectation: Expectation = {
          id: eid,
          inject: id,
          group,
          action: e.action,
          withinMinutes: within as number,
          after: splitIds(e.after),
          critical: e.critical,
        };
        if (e.objective !== "") expectation.objective = objectives.resolve(e.objective);
        expects.push(expectation);
      });
    }
    if (to.length === 0) {
      const owners = [...new Set(expects.map((e) => e.group))];
      if (owners.length > 0) to.push(...owners);
      else unaddressed.push({ sheet: raw.sheet, row: raw.rowNumber });
    }
    const inject: Inject = { id, atMinutes: times[i] ?? 0, title, message, to, expects };
    if (raw.phase !== "") inject.phase = raw.phase;
    if (notes.length > 0) inject.notes = notes.join("\n");
    built.push({ inject, raw });
  }
  // Hand-offs and conditions name expectations: resolve once every id is known.
  const dropped: string[] = [];
  for (const { inject, raw } of built) {
    for (const e of inject.expects) {
      e.after = e.after.flatMap((ref) => {
        const id = rawExpectationIds.get(ref);
        if (id && id !== e.id) return [id];
        dropped.push(`${e.id} after ${ref}`);
        return [];
      });
    }
    if (raw.condition !== "") {
      const condition = parseCondition(raw.condition);
      const id = condition ? rawExpectationIds.get(condition.expectation) : undefined;
      if (condition && id) inject.when = { expectation: id, status: condition.status };
      else {
        warnings.push(
          `row ${raw.rowNumber}: condition "${raw.condition}" not understood; kept in the notes`,
        );
        inject.notes = [inject.notes, `Condition: ${raw.condition}`].filter(Boolean).join("\n");
      }
    }
  }
  if (dropped.length > 0)
    warnings.push(`hand-offs naming unknown expectations were left out: ${dropped.join(", ")}`);
  if (untitled > 0)
    warnings.push(`${untitled} inject(s) had neither title nor message: titled by their id`);
  if (unaddressed.length > 0)
    warnings.push(
      `${unaddressed.length} inject(s) name no recipient and have no \`to\` (${rowList(unaddressed)}): add one in the plan if a group should receive them`,
    );
  if (ownerless.length > 0)
    warnings.push(
      `${ownerless.length} expected action(s) name no group (${rowList(ownerless)}): kept in the inject's notes`,
    );
  if (everyone > 0)
    warnings.push(
      `${everyone} expected action(s) are for every group (the row says "All", or names several): one expectation each`,
    );
  if (ownerFromTo > 0 && !options.hasActionBy)
    warnings.push(
      `${ownerFromTo} expected action(s) given to the first recipient on their row (no "action by" column)`,
    );
  if (withinFromAction > 0)
    warnings.push(
      `${withinFromAction} time target(s) read from the action text ("within 15 minutes")`,
    );
  if (defaultWithin > 0)
    warnings.push(
      `${defaultWithin} expected action(s) have no time target: ${formatDuration(options.within ?? DEFAULT_WITHIN_MINUTES)} assumed (edit \`within\`, or set \`within:\` in --map)`,
    );
  // Stable sort: rows at the same time keep the sheet's order.
  const injects = built
    .map(({ inject }, order) => ({ inject, order }))
    .sort((a, b) => a.inject.atMinutes - b.inject.atMinutes || a.order - b.order)
    .map((x) => x.inject);
  return { injects, ids, warnings, unaddressed, ownerless };
}

/**
 * Who an action on a row is for when the row names no owner: the first group it names, or
 * every group when it names only "All".
 */
function firstRecipient(groups: GroupResolver, text: string): string[] {
  if (text === "") return [];
  const explicit = groups.explicit(text);
  if (explicit.length > 0) return [explicit[0] as string];
  return groups.resolveList(text);
}

/** "row 5", "rows 5, 9 and 12", "Day 1!5" when several sheets were read. */
export function rowList(rows: readonly { sheet: string; row: number }[], max = 8): string {
  const sheets = new Set(rows.map((r) => r.sheet));
  const names = rows
    .slice(0, max)
    .map((r) => (sheets.size > 1 ? `${r.sheet}!${r.row}` : `${r.row}`));
  const more = rows.length > max ? `, … (${rows.length - max} more)` : "";
  return `${rows.length === 1 ? "row" : "rows"} ${names.join(", ")}${more}`;
}

/** Objectives named in the sheet, matched against an objectives table if there is one. */
export class ObjectiveResolver {
  private readonly entries: Objective[] = [];
  private readonly ids = new Set<string>();
  private numbered = 0;

  constructor(table: { id: string; title: string; capability: string }[]) {
    for (const row of table) {
      const title = row.title || row.id;
      if (title === "") continue;
      const objective: Objective = { id: this.newId(row.id, title), title };
      if (row.capability) objective.capability = row.capability;
      this.entries.push(objective);
    }
  }

  resolve(text: string): string {
    const clean = text.trim().replace(/\s+/g, " ");
    const key = clean.toLowerCase();
    const known =
      this.entries.find((e) => e.id.toLowerCase() === key) ??
      this.entries.find((e) => e.title.replace(/\s+/g, " ").toLowerCase() === key);
    if (known) return known.id;
    const objective: Objective = { id: this.newId("", clean), title: clean };
    this.entries.push(objective);
    return objective.id;
  }

  objectives(): Objective[] {
    return [...this.entries];
  }

  private newId(given: string, name: string): string {
    let id = isId(given) ? given : slug(name);
    if (!id) {
      do id = `o${++this.numbered}`;
      while (this.ids.has(id));
    }
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}-${n}`;
    this.ids.add(unique);
    return unique;
  }
}

class IdAllocator {
  private readonly used = new Set<string>();
  private readonly reserved = new Set<string>();
  private counter = 0;

  constructor(private readonly prefix: string) {}

  has(id: string): boolean {
    return this.used.has(id) || this.reserved.has(id);
  }
  reserve(id: string): void {
    this.reserved.add(id);
  }
  isReserved(id: string): boolean {
    return this.reserved.has(id) && !this.used.has(id);
  }
  claim(id: string): string {
    this.used.add(id);
    return id;
  }
  /** The id given, made unique; or the prefix and the row's order. */
  take(id: string | undefined, order: number): string {
    const base = id ?? `${this.prefix}${order}`;
    let unique = base;
    for (let n = 2; this.used.has(unique); n++) unique = `${base}-${n}`;
    this.used.add(unique);
    return unique;
  }
  next(): string {
    let id: string;
    do id = `${this.prefix}${++this.counter}`;
    while (this.has(id));
    this.used.add(id);
    return id;
  }
}

/** A sheet's inject or action number as an id: kept when it is one, `5-A` → `I5-A`. */
function asId(raw: string, prefix: string): string | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  if (isId(text)) return text;
  if (isId(`${prefix}${text}`)) return `${prefix}${text}`;
  const s = slug(text);
  if (!s) return undefined;
  return isId(s) ? s : `${prefix}${s}`;
}

function splitIds(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** `E5 missed or late` (as exported), `E5: missed, late`, `E5 逾期或超时`. */
export function parseCondition(text: string): InjectCondition | undefined {
  const parsed = parseConditionShorthand(text.trim().replace(/^(\S+?)\s*[:：]\s*/, "$1 "));
  return parsed.ok ? parsed.condition : undefined;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0]?.trim() ?? "";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
