// Terminal columns of a text. Plain ASCII and the common CJK characters are counted directly:
// a string of only those is one column or two per character, as string-width counts them.
// Anything else (emoji, marks, other scripts, control characters) goes to string-width,
// whose first call builds its emoji patterns and grapheme segmenter (tens of ms).

import stringWidth from "string-width";

/** Columns of a character string-width would count alike, or 0 when it must decide. */
function quickColumns(code: number): number {
  if (code >= 0x20 && code < 0x7f) return 1;
  // CJK Unified Ideographs, CJK punctuation (、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜) and fullwidth forms (，：？！（）…).
  if (code >= 0x4e00 && code <= 0x9fff) return 2;
  if (code >= 0x3001 && code <= 0x301c) return 2;
  if (code >= 0xff01 && code <= 0xff60) return 2;
  return 0;
}

export function textWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const columns = quickColumns(text.charCodeAt(i));
    if (columns === 0) return stringWidth(text);
    width += columns;
  }
  return width;
}
