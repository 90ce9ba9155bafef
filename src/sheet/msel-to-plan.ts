// A MSEL workbook as a plan: the sheets that hold it (sheet-choice.ts), each laid out
// (layout.ts) and read row by row (rows.ts), the groups merged (groups.ts), the times
// resolved (time-resolve.ts), the injects built (injects.ts), and the report of what was
// read and assumed (report-model.ts). Pure: a workbook in, a plan and its report out.

import type { Lang, Plan } from "../core/plan.js";
import { InputError } from "../errors.js";
import { cellText, type Workbook } from "./cells.js";
import { GroupResolver } from "./groups.js";
import { buildInjects, ObjectiveResolver } from "./injects.js";
import { findSideTables, type MselLayout, readMeta, type SideTables } from "./layout.js";
import type { ColumnMapping } from "./mapping.js";
import { columnReports, type ImportReport, rankReports, rowRuns } from "./report-model.js";
import { readSheetRows, type SheetRows, type SkipReason } from "./rows.js";
import { chooseSheets, dayOffsets } from "./sheet-choice.js";
import { resolveTimes, type SheetTiming } from "./time-resolve.js";
import type { PlanKey } from "./vocabulary.js";

export { slug } from "./groups.js";
export { DEFAULT_WITHIN_MINUTES, parseCondition } from "./injects.js";
export type { CellWarning, ColumnReport, ImportReport } from "./report-model.js";

/** Clock speed of an imported plan (scenario minutes per real minute) unless the sheet says. */
export const DEFAULT_SPEED = 1;

export interface ImportOptions {
  /** Keep rows whose status says Omitted, Deleted, Cancelled… (default: leave them out). */
  keepStatus?: boolean;
}

export interface ImportResult {
  plan: Plan;
  report: ImportReport;
}

export function mselToPlan(
  book: Workbook,
  file: string,
  mapping: ColumnMapping,
  options: ImportOptions = {},
): ImportResult {
  const sides = findSideTables(book);
  const choice = chooseSheets(book, mapping, sides);
  if (!choice.ok) {
    if (choice.reason === "no-sheet") {
      // `sheet: Iteration #1` in YAML is "Iteration": # starts a comment.
      const cut = choice.sheets.find(
        (s) => choice.missing !== "" && s.startsWith(`${choice.missing} #`),
      );
      throw new InputError(`no sheet named "${choice.missing}"`, {
        location: { file },
        hint: cut
          ? `in a mapping file, quote a name with # in it: sheet: "${cut}" (# starts a YAML comment)`
          : `sheets: ${choice.sheets.map((s) => `"${s}"`).join(", ") || "(none)"}`,
      });
    }
    const { failure } = choice;
    const list =
      failure.found.length > 0 ? failure.found.map((h) => `"${h}"`).join(", ") : "(no header row)";
    throw new InputError(
      `sheet "${failure.sheet}" has no recognisable time or inject column; found: ${list}`,
      {
        location: { file },
        hint: "name the columns with --map mapping.yaml (e.g. `columns: {C: time, D: to, E: title}`)",
      },
    );
  }
  const layouts = choice.chosen.map((r) => r.layout as MselLayout);
  const offsets = dayOffsets(choice.chosen);
  const perSheet = layouts.map((l) =>
    readSheetRows(l, { keepStatus: options.keepStatus === true }),
  );
  const raws = perSheet.flatMap((p) => p.raws);
  const meta = readMeta(book, layouts);
  const metaText = (key: PlanKey) => {
    const value = meta[key];
    if (value instanceof Date) return value.toISOString();
    return cellText(value ?? null);
  };
  const lang = detectLang(metaText("lang"), raws);

  const groups = new GroupResolver(sides.groups, mapping.groups, lang);
  for (const raw of raws) {
    groups.note(raw.to);
    for (const e of raw.expectations) {
      groups.note(e.actionBy);
      groups.note(e.to);
    }
  }
  groups.settle();
  const standIn = groups.standIn();
  const objectives = new ObjectiveResolver(objectiveRows(sides));
  const timing: SheetTiming[] = layouts.map((l) => ({
    name: l.sheet.name,
    columns: {
      ...columnOf(l, "time"),
      ...columnOf(l, "day"),
      ...columnOf(l, "datetime"),
    },
    dayOffset: offsets.get(l.sheet.name) ?? 0,
  }));
  const times = resolveTimes(raws, timing);
  const built = buildInjects(raws, times.minutes, groups, objectives, {
    ...(mapping.within === undefined ? {} : { within: mapping.within }),
    hasActionBy: layouts.some((l) => l.columns.some((c) => c.field === "action-by")),
  });

  const plan: Plan = {
    title: metaText("title") || layouts[0]?.banners[0] || baseName(file).replace(/\.[^.]+$/, ""),
    scenario:
      metaText("scenario") ||
      (lang === "zh"
        ? `由 ${baseName(file)} 导入的演练情景。`
        : `Imported from ${baseName(file)}.`),
    lang,
    clock: { speed: speed(meta.speed) },
    groups: groups.groups(),
    objectives: objectives.objectives(),
    injects: built.injects,
  };
  const version = metaText("version");
  if (version) plan.version = version;
  const start = metaText("start") || times.start;
  if (start) plan.clock.start = start;

  const notes = layouts.flatMap((l) =>
    l.notes.map((n) => (layouts.length > 1 ? `sheet "${l.sheet.name}": ${n}` : n)),
  );
  const headerless = layouts.filter((l) => l.headerRow === undefined);
  for (const l of headerless) {
    const guessed = l.columns
      .filter((c) => c.by === "content")
      .map((c) => `${c.header} → ${c.field}`);
    notes.unshift(
      `no header row: columns guessed from their cells (${guessed.join(", ") || "none"}); name the others with --map`,
    );
  }
  const fates = perSheet.flatMap((p) => p.fates);
  const runs = rowRuns(fates, built.ids);
  const skipped: Partial<Record<SkipReason, number>> = {};
  let merged = 0;
  let used = 0;
  for (const f of fates) {
    if (f.fate === "skipped") skipped[f.reason] = (skipped[f.reason] ?? 0) + 1;
    else {
      used++;
      if (f.fate === "merged") merged++;
    }
  }
  const statusRuns = runs.filter((r) => r.fate === "skipped" && r.reason === "status");
  const warnings = [
    ...notes,
    ...book.notes,
    ...headingNote(perSheet),
    ...times.warnings,
    ...built.warnings,
  ];
  if (standIn)
    warnings.push(
      `the sheet names no group: one, "${standIn}", stands for the participants (name the recipients' column with --map, e.g. \`columns: {D: to}\`)`,
    );
  if (statusRuns.length > 0 && !options.keepStatus)
    warnings.push(
      `${skipped.status} row(s) left out for their status (${[...new Set(statusRuns.flatMap((r) => (r.fate === "skipped" ? r.details : [])))].join(", ")}): pass --keep-status to keep them`,
    );
  const first = layouts[0] as MselLayout;
  const sheetReports = layouts.map((l) => ({
    name: l.sheet.name,
    ...(l.headerRow === undefined ? {} : { headerRow: l.headerRow + 1 }),
    columns: columnReports(l),
    dayOffset: offsets.get(l.sheet.name) ?? 0,
  }));
  const keptAsNotes = [
    ...new Set(
      layouts.flatMap((l) =>
        l.columns
          .filter(
            (c) =>
              !c.skip &&
              (c.field === undefined ||
                c.field === "from" ||
                c.field === "status" ||
                c.standsInFor) &&
              c.header !== "" &&
              hasValues(l, c.index),
          )
          .map((c) => c.header),
      ),
    ),
  ];
  const report: ImportReport = {
    file,
    format: book.format,
    sheet: layouts.map((l) => l.sheet.name).join(", "),
    ...(first.headerRow === undefined ? {} : { headerRow: first.headerRow + 1 }),
    otherSheets: book.sheets.filter((s) => !layouts.some((l) => l.sheet === s)).map((s) => s.name),
    sheets: sheetReports,
    ranking: rankReports(choice.ranking),
    columns: sheetReports[0]?.columns ?? [],
    rows: perSheet.reduce((n, p) => n + p.filled, 0),
    rowsUsed: used,
    injects: plan.injects.length,
    expectations: plan.injects.reduce((n, i) => n + i.expects.length, 0),
    groups: plan.groups.length,
    objectives: plan.objectives.length,
    keptAsNotes,
    warnings,
    assumptions: times.assumptions,
    groupMerges: groups.merges(),
    rowRuns: runs,
    skipped,
    merged,
    cellWarnings: times.cellWarnings,
  };
  return { plan, report };
}

