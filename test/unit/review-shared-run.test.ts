import { describe, expect, it } from "vitest";
import { sharedRun } from "../../src/review/findings.js";

// The longest run of characters two texts share decides which finding a hot-wash answer or an
// evaluator's note is attached to; each answer here is counted by hand.
describe("sharedRun", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 0],
    ["abc", "", 0],
    ["abc", "xyz", 0],
    ["abc", "abc", 3],
    ["xabcy", "zabcw", 3],
    // "首批密接名单" (6) is shared; "未及时" (3) also, but shorter.
    ["首批密接名单未及时推送", "推送首批密接名单给转运组", 6],
    // Runs are not gaps: "a_b_c" and "abc" share single letters only.
    ["a_b_c", "abc", 1],
    // Repeated letters: "aaaa" and "aa" share "aa", not more.
    ["aaaa", "aa", 2],
    ["aa", "aaaa", 2],
    // The run found late in both texts, after an earlier shorter one.
    ["ab--abcd", "xxabcdyyab", 4],
  ])("%j and %j share a run of %i", (a, b, run) => {
    expect(sharedRun(a, b)).toBe(run);
    expect(sharedRun(b, a)).toBe(run);
  });

  it("counts UTF-16 code units, so a shared emoji counts as two", () => {
    expect(sharedRun("x😀y", "z😀w")).toBe(2);
  });

  it("gives the same answers whatever came before (its rows are reused)", () => {
    const long = "转运隔离组".repeat(40);
    expect(sharedRun(long, long)).toBe(long.length);
    expect(sharedRun("ab", "b")).toBe(1);
  });
});
