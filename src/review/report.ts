// The after-action report as a document, laid out as a command centre files it: executive
// summary, exercise overview, analysis by objective and capability, conduct of the drill, the
// problem, rectification and responsibility lists (the improvement plan in English), plan
// revision proposals, the timeline and the appendices. Pure: a Review in, a document out, in
// either language whatever the review was made in.

import type { DrillEvent } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import {
  type BarState,
  type Block,
  label,
  list,
  paragraph,
  type ReportDocument,
  type Section,
  type Span,
  section,
  table,
} from "./document.js";
import { type ReviewFormat, type ReviewNames, reviewFormat } from "./format.js";
import { revisionOf } from "./improvement.js";
import { type ReviewMessages, reviewMessages, type WordsContext } from "./messages.js";
import type { Evidence, ExpectationResult, Finding, ObjectiveResult, Review } from "./model.js";
import { rankedFindings } from "./model.js";

export function reviewNames(
  review: Pick<Review, "drill" | "injects" | "expectations" | "objectives">,
) {
  return {
    groups: review.drill.groups,
    injects: review.injects,
    expectations: review.expectations,
    objectives: review.objectives,
  };
}

/** The words and the lookups every part of the report uses. */
export function wordsContext(review: Review, lang: Lang): { w: ReviewMessages; c: WordsContext } {
  const f = reviewFormat(lang, reviewNames(review), review.drill.timeZone);
  const expectations = new Map(review.expectations.map((e) => [e.id, e]));
  const injects = new Map(review.injects.map((i) => [i.id, i]));
  const groups = new Map(review.drill.groups.map((g) => [g.id, g]));
  const objectives = new Map(review.objectives.map((o) => [o.id, o]));
  return {
    w: reviewMessages[lang],
    c: {
      f,
      review,
      expectation: (id) => expectations.get(id),
      inject: (id) => injects.get(id),
      group: (id) => groups.get(id),
      objective: (id) => objectives.get(id),
    },
  };
}

export interface ReportOptions {
  /** Who ran the drill, for the cover; the plan does not say. */
  organiser?: string;
}

export function reportDocument(
  review: Review,
  lang: Lang = review.lang,
  options: ReportOptions = {},
): ReportDocument {
  const { w, c } = wordsContext(review, lang);
  const findings = rankedFindings(review);
  return {
    lang,
    title: w.title(review.drill.title),
    cover: {
      title: review.drill.title,
      kind: w.cover.kind,
      fields: [
        [w.cover.organiser, options.organiser ?? ""],
        [w.cover.date, c.f.date(review.drill.startedAt)],
        [
          w.cover.version,
          review.drill.planVersion ?? `sha256 ${review.drill.planSha256.slice(0, 12)}`,
        ],
        [w.cover.tool, review.tool],
      ],
    },
    sections: [
      executiveSummary(review, findings, w, c),
      overview(review, w, c),
      byObjective(review, findings, w, c),
      conduct(review, w, c),
      ...bySite(review, w, c),
      issues(review, findings, w, c),
      revisions(findings, w, c),
      timeline(review, w, c),
      notes(review, w, c),
      ...unmatched(review, w, c),
    ],
    appendix: {
      title: w.heading.appendix,
      intro: w.appendixIntro(review.drill.events),
      columns: [w.column.seq, w.column.time, w.column.group, w.column.event, w.column.text],
    },
  };
}

/**
 * The decision log's cells of an event, for a review in `lang` that shows `names` beside ids
 * in the drill's time zone: all a row depends on, so rows can be rendered as the log is read.
 */
export function decisionLogCells(
  lang: Lang,
  names: ReviewNames,
  timeZone: string | undefined,
): (event: DrillEvent) => string[] {
  const words = reviewMessages[lang];
  const f = reviewFormat(lang, names, timeZone);
  return (event) => eventCells(event, words, f);
}

/** One row of the decision log, as plain cells. */
export function eventCells(event: DrillEvent, w: ReviewMessages, f: ReviewFormat): string[] {
  return [
    String(event.seq),
    f.at(event.t),
    "group" in event ? f.group(event.group ?? "") : "",
    w.event(event, f),
    w.eventText(event, f),
  ];
}

const TOP = 3;

