// The words of `drill log` and `drill verify`, in both languages side by side so neither
// falls behind.

import type {
  BlockerKind,
  DecisionStatus,
  DrillEnded,
  InjectSkipped,
  ObservationKind,
} from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { TERMS } from "../core/terms.js";

export interface LogMessages {
  headerLine(startedAt: string, clock: "real" | "virtual", planFile: string | undefined): string;
  drillStarted(speed: number): string;
  drillResumed(reason: string | undefined): string;
  /** `title` is undefined when the plan in the header has no such inject. */
  injectDelivered(id: string, title: string | undefined, to: string[], early: boolean): string;
  injectSkipped(
    id: string,
    title: string | undefined,
    reason: InjectSkipped["reason"],
    note?: string,
  ): string;
  decision(status: DecisionStatus, answers: string | undefined, text: string): string;
  blocker(kind: BlockerKind, text: string): string;
  note(
    kind: ObservationKind,
    objective: string | undefined,
    rating: string | undefined,
    text: string,
  ): string;
  clockPaused: string;
  clockResumed: string;
  clockSpeed(speed: number): string;
  clockJumped(from: string): string;
  hotwash(wentWell: string, wentLessWell: string, why: string): string;
  /** After a decision or note logged later than it happened. */
  happenedAt(time: string): string;
  /**
   * A correction of entry #`seq` (a decision or an observation, of scenario time `at` when
   * known): retracted, or `replacement` (the entry as corrected, described like any other).
   */
  correction(
    what: "decision" | "note" | undefined,
    seq: number,
    at: string | undefined,
    replacement: string | undefined,
    reason: string | undefined,
  ): string;
  /** Why a drill was resumed, for the reasons the tool itself records. */
  resumeReasons: Record<"live" | "script", string>;
  drillEnded(reason: DrillEnded["reason"]): string;
  unannounced(seed: number, injects: number): string;
  peeked(inject: string | undefined): string;
  notEnded(lastT: string): string;
  verified(title: string, events: number, span: string, state: LogEnd, warnings: number): string;
  /** Whose signature the seals bear, and whether it was checked against their public key. */
  signedBy(fingerprint: string, checked: boolean): string;
  /** Where the head hash given to `drill verify --head` is: `after` lines follow it. */
  headFound(line: number, after: number): string;
  /** The end of a drill: the log's head, to be noted down. */
  /** The head of a sealed log to note down, and the command (`verify … --head …`) that checks it. */
  headToNote(head: string, verify: string): string;
  listSeparator: string;
}

/**
 * How a log ends: sealed after the drill ended; sealed while not ended (interrupted and
 * closed); not sealed (a crash, or lines cut off its end), after the drill's end or before.
 */
export type LogEnd = "sealed" | "open" | "unsealed" | "ended-unsealed";

const en: LogMessages = {
  headerLine: (startedAt, clock, planFile) =>
    [
      `started ${startedAt}`,
      clock === "virtual" ? "virtual clock (scripted)" : "real clock",
      ...(planFile ? [`plan ${planFile}`] : []),
    ].join(" · "),
  drillStarted: (speed) => `drill started, clock at ×${speed}`,
  drillResumed: (reason) => `drill resumed${reason ? ` (${reason})` : ""}`,
  injectDelivered: (id, title, to, early) =>
    `inject ${id} delivered${early ? " early" : ""}${title ? `: ${title}` : ""}${to.length ? ` → ${to.join(", ")}` : ""}`,
  injectSkipped: (id, title, reason, note) =>
    `inject ${id} skipped (${reason === "condition" ? "its condition did not hold" : "by the facilitator"})${title ? `: ${title}` : ""}${note ? ` — ${note}` : ""}`,
  decision: (status, answers, text) =>
    `decision [${TERMS.en.decisionStatus[status]}] ${answers ?? TERMS.en.improvised}: ${text}`,
  blocker: (kind, text) => `blocker (${TERMS.en.blockerKind[kind]}): ${text}`,
  note: (kind, objective, rating, text) =>
    `${TERMS.en.observationKind[kind]}${
      objective
        ? ` [${objective}${rating ? ` rated ${rating}` : ""}]`
        : rating
          ? ` [${rating}]`
          : ""
    }: ${text}`,
  clockPaused: "clock paused",
  clockResumed: "clock resumed",
  clockSpeed: (speed) => `clock speed ×${speed}`,
  clockJumped: (from) => `clock jumped ahead from ${from}`,
  hotwash: (wentWell, wentLessWell, why) =>
    `hot wash — went well: ${wentWell}; less well: ${wentLessWell}; why: ${why}`,
  happenedAt: (time) => ` (happened ${time})`,
  correction: (what, seq, at, replacement, reason) => {
    const entry = `${what === "note" ? "the observation" : what === "decision" ? "the decision" : "entry"}${at ? ` of ${at}` : ""} (#${seq})`;
    const why = reason ? ` — ${reason}` : "";
    return replacement ? `corrected ${entry} to: ${replacement}${why}` : `retracted ${entry}${why}`;
  },
  resumeReasons: { live: "continued with --resume", script: "resumed from the log" },
  unannounced: (seed, injects) =>
    `unannounced drill: ${injects} inject time(s) moved (seed ${seed}); upcoming injects hidden`,
  peeked: (inject) => `facilitator looked at what comes next${inject ? ` (${inject})` : ""}`,
  drillEnded: (reason) =>
    `drill ended (${{ script: "end of script", facilitator: "by the facilitator", complete: "every inject played" }[reason]})`,
  notEnded: (lastT) =>
    `the log stops at ${lastT} without the drill's end; continue it with \`drill run --resume\``,
  verified: (title, events, span, state, warnings) =>
    `intact: "${title}", ${events} event${events === 1 ? "" : "s"}, ${span}, ${
      {
        sealed: "ended and sealed",
        open: "not ended (interrupted; its log was closed)",
        unsealed: "not ended — interrupted, or truncated (no seal at its end)",
        "ended-unsealed": "ended, but not sealed",
      }[state]
    }${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
  signedBy: (fingerprint, checked) =>
    `signed by ${fingerprint}${checked ? ": every seal's signature checks out" : " (not checked: give --key <public key>)"}`,
  headFound: (line, after) =>
    `head found at line ${line}${after > 0 ? `; ${after} line${after === 1 ? "" : "s"} added after it` : ", the last"}`,
  headToNote: (head, verify) =>
    `Head of the log: ${head}\n  note it down; \`${verify}\` shows later that nothing up to it was changed or lost`,
  listSeparator: ", ",
};

