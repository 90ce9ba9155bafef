// The replay summary as markdown: overview, where the plans differ, findings across drills
// (recurring, new, fixed), expectations, groups and objective ratings over time, a Mermaid
// chart of the critical actions' latency, and the drills one row each. Pure: a Trend in, text
// out. The drills table is rendered a row at a time, so a batch of any size streams it.

import type { Lang } from "../core/plan.js";
import type { Chart } from "../review/document.js";
import { cell, md } from "../review/escape.js";
import { xyChart } from "../review/markdown.js";
import { type ReviewMessages, reviewMessages } from "../review/messages.js";
import { capabilitySections, unannouncedMark } from "./capability-markdown.js";
import { drillDate } from "./dates.js";
import { type ReplayMessages, replayMessages } from "./messages.js";
import { type DrillRow, DUE, type ExpectationCell, type PlanRef } from "./row.js";
import { drillChanges, FINDING_STATUSES, type FindingStatus, type Trend } from "./trend.js";

/** A log the batch could not replay. */
export interface FailedLog {
  file: string;
  /** file:line of the first bad line, when the log could be opened. */
  location?: string;
  message: string;
  hint?: string;
}

export interface SummaryOptions {
  lang: Lang;
  failed: readonly FailedLog[];
  /** Heading of the document (default: the replay title). */
  title?: string;
  /** Who ran the drills, for the cover of a Word or HTML summary. */
  organiser?: string;
}

function row(cells: string[]): string {
  return `|${cells.map((c) => (c === "" ? " " : ` ${c} `)).join("|")}|`;
}

/** A GFM table; `rows` are escaped cells already, headings are escaped here. */
function table(headings: string[], rows: string[][]): string[] {
  return [row(headings.map(cell)), row(headings.map(() => "---")), ...rows.map(row)];
}

function heading(level: 2 | 3, text: string): string[] {
  return [`${"#".repeat(level)} ${md(text)}`];
}

/** A link to a file under the summary's folder; every path segment percent-encoded. */
export function fileLink(text: string, path: string | undefined): string {
  if (path === undefined) return md(text);
  const url = path.split(/[\\/]/).map(encodeURIComponent).join("/");
  return `[${md(text)}](${url})`;
}

export function planLabel(plan: PlanRef): string {
  return plan.version ?? `sha256 ${plan.sha256.slice(0, 12)}`;
}

/** Everything of the summary before the drills table's rows. */
export function summaryHead(trend: Trend, options: SummaryOptions): string {
  const words = replayMessages[options.lang];
  const review = reviewMessages[options.lang];
  const blocks: string[][] = [
    [`# ${md(options.title ?? words.title(trend.drills))}`],
    ...overview(trend, options, words),
    ...plans(trend, words),
    ...findings(trend, words, review),
    ...expectations(trend, words),
    ...groups(trend, words),
    ...objectives(trend, words),
    ...capabilitySections(trend, options.lang),
    ...chart(trend, words),
    ...rescore(trend, words),
    ...failures(options.failed, words),
  ];
  return `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/** The drills table's headings. */
export function drillColumns(words: ReplayMessages, rescored: boolean): string[] {
  const c = words.column;
  return [
    c.position,
    c.started,
    c.log,
    c.plan,
    c.onTime,
    c.late,
    c.missed,
    c.findings,
    c.appeared,
    c.resolved,
    c.ratings,
    ...(rescored ? [c.revised] : []),
  ];
}

/** The drills table: its heading, then one row per drill, oldest first. */
export function drillsTable(
  lang: Lang,
  rescored: boolean,
): { head: string; row(drill: DrillRow, position: number, previous?: DrillRow): string } {
  const words = replayMessages[lang];
  const headings = drillColumns(words, rescored);
  const head = [
    ...heading(2, words.heading.drills),
    "",
    md(words.drillsNote),
    "",
    ...table(headings, []),
  ].join("\n");
  return {
    head: `\n${head}\n`,
    row(drill, position, previous) {
      const changes = drillChanges(previous, drill);
      const cells = [
        drill.partial ? cell(words.overview.partial(String(position))) : String(position),
        cell(drillDate(drill.startedAt, drill.timeZone)),
        fileLink(drill.file, drill.reports?.md),
        cell(
          drill.unannounced
            ? `${planLabel(drill.plan)}${unannouncedMark(lang)}`
            : planLabel(drill.plan),
        ),
        String(drill.counts["on-time"]),
        String(drill.counts.late),
        String(drill.counts.missed + drill.counts.blocked),
        String(drill.findings.length),
        keyList(changes.appeared),
        keyList(changes.resolved),
        cell(drill.objectives.map((o) => `${o.id} ${o.rating}`).join(" · ")),
      ];
      if (rescored) {
        const r = drill.rescore ?? { removed: [], added: [] };
        cells.push(keyList([...r.removed.map((k) => `−${k}`), ...r.added.map((k) => `+${k}`)]));
      }
      return `${row(cells)}\n`;
    },
  };
}

const KEYS_SHOWN = 6;

export function keyList(keys: readonly string[]): string {
  if (keys.length === 0) return "";
  const shown = keys.slice(0, KEYS_SHOWN).map((k) => `\`${k.replace(/`/g, "'")}\``);
  if (keys.length > KEYS_SHOWN) shown.push(`… (${keys.length})`);
  return shown.join(" ").replace(/\|/g, "\\|");
}

