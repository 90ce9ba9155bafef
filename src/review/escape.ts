// Text that participants typed (decisions, notes, hot-wash answers) and plan text go into
// the report as literal text: nothing in it may open a table cell, a code span, an HTML tag,
// a link or a new block. Our own markup is written around escaped text, never inside it.

import { isClean, oneLine } from "../text.js";

export { oneLine };

// Every ASCII punctuation mark that can start or end inline markup in CommonMark or GFM.
// CommonMark lets any ASCII punctuation be backslash-escaped, and a table cell's `\|` is a
// literal pipe. Block markers (`#`, `>`, `-`, `1.`) only count at the start of a text, which
// may open a list item's content, so only a leading one is escaped.
const INLINE_SPECIAL = /[\\`*_[\]<>|~&]/g;

/** Any character that the escaping below would touch; most decision texts have none. */
const NEEDS_WORK = /[\\`*_[\]<>|~&@#+=.):\-\p{Cc}\u2028\u2029]|^ | $| {2}/u;

/**
 * Exactly what the steps below act on (a text without any comes back as it is), so a text
 * such as a scenario time ("T+01:30") that only looks like work is returned at once too.
 */
const MAY_CHANGE = /[\\`*_[\]<>|~&@]|:\/\/|www\.|^[\s#>+=\-\d]|\s$| {2}|#$/i;

/** Markdown-safe inline text: one line, every markup character escaped. */
export function md(text: string): string {
  if ((!NEEDS_WORK.test(text) || !MAY_CHANGE.test(text)) && isClean(text)) return text;
  return (
    oneLine(text)
      .replace(INLINE_SPECIAL, (c) => `\\${c}`)
      // Bare URLs and e-mail addresses would become links (GFM autolink literals).
      .replace(/(https?|ftp)(:\/\/)/gi, "$1\\:\\/\\/")
      .replace(/\bwww\./gi, "www\\.")
      .replace(/@/g, "\\@")
      .replace(/^([#>+=-])/, "\\$1")
      .replace(/^(\d+)([.)])/, "$1\\$2")
      // A heading's closing `#`s would be dropped.
      .replace(
        /(^|\s)(#+)$/,
        (_, space: string, hashes: string) => space + hashes.replace(/#/g, "\\#"),
      )
  );
}

/** A table cell's text, escaped ("" for none). */
export function cell(text: string | undefined): string {
  return text === undefined ? "" : md(text);
}

/**
 * A name for a Mermaid gantt task or section: Mermaid ends a task name at `:`, treats `#`
 * and `;` specially and `%%` as a comment, and a backtick run could close the code fence.
 */
export function mermaidText(text: string, maxChars = 40): string {
  const plain = oneLine(text)
    .replace(/[:;#%`<>{}[\]"\\|]/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
  const chars = Array.from(plain);
  return chars.length <= maxChars ? plain : `${chars.slice(0, maxChars - 1).join("")}…`;
}
