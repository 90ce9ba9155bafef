// The groups an imported plan has: those of a roster table if the workbook has one, and every
// name written in a recipient or "action by" cell. Spelling variants of one group are merged,
// the variants kept as its aliases: the same name up to case, spaces, hyphens and punctuation
// (`J4`, `J-4`), a known prefix (`JOC J4` where JOC is a group of its own or prefixes other
// names), and a word shortened to its first letters (`JTF-S`, `JTF South`). "All" / "全体"
// is every group, never a group of its own. A mapping file's `groups:` decides a name's group.
// Names are all seen first (`note`), then merged (`settle`), then resolved. Pure.

import type { Group, Lang } from "../core/plan.js";
import { isId } from "../plan/schema.js";
import { cellText } from "./cells.js";
import type { SideTable } from "./layout.js";
import type { GroupRule } from "./mapping.js";
import type { GroupColumn } from "./vocabulary.js";

/** Recipients that mean every group. */
const EVERYONE = new Set([
  "all",
  "allparticipants",
  "allplayers",
  "allagencies",
  "allgroups",
  "allteams",
  "allstaff",
  "allorganizations",
  "allorganisations",
  "everyone",
  "everybody",
  "全体",
  "全部",
  "所有",
  "全体人员",
  "所有人员",
  "所有单位",
  "各组",
  "各工作组",
  "所有组",
  "全体参演单位",
  "全体参演人员",
]);

export interface GroupMerge {
  id: string;
  name: string;
  /** The spellings merged into it, as the sheet writes them. */
  aliases: string[];
  /** Why, in a few words: "same up to case and punctuation", `"JOC" read as a prefix`. */
  why: string[];
}

interface Entry {
  id: string;
  /** When its first spelling was seen (a roster's groups come first), to list groups in that order. */
  order: number;
  group: Group;
  /** Spellings merged into this group, as the sheet writes them. */
  aliases: Set<string>;
  why: Set<string>;
}

/** `JOC J-4` → `jocj4`: case, spaces, hyphens and punctuation ignored. */
export function groupKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

/** `JOC J-4` → [`joc`, `j4`]: words, with a hyphen between a letter and a digit dropped. */
function groupWords(name: string): string[] {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(\p{L})-(\p{N})/gu, "$1$2")
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((w) => w !== "");
}

interface Seen {
  /** Every spelling of this key, with how often it is written. */
  spellings: Map<string, number>;
  count: number;
  order: number;
}

export class GroupResolver {
  private readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly seen = new Map<string, Seen>();
  private readonly ruled = new Map<string, string>();
  private readonly ids = new Set<string>();
  private numbered = 0;
  private settled = false;
  private allUsed = false;
  private stand: string | undefined;
  private readonly lists = new Map<string, string[]>();
  private readonly named = new Map<string, string[]>();

  constructor(
    table: SideTable<GroupColumn> | undefined,
    rules: readonly GroupRule[],
    private readonly lang: Lang,
  ) {
    for (const rule of rules) this.ruled.set(groupKey(rule.name), rule.id);
    if (!table) return;
    for (const { values } of table.rows) {
      const get = (key: GroupColumn) => {
        const index = table.columns.get(key);
        return index === undefined ? "" : cellText(values[index]);
      };
      const name = get("name") || get("group-id");
      if (name === "") continue;
      const group: Group = {
        id: this.newId(get("group-id"), name),
        name,
        members: splitList(get("members")),
        responsibilities: splitLines(get("responsibilities")),
      };
      const lead = get("lead");
      if (lead) group.lead = lead;
      const capacity = Number(get("capacity"));
      if (get("capacity") !== "" && Number.isInteger(capacity) && capacity > 0)
        group.capacity = capacity;
      const aliases = splitList(get("aliases"));
      if (aliases.length > 0) group.aliases = aliases;
      this.add(group);
    }
  }

  /** A recipient or "action by" cell, seen before any is resolved. */
  note(text: string): void {
    for (const name of this.split(text)) {
      const key = groupKey(name);
      if (key === "") continue;
      if (EVERYONE.has(key) && !this.byKey.has(key)) {
        this.allUsed = true;
        continue;
      }
      let seen = this.seen.get(key);
      if (!seen) {
        seen = { spellings: new Map(), count: 0, order: this.seen.size };
        this.seen.set(key, seen);
      }
      seen.count++;
      seen.spellings.set(name, (seen.spellings.get(name) ?? 0) + 1);
    }
  }

