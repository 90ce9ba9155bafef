// The after-action report as markdown: summary, timeline, objective ratings, bottlenecks,
// gaps, facilitator notes, improvement plan and the decision log. Pure: a Review in, text
// out. The decision log is rendered one event at a time, so a caller can stream it from the
// log file instead of holding every event.

import type { DrillEvent, Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { cell, md } from "./escape.js";
import { type ReviewFormat, reviewFormat } from "./format.js";
import { ganttChart } from "./gantt.js";
import { type ReviewMessages, ratingsLine, reviewMessages } from "./messages.js";
import type { Bottleneck, Evidence, ExpectationOutcome, Gap, Review } from "./model.js";

export interface MarkdownReport {
  /** Everything up to and including the decision log's table heading. */
  head: string;
  /** One row of the decision log (ending in "\n"). */
  row(event: DrillEvent): string;
}

/** The whole report, decision log included, for logs that fit in memory. */
export function renderMarkdown(
  review: Review,
  lang: Lang = review.lang,
  events: Iterable<DrillEvent> = [],
): string {
  const report = markdownReport(review, lang);
  let text = report.head;
  for (const event of events) text += report.row(event);
  return text;
}

export function reviewNames(review: Review) {
  return {
    groups: review.drill.groups,
    injects: review.injects,
    expectations: review.expectations,
    objectives: review.objectives,
  };
}

export function markdownReport(review: Review, lang: Lang = review.lang): MarkdownReport {
  const words = reviewMessages[lang];
  const f = reviewFormat(lang, reviewNames(review), review.drill.timeZone);
  const blocks: string[][] = [
    [`# ${md(words.title(review.drill.title))}`],
    ...summary(review, words, f),
    ...timeline(review, words, f),
    ...ratings(review, words, f),
    ...bottlenecks(review, words, f),
    ...gaps(review, words, f),
    ...notes(review, words, f),
    ...improvementPlan(review, words, f),
    ...unmatched(review, words, f),
    [`## ${md(words.heading.appendix)}`],
    [md(words.appendixIntro(review.drill.events))],
    table(
      [
        words.column.seq,
        words.column.time,
        words.column.group,
        words.column.event,
        words.column.text,
      ],
      [],
    ),
  ];
  const head = `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`;
  return {
    head,
    row: (event) =>
      `${row([
        String(event.seq),
        cell(f.at(event.t)),
        cell("group" in event ? f.group(event.group ?? "") : ""),
        cell(words.event(event, f)),
        cell(eventText(event, words, f)),
      ])}\n`,
  };
}

/** "| a | b |", an empty cell as "| |" (one space each side, as markdownlint's MD060 wants). */
function row(cells: string[]): string {
  return `|${cells.map((c) => (c === "" ? " " : ` ${c} `)).join("|")}|`;
}

/** A GFM table; `rows` are already escaped cells, headings are escaped here. */
function table(headings: string[], rows: string[][]): string[] {
  return [
    row(headings.map(cell)),
    row(headings.map(() => "---")),
    ...rows.map((cells) => row(cells)),
  ];
}

function heading(level: 2 | 3, text: string): string[] {
  return [`${"#".repeat(level)} ${md(text)}`];
}

function summary(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const d = review.drill;
  const s = words.summary;
  const counts = {
    "on-time": 0,
    late: 0,
    missed: 0,
    blocked: 0,
    "not-reached": 0,
    open: 0,
  } as Record<ExpectationOutcome, number>;
  for (const e of review.expectations) counts[e.status]++;
  const rows: [string, string][] = [
    [s.drill, d.title],
    [s.mode, s.clock(d.clock)],
    [s.plan, s.planLine(d.planVersion, d.planSha256, d.planFile)],
  ];
  if (d.rescoredWith) {
    rows.push([
      s.rescored,
      s.rescoredLine(d.rescoredWith.file, d.rescoredWith.version, d.rescoredWith.sha256),
    ]);
  }
  rows.push(
    [s.started, f.date(d.startedAt)],
    [s.ended, d.endedAt ? f.date(d.endedAt) : s.notEnded(f.at(d.scenarioMinutes))],
    [s.realDuration, f.duration(d.realMinutes)],
    [
      s.scenarioDuration,
      s.scenarioSpan(f.duration(d.scenarioMinutes), f.at(0), f.at(d.scenarioMinutes)),
    ],
  );
  if (d.scenarioStart) rows.push([s.scenarioStart, f.date(d.scenarioStart)]);
  rows.push(
    [s.groups, f.list(d.groups.map((g) => g.name))],
    [s.injects, s.injectCounts(d.injectsDelivered, d.injectsSkipped, d.injectsNotReached)],
    [s.expectations, s.expectationCounts(review.expectations.length, counts)],
    [s.decisions, s.decisionCount(d.decisions, d.improvised)],
    [s.notes, String(d.notes)],
    [s.overall, ratingsLine(review) || words.none],
  );
  return [
    heading(2, words.heading.summary),
    table(
      [s.item, s.value],
      rows.map(([label, value]) => [cell(label), cell(value)]),
    ),
  ];
}

function timeline(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const c = words.column;
  const injectRows = review.injects.map((i) => {
    const time = i.deliveredAt ?? i.skippedAt ?? i.atMinutes;
    const status = words.injectOutcome(i.status, i.skipReason);
    return [
      cell(f.at(time)),
      cell(i.id),
      cell(i.phase),
      cell(i.title),
      cell(f.list(i.to.map(f.group))),
      cell(i.early ? `${status} (${words.early})` : status),
    ];
  });
  const expectationRows = review.expectations.map((e) => [
    cell(e.critical ? `${e.id} (${words.critical})` : e.id),
    cell(f.group(e.group)),
    cell(e.action),
    cell(e.deliveredAt === undefined ? undefined : f.at(e.deliveredAt)),
    cell(e.doneAt === undefined ? undefined : f.at(e.doneAt)),
    cell(e.latencyMinutes === undefined ? undefined : f.duration(e.latencyMinutes)),
    cell(f.duration(e.targetMinutes)),
    cell(
      e.minutesLate > 0 && e.status !== "not-reached"
        ? `${words.outcome[e.status]} +${f.duration(e.minutesLate)}`
        : words.outcome[e.status],
    ),
  ]);
  const hasBars = review.expectations.some((e) => e.deliveredAt !== undefined);
  return [
    heading(2, words.heading.timeline),
    heading(3, words.heading.injects),
    table([c.time, c.inject, c.phase, c.title, c.to, c.status], injectRows),
    heading(3, words.heading.gantt),
    ...(hasBars ? [[md(words.ganttNote)], ganttChart(review, f)] : [[md(words.noneFound)]]),
    heading(3, words.heading.expectations),
    table(
      [c.expectation, c.group, c.action, c.delivered, c.done, c.latency, c.target, c.status],
      expectationRows,
    ),
  ];
}

function ratings(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const c = words.column;
  const rule = words.ratingRule;
  const order: (Rating | "-")[] = ["U", "M", "S", "P", "-"];
  const rows = review.objectives.map((o) => {
    const latest = o.evaluatorRatings.at(-1);
    return [
      cell(`${o.id} ${o.title}`),
      `**${cell(o.rating)}**`,
      cell(words.reason(o.reason, o.basis, f)),
      cell(latest === undefined ? "" : words.evaluatorRated(latest, o.disagreement, o.rating)),
    ];
  });
  const disagreements = review.objectives.flatMap((o) => {
    const latest = o.evaluatorRatings.at(-1);
    return o.disagreement && latest ? [`- ${md(words.disagreement(o.id, latest, o.rating))}`] : [];
  });
  return [
    heading(2, words.heading.ratings),
    [md(rule.intro)],
    [...order.map((r) => `- ${md(rule.lines[r])}`), `- ${md(rule.notes)}`],
    rows.length > 0
      ? table([c.objective, c.rating, c.why, c.evaluator], rows)
      : [md(words.noneFound)],
    ...(disagreements.length > 0 ? [heading(3, words.heading.disagreements), disagreements] : []),
  ];
}

/** "E5, E15 · T+04:20–T+04:50 · #23 · “quote”" */
function evidence(e: Evidence, f: ReviewFormat, words: ReviewMessages): string {
  const ids = [...(e.objectives ?? []), ...(e.injects ?? []), ...(e.expectations ?? [])];
  const parts = [
    f.list(ids),
    words.evidenceTimes(e.from, e.to, f),
    (e.events ?? [])
      .slice(0, 5)
      .map((seq) => `#${seq}`)
      .join(" "),
    ...(e.quotes ?? []).map(f.quote),
  ];
  return cell(parts.filter((p) => p !== "").join(" · "));
}

function bottlenecks(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const c = words.column;
  const rows = review.bottlenecks.map((b, index) => [
    String(index + 1),
    cell(words.bottleneckKind[b.kind]),
    cell(b.group ? f.group(b.group) : b.phase === undefined ? undefined : words.phase(b.phase)),
    cell(f.duration(b.minutesLost)),
    cell(words.bottleneck(b, f)),
    evidence(b.evidence, f, words),
  ]);
  return [
    heading(2, words.heading.bottlenecks),
    rows.length > 0
      ? table([c.rank, c.kind, c.group, c.minutesLost, c.finding, c.evidence], rows)
      : [md(words.noneFound)],
  ];
}

function gaps(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const c = words.column;
  const rows = review.gaps.map((g) => [
    cell(words.gapKind[g.kind]),
    cell(g.group ? f.group(g.group) : undefined),
    cell(words.gap(g, f)),
    evidence(g.evidence, f, words),
  ]);
  return [
    heading(2, words.heading.gaps),
    rows.length > 0 ? table([c.kind, c.group, c.finding, c.evidence], rows) : [md(words.noneFound)],
  ];
}

function notes(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const c = words.column;
  const section = (kind: "strength" | "improvement" | "neutral", title: string): string[][] => {
    const items = review.observations
      .filter((o) => o.kind === kind)
      .map((o) => {
        const lead = words.noteHeading(
          f.at(o.t),
          o.group === undefined ? undefined : f.group(o.group),
          o.objective,
          o.rating,
        );
        return `- ${md(lead)}${words.colon}${md(o.text)}`;
      });
    return items.length > 0 ? [heading(3, title), items] : [];
  };
  const hotwashRows = review.hotwash.map((h) => [
    cell(f.group(h.group)),
    cell(h.wentWell),
    cell(h.wentLessWell),
    cell(h.why),
  ]);
  const blocks = [
    ...section("strength", words.heading.strengths),
    ...section("improvement", words.heading.improvements),
    ...section("neutral", words.heading.neutral),
    ...(hotwashRows.length > 0
      ? [
          heading(3, words.heading.hotwash),
          table([c.group, c.wentWell, c.wentLessWell, c.cause], hotwashRows),
        ]
      : []),
  ];
  return [heading(2, words.heading.notes), ...(blocks.length > 0 ? blocks : [[md(words.noNotes)]])];
}

function improvementPlan(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  const c = words.column;
  const findings = new Map<string, Bottleneck | Gap>(
    [...review.bottlenecks, ...review.gaps].map((finding) => [finding.key, finding]),
  );
  // Worded in the report's language, which may differ from the one the review was made in.
  const rows = review.improvementPlan.map((item, index) => {
    const finding = findings.get(item.finding);
    const issue = !finding
      ? item.issue
      : "minutesLost" in finding
        ? words.bottleneck(finding, f)
        : words.gap(finding, f);
    return [
      String(index + 1),
      cell(issue),
      cell(finding ? words.recommendation(finding, f) : item.recommendation),
      cell(item.owner === undefined ? undefined : f.group(item.owner)),
      cell(words.priority[item.priority]),
      "",
    ];
  });
  return [
    heading(2, words.heading.improvementPlan),
    ...(rows.length > 0
      ? [
          [md(words.improvementIntro)],
          table([c.number, c.issue, c.recommendation, c.owner, c.priority, c.due], rows),
        ]
      : [[md(words.noneFound)]]),
  ];
}

function unmatched(review: Review, words: ReviewMessages, f: ReviewFormat): string[][] {
  if (review.unmatchedCount === 0) return [];
  const c = words.column;
  return [
    heading(2, words.heading.unmatched),
    [md(words.unmatchedLine(review.unmatchedCount, review.unmatched.length))],
    table(
      [c.seq, c.time, c.event, c.ids],
      review.unmatched.map((u) => [
        String(u.seq),
        cell(f.at(u.t)),
        cell(u.type),
        cell(f.list(u.ids)),
      ]),
    ),
  ];
}

function eventText(event: DrillEvent, words: ReviewMessages, f: ReviewFormat): string {
  switch (event.type) {
    case "decision":
      return event.blocker
        ? `${event.text} — ${words.blocker(event.blocker.kind, event.blocker.text)}`
        : event.text;
    case "note":
      return event.text;
    case "hotwash":
      return words.hotwash(event.wentWell, event.wentLessWell, event.why);
    case "inject-delivered":
      return f.injectTitle(event.inject);
    case "inject-skipped":
      return event.note
        ? `${f.injectTitle(event.inject)} — ${event.note}`
        : f.injectTitle(event.inject);
    case "drill-resumed":
      return event.reason ?? "";
    default:
      return "";
  }
}
