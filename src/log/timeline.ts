// One line of `drill log` per event: scenario time, group, what happened. Pure: the
// plan comes from the log's header, colours from the chalk instance the caller passes.

import type { ChalkInstance } from "chalk";
import { format } from "date-fns";
import type {
  DecisionLogged,
  DecisionStatus,
  DrillEvent,
  EventBase,
  LogHeader,
  NoteAdded,
} from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { oneLine } from "../text.js";
import { textWidth } from "../width.js";
import { wallClockIn } from "../zone.js";
import { type LogMessages, logMessages } from "./messages.js";

export interface Timeline {
  /** The lines printed before the first event. */
  heading: string[];
  /** One event as one line (without "\n"). */
  line(event: DrillEvent): string;
  /** What to say after the last event when the drill did not end. */
  unfinished(lastT: number): string;
}

/**
 * A wall-clock date-time as the people in the room read it: in the zone the drill was run in
 * (an IANA name or an offset like "+08:00"), else in this machine's, e.g.
 * "2026-11-24 09:00 (+08:00)".
 */
export function formatWallTime(iso: string, timeZone: string | undefined): string {
  // An unknown zone name: the machine's zone is the next best.
  const wall = timeZone ? wallClockIn(iso, timeZone) : undefined;
  if (!wall) return format(new Date(iso), "yyyy-MM-dd HH:mm (xxx)");
  return `${format(wall.date, "yyyy-MM-dd HH:mm")} (${wall.offset})`;
}

/** How many decisions and notes a timeline remembers for the corrections that name them. */
const REMEMBERED = 100_000;

/**
 * The resume reasons the tool records (language-neutral since this version) and the texts
 * earlier versions stored, each shown in the reader's language.
 */
export const RESUME_REASONS: Record<string, "live" | "script"> = {
  "--resume": "live",
  "--resume --script": "script",
  "continued with --resume": "live",
  "用 --resume 继续": "live",
  "resumed from the log": "script",
};

