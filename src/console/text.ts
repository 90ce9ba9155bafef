// Padding and truncating by display width, so Chinese (two columns a character) lines
// up with Latin text on the board.

import stringWidth from "string-width";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pads on the right to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}

/** Pads on the left to `width` columns. */
export function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - stringWidth(text))) + text;
}

const ESC = String.fromCharCode(27);
/** Colour codes (SGR), which take no columns and must survive a cut. */
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, "g");

/** Cuts to at most `width` columns, ending in "…" when something was cut; colour codes kept. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 0) return "";
  let kept = "";
  let used = 0;
  let coloured = false;
  let at = 0;
  const take = (plain: string): boolean => {
    for (const { segment } of graphemes.segment(plain)) {
      const w = stringWidth(segment);
      if (used + w > width - 1) return false;
      kept += segment;
      used += w;
    }
    return true;
  };
  for (const match of text.matchAll(SGR)) {
    if (!take(text.slice(at, match.index))) return finish(kept, coloured);
    kept += match[0];
    coloured = true;
    at = match.index + match[0].length;
  }
  take(text.slice(at));
  return finish(kept, coloured);
}

function finish(kept: string, coloured: boolean): string {
  return coloured ? `${kept}…${ESC}[0m` : `${kept}…`;
}

export { oneLine } from "../text.js";

/**
 * Lays out short items in rows no wider than `width`, each padded to the widest item so
 * the columns line up.
 */
export function columns(items: readonly string[], width: number, gap = 2): string[] {
  if (items.length === 0) return [];
  const cell = Math.max(...items.map((item) => stringWidth(item))) + gap;
  const perRow = Math.max(1, Math.floor((width + gap) / cell));
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const row = items.slice(i, i + perRow);
    rows.push(
      row
        .map((item, j) => (j === row.length - 1 ? item : padEnd(item, cell)))
        .join("")
        .trimEnd(),
    );
  }
  return rows;
}

const wordBreaks = new Intl.Segmenter("zh", { granularity: "word" });
/** What may not start a line: it stays with the word before it. */
const CLOSING = /^[，。、；：？！）》」』”’,.;:?!)\]}%]/u;

/**
 * Wraps plain text to `width` columns by display width (a Chinese character two), breaking
 * between words as the platform's word segmenter finds them, so Chinese breaks between its
 * words as English does at spaces; a word wider than a line is split. Nothing is cut. The
 * first line keeps the text's own leading spaces, the rest start with `indent`.
 */
export function wrap(text: string, width: number, indent = ""): string[] {
  const lead = /^ */.exec(text)?.[0] ?? "";
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  const room = () => Math.max(8, width - (lines.length === 0 ? lead.length : stringWidth(indent)));
  const flush = () => {
    lines.push(line.join("").trimEnd());
    line = [];
    used = 0;
  };
  for (const { segment } of wordBreaks.segment(text.slice(lead.length))) {
    const w = stringWidth(segment);
    if (used + w <= room()) {
      if (used > 0 || segment.trim() !== "") {
        line.push(segment);
        used += w;
      }
      continue;
    }
    if (segment.trim() === "") {
      flush();
      continue;
    }
    // A closing mark takes the word before it along to the next line.
    const carried = CLOSING.test(segment) && line.length > 1 ? (line.pop() ?? "") : "";
    if (used > 0) flush();
    for (const part of [carried, segment]) {
      for (const { segment: g } of graphemes.segment(part)) {
        const gw = stringWidth(g);
        if (used + gw > room()) flush();
        line.push(g);
        used += gw;
      }
    }
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines.map((l, i) => (i === 0 ? `${lead}${l}` : `${indent}${l}`));
}
