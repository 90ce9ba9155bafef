// The rectification ledger's rules on literal drills: items raised, kept open, overdue,
// verified when their finding is gone, reopened when it comes back; edits and the sheet.

import { describe, expect, it } from "vitest";
import { applyDrill } from "../../src/ledger/apply.js";
import { aboutOf } from "../../src/ledger/drill.js";
import { changeProblem, editItem } from "../../src/ledger/edit.js";
import { ledgerToYaml, parseLedger } from "../../src/ledger/format.js";
import {
  type DrillFinding,
  emptyLedger,
  type Ledger,
  type LedgerDrill,
} from "../../src/ledger/model.js";
import { importLedgerSheet, ledgerRows } from "../../src/ledger/sheet.js";
import { ledgerStatus } from "../../src/ledger/status.js";
import type { Sheet } from "../../src/sheet/cells.js";
import { neutraliseFormula, restoreFormula } from "../../src/sheet/formula.js";

const finding = (key: string, owner?: string): DrillFinding => ({
  key,
  kind: key.startsWith("missed:") ? "expectation-missed" : "blocker",
  issue: `issue of ${key}`,
  action: `fix ${key}`,
  poete: "plan",
  ...(owner ? { owner, ownerName: `${owner} group` } : {}),
  about: aboutOf(key),
});

const drill = (
  n: number,
  keys: string[],
  options: { partial?: boolean; exercised?: string[] } = {},
): LedgerDrill => ({
  lang: "en",
  ref: {
    file: `drill-${n}.jsonl`,
    startedAt: `2026-01-0${n}T09:00:00.000Z`,
    date: `2026-01-0${n}`,
  },
  partial: options.partial ?? false,
  exercised: new Set(options.exercised ?? ["E1", "E2", "E3", "tracing"]),
  findings: keys.map((k) => finding(k, "tracing")),
});

function applyAll(ledger: Ledger, drills: LedgerDrill[]): Ledger {
  return drills.reduce((l, d) => applyDrill(l, d).ledger, ledger);
}

describe("applyDrill", () => {
  it("raises one item per finding, in rank order, ids R1, R2…", () => {
    const { ledger, outcome } = applyDrill(
      emptyLedger(),
      drill(1, ["missed:E1", "blocker:supplies"]),
    );
    expect(ledger.items.map((i) => [i.id, i.finding, i.status])).toEqual([
      ["R1", "missed:E1", "open"],
      ["R2", "blocker:supplies", "open"],
    ]);
    expect(outcome.added).toEqual(["R1", "R2"]);
    expect(ledger.items[0]?.about).toEqual(["E1"]);
    expect(ledger.items[1]?.about).toBeUndefined();
    expect(ledger.drills.map((d) => d.file)).toEqual(["drill-1.jsonl"]);
  });

  it("never adds a second item for a key already in the ledger", () => {
    const ledger = applyAll(emptyLedger(), [
      drill(1, ["missed:E1"]),
      drill(2, ["missed:E1", "missed:E2"]),
    ]);
    expect(ledger.items.map((i) => i.id)).toEqual(["R1", "R2"]);
    expect(ledger.items[0]?.lastSeen).toBe("drill-2.jsonl");
  });

  it("verifies an item whose finding is gone, with the drill as evidence", () => {
    const first = applyDrill(emptyLedger(), drill(1, ["missed:E1", "missed:E2"])).ledger;
    const { ledger, outcome } = applyDrill(first, drill(2, ["missed:E2"]));
    expect(outcome.verified).toEqual(["R1"]);
    expect(outcome.open).toEqual(["R2"]);
    const r1 = ledger.items[0];
    expect(r1?.status).toBe("verified");
    expect(r1?.verifiedBy).toBe("drill-2.jsonl");
    expect(r1?.history.at(-1)).toEqual({
      at: "2026-01-02T09:00:00.000Z",
      status: "verified",
      drill: "drill-2.jsonl",
      by: "drill",
      note: "the finding is gone",
    });
  });

  it("reopens a verified or done-claimed item whose finding recurs", () => {
    let ledger = applyAll(emptyLedger(), [
      drill(1, ["missed:E1", "missed:E2"]),
      drill(2, ["missed:E2"]),
    ]);
    ledger = editItem(
      ledger,
      "R2",
      { status: "done-claimed" },
      { at: "2026-01-02T12:00:00.000Z", by: "edit" },
    ).ledger;
    const { ledger: after, outcome } = applyDrill(ledger, drill(3, ["missed:E1", "missed:E2"]));
    expect(outcome.reopened).toEqual(["R1", "R2"]);
    expect(after.items.map((i) => i.status)).toEqual(["reopened", "reopened"]);
    expect(after.items[0]?.verifiedBy).toBeUndefined();
    expect(after.items[0]?.history.map((h) => h.status)).toEqual(["open", "verified", "reopened"]);
    expect(after.items[1]?.history.map((h) => h.status)).toEqual([
      "open",
      "done-claimed",
      "reopened",
    ]);
  });

  it("keeps an item open and overdue once the drill's day is past its due date", () => {
    let ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1", "missed:E2"])).ledger;
    const at = { at: "2026-01-01T12:00:00.000Z", by: "edit" as const };
    ledger = editItem(ledger, "R1", { due: "2026-01-02" }, at).ledger;
    ledger = editItem(ledger, "R2", { due: "2026-01-03" }, at).ledger;
    // Drill 3 is on 2026-01-03: R1 (due the 2nd) is overdue, R2 (due the 3rd) is not yet.
    const { outcome } = applyDrill(ledger, drill(3, ["missed:E1", "missed:E2"]));
    expect(outcome.open).toEqual(["R1", "R2"]);
    expect(outcome.overdue).toEqual(["R1"]);
  });

  it("proves nothing from a partial drill, nor from one where the part never fell due", () => {
    const first = applyDrill(emptyLedger(), drill(1, ["missed:E1", "missed:E3"])).ledger;
    const partial = applyDrill(first, drill(2, [], { partial: true }));
    expect(partial.outcome.verified).toEqual([]);
    expect(partial.ledger.items.map((i) => i.status)).toEqual(["open", "open"]);
    const notDue = applyDrill(partial.ledger, drill(3, [], { exercised: ["E3"] }));
    expect(notDue.outcome.notExercised).toEqual(["R1"]);
    expect(notDue.outcome.verified).toEqual(["R2"]);
  });

  it("leaves a dropped item dropped, and notes its finding recurring", () => {
    let ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1"])).ledger;
    ledger = editItem(
      ledger,
      "R1",
      { status: "dropped", reason: "accepted risk" },
      { at: "2026-01-01T12:00:00.000Z", by: "edit" },
    ).ledger;
    const { ledger: after, outcome } = applyDrill(ledger, drill(2, ["missed:E1"]));
    expect(outcome.droppedRecurring).toEqual(["R1"]);
    expect(after.items[0]?.status).toBe("dropped");
    expect(after.items).toHaveLength(1);
  });

  it("leaves the ledger it is given as it was", () => {
    const first = applyAll(emptyLedger(), [
      drill(1, ["missed:E1", "missed:E2"]),
      drill(2, ["missed:E2"]),
    ]);
    const before = structuredClone(first);
    applyDrill(first, drill(3, ["missed:E1", "missed:E3"]));
    expect(first).toEqual(before);
  });

  it("skips a drill applied already or older than the latest", () => {
    const first = applyAll(emptyLedger(), [drill(1, ["missed:E1"]), drill(3, [])]);
    expect(applyDrill(first, drill(3, [])).outcome.skipped).toBe("already-applied");
    expect(applyDrill(first, drill(2, [])).outcome.skipped).toBe("older");
    expect(applyDrill(first, drill(2, [])).ledger).toBe(first);
  });
});

