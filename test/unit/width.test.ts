// The quick width agrees with string-width, character by character over every range it
// counts itself, and on mixed text that needs string-width.

import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { textWidth } from "../../src/width.js";

const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2010, 0x2027],
  [0x202f, 0x205f],
  [0x2100, 0x22ff],
  [0x2500, 0x257f],
  [0x3001, 0x301c],
  [0x4e00, 0x9fff],
  [0xff01, 0xff60],
];

describe("textWidth", () => {
  it("counts every character of its quick ranges as string-width does", () => {
    const differ: string[] = [];
    for (const [from, to] of RANGES)
      for (let code = from; code <= to; code++) {
        const char = String.fromCharCode(code);
        if (textWidth(char) !== stringWidth(char)) differ.push(code.toString(16));
      }
    expect(differ).toEqual([]);
  });

  it("measures text beyond them with string-width", () => {
    for (const text of [
      "疾控组 👩‍⚕️",
      "e\u0301tude",
      "tab\there",
      "한국어",
      "「志愿者」，车队",
      "",
      "soft\u00adhyphen",
      "↔\ufe0f",
      "→ 流调组 — “结果” · ×3",
      "\u001b[31mred\u001b[0m",
    ])
      expect(textWidth(text)).toBe(stringWidth(text));
  });
});
