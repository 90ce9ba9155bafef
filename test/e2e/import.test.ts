import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/load.js";
import { sheetsToXlsx } from "../../src/sheet/write.js";
import { writeBigMsel } from "../helpers/big-msel.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";
import { samplesDir } from "../helpers/samples.js";

const FIXTURES = join(ROOT, "test/fixtures/msel");
const SAMPLES = samplesDir();

describe("drill import", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir("drill-import-");
  });
  afterEach(() => dir.remove());

  it("writes a plan that validates, and says what it mapped", async () => {
    const out = join(dir.path, "plan.yaml");
    const result = await drill(["import", join(FIXTURES, "pooled-positive.zh.csv"), "-o", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "4 of 4 row(s) → 4 inject(s), 4 expected action(s), 5 group(s), 2 objective(s)",
    );
    expect(result.stderr).toContain(`wrote ${out}`);
    const yaml = readFileSync(out, "utf8");
    expect(yaml).toMatch(/^# Imported by `drill import` from pooled-positive\.zh\.csv/);
    expect(yaml).toContain("Kept under each inject's `notes`: 联系人.");
    const validated = await drill(["validate", out]);
    expect(validated.code).toBe(0);
    expect(parsePlan(yaml, out).plan?.injects).toHaveLength(4);
  });

  it("prints the plan on standard output without -o", async () => {
    const result = await drill(["import", join(FIXTURES, "multi-day.xlsx")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^# Imported by `drill import` from multi-day\.xlsx, sheet "MSEL", header on row 1\./,
    );
    expect(parsePlan(result.stdout, "stdout").plan?.title).toBe(
      "Coastal storm functional exercise",
    );
  });

  it("--dry-run prints the column mapping and writes nothing", async () => {
    const out = join(dir.path, "plan.yaml");
    const result = await drill([
      "import",
      join(FIXTURES, "header-row3.csv"),
      "--dry-run",
      "-o",
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sheet "header-row3" (header on row 3; 6 row(s) below it)');
    expect(result.stdout).toMatch(
      /F\s+Responsible\s+to\s+exact\s+Flood HQ · Evacuation, Shelters · Rescue/,
    );
    expect(result.stdout).toContain("row 11: left out: status (Omitted)");
    expect(existsSync(out)).toBe(false);
  });

  it("--dry-run ranks the sheets, says how sure each column is, lists merges and every row", async () => {
    const result = await drill(["import", join(FIXTURES, "variants.xlsx"), "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 12)).toEqual([
      `${join(FIXTURES, "variants.xlsx")}: sheet "MSEL" (header on row 1; 8 row(s) below it)`,
      "",
      "col  header           field      sure   sample values",
      "A    No               id         exact  1 · 2 · 3",
      "B    Time             time       exact  08:00 · 08:10 · 08:20",
      "C    Title            title      exact  JOC activates · Fuel request · Fuel delivery",
      "D    To               to         exact  JOC · J4 · J-4",
      "E    Expected Action  action     exact  Open the log · Source 2,000 gallons · Confirm the delivery",
      "F    Action By        action-by  exact  JOC · J4 · J-4",
      "",
      "would make 8 inject(s), 10 expected action(s), 3 group(s), 0 objective(s)",
      'assumed: time: clock — column "Time" read as times of day: T+0 is the earliest (08:00); use `time: offset` in --map to read them as offsets',
    ]);
    expect(result.stdout).toContain(
      '  j4 "J4" ← "J-4", "JOC J4" (same up to case and punctuation; "JOC" read as a prefix)\n',
    );
    expect(result.stdout).toContain("  rows 2–9: injects 1 … 8, one a row\n");
    const ranked = await drill(["import", join(FIXTURES, "scratch-sheet.xlsx"), "--dry-run"]);
    expect(ranked.stdout).toMatch(
      /sheets, by how MSEL-like they are \(of 100\):\n {5}Instructions +0 +2 row\(s\) +no time or inject column\n {5}Examples +47 .*its name says it is a side sheet\n {2}\* +MSEL +93 /,
    );
  });

  it("leaves out rows by status unless --keep-status, and says so in the plan's heading", async () => {
    const out = join(dir.path, "plan.yaml");
    const result = await drill(["import", join(FIXTURES, "status.xlsx"), "-o", out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "3 of 14 row(s) → 3 inject(s), 3 expected action(s), 2 group(s), 0 objective(s); 6 of 7 filled column(s) mapped to plan fields; left out: 5 for their status, 1 header repeated, 5 below the table.",
    );
    const yaml = readFileSync(out, "utf8");
    expect(yaml).toContain("#   rows 7–9: left out: status (Deferred, Cancelled, 取消)\n");
    expect(parsePlan(yaml, out).plan?.injects.map((i) => i.id)).toEqual(["1", "3", "8"]);
    const kept = await drill(["import", join(FIXTURES, "status.xlsx"), "--keep-status"]);
    expect(parsePlan(kept.stdout, "stdout").plan?.injects).toHaveLength(8);
  });

  it("merges sheets named with --sheet, or all of them with --sheets all", async () => {
    const two = await drill([
      "import",
      join(FIXTURES, "per-day.xlsx"),
      "--sheet",
      "Day 2",
      "--sheet",
      "Day 3",
    ]);
    expect(two.code).toBe(0);
    expect(parsePlan(two.stdout, "stdout").plan?.injects.map((i) => [i.id, i.atMinutes])).toEqual([
      ["2.1", 0],
      ["2.2", 210],
      ["3.1", 1470],
    ]);
    expect(two.stdout).toMatch(
      /^# Imported by `drill import` from per-day\.xlsx, sheets "Day 2", "Day 3"\./,
    );
    const all = await drill(["import", join(FIXTURES, "per-day.xlsx"), "--sheets", "all"]);
    expect(parsePlan(all.stdout, "stdout").plan?.injects).toHaveLength(6);
    const wrong = await drill(["import", join(FIXTURES, "per-day.xlsx"), "--sheets", "some"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('error: --sheets takes `all`, not "some"');
  });

  it("says to quote a sheet name that # cut short in a mapping file", async () => {
    const book = join(dir.path, "iterations.xlsx");
    const rows = [
      ["No", "Time", "Title", "To"],
      [1, "T+0", "Start", "HQ"],
    ];
    writeFileSync(
      book,
      await sheetsToXlsx([{ name: "Iteration #1", rows, headerRows: [0], merges: [], widths: [] }]),
    );
    const unquoted = join(dir.path, "unquoted.yaml");
    writeFileSync(unquoted, "sheet: Iteration #1\n");
    const cut = await drill(["import", book, "--map", unquoted]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toBe(
      `${book}: error: no sheet named "Iteration"\n  hint: in a mapping file, quote a name with # in it: sheet: "Iteration #1" (# starts a YAML comment)\n`,
    );
    const quoted = join(dir.path, "quoted.yaml");
    writeFileSync(quoted, 'sheet: "Iteration #1"\n');
    expect((await drill(["import", book, "--map", quoted])).code).toBe(0);
  });

  // Writing and reading 200,000 rows takes tens of seconds on a busy machine: a long time-out.
  it("refuses a 200,000-row sheet with a clear error, in bounded memory", {
    timeout: 600_000,
  }, async () => {
    const big = join(dir.path, "big.xlsx");
    await writeBigMsel(big, 200_000);
    // V8's old space capped well below what holding 200,000 rows would take.
    const result = await drill(["import", big, "--dry-run"], {
      env: { NODE_OPTIONS: "--max-old-space-size=160" },
    });
    expect(result.stderr).toBe(
      `${big}: error: more than 100,000 filled rows: drill import reads at most 100,000 for a plan\n  hint: split the MSEL into smaller files, or import one sheet at a time with --sheet\n`,
    );
    expect(result.code).toBe(1);
  });

  it("keeps an existing plan unless --force", async () => {
    const out = join(dir.path, "plan.yaml");
    writeFileSync(out, "mine\n");
    const refused = await drill(["import", join(FIXTURES, "header-row3.csv"), "-o", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`error: ${out} already exists`);
    expect(readFileSync(out, "utf8")).toBe("mine\n");
    const forced = await drill(["import", join(FIXTURES, "header-row3.csv"), "-o", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("title: Harbour Flood Exercise 2025");
  });

  it.skipIf(SAMPLES === undefined)(
    "uses a column mapping for a sheet without a header row",
    async () => {
      const sample = join(SAMPLES as string, "openbas-xls-import/test_file_3.xlsx");
      const result = await drill(["import", sample, "--map", join(FIXTURES, "openbas.map.yaml")]);
      expect(result.code).toBe(0);
      const plan = parsePlan(result.stdout, "stdout").plan;
      // No group "unassigned": the inject that names no team has no `to`.
      expect(plan?.groups.map((g) => g.id)).toEqual(["team2", "team1"]);
      expect(plan?.injects.filter((i) => i.to.length === 0).map((i) => i.title)).toEqual([
        "subject",
      ]);
    },
  );

  it("warns on standard error of a time cell that is not a time, naming the cell", async () => {
    const times = ["T+0", "T+10", "T+20", "T+30", "T+40", "soon"];
    const rows = [
      ["No", "Title", "Time", "To", "Expected action"],
      ...times.map((time, i) => [i + 1, `Inject ${i + 1}`, time, "HQ", `Act ${i + 1}`]),
    ];
    const msel = join(dir.path, "msel.xlsx");
    writeFileSync(
      msel,
      await sheetsToXlsx([{ name: "Sheet1", rows, headerRows: [0], merges: [], widths: [] }]),
    );
    const out = join(dir.path, "plan.yaml");
    const result = await drill(["import", msel, "-o", out]);
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n").slice(0, 2)).toEqual([
      `${msel}:Sheet1!C7: warning: "soon" is not a time; the row takes the previous row's time (T+00:40)`,
      "  hint: fix the cell (a time such as T+30, 09:30 or 1h30m), or, if column C does not hold times, map it to another field with --map (e.g. `columns: {C: notes}`)",
    ]);
    const yaml = readFileSync(out, "utf8");
    expect(yaml).toContain("# Check: 1 inject(s) without a time take the time of the row above.");
    expect(parsePlan(yaml, out).plan?.injects.map((i) => i.atMinutes)).toEqual([
      0, 10, 20, 30, 40, 40,
    ]);
  });

  it("refuses a file that is not a spreadsheet", async () => {
    const fake = join(dir.path, "msel.xlsx");
    writeFileSync(fake, Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex"));
    const result = await drill(["import", fake]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${fake}: error: not a spreadsheet: the file is neither an .xlsx workbook nor CSV text\n  hint: drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)\n`,
    );
  });

  it("names the columns it found when it recognises none", async () => {
    const result = await drill(["import", join(FIXTURES, "no-columns.csv")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('found: "Name", "Colour", "Size"');
    expect(result.stderr).toContain("hint: name the columns with --map mapping.yaml");
  });

  it("says so when the file does not exist", async () => {
    const result = await drill(["import", join(dir.path, "nope.csv")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: spreadsheet not found:");
  });
});
