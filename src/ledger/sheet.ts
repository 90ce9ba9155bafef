// The ledger as the form offices pass around (问题、整改措施、责任单位、责任人、完成时限、
// 整改状态), and that form read back into the ledger. The sheet carries each item's id and
// finding key, so what comes back is matched to its item; a sheet exported and imported
// again without edits leaves the ledger byte for byte as it was. Text is written as text:
// formula characters are neutralised on the way out and restored on the way in by the
// sheet writers and readers (src/sheet/formula.ts). Pure.

import type { SourceLocation } from "../errors.js";
import { InputError } from "../errors.js";
import { reviewMessages } from "../review/messages.js";
import type { Poete } from "../review/model.js";
import type { CellValue, Sheet } from "../sheet/cells.js";
import { columnLetter } from "../sheet/cells.js";
import type { OutCell, OutSheet } from "../sheet/plan-to-msel.js";
import { nextItemId } from "./apply.js";
import {
  changeProblem,
  type EditContext,
  editItem,
  type ItemChanges,
  isLedgerStatus,
} from "./edit.js";
import { STATUS_ZH } from "./messages.js";
import type { Ledger, LedgerItem, LedgerStatus } from "./model.js";

/** The form's columns, in order; the last two are the ledger's own (matched on import). */
export const SHEET_COLUMNS = [
  "序号",
  "问题",
  "整改措施",
  "责任单位",
  "责任人",
  "完成时限",
  "整改状态",
  "说明",
  "能力",
  "要素",
  "发现编号",
  "验证演练",
] as const;

type Column = (typeof SHEET_COLUMNS)[number];

const WIDTHS = [8, 48, 48, 16, 12, 12, 14, 24, 20, 8, 24, 28];

