// What stopped a group, sorted into the resource gaps a review groups them by. Facilitators
// type blockers as free text ("采样人员不足", "no spare pipe"), so the kind is inferred when not
// given. One keyword list serves every text, whatever the plan's language: each kind has its
// Chinese and its English words side by side, and both are matched as words, never as parts of
// other words ("work stopped" is not "ppe", "the specialist" is not "list").

import { BLOCKER_KINDS, type BlockerKind } from "./events.js";

interface Keywords {
  zh: readonly string[];
  en: readonly string[];
}

/** Each kind's keywords, Chinese and English. */
export const BLOCKER_KEYWORDS: Record<Exclude<BlockerKind, "other">, Keywords> = {
  people: {
    zh: ["人员", "人手", "人力", "力量", "队伍", "医护", "志愿者", "采样员", "流调员", "后备队"],
    en: ["staff", "people", "personnel", "team", "volunteer", "manpower", "crew", "workforce"],
  },
  supplies: {
    zh: [
      "物资",
      "物料",
      "试剂",
      "防护服",
      "口罩",
      "药品",
      "耗材",
      "食品",
      "床位",
      "采样管",
      "库存",
    ],
    en: ["supplies", "supply", "stock", "kit", "ppe", "food", "bed", "reagent", "tube", "mask"],
  },
  information: {
    zh: ["信息", "数据", "名单", "系统", "通知", "联系"],
    en: ["information", "data", "list", "unclear", "unknown", "contact", "report"],
  },
  authority: {
    zh: ["授权", "审批", "批准", "决策", "权限", "指令"],
    en: ["authority", "approval", "permission", "sign-off", "mandate", "decision"],
  },
  equipment: {
    zh: ["车辆", "设备", "场地", "通讯", "电话", "负压车"],
    en: ["vehicle", "equipment", "radio", "phone", "transport"],
  },
  coordination: {
    zh: ["协调", "交接", "对接", "配合", "衔接"],
    en: ["coordination", "hand-off", "handoff", "handover", "liaison"],
  },
};

const KINDS = Object.keys(BLOCKER_KEYWORDS) as Exclude<BlockerKind, "other">[];

/**
 * Every Latin-script keyword as a whole word, also in the plural ("team" → "teams"), in one
 * pattern with a group per kind: its leftmost match is the earliest keyword, and at one place
 * the first kind listed, as a search word by word would find. One pattern, not one per word:
 * each Unicode-aware class costs its compiling, and a review pays it at start-up.
 */
function latinWords(): RegExp {
  // Keywords are letters and hyphens; a hyphen needs no escape outside a class (and the
  // `u` flag refuses one).
  const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const groups = KINDS.map((kind) => `(${BLOCKER_KEYWORDS[kind].en.map(literal).join("|")})`);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${groups.join("|")})(?:s|es)?(?![\\p{L}\\p{N}])`, "iu");
}

let latin: RegExp | undefined;

/** The earliest Latin-script keyword of a text: where it is and its kind, or undefined. */
function latinMatch(text: string): { kind: BlockerKind; at: number } | undefined {
  latin ??= latinWords();
  const found = latin.exec(text);
  if (!found) return undefined;
  const group = found.findIndex((part, i) => i > 0 && part !== undefined);
  const kind = KINDS[group - 1];
  return kind ? { kind, at: found.index } : undefined;
}

const HAN = Object.entries(BLOCKER_KEYWORDS).flatMap(([kind, words]) =>
  words.zh.map((word) => ({ kind: kind as BlockerKind, word })),
);
const HAS_HAN = /\p{Script=Han}/u;
const MAY_BE_LATIN = /[A-Za-z\u017F\u212A]/;

let segmenter: Intl.Segmenter | undefined;

/**
 * Where the words of a Chinese text begin and end. Chinese has no spaces, so the word
 * boundaries come from ICU's dictionary (Intl.Segmenter), which sometimes keeps a phrase
 * whole ("人手不足"): a keyword counts where it begins or ends on a boundary.
 */
function boundaries(text: string): Set<number> {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  const at = new Set<number>([text.length]);
  for (const piece of segmenter.segment(text)) at.add(piece.index);
  return at;
}

function hanMatch(text: string, word: string, edges: Set<number>): number {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (edges.has(at) || edges.has(at + word.length)) return at;
  }
  return -1;
}

/**
 * Kinds already inferred, by text: a long drill repeats the same blocker texts, and each
 * Chinese one costs a dictionary segmentation. Bounded; emptied when full.
 */
const inferred = new Map<string, BlockerKind>();
const INFERRED_MAX = 10_000;

/** The kind of a blocker from its text: the kind of the earliest keyword, else `other`. */
export function inferBlockerKind(text: string): BlockerKind {
  let kind = inferred.get(text);
  if (kind === undefined) {
    kind = inferKind(text);
    if (inferred.size >= INFERRED_MAX) inferred.clear();
    inferred.set(text, kind);
  }
  return kind;
}

function inferKind(text: string): BlockerKind {
  let best: BlockerKind = "other";
  let bestAt = Number.POSITIVE_INFINITY;
  // The earliest keyword wins: "缺少车辆导致人员滞留" is about vehicles first.
  const consider = (kind: BlockerKind, at: number) => {
    if (at >= 0 && at < bestAt) {
      best = kind;
      bestAt = at;
    }
  };
  // Compiling the Unicode-aware pattern costs at start-up: only for a text with a letter it
  // could match (ASCII, or the two that fold to it: ſ and the Kelvin sign).
  const word = MAY_BE_LATIN.test(text) ? latinMatch(text) : undefined;
  if (word) consider(word.kind, word.at);
  // Segmenting loads ICU's dictionary (tens of ms the first time): only for a text that
  // holds a keyword at all.
  const present = HAS_HAN.test(text) ? HAN.filter(({ word }) => text.includes(word)) : [];
  if (present.length > 0) {
    const edges = boundaries(text);
    for (const { kind, word } of present) consider(kind, hanMatch(text, word, edges));
  }
  return best;
}

export function isBlockerKind(value: unknown): value is BlockerKind {
  return typeof value === "string" && (BLOCKER_KINDS as readonly string[]).includes(value);
}
