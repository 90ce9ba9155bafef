// The report's words in Chinese (the interface and its English twin: messages.ts, messages-en.ts).

import type { BlockerKind, DrillEvent } from "../core/events.js";
import type { ConditionStatus } from "../core/plan.js";
import { TERMS } from "../core/terms.js";
import type { ReviewFormat } from "./format.js";
import type { ReviewMessages } from "./messages.js";
import type { Finding, InjectResult, RevisionChange } from "./model.js";
import {
  consequencesText,
  evaluatorStricter,
  eventTextOf,
  factAt,
  handoffsText,
  injectsSent,
  lateIds,
  mainLate,
  originsAndHeld,
  percent,
  quoteFrom,
  quotesFrom,
  ratingsLine,
  turnedAfter,
  type WordsContext,
} from "./wording.js";

const ZH = TERMS.zh;

const RESOURCE_FIX: Record<BlockerKind, string> = {
  people: "建立后备力量和跨部门支援机制，明确调用条件",
  supplies: "核定物资储备基数，建立紧急调拨渠道并明确调拨时限",
  information: "明确信息推送的时限、方式和格式，建立回执确认",
  authority: "明确现场授权和审批权限，减少请示层级",
  equipment: "核定车辆、场地和设备的储备与调用方案",
  coordination: "明确各组交接界面和联络人，建立联席会商机制",
  other: "逐条分析受阻原因，落实责任和资源",
};

/** What a blocker of each kind means for the group it held up. */
const HELD_UP: Record<BlockerKind, string> = {
  people: "人员不足",
  supplies: "物资短缺",
  information: "信息未到位",
  authority: "等待授权或审批",
  equipment: "车辆、场地或设备不足",
  coordination: "组间协调不畅",
  other: "受阻",
};

const CONDITION: Record<ConditionStatus, string> = {
  done: "完成",
  "on-time": "按时",
  late: "超时",
  missed: "逾期",
  blocked: "受阻",
  "not-done": "未完成",
};

const quoted = (texts: readonly string[]) => texts.map((t) => `“${t}”`).join("；");

function blockerWord(kind: BlockerKind | undefined): string {
  return ZH.blockerKind[kind ?? "other"];
}

function fact(id: string, t: number, c: WordsContext): string {
  const x = factAt(id, t, c);
  const f = c.f;
  switch (x.kind) {
    case "unknown":
      return `预案中没有 ${id}`;
    case "done":
      return `${id} 已于 ${f.at(x.doneAt)} 完成`;
    case "done-late":
      return `${id} 于 ${f.at(x.doneAt)} 完成，晚于时限 ${f.at(x.deadline)}`;
    case "overdue":
      return `${id} 此时仍未完成，时限为 ${f.at(x.deadline)}`;
    case "not-done":
      return `${id} 此时仍未完成`;
  }
}

function condition(i: InjectResult): string {
  const cond = i.condition;
  if (!cond) return "";
  return `条件：${cond.expectation} ${cond.status.map((s) => CONDITION[s]).join("或")}`;
}

function handoffs(f: Finding, c: WordsContext): string {
  return handoffsText(
    f,
    c,
    (from, to, fromGroup, toGroup, internal) =>
      internal
        ? `${from} → ${to}（${toGroup}内部工序衔接）`
        : `${from} → ${to}（${fromGroup}向${toGroup}交接）`,
    "、",
  );
}