function code(key: string): string {
  return `\`${key.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

export function findingCounts(trend: Trend): Record<FindingStatus, number> {
  const counts: Record<FindingStatus, number> = {
    recurring: 0,
    new: 0,
    fixed: 0,
    dropped: 0,
    partial: 0,
  };
  for (const f of trend.findings) counts[f.status]++;
  return counts;
}

/** The overview's rows, as plain text: label and value. */
export function overviewRows(
  trend: Trend,
  options: SummaryOptions,
  words: ReplayMessages,
): [string, string][] {
  const o = words.overview;
  const rows: [string, string][] = [
    [o.replayed, o.replayedCount(trend.drills, options.failed.length)],
  ];
  if (trend.first && trend.latest) {
    const from = drillDate(trend.first.startedAt, trend.first.timeZone);
    const to = drillDate(trend.latest.startedAt, trend.latest.timeZone);
    rows.push([o.period, from === to ? from : `${from} — ${to}`]);
  }
  if (trend.plans.length > 0) {
    rows.push([
      o.plans,
      trend.plans.map((p) => o.planLine(p.version, p.sha256, p.drills)).join("; "),
    ]);
  }
  if (trend.rescore) {
    const s = trend.rescore.scoredWith;
    rows.push([o.scoredWith, o.scoredWithLine(s.file, s.version, s.sha256)]);
  }
  if (trend.latest) {
    const partial = trend.partial.includes(trend.drills);
    rows.push([o.latest, partial ? o.partial(trend.latest.file) : trend.latest.file]);
  }
  if (trend.reference)
    rows.push([o.reference, o.referenceLine(trend.reference.position, trend.reference.file)]);
  if (trend.partial.length > 0) rows.push([o.partialDrills, o.partialList(trend.partial)]);
  if (trend.headline) rows.push([o.headline, o.headlineLine(trend.headline)]);
  if (trend.drills > 0) rows.push([o.latestFindings, o.findingCounts(findingCounts(trend))]);
  return rows;
}

function overview(trend: Trend, options: SummaryOptions, words: ReplayMessages): string[][] {
  const shown = words.overview.shown(trend.recent.length, trend.drills);
  return [
    heading(2, words.heading.overview),
    table(
      [words.column.item, words.column.value],
      overviewRows(trend, options, words).map(([label, value]) => [cell(label), cell(value)]),
    ),
    ...(shown ? [[md(shown)]] : []),
  ];
}

function plans(trend: Trend, words: ReplayMessages): string[][] {
  if (trend.drills === 0) return [];
  const blocks: string[][] = [heading(2, words.heading.plans)];
  if (trend.planChanges.length === 0) {
    blocks.push([md(words.samePlan)]);
    return blocks;
  }
  const c = words.column;
  const k = words.planChangeKind;
  for (const change of trend.planChanges) {
    blocks.push(
      heading(
        3,
        words.planChangeHeading(
          planLabel(change.from),
          planLabel(change.to),
          change.position,
          drillDate(change.startedAt, change.timeZone, false),
        ),
      ),
    );
    const rows: string[][] = [
      ...change.added.map((e) => [cell(k.added), e.id, "", cell(words.minutes(e.targetMinutes))]),
      ...change.removed.map((e) => [
        cell(k.removed),
        e.id,
        cell(words.minutes(e.targetMinutes)),
        "",
      ]),
      ...change.changed.map((ch) => [
        cell(k.changed[ch.field]),
        ch.id,
        cell(changeValue(ch.from, ch.field, words)),
        cell(changeValue(ch.to, ch.field, words)),
      ]),
    ];
    blocks.push(
      rows.length > 0
        ? table([c.change, c.expectation, c.from, c.to], rows)
        : [md(words.sameExpectations)],
    );
  }
  return blocks;
}

/** A changed field's value as the plan-differences table shows it. */
export function changeValue(
  value: string | number | boolean,
  field: string,
  words: ReplayMessages,
): string {
  if (field === "targetMinutes" && typeof value === "number") return words.minutes(value);
  if (typeof value === "boolean") return value ? words.yes : words.no;
  return String(value);
}

function findings(trend: Trend, words: ReplayMessages, review: ReviewMessages): string[][] {
  if (trend.drills === 0) return [];
  const c = words.column;
  const blocks: string[][] = [heading(2, words.heading.findings)];
  const kindName = (f: Trend["findings"][number]) => review.findingKind[f.kind];
  // Findings are counted over the drills played through (over all, if none was).
  const over = (f: Trend["findings"][number]) =>
    f.status === "partial" || trend.complete === 0 ? trend.drills : trend.complete;
  for (const status of FINDING_STATUSES) {
    const list = trend.findings.filter((f) => f.status === status);
    // Only a single drill has nothing to compare: it lists its findings as new.
    if (list.length === 0 && (status === "dropped" || status === "partial" || trend.drills < 2))
      continue;
    blocks.push(heading(3, `${words.findingStatus[status]} (${list.length})`));
    blocks.push([md(words.findingStatusIntro[status])]);
    if (list.length === 0) {
      blocks.push([md(words.noneFound)]);
      continue;
    }
    const present = status === "recurring" || status === "new";
    blocks.push(
      present
        ? table(
            [c.finding, c.kind, c.drills, c.firstSeen, c.streak, c.wording],
            list.map((f) => [
              code(f.key),
              cell(kindName(f)),
              `${f.drills}/${over(f)}`,
              `#${f.first}`,
              String(f.streak),
              cell(f.text),
            ]),
          )
        : table(
            [c.finding, c.kind, c.drills, c.lastSeen, c.wording],
            list.map((f) => [
              code(f.key),
              cell(kindName(f)),
              `${f.drills}/${over(f)}`,
              `#${f.last}`,
              cell(f.text),
            ]),
          ),
    );
  }
  return blocks;
}