function executiveSummary(
  review: Review,
  findings: Finding[],
  w: ReviewMessages,
  c: WordsContext,
): Section {
  const s = w.executive;
  const blocks: Block[] = [paragraph(s.drill(c)), paragraph(s.results(c))];
  if (review.drill.partial) blocks.push(paragraph({ strong: s.partial(c) }));
  blocks.push(paragraph(s.causes(c)), paragraph(s.ratings(c)));
  const strengths = review.strengths.slice(0, TOP).map((st) => [w.strength(st, c)]);
  blocks.push(label(s.strengthsHeading));
  blocks.push(strengths.length > 0 ? list(strengths) : paragraph(s.noStrengths));
  const top = findings
    .slice(0, TOP)
    .map((f): Span[] => [{ strong: w.issue(f, c) }, `${w.colon}${w.recommendation(f, c)}`]);
  blocks.push(label(s.issuesHeading));
  blocks.push(top.length > 0 ? list(top) : paragraph(w.noneFound));
  return section("summary", w.heading.summary, blocks);
}

function overview(review: Review, w: ReviewMessages, c: WordsContext): Section {
  const d = review.drill;
  const o = w.overview;
  const f = c.f;
  const rows: [string, string][] = [
    [o.drill, d.title],
    [o.scenario, d.scenario],
    [
      o.type,
      d.unannounced
        ? `${o.clock(d.clock)}${w.drillMode.unannouncedType(d.unannounced.seed)}`
        : o.clock(d.clock),
    ],
    [o.plan, o.planLine(d.planVersion, d.planSha256, d.planFile)],
  ];
  if (d.rescoredWith)
    rows.push([
      o.rescored,
      o.rescoredLine(d.rescoredWith.file, d.rescoredWith.version, d.rescoredWith.sha256),
    ]);
  rows.push(
    [o.started, f.date(d.startedAt)],
    [o.ended, o.endedLine(c)],
    [o.realDuration, f.duration(d.realMinutes)],
    [o.scenarioDuration, o.scenarioSpan(c)],
  );
  if (d.scenarioStart) rows.push([o.scenarioStart, f.date(d.scenarioStart)]);
  rows.push(
    [o.evaluators, d.evaluators.length > 0 ? f.list(d.evaluators) : o.noEvaluators],
    [o.injects, o.injectCounts(d.injectsDelivered, d.injectsSkipped, d.injectsNotReached)],
    [o.decisions, o.decisionCount(d.decisions, d.improvised)],
    [o.notes, String(d.notes)],
  );
  const col = w.column;
  const groupRows = d.groups.map((g): Span[] => [
    g.notInDrill ? o.notInDrill(g.name) : g.name,
    g.lead ?? "",
    f.list(g.members),
    g.capacity === undefined ? "" : String(g.capacity),
    String(g.decisions),
  ]);
  return section("overview", w.heading.overview, [
    table(
      [col.item, col.value],
      rows.map(([label, value]) => [label, value]),
    ),
    label(o.groupsHeading),
    table([col.group, col.lead, col.members, col.capacity, col.decisions], groupRows),
  ]);
}