function issue(f: Finding, c: WordsContext): string {
  const fm = c.f;
  const group = f.group ? fm.group(f.group) : "";
  const ids = (list: readonly string[] | undefined) => fm.list(list ?? []);
  const share = `共超时 ${fm.duration(f.minutesLost)}（占全部超时的 ${percent(f.share)}）`;
  const unmet = [
    f.blocked ? `${ids(f.blocked)} 受阻未完成` : "",
    f.missed ? `${ids(f.missed)} 未完成` : "",
  ].filter(Boolean);
  switch (f.kind) {
    case "blocker": {
      const parts = [f.late ? `致 ${ids(lateIds(f))} ${share}` : "", ...unmet].filter(Boolean);
      return `${blockerWord(f.rootCause.blockerKind)}类受阻：${parts.join("；")}`;
    }
    case "own-delay": {
      const { origins, held } = originsAndHeld(f, c);
      const own = origins
        .map((id) => `${fm.expectation(id)}（${fm.duration(c.expectation(id)?.delay?.own ?? 0)}）`)
        .join("、");
      return `${group}自身延误：${own}超时${held.length > 0 ? `，并拖延下游 ${ids(held)}` : ""}，${share}`;
    }
    case "overload":
      return `${group}最多同时在办 ${f.peakOpen ?? 0} 项动作，超出其能力（${f.capacity ?? 0} 项），超负荷共 ${fm.duration(f.minutesOverCapacity ?? 0)}；其间 ${ids(lateIds(f))} 超时 ${fm.duration(f.minutesLost)}（占全部超时的 ${percent(f.share)}）`;
    case "critical-missed":
    case "expectation-missed": {
      const id = f.rootCause.expectation ?? "";
      const e = c.expectation(id);
      const what = f.kind === "critical-missed" ? "关键动作" : "动作";
      return `${what} ${fm.expectation(id)}（${group}）始终未完成${e?.status === "blocked" ? "，最后处于受阻状态" : ""}；时限 ${fm.at(e?.deadline ?? 0)}`;
    }
    case "group-silent": {
      const sent = injectsSent(f.group ?? "", c);
      return `${group}收到 ${fm.list(sent)}后未记录任何决策${unmet.length > 0 ? `；${unmet.join("；")}` : ""}`;
    }
    case "inject-unanswered": {
      const id = f.rootCause.inject ?? "";
      const i = c.inject(id);
      return `情景注入 ${fm.inject(id)}于 ${fm.at(i?.deliveredAt ?? 0)} 下达${fm.list((i?.to ?? []).map(fm.group))}，无人响应${unmet.length > 0 ? `；${unmet.join("；")}` : ""}`;
    }
    case "improvised":
      return `${group}有 ${f.count ?? 0} 项处置预案中没有：${quoted(quotesFrom(f, "improvised"))}`;
    case "role-confusion":
      return `${group}响应了情景注入 ${fm.inject(f.rootCause.inject ?? "")} ${f.count ?? 0} 次，但该情景下达的是${fm.list((f.addressedTo ?? []).map(fm.group))}`;
    case "observation": {
      const about = f.group
        ? `（${group}）`
        : f.rootCause.objective
          ? `（${fm.objective(f.rootCause.objective)}）`
          : "";
      return `评估员指出${about}：${quoted(quotesFrom(f, "observation"))}`;
    }
  }
}

function rootCause(f: Finding, c: WordsContext): string {
  const group = f.group ? c.f.group(f.group) : "";
  const why = quoteFrom(f, "hotwash");
  const note = quoteFrom(f, "observation");
  const passedOn = f.handoffs ? `；延误沿 ${handoffs(f, c)}传递` : "";
  const path = f.criticalPath ? "；拖慢了关键路径" : "";
  const contingency = f.contingencies
    ? `；触发了应急情景 ${c.f.list(f.contingencies.map(c.f.inject))}`
    : "";
  const said = why ? `；热复盘所述原因：“${why}”` : "";
  const noted = note ? `；评估员指出：“${note}”` : "";
  switch (f.kind) {
    case "blocker": {
      const blockers = quotesFrom(f, "blocker").slice(0, 2);
      const workaround = quoteFrom(f, "improvised");
      return `${HELD_UP[f.rootCause.blockerKind ?? "other"]}${blockers.length > 0 ? `：${quoted(blockers)}` : ""}${workaround ? `；临时以“${workaround}”应对` : ""}${passedOn}${path}${contingency}${said}`;
    }
    case "own-delay":
      return `${group}自身进度慢：既非等待其他组，也未受阻${why ? said : "；无人记录原因"}${noted}${passedOn}${path}${contingency}`;
    case "overload":
      return `任务超出${group}的承载能力：其自身延误发生在同时在办 ${f.peakOpen ?? 0} 项（能力 ${f.capacity ?? 0} 项）期间${said}`;
    case "critical-missed":
    case "expectation-missed": {
      const last = quoteFrom(f, "decision");
      return last
        ? `没有决策完成该动作，最后一条记录为：“${last}”${noted}`
        : `该动作没有任何决策记录${noted}`;
    }
    case "group-silent":
      return `${group}未参与处置或未报送：整场未记录任何决策`;
    case "inject-unanswered":
      return "情景注入已送达，但无工作组接手";
    case "improvised":
      return "预案中没有对应的预期动作：缺少相应环节或资源";
    case "role-confusion":
      return `预案将该情景下达给${c.f.list((f.addressedTo ?? []).map(c.f.group))}，实际由${group}处置`;
    case "observation":
      return "评估员现场观察所得，日志中的时间和结果未能反映";
  }
}

function consequences(f: Finding, c: WordsContext): string {
  return consequencesText(f, c, {
    late: (id, minutes) => `${id} 超时 ${minutes}`,
    neverDone: (ids) => `未完成：${ids}`,
    leftBlocked: (ids) => `受阻未完成：${ids}`,
    criticalPath: "在关键路径上",
    setOff: (injects) => `触发 ${injects}`,
    setRating: (id, rating) => `致 ${id} 评为 ${rating}`,
    listSeparator: "、",
    partSeparator: "；",
  });
}