export function timeline(header: LogHeader, lang: Lang, colour: ChalkInstance): Timeline {
  const words: LogMessages = logMessages[lang];
  const plan = header.plan;
  // Everything shown comes from the log, which anyone could have written: every text is
  // cleaned (src/text.ts) before our own colours go around it.
  const groupNames = new Map(plan.groups.map((group) => [group.id, oneLine(group.name)]));
  const injects = new Map(plan.injects.map((inject) => [inject.id, inject]));
  const expectations = new Map(
    plan.injects.flatMap((inject) => inject.expects.map((e) => [e.id, e] as const)),
  );
  const groupName = (id: string) => groupNames.get(id) ?? oneLine(id);
  const groupWidth = Math.max(0, ...[...groupNames.values()].map((name) => textWidth(name)));
  // Measuring CJK widths is the costliest step of a line, so each group's column is made once.
  const columns = new Map<string, string>();
  const column = (group: string | undefined) => {
    const key = group ?? "";
    let text = columns.get(key);
    if (text === undefined) {
      const name = group ? groupName(group) : "";
      text = colour.cyan(name) + " ".repeat(Math.max(0, groupWidth - textWidth(name)));
      columns.set(key, text);
    }
    return text;
  };

  const statusColour: Record<DecisionStatus, (text: string) => string> = {
    done: colour.green,
    partial: colour.yellow,
    blocked: colour.red,
    declined: colour.magenta,
  };

  const row = (t: number, group: string | undefined, what: string) =>
    `${colour.dim(formatScenarioTime(t).padEnd(7))}  ${column(group)}  ${what}`;

  const plain = (text: string) => text;
  type Entry = Omit<DecisionLogged, keyof EventBase> | Omit<NoteAdded, keyof EventBase>;
  const decision = (event: Extract<Entry, { type: "decision" }>): string => {
    const expectation = event.expectation ? expectations.get(event.expectation) : undefined;
    const answers = event.expectation
      ? `${event.expectation}${expectation ? ` ${oneLine(expectation.action)}` : ""}`
      : event.inject;
    let text = words.decision(event.status, answers, oneLine(event.text));
    if (event.blocker) {
      text += ` — ${words.blocker(event.blocker.kind, oneLine(event.blocker.text))}`;
    }
    return text;
  };
  const note = (event: Extract<Entry, { type: "note" }>): string =>
    words.note(event.kind, event.objective, event.rating, oneLine(event.text));
  const noteColour = (kind: NoteAdded["kind"]) =>
    kind === "strength" ? colour.green : kind === "improvement" ? colour.yellow : plain;
  const happened = (event: DecisionLogged | NoteAdded): string =>
    event.at !== undefined && event.at !== event.t
      ? words.happenedAt(formatScenarioTime(event.at))
      : "";
  // What a correction amends, so its line can name it: bounded, as `drill log` streams.
  const entries = new Map<number, { type: "decision" | "note"; at: number; group?: string }>();
  // The seqs in the order remembered, to forget the oldest first. A Map's first key is slow to
  // reach once many were deleted (they stay in its table until it is rebuilt): asked for each
  // new entry, that made `drill log` of a million events take a minute.
  let order: number[] = [];
  let oldest = 0;
  const remember = (event: DecisionLogged | NoteAdded) => {
    entries.set(event.seq, {
      type: event.type,
      at: event.at ?? event.t,
      ...(event.group ? { group: event.group } : {}),
    });
    order.push(event.seq);
    if (entries.size > REMEMBERED) {
      entries.delete(order[oldest++] ?? -1);
      if (oldest >= REMEMBERED) {
        order = order.slice(oldest);
        oldest = 0;
      }
    }
  };
  const resumeReason = (reason: string | undefined): string | undefined => {
    const known = RESUME_REASONS[reason ?? ""];
    return known ? words.resumeReasons[known] : reason;
  };
  type Described = { group?: string; what: string; tint?: (text: string) => string };
  const describe = (event: DrillEvent): Described => {
    switch (event.type) {
      case "drill-started":
        return { what: words.drillStarted(event.speed), tint: colour.bold };
      case "drill-resumed":
        return { what: words.drillResumed(resumeReason(event.reason)), tint: colour.bold };
      case "inject-delivered": {
        const inject = injects.get(event.inject);
        const to = (inject?.to ?? []).map(groupName);
        const text = words.injectDelivered(event.inject, inject?.title, to, event.early ?? false);
        return { what: text, tint: colour.bold };
      }
      case "inject-skipped": {
        const inject = injects.get(event.inject);
        return {
          what: words.injectSkipped(event.inject, inject?.title, event.reason, event.note),
          tint: colour.dim,
        };
      }
      case "decision":
        return {
          group: event.group,
          what: decision(event) + happened(event),
          tint: statusColour[event.status],
        };
      case "note":
        return {
          ...(event.group ? { group: event.group } : {}),
          what: note(event) + happened(event),
          tint: noteColour(event.kind),
        };
      case "correction": {
        const amended = entries.get(event.amends);
        const replacement = event.decision
          ? decision({ ...event.decision, type: "decision" })
          : event.note
            ? note({ ...event.note, type: "note" })
            : undefined;
        const what = words.correction(
          amended?.type,
          event.amends,
          amended && formatScenarioTime(amended.at),
          replacement,
          event.reason && oneLine(event.reason),
        );
        const group = event.decision?.group ?? event.note?.group ?? amended?.group;
        return { ...(group ? { group } : {}), what, tint: colour.italic };
      }
      case "clock-paused":
        return { what: words.clockPaused, tint: colour.dim };
      case "clock-resumed":
        return { what: words.clockResumed, tint: colour.dim };
      case "clock-speed":
        return { what: words.clockSpeed(event.speed), tint: colour.dim };
      case "clock-jumped":
        return { what: words.clockJumped(formatScenarioTime(event.from)), tint: colour.dim };
      case "hotwash":
        return {
          group: event.group,
          what: words.hotwash(
            oneLine(event.wentWell),
            oneLine(event.wentLessWell),
            oneLine(event.why),
          ),
        };
      case "unannounced":
        return { what: words.unannounced(event.seed, event.jitter.length), tint: colour.bold };
      case "peek":
        return { what: words.peeked(event.inject), tint: colour.dim };
      case "drill-ended":
        return { what: words.drillEnded(event.reason), tint: colour.bold };
    }
  };

  return {
    heading: [
      colour.bold(oneLine(plan.title)),
      colour.dim(
        oneLine(
          words.headerLine(
            formatWallTime(header.startedAt, header.timeZone),
            header.clock,
            header.planFile,
          ),
        ),
      ),
      "",
    ],
    line: (event) => {
      const { group, what, tint = plain } = describe(event);
      if (event.type === "decision" || event.type === "note") remember(event);
      // An entry from a seat of the room says which seat entered it.
      const by = event.by ? colour.dim(` ⟨${oneLine(event.by.seat)}⟩`) : "";
      return row(event.t, group, tint(oneLine(what))) + by;
    },
    unfinished: (lastT) => colour.dim(words.notEnded(formatScenarioTime(lastT))),
  };
}