function byObjective(
  review: Review,
  findings: Finding[],
  w: ReviewMessages,
  c: WordsContext,
): Section {
  const col = w.column;
  const rule = w.ratingRule;
  // A capability is shown by its library name, as the analysis by capability names it.
  const names = new Map(
    (review.capabilities ?? []).flatMap((cap) => cap.objectives.map((id) => [id, cap.name])),
  );
  const objectives = review.objectives.map((o) =>
    o.capability === undefined ? o : { ...o, capability: names.get(o.id) ?? o.capability },
  );
  const rows = objectives.map((o): Span[] => [
    `${o.id} ${o.title}`,
    o.capability ?? "",
    { strong: o.rating },
    w.reason(o, c),
    w.evaluatorCell(o, c),
  ]);
  const blocks: Block[] = [
    paragraph(rule.intro),
    list([...(["U", "M", "S", "P", "-"] as const).map((r) => [rule.lines[r]]), [rule.notes]]),
  ];
  if (rows.length > 0) {
    blocks.push(table([col.objective, col.capability, col.rating, col.why, col.evaluator], rows));
    blocks.push({
      type: "chart",
      chart: {
        kind: "ratings",
        title: w.heading.ratingsChart,
        objectives: review.objectives.map((o) => ({
          id: o.id,
          label: o.title,
          rating: o.rating,
          ...(o.evaluatorRatings.length > 0 ? { evaluator: o.evaluatorRatings.at(-1) } : {}),
        })),
      },
    });
  } else blocks.push(paragraph(w.noneFound));
  const byKey = new Map(findings.map((f) => [f.key, f]));
  const objectiveSections = objectivesByCapability(objectives).map((o) =>
    objectiveSection(o, byKey, review, w, c),
  );
  const placed = new Set(review.objectives.flatMap((o) => o.findings));
  const others = findings.filter((f) => !placed.has(f.key));
  const groupStrengths = review.strengths.filter((s) => s.kind === "group");
  const extra: Section[] = [];
  if (groupStrengths.length > 0)
    extra.push(
      section("strengths", w.heading.strengths, [
        list(groupStrengths.map((s) => [w.strength(s, c)])),
      ]),
    );
  if (others.length > 0)
    extra.push(section("other-findings", w.heading.otherFindings, [analysisTable(others, w, c)]));
  const capabilities = byCapability(review, w);
  return section("objectives", w.heading.objectives, blocks, [
    ...(capabilities ? [capabilities] : []),
    ...objectiveSections,
    ...extra,
  ]);
}

/** The objectives of each capability taken together (src/review/capabilities.ts). */
function byCapability(review: Review, w: ReviewMessages): Section | undefined {
  const list = review.capabilities ?? [];
  if (list.length === 0) return undefined;
  const m = w.drillMode;
  const rows = list.map((cap): Span[] => [
    cap.library ? `${cap.name} (${cap.id})` : cap.name,
    { strong: cap.rating },
    cap.objectives.join(", "),
    m.outcomeCounts(cap.counts),
    String(cap.findings.length),
  ]);
  return section("capabilities", m.capabilitiesHeading, [
    paragraph(m.capabilityRule),
    table(
      [
        w.column.capability,
        w.column.rating,
        m.capabilityObjectives,
        m.capabilityActions,
        m.capabilityFindings,
      ],
      rows,
    ),
  ]);
}

/** Objectives grouped by capability (in order of first appearance), plan order within. */
function objectivesByCapability(objectives: readonly ObjectiveResult[]): ObjectiveResult[] {
  const order: string[] = [];
  for (const o of objectives) {
    const cap = o.capability ?? "";
    if (!order.includes(cap)) order.push(cap);
  }
  return [...objectives].sort(
    (a, b) => order.indexOf(a.capability ?? "") - order.indexOf(b.capability ?? ""),
  );
}

/** Observation → analysis (root cause) → recommendation, a row per finding. */
function analysisTable(list: readonly Finding[], w: ReviewMessages, c: WordsContext): Block {
  const a = w.analysis;
  return table(
    [w.column.rank, a.observation, a.cause, a.recommendation],
    list.map((f) => [String(f.rank), w.issue(f, c), w.rootCause(f, c), w.recommendation(f, c)]),
  );
}

function objectiveSection(
  o: ObjectiveResult,
  findings: ReadonlyMap<string, Finding>,
  review: Review,
  w: ReviewMessages,
  c: WordsContext,
): Section {
  const a = w.analysis;
  const blocks: Block[] = [paragraph(w.ratingLine(o, c))];
  for (const e of o.evaluations) blocks.push(paragraph(w.evaluationLine(e, c)));
  if (o.disagreement) blocks.push(paragraph(w.disagreement(o, c)));
  const strengths = [
    ...review.strengths
      .filter((s) => s.objective === o.id)
      .map((s) => [w.strength(s, c)] as Span[]),
    ...review.observations
      .filter((n) => n.kind === "strength" && n.objective === o.id)
      .map((n) => [w.noteLine(n, c)] as Span[]),
  ];
  blocks.push(label(a.strengths));
  blocks.push(strengths.length > 0 ? list(strengths) : paragraph(a.noStrengths));
  const mine = o.findings.flatMap((key) => {
    const f = findings.get(key);
    return f ? [f] : [];
  });
  blocks.push(label(a.improvements));
  blocks.push(mine.length > 0 ? analysisTable(mine, w, c) : paragraph(a.noImprovements));
  return section(`objective-${o.id}`, w.objectiveHeading(o), blocks);
}

