// `drill compare` in the terminal: two drills side by side in plain columns, aligned by
// display width so Chinese names line up, long texts cut to fit. Pure: rows and a trend in,
// lines out.

import type { Lang } from "../core/plan.js";
import { oneLine } from "../review/escape.js";
import { textWidth } from "../width.js";
import { drillDate } from "./dates.js";
import { changeValue, planLabel } from "./markdown.js";
import { type ReplayMessages, replayMessages } from "./messages.js";
import { type DrillRow, DUE, type ExpectationCell } from "./row.js";
import { FINDING_STATUSES, type Trend } from "./trend.js";

/** Cuts `text` to at most `width` columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = "";
  for (const char of text) {
    if (textWidth(`${out}${char}…`) > width) break;
    out += char;
  }
  return `${out}…`;
}

/** Rows as lines, each column padded to its widest cell (the last one is not padded). */
export function alignRows(rows: readonly string[][], indent = "  ", gap = 2): string[] {
  const widths: number[] = [];
  for (const cells of rows)
    cells.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, textWidth(c));
    });
  return rows.map((cells) => {
    const padded = cells.map((c, i) =>
      i === cells.length - 1 ? c : c + " ".repeat((widths[i] ?? 0) - textWidth(c) + gap),
    );
    return `${indent}${padded.join("").trimEnd()}`;
  });
}

function expectationText(e: ExpectationCell | null, words: ReplayMessages): string {
  if (!e) return words.absent;
  if (e.status === "not-in-drill") return words.absent;
  if (!DUE.has(e.status)) return words.notApplicableCell(words.outcome[e.status]);
  if (e.latencyMinutes === undefined) return words.outcome[e.status];
  return words.latencyCell(e.latencyMinutes, e.status === "late" ? e.minutesLate : 0);
}

/**
 * What changed for one expectation: its outcome, else its time. An action that did not fall
 * due in one of the drills (a conditional inject not needed) is not applicable there: no change.
 */
function change(
  before: ExpectationCell | null,
  after: ExpectationCell | null,
  words: ReplayMessages,
): string {
  if (!before || !after || !DUE.has(before.status) || !DUE.has(after.status)) return "";
  if (before.status !== after.status)
    return `${words.outcome[before.status]} → ${words.outcome[after.status]}`;
  if (before.latencyMinutes === undefined || after.latencyMinutes === undefined) return "";
  const delta = Math.round(after.latencyMinutes - before.latencyMinutes);
  if (delta === 0) return "";
  return delta > 0 ? `+${words.minutes(delta)}` : `−${words.minutes(-delta)}`;
}

export interface CompareTextOptions {
  lang: Lang;
  /** Terminal width, for cutting long names. */
  columns?: number;
}

/** The comparison of two drills (`trend` of exactly those two) as terminal text. */
export function compareText(
  before: DrillRow,
  after: DrillRow,
  trend: Trend,
  options: CompareTextOptions,
): string {
  const words = replayMessages[options.lang];
  const c = words.column;
  const wide = Math.max(60, options.columns ?? 100);
  const name = (text: string) => truncate(oneLine(text), Math.floor(wide * 0.4));
  const lines: string[] = [words.compareTitle, ""];

  lines.push(
    ...alignRows(
      [before, after].map((d, i) => [
        i === 0 ? c.before : c.after,
        d.partial ? words.overview.partial(d.file) : d.file,
        drillDate(d.startedAt, d.timeZone),
        `${c.plan} ${planLabel(d.plan)}`,
      ]),
    ),
    "",
  );
  if (trend.headline) lines.push(words.overview.headlineLine(trend.headline), "");

  lines.push(words.heading.plans);
  const planChange = trend.planChanges[0];
  if (!planChange) lines.push(`  ${words.samePlan}`);
  else if (planChange.added.length + planChange.removed.length + planChange.changed.length === 0)
    lines.push(`  ${words.sameExpectations}`);
  else {
    const k = words.planChangeKind;
    lines.push(
      ...alignRows([
        [c.change, c.expectation, c.from, c.to],
        ...planChange.added.map((e) => [k.added, e.id, "", words.minutes(e.targetMinutes)]),
        ...planChange.removed.map((e) => [k.removed, e.id, words.minutes(e.targetMinutes), ""]),
        ...planChange.changed.map((ch) => [
          k.changed[ch.field],
          ch.id,
          changeValue(ch.from, ch.field, words),
          changeValue(ch.to, ch.field, words),
        ]),
      ]),
    );
  }
  lines.push("");

  lines.push(words.heading.findings);
  for (const status of FINDING_STATUSES) {
    const list = trend.findings.filter((f) => f.status === status);
    if (list.length === 0 && (status === "dropped" || status === "partial")) continue;
    lines.push(`  ${words.findingStatus[status]} (${list.length})`);
    lines.push(
      ...alignRows(
        list.map((f) => [
          f.key,
          truncate(oneLine(f.text), Math.max(20, wide - textWidth(f.key) - 8)),
        ]),
        "    ",
      ),
    );
  }
  lines.push("");

  lines.push(words.heading.expectations);
  lines.push(
    ...alignRows([
      [c.expectation, c.group, c.target, c.before, c.after, c.change],
      ...trend.expectations.map((e) => {
        const [b = null, a = null] = e.recent;
        const group = trend.groups.find((g) => g.id === e.group)?.name ?? e.group;
        return [
          name(`${e.id} ${e.action}${e.critical ? ` (${words.critical})` : ""}`),
          group,
          words.minutes(e.targetMinutes),
          expectationText(b, words),
          expectationText(a, words),
          change(b, a, words),
        ];
      }),
    ]),
    "",
  );

  lines.push(words.heading.groups);
  lines.push(
    ...alignRows([
      [c.group, c.before, c.after],
      ...trend.groups.map((g) => [
        g.name,
        ...[0, 1].map((i) => {
          const r = g.recent[i];
          return r ? words.groupCell(r.counts["on-time"], r.due, r.minutesLate) : words.absent;
        }),
      ]),
    ]),
    "",
  );

  lines.push(words.heading.objectives);
  lines.push(
    ...alignRows([
      [c.objective, c.before, c.after, c.trend],
      ...trend.objectives.map((o) => [
        name(`${o.id} ${o.title}`),
        ...[0, 1].map((i) => {
          const r = o.recent[i];
          return r ? words.ratingCell(r.rating, r.evaluator) : words.absent;
        }),
        words.direction[o.direction],
      ]),
    ]),
  );
  return `${lines.join("\n")}\n`;
}