export function drillHeadings(trend: Trend, words: ReplayMessages): string[] {
  return trend.recent.map((d) =>
    words.drillLabel(d.position, drillDate(d.startedAt, d.timeZone, false)),
  );
}

export function expectationCellText(e: ExpectationCell | null, words: ReplayMessages): string {
  if (!e) return words.absent;
  if (e.status === "not-in-drill") return words.absent;
  if (!DUE.has(e.status)) return words.notApplicableCell(words.outcome[e.status]);
  if (e.latencyMinutes !== undefined)
    return words.latencyCell(e.latencyMinutes, e.status === "late" ? e.minutesLate : 0);
  return words.outcome[e.status];
}

function expectations(trend: Trend, words: ReplayMessages): string[][] {
  if (trend.expectations.length === 0) return [];
  const c = words.column;
  return [
    heading(2, words.heading.expectations),
    [md(words.expectationsNote(trend.recent.length, trend.drills))],
    table(
      [c.expectation, c.group, c.target, ...drillHeadings(trend, words), c.onTime, c.latency],
      trend.expectations.map((e) => {
        const group = trend.groups.find((g) => g.id === e.group)?.name ?? e.group;
        return [
          cell(`${e.id} ${e.action}${e.critical ? ` (${words.critical})` : ""}`),
          cell(group),
          cell(words.minutes(e.targetMinutes)),
          ...e.recent.map((r) => cell(expectationCellText(r, words))),
          cell(e.due > 0 ? words.onTimeOf(e.counts["on-time"], e.due) : words.notApplicable),
          e.latency
            ? cell(words.latencyRange(e.latency.min, e.latency.max, e.latency.mean))
            : cell(e.due > 0 ? words.outcome.missed : words.notApplicable),
        ];
      }),
    ),
  ];
}

