// What `drill run --script` says when it is done, in the plan's language (or --lang).
import type { Lang } from "../core/plan.js";

export interface RunCounts {
  delivered: number;
  skipped: number;
  decisions: number;
  notes: number;
}

export type RunOutcome = "finished" | "resumed" | "already";

export interface RunMessages {
  summary(outcome: RunOutcome, title: string, counts: RunCounts): string;
  logAt(path: string): string;
  reviewWith(command: string): string;
}

/** "1 decision", "2 decisions". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

const en: RunMessages = {
  summary: (outcome, title, c) =>
    `${{ finished: "Finished", resumed: "Resumed and finished", already: "The log already held the whole of" }[outcome]} the drill "${title}": ` +
    `${plural(c.delivered, "inject")} delivered, ${c.skipped} skipped, ${plural(c.decisions, "decision")}, ${plural(c.notes, "note")}.`,
  logAt: (path) => `Log: ${path}`,
  reviewWith: (command) => `Report: ${command}`,
};

const zh: RunMessages = {
  summary: (outcome, title, c) =>
    `${{ finished: "推演完成", resumed: "推演已恢复并完成", already: "日志中已是完整的推演" }[outcome]}：《${title}》。` +
    `下发情景 ${c.delivered} 条，跳过 ${c.skipped} 条，决策 ${c.decisions} 条，观察 ${c.notes} 条。`,
  logAt: (path) => `日志：${path}`,
  reviewWith: (command) => `生成复盘报告：${command}`,
};

export const runMessages: Record<Lang, RunMessages> = { en, zh };