function recommendation(f: Finding, c: WordsContext): string {
  const fm = c.f;
  const group = f.group ? fm.group(f.group) : "";
  const why = quoteFrom(f, "hotwash");
  const note = quoteFrom(f, "observation");
  switch (f.kind) {
    case "blocker": {
      const kind = f.rootCause.blockerKind ?? "other";
      const workaround = quoteFrom(f, "improvised");
      const gap = quoteFrom(f, "blocker");
      const lead = workaround
        ? `将临机处置“${workaround}”固化为预案中的常设安排`
        : gap
          ? `针对“${gap}”补齐缺口`
          : `查明 ${fm.list([...(f.blocked ?? []), ...lateIds(f)])} 的受阻原因`;
      return `${lead}：${RESOURCE_FIX[kind]}${why ? `；并消除热复盘所述原因：“${why}”` : ""}。`;
    }
    case "own-delay": {
      const main = mainLate(f, c);
      const action = main ? fm.expectationAction(main.id) : "";
      const decision = quoteFrom(f, "decision");
      if (why)
        return `针对${group}所述“${action}”延误的原因——“${why}”——逐项整改${note ? `（评估员意见一致：“${note}”）` : ""}，下次演练检验其时限。`;
      if (note) return `按评估员对“${action}”的意见整改：“${note}”，下次演练检验其时限。`;
      if (decision) return `查明“${action}”为何停留在“${decision}”，下次演练前改进该环节。`;
      return `无人记录“${action}”超时 ${fm.duration(main?.minutesLate ?? 0)}的原因：请在复盘会上向${group}核实并记录，再决定调整流程或其 ${fm.duration(main?.targetMinutes ?? 0)}时限。`;
    }
    case "overload":
      return `为${group}配备后备力量，或将部分任务分流至其他工作组：其同时在办 ${f.peakOpen ?? 0} 项，超出能力（${f.capacity ?? 0} 项）共 ${fm.duration(f.minutesOverCapacity ?? 0)}${why ? `；该组所述原因：“${why}”` : ""}。`;
    case "critical-missed":
    case "expectation-missed": {
      const action = fm.expectationAction(f.rootCause.expectation ?? "");
      const last = quoteFrom(f, "decision");
      if (f.kind === "critical-missed")
        return last
          ? `将“${action}”列为${group}的必保任务：明确由谁解决“${last}”所述问题，制定备用方案，下次演练专项检验。`
          : `没有任何决策说明“${action}”为何未完成：请向${group}核实，明确责任人和备用方案，下次演练专项检验。`;
      return last
        ? `查明${group}未完成“${action}”的原因（最后记录：“${last}”），补充流程或资源，或修订预案中的要求。`
        : `“${action}”没有任何记录：请向${group}核实原因，补充流程或资源，或修订预案中的要求。`;
    }
    case "group-silent":
      return `${group}收到 ${fm.list(injectsSent(f.group ?? "", c))}后没有任何记录：检查情景能否送达该组及其报送渠道（明确联络人和方式），并在复盘会上了解其实际处置情况。`;
    case "inject-unanswered": {
      const i = c.inject(f.rootCause.inject ?? "");
      return `在预案中明确由谁、在多长时间内响应“${fm.injectTitle(f.rootCause.inject ?? "")}”，并确认信息能送达${fm.list((i?.to ?? []).map(fm.group))}。`;
    }
    case "improvised":
      return `将以下做法写入预案，作为${group}的预期动作，明确责任人和时限：${quoted(quotesFrom(f, "improvised"))}。`;
    case "role-confusion":
      return `厘清${group}与${fm.list((f.addressedTo ?? []).map(fm.group))}在“${fm.injectTitle(f.rootCause.inject ?? "")}”中的分工：${group}未被下达却处置了 ${f.count ?? 0} 次。`;
    case "observation":
      return `按评估员意见整改：${quoted(quotesFrom(f, "observation"))}，下次演练检验整改效果。`;
  }
}

const REVISION: Record<RevisionChange, string> = {
  "add-resource": "补充资源",
  "standby-team": "后备队伍",
  "raise-capacity": "能力与增援",
  "define-handoff": "明确交接",
  "delegate-authority": "现场授权",
  fallback: "责任人与备用方案",
  "review-target": "核定时限",
  "add-step": "增加环节",
  reporting: "报送渠道",
  "assign-owner": "明确响应方",
  "clarify-roles": "厘清分工",
};

