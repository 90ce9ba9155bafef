// What `drill import` tells the planner: the column mapping (`--dry-run`), the comment
// block at the top of the plan it writes, and a one-line summary on standard error.

import stringWidth from "string-width";
import type { CellWarning, ImportReport } from "./msel-to-plan.js";

/** `--dry-run`: the sheet, the header row, and each column → field with sample values. */
export function renderMapping(report: ImportReport): string {
  const lines: string[] = [];
  const where =
    report.headerRow === undefined ? "no header row" : `header on row ${report.headerRow}`;
  lines.push(`${report.file}: sheet "${report.sheet}" (${where}; ${report.rows} row(s) below it)`);
  if (report.otherSheets.length > 0)
    lines.push(`other sheets: ${report.otherSheets.map((s) => `"${s}"`).join(", ")}`);
  lines.push("");
  const rows = report.columns.map((c) => [
    c.letter,
    c.header,
    c.skipped
      ? "(skipped)"
      : c.field
        ? `${c.field}${c.by === "map" ? " (map)" : c.by === "content" ? " (guessed)" : ""}`
        : "→ notes",
    c.samples.join(" · "),
  ]);
  const head = ["col", "header", "field", "sample values"];
  const widths = head.map((h, i) =>
    Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ""))),
  );
  const pad = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - stringWidth(cell)),
      )
      .join("  ")
      .trimEnd();
  lines.push(pad(head));
  for (const row of rows) lines.push(pad(row));
  lines.push("");
  lines.push(
    `would make ${report.injects} inject(s), ${report.expectations} expected action(s), ${report.groups} group(s), ${report.objectives} objective(s)`,
  );
  for (const warning of report.warnings) lines.push(`note: ${warning}`);
  return `${lines.join("\n")}\n`;
}

/** The comment block that heads an imported plan: where it came from and what to check. */
export function renderImportComment(report: ImportReport): string {
  const lines = [
    `Imported by \`drill import\` from ${baseName(report.file)}, sheet "${report.sheet}"${report.headerRow === undefined ? " (no header row)" : `, header on row ${report.headerRow}`}.`,
    coverageLine(report),
  ];
  if (report.keptAsNotes.length > 0)
    lines.push(`Kept under each inject's \`notes\`: ${report.keptAsNotes.join(", ")}.`);
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
  const where = report.format === "csv" ? cell : `${sheetReference(report.sheet)}!${cell}`;
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
  return `${report.rowsUsed} of ${report.rows} row(s) → ${report.injects} inject(s), ${report.expectations} expected action(s), ${report.groups} group(s), ${report.objectives} objective(s); ${mapped} of ${filled} filled column(s) mapped to plan fields.`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.replace(/\s+/g, " ").split(" ")) {
    if (line !== "" && stringWidth(line) + 1 + stringWidth(word) > width) {
      out.push(line);
      line = `  ${word}`;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") out.push(line);
  return out;
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "");
}
