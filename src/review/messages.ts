// Every word of the after-action report, in both languages side by side so neither falls
// behind. The analysis produces ids, numbers and kinds; these turn them into sentences.
// Plain text only: the markdown renderer escapes whatever comes out of here.

import type { BlockerKind, DrillEvent, Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { TERMS } from "../core/terms.js";
import type { ReviewFormat } from "./format.js";
import type {
  Bottleneck,
  BottleneckKind,
  ExpectationOutcome,
  Gap,
  GapKind,
  InjectOutcome,
  Priority,
  RatingReason,
  Review,
} from "./model.js";

export interface ReviewMessages {
  title(title: string): string;
  heading: {
    summary: string;
    timeline: string;
    injects: string;
    gantt: string;
    expectations: string;
    ratings: string;
    disagreements: string;
    bottlenecks: string;
    gaps: string;
    notes: string;
    strengths: string;
    improvements: string;
    neutral: string;
    hotwash: string;
    improvementPlan: string;
    unmatched: string;
    appendix: string;
  };
  summary: {
    item: string;
    value: string;
    drill: string;
    mode: string;
    plan: string;
    planLine(version: string | undefined, sha: string, file: string | undefined): string;
    rescored: string;
    rescoredLine(file: string, version: string | undefined, sha: string): string;
    clock(clock: "real" | "virtual"): string;
    started: string;
    ended: string;
    notEnded(lastT: string): string;
    realDuration: string;
    scenarioDuration: string;
    scenarioSpan(duration: string, from: string, to: string): string;
    scenarioStart: string;
    groups: string;
    injects: string;
    injectCounts(delivered: number, skipped: number, notReached: number): string;
    expectations: string;
    expectationCounts(total: number, counts: Record<ExpectationOutcome, number>): string;
    decisions: string;
    decisionCount(decisions: number, improvised: number): string;
    notes: string;
    overall: string;
  };
  column: {
    time: string;
    inject: string;
    phase: string;
    title: string;
    to: string;
    status: string;
    expectation: string;
    group: string;
    action: string;
    delivered: string;
    done: string;
    latency: string;
    target: string;
    objective: string;
    rating: string;
    why: string;
    evaluator: string;
    rank: string;
    kind: string;
    minutesLost: string;
    finding: string;
    evidence: string;
    wentWell: string;
    wentLessWell: string;
    cause: string;
    issue: string;
    recommendation: string;
    owner: string;
    priority: string;
    due: string;
    seq: string;
    event: string;
    text: string;
    ids: string;
    number: string;
  };
  outcome: Record<ExpectationOutcome, string>;
  injectOutcome(outcome: InjectOutcome, reason: "condition" | "facilitator" | undefined): string;
  early: string;
  critical: string;
  phase(phase: string): string;
  bottleneckKind: Record<BottleneckKind, string>;
  gapKind: Record<GapKind, string>;
  priority: Record<Priority, string>;
  ratingRule: { intro: string; lines: Record<Rating | "-", string>; notes: string };
  reason(reason: RatingReason, basis: string[], f: ReviewFormat): string;
  evaluatorRated(rating: Rating, disagreement: boolean, computed: string): string;
  disagreement(objective: string, evaluator: Rating, computed: string): string;
  bottleneck(b: Bottleneck, f: ReviewFormat): string;
  gap(g: Gap, f: ReviewFormat): string;
  recommendation(finding: Bottleneck | Gap, f: ReviewFormat): string;
  evidenceTimes(from: number | undefined, to: number | undefined, f: ReviewFormat): string;
  /** One event of the appendix, as "what happened" (its text goes in the next column). */
  event(event: DrillEvent, f: ReviewFormat): string;
  blocker(kind: BlockerKind, text: string): string;
  hotwash(wentWell: string, wentLessWell: string, why: string): string;
  /** Between a label and its text. */
  colon: string;
  noteHeading(
    t: string,
    group: string | undefined,
    objective: string | undefined,
    rating: Rating | undefined,
  ): string;
  unmatchedLine(count: number, shown: number): string;
  noneFound: string;
  noNotes: string;
  none: string;
  improvementIntro: string;
  appendixIntro(events: number): string;
  reportWritten(path: string): string;
  ganttNote: string;
}

// Statuses, blocker kinds, observation kinds and ratings are the domain's words, shared with
// the console and `drill log`; only the report's own phrasing lives here.
const EN = TERMS.en;
const ZH = TERMS.zh;

const RESOURCE_FIX: Record<Lang, Record<BlockerKind, string>> = {
  en: {
    people: "build reserve teams and mutual-aid arrangements, and say when they are called in",
    supplies: "set minimum stocks and an emergency resupply channel",
    information: "set up a shared channel and fix when and in what form information is passed on",
    authority: "delegate the authority needed on the spot and shorten approvals",
    equipment: "plan the vehicles, sites and equipment needed, and how they are called up",
    coordination: "name liaisons and fix the hand-off points between groups",
    other: "go through each blocker and assign who removes it",
  },
  zh: {
    people: "建立后备力量和跨部门支援机制，明确调用条件",
    supplies: "核定物资储备基数，建立紧急调拨渠道",
    information: "打通信息共享渠道，明确信息推送的时限和格式",
    authority: "明确现场授权和审批权限，减少请示层级",
    equipment: "核定车辆、场地和设备的储备与调用方案",
    coordination: "明确各组交接界面和联络人，建立联席会商机制",
    other: "逐条分析受阻原因，落实责任和资源",
  },
};

const ids = (list: readonly string[] | undefined) => list ?? [];
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
const first = (list: readonly string[] | undefined) => list?.[0] ?? "";

const en: ReviewMessages = {
  title: (title) => `After-action report: ${title}`,
  heading: {
    summary: "Summary",
    timeline: "Timeline",
    injects: "Injects",
    gantt: "Expectations over time",
    expectations: "Expected actions",
    ratings: "Objective ratings",
    disagreements: "Where the evaluators disagree",
    bottlenecks: "Bottlenecks",
    gaps: "Gaps",
    notes: "Facilitator notes",
    strengths: "Strengths",
    improvements: "Areas for improvement",
    neutral: "Other observations",
    hotwash: "Hot wash",
    improvementPlan: "Improvement plan",
    unmatched: "Events the plan does not know",
    appendix: "Appendix: decision log",
  },
  summary: {
    item: "Item",
    value: "Value",
    drill: "Drill",
    mode: "Mode",
    plan: "Plan",
    planLine: (version, sha, file) =>
      [version, file, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · "),
    rescored: "Scored against",
    rescoredLine: (file, version, sha) =>
      `${[file, version, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · ")} (a revised plan, not the one in the log)`,
    clock: (clock) => (clock === "virtual" ? "scripted, virtual clock" : "live, real clock"),
    started: "Started",
    ended: "Ended",
    notEnded: (lastT) => `not ended; the log stops at ${lastT}`,
    realDuration: "Real duration",
    scenarioDuration: "Scenario duration",
    scenarioSpan: (duration, from, to) => `${duration} (${from} to ${to})`,
    scenarioStart: "Scenario starts",
    groups: "Groups",
    injects: "Injects",
    injectCounts: (d, s, n) => `${d} delivered, ${s} skipped, ${n} not reached`,
    expectations: "Expected actions",
    expectationCounts: (total, c) =>
      `${total}: ${c["on-time"]} on time, ${c.late} late, ${c.missed} missed, ${c.blocked} blocked, ${c["not-reached"]} not reached${c.open ? `, ${c.open} still open when the drill ended` : ""}`,
    decisions: "Decisions",
    decisionCount: (d, i) => `${d} (${i} ${EN.improvised})`,
    notes: "Evaluator notes",
    overall: "Objective ratings",
  },
  column: {
    time: "Time",
    inject: "Inject",
    phase: "Phase",
    title: "Title",
    to: "To",
    status: "Status",
    expectation: "Expectation",
    group: "Group",
    action: "Action",
    delivered: "Delivered",
    done: "Done",
    latency: "Took",
    target: "Target",
    objective: "Objective",
    rating: "Rating",
    why: "Why",
    evaluator: "Evaluator",
    rank: "Rank",
    kind: "Kind",
    minutesLost: "Time lost",
    finding: "Finding",
    evidence: "Evidence",
    wentWell: "Went well",
    wentLessWell: "Went less well",
    cause: "Why",
    issue: "Issue",
    recommendation: "Recommendation",
    owner: "Owner",
    priority: "Priority",
    due: "Due",
    seq: "Seq",
    event: "Event",
    text: "Text",
    ids: "Unknown ids",
    number: "No.",
  },
  outcome: TERMS.en.outcome,
  injectOutcome: (outcome, reason) =>
    outcome === "delivered"
      ? "delivered"
      : outcome === "skipped"
        ? reason === "condition"
          ? "skipped (its condition did not hold)"
          : "skipped by the facilitator"
        : "not reached",
  early: "early",
  critical: "critical",
  phase: (phase) => `${phase} phase`,
  bottleneckKind: {
    "late-group": "late actions (group)",
    "late-phase": "late actions (phase)",
    overload: "overloaded group",
    "handoff-wait": "hand-off wait",
    "critical-path": "critical path",
  },
  gapKind: {
    "critical-missed": "critical action not met",
    "expectation-missed": "action not met",
    "inject-unanswered": "inject unanswered",
    "group-silent": "silent group",
    "objective-not-demonstrated": "objective not demonstrated",
    resource: "resource gap",
    improvised: "action the plan lacks",
    "role-confusion": "role confusion",
  },
  priority: { high: "high", medium: "medium", low: "low" },
  ratingRule: {
    intro:
      "Each objective is rated from its expected actions; the first line that holds, from U up to P, gives the rating:",
    lines: {
      U: `U (${EN.rating.U}): a critical expected action was missed or blocked.`,
      M: `M (${EN.rating.M}): a non-critical one was missed or blocked, or one took more than twice its target.`,
      S: `S (${EN.rating.S}): all were done, some late.`,
      P: `P (${EN.rating.P}): all were done on time.`,
      "-": "- (not tested): none of its expected actions was reached.",
    },
    notes: "Expected actions whose inject never fired are not counted.",
  },
  reason: (reason, basis, f) => {
    const list = f.list(basis);
    switch (reason) {
      case "all-on-time":
        return "all done on time";
      case "some-late":
        return `all done; late: ${list}`;
      case "missed":
        return `not met: ${list}`;
      case "over-twice":
        return `more than twice the target: ${list}`;
      case "critical-missed":
        return `critical, not met: ${list}`;
      case "none-reached":
        return "none of its expected actions was reached";
    }
  },
  evaluatorRated: (rating, disagreement, computed) =>
    disagreement ? `${rating} (differs from ${computed})` : rating,
  disagreement: (objective, evaluator, computed) =>
    `${objective}: the evaluator rated ${evaluator}, the rule gives ${computed}. Settle it in the review meeting and record why.`,
  bottleneck: (b, f) => {
    const group = b.group ? f.group(b.group) : "";
    switch (b.kind) {
      case "late-group":
      case "late-phase": {
        const who = b.kind === "late-group" ? group : `${b.phase ?? ""} phase`;
        return `${who}: ${plural(b.count ?? 0, "expected action")} late, by ${f.duration(b.minutesLost)} in all (${f.list(ids(b.evidence.expectations))})`;
      }
      case "overload":
        return b.capacity !== undefined
          ? `${group} held ${b.peakOpen} open expected actions at once against a capacity of ${b.capacity}, over capacity for ${f.duration(b.minutesLost)}`
          : `${group} held up to ${b.peakOpen} open expected actions at once, for ${f.duration(b.minutesAtPeak ?? 0)}; the plan sets no capacity for it`;
      case "handoff-wait":
        return `${b.waitingExpectation} (${f.group(b.waitingGroup ?? "")}) waited ${f.duration(b.waitMinutes ?? 0)} for ${b.waitedOn ?? ""} (${group}), ${f.duration(b.minutesLost)} of it past that one's deadline`;
      case "critical-path": {
        const last = b.chain?.at(-1) ?? "";
        return `${(b.chain ?? []).join(" → ")}: the last critical expected action, ${last}, was done at ${f.at(b.evidence.to ?? 0)}; ${f.duration(b.minutesLost)} late along the chain`;
      }
    }
  },
  gap: (g, f) => {
    const group = g.group ? f.group(g.group) : "";
    const e = g.evidence;
    switch (g.kind) {
      case "critical-missed":
      case "expectation-missed":
        return `${f.expectation(first(e.expectations))} (${group}) was never done${g.status === "blocked" ? "; it was left blocked" : ""}; due ${f.at(e.from ?? 0)}`;
      case "inject-unanswered":
        return `Inject ${f.inject(first(e.injects))} reached ${f.list(ids(e.groups).map(f.group))} at ${f.at(e.from ?? 0)}; no group answered it`;
      case "group-silent":
        return `${group} logged no decision in the whole drill`;
      case "objective-not-demonstrated":
        return ids(e.expectations).length > 0
          ? `Objective ${f.objective(first(e.objectives))}: none of its expected actions was met (${f.list(ids(e.expectations))})`
          : `Objective ${f.objective(first(e.objectives))}: the plan gives it no expected action`;
      case "resource":
        return `${plural(g.count ?? 0, "blocker")} of ${EN.blockerKind[g.blockerKind ?? "other"]} (${f.list(ids(e.groups).map(f.group))})`;
      case "improvised":
        return `${group} took ${plural(g.count ?? 0, "action")} that ${g.count === 1 ? "answers" : "answer"} no expected action`;
      case "role-confusion":
        return `${group} answered inject ${f.inject(first(e.injects))} ${g.count === 1 ? "once" : `${g.count} times`}, though it was addressed to ${f.list(ids(g.addressedTo).map(f.group))}`;
    }
  },
  recommendation: (finding, f) => {
    const group = finding.group ? f.group(finding.group) : "";
    const e = finding.evidence;
    switch (finding.kind) {
      case "late-group":
      case "late-phase":
        return `Walk through the late actions of ${group} step by step; tighten the procedure and time targets, and pre-position people or materials where the delay began.`;
      case "overload":
        return finding.capacity !== undefined
          ? `Give ${group} a reserve team, or move some of its tasks to other groups, so it holds no more than ${finding.capacity} at once.`
          : `Set a capacity for ${group} in the plan and say how it is reinforced beyond it.`;
      case "handoff-wait":
        return `Fix how and by when ${group} hands ${finding.waitedOn ?? ""} over to ${f.group(finding.waitingGroup ?? "")}: channel, format and acknowledgement, so the next step can start on time.`;
      case "critical-path":
        return `Shorten the critical path (${(finding.chain ?? []).join(" → ")}): set a time for each hand-off on it and name one person to chase it.`;
      case "critical-missed":
        return `Make “${f.expectationAction(first(e.expectations))}” a must-do for ${group}: name who is responsible, what it needs and a fallback, and test it on its own in the next drill.`;
      case "expectation-missed":
        return `Find out why ${group} did not complete “${f.expectationAction(first(e.expectations))}”; add the missing step or resource, or revise the requirement in the plan.`;
      case "inject-unanswered":
        return `Say in the plan who answers “${f.injectTitle(first(e.injects))}” and how fast, and check that the message reaches them.`;
      case "group-silent":
        return `Check that ${group} takes part and reports: give it clear tasks in the plan and a reporting channel.`;
      case "objective-not-demonstrated":
        return `Add or revise the expected actions behind “${f.objectiveTitle(first(e.objectives))}” and make it a focus of the next drill.`;
      case "resource":
        return `Close the ${EN.blockerKind[finding.blockerKind ?? "other"]} gap: ${RESOURCE_FIX.en[finding.blockerKind ?? "other"]}.`;
      case "improvised":
        return `Review what ${group} did outside the plan; write the useful actions into the plan with an owner and a time target.`;
      case "role-confusion":
        return `Clarify who does what between ${group} and ${f.list(ids(finding.addressedTo).map(f.group))} for “${f.injectTitle(first(e.injects))}”, so work is neither duplicated nor left to the wrong group.`;
    }
  },
  evidenceTimes: (from, to, f) =>
    from === undefined
      ? ""
      : to === undefined || to === from
        ? f.at(from)
        : `${f.at(from)}–${f.at(to)}`,
  event: (event, f) => {
    switch (event.type) {
      case "drill-started":
        return `drill started (×${event.speed})`;
      case "drill-resumed":
        return "drill resumed";
      case "inject-delivered":
        return `inject ${event.inject} delivered${event.early ? " early" : ""}`;
      case "inject-skipped":
        return `inject ${event.inject} skipped`;
      case "decision":
        return `${event.expectation ?? (event.inject ? `${event.inject}, ${EN.improvised}` : EN.improvised)}: ${EN.decisionStatus[event.status]}`;
      case "note":
        return `${EN.observationKind[event.kind]}${event.objective ? ` ${event.objective}` : ""}${event.rating ? ` rated ${event.rating}` : ""}`;
      case "clock-paused":
        return "clock paused";
      case "clock-resumed":
        return "clock resumed";
      case "clock-speed":
        return `clock speed ×${event.speed}`;
      case "clock-jumped":
        return `clock jumped from ${f.at(event.from)}`;
      case "hotwash":
        return "hot wash";
      case "correction":
        return `correction of #${event.amends}`;
      case "drill-ended":
        return "drill ended";
    }
  },
  blocker: (kind, text) => `blocker (${EN.blockerKind[kind]}): ${text}`,
  hotwash: (wentWell, wentLessWell, why) =>
    `went well: ${wentWell} — went less well: ${wentLessWell} — why: ${why}`,
  colon: ": ",
  noteHeading: (t, group, objective, rating) =>
    [t, group, objective ? `${objective}${rating ? ` rated ${rating}` : ""}` : undefined]
      .filter(Boolean)
      .join(" · "),
  unmatchedLine: (count, shown) =>
    `${count === 1 ? "1 event names" : `${count} events name`} ids that the plan used for scoring does not have; they are left out of the analysis${count > shown ? ` (the first ${shown} are listed)` : ""}.`,
  noneFound: "None found.",
  noNotes: "No notes were logged.",
  none: "none",
  improvementIntro:
    "One row per significant finding, highest priority first. Fill in the due dates and track each row to closure.",
  appendixIntro: (events) => `Every event of the log, in order (${events} in all).`,
  reportWritten: (path) => `Report written to ${path}`,
  ganttNote:
    "One bar per expected action, from delivery to done (or to the end of the drill); late or unmet ones are marked critical.",
};

const zh: ReviewMessages = {
  title: (title) => `复盘报告：${title}`,
  heading: {
    summary: "概况",
    timeline: "时间线",
    injects: "情景注入",
    gantt: "预期动作甘特图",
    expectations: "预期动作完成情况",
    ratings: "目标评级",
    disagreements: "评估员评级分歧",
    bottlenecks: "堵点（瓶颈）",
    gaps: "短板（缺口）",
    notes: "导调与评估记录",
    strengths: "亮点",
    improvements: "待改进",
    neutral: "其他观察",
    hotwash: "热复盘",
    improvementPlan: "整改计划",
    unmatched: "预案中没有的记录",
    appendix: "附录：决策记录",
  },
  summary: {
    item: "项目",
    value: "内容",
    drill: "演练",
    mode: "方式",
    plan: "预案",
    planLine: (version, sha, file) =>
      [version, file, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · "),
    rescored: "评分所用预案",
    rescoredLine: (file, version, sha) =>
      `${[file, version, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · ")}（修订后的预案，非日志中的原预案）`,
    clock: (clock) => (clock === "virtual" ? "脚本推演，虚拟时钟" : "现场推演，实时时钟"),
    started: "开始时间",
    ended: "结束时间",
    notEnded: (lastT) => `未结束；日志止于 ${lastT}`,
    realDuration: "实际用时",
    scenarioDuration: "情景时长",
    scenarioSpan: (duration, from, to) => `${duration}（${from} 至 ${to}）`,
    scenarioStart: "情景起始",
    groups: "工作组",
    injects: "情景注入",
    injectCounts: (d, s, n) => `已注入 ${d} 条，跳过 ${s} 条，未触发 ${n} 条`,
    expectations: "预期动作",
    expectationCounts: (total, c) =>
      `共 ${total} 项：按时 ${c["on-time"]}，超时 ${c.late}，未完成 ${c.missed}，受阻 ${c.blocked}，未触发 ${c["not-reached"]}${c.open ? `，演练结束时尚在时限内 ${c.open}` : ""}`,
    decisions: "决策",
    decisionCount: (d, i) => `${d} 条（其中${ZH.improvised} ${i} 条）`,
    notes: "评估记录",
    overall: "目标评级",
  },
  column: {
    time: "时间",
    inject: "情景注入",
    phase: "阶段",
    title: "标题",
    to: "下达",
    status: "状态",
    expectation: "预期动作",
    group: "工作组",
    action: "动作",
    delivered: "下达时间",
    done: "完成时间",
    latency: "用时",
    target: "时限",
    objective: "目标",
    rating: "评级",
    why: "依据",
    evaluator: "评估员评级",
    rank: "序号",
    kind: "类型",
    minutesLost: "损失时间",
    finding: "问题",
    evidence: "证据",
    wentWell: "做得好",
    wentLessWell: "不足",
    cause: "原因",
    issue: "问题",
    recommendation: "整改建议",
    owner: "责任组",
    priority: "优先级",
    due: "完成时限",
    seq: "序号",
    event: "事件",
    text: "内容",
    ids: "未知编号",
    number: "序号",
  },
  outcome: TERMS.zh.outcome,
  injectOutcome: (outcome, reason) =>
    outcome === "delivered"
      ? "已注入"
      : outcome === "skipped"
        ? reason === "condition"
          ? "跳过（触发条件不成立）"
          : "导调员跳过"
        : "未触发",
  early: "提前",
  critical: "关键",
  phase: (phase) => `${phase}阶段`,
  bottleneckKind: {
    "late-group": "超时（按工作组）",
    "late-phase": "超时（按阶段）",
    overload: "工作组超负荷",
    "handoff-wait": "交接等待",
    "critical-path": "关键路径",
  },
  gapKind: {
    "critical-missed": "关键动作未完成",
    "expectation-missed": "动作未完成",
    "inject-unanswered": "情景无人响应",
    "group-silent": "工作组无记录",
    "objective-not-demonstrated": "目标未检验达成",
    resource: "资源短板",
    improvised: `预案缺项（${ZH.improvised}）`,
    "role-confusion": "职责不清",
  },
  priority: { high: "高", medium: "中", low: "低" },
  ratingRule: {
    intro: "每个目标按其预期动作评级，自 U 至 P 取第一条成立的规则：",
    lines: {
      U: `U（${ZH.rating.U}）：有关键动作未完成或受阻。`,
      M: `M（${ZH.rating.M}）：有非关键动作未完成或受阻，或有动作用时超过时限的两倍。`,
      S: `S（${ZH.rating.S}）：全部完成，但有超时。`,
      P: `P（${ZH.rating.P}）：全部按时完成。`,
      "-": "-（未检验）：其预期动作均未触发。",
    },
    notes: "情景未触发的预期动作不计入评级。",
  },
  reason: (reason, basis, f) => {
    const list = f.list(basis);
    switch (reason) {
      case "all-on-time":
        return "全部按时完成";
      case "some-late":
        return `全部完成，超时：${list}`;
      case "missed":
        return `未完成或受阻：${list}`;
      case "over-twice":
        return `用时超过时限两倍：${list}`;
      case "critical-missed":
        return `关键动作未完成或受阻：${list}`;
      case "none-reached":
        return "预期动作均未触发";
    }
  },
  evaluatorRated: (rating, disagreement, computed) =>
    disagreement ? `${rating}（与计算结果 ${computed} 不一致）` : rating,
  disagreement: (objective, evaluator, computed) =>
    `${objective}：评估员评为 ${evaluator}，按规则应为 ${computed}。请在复盘会上讨论并记录理由。`,
  bottleneck: (b, f) => {
    const group = b.group ? f.group(b.group) : "";
    switch (b.kind) {
      case "late-group":
      case "late-phase": {
        const who = b.kind === "late-group" ? group : `${b.phase ?? ""}阶段`;
        return `${who}：${b.count} 项动作超时，共超出 ${f.duration(b.minutesLost)}（${f.list(ids(b.evidence.expectations))}）`;
      }
      case "overload":
        return b.capacity !== undefined
          ? `${group}同时在办 ${b.peakOpen} 项动作，超出其能力（${b.capacity} 项），超负荷共 ${f.duration(b.minutesLost)}`
          : `${group}最多同时在办 ${b.peakOpen} 项动作，持续 ${f.duration(b.minutesAtPeak ?? 0)}；预案未设定其能力上限`;
      case "handoff-wait":
        return `${b.waitingExpectation}（${f.group(b.waitingGroup ?? "")}）等待 ${b.waitedOn ?? ""}（${group}）共 ${f.duration(b.waitMinutes ?? 0)}，其中 ${f.duration(b.minutesLost)}在其时限之后`;
      case "critical-path": {
        const last = b.chain?.at(-1) ?? "";
        return `${(b.chain ?? []).join(" → ")}：最后一项关键动作 ${last} 于 ${f.at(b.evidence.to ?? 0)} 完成；链上共超时 ${f.duration(b.minutesLost)}`;
      }
    }
  },
  gap: (g, f) => {
    const group = g.group ? f.group(g.group) : "";
    const e = g.evidence;
    switch (g.kind) {
      case "critical-missed":
      case "expectation-missed":
        return `${f.expectation(first(e.expectations))}（${group}）始终未完成${g.status === "blocked" ? "，最后处于受阻状态" : ""}；时限 ${f.at(e.from ?? 0)}`;
      case "inject-unanswered":
        return `情景注入 ${f.inject(first(e.injects))} 于 ${f.at(e.from ?? 0)} 下达${f.list(ids(e.groups).map(f.group))}，无人响应`;
      case "group-silent":
        return `${group}整场演练未记录任何决策`;
      case "objective-not-demonstrated":
        return ids(e.expectations).length > 0
          ? `目标 ${f.objective(first(e.objectives))} 的预期动作无一完成（${f.list(ids(e.expectations))}）`
          : `目标 ${f.objective(first(e.objectives))} 在预案中没有对应的预期动作`;
      case "resource":
        return `${ZH.blockerKind[g.blockerKind ?? "other"]}类受阻 ${g.count} 次（${f.list(ids(e.groups).map(f.group))}）`;
      case "improvised":
        return `${group}有 ${g.count} 项处置不对应任何预期动作`;
      case "role-confusion":
        return `${group}响应了情景注入 ${f.inject(first(e.injects))} ${g.count} 次，但该情景下达的是${f.list(ids(g.addressedTo).map(f.group))}`;
    }
  },
  recommendation: (finding, f) => {
    const group = finding.group ? f.group(finding.group) : "";
    const e = finding.evidence;
    switch (finding.kind) {
      case "late-group":
      case "late-phase":
        return `逐项复盘${group}的超时环节，细化处置流程和时限，在延误起点前置人员或物资。`;
      case "overload":
        return finding.capacity !== undefined
          ? `为${group}配备后备力量，或将部分任务分流至其他工作组，使同时在办不超过 ${finding.capacity} 项。`
          : `在预案中为${group}设定能力上限（capacity），并明确超出时的增援方式。`;
      case "handoff-wait":
        return `明确${group}向${f.group(finding.waitingGroup ?? "")}交接 ${finding.waitedOn ?? ""} 的时限、方式和确认机制，确保下一环节按时启动。`;
      case "critical-path":
        return `压缩关键路径（${(finding.chain ?? []).join(" → ")}）上的交接和等待：为每个交接节点设定时限，并指定专人盯办。`;
      case "critical-missed":
        return `将“${f.expectationAction(first(e.expectations))}”列为${group}的必保任务：明确责任人、所需资源和备用方案，下次演练专项检验。`;
      case "expectation-missed":
        return `查明${group}未完成“${f.expectationAction(first(e.expectations))}”的原因，补充流程或资源，或修订预案中的要求。`;
      case "inject-unanswered":
        return `在预案中明确由谁、在多长时间内响应“${f.injectTitle(first(e.injects))}”，并确认信息能送达责任组。`;
      case "group-silent":
        return `检查${group}的参演和信息报送机制：在预案中明确其任务和报告渠道。`;
      case "objective-not-demonstrated":
        return `围绕目标“${f.objectiveTitle(first(e.objectives))}”补充或调整预期动作，作为下次演练的检验重点。`;
      case "resource":
        return `补齐${ZH.blockerKind[finding.blockerKind ?? "other"]}短板：${RESOURCE_FIX.zh[finding.blockerKind ?? "other"]}。`;
      case "improvised":
        return `评估${group}的预案外处置，将行之有效的做法纳入预案，明确责任组和时限。`;
      case "role-confusion":
        return `厘清${group}与${f.list(ids(finding.addressedTo).map(f.group))}在“${f.injectTitle(first(e.injects))}”中的职责分工，避免越位或重复处置。`;
    }
  },
  evidenceTimes: (from, to, f) =>
    from === undefined
      ? ""
      : to === undefined || to === from
        ? f.at(from)
        : `${f.at(from)}–${f.at(to)}`,
  event: (event, f) => {
    switch (event.type) {
      case "drill-started":
        return `推演开始（×${event.speed}）`;
      case "drill-resumed":
        return "推演恢复";
      case "inject-delivered":
        return `${event.early ? "提前" : ""}注入情景 ${event.inject}`;
      case "inject-skipped":
        return `跳过情景 ${event.inject}`;
      case "decision":
        return `${event.expectation ?? (event.inject ? `${event.inject} ${ZH.improvised}` : ZH.improvised)}：${ZH.decisionStatus[event.status]}`;
      case "note":
        return `${ZH.observationKind[event.kind]}${event.objective ? ` ${event.objective}` : ""}${event.rating ? ` 评定 ${event.rating}` : ""}`;
      case "clock-paused":
        return "时钟暂停";
      case "clock-resumed":
        return "时钟继续";
      case "clock-speed":
        return `时钟速度 ×${event.speed}`;
      case "clock-jumped":
        return `时钟自 ${f.at(event.from)} 快进`;
      case "hotwash":
        return "热复盘";
      case "correction":
        return `更正第 ${event.amends} 条`;
      case "drill-ended":
        return "推演结束";
    }
  },
  blocker: (kind, text) => `受阻原因（${ZH.blockerKind[kind]}）：${text}`,
  hotwash: (wentWell, wentLessWell, why) =>
    `做得好：${wentWell} —— 不足：${wentLessWell} —— 原因：${why}`,
  colon: "：",
  noteHeading: (t, group, objective, rating) =>
    [t, group, objective ? `${objective}${rating ? ` 评定 ${rating}` : ""}` : undefined]
      .filter(Boolean)
      .join(" · "),
  unmatchedLine: (count, shown) =>
    `有 ${count} 条记录引用了评分所用预案中没有的编号，未计入分析${count > shown ? `（列出前 ${shown} 条）` : ""}。`,
  noneFound: "未发现。",
  noNotes: "无记录。",
  none: "无",
  improvementIntro: "每个主要问题一行，按优先级排列。请填写完成时限，逐项跟踪销号。",
  appendixIntro: (events) => `日志中的全部事件，按时间顺序（共 ${events} 条）。`,
  reportWritten: (path) => `复盘报告已写入 ${path}`,
  ganttNote:
    "每项预期动作一条，自下达至完成（未完成的至演练结束）；超时或未完成的标为关键（crit）。",
};

export const reviewMessages: Record<Lang, ReviewMessages> = { en, zh };

/** The ratings line of the summary: "O1 P · O2 S". */
export function ratingsLine(review: Pick<Review, "objectives">): string {
  return review.objectives.map((o) => `${o.id} ${o.rating}`).join(" · ");
}
