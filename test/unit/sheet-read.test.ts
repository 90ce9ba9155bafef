// Reading spreadsheets safely: a zip bomb is refused from its directory, or stopped while
// inflating when the directory lies; a CSV's encoding is decided over the whole file and a
// bad byte reported where it is; more rows than the limit is a clear error.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { IMPORT_LIMITS } from "../../src/sheet/limits.js";
import { EMPTY_MAPPING } from "../../src/sheet/mapping.js";
import { mselToPlan } from "../../src/sheet/msel-to-plan.js";
import { loadWorkbook, readWorkbook } from "../../src/sheet/read.js";
import { fileSource } from "../../src/sheet/source.js";
import { BIG_MSEL_GROUPS, bigMselRow, writeBigMsel } from "../helpers/big-msel.js";
import { tempDir } from "../helpers/cli.js";
import { rejection } from "../helpers/errors.js";

const dir = tempDir("drill-read-");
afterAll(() => dir.remove());

const failure = (attempt: Promise<unknown>) => rejection(attempt, InputError);

/**
 * An xlsx of about 2 MB whose shared strings inflate to 80 MiB: 80,000 strings of a kilobyte,
 * each a run of one letter, which deflate packs to almost nothing.
 */
async function sharedStringsBomb(path: string): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = book.addWorksheet("MSEL");
  sheet.addRow(["No", "Time", "Title"]).commit();
  for (let i = 0; i < 80_000; i++) sheet.addRow([i, "T+0", `${"A".repeat(1024)}${i}`]).commit();
  sheet.commit();
  await book.commit();
}

describe("a zip bomb", () => {
  const bomb = join(dir.path, "bomb.xlsx");

  it("is refused from the sizes its zip directory declares, before anything is inflated", async () => {
    await sharedStringsBomb(bomb);
    const size = readFileSync(bomb).length;
    expect(size).toBeLessThan(3 * 1024 * 1024);
    const error = await failure(readWorkbook(fileSource(bomb), "bomb.xlsx"));
    expect(error.message).toMatch(
      /^the workbook is too large to read safely: its zip directory says "xl\/sharedStrings\.xml" inflates to 8\d MiB \(the limit is 64 MiB\)$/,
    );
    expect(error.describe()).toMatch(/^bomb\.xlsx: error: .*\n {2}hint: .*zip bomb/);
  });

  it("is stopped while inflating when the directory understates a part", async () => {
    // The central directory entry of xl/sharedStrings.xml: its uncompressed size says 1 KiB.
    const bytes = Buffer.from(readFileSync(bomb));
    const name = Buffer.from("xl/sharedStrings.xml");
    let at = bytes.lastIndexOf(name);
    while (at >= 0 && bytes.readUInt32LE(at - 46) !== 0x02014b50)
      at = bytes.lastIndexOf(name, at - 1);
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt32LE(1024, at - 46 + 24);
    const lying = join(dir.path, "lying.xlsx");
    writeFileSync(lying, bytes);
    const error = await failure(readWorkbook(fileSource(lying), "lying.xlsx"));
    expect(error.message).toBe(
      'the workbook is too large to read safely: the part "xl/sharedStrings.xml" inflates beyond the 1 KiB its zip directory declares',
    );
  });
});

describe("the encoding of a CSV", () => {
  const header = "序号,时间,事件,接收单位\n";
  const row = (n: number) => `${n},00:${String(n).padStart(2, "0")},第${n}次会商,指挥调度组\n`;

  it("is UTF-8 when the whole file is", async () => {
    const book = await readWorkbook(Buffer.from(header + row(1) + row(2)), "ok.csv");
    expect(book.notes).toEqual([]);
    expect(book.sheets[0]?.rows[2]).toEqual(["2", "00:02", "第2次会商", "指挥调度组"]);
  });

  it("is GB18030 when the file is GB18030 and not UTF-8", async () => {
    // "序号,时间,事件\n1,00:30,演练开始\n" in GBK, as Chinese Excel saves CSV.
    const gbk = Buffer.from(
      "d0f2bac52ccab1bce42ccac2bcfe0a312c30303a33302cd1ddc1b7bfaacabc0a",
      "hex",
    );
    const book = await readWorkbook(gbk, "gbk.csv");
    expect(book.notes).toEqual([
      "the CSV is not UTF-8: read as GB18030 (Chinese Windows encoding)",
    ]);
    expect(book.sheets[0]?.rows[1]).toEqual(["1", "00:30", "演练开始"]);
  });

  it("is UTF-8 with a bad byte, reported by row and column, when one byte spoils a UTF-8 file", async () => {
    // Row 4, column C: the first byte of 第 (e7 ac ac) replaced by 0xff.
    const good = Buffer.from(header + row(1) + row(2) + row(3) + row(4));
    const bad = Buffer.from(good);
    const third = good.indexOf(Buffer.from("第3次"));
    bad[third] = 0xff;
    // Read as GB18030 (the old guess), every Chinese cell would be garbled; it is refused instead.
    const error = await failure(readWorkbook(bad, "bad.csv"));
    expect(error.message).toBe(
      "row 4, column C: a byte that is not UTF-8 (the rest of the file is UTF-8)",
    );
    expect(error.location).toEqual({ file: "bad.csv", line: 4 });
  });
});

