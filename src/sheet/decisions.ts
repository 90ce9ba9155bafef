// A drill's decisions and notes, and how each expected action came out, as two tables for
// a spreadsheet: what analysts filter and pivot when they write the review. Pure: the plan,
// the events and the review's results in, rows out. The results are the review's own
// (`analyse`), in its words, so the spreadsheet and the report never disagree.

import type { DrillEvent } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { TERMS } from "../core/terms.js";
import { durationText } from "../plan/serialize.js";
import { reviewMessages } from "../review/messages.js";
import type { ExpectationResult } from "../review/model.js";
import type { OutCell, OutSheet } from "./plan-to-msel.js";

const HEADINGS = {
  en: {
    entries: "Decisions and notes",
    results: "Results",
    seq: "Seq",
    t: "Scenario time",
    wall: "Wall time",
    type: "Type",
    group: "Group",
    inject: "Inject",
    injectTitle: "Inject title",
    expectation: "Expectation",
    action: "Expected action",
    status: "Status",
    blockerKind: "Blocker",
    blocker: "Blocker detail",
    text: "Text",
    objective: "Objective",
    rating: "Rating",
    critical: "Critical",
    delivered: "Delivered",
    deadline: "Deadline",
    done: "Done",
    latency: "Took",
    target: "Target",
    count: "Decisions",
    decision: "decision",
    note: "note",
    yes: "yes",
  },
  zh: {
    entries: "决策与记录",
    results: "完成情况",
    seq: "序号",
    t: "情景时间",
    wall: "实际时间",
    type: "类型",
    group: "工作组",
    inject: "情景注入",
    injectTitle: "注入标题",
    expectation: "预期行动编号",
    action: "预期行动",
    status: "状态",
    blockerKind: "堵点类型",
    blocker: "堵点说明",
    text: "内容",
    objective: "演练目标",
    rating: "评定",
    critical: "关键",
    delivered: "送达",
    deadline: "时限截止",
    done: "完成",
    latency: "用时",
    target: "时限",
    count: "决策数",
    decision: "决策",
    note: "记录",
    yes: "是",
  },
} as const;

/**
 * Two sheets: every decision and note in log order, then every expectation's result.
 * `results`: the review's expectations (`Review.expectations`) for the same plan and events.
 */
export function decisionSheets(
  plan: Plan,
  events: readonly DrillEvent[],
  results: readonly ExpectationResult[],
): [OutSheet, OutSheet] {
  const lang = plan.lang;
  const outcome = reviewMessages[lang].outcome;
  const h = HEADINGS[lang];
  const names = new Map(plan.groups.map((g) => [g.id, g.name]));
  const injects = new Map(plan.injects.map((i) => [i.id, i]));
  const actions = new Map(plan.injects.flatMap((i) => i.expects.map((e) => [e.id, e] as const)));
  const group = (id: string | undefined) => (id === undefined ? null : (names.get(id) ?? id));
  const t = (minutes: number | undefined) =>
    minutes === undefined ? null : formatScenarioTime(minutes);

  const entries: OutCell[][] = [
    [
      h.seq,
      h.t,
      h.wall,
      h.type,
      h.group,
      h.inject,
      h.injectTitle,
      h.expectation,
      h.action,
      h.status,
      h.blockerKind,
      h.blocker,
      h.text,
      h.objective,
      h.rating,
    ],
  ];
  for (const event of events) {
    if (event.type === "decision") {
      const injectId =
        event.inject ?? (event.expectation ? actions.get(event.expectation)?.inject : undefined);
      entries.push([
        event.seq,
        t(event.t),
        event.wall,
        h.decision,
        group(event.group),
        injectId ?? null,
        injectId ? (injects.get(injectId)?.title ?? null) : null,
        event.expectation ?? null,
        event.expectation ? (actions.get(event.expectation)?.action ?? null) : null,
        TERMS[lang].decisionStatus[event.status],
        event.blocker ? TERMS[lang].blockerKind[event.blocker.kind] : null,
        event.blocker?.text ?? null,
        event.text,
        null,
        null,
      ]);
    } else if (event.type === "note") {
      entries.push([
        event.seq,
        t(event.t),
        event.wall,
        h.note,
        group(event.group),
        event.inject ?? null,
        event.inject ? (injects.get(event.inject)?.title ?? null) : null,
        null,
        null,
        TERMS[lang].observationKind[event.kind],
        null,
        null,
        event.text,
        event.objective ?? null,
        event.rating ?? null,
      ]);
    }
  }

  const resultRows: OutCell[][] = [
    [
      h.expectation,
      h.inject,
      h.group,
      h.action,
      h.critical,
      h.delivered,
      h.deadline,
      h.done,
      h.latency,
      h.target,
      h.status,
      h.count,
    ],
  ];
  for (const r of results) {
    resultRows.push([
      r.id,
      r.inject,
      group(r.group),
      r.action,
      r.critical ? h.yes : null,
      t(r.deliveredAt),
      t(r.deadline),
      t(r.doneAt),
      r.latencyMinutes === undefined ? null : durationText(r.latencyMinutes),
      durationText(r.targetMinutes),
      outcome[r.status],
      r.decisionCount,
    ]);
  }
  return [
    {
      name: h.entries,
      rows: entries,
      headerRows: [0],
      merges: [],
      widths: [6, 12, 24, 8, 18, 8, 24, 10, 32, 10, 10, 24, 48, 10, 6],
    },
    {
      name: h.results,
      rows: resultRows,
      headerRows: [0],
      merges: [],
      widths: [10, 8, 18, 40, 6, 12, 12, 12, 8, 8, 14, 8],
    },
  ];
}
