// Every word of the replay summary and of `drill compare`, in both languages side by side.
// Plain text only: the markdown renderer escapes whatever comes out of here.

import type { Lang } from "../core/plan.js";
import { TERMS } from "../core/terms.js";
import type { ExpectationOutcome } from "../review/model.js";
import type { FindingStatus, Headline, ObjectiveTrend, TargetChange } from "./trend.js";

export interface ReplayMessages {
  title(drills: number): string;
  compareTitle: string;
  heading: {
    overview: string;
    plans: string;
    findings: string;
    expectations: string;
    groups: string;
    objectives: string;
    chart: string;
    rescore: string;
    failed: string;
    drills: string;
  };
  findingStatus: Record<FindingStatus, string>;
  findingStatusIntro: Record<FindingStatus, string>;
  column: {
    item: string;
    value: string;
    finding: string;
    kind: string;
    drills: string;
    allDrills: string;
    firstSeen: string;
    lastSeen: string;
    streak: string;
    wording: string;
    expectation: string;
    group: string;
    target: string;
    onTime: string;
    latency: string;
    objective: string;
    trend: string;
    log: string;
    where: string;
    error: string;
    position: string;
    started: string;
    plan: string;
    late: string;
    missed: string;
    findings: string;
    appeared: string;
    resolved: string;
    ratings: string;
    revised: string;
    removedIn: string;
    addedIn: string;
    change: string;
    from: string;
    to: string;
    before: string;
    after: string;
  };
  overview: {
    replayed: string;
    replayedCount(ok: number, failed: number): string;
    period: string;
    plans: string;
    planLine(version: string | undefined, sha: string, drills: number): string;
    scoredWith: string;
    scoredWithLine(file: string | undefined, version: string | undefined, sha: string): string;
    latest: string;
    /** A drill not played through, marked: "3 (not played through)". */
    partial(label: string): string;
    reference: string;
    referenceLine(position: number, file: string): string;
    partialDrills: string;
    partialList(positions: readonly number[]): string;
    latestFindings: string;
    findingCounts(counts: Record<FindingStatus, number>): string;
    headline: string;
    headlineLine(h: Headline): string;
    shown(recent: number, total: number): string;
  };
  samePlan: string;
  sameExpectations: string;
  planChangeHeading(from: string, to: string, position: number, date: string): string;
  planChangeKind: {
    added: string;
    removed: string;
    changed: Record<TargetChange["field"], string>;
  };
  critical: string;
  yes: string;
  no: string;
  noneFound: string;
  outcome: Record<ExpectationOutcome, string>;
  /** A cell for a drill whose plan lacks the id. */
  absent: string;
  /** Minutes taken; late ones with the minutes beyond the target. */
  latencyCell(latency: number, minutesLate: number): string;
  onTimeOf(onTime: number, drills: number): string;
  latencyRange(min: number, max: number, mean: number): string;
  groupCell(onTime: number, total: number, minutesLate: number): string;
  direction: Record<ObjectiveTrend["direction"], string>;
  ratingTrend(first: string, latest: string, direction: string): string;
  evaluatorTrend(first: string, latest: string): string;
  /** A drill's computed rating, with the evaluator's when it differs. */
  ratingCell(rating: string, evaluator: string | undefined): string;
  notApplicable: string;
  /** An outcome that does not count in a drill (its inject never fired). */
  notApplicableCell(outcome: string): string;
  expectationsNote(recent: number, total: number): string;
  chartNote: string;
  chartTitle(id: string, action: string): string;
  chartAxis: string;
  rescoreLine(changed: number, total: number): string;
  drillsNote: string;
  failedNote(count: number): string;
  minutes(value: number): string;
  drillLabel(position: number, date: string): string;
  /** The final line of a batch. */
  done(ok: number, total: number, failed: number, seconds: string, out: string): string;
  failedSummary(failed: number, total: number): string;
  failedHint(summary: string): string;
  moreFailures(count: number): string;
  /** A log whose report took another name, so that it does not replace another log's. */
  reportRenamed(log: string, report: string): string;
  progress(done: number, total: number, failed: number): string;
  compareOrder(a: string, b: string): string;
}

