// `drill compare` in the terminal, from literal rows: columns aligned by display width (CJK
// counts two), long names cut, and the comparison's content.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { type DrillRow, type ExpectationCell, emptyCounts } from "../../src/replay/row.js";
import { alignRows, compareText, truncate } from "../../src/replay/text.js";
import { createTrend } from "../../src/replay/trend.js";

describe("alignRows and truncate", () => {
  it("pads each column to its widest cell by display width", () => {
    const lines = alignRows([
      ["工作组", "前一次", "x"],
      ["command", "20 min", "y"],
      ["流调排查组", "按时", "z"],
    ]);
    const starts = lines.map((line) => {
      const at = line.search(/(前一次|20 min|按时)/);
      return stringWidth(line.slice(0, at));
    });
    expect(new Set(starts).size).toBe(1);
    expect(lines[2]).toBe("  流调排查组  按时    z");
  });

  it("cuts text to a display width with an ellipsis", () => {
    expect(truncate("形成首批密接名单并推送转运隔离组", 10)).toBe("形成首批…");
    expect(stringWidth(truncate("形成首批密接名单并推送转运隔离组", 10))).toBeLessThanOrEqual(10);
    expect(truncate("short", 10)).toBe("short");
  });
});

function cell(
  id: string,
  status: ExpectationCell["status"],
  latency: number | undefined,
  target: number,
): ExpectationCell {
  return {
    id,
    inject: "I1",
    group: "tracing",
    action:
      id === "E5" ? "形成首批密接名单并推送转运隔离组，落实“单人单间单卫”" : "流调队伍到达现场",
    critical: id === "E5",
    status,
    targetMinutes: target,
    ...(latency !== undefined ? { latencyMinutes: latency } : {}),
    minutesLate: latency !== undefined ? Math.max(0, latency - target) : 0,
  };
}

function row(
  file: string,
  startedAt: string,
  version: string,
  expectations: ExpectationCell[],
  findings: string[],
  rating: "P" | "M",
): DrillRow {
  return {
    format: "drillbook-replay-drill/2",
    file,
    title: "桌面推演",
    lang: "zh",
    startedAt,
    timeZone: "+08:00",
    ended: true,
    partial: false,
    realMinutes: 60,
    scenarioMinutes: 600,
    planMinutes: 600,
    events: 50,
    decisions: 30,
    improvised: 0,
    plan: {
      version,
      sha256: version.repeat(64).slice(0, 64),
      expectations: expectations.map((e) => ({
        id: e.id,
        inject: e.inject,
        group: e.group,
        targetMinutes: e.targetMinutes,
        critical: e.critical,
      })),
    },
    counts: emptyCounts(),
    totals: {
      minutesLate: expectations.reduce((sum, e) => sum + e.minutesLate, 0),
      due: expectations.length,
      onTime: expectations.filter((e) => e.status === "on-time").length,
      onTimeShare: expectations.filter((e) => e.status === "on-time").length / expectations.length,
      missed: 0,
      blocked: 0,
    },
    expectations,
    groups: [],
    findings: findings.map((key, i) => ({
      key,
      category: "gap",
      kind: "blocker",
      rank: i + 1,
      text: `${key} 的描述`,
    })),
    objectives: [{ id: "O4", title: "4 小时内形成首批密接名单", rating }],
  };
}

