// The replay summary as a report document, for the Word and HTML renderers: the same trend,
// the same words and the same cells as the markdown summary (markdown.ts), with its charts
// as chart data instead of Mermaid. Pure: a Trend in, a document out.

import type { Lang } from "../core/plan.js";
import type { Block, Chart, ReportDocument, Section } from "../review/document.js";
import { paragraph, section, table } from "../review/document.js";
import { reviewMessages } from "../review/messages.js";
import { VERSION } from "../version.js";
import { drillDate } from "./dates.js";
import {
  changeValue,
  drillColumns,
  drillHeadings,
  expectationCellText,
  overviewRows,
  planLabel,
  type SummaryOptions,
  trendCharts,
} from "./markdown.js";
import { replayMessages } from "./messages.js";
import type { DrillRow } from "./row.js";
import { drillChanges, FINDING_STATUSES, type Trend } from "./trend.js";

const KEYS_SHOWN = 6;

function keys(list: readonly string[]): string {
  const shown = list.slice(0, KEYS_SHOWN);
  return list.length > KEYS_SHOWN ? `${shown.join(" ")} … (${list.length})` : shown.join(" ");
}

/** One row of the drills table, as plain cells (the document's appendix). */
export function drillCells(
  lang: Lang,
  rescored: boolean,
  drill: DrillRow,
  position: number,
  previous: DrillRow | undefined,
): string[] {
  const words = replayMessages[lang];
  const changes = drillChanges(previous, drill);
  const cells = [
    drill.partial ? words.overview.partial(String(position)) : String(position),
    drillDate(drill.startedAt, drill.timeZone),
    drill.file,
    planLabel(drill.plan),
    String(drill.counts["on-time"]),
    String(drill.counts.late),
    String(drill.counts.missed + drill.counts.blocked),
    String(drill.findings.length),
    keys(changes.appeared),
    keys(changes.resolved),
    drill.objectives.map((o) => `${o.id} ${o.rating}`).join(" · "),
  ];
  if (rescored) {
    const r = drill.rescore ?? { removed: [], added: [] };
    cells.push(keys([...r.removed.map((k) => `−${k}`), ...r.added.map((k) => `+${k}`)]));
  }
  return cells;
}

