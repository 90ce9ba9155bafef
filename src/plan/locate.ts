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
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    const lineStart = lineCounter.lineStarts[line - 1] ?? 0;
    // Columns count characters, not UTF-16 units: an emoji or rare Han character is one.
    const chars = [...source.slice(lineStart, lineStart + col - 1)].length;
    return { file, line, col: chars + 1 };
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