function revision(
  rev: Parameters<ReviewMessages["revision"]>[0],
  f: Finding,
  c: WordsContext,
): string {
  const fm = c.f;
  const basis = rev.basis ? `（依据：“${rev.basis}”）` : "";
  const id = rev.target.id;
  switch (rev.change) {
    case "add-resource":
      return `在 ${fm.expectation(id)}中写明所缺的${blockerWord(f.rootCause.blockerKind)}：储备多少、存放何处、如何在时限内调用${basis}。`;
    case "standby-team":
      return `为${fm.group(id)}设立后备队伍，并写明启用条件${basis}。`;
    case "raise-capacity":
      return `调整${fm.group(id)}的能力上限（现为 ${f.capacity ?? 0} 项），或明确超出时由谁增援${basis}。`;
    case "define-handoff":
      return `为 ${fm.expectation(id)}明确所依赖的交接：渠道、格式、时限和回执${basis}。`;
    case "delegate-authority":
      return `写明${fm.group(id)}的现场处置权限${basis}。`;
    case "fallback":
      return `为 ${fm.expectation(id)}明确责任人和备用方案${basis}。`;
    case "review-target": {
      const e = c.expectation(id);
      return `核定 ${fm.expectation(id)}的时限（现为 ${fm.duration(e?.targetMinutes ?? 0)}，实际用时 ${fm.duration(e?.latencyMinutes ?? 0)}）${basis}。`;
    }
    case "add-step":
      return `在${fm.group(id)}的预期动作中增加以下环节并设定时限：${quoted(quotesFrom(f, "improvised"))}。`;
    case "reporting":
      return `明确${fm.group(id)}的联络人和报送渠道，确认情景能送达该组。`;
    case "assign-owner":
      return `在 ${fm.inject(id)}中明确由哪个工作组响应，设定预期动作和时限。`;
    case "clarify-roles":
      return `将 ${fm.inject(id)}下达给实际处置的工作组，或调整任务分工（实际由${fm.group(f.group ?? "")}处置）。`;
  }
}

function eventText(event: DrillEvent, f: ReviewFormat): string {
  return eventTextOf(event, f, {
    blocker: (text, kind, blocker) => `${text} —— 受阻原因（${ZH.blockerKind[kind]}）：${blocker}`,
    hotwash: (well, less, why) => `做得好：${well} —— 不足：${less} —— 原因：${why}`,
    note: (title, note) => `${title} —— ${note}`,
  });
}

function event(event: DrillEvent, f: ReviewFormat): string {
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
    case "unannounced":
      return `不打招呼（种子 ${event.seed}）`;
    case "peek":
      return `导调员查看后续情景${event.inject ? `（${event.inject}）` : ""}`;
    case "drill-ended":
      return "推演结束";
  }
}