function conduct(review: Review, w: ReviewMessages, c: WordsContext): Section {
  const k = w.conduct;
  const items: Span[][] = [];
  for (const i of review.injects) {
    if (i.notInDrill) continue;
    if (i.early) items.push([k.early(i, c)]);
    if (i.skipReason === "facilitator") items.push([k.skipped(i, c)]);
    if (i.condition && i.status === "delivered" && !i.early) items.push([k.fired(i, c)]);
    if (i.condition && i.skipReason === "condition") items.push([k.notNeeded(i, c)]);
  }
  const d = review.drill.interventions;
  if (d.pauses > 0) items.push([k.pauses(d.pauses, d.pausedRealMinutes, c)]);
  if (d.speedChanges > 0) items.push([k.speed(d.speedChanges)]);
  if (d.jumps > 0) items.push([k.jumps(d.jumps)]);
  if (d.resumes > 0) items.push([k.resumes(d.resumes)]);
  const untested = untestedLines(review, w, c);
  // Corrections: the review reads the corrected drill; what was corrected is on record here.
  const corrected =
    review.corrections.length > 0
      ? [label(k.correctionsHeading), list(review.corrections.map((r) => [k.corrected(r, c)]))]
      : [];
  return section("conduct", w.heading.conduct, [
    ...unannounced(review, w, c),
    label(k.courseHeading),
    items.length > 0 ? list(items) : paragraph(k.asPlanned),
    ...corrected,
    ...decoys(review, w, c),
    label(k.untestedHeading),
    untested.length > 0 ? list(untested.map((line) => [line])) : paragraph(k.allTested),
  ]);
}

/** An unannounced drill: that it was, and each inject's time against the plan's. */
function unannounced(review: Review, w: ReviewMessages, c: WordsContext): Block[] {
  const u = review.drill.unannounced;
  if (!u) return [];
  const m = w.drillMode;
  return [
    label(m.unannouncedHeading),
    paragraph(m.unannounced(u, c)),
    table(
      [w.column.inject, m.planAt, m.dueAt, m.jitter],
      u.injects.map((i): Span[] => [
        c.f.inject(i.inject),
        c.f.at(i.planAt),
        c.f.at(i.dueAt),
        m.jitterCell(i.jitterMinutes),
      ]),
    ),
  ];
}

/** Decoys, and whether any group took the noise for a signal. */
function decoys(review: Review, w: ReviewMessages, c: WordsContext): Block[] {
  const list = review.decoys ?? [];
  if (list.length === 0) return [];
  const m = w.drillMode;
  return [
    label(m.decoysHeading),
    ...list.map((d) =>
      paragraph(
        d.deliveredAt === undefined
          ? m.decoyNotDelivered(d, c)
          : d.actedOn > 0
            ? m.decoyActedOn(d, c)
            : m.decoyIgnored(d, c),
      ),
    ),
  ];
}