  /** Merges the names seen into groups; after this, names resolve. */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    // Shorter names first, so that `J4` is there when `JOC J4` comes; then the most written.
    const words = (seen: Seen) => groupWords(seen.spellings.keys().next().value ?? "").length;
    const order = [...this.seen.entries()]
      .filter(([key]) => !this.byKey.has(key))
      .sort(([, x], [, y]) => words(x) - words(y) || y.count - x.count || x.order - y.order);
    for (const [key, seen] of order) {
      const spellings = [...seen.spellings.entries()].sort((a, b) => b[1] - a[1]);
      const name = (spellings[0] as [string, number])[0];
      const ruled = this.ruled.get(key);
      let entry: Entry;
      if (ruled !== undefined) {
        const target = this.entries.find((e) => e.id === ruled);
        if (target) {
          entry = target;
          this.alias(entry, key, name, "the mapping file's `groups:`");
        } else
          entry = this.add(
            { id: this.claimId(ruled), name, members: [], responsibilities: [] },
            key,
          );
      } else {
        const twin = this.nearDuplicate(name, key);
        if (twin) {
          entry = twin.entry;
          this.alias(entry, key, name, twin.why);
        } else
          entry = this.add(
            { id: this.newId("", name), name, members: [], responsibilities: [] },
            key,
          );
      }
      for (const [spelling] of spellings.slice(1))
        this.alias(entry, key, spelling, "same up to case and punctuation");
    }
    // No group named anywhere: a plan needs one, so the participants as a whole are it.
    if (this.entries.length === 0) {
      const name = this.allUsed
        ? this.lang === "zh"
          ? "全体"
          : "All"
        : this.lang === "zh"
          ? "参演人员"
          : "Players";
      this.stand = this.add({
        id: this.newId("", name === "参演人员" ? "players" : name),
        name,
        members: [],
        responsibilities: [],
      }).id;
    }
  }

  /** The one group made because the sheet names none, if it was. */
  standIn(): string | undefined {
    this.settle();
    return this.stand;
  }

  /** Group ids of a recipient cell ("JOC, All" → JOC's id and every other group's). */
  resolveList(text: string): string[] {
    this.settle();
    // The same few recipient cells come back on row after row.
    const known = this.lists.get(text);
    if (known) return [...known];
    const ids: string[] = [];
    for (const name of this.split(text))
      for (const id of this.resolveName(name)) if (!ids.includes(id)) ids.push(id);
    if (this.lists.size < 10_000) this.lists.set(text, ids);
    return [...ids];
  }

  /** The groups a name stands for: one, every group for "All", none for a blank. */
  resolveName(name: string): string[] {
    this.settle();
    const key = groupKey(name);
    if (key === "") return [];
    const entry = this.byKey.get(key);
    if (entry) return [entry.id];
    if (EVERYONE.has(key)) return this.ordered().map((e) => e.id);
    // A name not noted before settling: a group of its own.
    const made = this.add(
      { id: this.newId("", name), name: name.trim(), members: [], responsibilities: [] },
      key,
    );
    return [made.id];
  }

  /** The groups a recipient cell names one by one, leaving out "All". */
  explicit(text: string): string[] {
    this.settle();
    const known = this.named.get(text);
    if (known) return [...known];
    const ids: string[] = [];
    for (const name of this.split(text)) {
      const key = groupKey(name);
      if (EVERYONE.has(key) && !this.byKey.has(key)) continue;
      for (const id of this.resolveName(name)) if (!ids.includes(id)) ids.push(id);
    }
    if (this.named.size < 10_000) this.named.set(text, ids);
    return [...ids];
  }

  groups(): Group[] {
    this.settle();
    return this.ordered().map((e) => {
      const group = { ...e.group };
      const aliases = [...(group.aliases ?? []), ...e.aliases].filter((a) => a !== group.name);
      if (aliases.length > 0) group.aliases = [...new Set(aliases)];
      return group;
    });
  }

  /** The merges made, for the report: every group that took in other spellings. */
  merges(): GroupMerge[] {
    this.settle();
    return this.ordered()
      .filter((e) => e.aliases.size > 0)
      .map((e) => ({ id: e.id, name: e.group.name, aliases: [...e.aliases], why: [...e.why] }));
  }

  /** Roster groups in the roster's order, then the others as the sheet first names them. */
  private ordered(): Entry[] {
    return this.entries
      .map((entry, i) => ({ entry, i }))
      .sort((a, b) => a.entry.order - b.entry.order || a.i - b.i)
      .map((x) => x.entry);
  }

  private split(text: string): string[] {
    const names: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      const whole = line.trim();
      if (whole === "") continue;
      // A roster name may hold a comma of its own: keep it whole.
      if (this.byKey.has(groupKey(whole))) names.push(whole);
      else
        for (const part of whole.split(/[,，、;；]/))
          if (part.trim() !== "") names.push(part.trim());
    }
    return names;
  }

  private add(group: Group, seenKey?: string): Entry {
    const order = seenKey === undefined ? -1 : (this.seen.get(seenKey)?.order ?? this.seen.size);
    const entry: Entry = { id: group.id, order, group, aliases: new Set(), why: new Set() };
    this.entries.push(entry);
    const keys = [group.id, group.name, ...(group.aliases ?? [])].map(groupKey);
    for (const key of keys) if (key !== "" && !this.byKey.has(key)) this.byKey.set(key, entry);
    if (seenKey !== undefined) this.byKey.set(seenKey, entry);
    return entry;
  }

  private alias(entry: Entry, key: string, spelling: string, why: string): void {
    this.byKey.set(key, entry);
    const order = this.seen.get(key)?.order;
    if (order !== undefined && entry.order >= 0 && order < entry.order) entry.order = order;
    if (spelling === entry.group.name || entry.aliases.has(spelling)) return;
    entry.aliases.add(spelling);
    entry.why.add(why);
  }

  /** An existing group this name is a spelling variant of, and why. */
  private nearDuplicate(name: string, key: string): { entry: Entry; why: string } | undefined {
    const words = groupWords(name);
    // `JOC J4` → `J4`: a first word that is a group of its own.
    if (words.length >= 2) {
      const [prefix, ...rest] = words as [string, ...string[]];
      const target = this.byKey.get(rest.join(""));
      if (target && this.isGroup(prefix))
        return { entry: target, why: `"${prefix.toUpperCase()}" read as a prefix` };
    }
    for (const entry of this.entries) {
      if (groupKey(entry.group.name) === key)
        return { entry, why: "same up to case and punctuation" };
      const other = groupWords(entry.group.name);
      if (abbreviates(words, other) || abbreviates(other, words))
        return { entry, why: "a word shortened to its first letters" };
    }
    return undefined;
  }

  private isGroup(word: string): boolean {
    return this.byKey.has(word) || this.seen.has(word);
  }

  private claimId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}-${n}`;
    this.ids.add(unique);
    return unique;
  }

  private newId(given: string, name: string): string {
    let id = isId(given) ? given : slug(name);
    if (!id) {
      do id = `g${++this.numbered}`;
      while (this.ids.has(id));
    }
    return this.claimId(id);
  }
}

/**
 * `[jtf, s]` shortens `[jtf, south]`: as many words, each the same or (letters only) the
 * start of the other's, at least one the same and one shortened. Words with digits must be
 * equal: J3 does not shorten J35.
 */
function abbreviates(short: string[], long: string[]): boolean {
  if (short.length !== long.length || short.length < 2) return false;
  let same = 0;
  let shortened = 0;
  for (let i = 0; i < short.length; i++) {
    const a = short[i] as string;
    const b = long[i] as string;
    if (a === b) same++;
    else if (/^\p{L}+$/u.test(a) && /^\p{L}+$/u.test(b) && b.startsWith(a)) shortened++;
    else return false;
  }
  return same > 0 && shortened > 0;
}

/** `Public Information` → `public-information`; undefined for names that are not plain ASCII. */
export function slug(name: string): string | undefined {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (!/^[\x20-\x7e]+$/.test(ascii)) return undefined;
  let s = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (s.length > 32) s = s.slice(0, 32).replace(/-[^-]*$/, "");
  if (s === "") return undefined;
  return /^[a-z]/.test(s) ? s : undefined;
}

/** Responsibilities are sentences with commas of their own: one a line. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Members: one a line, or separated by commas when written on one line. */
export function splitList(text: string): string[] {
  if (text === "") return [];
  const parts = text.includes("\n") ? text.split(/\r?\n/) : text.split(/[,，、;；]/);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}
