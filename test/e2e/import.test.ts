import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/load.js";
import { sheetsToXlsx } from "../../src/sheet/write.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

const FIXTURES = join(ROOT, "test/fixtures/msel");

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
      /F\s+Responsible\s+to\s+Flood HQ · Evacuation, Shelters · Rescue/,
    );
    expect(existsSync(out)).toBe(false);
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

  it("uses a column mapping for a sheet without a header row", async () => {
    const sample = join(ROOT, "../shared/samples/openbas-xls-import/test_file_3.xlsx");
    if (!existsSync(sample)) return;
    const result = await drill(["import", sample, "--map", join(FIXTURES, "openbas.map.yaml")]);
    expect(result.code).toBe(0);
    const plan = parsePlan(result.stdout, "stdout").plan;
    expect(plan?.groups.map((g) => g.id)).toEqual(["team2", "team1", "unassigned"]);
  });

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
