// The rectification ledger over a series of generated drills with a plan revision half-way:
// items open, become overdue, are verified when their finding is gone and reopen when it
// returns, each checked against the findings the replay's own rows list per drill; the same
// ledger from one replay as from the reviews one by one; the office form's round trip; and
// hostile item text inert in markdown, xlsx and csv.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateLogs } from "../../scripts/gen-logs.js";
import { drill, tempDir } from "../helpers/cli.js";

interface Item {
  id: string;
  finding: string;
  status: string;
  person?: string;
  issue: string;
  action: string;
  owner?: string;
  verifiedBy?: string;
  history: { status: string; drill?: string; by: string }[];
}
interface LedgerFile {
  drills: { file: string; plan?: string }[];
  items: Item[];
}

const COUNT = 8;
let folder: ReturnType<typeof tempDir>;
/** Finding keys per drill, as the replay's drills.jsonl lists them. */
let keysOf: Set<string>[];
const env = { TZ: "UTC" };
const run = (args: string[]) => drill(args, { cwd: folder.path, env });
const read = (file: string): LedgerFile => parse(readFileSync(join(folder.path, file), "utf8"));
const log = (n: number) => join("a", `drill-${n}.jsonl`);

beforeAll(async () => {
  folder = tempDir("drill-ledger-");
  await generateLogs({
    count: COUNT,
    events: 300,
    out: join(folder.path, "a"),
    seed: 7,
    plan: "examples/pooled-positive.zh.yaml",
    start: "2026-01-05T09:00:00+08:00",
    everyDays: 7,
    revisions: 1,
  });
  const replayed = await run(["replay", "a", "-o", "out", "--format", "json", "-q"]);
  expect(replayed.code, replayed.stderr).toBe(0);
  keysOf = readFileSync(join(folder.path, "out/drills.jsonl"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => new Set(JSON.parse(line).findings.map((f: { key: string }) => f.key)));
}, 120_000);
afterAll(() => folder.remove());

describe("drill review --ledger, drill after drill", () => {
  it("opens, keeps overdue, verifies and reopens items as the drills show their findings", async () => {
    const first = await run(["review", log(1), "--ledger", "ledger.yaml", "-o", "r.md"]);
    expect(first.code, first.stderr).toBe(0);
    const raised = read("ledger.yaml").items;
    expect(raised.length).toBe(keysOf[0]?.size);
    expect(raised.every((i) => i.status === "open")).toBe(true);
    expect(first.stderr).toContain(`ledger.yaml：${log(1)}：新增 ${raised.length} 项`);

    // One item still there in drill 2 gets a due date before it; one claimed done recurs.
    const recurring = raised.filter((i) => keysOf[1]?.has(i.finding));
    const [late, claimed] = recurring;
    if (!late || !claimed) throw new Error("the seed should give two findings in drills 1 and 2");
    for (const args of [
      ["ledger", "set", late.id, "--due", "2026-01-08", "--person", "李明"],
      ["ledger", "set", claimed.id, "--status", "done-claimed"],
    ]) {
      const set = await run(args);
      expect(set.code, set.stderr).toBe(0);
    }
    const before = await run(["ledger", "status", "--format", "json", "--as-of", "2026-01-07"]);
    expect(JSON.parse(before.stdout).overdue).toEqual([]);

    for (let n = 2; n <= COUNT; n++) {
      const result = await run([
        "review",
        log(n),
        "--ledger",
        "ledger.yaml",
        "-o",
        "r.md",
        "--force",
      ]);
      expect(result.code, result.stderr).toBe(0);
      if (n === 2)
        expect(result.stderr).toMatch(new RegExp(`超期 \\d+ 项（[^）]*\\b${late.id}\\b`));
      const ledger = read("ledger.yaml");
      const keys = keysOf[n - 1] as Set<string>;
      // Whatever this drill verified is gone from its findings; what it reopened is in them.
      for (const item of ledger.items) {
        const last = item.history.at(-1);
        if (last?.drill !== log(n)) continue;
        if (last.status === "verified") expect(keys.has(item.finding), item.id).toBe(false);
        if (last.status === "reopened") expect(keys.has(item.finding), item.id).toBe(true);
        if (last.status === "open") expect(keys.has(item.finding), item.id).toBe(true);
      }
      if (n === 2) {
        const after = ledger.items.find((i) => i.id === claimed.id);
        expect(after?.status).toBe("reopened");
        expect(after?.history.map((h) => h.status)).toEqual(["open", "done-claimed", "reopened"]);
        const status = await run(["ledger", "status", "--format", "json", "--as-of", "2026-01-12"]);
        expect(JSON.parse(status.stdout).overdue).toContain(late.id);
      }
    }

    const ledger = read("ledger.yaml");
    // The plan was revised half-way; the ledger went on across the revision.
    expect(ledger.drills.map((d) => d.plan)).toEqual([
      ...Array(4).fill("2022-09 修订"),
      ...Array(4).fill("2022-09 修订（第 2 版）"),
    ]);
    // One key, one item, whatever happened to it.
    const findings = ledger.items.map((i) => i.finding);
    expect(new Set(findings).size).toBe(findings.length);
    expect(findings.sort()).toEqual([...new Set(keysOf.flatMap((k) => [...k]))].sort());
    // An item verified and then back: open → verified → reopened, each by a drill.
    const cycled = ledger.items.find(
      (i) => i.history.map((h) => h.status).join() === "open,verified,reopened",
    );
    expect(cycled, "an item verified and reopened").toBeDefined();
    // Verified after the revision, raised before it.
    expect(
      ledger.items.some(
        (i) =>
          i.status === "verified" &&
          Number(i.verifiedBy?.match(/drill-(\d)/)?.[1]) > 4 &&
          Number(i.history[0]?.drill?.match(/drill-(\d)/)?.[1]) <= 4,
      ),
    ).toBe(true);

    const table = await run(["ledger", "status", "--as-of", "2026-03-01"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/未完成：\S+组 \(\d+\)/);
    expect(table.stdout).toMatch(/经 a\/drill-\d\.jsonl 验证销号/);
    // Columns line up by display width: in every section the issue starts at the column of
    // the heading 问题, Chinese owner names (two columns a character) and all.
    const issues = new Map(ledger.items.map((i) => [i.id, i.issue]));
    let checked = 0;
    for (const section of table.stdout.split("\n\n")) {
      const [, header, ...rows] = section.split("\n");
      if (!header?.includes("问题")) continue;
      const column = stringWidth(header.slice(0, header.indexOf("问题")));
      for (const line of rows) {
        const issue = issues.get(line.trim().split(" ")[0] ?? "") ?? "";
        expect(stringWidth(line.slice(0, line.lastIndexOf(issue.slice(0, 5)))), line).toBe(column);
        checked++;
      }
    }
    expect(checked).toBe(ledger.items.length);

    // A terminal sequence typed into a field never reaches the file or the screen.
    const id = ledger.items[0]?.id as string;
    const typed = await run(["ledger", "set", id, "--person", "\u001b[2J\u001b]0;pwned\u0007李明"]);
    expect(typed.code, typed.stderr).toBe(0);
    expect(read("ledger.yaml").items[0]?.person).toBe("李明");
    const screen = await run(["ledger", "status", "--as-of", "2026-03-01"]);
    expect(screen.stdout).not.toContain("\u001b");
  }, 180_000);

  it("builds the same ledger in one replay as drill by drill", async () => {
    for (let n = 1; n <= COUNT; n++) {
      const result = await run([
        "review",
        log(n),
        "--ledger",
        "one-by-one.yaml",
        "-o",
        "r.md",
        "--force",
      ]);
      expect(result.code, result.stderr).toBe(0);
    }
    const replayed = await run(["replay", "a", "-o", "out2", "-q", "--ledger", "replayed.yaml"]);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(readFileSync(join(folder.path, "replayed.yaml"), "utf8")).toBe(
      readFileSync(join(folder.path, "one-by-one.yaml"), "utf8"),
    );
    // Applying a drill again changes nothing.
    const again = await run([
      "review",
      log(COUNT),
      "--ledger",
      "replayed.yaml",
      "-o",
      "r.md",
      "--force",
    ]);
    expect(again.stderr).toContain("已计入台账");
    // A log named as the ledger is refused, and left as it was.
    const bytes = readFileSync(join(folder.path, log(1)));
    const wrong = await run(["review", log(2), "--ledger", log(1), "-o", "r.md", "--force"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`${log(1)} is a drill log, not a ledger`);
    expect(readFileSync(join(folder.path, log(1)))).toEqual(bytes);
  }, 180_000);
});

describe("the office form", () => {
  // Run alone (-t), these build the ledger the tests above leave.
  beforeAll(async () => {
    if (existsSync(join(folder.path, "ledger.yaml"))) return;
    const replayed = await run(["replay", "a", "-o", "out3", "-q", "--ledger", "ledger.yaml"]);
    expect(replayed.code, replayed.stderr).toBe(0);
  }, 120_000);

  const hostile = {
    action: '=HYPERLINK("http://evil.example","click")',
    person: "@SUM(A1:A9)",
    owner: "+cmd|' /C calc'!A0",
    due: "2026-12-31",
  };

  it("round-trips exactly through xlsx and csv, and takes the office's edits", async () => {
    const ledger = "ledger.yaml";
    const original = readFileSync(join(folder.path, ledger), "utf8");
    for (const sheet of ["form.xlsx", "form.csv"]) {
      const exported = await run(["ledger", "export", sheet]);
      expect(exported.code, exported.stderr).toBe(0);
      const imported = await run(["ledger", "import", sheet]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/^更新 0 项，新增 0 项，无变化 \d+ 项/);
      expect(readFileSync(join(folder.path, ledger), "utf8")).toBe(original);
    }
    // The office fills in a person and a status in the csv.
    const rows: string[][] = parseCsv(readFileSync(join(folder.path, "form.csv")), { bom: true });
    const person = rows[0]?.indexOf("责任人") ?? -1;
    const status = rows[0]?.indexOf("整改状态") ?? -1;
    const row = rows[1] as string[];
    row[person] = "王芳";
    row[status] = "整改中";
    writeFileSync(join(folder.path, "edited.csv"), stringifyCsv(rows, { bom: true }));
    const edited = await run(["ledger", "import", "edited.csv"]);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toMatch(/^更新 1 项/);
    const item = read(ledger).items.find((i) => i.id === row[0]);
    expect(item).toMatchObject({ person: "王芳", status: "in-progress" });
    expect(item?.history.at(-1)).toMatchObject({ status: "in-progress", by: "import" });
  }, 60_000);

  it("keeps hostile text inert in md, xlsx and csv, and still exact on the way back", async () => {
    const id = read("ledger.yaml").items[0]?.id as string;
    const set = await run([
      "ledger",
      "set",
      id,
      "--action",
      hostile.action,
      "--person",
      hostile.person,
      "--owner",
      hostile.owner,
      "--due",
      hostile.due,
    ]);
    expect(set.code, set.stderr).toBe(0);
    const issueSet = await run(["ledger", "set", id, "--status", "in-progress"]);
    expect(issueSet.code).toBe(0);
    const saved = readFileSync(join(folder.path, "ledger.yaml"), "utf8");

    // Markdown: the owner's pipe does not open a cell, nothing becomes a link or markup.
    const md = await run(["ledger", "status", "--format", "md", "--as-of", "2026-03-01"]);
    expect(md.code, md.stderr).toBe(0);
    const row = md.stdout.split("\n").find((l) => l.startsWith(`| ${id} |`)) ?? "";
    expect(row).toContain("\\+cmd\\|' /C calc'!A0");
    expect(row.replace(/\\\|/g, "").split("|").length).toBe(9);
    expect(md.stdout).toContain("\\@SUM(A1:A9)");

    // xlsx: text cells starting with ', no formula anywhere.
    for (const file of ["hostile.xlsx", "hostile.csv"]) {
      const exported = await run(["ledger", "export", file]);
      expect(exported.code, exported.stderr).toBe(0);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder.path, "hostile.xlsx"));
    const texts: string[] = [];
    book.worksheets[0]?.eachRow((r) =>
      r.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        texts.push(String(cell.value));
      }),
    );
    expect(texts).toContain(`'${hostile.owner}`);
    expect(texts).toContain(`'${hostile.person}`);
    expect(texts.some((t) => /^[=+\-@]/.test(t))).toBe(false);

    // csv: no field starts with a formula character.
    const csv = readFileSync(join(folder.path, "hostile.csv"), "utf8");
    expect(csv).toContain(`"'${hostile.action.replace(/"/g, '""')}"`);
    expect(csv).toContain(`'${hostile.person}`);
    expect(/(^|,)"?[=+\-@]/m.test(csv.replace(/^\uFEFF/, ""))).toBe(false);

    // And both come back as the text that was set.
    for (const file of ["hostile.xlsx", "hostile.csv"]) {
      const imported = await run(["ledger", "import", file]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/^更新 0 项/);
      expect(readFileSync(join(folder.path, "ledger.yaml"), "utf8")).toBe(saved);
    }
    const item = read("ledger.yaml").items.find((i) => i.id === id);
    expect(item).toMatchObject({
      action: hostile.action,
      person: hostile.person,
      owner: hostile.owner,
    });
  }, 60_000);
});
