// The `--map` file: a small YAML file that overrides the importer's guesses for a
// spreadsheet it cannot read on its own (no header row, odd column names). Format in
// README ("Importing a MSEL"):
//
//   sheet: CHECKLIST        # which sheet (default: the one that looks like a MSEL)
//   header: none            # header row number, or `none` when the sheet has none
//   columns:                # header text or column letter → field (or notes, skip)
//     C: time
//     D: to
//   time: offset            # read hh:mm as offsets from T+0, or `clock` (times of day)
//   within: 1h              # time target where the sheet gives none (default 1h)

import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { parseMinutes } from "../core/scenario-time.js";
import { InputError, type Problem } from "../errors.js";
import { MSEL_FIELDS, type MselField, type TimeReading } from "./vocabulary.js";

export interface ColumnRule {
  /** Header text or column letter. */
  column: string;
  field: MselField | "skip";
}

export interface ColumnMapping {
  sheet?: string;
  header?: number | "none";
  columns: ColumnRule[];
  time?: TimeReading;
  /** Default time target, minutes. */
  within?: number;
}

export const EMPTY_MAPPING: ColumnMapping = { columns: [] };

const KEYS = ["sheet", "header", "columns", "time", "within"];

export function parseMapping(source: string, file: string): ColumnMapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const problems: Problem[] = [];
  const at = (node: YamlNode | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  const fail = (node: YamlNode | null | undefined, message: string, hint?: string) =>
    problems.push({ severity: "error", location: at(node), message, ...(hint ? { hint } : {}) });

  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push({
      severity: "error",
      location: { file, line: pos.line, col: pos.col },
      message: error.message.split("\n")[0] ?? "YAML error",
    });
  }
  const mapping: ColumnMapping = { columns: [] };
  const root = doc.contents;
  if (problems.length === 0 && !isMap(root)) {
    fail(root, "a column mapping is a YAML mapping", "see `drill import --help` and the README");
  }
  if (problems.length === 0 && isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const value = pair.value as YamlNode | null;
      const scalar = isScalar(value) ? value.value : undefined;
      if (!KEYS.includes(key)) {
        fail(pair.key as YamlNode, `unknown key \`${key}\``, `keys: ${KEYS.join(", ")}`);
      } else if (key === "sheet") {
        if (typeof scalar === "string" || typeof scalar === "number")
          mapping.sheet = String(scalar);
        else fail(value, "`sheet` is a sheet name");
      } else if (key === "header") {
        if (scalar === "none" || scalar === false) mapping.header = "none";
        else if (typeof scalar === "number" && Number.isInteger(scalar) && scalar >= 1)
          mapping.header = scalar;
        else fail(value, "`header` is a row number (1 = first row) or `none`");
      } else if (key === "time") {
        if (scalar === "offset" || scalar === "clock") mapping.time = scalar;
        else
          fail(
            value,
            "`time` is `offset` (01:30 = T+1h30) or `clock` (times of day; T+0 = the earliest)",
          );
      } else if (key === "within") {
        const minutes =
          typeof scalar === "number" || typeof scalar === "string"
            ? parseMinutes(scalar)
            : undefined;
        if (minutes !== undefined && minutes > 0) mapping.within = minutes;
        else fail(value, "`within` is a duration such as 30m, 2h or 1小时");
      } else if (key === "columns") {
        if (!isMap(value)) {
          fail(value, "`columns` maps a header text or column letter to a field");
          continue;
        }
        for (const rule of value.items) {
          const column = isScalar(rule.key) ? String(rule.key.value) : "";
          const field = isScalar(rule.value) ? String(rule.value.value) : "";
          if (column === "")
            fail(rule.key as YamlNode, "a column is named by its header text or letter");
          else if (field !== "skip" && !MSEL_FIELDS.includes(field as MselField))
            fail(
              (rule.value ?? rule.key) as YamlNode,
              `unknown field \`${field}\` for column \`${column}\``,
              `fields: ${[...MSEL_FIELDS, "skip"].join(", ")}`,
            );
          else mapping.columns.push({ column, field: field as MselField | "skip" });
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new InputError(`${file}: the column mapping has ${problems.length} problem(s)`, {
      problems,
    });
  }
  return mapping;
}
