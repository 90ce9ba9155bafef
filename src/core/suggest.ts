// "Did you mean …?" for misspelt ids and keys: one rule everywhere (plans, scripts, keys).

/** "E9" and "E1" are two items of a numbered series, not a typo of each other. */
function sameSeriesOtherNumber(a: string, b: string): boolean {
  const ma = /^(.*?)(\d+)$/.exec(a);
  const mb = /^(.*?)(\d+)$/.exec(b);
  return !!ma && !!mb && ma[1] === mb[1] && ma[2] !== mb[2];
}

/**
 * Edits from `a` to `b`: insertions, deletions, substitutions, and two neighbours swapped
 * counting as one (`feild` → `field`), i.e. the optimal-string-alignment Damerau distance.
 * Characters are code points, so a Chinese id counts one edit a character.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // Three rows of the table: two back (for swaps), one back, and this one.
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[t.length] ?? 0;
}

/**
 * The known word `word` most likely misspells, if any: the same word in another case, or one
 * within a third of its length in edits (at least `minEdits`), never another number of a series.
 */
export function nearest(word: string, known: readonly string[], minEdits = 1): string | undefined {
  const sameCase = known.find((k) => k.toLowerCase() === word.toLowerCase());
  if (sameCase !== undefined) return sameCase;
  let candidate: string | undefined;
  let best = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(word, k);
    if (d < best) {
      best = d;
      candidate = k;
    }
  }
  return candidate !== undefined &&
    best <= Math.max(minEdits, Math.floor(word.length / 3)) &&
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