describe("compareText", () => {
  const before = row(
    "drills/a.jsonl",
    "2026-11-24T01:00:00Z",
    "1",
    [cell("E4", "on-time", 55, 60), cell("E5", "late", 270, 240)],
    ["blocker:people", "blocker:information"],
    "M",
  );
  const after = row(
    "drills/b.jsonl",
    "2026-12-08T01:00:00Z",
    "2",
    [cell("E4", "on-time", 20, 60), cell("E5", "on-time", 190, 300)],
    ["blocker:people", "blocker:equipment"],
    "P",
  );
  const builder = createTrend({ recent: 2 });
  builder.add(before);
  builder.add(after);
  const text = compareText(before, after, builder.finish(), { lang: "zh", columns: 100 });
  const lines = text.split("\n");

  it("says which drill is which, and where their plans differ", () => {
    expect(lines[0]).toBe("两次演练对比");
    expect(text).toMatch(/前一次\s+drills\/a\.jsonl\s+2026-11-24 09:00\s+预案 1/);
    expect(text).toMatch(/时限调整\s+E5\s+240 分钟\s+300 分钟/);
  });

  it("sorts the findings into recurring, new and fixed", () => {
    const findings = text.slice(text.indexOf("跨演练问题追踪"), text.indexOf("预期动作逐次对比"));
    expect(findings).toMatch(/反复出现 \(1\)\n\s+blocker:people/);
    expect(findings).toMatch(/新出现 \(1\)\n\s+blocker:equipment/);
    expect(findings).toMatch(/已解决 \(1\)\n\s+blocker:information/);
  });

  it("lines up the expectations table by display width, with what changed", () => {
    const rows = lines.filter((l) => /^ {2}(预期动作|E4|E5)/.test(l));
    expect(rows).toHaveLength(3);
    const column = (line: string, marker: RegExp) =>
      stringWidth(line.slice(0, line.search(marker)));
    // The "before" column starts at the same width on every row.
    expect(column(rows[0] ?? "", /前一次/)).toBe(column(rows[1] ?? "", /55 分钟/));
    expect(column(rows[1] ?? "", /55 分钟/)).toBe(column(rows[2] ?? "", /270 分钟/));
    expect(rows[1]).toMatch(/55 分钟\s+20 分钟\s+−35 分钟$/);
    expect(rows[2]).toMatch(/270 分钟（超 30）\s+190 分钟\s+超时 → 按时$/);
    // The long action is cut to fit.
    expect(rows[2]).toContain("…");
  });

  it("shows the ratings and which way they went", () => {
    expect(text).toMatch(/O4 4 小时内形成首批密接名单\s+M\s+P\s+好转/);
  });
});

describe("compareText, plans that differ in wording only", () => {
  it("says the expectations are the same rather than showing an empty table", () => {
    const cells = [cell("E4", "on-time", 55, 60)];
    const a = row("a.jsonl", "2026-11-24T01:00:00Z", "1", cells, [], "P");
    const b = row("b.jsonl", "2026-12-08T01:00:00Z", "2", cells, [], "P");
    const builder = createTrend({ recent: 2 });
    builder.add(a);
    builder.add(b);
    const text = compareText(a, b, builder.finish(), { lang: "en" });
    expect(text).toContain(
      "Where the plans differ\n  The plans differ in their text only: every expectation has the same id, group, inject, target and criticality.\n",
    );
  });
});

describe("compareText, the headline and what did not apply", () => {
  it("heads with late minutes, on-time share and ratings, and holds no untriggered action against a drill", () => {
    const a = row(
      "a.jsonl",
      "2026-11-24T01:00:00Z",
      "1",
      [cell("E4", "on-time", 55, 60), cell("E5", "late", 270, 240)],
      [],
      "M",
    );
    // E5's conditional inject was not needed in the second drill: not applicable, no change.
    const b = row(
      "b.jsonl",
      "2026-12-08T01:00:00Z",
      "1",
      [cell("E4", "on-time", 20, 60), cell("E5", "not-reached", undefined, 240)],
      [],
      "P",
    );
    b.totals = { minutesLate: 0, due: 1, onTime: 1, onTimeShare: 1, missed: 0, blocked: 0 };
    const builder = createTrend({ recent: 2 });
    builder.add(a);
    builder.add(b);
    const text = compareText(a, b, builder.finish(), { lang: "en" });
    expect(text).toContain(
      "late minutes 30 → 0 (−30 min); on time 1/2 (50%) → 1/1 (100%) (+50 points); never done 0 → 0; ratings O4 M → P",
    );
    const e5 = text.split("\n").find((line) => line.startsWith("  E5"));
    expect(e5).toMatch(/not reached \(n\/a\)$/);
  });
});