const en: ReplayMessages = {
  title: (drills) => `Replay summary: ${drills} drill${drills === 1 ? "" : "s"}`,
  compareTitle: "Two drills compared",
  heading: {
    overview: "Overview",
    plans: "Where the plans differ",
    findings: "Findings across drills",
    expectations: "Expected actions over time",
    groups: "Groups over time",
    objectives: "Objective ratings over time",
    chart: "Latency of the critical actions",
    rescore: "Scored against the revised plan",
    failed: "Logs that could not be replayed",
    drills: "Drills, oldest first",
  },
  findingStatus: {
    recurring: "Recurring",
    new: "New",
    fixed: "Fixed",
    dropped: "No longer in the plan",
    partial: "Only in drills not played through",
  },
  findingStatusIntro: {
    recurring: "In the latest drill played through and in earlier ones.",
    new: "In the latest drill played through for the first time.",
    fixed: "Seen in earlier drills, not in the latest one played through.",
    dropped: "Seen in earlier drills, about expected actions the latest plan no longer has.",
    partial:
      "Seen only in drills that were not ended or ended before their plan was played: they prove nothing either way until a full drill shows them.",
  },
  column: {
    item: "Item",
    value: "Value",
    finding: "Finding",
    kind: "Kind",
    drills: "Drills",
    allDrills: "All drills",
    firstSeen: "First seen",
    lastSeen: "Last seen",
    streak: "In a row",
    wording: "Latest wording",
    expectation: "Expectation",
    group: "Group",
    target: "Target",
    onTime: "On time",
    latency: "Took (min–max, mean)",
    objective: "Objective",
    trend: "First → latest",
    log: "Log",
    where: "Where",
    error: "Error",
    position: "#",
    started: "Started",
    plan: "Plan",
    late: "Late",
    missed: "Missed or blocked",
    findings: "Findings",
    appeared: "Appeared",
    resolved: "Gone",
    ratings: "Ratings",
    revised: "Revised plan",
    removedIn: "Removed in (drills)",
    addedIn: "Added in (drills)",
    change: "Change",
    from: "From",
    to: "To",
    before: "Before",
    after: "After",
  },
  overview: {
    replayed: "Drills replayed",
    replayedCount: (ok, failed) => (failed > 0 ? `${ok} (${failed} failed)` : `${ok}`),
    period: "Period",
    plans: "Plans",
    planLine: (version, sha, drills) =>
      `${version ?? "(no version)"} · sha256 ${sha.slice(0, 12)} (${drills} drill${drills === 1 ? "" : "s"})`,
    scoredWith: "Scored against",
    scoredWithLine: (file, version, sha) =>
      `${[file, version, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · ")} (a revised plan, not the ones in the logs)`,
    latest: "Latest drill",
    partial: (label) => `${label} (not played through)`,
    reference: "Findings judged against",
    referenceLine: (position, file) => `drill ${position}, ${file}`,
    partialDrills: "Drills not played through",
    partialList: (positions) =>
      `${positions.map((p) => `#${p}`).join(", ")} (not ended, ended before their plan was played, or shorter than half of it)`,
    latestFindings: "Findings",
    findingCounts: (c) =>
      `${c.recurring} recurring, ${c.new} new in the latest drill played through; ${c.fixed} fixed, ${c.dropped} no longer in the plan${c.partial ? `; ${c.partial} seen only in drills not played through` : ""}`,
    headline: "Latest against the drill before",
    headlineLine: (h) => headlineEn(h),
    shown: (recent, total) =>
      recent < total ? `The latest ${recent} of ${total} drills have a column each.` : "",
  },
  samePlan: "All drills used the same plan.",
  sameExpectations:
    "The plans differ in their text only: every expectation has the same id, group, inject, target and criticality.",
  planChangeHeading: (from, to, position, date) =>
    `${from} → ${to} (from drill #${position}, ${date})`,
  planChangeKind: {
    added: "expectation added",
    removed: "expectation removed",
    changed: {
      targetMinutes: "target changed",
      group: "group changed",
      critical: "critical changed",
      inject: "moved to another inject",
    },
  },
  critical: "critical",
  yes: "yes",
  no: "no",
  noneFound: "None.",
  outcome: TERMS.en.outcome,
  absent: "n/a",
  latencyCell: (latency, late) =>
    late > 0 ? `${fmt(latency)} min (+${fmt(late)})` : `${fmt(latency)} min`,
  onTimeOf: (onTime, due) => `${onTime} of ${due}`,
  latencyRange: (min, max, mean) =>
    min === max ? `${fmt(min)} min` : `${fmt(min)}–${fmt(max)} min, mean ${fmt(mean)}`,
  groupCell: (onTime, total, late) =>
    `${onTime}/${total} on time${late > 0 ? `, ${fmt(late)} min late` : ""}`,
  direction: { better: "better", worse: "worse", same: "same" },
  ratingTrend: (first, latest, direction) => `${first} → ${latest} (${direction})`,
  evaluatorTrend: (first, latest) => `evaluator ${first} → ${latest}`,
  ratingCell: (rating, evaluator) =>
    evaluator !== undefined && evaluator !== rating ? `${rating} (evaluator ${evaluator})` : rating,
  notApplicable: "n/a",
  notApplicableCell: (outcome) => `${outcome} (n/a)`,
  expectationsNote: (recent, total) =>
    `Minutes from the inject's delivery to the action done, in ${recent < total ? `the latest ${recent} of ${total} drills` : "each drill"}; "+n" is beyond the target. "n/a": that drill's plan has no such expectation. The last two columns count every drill.`,
  chartNote:
    "One chart per critical expected action of the latest plan: minutes it took in each drill (an action never done is drawn at the time it was still open when the drill ended, one not reached at 0), and its target.",
  chartTitle: (id, action) => `${id} ${action}`,
  chartAxis: "minutes",
  rescoreLine: (changed, total) =>
    `Scoring against the revised plan changes the findings of ${changed} of ${total} drills. Each drill's own plan is compared with the revised one by ids.`,
  drillsNote:
    "Appeared and gone: findings against the drill before. Each log links to its regenerated report.",
  failedNote: (count) =>
    `${count} log${count === 1 ? "" : "s"} could not be read; the other drills were replayed without ${count === 1 ? "it" : "them"}.`,
  minutes: (value) => `${fmt(value)} min`,
  drillLabel: (position, date) => `#${position} ${date}`,
  done: (ok, total, failed, seconds, out) =>
    `Replayed ${ok} of ${total} log${total === 1 ? "" : "s"} in ${seconds} s${failed > 0 ? ` (${failed} failed)` : ""}; summary: ${out}`,
  failedSummary: (failed, total) =>
    `${failed} of ${total} log${total === 1 ? "" : "s"} could not be replayed`,
  failedHint: (summary) => `the other drills were replayed; the failures are listed in ${summary}`,
  moreFailures: (count) => `… and ${count} more`,
  reportRenamed: (log, report) =>
    `${log}: its report is ${report}, as another log's report has the name it would have had`,
  progress: (done, total, failed) =>
    `${done}/${total} logs${failed > 0 ? `, ${failed} failed` : ""}`,
  compareOrder: (a, b) =>
    `warning: ${b} started before ${a}; the comparison still reads ${a} as the earlier drill`,
};