describe("aboutOf", () => {
  it("names the plan parts of a key by ids", () => {
    expect(aboutOf("missed:E14")).toEqual(["E14"]);
    expect(aboutOf("own-delay:tracing")).toEqual(["tracing"]);
    expect(aboutOf("role-confusion:testing@I3")).toEqual(["testing", "I3"]);
    expect(aboutOf("inject-unanswered:I2")).toEqual(["I2"]);
    expect(aboutOf("blocker:supplies")).toEqual([]);
  });
});

describe("edits", () => {
  const ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1"])).ledger;
  const item = ledger.items[0] as Ledger["items"][number];

  it("refuses verified by hand, dropped without reason, and a due date that is no date", () => {
    expect(changeProblem(item, { status: "verified" })).toMatch(/only a drill/);
    expect(changeProblem(item, { status: "dropped" })).toMatch(/with a reason/);
    expect(changeProblem(item, { due: "2026-02-30" })).toMatch(/YYYY-MM-DD/);
    expect(changeProblem(item, { status: "in-progress", due: "2026-02-28" })).toBeUndefined();
  });

  it("keeps each change in the history, and leaves the ledger as it was when nothing changes", () => {
    const at = { at: "2026-01-01T12:00:00.000Z", by: "edit" as const };
    const edited = editItem(
      ledger,
      "R1",
      { status: "in-progress", person: "Li Wei", due: "2026-01-20", owner: "tracing group" },
      at,
    );
    expect(edited.changed).toBe(true);
    expect(edited.ledger.items[0]).toMatchObject({
      status: "in-progress",
      person: "Li Wei",
      due: "2026-01-20",
      owner: "tracing",
      ownerName: "tracing group",
    });
    expect(edited.ledger.items[0]?.history.at(-1)).toEqual({
      ...at,
      status: "in-progress",
      note: "person: Li Wei; due: 2026-01-20",
    });
    const again = editItem(edited.ledger, "R1", { status: "in-progress", person: "Li Wei" }, at);
    expect(again.changed).toBe(false);
    expect(again.ledger).toBe(edited.ledger);
  });
});