function columnOf(layout: MselLayout, field: "time" | "day" | "datetime") {
  const column = layout.columns.find((c) => c.field === field && !c.skip);
  return column ? { [field]: column } : {};
}

function hasValues(layout: MselLayout, index: number): boolean {
  const end = Math.min(layout.bodyEnd, layout.bodyStart + 2_000);
  for (let r = layout.bodyStart; r < end; r++)
    if (cellText(layout.sheet.rows[r]?.[index]) !== "") return true;
  return false;
}

function headingNote(perSheet: readonly SheetRows[]): string[] {
  const count = perSheet.reduce((n, p) => n + p.headings, 0);
  if (count === 0) return [];
  const examples = perSheet
    .flatMap((p) => p.fates)
    .flatMap((f) => (f.fate === "heading" ? [`row ${f.row} "${f.text}"`] : []))
    .slice(0, 3);
  return [
    `${count} single-cell row(s) read as section headings and used as the phase of the rows below: ${examples.join(", ")}${count > 3 ? ", ..." : ""}`,
  ];
}

function objectiveRows(sides: SideTables): { id: string; title: string; capability: string }[] {
  const table = sides.objectives;
  if (!table) return [];
  return table.rows.map(({ values }) => {
    const get = (key: "objective-id" | "title" | "capability") => {
      const index = table.columns.get(key);
      return index === undefined ? "" : cellText(values[index]);
    };
    return { id: get("objective-id"), title: get("title"), capability: get("capability") };
  });
}

function speed(value: unknown): number {
  const n = typeof value === "number" ? value : Number(cellText((value ?? null) as never));
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SPEED;
}

/** Chinese when the sheet says so, or when its texts are (a Chinese word in English text is not). */
function detectLang(
  said: string,
  raws: readonly { title: string; message: string; to: string }[],
): Lang {
  const s = said.toLowerCase();
  if (s.startsWith("zh") || s === "中文") return "zh";
  if (s.startsWith("en") || s === "英文") return "en";
  const sample = raws
    .slice(0, 50)
    .map((r) => `${r.title} ${r.message} ${r.to}`)
    .join(" ");
  const han = sample.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0;
  // A Chinese character is a word; an English word is five letters or so.
  return han > 0 && han * 5 >= latin ? "zh" : "en";
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "");
}
