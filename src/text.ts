// Text from plans, participants and logs, made safe to show: on the terminal, in the
// timeline and in reports. Such text is data: nothing in it may drive the terminal (escape
// sequences, control characters), hide itself or reorder what is shown around it (bidi
// overrides, the "Trojan Source" trick, CVE-2021-42574). The one sanitiser is `cleanText`;
// `oneLine` is the same for text shown on one line.

import { stripVTControlCharacters } from "node:util";

/** Anything `cleanText` would change; most texts have none, so they are returned as they are. */
const NEEDS_CLEANING =
  /[\p{Cc}\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/u;

/** Bidi embeddings, overrides and isolates: they reorder the text shown after them. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Invisible characters with no use in plan or drill text (a BOM inside a text, word joiners). */
const INVISIBLE = /[\u200B\u2060-\u2064\u206A-\u206F\uFEFF\uFFF9-\uFFFB]/g;
/**
 * Zero-width (non-)joiners are kept where they join two visible characters (emoji sequences,
 * Persian, Indic scripts); at either end of a word they only hide something.
 */
const STRAY_JOINERS = /(?<=^|[\s\u200C\u200D])[\u200C\u200D]+|[\u200C\u200D]+(?=$|\s)/gu;
/** Control characters left once escape sequences are gone, except line breaks and tabs. */
const CONTROLS = /[^\P{Cc}\t\n]/gu;

/**
 * The one sanitiser for user text shown anywhere: escape sequences (CSI, OSC, DCS) and every
 * other C0/C1 control character removed, line breaks made "\n", tabs kept; bidi overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and invisible characters removed; zero-width
 * joiners kept only between visible characters.
 */
export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return stripVTControlCharacters(text.replace(/\r\n?|\u0085|\u2028|\u2029/g, "\n"))
    .replace(/[\v\f]/g, " ")
    .replace(CONTROLS, "")
    .replace(BIDI_CONTROLS, "")
    .replace(INVISIBLE, "")
    .replace(STRAY_JOINERS, "");
}

/** Whether `cleanText` would leave `text` as it is. */
export function isClean(text: string): boolean {
  return !NEEDS_CLEANING.test(text);
}

const LOOSE_SPACES = / {2}|^\s|\s$/;

/**
 * Clean text on one line: line breaks become one visible separator and tabs a space, so each
 * text stays on its line (a decision in the timeline, a cell of a report's table).
 */
export function oneLine(text: string): string {
  if (!NEEDS_CLEANING.test(text) && !LOOSE_SPACES.test(text)) return text;
  return cleanText(text)
    .replace(/\t/g, " ")
    .replace(/\s*\n+\s*/g, " / ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** Lone surrogates and U+FFFE/U+FFFF, which JSON can carry and XML refuses. */
const NOT_XML =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

/** Clean text on one line that any XML document can hold (SVG, HTML, Word). */
export function xmlLine(text: string): string {
  return oneLine(text).replace(NOT_XML, "\uFFFD");
}

/**
 * Clean text on one line for a markup text node or quoted attribute, with `& < > " '`
 * escaped: `apostrophe` is `&apos;` in XML, `&#39;` in HTML (which lacks `&apos;` before 5).
 */
export function markupText(text: string, apostrophe: "&apos;" | "&#39;"): string {
  return xmlLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, apostrophe);
}

/** Characters JSON leaves as they are that a terminal may act on or that reorder text. */
const JSON_UNSAFE =
  /[\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\uFEFF]/g;

/**
 * JSON for output that may reach a terminal: the same data as `JSON.stringify`, with the
 * characters above written as `\uXXXX` escapes (they can only occur inside strings).
 */
export function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
