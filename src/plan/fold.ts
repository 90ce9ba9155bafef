// YAML folds a line break inside text into a space (`>` blocks, and plain or quoted text
// over several lines). Between two Chinese or Japanese characters that space is wrong:
// these scripts put no space between words or sentences (`4 户。 需立即` for `4 户。需立即`).

/** Han, kana, CJK punctuation and full-width forms: text written without spaces. Not Hangul. */
const CJK =
  "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303F\\uFF00-\\uFFEF]";
const SPACED = new RegExp(`(${CJK}) (?=(${CJK}))`, "gu");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `value` (a scalar as YAML read it) without the spaces that folding put between two CJK
 * characters, judged from `source` (the scalar as written): a space stays where the source
 * has it on one line.
 */
export function joinCjkFolds(value: string, source: string): string {
  if (!source.includes("\n")) return value;
  return value.replace(SPACED, (match, before: string, after: string) => {
    const pair = `${escapeRegExp(before)}%s${escapeRegExp(after)}`;
    const onOneLine = new RegExp(pair.replace("%s", "[ \\t]+"), "u").test(source);
    const acrossLines = new RegExp(pair.replace("%s", "[ \\t]*\\r?\\n[ \\t\\r\\n]*"), "u").test(
      source,
    );
    return acrossLines && !onOneLine ? before : match;
  });
}
