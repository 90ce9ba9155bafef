// The batch's files: logs found under folders (not inside the output), report paths that
// mirror where each log was found, rows spooled to disk and read back oldest first, and the
// progress bar (only on a terminal).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { findLogs } from "../../src/replay/discover.js";
import { progressBar } from "../../src/replay/progress.js";
import type { DrillRow } from "../../src/replay/row.js";
import { RowSpool } from "../../src/replay/spool.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drill-replay-files-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function touch(...parts: string[]): string {
  const path = join(dir, ...parts);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "{}\n");
  return path;
}

describe("findLogs", () => {
  it("finds *.jsonl recursively, skips the output folder, and mirrors folders in report paths", async () => {
    touch("logs", "2026", "a.jsonl");
    touch("logs", "2027", "a.jsonl");
    touch("logs", "notes.txt");
    touch("logs", "out", "drills.jsonl");
    const single = touch("elsewhere", "b.JSONL");
    const { logs } = await findLogs(["logs", single], {
      cwd: dir,
      exclude: join(dir, "logs", "out"),
    });
    expect(logs.map((l) => [l.name, l.reportBase])).toEqual([
      [join("elsewhere", "b.JSONL"), join("reports", "elsewhere", "b")],
      [join("logs", "2026", "a.jsonl"), join("reports", "logs", "2026", "a")],
      [join("logs", "2027", "a.jsonl"), join("reports", "logs", "2027", "a")],
    ]);
  });

  it("names a log outside the working folder by its full path, and counts each once", async () => {
    const path = touch("x.jsonl");
    const { logs } = await findLogs([path, path, dir], { cwd: join(dir, "sub") });
    expect(logs).toEqual([{ path, name: path, reportBase: join("reports", "x") }]);
  });

  it("refuses a path that does not exist, as a usage error", async () => {
    await expect(findLogs(["missing"], { cwd: dir })).rejects.toThrow(UsageError);
    await expect(findLogs(["missing"], { cwd: dir })).rejects.toThrow(
      "no such log or folder: missing",
    );
  });
});

function row(file: string, startedAt: string): DrillRow {
  return { file, startedAt, title: "中文标题" } as DrillRow;
}

describe("RowSpool", () => {
  it("reads rows back oldest first, as often as asked, from a file with no name", async () => {
    const spool = await RowSpool.create(dir);
    // Unlinked as soon as it was made: an interrupted replay leaves nothing in the folder.
    expect(readdirSync(dir)).toEqual([]);
    spool.append(row("c", "2026-03-01T00:00:00Z"));
    spool.append(row("a", "2026-01-01T00:00:00Z"));
    spool.append(row("b", "2026-01-01T08:00:00+08:00"));
    spool.append(row("d", "2026-02-01T00:00:00Z"));
    expect(spool.count).toBe(4);
    for (let pass = 0; pass < 2; pass++) {
      const files: string[] = [];
      for await (const r of spool.sorted()) files.push(`${r.file} ${r.title}`);
      // "b" starts at the same instant as "a" (08:00+08:00 is 00:00Z): ordered by name.
      expect(files).toEqual(["a 中文标题", "b 中文标题", "d 中文标题", "c 中文标题"]);
    }
    await spool.remove();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reads back every row whole across read windows, in and out of arrival order", async () => {
    const spool = await RowSpool.create(dir);
    // 3,000 rows of about 1.2 KB (3.6 MB, several 1 MiB windows), arriving day by day, except
    // every 7th: those come first, latest first. One row is 1.5 MB, more than a window.
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
    const days = Array.from({ length: 3000 }, (_, n) => n);
    const arrivals = [
      ...days.filter((n) => n % 7 === 3).reverse(),
      ...days.filter((n) => n % 7 !== 3),
    ];
    const big = 1500;
    for (const n of arrivals) {
      const title = `${n} ${"演练".repeat(n === big ? 250_000 : 200)}`;
      spool.append({ file: `d${n}`, startedAt: day(n), title } as DrillRow);
    }
    const read: string[] = [];
    for await (const r of spool.sorted()) {
      const n = Number(r.file.slice(1));
      expect(r.title).toBe(`${n} ${"演练".repeat(n === big ? 250_000 : 200)}`);
      read.push(r.file);
    }
    expect(read).toEqual(Array.from({ length: 3000 }, (_, n) => `d${n}`));
    await spool.remove();
  });
});

describe("progressBar", () => {
  function stream(isTTY: boolean) {
    const chunks: string[] = [];
    return { chunks, isTTY, columns: 60, write: (c: string) => chunks.push(c) > 0 };
  }

  it("draws nothing when standard error is not a terminal", () => {
    const s = stream(false);
    const bar = progressBar(
      s,
      10,
      (d, t) => `${d}/${t}`,
      () => 0,
    );
    bar.update(5, 0);
    bar.finish();
    expect(s.chunks).toEqual([]);
  });

  it("redraws in place at most every 100 ms, always at the end, and clears the line", () => {
    const s = stream(true);
    let now = 0;
    const bar = progressBar(
      s,
      4,
      (d, t, f) => `${d}/${t} logs, ${f} failed`,
      () => now,
    );
    bar.update(0, 0);
    now = 50;
    bar.update(1, 0); // too soon: skipped
    now = 150;
    bar.update(2, 1);
    now = 160;
    bar.update(4, 1); // the last one is always drawn
    bar.finish();
    expect(s.chunks).toEqual([
      `\r\x1b[K[${"░".repeat(24)}] 0/4 logs, 0 failed · 0 s`,
      `\r\x1b[K[${"█".repeat(12)}${"░".repeat(12)}] 2/4 logs, 1 failed · 0 s`,
      `\r\x1b[K[${"█".repeat(24)}] 4/4 logs, 1 failed · 0 s`,
      "\r\x1b[K",
    ]);
    // Never as wide as the terminal, or the line would wrap.
    for (const chunk of s.chunks) expect(chunk.length - 4).toBeLessThan(60);
  });
});