describe("status", () => {
  it("groups open items by owner, lists overdue, verified by drill and claimed", () => {
    let ledger = applyAll(emptyLedger(), [
      drill(1, ["missed:E1", "missed:E2", "missed:E3"]),
      drill(2, ["missed:E2", "missed:E3"]),
    ]);
    const at = { at: "2026-01-02T12:00:00.000Z", by: "edit" as const };
    ledger = editItem(ledger, "R2", { due: "2026-01-05" }, at).ledger;
    ledger = editItem(ledger, "R3", { status: "done-claimed" }, at).ledger;
    const view = ledgerStatus(ledger, "2026-01-06");
    expect(view.openByOwner.map((g) => [g.owner, g.items.map((i) => i.id)])).toEqual([
      ["tracing", ["R2"]],
    ]);
    expect(view.overdue.map((i) => i.id)).toEqual(["R2"]);
    expect(view.verified).toEqual([{ drill: "drill-2.jsonl", items: [ledger.items[0]] }]);
    expect(view.claimed.map((i) => i.id)).toEqual(["R3"]);
    expect(view.counts).toMatchObject({ open: 1, verified: 1, "done-claimed": 1 });
    // The day before the due date passes, nothing is overdue.
    expect(ledgerStatus(ledger, "2026-01-05").overdue).toEqual([]);
  });
});

describe("the ledger file", () => {
  it("reads back what it writes, byte for byte, hostile text included", () => {
    let ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1"])).ledger;
    ledger = editItem(
      ledger,
      "R1",
      { action: '=HYPERLINK("http://x")\n# not a heading: "quoted"', person: "  padded  " },
      { at: "2026-01-01T12:00:00.000Z", by: "edit" },
    ).ledger;
    const text = ledgerToYaml(ledger);
    expect(parseLedger(text, "ledger.yaml")).toEqual(ledger);
    expect(ledgerToYaml(parseLedger(text, "ledger.yaml"))).toBe(text);
  });

  it("names the line of a bad field", () => {
    const text = ledgerToYaml(applyDrill(emptyLedger(), drill(1, ["missed:E1"])).ledger).replace(
      "status: open\n    about",
      "status: maybe\n    about",
    );
    const line = text.split("\n").findIndex((l) => l.includes("status: maybe")) + 1;
    expect(() => parseLedger(text, "ledger.yaml")).toThrow(/items\.0\.status/);
    try {
      parseLedger(text, "ledger.yaml");
    } catch (error) {
      expect((error as { location?: { line?: number } }).location?.line).toBe(line);
    }
  });
});

describe("the office form", () => {
  const at = { at: "2026-01-03T08:00:00.000Z", by: "import" as const };
  /** What a writer then a reader does to a cell: neutralise, then restore. */
  const throughSheet = (rows: (string | number | null)[][]): Sheet => ({
    name: "整改台账",
    rows: rows.map((r) =>
      r.map((v) =>
        typeof v === "string" ? (v === "" ? null : restoreFormula(neutraliseFormula(v))) : v,
      ),
    ),
  });

  it("comes back unchanged, formula-looking text included", () => {
    let ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1", "missed:E2"])).ledger;
    ledger = editItem(
      ledger,
      "R1",
      { action: "=1+1", person: "@王", due: "2026-01-09" },
      at,
    ).ledger;
    const imported = importLedgerSheet(ledger, throughSheet(ledgerRows(ledger)), "form.xlsx", at);
    expect(imported.changed).toEqual([]);
    expect(imported.unchanged).toEqual(["R1", "R2"]);
    expect(imported.ledger).toBe(ledger);
  });

  it("takes the office's edits, statuses in the form's words, and new rows", () => {
    const ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1"])).ledger;
    const rows = ledgerRows(ledger);
    const header = rows[0] as string[];
    const row = [...(rows[1] as (string | null)[])];
    row[header.indexOf("责任人")] = "李明";
    row[header.indexOf("整改状态")] = "整改中";
    row[header.indexOf("要素")] = "培训";
    row[header.indexOf("能力")] = "流调溯源";
    const extra = ["", "新问题", "新措施", "", "", "2026-02-01", "", "", "", ""];
    const imported = importLedgerSheet(ledger, throughSheet([header, row, extra]), "form.csv", at);
    expect(imported.changed).toEqual(["R1"]);
    expect(imported.added).toEqual(["R2"]);
    expect(imported.ledger.items[0]).toMatchObject({
      person: "李明",
      status: "in-progress",
      poete: "training",
      capability: "流调溯源",
    });
    expect(imported.ledger.items[0]?.history.at(-1)?.note).toBe(
      "person: 李明; capability: 流调溯源; poete: training",
    );
    expect(imported.ledger.items[1]).toMatchObject({
      id: "R2",
      finding: "manual:R2",
      issue: "新问题",
      due: "2026-02-01",
      status: "open",
    });
  });

  it("refuses 已销号 typed in by hand, naming the cell", () => {
    const ledger = applyDrill(emptyLedger(), drill(1, ["missed:E1"])).ledger;
    const rows = ledgerRows(ledger);
    const row = [...(rows[1] as (string | null)[])];
    row[6] = "已销号";
    expect(() =>
      importLedgerSheet(ledger, throughSheet([rows[0] as string[], row]), "form.xlsx", at),
    ).toThrow(/only a drill/);
  });
});
