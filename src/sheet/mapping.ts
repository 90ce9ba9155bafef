// The `--map` file: a small YAML file that overrides the importer's guesses for a
// spreadsheet it cannot read on its own (no header row, odd column names). Format in
// README ("Importing a MSEL"):
//
//   sheet: "Iteration #1"   # which sheet (a list, or `sheets: all`, merges several)
//   header: none            # header row number, or `none` when the sheet has none
//   columns:                # header text or column letter → field (or notes, skip)
//     C: time
//     D: to
//   time: offset            # read hh:mm as offsets from T+0, or `clock` (times of day)
//   within: 1h              # time target where the sheet gives none (default 1h)
//   groups:                 # a group's name as the sheet writes it → the group id it means
//     J-4: j4               #   (undoes or makes a merge of spelling variants)

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { parseMinutes } from "../core/scenario-time.js";
import { InputError, type Problem } from "../errors.js";
import { isId } from "../plan/schema.js";
import { MSEL_FIELDS, type MselField, type TimeReading } from "./vocabulary.js";

export interface ColumnRule {
  /** Header text or column letter. */
  column: string;
  field: MselField | "skip";
}

export interface ColumnMapping {
  /** Sheets to read and merge into one plan, or all the visible sheets that hold a MSEL. */
  sheets?: string[] | "all";
  header?: number | "none";
  columns: ColumnRule[];
  time?: TimeReading;
  /** Default time target, minutes. */
  within?: number;
  /** A group's name as the sheet writes it → the id of the group it stands for. */
  groups: GroupRule[];
}

export interface GroupRule {
  name: string;
  id: string;
}

export const EMPTY_MAPPING: ColumnMapping = { columns: [], groups: [] };

const KEYS = ["sheet", "sheets", "header", "columns", "time", "within", "groups"];

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
  /** A mapping of names to names (`columns:`, `groups:`), its keys and values as text. */
  const scalarPairs = (value: YamlNode | null, notAMap: string) => {
    if (!isMap(value)) {
      fail(value, notAMap);
      return [];
    }
    return value.items.map((pair) => ({
      key: isScalar(pair.key) ? String(pair.key.value) : "",
      value: isScalar(pair.value) ? String(pair.value.value) : "",
      keyNode: pair.key as YamlNode,
      node: (pair.value ?? pair.key) as YamlNode,
    }));
  };

  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push({
      severity: "error",
      location: { file, line: pos.line, col: pos.col },
      message: error.message.split("\n")[0] ?? "YAML error",
    });
  }
  const mapping: ColumnMapping = { columns: [], groups: [] };
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
      } else if (key === "sheet" || key === "sheets") {
        const names = isSeq(value)
          ? value.items.map((item) => (isScalar(item) ? item.value : undefined))
          : [scalar];
        if (key === "sheets" && scalar === "all") mapping.sheets = "all";
        else if (
          names.length > 0 &&
          names.every((n) => typeof n === "string" || typeof n === "number")
        )
          mapping.sheets = names.map(String);
        else
          fail(
            value,
            "`sheet` is a sheet name, or a list of them; `sheets: all` reads every sheet",
            'quote a name with # or : in it, e.g. sheet: "Iteration #1"',
          );
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
      } else if (key === "groups") {
        for (const rule of scalarPairs(
          value,
          "`groups` maps a group name as the sheet writes it to a group id",
        )) {
          if (rule.key === "" || !isId(rule.value))
            fail(
              rule.node,
              `\`${rule.key}: ${rule.value}\` is not a group name and an id`,
              "an id is letters, digits, - and _, starting with a letter (e.g. `J-4: j4`)",
            );
          else mapping.groups.push({ name: rule.key, id: rule.value });
        }
      } else if (key === "columns") {
        for (const rule of scalarPairs(
          value,
          "`columns` maps a header text or column letter to a field",
        )) {
          if (rule.key === "") fail(rule.keyNode, "a column is named by its header text or letter");
          else if (rule.value !== "skip" && !MSEL_FIELDS.includes(rule.value as MselField))
            fail(
              rule.node,
              `unknown field \`${rule.value}\` for column \`${rule.key}\``,
              `fields: ${[...MSEL_FIELDS, "skip"].join(", ")}`,
            );
          else mapping.columns.push({ column: rule.key, field: rule.value as MselField | "skip" });
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
