// Text that participants typed, shown on one line: in the console, the timeline and reports.
// Control characters go too, so a pasted escape sequence cannot drive the terminal.

/** Line breaks and tabs become one visible separator, so each text stays on its line. */
export function oneLine(text: string): string {
  return text
    .replace(/[\t\v\f]/g, " ")
    .replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)+\s*/g, " / ")
    .replace(/\p{Cc}/gu, "")
    .replace(/ {2,}/g, " ")
    .trim();
}
