// The decision log rendered during the analysis' read: every row comes back in order whether
// it stayed in memory or went to disk, the temporary file has no name from the start, and the key
// that says whether the rows fit a review changes with anything a row shows.

import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import type { DrillEvent } from "../../src/core/events.js";
import { AppendixRows, rowKey } from "../../src/review/appendix-rows.js";
import { streamSink } from "../../src/review/file.js";
import type { ReviewNames } from "../../src/review/format.js";

const event = (seq: number): DrillEvent =>
  ({
    seq,
    wall: "2026-01-05T09:00:00.000Z",
    t: seq,
    type: "note",
    kind: "neutral",
    text: `n${seq}`,
  }) as DrillEvent;

async function collect(rows: AppendixRows): Promise<string> {
  let text = "";
  for await (const part of rows.text()) text += part;
  return text;
}

const spools = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith("drill-review-")));

describe("AppendixRows", () => {
  it("gives back a few rows, in order, from memory", async () => {
    const before = spools();
    const rows = new AppendixRows((e) => `| ${e.seq} | 观察 |\n`, "k");
    for (let seq = 1; seq <= 3; seq++) rows.add(event(seq));
    expect(await collect(rows)).toBe("| 1 | 观察 |\n| 2 | 观察 |\n| 3 | 观察 |\n");
    expect([...spools()].filter((f) => !before.has(f))).toEqual([]);
    rows.remove();
  });

  it("gives back many rows, in order and as often as asked, through a temporary file with no name", async () => {
    const before = spools();
    // About 6 MiB of two- and three-byte characters: more than memory keeps.
    const render = (e: DrillEvent) => `| ${e.seq} | ${"信息交接靠电话".repeat(20)} |\n`;
    const rows = new AppendixRows(render, "k");
    let expected = "";
    for (let seq = 1; seq <= 14_000; seq++) {
      rows.add(event(seq));
      expected += render(event(seq));
    }
    // The file was unlinked as soon as it was made: a process killed now leaves nothing.
    expect([...spools()].filter((f) => !before.has(f))).toEqual([]);
    expect(await collect(rows)).toBe(expected);
    expect(await collect(rows)).toBe(expected);
    rows.remove();
    expect([...spools()].filter((f) => !before.has(f))).toEqual([]);
  });

  it("gives its parts as kept bytes that a file takes as they are, and a terminal as text", async () => {
    const render = (e: DrillEvent) => `| ${e.seq} | ${"防护服缺口".repeat(30)} |\n`;
    const rows = new AppendixRows(render, "k");
    let expected = "";
    for (let seq = 1; seq <= 12_000; seq++) {
      rows.add(event(seq));
      expected += render(event(seq));
    }
    const parts: (string | Uint8Array)[] = [];
    for await (const part of rows.chunks()) parts.push(part);
    expect(parts.some((part) => typeof part !== "string")).toBe(true);
    const bytes = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
    expect(bytes.toString("utf8")).toBe(expected);
    // A stream sink given the same bytes cut inside every character still writes the text.
    let written = "";
    const sink = streamSink({
      write: (chunk: string) => {
        written += chunk;
        return true;
      },
    });
    for (let at = 0; at < bytes.length; at += 4097) await sink(bytes.subarray(at, at + 4097));
    expect(written).toBe(expected);
    rows.remove();
  });
});

describe("rowKey", () => {
  const names: ReviewNames = {
    groups: [
      { id: "a", name: "甲" },
      { id: "b", name: "乙" },
    ],
    injects: [{ id: "I1", title: "预警" }],
    expectations: [{ id: "E1", action: "上报" }],
    objectives: [{ id: "O1", title: "及时" }],
  };

  it("is the same for the same names in another order", () => {
    const reordered = { ...names, groups: [...names.groups].reverse() };
    expect(rowKey("zh", reordered, "Asia/Shanghai")).toBe(rowKey("zh", names, "Asia/Shanghai"));
  });

  it("differs with the language, the time zone, or any name a row shows", () => {
    const key = rowKey("zh", names, "Asia/Shanghai");
    expect(rowKey("en", names, "Asia/Shanghai")).not.toBe(key);
    expect(rowKey("zh", names, undefined)).not.toBe(key);
    expect(
      rowKey("zh", { ...names, injects: [{ id: "I1", title: "响应" }] }, "Asia/Shanghai"),
    ).not.toBe(key);
    expect(rowKey("zh", { ...names, expectations: [] }, "Asia/Shanghai")).not.toBe(key);
  });
});
