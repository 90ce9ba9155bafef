// The room's two page shells. Everything shown is drawn by the page's script from the live
// view with DOM text nodes, never markup; the shell itself holds only escaped text.

import type { Lang } from "../core/plan.js";
import { TERMS } from "../core/terms.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface PageShell {
  kind: "board" | "seat";
  lang: Lang;
  title: string;
  /** The seat's own address prefix, `/b/<token>` or `/s/<token>`. */
  base: string;
}

/**
 * The domain's words the page shows (statuses, blocker kinds, kinds of note, ratings): the
 * ones the console, `drill log` and the review use, so an entry reads the same everywhere.
 */
export function pageTerms(lang: Lang) {
  const terms = TERMS[lang];
  return {
    statuses: terms.decisionStatus,
    blockers: terms.blockerKind,
    kinds: terms.observationKind,
    ratings: terms.rating,
  };
}

export function pageHtml(page: PageShell): string {
  const lang = page.lang === "zh" ? "zh-CN" : "en";
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="/assets/room.css">
</head>
<body class="${page.kind}" data-base="${escapeHtml(page.base)}" data-lang="${page.lang}" data-terms="${escapeHtml(JSON.stringify(pageTerms(page.lang)))}">
<main id="app"><p class="connecting">…</p></main>
<script src="/assets/room.js"></script>
</body>
</html>
`;
}
