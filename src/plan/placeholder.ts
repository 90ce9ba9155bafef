// Text that stands for "nothing here yet" in a planner's spreadsheet or plan: dashes, dots,
// N/A, TBD, 无. The importer reads such a cell as empty; `drill validate` warns of a group
// or an action that is only that.

const WORDS = new Set([
  "n/a",
  "na",
  "n.a.",
  "tbd",
  "tba",
  "tbc",
  "none",
  "nil",
  "null",
  "unknown",
  "无",
  "暂无",
  "待定",
  "空",
  "略",
]);

/** Only punctuation and symbols (`---`, `—`, `…`, `?`, `*`), or a word for "nothing". */
export function isPlaceholder(text: string): boolean {
  // Most cells are words or sentences: settle those without normalising them.
  if (text.length > 12 && /[\p{L}\p{N}]/u.test(text)) return false;
  const t = text.trim().normalize("NFKC").toLowerCase();
  if (t === "") return false;
  return WORDS.has(t) || isOnlyPunctuation(t);
}

export function isOnlyPunctuation(text: string): boolean {
  const t = text.trim();
  return t !== "" && /^[\p{P}\p{S}\s]+$/u.test(t);
}

/** Names an importer once gave to "nobody in particular"; no real group is called that. */
export function isPlaceholderGroupName(name: string): boolean {
  const t = name.trim().toLowerCase();
  return isPlaceholder(t) || ["unassigned", "未指定", "未分配", "tbd group"].includes(t);
}