export const zh: ReviewMessages = {
  title: (title) => `复盘报告：${title}`,
  cover: {
    kind: "评估报告",
    organiser: "组织单位",
    date: "演练日期",
    version: "预案版本",
    tool: "生成工具",
    contents: "目录",
    fonts:
      "本文档正文使用宋体（SimSun），未安装时依次使用思源宋体（Source Han Serif SC）、Noto Serif CJK SC；图表使用 Noto Sans CJK SC、思源黑体（Source Han Sans SC）、微软雅黑、宋体。",
    page: "第 {page} 页",
  },
  heading: {
    summary: "一、执行摘要（总体评价）",
    overview: "二、演练概况",
    objectives: "三、按目标和能力分析",
    ratingsChart: "各目标评级",
    strengths: "各工作组的亮点",
    otherFindings: "与目标无直接关联的问题",
    conduct: "四、演练组织实施情况",
    issues: "五、问题清单、整改清单、责任清单",
    problems: "（一）问题清单",
    rectification: "（二）整改清单",
    responsibility: "（三）责任清单",
    revisions: "六、预案修订建议",
    timeline: "七、时间线",
    injects: "情景注入",
    gantt: "预期动作甘特图",
    expectations: "预期动作完成情况",
    context: "各工作组、各阶段超时情况",
    notes: "附录：评估记录与热复盘",
    hotwash: "热复盘",
    unmatched: "附录：预案中没有的记录",
    appendix: "附录：决策记录",
  },
  column: {
    seq: "序号",
    time: "时间",
    group: "工作组",
    event: "事件",
    text: "内容",
    item: "项目",
    value: "内容",
    lead: "牵头人",
    members: "成员单位",
    capacity: "能力上限",
    decisions: "决策数",
    objective: "目标",
    capability: "能力",
    rating: "评级",
    why: "依据",
    evaluator: "评估员评级",
    rank: "序号",
    issue: "问题",
    cause: "根因",
    minutesLost: "超时分钟（占比）",
    consequences: "影响",
    priority: "优先级",
    evidence: "证据",
    number: "序号",
    recommendation: "整改措施",
    poete: "要素（POETE）",
    owner: "责任组",
    poc: "联系人",
    start: "开始时间",
    due: "完成时限",
    status: "状态",
    items: "整改事项（问题序号）",
    target: "时限",
    part: "修订对象",
    change: "修订类型",
    proposal: "修订建议",
    finding: "问题序号",
    inject: "情景注入",
    phase: "阶段",
    title: "标题",
    to: "下达",
    expectation: "预期动作",
    action: "动作",
    delivered: "下达时间",
    done: "完成时间",
    latency: "用时",
    minutesLate: "超时",
    delay: "超时来源",
    lateCount: "超时动作数",
    wentWell: "做得好",
    wentLessWell: "不足",
    ids: "未知编号",
  },
  executive: {
    drill: (c) => {
      const d = c.review.drill;
      const f = c.f;
      return `《${d.title}》于 ${f.date(d.startedAt)} 以${d.clock === "virtual" ? "脚本推演" : "现场推演"}方式进行，情景时长 ${f.duration(d.scenarioMinutes)}（${f.at(0)} 至 ${f.at(d.scenarioMinutes)}），${d.groups.filter((g) => !g.notInDrill).length} 个工作组参演，下达情景注入 ${d.injectsDelivered} 条，跳过 ${d.injectsSkipped} 条，未触发 ${d.injectsNotReached} 条。`;
    },
    results: (c) => {
      const s = c.review.summary;
      const n = s.counts;
      const due = n["on-time"] + n.late + n.missed + n.blocked;
      const f = c.f;
      const open = n.open > 0 ? `；演练结束时尚在时限内 ${n.open} 项` : "";
      return `到期的 ${due} 项预期动作中，按时完成 ${n["on-time"]} 项（${s.onTimeShare === null ? "–" : percent(s.onTimeShare)}）；超时 ${n.late} 项，共超时 ${f.duration(s.minutesLate)}；未完成 ${s.missed.length} 项${s.missed.length > 0 ? `（${f.list(s.missed)}）` : ""}；受阻未完成 ${s.blocked.length} 项${s.blocked.length > 0 ? `（${f.list(s.blocked)}）` : ""}${open}。`;
    },
    partial: (c) => {
      const d = c.review.drill;
      return d.ended
        ? `本次演练于 ${c.f.at(d.scenarioMinutes)} 结束，预案（至 ${c.f.at(d.planMinutes)}）中尚有 ${d.injectsNotReached} 条情景注入未触发：以下结论只覆盖已推演的部分。`
        : `本次演练未正常结束：日志止于 ${c.f.at(d.scenarioMinutes)}（预案至 ${c.f.at(d.planMinutes)}），以下结论只覆盖已推演的部分。`;
    },
    causes: (c) => {
      const s = c.review.summary;
      if (s.byCause.length === 0) return "没有动作超时。";
      return `超时分钟的根因：${s.byCause.map((cause) => `${zh.issues.causeLabel(cause, c)} ${c.f.duration(cause.minutes)}（${percent(cause.share)}）`).join("，")}。`;
    },
    ratings: (c) => `目标评级：${ratingsLine(c.review, (r) => `（评估员 ${r}）`) || "无"}。`,
    strengthsHeading: "主要亮点",
    noStrengths: "未记录亮点。",
    issuesHeading: "主要问题（按排序）",
  },
  overview: {
    drill: "演练名称",
    scenario: "情景",
    type: "演练形式",
    clock: (clock) =>
      clock === "virtual" ? "桌面推演（脚本推演，虚拟时钟）" : "桌面推演（现场推演，实时时钟）",
    plan: "预案",
    planLine: (version, sha, file) =>
      [version, file, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · "),
    rescored: "评分所用预案",
    rescoredLine: (file, version, sha) =>
      `${[file, version, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · ")}（修订后的预案，非日志中的原预案）`,
    started: "开始时间",
    ended: "结束时间",
    endedLine: (c) => {
      const d = c.review.drill;
      if (!d.endedAt) return `未结束；日志止于 ${c.f.at(d.scenarioMinutes)}`;
      const why =
        d.endReason === "facilitator"
          ? "导调员结束"
          : d.endReason === "complete"
            ? "全部情景推演完毕"
            : "脚本结束";
      return `${c.f.date(d.endedAt)}（${why}）`;
    },
    realDuration: "实际用时",
    scenarioDuration: "情景时长",
    scenarioSpan: (c) => {
      const d = c.review.drill;
      return `${c.f.duration(d.scenarioMinutes)}（${c.f.at(0)} 至 ${c.f.at(d.scenarioMinutes)}）；预案至 ${c.f.at(d.planMinutes)}`;
    },
    scenarioStart: "情景起始",
    evaluators: "评估人员",
    noEvaluators: "预案未列明",
    injects: "情景注入",
    injectCounts: (d, s, n) => `已注入 ${d} 条，跳过 ${s} 条，未触发 ${n} 条`,
    decisions: "决策",
    decisionCount: (d, i) => `${d} 条（其中${ZH.improvised} ${i} 条）`,
    notes: "评估记录",
    groupsHeading: "参演工作组",
    notInDrill: (name) => `${name}（仅见于评分所用预案）`,
  },
  ratingRule: {
    intro: "每个目标按其预期动作评级，自 U 至 P 取第一条成立的规则：",
    lines: {
      U: `U（${ZH.rating.U}）：有关键动作未完成或受阻。`,
      M: `M（${ZH.rating.M}）：有非关键动作未完成或受阻，或有动作用时超过时限的两倍。`,
      S: `S（${ZH.rating.S}）：全部完成，但有超时。`,
      P: `P（${ZH.rating.P}）：全部按时完成。`,
      "-": "-（未检验）：其预期动作在本次演练中均未到期。",
    },
    notes: "情景未触发、演练结束时尚在时限内、或仅见于评分所用预案的预期动作，不计入评级。",
  },
  reason: (o, c) => {
    const list = c.f.list(o.basis);
    switch (o.reason) {
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
      case "not-exercised":
        return "预期动作均未到期";
    }
  },
  evaluatorCell: (o, c) => {
    const e = o.evaluations.at(-1);
    if (!e) return "";
    return `${e.rating}（${c.f.at(e.t)}）${o.disagreement ? `，与计算结果 ${o.rating} 不一致` : ""}`;
  },
  ratingLine: (o, c) =>
    o.rating === "-"
      ? "未检验：其预期动作在本次演练中均未到期。"
      : `按规则评为 ${o.rating}：${zh.reason(o, c)}。`,
  evaluationLine: (e, c) =>
    `评估员于 ${c.f.at(e.t)} 评为 ${e.rating}${e.group ? `（${c.f.group(e.group)}）` : ""}：“${e.text}”`,
  disagreement: (o, c) => {
    const e = o.evaluations.at(-1);
    if (!e) return "";
    const after = turnedAfter(o, c).map((t) =>
      t.how === "slow"
        ? `${t.expectation} 于 ${c.f.at(t.at)} 用时超过时限两倍`
        : `${t.expectation} 于其时限 ${c.f.at(t.at)} ${t.how === "missed" ? "逾期未完成" : "受阻未完成"}`,
    );
    const settle = "请在复盘会上讨论并记录理由。";
    if (after.length > 0)
      return `评估员的 ${e.rating} 评于 ${c.f.at(e.t)}，早于 ${c.f.list(after)}；按全程计算应为 ${o.rating}。${settle}`;
    return evaluatorStricter(e.rating, o.rating)
      ? `规则只看时间和结果，应为 ${o.rating}（${zh.reason(o, c)}）；评估员看到更多情况，评为 ${e.rating}：“${e.text}”。${settle}`
      : `评估员评为 ${e.rating}，按规则应为 ${o.rating}（${zh.reason(o, c)}）。${settle}`;
  },
  objectiveHeading: (o) =>
    `${o.id} ${o.title}${o.capability !== undefined ? `（能力：${o.capability}）` : ""}`,
  analysis: {
    observation: "现象",
    cause: "原因分析",
    recommendation: "整改建议",
    strengths: "亮点",
    noStrengths: "未记录。",
    improvements: "待改进",
    noImprovements: "未发现。",
  },
  strength: (s, c) => {
    const quotes = (s.evidence.quotes ?? []).map((q) => q.text);
    if (s.kind === "objective")
      return `${c.f.objective(s.objective ?? "")}顺利完成：预期动作全部按时`;
    return `${c.f.group(s.group ?? "")}：${quoted(quotes)}`;
  },
  findingKind: {
    blocker: "受阻",
    "own-delay": "自身延误",
    overload: "超负荷",
    "critical-missed": "关键动作未完成",
    "expectation-missed": "动作未完成",
    "inject-unanswered": "情景无人响应",
    "group-silent": "工作组无记录",
    improvised: "预案缺项",
    "role-confusion": "职责不清",
    observation: "评估员意见",
  },
  issue,
  rootCause,
  consequences,
  recommendation,
  drillMode: {
    unannouncedHeading: "不打招呼推演",
    unannouncedType: (seed) => `，不打招呼（种子 ${seed}）`,
    unannounced: (u, c) =>
      `本次推演不打招呼：各情景时间在其浮动范围内随机调整（种子 ${u.seed}），各组无法预知后续情景。${
        u.peeks === 0
          ? "导调员未查看后续情景。"
          : `导调员查看后续情景 ${u.peeks} 次（已记入日志）。`
      }${c.review.drill.clock === "virtual" ? "脚本推演：各条应答随所应答的情景一同调整。" : ""}`,
    jitterCell: (m) => (m === 0 ? "±0" : m > 0 ? `+${m} 分钟` : `−${-m} 分钟`),
    planAt: "原定时间",
    dueAt: "实际时间",
    jitter: "调整",
    decoysHeading: "干扰情景",
    decoyIgnored: (d, c) => `${c.f.inject(d.inject)}“${d.title}”为干扰情景，无工作组据此行动。`,
    decoyActedOn: (d, c) =>
      `${c.f.inject(d.inject)}“${d.title}”为干扰情景，有 ${d.actedOn} 条决策据此行动：${c.f.list(
        d.groups.map(
          (g) => `${c.f.group(g.group)}（${g.decisions} 条${g.recipient ? "" : "，非下发对象"}）`,
        ),
      )}。能否分辨干扰与真实信号是检验内容之一；这些决策不计为预案外行动。`,
    decoyNotDelivered: (d, c) => `${c.f.inject(d.inject)}“${d.title}”为干扰情景，未下发。`,
    capabilitiesHeading: "按能力分析",
    capabilityRule:
      "同一能力下的各目标合并分析。能力评级取其已检验目标中最差者（U、M、S、P 依次）；均未检验时为“-”。",
    capabilityObjectives: "目标",
    capabilityActions: "应对行动",
    capabilityFindings: "问题",
    outcomeCounts: (counts) =>
      (Object.entries(counts) as [keyof typeof ZH.outcome, number][])
        .map(([o, n]) => `${ZH.outcome[o]} ${n}`)
        .join("，"),
  },
  conduct: {
    courseHeading: "组织实施过程",
    asPlanned: "情景按计划推进：无提前注入、无导调员跳过、未触发应急情景，时钟未调整。",
    early: (i, c) =>
      `${c.f.inject(i.id)}提前注入：${c.f.at(i.deliveredAt ?? 0)} 下达（原定 ${c.f.at(i.atMinutes)}）。`,
    skipped: (i, c) =>
      `${c.f.inject(i.id)}（原定 ${c.f.at(i.atMinutes)}）于 ${c.f.at(i.skippedAt ?? 0)} 由导调员跳过${i.skipNote ? `：“${i.skipNote}”` : ""}。`,
    fired: (i, c) =>
      `${c.f.inject(i.id)}（${condition(i)}）于 ${c.f.at(i.deliveredAt ?? 0)} 注入：${fact(i.condition?.expectation ?? "", i.deliveredAt ?? 0, c)}。预案预设的应急情景被触发。`,
    notNeeded: (i, c) =>
      `${c.f.inject(i.id)}（${condition(i)}）于 ${c.f.at(i.skippedAt ?? i.atMinutes)} 未触发：${fact(i.condition?.expectation ?? "", i.skippedAt ?? i.atMinutes, c)}。`,
    pauses: (count, minutes, c) => `时钟暂停 ${count} 次，共计实际时间 ${c.f.duration(minutes)}。`,
    speed: (count) => `调整时钟速度 ${count} 次。`,
    jumps: (count) => `时钟快进 ${count} 次。`,
    resumes: (count) => `推演中断后恢复 ${count} 次。`,
    correctionsHeading: "记录更正",
    corrected: (r, c) => {
      const what = `第 ${r.amends} 条${r.entry === "decision" ? "决策" : "评估记录"}（${c.f.at(r.amendedAt)}）`;
      const done = r.action === "retract" ? "被撤回" : `被更正${r.text ? `为“${r.text}”` : ""}`;
      return `${what}于 ${c.f.at(r.t)} ${done}${r.reason ? `，原因：“${r.reason}”` : ""}。复盘按更正后的记录评估。`;
    },
    untestedHeading: "未能检验的内容",
    allTested: "全部情景均已推演，全部预期动作均已到期。",
    untested: {
      notReached: (names) => `未触发的情景注入：${names}。`,
      notYetDue: (inject, before, shortest) =>
        `${inject}在演练结束前 ${before}下达，未超过其最短时限（${shortest}）：尚未到期。`,
      open: (names) => `演练结束时尚在时限内：${names}。`,
      notInDrill: (names) => `仅见于评分所用预案、本次演练中没有：${names}。`,
      idle: (names) => `未检验的目标：${names}。`,
      unanswered: (names) => `已下达、无预期动作且无人响应的情景注入：${names}。`,
    },
  },
  issues: {
    total: (c) => {
      const s = c.review.summary;
      const unmet = [...s.missed, ...s.blocked];
      const late =
        s.minutesLate > 0
          ? `本次演练各动作共超时 ${c.f.duration(s.minutesLate)}；每一分钟超时只计一次，计入其起因所在。`
          : "没有动作超时。";
      return unmet.length > 0
        ? `${late}另有 ${unmet.length} 项动作始终未完成（${c.f.list(unmet)}），只计项数，不折算分钟。`
        : late;
    },
    rankingRule:
      "排序规则：先列导致目标评为 U 的问题，再列造成关键动作未完成或受阻的问题，再列导致目标评为 M 的问题，其余按所计超时分钟排列。优先级为“高”的：前两类问题，以及造成全部超时四分之一以上的根因。",
    chartTitle: "各根因的超时分钟",
    chartUnit: "分钟",
    causeLabel: (cause, c) => {
      const group = cause.group ? c.f.group(cause.group) : "";
      switch (cause.kind) {
        case "own-delay":
          return `${group}自身延误`;
        case "overload":
          return `${group}超负荷`;
        default: {
          const kind = cause.finding.startsWith("blocker:")
            ? (cause.finding.slice(8) as BlockerKind)
            : "other";
          return `${blockerWord(kind)}类受阻`;
        }
      }
    },
    minutesCell: (f, c) => `${c.f.duration(f.minutesLost)}（${percent(f.share)}）`,
    rectificationIntro:
      "每个问题一行，按问题清单的顺序。要素（POETE）：整改所补强的能力要素——预案、组织、装备、培训、演练。请填写开始时间和完成时限，逐项跟踪销号。",
  },
  responsibilityList: true,
  priority: { high: "高", medium: "中", low: "低" },
  poete: {
    plan: "预案",
    organisation: "组织",
    equipment: "装备",
    training: "培训",
    exercise: "演练",
  },
  itemStatus: { open: "待整改" },
  revisionsIntro:
    "根据以上问题，建议对预案作如下修订：修改哪条情景注入、预期动作或工作组，怎样修改。",
  revisionTarget: (target, c) => {
    switch (target.kind) {
      case "group":
        return `工作组 ${c.f.group(target.id)}`;
      case "expectation":
        return `预期动作 ${c.f.expectation(target.id)}`;
      case "inject":
        return `情景注入 ${c.f.inject(target.id)}`;
    }
  },
  revisionChange: REVISION,
  revision,
  criticalMark: (id) => `${id}（关键）`,
  critical: "关键",
  outcome: ZH.outcome,
  injectStatus: (i: InjectResult) => {
    const base =
      i.status === "delivered"
        ? i.early
          ? "提前注入"
          : "已注入"
        : i.status === "skipped"
          ? i.skipReason === "condition"
            ? "跳过（触发条件不成立）"
            : "导调员跳过"
          : "未触发";
    return i.notYetDue ? `${base}，结束时尚未到期` : base;
  },
  phase: (phase) => `${phase}阶段`,
  delay: {
    waited: (expectation, group, minutes) => `等待 ${expectation}（${group}）${minutes}`,
    blocked: (kind, minutes) => `受阻（${ZH.blockerKind[kind]}）${minutes}`,
    own: (minutes) => `自身 ${minutes}`,
    neverDone: (rank, kind) => `未完成：问题 ${rank}（${zh.findingKind[kind]}）`,
  },
  delayNote:
    "超时分钟只拆分一次：等待上游动作超出其时限的时间（记在延误起点）、受阻时间、本组自身延误，三者之和等于超时分钟。",
  ganttNote:
    "每项预期动作一条，自下达至完成（未完成的至演练结束）；超时或未完成的突出标出，演练结束时尚在时限内的按进行中绘制。",
  contextNote:
    "以下仅作背景，不是问题：各工作组、各阶段的超时动作及其分钟数。这里的一分钟可能起因于其他组；问题清单只在起因处计一次。",
  noteHeading: { strength: "亮点", improvement: "待改进", neutral: "其他观察" },
  noteLine: (o, c) => {
    const lead = [
      c.f.at(o.t),
      o.group === undefined ? undefined : c.f.group(o.group),
      o.objective ? `${o.objective}${o.rating ? ` 评定 ${o.rating}` : ""}` : undefined,
    ]
      .filter(Boolean)
      .join(" · ");
    return `${lead}：${o.text}`;
  },
  event,
  eventText,
  sites: {
    heading: "分会场情况",
    intro: "各会场（主会场与分会场）所属小组对情景的处置情况。",
    columns: ["会场", "小组", "已触发动作", "按时", "超时", "未完成", "超时分钟"],
    whoWasLate: "各会场超时情况",
    lateLine: (site, action, group, minutes) => `${site}：${action}（${group}）超时 ${minutes}`,
    handoffs: "跨会场衔接",
    handoffLine: (action, group, site, waitedOn, from, wait, past) =>
      `${action}（${group}，${site}）等待${from}的 ${waitedOn} 共 ${wait}${past ? `，其中 ${past} 超出其时限` : ""}`,
    noHandoffs: "没有动作等待其他会场。",
  },
  unmatchedLine: (count, shown) =>
    `有 ${count} 条记录引用了评分所用预案中没有的编号，未计入分析${count > shown ? `（列出前 ${shown} 条）` : ""}。`,
  appendixIntro: (events) => `日志中的全部事件，按时间顺序（共 ${events} 条）。`,
  wordAppendixShortened: (total, shown) =>
    `下表共 ${total} 行，本 Word 文档只列出前 ${shown} 行；全部内容见同一日志的 Markdown 或网页版复盘报告。`,
  reportWritten: (path) => `复盘报告已写入 ${path}`,
  noneFound: "未发现。",
  noNotes: "无记录。",
  colon: "：",
  partSeparator: "；",
  listSeparator: "、",
};