function issues(review: Review, findings: Finding[], w: ReviewMessages, c: WordsContext): Section {
  const col = w.column;
  const i = w.issues;
  const blocks: Block[] = [paragraph(i.total(c)), paragraph(i.rankingRule)];
  const causes = review.summary.byCause;
  if (causes.length > 0)
    blocks.push({
      type: "chart",
      chart: {
        kind: "breakdown",
        title: i.chartTitle,
        unit: i.chartUnit,
        parts: causes.map((cause) => ({ label: i.causeLabel(cause, c), value: cause.minutes })),
      },
    });
  const problemRows = findings.map((f): Span[] => [
    String(f.rank),
    w.issue(f, c),
    w.rootCause(f, c),
    f.minutesLost > 0 ? i.minutesCell(f, c) : "",
    w.consequences(f, c),
    w.priority[f.priority],
    evidenceText(f.evidence, c),
  ]);
  const problems = section("problems", w.heading.problems, [
    problemRows.length > 0
      ? table(
          [
            col.rank,
            col.issue,
            col.cause,
            col.minutesLost,
            col.consequences,
            col.priority,
            col.evidence,
          ],
          problemRows,
        )
      : paragraph(w.noneFound),
  ]);
  const rectificationRows = review.improvementPlan.map((item): Span[] => {
    // Worded in the report's language, which may differ from the review's.
    const f = findings.find((x) => x.key === item.finding);
    const owner = item.owner === undefined ? "" : c.f.group(item.owner);
    return [
      String(item.rank),
      item.capability ?? "",
      f ? w.issue(f, c) : item.issue,
      f ? w.recommendation(f, c) : item.recommendation,
      w.poete[item.poete],
      owner,
      item.poc ?? "",
      item.start,
      item.due,
      w.itemStatus[item.status],
    ];
  });
  const rectification = section("rectification", w.heading.rectification, [
    paragraph(i.rectificationIntro),
    rectificationRows.length > 0
      ? table(
          [
            col.number,
            col.capability,
            col.issue,
            col.recommendation,
            col.poete,
            col.owner,
            col.poc,
            col.start,
            col.due,
            col.status,
          ],
          rectificationRows,
        )
      : paragraph(w.noneFound),
  ]);
  const sub = [problems, rectification];
  if (w.responsibilityList) {
    const owners = new Map<string, number[]>();
    for (const item of review.improvementPlan) {
      if (item.owner === undefined) continue;
      owners.set(item.owner, [...(owners.get(item.owner) ?? []), item.rank]);
    }
    const rows = review.drill.groups
      .filter((g) => owners.has(g.id))
      .map((g): Span[] => [g.name, g.lead ?? "", (owners.get(g.id) ?? []).join(w.listSeparator)]);
    sub.push(
      section("responsibility", w.heading.responsibility, [
        rows.length > 0 ? table([col.owner, col.poc, col.items], rows) : paragraph(w.noneFound),
      ]),
    );
  }
  return section("issues", w.heading.issues, blocks, sub);
}

function revisions(findings: Finding[], w: ReviewMessages, c: WordsContext): Section {
  const col = w.column;
  const proposals = findings.flatMap((f) => {
    const revision = revisionOf(f);
    return revision ? [{ revision, f }] : [];
  });
  const rows = proposals.map(({ revision, f }, index): Span[] => [
    String(index + 1),
    w.revisionTarget(revision.target, c),
    w.revisionChange[revision.change],
    w.revision(revision, f, c),
    String(f.rank),
  ]);
  return section("revisions", w.heading.revisions, [
    paragraph(w.revisionsIntro),
    rows.length > 0
      ? table([col.number, col.part, col.change, col.proposal, col.finding], rows)
      : paragraph(w.noneFound),
  ]);
}

function barState(e: ExpectationResult): BarState {
  switch (e.status) {
    case "on-time":
      return "on-time";
    case "late":
      return "late";
    case "open":
      return "open";
    default:
      return "unmet";
  }
}

