// Terminal columns of a text. Plain ASCII, Latin-1's letters and signs, the common punctuation,
// arrows, maths and box-drawing signs and the common CJK characters are counted directly: a
// string of only those is one column or two per character, as string-width counts them (none
// of them joins a neighbour into one grapheme). Anything else (emoji, marks, other scripts,
// control characters) goes to string-width, whose loading alone builds its emoji patterns and
// grapheme segmenter (tens of ms), hence loaded only then.

type StringWidth = typeof import("string-width").default;

// The bundle's require(), or vitest's: esbuild bundles a required package as a module that is
// evaluated only when first required, which an import is not.
declare const require: (id: "string-width") => { default: StringWidth };

let slowWidth: StringWidth | undefined;

function stringWidth(text: string): number {
  slowWidth ??= require("string-width").default;
  return slowWidth(text);
}

/** Columns of a character string-width would count alike, or 0 when it must decide. */
function quickColumns(code: number): number {
  if (code >= 0x20 && code < 0x7f) return 1;
  // Latin-1 (·, ×, é, …) but the soft hyphen; – — ‘ ’ “ ” † • … ‰ ′ ″ ‹ › and the like; ← → ⇒ ∑ ≤ Ⅲ;
  // ─ │ ┌ ┐ └ ┘ ├ ┤.
  if (code >= 0xa0 && code <= 0xff) return code === 0xad ? 0 : 1;
  if ((code >= 0x2010 && code <= 0x2027) || (code >= 0x202f && code <= 0x205f)) return 1;
  if ((code >= 0x2100 && code <= 0x22ff) || (code >= 0x2500 && code <= 0x257f)) return 1;
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
