// Every word the live console shows, in both languages side by side so neither falls
// behind. The event lines themselves (decisions, injects, notes) come from the timeline
// of `drill log`, so the console and the log read the same.

import type { BlockerKind, DecisionStatus, ObservationKind, Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { formatDuration } from "../core/scenario-time.js";
import { TERMS } from "../core/terms.js";
import { plural } from "../run/messages.js";

export type MenuAction =
  | "decision"
  | "note"
  | "deliver"
  | "skip"
  | "pause"
  | "speed"
  | "timeline"
  | "inject"
  | "correct"
  | "end"
  | "peek"
  | "room";

export interface ConsoleMessages {
  // The status board
  running: string;
  paused: string;
  ended: string;
  scenarioTime: string;
  realTime: string;
  speed: string;
  nextInject(id: string, at: string, title: string): string;
  /** The board of an unannounced drill, in place of the next inject. */
  upcomingHidden(peekKey: string): string;
  /** Shown, and logged, when the facilitator peeks. */
  peeked: string;
  dueIn(scenario: string, real: string | undefined): string;
  dueNow: string;
  noInjectLeft: string;
  complete(endKey: string): string;
  left(duration: string): string;
  overdue(duration: string): string;
  blocked: string;
  nothingOpen: string;
  doneCount(count: number): string;
  more(count: number): string;
  hiddenOverdue(count: number): string;
  moreGroups(count: number): string;
  duration(minutes: number): string;

  // The menu
  menuMessage: string;
  menu: Record<MenuAction, string>;
  resume: string;
  keysHelp: string;
  /** The keys lines under lists and text lines. */
  listHelp: string;
  filterHelp: string;
  manyHelp: string;
  textHelp: string;
  /** The plain display's hints. */
  plain: {
    pickHint: string;
    manyHint: string;
    textHint: string;
    noMatch: string;
    menuHint: string;
  };

  // Logging a decision
  chooseGroup: string;
  groupSummary(open: number, overdue: number): string;
  chooseExpectation: string;
  improvised: string;
  back: string;
  chooseStatus: string;
  status: Record<DecisionStatus, string>;
  decisionText: string;
  blockerText: string;
  blockerKind: string;
  blockerKinds: Record<BlockerKind, string>;
  required: string;
  /** The entry's time step: when it happened, the entry's opening time by default. */
  whenHappened: string;
  timeProblem: Record<"unreadable" | "future" | "before-start", string>;

  // Observations
  noteKind: string;
  noteKinds: Record<ObservationKind, string>;
  noteText: string;
  linkTo: string;
  link: Record<"group" | "inject" | "objective", string>;
  chooseInject: string;
  chooseObjective: string;
  rating: string;
  noRating: string;
  ratings: Record<Rating, string>;

  // Injects, clock
  deliverHow(id: string, title: string, at: string): string;
  jumpTo(at: string): string;
  deliverNow: string;
  chooseSkip: string;
  skipNote: string;
  injectGone(id: string): string;
  speedPrompt(current: number): string;
  speedInvalid: string;
  expected(group: string, action: string, within: string): string;
  timelineHeading: string;
  chooseShown: string;
  noneDelivered: string;

  // Corrections
  chooseCorrected: string;
  nothingToCorrect: string;
  correctHow: string;
  correctOptions: Record<"change" | "retract", string>;
  retractReason: string;

  // Ctrl-C
  interruptMessage: string;
  offer: Record<"pause" | "end" | "continue", string>;
  interrupted(log: string): string;
  resumeWith(command: string): string;

  // Start, end, hot wash
  started(title: string, log: string): string;
  resumedPaused(title: string, log: string, resumeKey: string): string;
  confirmEnd: string;
  askHotwash: string;
  chooseHotwashGroup: string;
  finishHotwash: string;
  wentWell(group: string): string;
  wentLessWell(group: string): string;
  why(group: string): string;
  finished(title: string, counts: FinishCounts): string;
  transcriptHeading(title: string, wall: string, resumed: boolean): string;
  logAt(path: string): string;
  reviewWith(command: string): string;
}

export interface FinishCounts {
  delivered: number;
  skipped: number;
  decisions: number;
  notes: number;
  hotwash: number;
}

const en: ConsoleMessages = {
  running: "running",
  paused: "paused",
  ended: "ended",
  scenarioTime: "scenario",
  realTime: "real",
  speed: "speed",
  nextInject: (id, at, title) => `next inject ${id} at ${at}: ${title}`,
  upcomingHidden: (key) =>
    `unannounced drill: upcoming injects are hidden (${key} to look ahead, logged)`,
  peeked: "looked ahead (logged)",
  dueIn: (scenario, real) => `in ${scenario}${real ? ` (${real} real)` : " (clock paused)"}`,
  dueNow: "due now",
  noInjectLeft: "every inject has been played",
  complete: (key) => `every inject played and every deadline passed: press ${key} to end the drill`,
  left: (d) => `${d} left`,
  overdue: (d) => `overdue ${d}`,
  blocked: "blocked",
  nothingOpen: "nothing open",
  doneCount: (n) => `${n} done`,
  more: (n) => `… ${n} more`,
  hiddenOverdue: (n) => ` (${n} overdue)`,
  moreGroups: (n) => `… ${n} more group${n === 1 ? "" : "s"}`,
  duration: (minutes) => formatDuration(minutes),

  menuMessage: "Press a key",
  menu: {
    decision: "decision",
    note: "observation",
    deliver: "next inject now",
    skip: "skip inject",
    pause: "pause",
    speed: "speed",
    timeline: "timeline",
    inject: "show an inject",
    correct: "correct an entry",
    end: "end drill",
    peek: "look ahead",
    room: "room: links, revoke",
  },
  resume: "resume",
  keysHelp: "↑↓ move · number jumps · ⏎ choose · Ctrl-C pause or leave",
  listHelp: "↑↓ move · number picks · ⏎ choose · Esc back",
  filterHelp: "↑↓ move · number picks · type part of a name · ⏎ choose · Esc back",
  manyHelp: "number or Space ticks · ⏎ done (none ticked: no link) · Esc back",
  textHelp: "⏎ done · Esc back",
  plain: {
    pickHint: "type a number or part of a name, Enter for the marked one, < to go back",
    manyHint: "type the numbers (e.g. 1 3), Enter for none, < to go back",
    textHint: "Enter keeps the default, < goes back",
    noMatch: "no such choice",
    menuHint: "type a key and Enter",
  },

  chooseGroup: "Which group?",
  groupSummary: (open, overdue) =>
    open === 0 ? "nothing open" : `${open} open${overdue ? `, ${overdue} overdue` : ""}`,
  chooseExpectation: "Answering which expected action?",
  improvised: "improvised (not in the plan)",
  back: "← back",
  chooseStatus: "Status",
  status: TERMS.en.decisionStatus,
  decisionText: "What did the group decide or do?",
  blockerText: "What blocked it?",
  blockerKind: "Kind of blocker",
  blockerKinds: {
    people: "people",
    supplies: "supplies",
    information: "information",
    authority: "authority",
    equipment: "equipment, vehicles, sites",
    coordination: "coordination, hand-off",
    other: "other",
  },
  required: "type a few words",
  whenHappened: "When did it happen? (T+00:05, -10m, 5 minutes ago)",
  timeProblem: {
    unreadable: "write a scenario time (T+00:05) or a time back (-10m, 5 minutes ago)",
    future: "that is later than now",
    "before-start": "that is before the drill started",
  },

  noteKind: "Kind of observation",
  noteKinds: TERMS.en.observationKind,
  noteText: "Observation",
  linkTo: "Link it to",
  link: {
    group: "a group",
    inject: "an inject",
    objective: "an objective (and rate it)",
  },
  chooseInject: "Which inject?",
  chooseObjective: "Which objective?",
  rating: "Rating of the objective",
  noRating: "no rating",
  ratings: {
    P: "P — performed without challenges",
    S: "S — performed with some challenges",
    M: "M — performed with major challenges",
    U: "U — unable to be performed",
  },

  deliverHow: (id, title, at) => `Next: ${id} "${title}", due ${at}`,
  jumpTo: (at) => `jump the clock to ${at} and deliver it on time`,
  deliverNow: "deliver it now, early (the clock stays)",
  chooseSkip: "Skip which inject?",
  skipNote: "Why (optional)",
  injectGone: (id) => `inject ${id} was played meanwhile; nothing changed`,
  speedPrompt: (current) => `Scenario minutes per real minute (now ×${current})`,
  speedInvalid: "a number greater than 0",
  expected: (group, action, within) => `${group}: ${action} (within ${within})`,
  timelineHeading: "Timeline so far",
  chooseShown: "Show which inject?",
  noneDelivered: "no inject has been delivered yet",

  chooseCorrected: "Correct which entry? (latest first)",
  nothingToCorrect: "no decision or observation to correct yet",
  correctHow: "Correct it how?",
  correctOptions: { change: "change it", retract: "retract it (logged by mistake)" },
  retractReason: "Why (optional)",

  interruptMessage: "Ctrl-C — what now? (Ctrl-C again leaves; the log is kept)",
  offer: { pause: "pause the clock", end: "end the drill", continue: "carry on" },
  interrupted: (log) => `the drill was interrupted; its log is intact: ${log}`,
  resumeWith: (command) => `continue it with: ${command}`,

  started: (title, log) => `Drill started: ${title}\nLog: ${log}`,
  resumedPaused: (title, log, key) =>
    `Resumed: ${title}\nLog: ${log}\nThe clock is paused: press ${key} to start it again.`,

  confirmEnd: "End the drill now?",
  askHotwash: "Hot wash now? (per group: what went well, what went less well, and why)",
  chooseHotwashGroup: "Hot wash: which group?",
  finishHotwash: "finish",
  wentWell: (group) => `${group} — what went well?`,
  wentLessWell: (group) => `${group} — what went less well?`,
  why: (group) => `${group} — why?`,
  finished: (title, c) =>
    `Drill ended: ${title}. ${plural(c.delivered, "inject")} delivered, ${c.skipped} skipped, ` +
    `${plural(c.decisions, "decision")}, ${plural(c.notes, "observation")}, ${plural(c.hotwash, "hot-wash answer")}.`,
  transcriptHeading: (title, wall, resumed) =>
    `── ${resumed ? "resumed" : "started"} ${wall}: ${title} ──`,
  logAt: (path) => `Log: ${path}`,
  reviewWith: (command) => `Report: ${command}`,
};

const zh: ConsoleMessages = {
  running: "运行中",
  paused: "已暂停",
  ended: "已结束",
  scenarioTime: "情景时间",
  realTime: "实际用时",
  speed: "速度",
  nextInject: (id, at, title) => `下一情景 ${id}（${at}）：${title}`,
  upcomingHidden: (key) => `不打招呼推演：后续情景不予显示（按 ${key} 查看，将记入日志）`,
  peeked: "已查看后续情景（已记入日志）",
  dueIn: (scenario, real) => `还有 ${scenario}${real ? `（实际 ${real}）` : "（时钟暂停）"}`,
  dueNow: "即将下发",
  noInjectLeft: "情景已全部下发",
  complete: (key) => `情景全部下发、时限均已过：按 ${key} 结束推演`,
  left: (d) => `剩 ${d}`,
  overdue: (d) => `逾期 ${d}`,
  blocked: "受阻",
  nothingOpen: "暂无待办",
  doneCount: (n) => `已完成 ${n}`,
  more: (n) => `…另有 ${n} 项`,
  hiddenOverdue: (n) => `（其中逾期 ${n} 项）`,
  moreGroups: (n) => `…另有 ${n} 个组`,
  duration: durationZh,

  menuMessage: "按键选择操作",
  menu: {
    decision: "记录决策",
    note: "记录观察",
    deliver: "下一情景",
    skip: "跳过情景",
    pause: "暂停",
    speed: "调速",
    timeline: "时间线",
    inject: "查看情景",
    correct: "更正记录",
    end: "结束推演",
    peek: "查看后续",
    room: "会场：链接、吊销",
  },
  resume: "继续",
  keysHelp: "↑↓ 移动 · 数字键跳转 · ⏎ 确认 · Ctrl-C 暂停或退出",
  listHelp: "↑↓ 移动 · 数字键选择 · ⏎ 确认 · Esc 返回",
  filterHelp: "↑↓ 移动 · 数字键选择 · 输入名称筛选 · ⏎ 确认 · Esc 返回",
  manyHelp: "数字键或空格勾选 · ⏎ 完成（不勾选即不关联）· Esc 返回",
  textHelp: "⏎ 完成 · Esc 返回",
  plain: {
    pickHint: "输入序号或名称的一部分，回车选标记项，输入 < 返回",
    manyHint: "输入序号（如 1 3），回车表示不选，输入 < 返回",
    textHint: "回车保留默认值，输入 < 返回",
    noMatch: "没有这一项",
    menuHint: "输入按键后回车",
  },

  chooseGroup: "哪个组？",
  groupSummary: (open, overdue) =>
    open === 0 ? "暂无待办" : `待办 ${open} 项${overdue ? `，逾期 ${overdue} 项` : ""}`,
  chooseExpectation: "回应哪项预期动作？",
  improvised: "临机处置（方案中没有）",
  back: "← 返回",
  chooseStatus: "状态",
  status: TERMS.zh.decisionStatus,
  decisionText: "决策或处置内容",
  blockerText: "受阻原因",
  blockerKind: "卡点类型",
  blockerKinds: {
    people: "人员",
    supplies: "物资",
    information: "信息",
    authority: "权限",
    equipment: "装备（车辆、场地）",
    coordination: "协调（交接、对接）",
    other: "其他",
  },
  required: "请输入内容",
  whenHappened: "发生时间（T+00:05、-10m、5 分钟前）",
  timeProblem: {
    unreadable: "请写情景时间（T+00:05）或往前推的时间（-10m、5 分钟前）",
    future: "不能晚于现在",
    "before-start": "不能早于推演开始",
  },

  noteKind: "观察类型",
  noteKinds: TERMS.zh.observationKind,
  noteText: "观察内容",
  linkTo: "关联到",
  link: { group: "工作组", inject: "情景", objective: "目标（可评定等级）" },
  chooseInject: "哪条情景？",
  chooseObjective: "哪个目标？",
  rating: "目标评定",
  noRating: "不评定",
  ratings: {
    P: "P 顺利完成",
    S: "S 完成，有些困难",
    M: "M 完成，困难较大",
    U: "U 未能完成",
  },

  deliverHow: (id, title, at) => `下一情景 ${id}「${title}」，原定 ${at}`,
  jumpTo: (at) => `时钟跳至 ${at}，按时下发`,
  deliverNow: "立即提前下发（时钟不变）",
  chooseSkip: "跳过哪条情景？",
  skipNote: "原因（可不填）",
  injectGone: (id) => `情景 ${id} 已在此期间下发或跳过，未作改动`,
  speedPrompt: (current) => `速度：每现实分钟推进的情景分钟数（现为 ×${current}）`,
  speedInvalid: "请输入大于 0 的数",
  expected: (group, action, within) => `${group}：${action}（${within}内）`,
  timelineHeading: "时间线",
  chooseShown: "查看哪条情景？",
  noneDelivered: "尚未下发任何情景",

  chooseCorrected: "更正哪条记录？（最近的在前）",
  nothingToCorrect: "还没有可更正的决策或观察",
  correctHow: "如何更正？",
  correctOptions: { change: "修改", retract: "撤回（误记）" },
  retractReason: "原因（可不填）",

  interruptMessage: "Ctrl-C：要做什么？（再按 Ctrl-C 退出，日志已保存）",
  offer: { pause: "暂停时钟", end: "结束推演", continue: "继续推演" },
  interrupted: (log) => `推演已中断，日志完好：${log}`,
  resumeWith: (command) => `继续推演：${command}`,

  started: (title, log) => `推演开始：${title}\n日志：${log}`,
  resumedPaused: (title, log, key) =>
    `已恢复：${title}\n日志：${log}\n时钟暂停中：按 ${key} 继续计时。`,

  confirmEnd: "现在结束推演？",
  askHotwash: "现在进行热复盘？（逐组：做得好的、做得不够的、原因）",
  chooseHotwashGroup: "热复盘：哪个组？",
  finishHotwash: "完成",
  wentWell: (group) => `${group}：做得好的`,
  wentLessWell: (group) => `${group}：做得不够的`,
  why: (group) => `${group}：原因`,
  finished: (title, c) =>
    `推演结束：${title}。下发情景 ${c.delivered} 条，跳过 ${c.skipped} 条，` +
    `决策 ${c.decisions} 条，观察 ${c.notes} 条，热复盘 ${c.hotwash} 条。`,
  transcriptHeading: (title, wall, resumed) =>
    `── ${wall} ${resumed ? "恢复" : "开始"}：${title} ──`,
  logAt: (path) => `日志：${path}`,
  reviewWith: (command) => `生成复盘报告：${command}`,
};

/** `1天2小时`, `1小时30分钟`, `45分钟`. */
function durationZh(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  if (whole === 0) return "0分钟";
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const mins = whole % 60;
  const text = `${days ? `${days}天` : ""}${hours ? `${hours}小时` : ""}${mins ? `${mins}分钟` : ""}`;
  return minutes < 0 ? `-${text}` : text;
}

export const consoleMessages: Record<Lang, ConsoleMessages> = { en, zh };
