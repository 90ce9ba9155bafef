// Maps a path into the parsed YAML (["injects", 3, "expects", 0, "group"]) back to
// `line:col` in the source, so every problem points at the text to fix.

import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { SourceLocation } from "../errors.js";

export type PlanPath = readonly (string | number)[];

export interface Locator {
  /** Where the value at `path` starts; the nearest existing parent when it is missing. */
  value(path: PlanPath): SourceLocation;
  /** Where the key of the last path segment starts (for unknown or misspelt keys). */
  key(path: PlanPath): SourceLocation;
  /** A source offset as a location. */
  offset(offset: number): SourceLocation;
}

export function createLocator(
  doc: Document,
  lineCounter: LineCounter,
  source: string,
  file: string,
): Locator {
  // Columns count characters, not UTF-16 units: an emoji or rare Han character is one. Each
  // line is looked at once, so locating thousands of problems on one long line stays linear.
  const astral = new Map<number, Uint32Array | null>();
  const charsBefore = (line: number, lineStart: number, units: number): number => {
    let counts = astral.get(line);
    if (counts === undefined) {
      const end = lineCounter.lineStarts[line] ?? source.length;
      const text = source.slice(lineStart, end);
      counts = /[\uD800-\uDBFF]/.test(text) ? surrogatesBefore(text) : null;
      astral.set(line, counts);
    }
    return counts === null ? units : units - (counts[units] ?? 0);
  };
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    const lineStart = lineCounter.lineStarts[line - 1] ?? 0;
    return { file, line, col: charsBefore(line, lineStart, col - 1) + 1 };
  };

  const walk = (path: PlanPath): { node: Node | null; key: Node | null } => {
    let node = doc.contents as Node | null;
    let key: Node | null = null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) return { node, key: null };
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? key;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) return { node, key: null };
        key = null;
        node = item;
      } else {
        return { node, key: null };
      }
    }
    return { node, key };
  };

  const start = (node: Node | null): SourceLocation =>
    node?.range ? at(node.range[0]) : { file, line: 1, col: 1 };

  return {
    value: (path) => start(walk(path).node),
    key: (path) => {
      const found = walk(path);
      return start(found.key ?? found.node);
    },
    offset: at,
  };
}

/** For each UTF-16 offset into `text`, how many high surrogates come before it. */
function surrogatesBefore(text: string): Uint32Array {
  const counts = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts[i + 1] = (counts[i] ?? 0) + (code >= 0xd800 && code <= 0xdbff ? 1 : 0);
  }
  return counts;
}