export function summaryDocument(trend: Trend, options: SummaryOptions): ReportDocument {
  const lang = options.lang;
  const words = replayMessages[lang];
  const review = reviewMessages[lang];
  const c = words.column;
  const title = options.title ?? words.title(trend.drills);
  const overview = overviewRows(trend, options, words);
  const shown = words.overview.shown(trend.recent.length, trend.drills);
  const sections: Section[] = [
    section("overview", words.heading.overview, [
      table([c.item, c.value], overview),
      ...(shown ? [paragraph(shown)] : []),
    ]),
  ];

  if (trend.drills > 0) {
    const k = words.planChangeKind;
    sections.push(
      section(
        "plans",
        words.heading.plans,
        trend.planChanges.length === 0 ? [paragraph(words.samePlan)] : [],
        trend.planChanges.map((change, i) => {
          const rows = [
            ...change.added.map((e) => [k.added, e.id, "", words.minutes(e.targetMinutes)]),
            ...change.removed.map((e) => [k.removed, e.id, words.minutes(e.targetMinutes), ""]),
            ...change.changed.map((ch) => [
              k.changed[ch.field],
              ch.id,
              changeValue(ch.from, ch.field, words),
              changeValue(ch.to, ch.field, words),
            ]),
          ];
          return section(
            `plan-${i + 1}`,
            words.planChangeHeading(
              planLabel(change.from),
              planLabel(change.to),
              change.position,
              drillDate(change.startedAt, change.timeZone, false),
            ),
            [
              rows.length > 0
                ? table([c.change, c.expectation, c.from, c.to], rows)
                : paragraph(words.sameExpectations),
            ],
          );
        }),
      ),
    );

    const over = (f: Trend["findings"][number]) =>
      f.status === "partial" || trend.complete === 0 ? trend.drills : trend.complete;
    const statuses: Section[] = [];
    for (const status of FINDING_STATUSES) {
      const list = trend.findings.filter((f) => f.status === status);
      if (list.length === 0 && (status === "dropped" || status === "partial" || trend.drills < 2))
        continue;
      const present = status === "recurring" || status === "new";
      const blocks: Block[] = [paragraph(words.findingStatusIntro[status])];
      if (list.length === 0) blocks.push(paragraph(words.noneFound));
      else
        blocks.push(
          present
            ? table(
                [c.finding, c.kind, c.drills, c.firstSeen, c.streak, c.wording],
                list.map((f) => [
                  f.key,
                  review.findingKind[f.kind],
                  `${f.drills}/${over(f)}`,
                  `#${f.first}`,
                  String(f.streak),
                  f.text,
                ]),
              )
            : table(
                [c.finding, c.kind, c.drills, c.lastSeen, c.wording],
                list.map((f) => [
                  f.key,
                  review.findingKind[f.kind],
                  `${f.drills}/${over(f)}`,
                  `#${f.last}`,
                  f.text,
                ]),
              ),
        );
      statuses.push(
        section(`findings-${status}`, `${words.findingStatus[status]} (${list.length})`, blocks),
      );
    }
    sections.push(section("findings", words.heading.findings, [], statuses));
  }

  const recent = drillHeadings(trend, words);
  if (trend.expectations.length > 0)
    sections.push(
      section("expectations", words.heading.expectations, [
        paragraph(words.expectationsNote(trend.recent.length, trend.drills)),
        table(
          [c.expectation, c.group, c.target, ...recent, c.onTime, c.latency],
          trend.expectations.map((e) => [
            `${e.id} ${e.action}${e.critical ? ` (${words.critical})` : ""}`,
            trend.groups.find((g) => g.id === e.group)?.name ?? e.group,
            words.minutes(e.targetMinutes),
            ...e.recent.map((r) => expectationCellText(r, words)),
            e.due > 0 ? words.onTimeOf(e.counts["on-time"], e.due) : words.notApplicable,
            e.latency
              ? words.latencyRange(e.latency.min, e.latency.max, e.latency.mean)
              : e.due > 0
                ? words.outcome.missed
                : words.notApplicable,
          ]),
        ),
      ]),
    );
  if (trend.groups.length > 0)
    sections.push(
      section("groups", words.heading.groups, [
        table(
          [c.group, ...recent, c.allDrills],
          trend.groups.map((g) => [
            g.name,
            ...g.recent.map((r) =>
              r ? words.groupCell(r.counts["on-time"], r.due, r.minutesLate) : words.absent,
            ),
            words.groupCell(g.counts["on-time"], g.due, g.minutesLate),
          ]),
        ),
      ]),
    );
  if (trend.objectives.length > 0)
    sections.push(
      section("objectives", words.heading.objectives, [
        table(
          [c.objective, ...recent, c.trend],
          trend.objectives.map((o) => [
            `${o.id} ${o.title}`,
            ...o.recent.map((r) => (r ? words.ratingCell(r.rating, r.evaluator) : words.absent)),
            [
              words.ratingTrend(o.first, o.latest, words.direction[o.direction]),
              ...(o.evaluatorLatest !== undefined
                ? [words.evaluatorTrend(o.evaluatorFirst ?? "–", o.evaluatorLatest)]
                : []),
            ].join("; "),
          ]),
        ),
      ]),
    );
  const charts: Chart[] = trendCharts(trend, words);
  if (charts.length > 0)
    sections.push(
      section("chart", words.heading.chart, [
        paragraph(words.chartNote),
        ...charts.map((chart): Block => ({ type: "chart", chart })),
      ]),
    );
  if (trend.rescore) {
    const r = trend.rescore;
    const rows = [
      ...r.removed.map((x) => [x.key, `${x.drills}/${trend.drills}`, ""]),
      ...r.added.map((x) => [x.key, "", `${x.drills}/${trend.drills}`]),
    ];
    sections.push(
      section("rescore", words.heading.rescore, [
        paragraph(words.rescoreLine(r.drillsChanged, trend.drills)),
        ...(rows.length > 0 ? [table([c.finding, c.removedIn, c.addedIn], rows)] : []),
      ]),
    );
  }
  if (options.failed.length > 0)
    sections.push(
      section("failed", words.heading.failed, [
        paragraph(words.failedNote(options.failed.length)),
        table(
          [c.log, c.where, c.error],
          options.failed.map((f) => [
            f.file,
            f.location ?? "",
            f.hint ? `${f.message} (${f.hint})` : f.message,
          ]),
        ),
      ]),
    );

  const cover = reviewMessages[lang].cover;
  const period = overview.find(([label]) => label === words.overview.period)?.[1] ?? "";
  return {
    lang,
    title,
    cover: {
      title,
      kind: cover.kind,
      fields: [
        [cover.organiser, options.organiser ?? ""],
        [cover.date, period],
        [cover.version, trend.plans.map((p) => planLabel(p)).join("; ")],
        [cover.tool, `drillbook ${VERSION}`],
      ],
    },
    sections,
    appendix: {
      title: words.heading.drills,
      intro: words.drillsNote,
      columns: drillColumns(words, trend.rescore !== undefined),
    },
  };
}