function timeline(review: Review, w: ReviewMessages, c: WordsContext): Section {
  const col = w.column;
  const f = c.f;
  const injectRows = review.injects
    .filter((i) => !i.notInDrill)
    .map((i): Span[] => [
      f.at(i.deliveredAt ?? i.skippedAt ?? i.atMinutes),
      i.id,
      i.phase ?? "",
      i.title,
      f.list(i.to.map(f.group)),
      w.injectStatus(i),
    ]);
  const groups = review.drill.groups.flatMap((g) => {
    const bars = review.expectations
      .filter((e) => e.group === g.id && e.deliveredAt !== undefined)
      .map((e) => ({
        id: e.id,
        label: e.action,
        from: e.deliveredAt ?? 0,
        to: e.doneAt ?? review.drill.scenarioMinutes,
        state: barState(e),
      }));
    return bars.length > 0 ? [{ name: g.name, bars }] : [];
  });
  const actionRows = review.expectations.map((e): Span[] => [
    e.critical ? w.criticalMark(e.id) : e.id,
    f.group(e.group),
    e.action,
    e.deliveredAt === undefined ? "" : f.at(e.deliveredAt),
    e.doneAt === undefined ? "" : f.at(e.doneAt),
    e.latencyMinutes === undefined ? "" : f.duration(e.latencyMinutes),
    f.duration(e.targetMinutes),
    w.outcome[e.status],
    e.minutesLate > 0 ? f.duration(e.minutesLate) : "",
    delayText(e, review, w, c),
  ]);
  const s = review.summary;
  const groupRows = s.byGroup.map((g): Span[] => [
    f.group(g.group),
    String(g.late),
    f.duration(g.minutesLate),
  ]);
  const phaseRows = s.byPhase.map((p): Span[] => [
    w.phase(p.phase),
    String(p.late),
    f.duration(p.minutesLate),
  ]);
  const blocks: Section[] = [
    section("injects", w.heading.injects, [
      table([col.time, col.inject, col.phase, col.title, col.to, col.status], injectRows),
    ]),
    section(
      "gantt",
      w.heading.gantt,
      groups.length > 0
        ? [
            paragraph(w.ganttNote),
            {
              type: "chart",
              chart: {
                kind: "gantt",
                ...(review.drill.scenarioStart ? { start: review.drill.scenarioStart } : {}),
                groups,
              },
            },
          ]
        : [paragraph(w.noneFound)],
    ),
    section("actions", w.heading.expectations, [
      paragraph(w.delayNote),
      table(
        [
          col.expectation,
          col.group,
          col.action,
          col.delivered,
          col.done,
          col.latency,
          col.target,
          col.status,
          col.minutesLate,
          col.delay,
        ],
        actionRows,
      ),
    ]),
    section("context", w.heading.context, [
      paragraph(w.contextNote),
      groupRows.length > 0
        ? table([col.group, col.lateCount, col.minutesLate], groupRows)
        : paragraph(w.noneFound),
      ...(phaseRows.length > 0
        ? [table([col.phase, col.lateCount, col.minutesLate], phaseRows)]
        : []),
    ]),
  ];
  return section("timeline", w.heading.timeline, [], blocks);
}

function notes(review: Review, w: ReviewMessages, c: WordsContext): Section {
  const col = w.column;
  const sub: Section[] = [];
  for (const kind of ["strength", "improvement", "neutral"] as const) {
    const items = review.observations.filter((o) => o.kind === kind).map((o) => [w.noteLine(o, c)]);
    if (items.length > 0) sub.push(section(`notes-${kind}`, w.noteHeading[kind], [list(items)]));
  }
  if (review.hotwash.length > 0)
    sub.push(
      section("hotwash", w.heading.hotwash, [
        table(
          [col.group, col.wentWell, col.wentLessWell, col.cause],
          review.hotwash.map((h) => [c.f.group(h.group), h.wentWell, h.wentLessWell, h.why]),
        ),
      ]),
    );
  return section("notes", w.heading.notes, sub.length > 0 ? [] : [paragraph(w.noNotes)], sub);
}

function bySite(review: Review, w: ReviewMessages, c: WordsContext): Section[] {
  const breakdown = review.bySite;
  if (!breakdown) return [];
  const words = w.sites;
  const siteName = new Map(breakdown.sites.map((s) => [s.id, s.name]));
  const groupName = (id: string) => c.group(id)?.name ?? id;
  const minutes = (m: number) => c.f.duration(m);
  const late = breakdown.sites.flatMap((s) =>
    s.lateActions.map((a) => [
      words.lateLine(s.name, a.expectation, groupName(a.group), minutes(a.minutesLate)),
    ]),
  );
  return [
    section("sites", words.heading, [
      paragraph(words.intro),
      table(
        [...words.columns],
        breakdown.sites.map((s) => [
          s.name,
          c.f.list(s.groups.map(groupName)),
          String(s.actions),
          String(s.onTime),
          String(s.late),
          String(s.missed),
          minutes(s.minutesLate),
        ]),
      ),
      ...(late.length > 0 ? [label(words.whoWasLate), list(late)] : []),
      label(words.handoffs),
      breakdown.handoffs.length > 0
        ? list(
            breakdown.handoffs.map((h) => [
              words.handoffLine(
                h.expectation,
                groupName(h.group),
                siteName.get(h.site) ?? h.site,
                h.waitedOn,
                siteName.get(h.waitedOnSite) ?? h.waitedOnSite,
                minutes(h.waitMinutes),
                h.pastDeadlineMinutes > 0 ? minutes(h.pastDeadlineMinutes) : "",
              ),
            ]),
          )
        : paragraph(words.noHandoffs),
    ]),
  ];
}

