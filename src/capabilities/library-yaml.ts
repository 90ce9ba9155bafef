// A capability library read from its YAML text, each problem placed at its line and column:
// apart from ./library.ts, so that what only uses the built-in libraries never loads the
// YAML parser.

import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import type { SourceLocation } from "../errors.js";
import { checkLibrary, type LibraryParseResult, type Locator } from "./library.js";

/** Reads a library file's text; `file` names it in problems. */
export function parseLibrary(source: string, file: string): LibraryParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const locator = locate(doc, lineCounter, file);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return {
      problems: [
        {
          severity: "error",
          location: first ? locator.offset(first.pos[0]) : { file },
          message: `YAML: ${first?.message.split("\n")[0] ?? "not readable"}`,
        },
      ],
    };
  }
  if (doc.contents === null)
    return {
      problems: [{ severity: "error", location: { file }, message: "the library is empty" }],
    };
  return checkLibrary(doc.toJS({ maxAliasCount: 100 }), locator);
}

/** Where the value at `path` is written, or its nearest parent that is. */
function locate(doc: Document, lineCounter: LineCounter, file: string): Locator {
  const at = (offset: number): SourceLocation => ({ file, ...lineCounter.linePos(offset) });
  return {
    offset: at,
    value(path: readonly (string | number)[]): SourceLocation {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return { file };
    },
  };
}
