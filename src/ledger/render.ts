// The status view rendered: a terminal table whose columns line up with Chinese text (two
// columns a character), markdown with every item text escaped, and JSON. Item texts are
// data: on one line, without control sequences, never markup. Pure.

import stringWidth from "string-width";
import { padEnd, truncate } from "../console/text.js";
import type { Lang } from "../core/plan.js";
import { cell, md } from "../review/escape.js";
import { jsonText, oneLine } from "../text.js";
import { type LedgerMessages, ledgerMessages } from "./messages.js";
import type { Ledger, LedgerItem } from "./model.js";
import type { LedgerStatusView } from "./status.js";

interface Section {
  title: string;
  items: LedgerItem[];
}

function sections(view: LedgerStatusView, words: LedgerMessages): Section[] {
  return [
    ...view.openByOwner.map((group) => ({
      title: words.heading.openByOwner(group.ownerName ?? group.owner ?? words.noOwner),
      items: group.items,
    })),
    { title: words.heading.overdue, items: view.overdue },
    ...view.verified.map((v) => ({ title: words.heading.verified(v.drill), items: v.items })),
    { title: words.heading.claimed, items: view.claimed },
    { title: words.heading.dropped, items: view.dropped },
  ];
}

function columns(item: LedgerItem, words: LedgerMessages): string[] {
  return [
    item.id,
    words.status[item.status],
    item.ownerName ?? item.owner ?? "",
    item.person ?? "",
    item.due ?? "",
    item.status === "dropped" && item.reason ? `${item.issue} — ${item.reason}` : item.issue,
  ].map(oneLine);
}

function headings(words: LedgerMessages): string[] {
  const c = words.column;
  return [c.id, c.status, c.owner, c.person, c.due, c.issue];
}

/** A table per section, columns padded by display width; the issue cut to fit `width`. */
export function statusTable(view: LedgerStatusView, lang: Lang, width: number): string {
  const words = ledgerMessages[lang];
  const lines: string[] = [`${words.heading.title}`, ""];
  for (const section of sections(view, words)) {
    lines.push(`${oneLine(section.title)} (${section.items.length})`);
    if (section.items.length === 0) {
      lines.push(`  ${words.none}`, "");
      continue;
    }
    const rows = [headings(words), ...section.items.map((i) => columns(i, words))];
    const widths = [0, 1, 2, 3, 4].map((c) =>
      Math.max(...rows.map((r) => stringWidth(r[c] ?? ""))),
    );
    const fixed = widths.reduce((sum, w) => sum + w + 2, 2);
    const rest = Math.max(12, width - fixed);
    for (const row of rows) {
      const cells = widths.map((w, c) => padEnd(row[c] ?? "", w));
      lines.push(`  ${cells.join("  ")}  ${truncate(row[5] ?? "", rest)}`.trimEnd());
    }
    lines.push("");
  }
  lines.push(words.totals(view.counts, view.drills, view.today));
  return `${lines.join("\n")}\n`;
}

export function statusMarkdown(view: LedgerStatusView, lang: Lang): string {
  const words = ledgerMessages[lang];
  const c = words.column;
  const out: string[] = [
    `# ${words.heading.title}`,
    "",
    md(words.totals(view.counts, view.drills, view.today)),
  ];
  for (const section of sections(view, words)) {
    out.push("", `## ${md(section.title)} (${section.items.length})`, "");
    if (section.items.length === 0) {
      out.push(md(words.none));
      continue;
    }
    out.push(
      `| ${[...headings(words), c.finding].map(md).join(" | ")} |`,
      `|${" --- |".repeat(7)}`,
    );
    for (const item of section.items) {
      const cells = [...columns(item, words), item.finding].map((t) => cell(t) || " ");
      out.push(`| ${cells.join(" | ")} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

export function statusJson(view: LedgerStatusView, ledger: Ledger): string {
  const ids = (items: readonly LedgerItem[]) => items.map((i) => i.id);
  return `${jsonText(
    {
      format: ledger.format,
      today: view.today,
      counts: view.counts,
      openByOwner: view.openByOwner.map((g) => ({
        ...(g.owner !== undefined ? { owner: g.owner } : {}),
        ...(g.ownerName !== undefined ? { ownerName: g.ownerName } : {}),
        items: ids(g.items),
      })),
      overdue: ids(view.overdue),
      verified: view.verified.map((v) => ({ drill: v.drill, items: ids(v.items) })),
      claimed: ids(view.claimed),
      dropped: ids(view.dropped),
      drills: ledger.drills,
      items: ledger.items,
    },
    2,
  )}\n`;
}