function unmatched(review: Review, w: ReviewMessages, c: WordsContext): Section[] {
  if (review.unmatchedCount === 0) return [];
  const col = w.column;
  return [
    section("unmatched", w.heading.unmatched, [
      paragraph(w.unmatchedLine(review.unmatchedCount, review.unmatched.length)),
      table(
        [col.seq, col.time, col.event, col.ids],
        review.unmatched.map((u) => [String(u.seq), c.f.at(u.t), u.type, c.f.list(u.ids)]),
      ),
    ]),
  ];
}

/** "E5, E15 · T+04:20–T+04:50 · #23 · “quote”" */
export function evidenceText(e: Evidence, c: WordsContext): string {
  const f = c.f;
  const ids = [...(e.objectives ?? []), ...(e.injects ?? []), ...(e.expectations ?? [])];
  const when =
    e.from === undefined
      ? ""
      : e.to === undefined || e.to === e.from
        ? f.at(e.from)
        : `${f.at(e.from)}–${f.at(e.to)}`;
  const events = (e.events ?? [])
    .slice(0, 5)
    .map((seq) => `#${seq}`)
    .join(" ");
  const parts = [f.list(ids), when, events, ...(e.quotes ?? []).map((q) => f.quote(q.text))];
  return parts.filter((p) => p !== "").join(" · ");
}

/** Where a late action's minutes came from; for one never done, the finding it counts in. */
function delayText(
  e: ExpectationResult,
  review: Review,
  w: ReviewMessages,
  c: WordsContext,
): string {
  const f = c.f;
  if (e.delay) {
    return [
      ...e.delay.upstream.map((u) =>
        w.delay.waited(u.expectation, f.group(u.group), f.duration(u.minutes)),
      ),
      ...e.delay.blocked.map((b) => w.delay.blocked(b.kind, f.duration(b.minutes))),
      ...(e.delay.own > 0 ? [w.delay.own(f.duration(e.delay.own))] : []),
    ].join(w.partSeparator);
  }
  const finding = e.cause ? rankedFindings(review).find((x) => x.key === e.cause) : undefined;
  return finding ? w.delay.neverDone(finding.rank, finding.kind) : "";
}

/** What the drill could not test: injects not reached or not yet due, actions still open, … */
function untestedLines(review: Review, w: ReviewMessages, c: WordsContext): string[] {
  const u = w.conduct.untested;
  const f = c.f;
  const lines: string[] = [];
  const names = (ids: string[], name: (id: string) => string) => f.list(ids.map(name));
  const notReached = review.injects.filter((i) => i.status === "not-reached" && !i.notInDrill);
  if (notReached.length > 0)
    lines.push(
      u.notReached(
        names(
          notReached.map((i) => i.id),
          f.inject,
        ),
      ),
    );
  for (const i of review.injects.filter((x) => x.notYetDue)) {
    const shortest = Math.min(
      ...review.expectations.filter((e) => e.inject === i.id).map((e) => e.targetMinutes),
    );
    const before = review.drill.scenarioMinutes - (i.deliveredAt ?? 0);
    lines.push(u.notYetDue(f.inject(i.id), f.duration(before), f.duration(shortest)));
  }
  const open = review.expectations.filter((e) => e.status === "open").map((e) => e.id);
  if (open.length > 0) lines.push(u.open(names(open, f.expectation)));
  const notInDrill = [
    ...review.expectations.filter((e) => e.status === "not-in-drill").map((e) => e.id),
    ...review.drill.groups.filter((g) => g.notInDrill).map((g) => g.name),
  ];
  if (notInDrill.length > 0) lines.push(u.notInDrill(f.list(notInDrill)));
  const idle = review.objectives.filter((o) => o.rating === "-").map((o) => o.id);
  if (idle.length > 0) lines.push(u.idle(names(idle, f.objective)));
  const unanswered = review.injects
    .filter(
      (i) =>
        i.status === "delivered" &&
        !i.answered &&
        !i.notYetDue &&
        !review.expectations.some((e) => e.inject === i.id),
    )
    .map((i) => i.id);
  if (unanswered.length > 0) lines.push(u.unanswered(names(unanswered, f.inject)));
  return lines;
}
