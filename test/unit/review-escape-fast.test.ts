// md() returns texts that need no escaping at once; the result must be what the full
// escaping gives, for any text. The reference is the escaping written out step by step.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md } from "../../src/review/escape.js";
import { isClean, oneLine } from "../../src/text.js";

const NEEDS_WORK = /[\\`*_[\]<>|~&@#+=.):\-\p{Cc}\u2028\u2029]|^ | $| {2}/u;

function reference(text: string): string {
  if (!NEEDS_WORK.test(text) && isClean(text)) return text;
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/(https?|ftp)(:\/\/)/gi, "$1\\:\\/\\/")
    .replace(/\bwww\./gi, "www\\.")
    .replace(/@/g, "\\@")
    .replace(/^([#>+=-])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2")
    .replace(
      /(^|\s)(#+)$/,
      (_, space: string, hashes: string) => space + hashes.replace(/#/g, "\\#"),
    );
}

const pieces = [
  "T+01:30",
  "a",
  "采样",
  " ",
  "  ",
  "\u3000",
  "\t",
  "\n",
  "#",
  "1.",
  "2)",
  "-",
  "+",
  "=",
  ">",
  ":",
  "//",
  "://",
  "http",
  "www.",
  "WWW.",
  "@",
  "|",
  "*",
  "_",
  "`",
  "\\",
  "[",
  "]",
  "<",
  "&",
  "~",
  ".",
  ")",
  "\u2028",
  "\u200b",
  "\u202e",
  "x@y.z",
];

describe("md", () => {
  it("escapes as the full steps do, whether or not it takes the quick way", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join("");
        expect(md(text)).toBe(reference(text));
      }),
      { numRuns: 20_000, seed: 20261202 },
    );
  });

  it("returns a scenario time as it is", () => {
    expect(md("T+01:30")).toBe("T+01:30");
  });
});