function groups(trend: Trend, words: ReplayMessages): string[][] {
  if (trend.groups.length === 0) return [];
  const c = words.column;
  return [
    heading(2, words.heading.groups),
    table(
      [c.group, ...drillHeadings(trend, words), c.allDrills],
      trend.groups.map((g) => {
        return [
          cell(g.name),
          ...g.recent.map((r) =>
            cell(r ? words.groupCell(r.counts["on-time"], r.due, r.minutesLate) : words.absent),
          ),
          cell(words.groupCell(g.counts["on-time"], g.due, g.minutesLate)),
        ];
      }),
    ),
  ];
}

function objectives(trend: Trend, words: ReplayMessages): string[][] {
  if (trend.objectives.length === 0) return [];
  const c = words.column;
  return [
    heading(2, words.heading.objectives),
    table(
      [c.objective, ...drillHeadings(trend, words), c.trend],
      trend.objectives.map((o) => [
        cell(`${o.id} ${o.title}`),
        ...o.recent.map((r) => cell(r ? words.ratingCell(r.rating, r.evaluator) : words.absent)),
        cell(
          [
            words.ratingTrend(o.first, o.latest, words.direction[o.direction]),
            ...(o.evaluatorLatest !== undefined
              ? [words.evaluatorTrend(o.evaluatorFirst ?? "–", o.evaluatorLatest)]
              : []),
          ].join("; "),
        ),
      ]),
    ),
  ];
}

const CHARTS = 6;

/** The minutes a chart draws for a drill: taken, or still open at the end, or 0. */
function chartMinutes(e: ExpectationCell | null): number {
  if (!e) return 0;
  if (e.latencyMinutes !== undefined) return e.latencyMinutes;
  return e.openMinutes ?? 0;
}

/** The trend charts: the latest plan's critical actions, minutes taken and target per drill. */
export function trendCharts(
  trend: Trend,
  words: ReplayMessages,
): Extract<Chart, { kind: "trend" }>[] {
  if (trend.recent.length < 2) return [];
  const chosen = trend.expectations.filter((e) => e.critical && e.inLatest).slice(0, CHARTS);
  return chosen.map((e) => ({
    kind: "trend",
    title: words.chartTitle(e.id, e.action),
    unit: words.chartAxis,
    labels: trend.recent.map((d) => `#${d.position}`),
    taken: e.recent.map((r) => Math.round(chartMinutes(r))),
    target: e.recent.map((r) => Math.round(r?.targetMinutes ?? e.targetMinutes)),
  }));
}

function chart(trend: Trend, words: ReplayMessages): string[][] {
  const charts = trendCharts(trend, words);
  if (charts.length === 0) return [];
  return [heading(2, words.heading.chart), [md(words.chartNote)], ...charts.map(xyChart)];
}

function rescore(trend: Trend, words: ReplayMessages): string[][] {
  const r = trend.rescore;
  if (!r) return [];
  const c = words.column;
  const rows = [
    ...r.removed.map((x) => [code(x.key), `${x.drills}/${trend.drills}`, ""]),
    ...r.added.map((x) => [code(x.key), "", `${x.drills}/${trend.drills}`]),
  ];
  return [
    heading(2, words.heading.rescore),
    [md(words.rescoreLine(r.drillsChanged, trend.drills))],
    ...(rows.length > 0 ? [table([c.finding, c.removedIn, c.addedIn], rows)] : []),
  ];
}

function failures(failed: readonly FailedLog[], words: ReplayMessages): string[][] {
  if (failed.length === 0) return [];
  const c = words.column;
  return [
    heading(2, words.heading.failed),
    [md(words.failedNote(failed.length))],
    table(
      [c.log, c.where, c.error],
      failed.map((f) => [
        cell(f.file),
        cell(f.location ?? ""),
        cell(f.hint ? `${f.message} (${f.hint})` : f.message),
      ]),
    ),
  ];
}
