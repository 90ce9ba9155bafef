// Decision scripts: what happens in a scripted drill, by scenario time. Read with the
// `yaml` parser; every problem names file:line:col like the plan's.

import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import { inferBlockerKind, isBlockerKind } from "../core/blockers.js";
import {
  type Blocker,
  DECISION_STATUSES,
  type DecisionStatus,
  type ObservationKind,
  type Rating,
} from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { MAX_SCENARIO_MINUTES, parseMinutes } from "../core/scenario-time.js";
import { didYouMean } from "../core/suggest.js";
import type { Problem, SourceLocation } from "../errors.js";

interface EntryBase {
  /** Scenario minutes. */
  at: number;
  /** `script:<line>`: recorded on the events so a resumed run does not repeat the entry. */
  ref: string;
  location: SourceLocation;
}

/** What a decision or note entry may also carry. */
interface Recorded {
  /** A name for the entry, so a later `correct:` or `retract:` can refer to it. */
  label?: string;
  /** Scenario minutes at which it happened, when earlier than `at` (when it was logged). */
  happened?: number;
}

/** The fields a `correct:` entry changes; the rest stay as logged. */
export interface ScriptChanges {
  group?: string;
  inject?: string;
  expectation?: string;
  status?: DecisionStatus;
  text?: string;
  blocker?: Blocker;
  noteKind?: ObservationKind;
  objective?: string;
  rating?: Rating;
  happened?: number;
}

export type ScriptEntry =
  | (EntryBase &
      Recorded & {
        kind: "decision";
        group: string;
        inject?: string;
        expectation?: string;
        status: DecisionStatus;
        text: string;
        blocker?: Blocker;
      })
  | (EntryBase &
      Recorded & {
        kind: "note";
        noteKind: ObservationKind;
        text: string;
        group?: string;
        inject?: string;
        objective?: string;
        rating?: Rating;
      })
  | (EntryBase & {
      kind: "correct";
      /** The label of the entry it amends. */
      target: string;
      targetKind: "decision" | "note";
      retract: boolean;
      changes: ScriptChanges;
      reason?: string;
    })
  | (EntryBase & {
      kind: "hotwash";
      group: string;
      wentWell: string;
      wentLessWell: string;
      why: string;
    })
  | (EntryBase & { kind: "pause"; realMinutes: number })
  | (EntryBase & { kind: "speed"; speed: number })
  | (EntryBase & { kind: "deliver"; inject: string })
  | (EntryBase & { kind: "skip"; inject: string; note?: string })
  | (EntryBase & { kind: "end" });

export interface ParsedScript {
  entries: ScriptEntry[];
  problems: Problem[];
}

const OBSERVATION_KINDS: readonly ObservationKind[] = ["strength", "improvement", "neutral"];
const RATINGS: readonly Rating[] = ["P", "S", "M", "U"];
const ENTRY_KEYS = new Set([
  "at",
  "group",
  "inject",
  "expectation",
  "status",
  "text",
  "blocker",
  "note",
  "kind",
  "objective",
  "rating",
  "hotwash",
  "well",
  "less",
  "why",
  "pause",
  "speed",
  "deliver",
  "skip",
  "end",
  "id",
  "happened",
  "correct",
  "retract",
  "reason",
]);

