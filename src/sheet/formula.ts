// Spreadsheet formula injection (OWASP, "CSV Injection"): a cell whose text starts with `=`,
// `+`, `-`, `@`, a tab or a carriage return may be run as a formula when the file is opened.
// Export writes such text with a leading `'`, which makes it inert text; import takes the
// `'` off again, so what was exported comes back exactly. Text that already starts with `'`
// before one of those characters gets one more, so that one is never lost either.
// https://owasp.org/www-community/attacks/CSV_Injection

const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function restoreFormula(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