const zh: LogMessages = {
  headerLine: (startedAt, clock, planFile) =>
    [
      `开始于 ${startedAt}`,
      clock === "virtual" ? "虚拟时钟（脚本推演）" : "实时时钟",
      ...(planFile ? [`方案 ${planFile}`] : []),
    ].join(" · "),
  drillStarted: (speed) => `推演开始，时钟 ×${speed}`,
  drillResumed: (reason) => `推演恢复${reason ? `（${reason}）` : ""}`,
  injectDelivered: (id, title, to, early) =>
    `${early ? "提前" : ""}下发情景 ${id}${title ? `：${title}` : ""}${to.length ? ` → ${to.join("、")}` : ""}`,
  injectSkipped: (id, title, reason, note) =>
    `跳过情景 ${id}（${reason === "condition" ? "触发条件不成立" : "导调员跳过"}）${title ? `：${title}` : ""}${note ? ` —— ${note}` : ""}`,
  decision: (status, answers, text) =>
    `决策［${TERMS.zh.decisionStatus[status]}］${answers ?? TERMS.zh.improvised}：${text}`,
  blocker: (kind, text) => `受阻原因（${TERMS.zh.blockerKind[kind]}）：${text}`,
  note: (kind, objective, rating, text) =>
    `${TERMS.zh.observationKind[kind]}${
      objective
        ? `［${objective}${rating ? ` 评定 ${rating}` : ""}］`
        : rating
          ? `［${rating}］`
          : ""
    }：${text}`,
  clockPaused: "时钟暂停",
  clockResumed: "时钟继续",
  clockSpeed: (speed) => `时钟速度调为 ×${speed}`,
  clockJumped: (from) => `时钟从 ${from} 快进`,
  hotwash: (wentWell, wentLessWell, why) =>
    `热复盘 —— 做得好：${wentWell}；不足：${wentLessWell}；原因：${why}`,
  happenedAt: (time) => `（发生于 ${time}）`,
  correction: (what, seq, at, replacement, reason) => {
    const entry = `${at ? ` ${at} 的` : ""}${what === "note" ? "观察" : what === "decision" ? "决策" : "记录"}（第 ${seq} 条）`;
    const why = reason ? ` —— ${reason}` : "";
    return replacement ? `更正${entry}为：${replacement}${why}` : `撤回${entry}${why}`;
  },
  resumeReasons: { live: "用 --resume 继续", script: "从日志继续" },
  unannounced: (seed, injects) =>
    `不打招呼推演：${injects} 个情景时间已调整（种子 ${seed}），后续情景不予显示`,
  peeked: (inject) => `导调员查看后续情景${inject ? `（${inject}）` : ""}`,
  drillEnded: (reason) =>
    `推演结束（${{ script: "脚本结束", facilitator: "导调员结束", complete: "情景全部完成" }[reason]}）`,
  notEnded: (lastT) => `日志止于 ${lastT}，推演未结束；可用 \`drill run --resume\` 继续`,
  verified: (title, events, span, state, warnings) =>
    `完好：《${title}》，${events} 条事件，${span}，${
      {
        sealed: "已结束并封存",
        open: "未结束（推演中断，日志已正常关闭）",
        unsealed: "未结束——推演中断或日志被截断（末尾无封存）",
        "ended-unsealed": "已结束，但未封存",
      }[state]
    }${warnings ? `，${warnings} 条警告` : ""}`,
  signedBy: (fingerprint, checked) =>
    `签名者 ${fingerprint}${checked ? "：每个封存的签名均有效" : "（未校验：请用 --key <公钥> 校验）"}`,
  headFound: (line, after) =>
    `头部哈希位于第 ${line} 行${after > 0 ? `，其后新增 ${after} 行` : "（最后一行）"}`,
  headToNote: (head, verify) =>
    `日志头部哈希：${head}\n  请记下；日后用 \`${verify}\` 可证明此前内容未被改动或删减`,
  listSeparator: "、",
};

export const logMessages: Record<Lang, LogMessages> = { en, zh };
