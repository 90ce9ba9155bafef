// The office form's round trip through the real writers and readers (exceljs, csv-stringify,
// csv-parse): whatever the item texts — formula characters, quotes, line breaks, Chinese,
// leading apostrophes, padding — a sheet exported and imported again changes nothing.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editItem } from "../../src/ledger/edit.js";
import { emptyLedger, type Ledger, type LedgerItem } from "../../src/ledger/model.js";
import { importLedgerSheet, ledgerRows, ledgerSheet } from "../../src/ledger/sheet.js";
import { readWorkbook } from "../../src/sheet/read.js";
import { sheetsToXlsx, sheetToCsv } from "../../src/sheet/write.js";
import { cleanText } from "../../src/text.js";

const context = { at: "2026-01-03T08:00:00.000Z", by: "import" as const };

/**
 * Text as the ledger holds it — cleaned as it comes in (src/text.ts) — with formula-looking
 * starts, quotes, delimiters and line breaks. Without U+FFFD: the CSV reader takes it for a
 * byte that was not UTF-8 (src/sheet/read-csv.ts).
 */
const text = fc
  .oneof(
    fc.string({
      unit: fc.constantFrom(
        "=",
        "+",
        "-",
        "@",
        "'",
        "\t",
        '"',
        ",",
        ";",
        "\n",
        " ",
        "a",
        "流",
        "调",
        "|",
        "1",
      ),
    }),
    fc.string({ unit: "grapheme" }),
  )
  .map((s) => cleanText(s).replace(/\uFFFD/g, ""));

const itemOf = (
  i: number,
  t: { issue: string; action: string; person: string; reason: string },
): LedgerItem => ({
  id: `R${i + 1}`,
  finding: `missed:E${i + 1}`,
  issue: t.issue,
  action: t.action,
  ...(t.action !== "" ? { capability: t.action } : {}),
  poete: "training",
  ...(t.person !== "" ? { person: t.person } : {}),
  due: "2026-02-01",
  status: t.reason.trim() !== "" ? "dropped" : "in-progress",
  ...(t.reason.trim() !== "" ? { reason: t.reason } : {}),
  history: [{ at: "2026-01-01T00:00:00.000Z", status: "open", by: "edit" }],
});

const ledgers = fc
  .array(fc.record({ issue: text, action: text, person: text, reason: text }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((rows): Ledger => ({ ...emptyLedger(), items: rows.map((t, i) => itemOf(i, t)) }));

async function through(ledger: Ledger, format: "xlsx" | "csv"): Promise<Ledger> {
  const bytes =
    format === "xlsx"
      ? await sheetsToXlsx([ledgerSheet(ledger)])
      : new TextEncoder().encode(await sheetToCsv(ledgerRows(ledger)));
  const book = await readWorkbook(bytes, `form.${format}`, { sheets: "all" });
  const sheet = book.sheets[0];
  if (!sheet) throw new Error("no sheet");
  const imported = importLedgerSheet(ledger, sheet, `form.${format}`, context);
  expect(imported.changed).toEqual([]);
  expect(imported.added).toEqual([]);
  return imported.ledger;
}

describe("the office form's round trip", () => {
  for (const format of ["xlsx", "csv"] as const) {
    it(`leaves the ledger as it was through ${format}`, async () => {
      await fc.assert(
        fc.asyncProperty(ledgers, async (ledger) => {
          expect(await through(ledger, format)).toBe(ledger);
        }),
        { numRuns: format === "xlsx" ? 40 : 150 },
      );
    }, 60_000);
  }

  it("keeps no control character to lose: texts are cleaned as they come in", async () => {
    const base: Ledger = {
      ...emptyLedger(),
      items: [itemOf(0, { issue: "", action: "", person: "", reason: "" })],
    };
    const typed = "a\u0007b\u001b[31mc\u0000d\u202ee\nf";
    const edited = editItem(base, "R1", { issue: typed, person: typed }, context).ledger;
    expect(edited.items[0]).toMatchObject({ issue: "ab" + "cd" + "e\nf", person: "abcde\nf" });
    for (const format of ["xlsx", "csv"] as const)
      expect(await through(edited, format)).toBe(edited);
  });

  it("brings an edit back as an edit", async () => {
    const base: Ledger = {
      ...emptyLedger(),
      items: [itemOf(0, { issue: "=1+1", action: "'@x", person: "", reason: "" })],
    };
    const edited = editItem(base, "R1", { person: "-王芳" }, context).ledger;
    const bytes = new TextEncoder().encode(await sheetToCsv(ledgerRows(edited)));
    const sheet = (await readWorkbook(bytes, "form.csv")).sheets[0];
    if (!sheet) throw new Error("no sheet");
    const imported = importLedgerSheet(base, sheet, "form.csv", context);
    expect(imported.changed).toEqual(["R1"]);
    expect(imported.ledger.items[0]).toMatchObject({
      issue: "=1+1",
      action: "'@x",
      person: "-王芳",
    });
  });
});