function sortedItems(ledger: Ledger): LedgerItem[] {
  return [...ledger.items].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

export function ledgerRows(ledger: Ledger): OutCell[][] {
  return [
    [...SHEET_COLUMNS],
    ...sortedItems(ledger).map((item) => [
      item.id,
      item.issue,
      item.action,
      item.ownerName ?? item.owner ?? "",
      item.person ?? "",
      item.due ?? "",
      STATUS_ZH[item.status],
      item.reason ?? "",
      item.capability ?? "",
      item.poete !== undefined ? POETE_ZH[item.poete] : "",
      item.finding,
      item.verifiedBy ?? "",
    ]),
  ];
}

export function ledgerSheet(ledger: Ledger): OutSheet {
  return {
    name: "整改台账",
    rows: ledgerRows(ledger),
    headerRows: [0],
    merges: [],
    widths: WIDTHS,
  };
}

const STATUS_OF = new Map<string, LedgerStatus>(
  (Object.entries(STATUS_ZH) as [LedgerStatus, string][]).map(([status, word]) => [word, status]),
);

/** The POETE elements in the form's words, as the review's improvement plan writes them. */
const POETE_ZH = reviewMessages.zh.poete;
const POETE_OF = new Map<string, Poete>(
  (Object.entries(POETE_ZH) as [Poete, string][]).flatMap(([poete, word]) => [
    [word, poete],
    [poete, poete],
  ]),
);

function statusOf(text: string): LedgerStatus | undefined {
  const trimmed = text.trim();
  return STATUS_OF.get(trimmed) ?? (isLedgerStatus(trimmed) ? trimmed : undefined);
}

/** A cell's text exactly as written (texts keep their spaces); a date typed as one, as YYYY-MM-DD. */
function raw(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export interface SheetImport {
  ledger: Ledger;
  changed: string[];
  added: string[];
  unchanged: string[];
}

/** The ledger with the sheet's rows applied: items matched by 序号, rows without one added. */
export function importLedgerSheet(
  ledger: Ledger,
  sheet: Sheet,
  file: string,
  context: EditContext,
): SheetImport {
  const headerRow = sheet.rows.findIndex((row) =>
    ["序号", "问题"].every((name) => row.some((v) => raw(v).trim() === name)),
  );
  const where = (row: number, col?: number): SourceLocation => ({
    file,
    line: row + 1,
    ...(col !== undefined ? { col: col + 1 } : {}),
  });
  if (headerRow < 0)
    throw new InputError("no ledger header row: the sheet needs the columns 序号 and 问题", {
      location: { file },
      hint: `the columns are ${SHEET_COLUMNS.join("、")}; drill ledger export writes the form`,
    });
  const header = sheet.rows[headerRow] ?? [];
  const at = new Map<Column, number>();
  header.forEach((v, c) => {
    const name = raw(v).trim() as Column;
    if ((SHEET_COLUMNS as readonly string[]).includes(name) && !at.has(name)) at.set(name, c);
  });
  const result: SheetImport = { ledger, changed: [], added: [], unchanged: [] };
  const fail = (message: string, r: number, column: Column, hint: string) =>
    new InputError(message, {
      location: where(r, at.get(column)),
      hint: `${hint} (cell ${columnLetter(at.get(column) ?? 0)}${r + 1})`,
    });
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const get = (column: Column): string | undefined => {
      const c = at.get(column);
      return c === undefined ? undefined : raw(row[c]);
    };
    if (row.every((v) => raw(v).trim() === "")) continue;
    const statusText = get("整改状态");
    const status =
      statusText === undefined || statusText.trim() === "" ? undefined : statusOf(statusText);
    if (statusText !== undefined && statusText.trim() !== "" && status === undefined)
      throw fail(
        `unknown 整改状态 ${JSON.stringify(statusText)}`,
        r,
        "整改状态",
        `write one of ${Object.values(STATUS_ZH).join("、")}`,
      );
    const changes: ItemChanges = {};
    const put = (field: keyof ItemChanges, column: Column, trim = false) => {
      const value = get(column);
      if (value !== undefined)
        (changes as Record<string, string>)[field] = trim ? value.trim() : value;
    };
    put("issue", "问题");
    put("action", "整改措施");
    put("owner", "责任单位");
    put("person", "责任人");
    put("due", "完成时限", true);
    put("reason", "说明");
    if (status !== undefined) changes.status = status;
    put("capability", "能力");
    const poeteText = (get("要素") ?? "").trim();
    if (poeteText !== "") {
      const poete = POETE_OF.get(poeteText);
      if (poete === undefined)
        throw fail(
          `unknown 要素 ${JSON.stringify(poeteText)}`,
          r,
          "要素",
          `write one of ${Object.values(POETE_ZH).join("、")}`,
        );
      changes.poete = poete;
    }

    const id = (get("序号") ?? "").trim();
    let item = result.ledger.items.find((i) => i.id === id);
    if (!item) {
      if (id !== "" && !/^R\d+$/.test(id))
        throw fail(
          `序号 ${JSON.stringify(id)} is no ledger id`,
          r,
          "序号",
          "leave 序号 empty for a new item, or write an id like R12",
        );
      const finding = (get("发现编号") ?? "").trim();
      if (finding !== "" && result.ledger.items.some((i) => i.finding === finding))
        throw fail(
          `the finding ${finding} has an item already`,
          r,
          "发现编号",
          "one item per finding: edit that item's row",
        );
      const newId = id !== "" ? id : nextItemId(result.ledger.items);
      const fresh: LedgerItem = {
        id: newId,
        finding: finding !== "" ? finding : `manual:${newId}`,
        issue: changes.issue ?? "",
        action: changes.action ?? "",
        status: "open",
        history: [{ at: context.at, status: "open", by: context.by, note: "added in the sheet" }],
      };
      result.ledger = { ...result.ledger, items: [...result.ledger.items, fresh] };
      item = fresh;
      result.added.push(newId);
    }
    const problem = changeProblem(item, changes);
    if (problem) {
      const column = problem.startsWith("due")
        ? "完成时限"
        : problem.includes("reason")
          ? "说明"
          : "整改状态";
      throw fail(problem, r, column, "fix the row and import it again");
    }
    const edited = editItem(result.ledger, item.id, changes, context);
    result.ledger = edited.ledger;
    if (result.added.includes(item.id)) continue;
    (edited.changed ? result.changed : result.unchanged).push(item.id);
  }
  return result;
}
