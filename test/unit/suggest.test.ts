// The "did you mean" rule: Damerau edits (a swap of neighbours is one), a third of the length.
import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, nearest } from "../../src/core/suggest.js";

describe("edit distance", () => {
  it("counts a swap of two neighbours as one edit", () => {
    expect(editDistance("feild", "field")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
    // Levenshtein would say 2 for each of these.
    expect(editDistance("tarcing", "tracing")).toBe(1);
  });

  it("counts insertions, deletions and substitutions as one each", () => {
    expect(editDistance("fild", "field")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    // Code points: a Chinese character is one edit.
    expect(editDistance("流调组", "流调排查组")).toBe(2);
  });
});

describe("did you mean", () => {
  const keys = ["field", "within", "expects", "group"];

  it("suggests for a transposition as for a missing letter", () => {
    expect(didYouMean("feild", keys)).toBe('did you mean "field"?');
    expect(didYouMean("fild", keys)).toBe('did you mean "field"?');
    expect(didYouMean("wihtin", keys)).toBe('did you mean "within"?');
  });

  it("stays quiet when nothing is near, and never offers another number of a series", () => {
    expect(didYouMean("banana", keys)).toBeUndefined();
    expect(nearest("E9", ["E1", "E2"])).toBeUndefined();
    expect(nearest("group", ["GROUP"])).toBe("GROUP");
  });
});
