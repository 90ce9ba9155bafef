// Text from plans and participants as each format can carry it, character for character
// except what the format cannot hold, which becomes U+FFFD (the replacement character).

/** Unpaired surrogates (not text in any encoding) become U+FFFD; everything else stays. */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, "\uFFFD");
}

/** XML 1.0's characters: also no C0 controls but tab, line feed and carriage return, no U+FFFE/U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/gu;

/**
 * Text XML can hold. Done before the writer sees it: xmlbuilder's own replacement of a lone
 * low surrogate swallows the character before it.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}
