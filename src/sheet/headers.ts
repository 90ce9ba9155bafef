// Which field a header names, and how sure that is: the header is a known name (`exact`),
// contains a known name as a phrase of its words (`phrase`: "EVENT TIME", "1st Objective
// Supported"), or says nothing and the column was read by its cells (`content`, layout.ts).
// Among a header's phrases the longest wins, and one that ends the header (its head noun:
// "Event *Time*") before one that starts it. Several columns naming one field: the surest
// takes it, the others stand in for it on rows where it is empty; a tie is reported.

import {
  MSEL_FIELDS,
  MSEL_SYNONYMS,
  type MselField,
  normaliseName,
  type TimeReading,
} from "./vocabulary.js";

export type Confidence = "exact" | "phrase" | "content" | "map";

export interface HeaderMatch {
  field: MselField;
  confidence: "exact" | "phrase";
  /** Longer and header-ending phrases score higher; exact matches score above any phrase. */
  score: number;
  /** Position of the name in the field's list: between two equal matches, the lower wins. */
  rank: number;
  reading?: TimeReading;
  /** Another field the header names just as well (reported as a tie). */
  tie?: MselField;
}

/**
 * Headers that name something drillbook has no field for, and that would otherwise be read as
 * a phrase of one ("Event *Type*" is not the event, "*Expectation* Score" not the action).
 * They are kept in the inject's notes.
 */
const NOT_A_FIELD = new Set([
  "eventtype",
  "injecttype",
  "injectcategory",
  "category",
  "type",
  "injectmode",
  "mode",
  "method",
  "deliverymethod",
  "delivery",
  "means",
  "modality",
  "priority",
  "importance",
  "controller",
  "responsiblecontroller",
  "injectedby",
  "author",
  "injectauthor",
  "poc",
  "location",
  "locationname",
  "locationtype",
  "venue",
  "triggertype",
  "trigger",
  "track",
  "esf",
  "expectationscore",
  "expectationname",
  "score",
  "measureofperformance",
  "backgroundinformation",
  "assumptions",
  "注入方式",
  "方式",
  "类型",
  "优先级",
  "地点",
]);

const EXACT_SCORE = 1000;

/** The MSEL field a header cell most likely names, if any. */
export function matchHeader(header: string): HeaderMatch | undefined {
  const full = normaliseName(header, false);
  const bare = normaliseName(header, true);
  if (bare === "" && full === "") return undefined;
  if (NOT_A_FIELD.has(bare) || NOT_A_FIELD.has(full)) return undefined;
  const hint = /\bt\s*\+/i.test(header) ? "offset" : undefined;
  const phrases = headerPhrases(header);
  let best: HeaderMatch | undefined;
  for (const field of MSEL_FIELDS) {
    let rank = 0;
    for (const group of MSEL_SYNONYMS[field]) {
      for (const name of group.names) {
        rank++;
        let score = 0;
        if (bare === name) score = EXACT_SCORE + 1;
        else if (full === name) score = EXACT_SCORE;
        else {
          const phrase = phrases.get(name);
          if (phrase !== undefined && meaningful(name)) score = phrase;
        }
        if (score === 0) continue;
        const reading = hint ?? group.reading;
        const match: HeaderMatch = {
          field,
          confidence: score >= EXACT_SCORE ? "exact" : "phrase",
          score,
          rank,
          ...(reading ? { reading } : {}),
        };
        if (!best || score > best.score) best = match;
        else if (score === best.score && field !== best.field && best.tie === undefined)
          best.tie = field;
      }
    }
  }
  return best;
}

/** A name short enough to turn up inside unrelated headers ("to", "no", "日") is only matched whole. */
function meaningful(name: string): boolean {
  return /[\u3400-\u9fff]/.test(name) ? name.length >= 2 : name.length >= 4;
}

/**
 * Every run of consecutive words of the header, joined as names are (`Expected Reaction to
 * Inject` → `expected`, `expectedreaction`, …), with its score: its length, and 3 more when
 * it ends the header. Chinese headers have no spaces: every substring of two or more
 * characters counts, scored the same way.
 */
function headerPhrases(header: string): Map<string, number> {
  const phrases = new Map<string, number>();
  const add = (phrase: string, ends: boolean) => {
    const score = phrase.length + (ends ? 3 : 0);
    if ((phrases.get(phrase) ?? 0) < score) phrases.set(phrase, score);
  };
  const words = header
    .normalize("NFKC")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}#+]+/u)
    .filter((w) => w !== "");
  for (let i = 0; i < words.length; i++) {
    let phrase = "";
    for (let j = i; j < words.length; j++) {
      phrase += words[j];
      add(phrase, j === words.length - 1);
    }
  }
  for (const word of words) {
    if (!/[\u3400-\u9fff]/.test(word)) continue;
    for (let i = 0; i < word.length; i++)
      for (let j = i + 2; j <= word.length; j++) add(word.slice(i, j), j === word.length);
  }
  return phrases;
}
