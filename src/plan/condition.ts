// `when` conditions of conditional injects: the status words (English and Chinese) and the
// one-line shorthand ("E2 missed or late", "E2 late|missed", "E2 逾期或超时").

import type { ConditionStatus, InjectCondition } from "../core/plan.js";

/** Every word a plan may use for a status, and the status it means. */
export const STATUS_WORDS: Readonly<Record<string, ConditionStatus>> = {
  done: "done",
  "on-time": "on-time",
  late: "late",
  missed: "missed",
  blocked: "blocked",
  "not-done": "not-done",
  完成: "done",
  已完成: "done",
  按时: "on-time",
  按时完成: "on-time",
  超时: "late",
  逾期: "missed",
  逾期未完成: "missed",
  受阻: "blocked",
  未完成: "not-done",
};

export const STATUS_WORD_LIST = Object.keys(STATUS_WORDS);

const SEPARATOR = /\s*(?:\bor\b|\||,|，|、|\/|或者|或)\s*/i;

/** The status a word means, accepting `on time`/`not done` with a space and any case. */
export function statusFromWord(word: string): ConditionStatus | undefined {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return Object.hasOwn(STATUS_WORDS, key) ? STATUS_WORDS[key] : undefined;
}

export type ShorthandResult =
  | { ok: true; condition: InjectCondition }
  | { ok: false; message: string; hint: string };

const SHORTHAND_HINT =
  'write `when: "E2 missed or late"`, or `when: {expectation: E2, status: [missed, late]}`';

/** Parses `"<expectation id> <status> [or <status>...]"`. */
export function parseConditionShorthand(text: string): ShorthandResult {
  const trimmed = text.trim();
  // "E5 逾期" has a space; "E5逾期" is read as an ASCII id followed by Chinese status words.
  const match =
    /^(\S+)\s+(.+)$/s.exec(trimmed) ?? /^([A-Za-z0-9_.-]+)(\p{Script=Han}.*)$/su.exec(trimmed);
  if (!match) {
    return {
      ok: false,
      message: `condition "${trimmed}" names no status`,
      hint: SHORTHAND_HINT,
    };
  }
  const expectation = match[1] as string;
  const words = (match[2] as string).split(SEPARATOR).filter((w) => w !== "");
  const status: ConditionStatus[] = [];
  for (const word of words) {
    const found = statusFromWord(word);
    if (!found) {
      return {
        ok: false,
        message: `unknown status "${word}" in condition "${trimmed}"`,
        hint: `statuses: ${STATUS_WORD_LIST.join(", ")}`,
      };
    }
    if (!status.includes(found)) status.push(found);
  }
  if (status.length === 0) {
    return { ok: false, message: `condition "${trimmed}" names no status`, hint: SHORTHAND_HINT };
  }
  return { ok: true, condition: { expectation, status } };
}