/** Parses a decision script against the plan. Entries come back sorted by time (stable). */
export function parseScript(source: string, file: string, plan: Plan): ParsedScript {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const problems: Problem[] = [];
  const where = (node: Node | null | undefined): SourceLocation => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  const fail = (node: Node | null | undefined, message: string, hint?: string) =>
    problems.push({ severity: "error", location: where(node), message, ...(hint ? { hint } : {}) });

  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    problems.push({
      severity: "error",
      location: pos ? { file, line: pos.line, col: pos.col } : { file },
      message: `YAML syntax: ${error.message.split("\n")[0]}`,
      hint: "check indentation and quoting around this place",
    });
  }
  if (problems.length > 0) return { entries: [], problems };
  const root = doc.contents;
  if (!isSeq(root)) {
    fail(root, "a decision script is a list of entries", 'start each entry with `- at: "00:20"`');
    return { entries: [], problems };
  }

  const groupIds = plan.groups.map((g) => g.id);
  const expectations = new Map(
    plan.injects.flatMap((i) => i.expects.map((e) => [e.id, e] as const)),
  );
  const injectIds = plan.injects.map((i) => i.id);
  const objectiveIds = plan.objectives.map((o) => o.id);
  const entries: ScriptEntry[] = [];
  const labels = new Map<string, { kind: "decision" | "note"; at: number }>();

  for (const item of root.items) {
    if (!isMap(item)) {
      fail(
        item as Node,
        "each script entry is a mapping",
        'write `- at: "00:20"` followed by its fields',
      );
      continue;
    }
    const map = item as YAMLMap;
    const nodeOf = (key: string) => map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const valueNode = (key: string) => (nodeOf(key)?.value ?? nodeOf(key)?.key) as Node | undefined;
    const text = (key: string): string | undefined => {
      const pair = nodeOf(key);
      if (!pair) return undefined;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (value === null || value === undefined || typeof value === "object") {
        fail(pair.value as Node, `\`${key}\` needs a value`);
        return undefined;
      }
      return String(value).trim();
    };
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!ENTRY_KEYS.has(key)) {
        fail(pair.key as Node, `unknown field \`${key}\``, didYouMean(key, [...ENTRY_KEYS], 2));
      }
    }
    const location = where(map);
    const ref = `script:${location.line}`;
    const time = (key: string): number | undefined => {
      const raw = text(key);
      if (raw === undefined) return undefined;
      const minutes = parseMinutes(raw);
      if (minutes === undefined) {
        fail(
          valueNode(key),
          `\`${key}\` is not a scenario time: "${raw}"`,
          'write it as "01:30", "90m" or "1h30m"',
        );
      } else if (minutes > MAX_SCENARIO_MINUTES) {
        fail(
          valueNode(key),
          `\`${key}\` is beyond 366 days, longer than any drill: "${raw}"`,
          "scenario times run from T+0 to at most 366 days (8784:00)",
        );
        return undefined;
      }
      return minutes;
    };
    const checkId = (key: string, known: string[], what: string): string | undefined => {
      const id = text(key);
      if (id !== undefined && !known.includes(id)) {
        fail(
          valueNode(key),
          `unknown ${what} "${id}"`,
          didYouMean(id, known) ?? `the plan's ${what}s: ${known.join(", ")}`,
        );
        return undefined;
      }
      return id;
    };

    const recorded = (): Recorded | undefined => {
      const label = text("id");
      const happened = nodeOf("happened") ? time("happened") : undefined;
      if (happened !== undefined && at !== undefined && happened > at) {
        fail(
          valueNode("happened"),
          `\`happened\` (${happened} min) is after \`at\` (${at} min), when the entry was logged`,
          "`at` is when the facilitator logged it; `happened` is when it took place, the same or earlier",
        );
        return undefined;
      }
      if (label !== undefined) {
        if (labels.has(label)) {
          fail(valueNode("id"), `the id "${label}" is used twice`, "give each entry its own id");
          return undefined;
        }
        labels.set(label, { kind: nodeOf("note") ? "note" : "decision", at: at ?? 0 });
      }
      return {
        ...(label !== undefined ? { label } : {}),
        ...(happened !== undefined ? { happened } : {}),
      };
    };
    let at: number | undefined;

    if (nodeOf("end")) {
      const at = time("end");
      if (at !== undefined) entries.push({ kind: "end", at, ref, location });
      continue;
    }
    if (nodeOf("hotwash")) {
      const group = checkId("hotwash", groupIds, "group");
      const at = nodeOf("at") ? time("at") : Number.POSITIVE_INFINITY;
      if (group !== undefined && at !== undefined) {
        entries.push({
          kind: "hotwash",
          at,
          group,
          wentWell: text("well") ?? "",
          wentLessWell: text("less") ?? "",
          why: text("why") ?? "",
          ref,
          location,
        });
      }
      continue;
    }
    if (!nodeOf("at")) {
      fail(map, "this entry has no `at`", 'give its scenario time, e.g. `at: "01:10"`');
      continue;
    }
    at = time("at");
    if (at === undefined) continue;

    if (nodeOf("correct") || nodeOf("retract")) {
      const retract = nodeOf("retract") !== undefined;
      const key = retract ? "retract" : "correct";
      const target = text(key);
      const known = target === undefined ? undefined : labels.get(target);
      if (target === undefined) continue;
      if (!known) {
        fail(
          valueNode(key),
          `no entry before this one has the id "${target}"`,
          didYouMean(target, [...labels.keys()]) ??
            (labels.size > 0
              ? `the ids given so far: ${[...labels.keys()].join(", ")}`
              : "give the entry it amends an `id:`, e.g. `id: e1-first`"),
        );
        continue;
      }
      if (known.at > at) {
        fail(
          valueNode("at"),
          `this correction (at ${at} min) comes before the entry it amends (at ${known.at} min)`,
          "a correction is logged after the entry it corrects",
        );
        continue;
      }
      const changes: ScriptChanges = {};
      const fields = (keys: string[]) => keys.filter((k) => nodeOf(k) !== undefined);
      const decisionOnly = ["status", "expectation", "blocker", "text"];
      const noteOnly = ["note", "kind", "objective", "rating"];
      if (retract) {
        const extra = fields(["group", "inject", "happened", ...decisionOnly, ...noteOnly]);
        if (extra.length > 0) {
          fail(
            valueNode(extra[0] ?? "retract"),
            "a retraction takes only a `reason`",
            "to change the entry instead, write `correct:` with the fields that change",
          );
          continue;
        }
      }
      const wrong = fields(known.kind === "note" ? decisionOnly : noteOnly);
      for (const k of wrong) {
        fail(
          valueNode(k),
          `\`${k}\` cannot be corrected on ${known.kind === "note" ? "an observation" : "a decision"}`,
        );
      }
      const group = checkId("group", groupIds, "group");
      const inject = checkId("inject", injectIds, "inject");
      const expectation = checkId("expectation", [...expectations.keys()], "expectation");
      const status = text("status") as DecisionStatus | undefined;
      if (status !== undefined && !DECISION_STATUSES.includes(status)) {
        fail(
          valueNode("status"),
          `unknown status "${status}"`,
          `use one of: ${DECISION_STATUSES.join(", ")}`,
        );
      }
      const noteKind = text("kind") as ObservationKind | undefined;
      if (noteKind !== undefined && !OBSERVATION_KINDS.includes(noteKind)) {
        fail(
          valueNode("kind"),
          `unknown observation kind "${noteKind}"`,
          `use one of: ${OBSERVATION_KINDS.join(", ")}`,
        );
      }
      const rating = text("rating")?.toUpperCase() as Rating | undefined;
      if (rating !== undefined && !RATINGS.includes(rating)) {
        fail(valueNode("rating"), `unknown rating "${rating}"`, "use P, S, M or U");
      }
      const objective = checkId("objective", objectiveIds, "objective");
      const blocker = readBlocker(map, text, fail);
      const newText = known.kind === "note" ? text("note") : text("text");
      const happened = nodeOf("happened") ? time("happened") : undefined;
      if (happened !== undefined && happened > at) {
        fail(valueNode("happened"), `\`happened\` (${happened} min) is after \`at\` (${at} min)`);
      }
      Object.assign(changes, {
        ...(group !== undefined ? { group } : {}),
        ...(inject !== undefined ? { inject } : {}),
        ...(expectation !== undefined ? { expectation } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(newText !== undefined ? { text: newText } : {}),
        ...(blocker !== undefined ? { blocker } : {}),
        ...(noteKind !== undefined ? { noteKind } : {}),
        ...(objective !== undefined ? { objective } : {}),
        ...(rating !== undefined ? { rating } : {}),
        ...(happened !== undefined ? { happened } : {}),
      });
      const reason = text("reason");
      entries.push({
        kind: "correct",
        at,
        target,
        targetKind: known.kind,
        retract,
        changes,
        ...(reason ? { reason } : {}),
        ref,
        location,
      });
      continue;
    }

    if (nodeOf("pause")) {
      const realMinutes = time("pause");
      if (realMinutes !== undefined)
        entries.push({ kind: "pause", at, realMinutes, ref, location });
    } else if (nodeOf("speed")) {
      const speed = Number(text("speed"));
      if (!Number.isFinite(speed) || speed <= 0)
        fail(valueNode("speed"), "`speed` must be a number greater than 0");
      else entries.push({ kind: "speed", at, speed, ref, location });
    } else if (nodeOf("deliver")) {
      const inject = checkId("deliver", injectIds, "inject");
      if (inject) entries.push({ kind: "deliver", at, inject, ref, location });
    } else if (nodeOf("skip")) {
      const inject = checkId("skip", injectIds, "inject");
      const note = text("text");
      if (inject)
        entries.push({ kind: "skip", at, inject, ...(note ? { note } : {}), ref, location });
    } else if (nodeOf("note")) {
      const noteText = text("note") ?? "";
      const kind = (text("kind") ?? "neutral") as ObservationKind;
      if (!OBSERVATION_KINDS.includes(kind)) {
        fail(
          valueNode("kind"),
          `unknown observation kind "${kind}"`,
          `use one of: ${OBSERVATION_KINDS.join(", ")}`,
        );
      }
      const rating = text("rating")?.toUpperCase() as Rating | undefined;
      if (rating !== undefined && !RATINGS.includes(rating)) {
        fail(valueNode("rating"), `unknown rating "${rating}"`, "use P, S, M or U");
      }
      const objective = checkId("objective", objectiveIds, "objective");
      if (rating && !nodeOf("objective")) {
        fail(valueNode("rating"), "a rating needs the objective it rates", "add `objective: O1`");
      }
      const group = checkId("group", groupIds, "group");
      const inject = checkId("inject", injectIds, "inject");
      entries.push({
        kind: "note",
        at,
        ...recorded(),
        noteKind: kind,
        text: noteText,
        ...(group ? { group } : {}),
        ...(inject ? { inject } : {}),
        ...(objective ? { objective } : {}),
        ...(rating ? { rating } : {}),
        ref,
        location,
      });
    } else if (nodeOf("group")) {
      const group = checkId("group", groupIds, "group");
      const expectationId = checkId("expectation", [...expectations.keys()], "expectation");
      const expectation = expectationId ? expectations.get(expectationId) : undefined;
      let inject = checkId("inject", injectIds, "inject");
      if (expectation && inject && inject !== expectation.inject) {
        fail(
          valueNode("inject"),
          `expectation ${expectation.id} belongs to inject ${expectation.inject}, not ${inject}`,
          `write \`inject: ${expectation.inject}\` or leave it out`,
        );
      }
      if (expectation && group && expectation.group !== group) {
        fail(
          valueNode("expectation"),
          `expectation ${expectation.id} is ${expectation.group}'s, not ${group}'s`,
          `log it as an improvised action of ${group}: leave out \`expectation\` and give \`inject: ${expectation.inject}\``,
        );
      }
      inject ??= expectation?.inject;
      const status = (text("status") ?? "done") as DecisionStatus;
      if (!DECISION_STATUSES.includes(status)) {
        fail(
          valueNode("status"),
          `unknown status "${status}"`,
          `use one of: ${DECISION_STATUSES.join(", ")}`,
        );
      }
      const blocker = readBlocker(map, text, fail);
      if (status === "blocked" && !blocker) {
        fail(
          valueNode("status"),
          "a blocked decision needs its `blocker`",
          "add `blocker: 采样人员不足` (what stopped the group)",
        );
      }
      if (group) {
        entries.push({
          kind: "decision",
          at,
          ...recorded(),
          group,
          ...(inject ? { inject } : {}),
          ...(expectation ? { expectation: expectation.id } : {}),
          status,
          text: text("text") ?? "",
          ...(blocker ? { blocker } : {}),
          ref,
          location,
        });
      }
    } else {
      fail(
        map,
        "this entry is none of: decision (`group`), `note`, `correct`, `retract`, `hotwash`, `pause`, `speed`, `deliver`, `skip`, `end`",
        "see examples/*.script.yaml",
      );
    }
  }

  const ends = entries.filter((e) => e.kind === "end");
  const last = ends.at(-1);
  if (ends.length > 1 && last) {
    problems.push({
      severity: "error",
      location: last.location,
      message: "the script has more than one `end`",
      hint: "keep one",
    });
  }
  if (last) {
    for (const entry of entries) {
      if (entry.kind !== "end" && entry.kind !== "hotwash" && entry.at > last.at) {
        problems.push({
          severity: "error",
          location: entry.location,
          message: `this entry (at ${entry.at} min) comes after the drill's end (${last.at} min)`,
          hint: "move `end` later or the entry earlier",
        });
      }
    }
  }
  // Stable sort: entries at the same time keep the script's order.
  entries.sort((a, b) => a.at - b.at);
  return { entries, problems };
}

function readBlocker(
  map: YAMLMap,
  text: (key: string) => string | undefined,
  fail: (node: Node | null | undefined, message: string, hint?: string) => void,
): Blocker | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === "blocker");
  if (!pair) return undefined;
  if (isMap(pair.value)) {
    const inner = pair.value.toJSON() as { kind?: unknown; text?: unknown };
    const blockerText = String(inner.text ?? "").trim();
    if (inner.kind !== undefined && !isBlockerKind(inner.kind)) {
      fail(
        pair.value,
        `unknown blocker kind "${String(inner.kind)}"`,
        "use people, supplies, information, authority, equipment, coordination or other",
      );
      return undefined;
    }
    return {
      kind: isBlockerKind(inner.kind) ? inner.kind : inferBlockerKind(blockerText),
      text: blockerText,
    };
  }
  const blockerText = text("blocker");
  if (blockerText === undefined) return undefined;
  return { kind: inferBlockerKind(blockerText), text: blockerText };
}
