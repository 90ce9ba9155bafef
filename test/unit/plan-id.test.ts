import { describe, expect, it } from "vitest";
import { ID_PATTERN, isId } from "../../src/plan/schema.js";

describe("isId", () => {
  it("takes ids of any script and refuses the rest, as written by hand", () => {
    for (const id of ["E12", "G1", "a", "7", "g_1.x-y", "医疗组", "组1", "é2", "٣", "①"])
      expect(isId(id), id).toBe(true);
    for (const id of ["", "_a", ".a", "-a", "E 12", "E12 ", "a/b", "a:b", "组 1", "😀"])
      expect(isId(id), id).toBe(false);
  });

  it("agrees with the Unicode pattern on every string over a mixed alphabet", () => {
    const alphabet = ["a", "Z", "0", "9", "_", ".", "-", " ", "中", "é", "٣", "/", "😀"];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 5000; n++) {
      const length = next() % 6;
      const text = Array.from({ length }, () => alphabet[next() % alphabet.length]).join("");
      expect(isId(text), JSON.stringify(text)).toBe(ID_PATTERN.test(text));
    }
  });
});
