// What `drill import` tells the planner, from the one import report (report-model.ts): the
// whole account for `--dry-run` (sheets and their scores, columns and how sure each is,
// assumptions, merged groups, what became of every row), the comment block at the top of
// the plan it writes, and a one-line summary on standard error.

import { textWidth } from "../width.js";
import type { CellWarning, ImportReport, RowRun } from "./report-model.js";
import type { SkipReason } from "./rows.js";

const SKIP_WORDS: Record<SkipReason, string> = {
  blank: "blank",
  "above-header": "above the header (title or key/value rows)",
  header: "the header",
  "header-repeat": "the header again",
  placeholder: "only placeholders (---, N/A, TBD…)",
  status: "status",
  "below-table": "below the table (a drop-down list or stray cells)",
  "no-inject": "no inject cells, before the first inject",
  "side-table": "below the table (groups or objectives table, or stray cells)",
};

const SKIP_SHORT: Record<SkipReason, string> = {
  blank: "blank",
  "above-header": "above the header",
  header: "header",
  "header-repeat": "header repeated",
  placeholder: "placeholders only",
  status: "for their status",
  "below-table": "below the table",
  "no-inject": "before the first inject",
  "side-table": "side tables",
};

/** `--dry-run`: everything the import would read, assume and leave out, and nothing written. */
export function renderMapping(report: ImportReport): string {
  const lines: string[] = [];
  for (const [i, sheet] of report.sheets.entries()) {
    const where =
      sheet.headerRow === undefined ? "no header row" : `header on row ${sheet.headerRow}`;
    const rows = report.sheets.length === 1 ? `; ${report.rows} row(s) below it` : "";
    const day = sheet.dayOffset > 0 ? `; day ${sheet.dayOffset + 1}` : "";
    if (i === 0 || report.sheets.length > 1)
      lines.push(`${report.file}: sheet "${sheet.name}" (${where}${rows}${day})`);
  }
  if (report.ranking.length > 1) {
    lines.push("", "sheets, by how MSEL-like they are (of 100):");
    const table = report.ranking.map((r) => [
      r.chosen ? "*" : "",
      r.name,
      String(r.score),
      `${r.rows} row(s)`,
      r.state === "visible" ? r.detail : `${r.detail} — never chosen unless named`,
    ]);
    lines.push(...columns(table).map((l) => `  ${l}`));
  }
  for (const sheet of report.sheets) {
    lines.push("");
    if (report.sheets.length > 1) lines.push(`sheet "${sheet.name}":`);
    const rows = sheet.columns.map((c) => [
      c.letter,
      c.header,
      c.skipped
        ? "(skipped)"
        : c.field
          ? c.field
          : c.standsInFor
            ? `(${c.standsInFor} where empty)`
            : "→ notes",
      c.skipped || !c.field ? "" : (c.confidence ?? ""),
      c.samples.join(" · "),
    ]);
    lines.push(...columns([["col", "header", "field", "sure", "sample values"], ...rows]));
  }
  lines.push("");
  lines.push(
    `would make ${report.injects} inject(s), ${report.expectations} expected action(s), ${report.groups} group(s), ${report.objectives} objective(s)`,
  );
  for (const assumption of report.assumptions) lines.push(`assumed: ${assumption}`);
  if (report.groupMerges.length > 0) {
    lines.push(
      "",
      'groups merged (undo one in the mapping file, e.g. `groups: {"JOC J4": joc-j4}`):',
    );
    for (const m of report.groupMerges)
      lines.push(
        `  ${m.id} "${m.name}" ← ${m.aliases.map((a) => `"${a}"`).join(", ")} (${m.why.join("; ")})`,
      );
  }
  lines.push("", "rows:");
  for (const line of runLines(report.rowRuns, 500)) lines.push(`  ${line}`);
  for (const warning of report.warnings) lines.push(`note: ${warning}`);
  return `${lines.join("\n")}\n`;
}