const zh: ReplayMessages = {
  title: (drills) => `复盘汇总：共 ${drills} 次演练`,
  compareTitle: "两次演练对比",
  heading: {
    overview: "概况",
    plans: "预案版本差异",
    findings: "跨演练问题追踪",
    expectations: "预期动作逐次对比",
    groups: "各工作组逐次对比",
    objectives: "目标评级趋势",
    chart: "关键动作用时趋势",
    rescore: "按修订预案重新评分",
    failed: "未能复盘的日志",
    drills: "各次演练（由早到晚）",
  },
  findingStatus: {
    recurring: "反复出现",
    new: "新出现",
    fixed: "已解决",
    dropped: "预案已删除",
    partial: "仅见于未完整推演的演练",
  },
  findingStatusIntro: {
    recurring: "最近一次完整推演中仍然存在，此前也出现过。",
    new: "最近一次完整推演中首次出现。",
    fixed: "此前出现过，最近一次完整推演中已不存在。",
    dropped: "此前出现过，所涉预期动作在最新预案中已删除。",
    partial: "只出现在未结束或未推演完预案的演练中：在完整推演中出现之前，不能据此判断。",
  },
  column: {
    item: "项目",
    value: "内容",
    finding: "问题",
    kind: "类型",
    drills: "出现次数",
    allDrills: "全部演练",
    firstSeen: "首次出现",
    lastSeen: "最近出现",
    streak: "连续次数",
    wording: "最近一次的描述",
    expectation: "预期动作",
    group: "工作组",
    target: "时限",
    onTime: "按时完成",
    latency: "用时（最短–最长，平均）",
    objective: "目标",
    trend: "首次 → 最近",
    log: "日志",
    where: "位置",
    error: "错误",
    position: "序号",
    started: "开始时间",
    plan: "预案",
    late: "超时",
    missed: "未完成或受阻",
    findings: "问题数",
    appeared: "新增",
    resolved: "消除",
    ratings: "评级",
    revised: "修订预案",
    removedIn: "消除的演练次数",
    addedIn: "新增的演练次数",
    change: "变化",
    from: "原",
    to: "现",
    before: "前一次",
    after: "后一次",
  },
  overview: {
    replayed: "复盘演练",
    replayedCount: (ok, failed) => (failed > 0 ? `${ok} 次（${failed} 个日志失败）` : `${ok} 次`),
    period: "时间范围",
    plans: "预案版本",
    planLine: (version, sha, drills) =>
      `${version ?? "（无版本号）"} · sha256 ${sha.slice(0, 12)}（${drills} 次）`,
    scoredWith: "评分所用预案",
    scoredWithLine: (file, version, sha) =>
      `${[file, version, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · ")}（修订预案，非日志中的预案）`,
    latest: "最近一次演练",
    partial: (label) => `${label}（未完整推演）`,
    reference: "问题对比基准",
    referenceLine: (position, file) => `第${position}次 ${file}`,
    partialDrills: "未完整推演的演练",
    partialList: (positions) =>
      `${positions.map((p) => `第${p}次`).join("、")}（未结束、未推演完预案或不足预案时长一半）`,
    latestFindings: "问题",
    headline: "最近一次与前一次对比",
    headlineLine: (h) => headlineZh(h),
    findingCounts: (c) =>
      `最近一次完整推演中 ${c.recurring} 项反复出现、${c.new} 项新出现；${c.fixed} 项已解决，${c.dropped} 项所涉动作已从预案删除${c.partial ? `；${c.partial} 项仅见于未完整推演的演练` : ""}`,
    shown: (recent, total) =>
      recent < total ? `逐次对比列出最近 ${recent} 次（共 ${total} 次）` : "",
  },
  samePlan: "各次演练使用同一预案。",
  sameExpectations:
    "两版预案仅文字不同：各预期动作的编号、责任组、所属情景注入、时限和关键性均相同。",
  planChangeHeading: (from, to, position, date) =>
    `${from} → ${to}（自第 ${position} 次演练起，${date}）`,
  planChangeKind: {
    added: "新增预期动作",
    removed: "删除预期动作",
    changed: {
      targetMinutes: "时限调整",
      group: "责任组调整",
      critical: "关键性调整",
      inject: "改属其他情景注入",
    },
  },
  critical: "关键",
  yes: "是",
  no: "否",
  noneFound: "无。",
  outcome: TERMS.zh.outcome,
  absent: "不适用",
  latencyCell: (latency, late) =>
    late > 0 ? `${fmt(latency)} 分钟（超 ${fmt(late)}）` : `${fmt(latency)} 分钟`,
  onTimeOf: (onTime, due) => `${onTime}/${due} 次`,
  latencyRange: (min, max, mean) =>
    min === max ? `${fmt(min)} 分钟` : `${fmt(min)}–${fmt(max)} 分钟，平均 ${fmt(mean)}`,
  groupCell: (onTime, total, late) =>
    `按时 ${onTime}/${total}${late > 0 ? `，超时共 ${fmt(late)} 分钟` : ""}`,
  direction: { better: "好转", worse: "变差", same: "持平" },
  ratingTrend: (first, latest, direction) => `${first} → ${latest}（${direction}）`,
  evaluatorTrend: (first, latest) => `评估员 ${first} → ${latest}`,
  ratingCell: (rating, evaluator) =>
    evaluator !== undefined && evaluator !== rating ? `${rating}（评估员 ${evaluator}）` : rating,
  notApplicable: "不适用",
  notApplicableCell: (outcome) => `${outcome}（不适用）`,
  expectationsNote: (recent, total) =>
    `自情景注入下达至动作完成的分钟数，${recent < total ? `列出最近 ${recent} 次（共 ${total} 次）` : "逐次列出"}；“超 n”为超出时限的分钟数。“不适用”表示该次演练的预案中没有此项。最后两列统计全部演练。`,
  chartNote:
    "最新预案中每项关键动作一张图：各次演练的用时（未完成的按演练结束时仍未完成的时长绘制，未触发的记为 0）及其时限。",
  chartTitle: (id, action) => `${id} ${action}`,
  chartAxis: "分钟",
  rescoreLine: (changed, total) =>
    `按修订预案重新评分后，${total} 次演练中有 ${changed} 次的问题发生变化。各次演练自身的预案与修订预案按编号比对。`,
  drillsNote: "新增、消除：与前一次演练相比的问题变化。日志链接到重新生成的复盘报告。",
  failedNote: (count) => `${count} 个日志无法读取；其余演练已照常复盘。`,
  minutes: (value) => `${fmt(value)} 分钟`,
  drillLabel: (position, date) => `第${position}次 ${date}`,
  done: (ok, total, failed, seconds, out) =>
    `已复盘 ${ok}/${total} 个日志，用时 ${seconds} 秒${failed > 0 ? `（${failed} 个失败）` : ""}；汇总：${out}`,
  failedSummary: (failed, total) => `${total} 个日志中有 ${failed} 个未能复盘`,
  failedHint: (summary) => `其余演练已复盘；失败的日志列在 ${summary}`,
  moreFailures: (count) => `……另有 ${count} 个`,
  reportRenamed: (log, report) => `${log}：报告名与另一日志的报告重名，改为 ${report}`,
  progress: (done, total, failed) =>
    `${done}/${total} 个日志${failed > 0 ? `，${failed} 个失败` : ""}`,
  compareOrder: (a, b) => `警告：${b} 的开始时间早于 ${a}；对比仍以 ${a} 为前一次演练`,
};