describe("the row limit", () => {
  it(`refuses a CSV of more than ${IMPORT_LIMITS.rows.toLocaleString("en")} filled rows, stopping there`, async () => {
    const lines = ["No,Time,Title,To"];
    for (let i = 0; i <= IMPORT_LIMITS.rows; i++) lines.push(`${i + 1},T+${i},Inject ${i + 1},HQ`);
    const error = await failure(readWorkbook(Buffer.from(lines.join("\n")), "huge.csv"));
    expect(error.message).toBe(
      "more than 100,000 filled rows: drill import reads at most 100,000 for a plan",
    );
    expect(error.hint).toBe(
      "split the MSEL into smaller files, or import one sheet at a time with --sheet",
    );
  });

  it("reads a sheet asked for whole, the others only far enough to rank them", async () => {
    const path = join(dir.path, "two.xlsx");
    const book = new ExcelJS.Workbook();
    const side = book.addWorksheet("Log");
    side.addRow(["No", "Time", "Title", "To"]);
    for (let i = 1; i <= 700; i++) side.addRow([i, `T+${i}`, `Log line ${i}`, "HQ"]);
    const msel = book.addWorksheet("MSEL");
    msel.addRow(["No", "Time", "Title", "To"]);
    for (let i = 1; i <= 3; i++) msel.addRow([i, `T+${i * 10}`, `Inject ${i}`, "HQ"]);
    await book.xlsx.writeFile(path);
    const read = await readWorkbook(fileSource(path), "two.xlsx", { sheets: ["MSEL"] });
    // The log sheet: its first 500 rows kept, all 701 counted.
    expect(read.sheets.map((s) => [s.name, s.rows.length, s.truncatedFrom])).toEqual([
      ["Log", 500, 701],
      ["MSEL", 4, undefined],
    ]);
    // Asked for nothing, the longer of two alike sheets is the MSEL: read again, whole.
    const loaded = await loadWorkbook(fileSource(path), "two.xlsx", EMPTY_MAPPING);
    expect(loaded.sheets.map((s) => [s.name, s.rows.length, s.truncatedFrom])).toEqual([
      ["Log", 701, undefined],
      ["MSEL", 4, undefined],
    ]);
    const { report } = mselToPlan(loaded, "two.xlsx", EMPTY_MAPPING);
    expect(report.sheet).toBe("Log");
    expect(report.injects).toBe(700);
  });
});

describe("a large workbook, read as a stream", () => {
  // 30,000 rows inflate to about 14 MiB: streamed, not loaded whole; more than the first
  // reading keeps (20,000 rows), so the sheet is read a second time, whole.
  it("imports 30,000 rows field by field", { timeout: 300_000 }, async () => {
    const path = join(dir.path, "large.xlsx");
    await writeBigMsel(path, 30_000);
    const book = await loadWorkbook(fileSource(path), "large.xlsx", EMPTY_MAPPING);
    expect(book.sheets.map((s) => [s.name, s.rows.length, s.truncatedFrom])).toEqual([
      ["MSEL", 30_001, undefined],
    ]);
    const { plan, report } = mselToPlan(book, "large.xlsx", EMPTY_MAPPING);
    expect(report.rows).toBe(30_000);
    expect(plan.injects).toHaveLength(30_000);
    expect(plan.groups.map((g) => g.name)).toEqual(BIG_MSEL_GROUPS);
    expect(plan.clock.start).toBe("2026-03-02T08:00");
    for (const i of [0, 1, 12_345, 29_999]) {
      const row = bigMselRow(i);
      const inject = plan.injects[i];
      // A quarter-hour apart from T+0.
      expect(inject).toMatchObject({
        id: String(row.number),
        atMinutes: i * 15,
        title: row.title,
        message: row.message,
      });
      expect(inject?.to).toEqual([plan.groups.find((g) => g.name === row.to)?.id]);
      expect(inject?.expects.map((e) => [e.action, e.withinMinutes])).toEqual([
        [row.action, 15 + (i % 4) * 15],
      ]);
    }
    expect(report.rowRuns).toEqual([
      { sheet: "MSEL", from: 1, to: 1, fate: "skipped", reason: "header", details: [] },
      { sheet: "MSEL", from: 2, to: 30_001, fate: "inject", first: "1", last: "30000" },
    ]);
  });
});
