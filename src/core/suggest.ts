// "Did you mean …?" for misspelt ids and keys: one rule everywhere (plans, scripts, keys).

import { closest, distance } from "fastest-levenshtein";

/** "E9" and "E1" are two items of a numbered series, not a typo of each other. */
function sameSeriesOtherNumber(a: string, b: string): boolean {
  const ma = /^(.*?)(\d+)$/.exec(a);
  const mb = /^(.*?)(\d+)$/.exec(b);
  return !!ma && !!mb && ma[1] === mb[1] && ma[2] !== mb[2];
}

/**
 * The known word `word` most likely misspells, if any: the same word in another case, or one
 * within a third of its length in edits (at least `minEdits`), never another number of a series.
 */
export function nearest(word: string, known: readonly string[], minEdits = 1): string | undefined {
  const sameCase = known.find((k) => k.toLowerCase() === word.toLowerCase());
  if (sameCase !== undefined) return sameCase;
  if (known.length === 0) return undefined;
  const candidate = closest(word, known as string[]);
  return distance(word, candidate) <= Math.max(minEdits, Math.floor(word.length / 3)) &&
    !sameSeriesOtherNumber(word, candidate)
    ? candidate
    : undefined;
}

/** `did you mean "x"?`, or undefined when nothing is near. */
export function didYouMean(
  word: string,
  known: readonly string[],
  minEdits = 1,
): string | undefined {
  const match = nearest(word, known, minEdits);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}
