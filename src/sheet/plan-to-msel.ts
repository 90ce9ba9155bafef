// A plan as a MSEL for printing and sharing, laid out so that `drill import` reads it back
// into the same plan: the exercise's key/value rows on top, then one row per expected
// action with the inject's columns repeated (merged down in xlsx, so a printed inject
// reads as one row), then the groups and objectives tables (own sheets in xlsx, sections
// below the injects in CSV). Pure.

import type { Group, Plan } from "../core/plan.js";
import { clockText, durationText } from "../plan/serialize.js";
import { EXPORT_HEADINGS } from "./vocabulary.js";

export type OutCell = string | number | null;

export interface OutSheet {
  name: string;
  rows: OutCell[][];
  /** 0-based rows of table headers (bold, and the first one frozen in xlsx). */
  headerRows: number[];
  /** Cells merged down a column: [firstRow, lastRow, column], 0-based. */
  merges: [number, number, number][];
  /** Column widths in characters. */
  widths: number[];
}

/** Inject columns, merged down over the inject's expected actions. */
const INJECT_COLUMNS = 8;

export function planToMsel(plan: Plan, layout: "workbook" | "single-sheet"): OutSheet[] {
  const h = EXPORT_HEADINGS[plan.lang];
  const rows: OutCell[][] = [];
  rows.push([h["plan-title"], plan.title]);
  rows.push([h.scenario, plan.scenario]);
  if (plan.version !== undefined) rows.push([h.version, plan.version]);
  rows.push([h.lang, plan.lang]);
  rows.push([h.speed, plan.clock.speed]);
  if (plan.clock.start !== undefined) rows.push([h.start, plan.clock.start]);
  rows.push([]);

  const header = rows.length;
  rows.push([
    h.id,
    h.time,
    h.phase,
    h.title,
    h.message,
    h.to,
    h.condition,
    h.notes,
    h["expectation-id"],
    h["action-by"],
    h.action,
    h.within,
    h.after,
    h.objective,
    h.critical,
  ]);
  const groupRef = groupReferences(plan.groups);
  const merges: OutSheet["merges"] = [];
  for (const inject of plan.injects) {
    const injectCells: OutCell[] = [
      inject.id,
      clockText(inject.atMinutes),
      inject.phase ?? null,
      inject.title,
      inject.message,
      inject.to.map((g) => groupRef.get(g) ?? g).join("\n"),
      inject.when ? `${inject.when.expectation} ${inject.when.status.join(" or ")}` : null,
      inject.notes ?? null,
    ];
    const first = rows.length;
    if (inject.expects.length === 0) rows.push(injectCells);
    for (const e of inject.expects) {
      rows.push([
        ...injectCells,
        e.id,
        groupRef.get(e.group) ?? e.group,
        e.action,
        durationText(e.withinMinutes),
        e.after.length > 0 ? e.after.join(", ") : null,
        e.objective ?? null,
        e.critical ? h.yes : null,
      ]);
    }
    if (rows.length - first > 1) {
      for (let col = 0; col < INJECT_COLUMNS; col++) merges.push([first, rows.length - 1, col]);
    }
  }

  // Aliases only when a group has them: older readers of the export see the same table.
  const aliases = plan.groups.some((g) => (g.aliases ?? []).length > 0);
  const groupRows: OutCell[][] = [
    [
      h["group-id"],
      h.group,
      h.lead,
      h.members,
      h.responsibilities,
      h.capacity,
      ...(aliases ? [h.aliases] : []),
    ],
    ...plan.groups.map((g) => [
      g.id,
      g.name,
      g.lead ?? null,
      g.members.join("\n") || null,
      g.responsibilities.join("\n") || null,
      g.capacity ?? null,
      ...(aliases ? [(g.aliases ?? []).join("\n") || null] : []),
    ]),
  ];
  const objectiveRows: OutCell[][] = [
    [h["objective-id"], h["objective-title"], h.capability],
    ...plan.objectives.map((o) => [o.id, o.title, o.capability ?? null]),
  ];

  const mselWidths = [10, 10, 12, 28, 48, 16, 16, 24, 10, 16, 40, 8, 10, 10, 8];
  if (layout === "single-sheet") {
    const groupsAt = rows.length + 1;
    rows.push([], ...groupRows);
    const objectivesAt = rows.length + 1;
    if (plan.objectives.length > 0) rows.push([], ...objectiveRows);
    const headerRows =
      plan.objectives.length > 0 ? [header, groupsAt, objectivesAt] : [header, groupsAt];
    return [{ name: "MSEL", rows, headerRows, merges: [], widths: mselWidths }];
  }
  const sheets: OutSheet[] = [
    { name: "MSEL", rows, headerRows: [header], merges, widths: mselWidths },
    {
      name: h.groupsSheet,
      rows: groupRows,
      headerRows: [0],
      merges: [],
      widths: [12, 24, 24, 32, 48, 10],
    },
  ];
  if (plan.objectives.length > 0)
    sheets.push({
      name: h.objectivesSheet,
      rows: objectiveRows,
      headerRows: [0],
      merges: [],
      widths: [12, 60, 28],
    });
  return sheets;
}

/**
 * Groups are named in the MSEL by name, which reads better than an id; by id where the
 * name would not find the group again (two groups of one name, a name that is another's id).
 */
function groupReferences(groups: Group[]): Map<string, string> {
  const refs = new Map<string, string>();
  const ids = new Set(groups.map((g) => g.id.toLowerCase()));
  const key = (name: string) => name.replace(/\s+/g, " ").trim().toLowerCase();
  const names = groups.map((g) => key(g.name));
  for (const g of groups) {
    const name = key(g.name);
    const unique = names.filter((n) => n === name).length === 1;
    const clashes = ids.has(name) && name !== g.id.toLowerCase();
    const readable = g.name.trim() !== "" && !g.name.includes("\n");
    refs.set(g.id, unique && !clashes && readable ? g.name : g.id);
  }
  return refs;
}