export const replayMessages: Record<Lang, ReplayMessages> = { en, zh };

function signed(value: number, unit: string): string {
  const whole = Math.round(value);
  return whole > 0 ? `+${whole}${unit}` : whole < 0 ? `−${-whole}${unit}` : `±0${unit}`;
}

function pct(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 100)}%`;
}

/** "O1 P → P · O4 M → S (evaluator M → P)"; `theirs` words the evaluators' part. */
function ratingChanges(h: Headline, theirs: (from: string, to: string) => string): string {
  return h.ratings
    .map((r) => {
      const own = `${r.id} ${r.from} → ${r.to}`;
      return r.evaluatorFrom !== undefined || r.evaluatorTo !== undefined
        ? own + theirs(r.evaluatorFrom ?? "–", r.evaluatorTo ?? "–")
        : own;
    })
    .join(" · ");
}

function headlineEn(h: Headline): string {
  const a = h.from.totals;
  const b = h.to.totals;
  const onTime = h.onTimeShare === null ? "" : ` (${signed(h.onTimeShare * 100, " points")})`;
  return `late minutes ${fmt(a.minutesLate)} → ${fmt(b.minutesLate)} (${signed(h.minutesLate, " min")}); on time ${a.onTime}/${a.due} (${pct(a.onTimeShare)}) → ${b.onTime}/${b.due} (${pct(b.onTimeShare)})${onTime}; never done ${a.missed + a.blocked} → ${b.missed + b.blocked}; ratings ${ratingChanges(h, (from, to) => ` (evaluator ${from} → ${to})`)}`;
}

function headlineZh(h: Headline): string {
  const a = h.from.totals;
  const b = h.to.totals;
  const onTime = h.onTimeShare === null ? "" : `（${signed(h.onTimeShare * 100, " 个百分点")}）`;
  return `超时分钟 ${fmt(a.minutesLate)} → ${fmt(b.minutesLate)}（${signed(h.minutesLate, " 分钟")}）；按时 ${a.onTime}/${a.due}（${pct(a.onTimeShare)}）→ ${b.onTime}/${b.due}（${pct(b.onTimeShare)}）${onTime}；未完成 ${a.missed + a.blocked} → ${b.missed + b.blocked}；评级 ${ratingChanges(h, (from, to) => `（评估员 ${from} → ${to}）`)}`;
}

/** Whole minutes: the log keeps hundredths, a reader wants minutes. */
function fmt(value: number): string {
  return String(Math.round(value));
}