/** The comment block that heads an imported plan: where it came from and what to check. */
export function renderImportComment(report: ImportReport): string {
  const one = report.sheets.length === 1 ? report.sheets[0] : undefined;
  const where = one
    ? `sheet "${one.name}"${one.headerRow === undefined ? " (no header row)" : `, header on row ${one.headerRow}`}`
    : `sheets ${report.sheets.map((s) => `"${s.name}"`).join(", ")}`;
  const lines = [
    `Imported by \`drill import\` from ${baseName(report.file)}, ${where}.`,
    coverageLine(report),
  ];
  if (report.keptAsNotes.length > 0)
    lines.push(`Kept under each inject's \`notes\`: ${report.keptAsNotes.join(", ")}.`);
  for (const assumption of report.assumptions) lines.push(`Assumed: ${assumption}.`);
  for (const m of report.groupMerges)
    lines.push(
      `Merged into group ${m.id} ("${m.name}"): ${m.aliases.map((a) => `"${a}"`).join(", ")}.`,
    );
  const left = report.rowRuns.filter(
    (r) =>
      r.fate === "merged" ||
      (r.fate === "skipped" && !["blank", "header", "above-header"].includes(r.reason)),
  );
  if (left.length > 0) {
    lines.push("Rows merged or left out:");
    for (const line of runLines(left, 20)) lines.push(`  ${line}`);
  }
  for (const warning of report.warnings) lines.push(`Check: ${warning}.`);
  lines.push("Validate with `drill validate <this file>`.");
  return `${lines
    .flatMap((line) => wrap(line, 96))
    .map((l) => `# ${l}`.trimEnd())
    .join("\n")}\n\n`;
}

/**
 * A cell warning for standard error, the way problems are printed elsewhere:
 * `msel.xlsx:Sheet1!C7: warning: …` (a CSV has one sheet: `msel.csv:C7`).
 */
export function formatCellWarning(report: ImportReport, warning: CellWarning): string {
  const cell = `${warning.column}${warning.row}`;
  const where = report.format === "csv" ? cell : `${sheetReference(warning.sheet)}!${cell}`;
  return `${report.file}:${where}: warning: ${warning.message}\n  hint: ${warning.hint}`;
}

/** A sheet name as a spreadsheet writes it in a reference: quoted unless a plain word. */
function sheetReference(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
}

export function coverageLine(report: ImportReport): string {
  const mapped = report.columns.filter(
    (c) => c.field && !["notes", "from", "status"].includes(c.field) && c.samples.length > 0,
  ).length;
  const filled = report.columns.filter((c) => c.samples.length > 0).length;
  const skipped = Object.entries(report.skipped)
    .filter(([reason]) => !["blank", "header", "above-header"].includes(reason))
    .map(([reason, n]) => `${n} ${SKIP_SHORT[reason as SkipReason]}`);
  const rest = [
    ...(report.merged > 0 ? [`${report.merged} row(s) merged into the inject above`] : []),
    ...(skipped.length > 0 ? [`left out: ${skipped.join(", ")}`] : []),
  ];
  return `${report.rowsUsed} of ${report.rows} row(s) → ${report.injects} inject(s), ${report.expectations} expected action(s), ${report.groups} group(s), ${report.objectives} objective(s); ${mapped} of ${filled} filled column(s) mapped to plan fields${rest.length > 0 ? `; ${rest.join("; ")}` : ""}.`;
}

/** What became of rows, a line per run: `rows 5–6: merged into inject 4 (…)`. */
function runLines(runs: readonly RowRun[], max: number): string[] {
  const sheets = new Set(runs.map((r) => r.sheet));
  const lines = runs.slice(0, max).map((run) => {
    const rows = run.from === run.to ? `row ${run.from}` : `rows ${run.from}–${run.to}`;
    const where = sheets.size > 1 ? `"${run.sheet}" ${rows}` : rows;
    switch (run.fate) {
      case "inject":
        return run.from === run.to
          ? `${where}: inject ${run.first}`
          : `${where}: injects ${run.first} … ${run.last}, one a row`;
      case "merged":
        return `${where}: merged into inject ${run.inject} (${run.why})`;
      case "heading":
        return `${where}: section heading "${run.text}", the phase of the rows below`;
      default: {
        const details = run.details.length > 0 ? ` (${run.details.join(", ")})` : "";
        return `${where}: left out: ${SKIP_WORDS[run.reason]}${details}`;
      }
    }
  });
  if (runs.length > max) lines.push(`… ${runs.length - max} more (see \`drill import --dry-run\`)`);
  return lines;
}

function columns(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => textWidth(r[i] ?? ""))));
  return rows.map((cells) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - textWidth(cell)),
      )
      .join("  ")
      .trimEnd(),
  );
}

function wrap(text: string, width: number): string[] {
  const indent = /^ */.exec(text)?.[0] ?? "";
  const out: string[] = [];
  let line = "";
  for (const word of text.trim().replace(/\s+/g, " ").split(" ")) {
    if (line !== "" && textWidth(line) + 1 + textWidth(word) > width) {
      out.push(line);
      line = `${indent}  ${word}`;
    } else line = line === "" ? `${indent}${word}` : `${line} ${word}`;
  }
  if (line !== "") out.push(line);
  return out;
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "");
}
