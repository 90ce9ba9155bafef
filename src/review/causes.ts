// Root causes and their keys. A key names the cause by ids only (never by a phase's or a
// group's wording), so the same problem has the same key in every drill of a plan and in
// both languages: "blocker:supplies", "own-delay:tracing", "missed:E14".

import type { BlockerKind } from "../core/events.js";
import type { SegmentCause } from "./delay.js";
import type { FindingKind, RootCause } from "./model.js";

export function blockerKey(kind: BlockerKind): string {
  return `blocker:${kind}`;
}

/** The finding a piece of late minutes counts against. */
export function segmentKey(cause: SegmentCause, group: string, kind?: BlockerKind): string {
  switch (cause) {
    case "blocked":
      return blockerKey(kind ?? "other");
    case "overload":
      return `overload:${group}`;
    case "own":
      return `own-delay:${group}`;
  }
}

export interface UnmetFacts {
  status: string;
  group: string;
  inject: string;
  after: readonly string[];
  /** The kind of its last blocked decision, when it was left blocked. */
  blockerKind?: BlockerKind;
}

export interface UnmetContext {
  facts: ReadonlyMap<string, UnmetFacts>;
  silentGroups: ReadonlySet<string>;
  /** Injects delivered, due, and answered by nobody. */
  unansweredInjects: ReadonlySet<string>;
}

/**
 * Why an action was never done, pushed back like late minutes: a predecessor never done is
 * the cause; else what it was left blocked by; else its group's silence; else nobody
 * answering its inject; else the action itself was missed.
 */
export function unmetKey(id: string, context: UnmetContext, seen = new Set<string>()): string {
  const facts = context.facts.get(id);
  if (!facts) return `missed:${id}`;
  seen.add(id);
  for (const before of facts.after) {
    const p = context.facts.get(before);
    if (!p || seen.has(before)) continue;
    if (p.status === "missed" || p.status === "blocked") return unmetKey(before, context, seen);
  }
  if (facts.status === "blocked") return blockerKey(facts.blockerKind ?? "other");
  if (context.silentGroups.has(facts.group)) return `group-silent:${facts.group}`;
  if (context.unansweredInjects.has(facts.inject)) return `inject-unanswered:${facts.inject}`;
  return `missed:${id}`;
}

/** A finding's kind and root cause from its key. */
export function rootCauseOf(
  key: string,
  critical: (expectation: string) => boolean,
): { kind: FindingKind; rootCause: RootCause } {
  const [head = "", rest = ""] = splitKey(key);
  switch (head) {
    case "blocker":
      return {
        kind: "blocker",
        rootCause: { kind: "blocker", blockerKind: rest as BlockerKind },
      };
    case "own-delay":
    case "overload":
    case "group-silent":
    case "improvised":
      return { kind: head, rootCause: { kind: head, group: rest } };
    case "missed": {
      const kind = critical(rest) ? "critical-missed" : "expectation-missed";
      return { kind, rootCause: { kind, expectation: rest } };
    }
    case "inject-unanswered":
      return { kind: head, rootCause: { kind: head, inject: rest } };
    case "role-confusion": {
      const [group = "", inject = ""] = rest.split("@");
      return { kind: head, rootCause: { kind: head, group, inject } };
    }
    default:
      return { kind: "observation", rootCause: { kind: "observation" } };
  }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(":");
  return at < 0 ? [key, ""] : [key.slice(0, at), key.slice(at + 1)];
}
