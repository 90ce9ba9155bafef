// The replay summary as markdown, from literal rows: its sections, the Mermaid charts, the
// drills table, escaping, and markdownlint.
import { lint } from "markdownlint/sync";
import { describe, expect, it } from "vitest";
import { drillCells, summaryDocument } from "../../src/replay/document.js";
import { drillsTable, fileLink, summaryHead } from "../../src/replay/markdown.js";
import { type DrillRow, emptyCounts } from "../../src/replay/row.js";
import { trendOf } from "../../src/replay/trend.js";

function row(file: string, startedAt: string, latency: number, findings: string[]): DrillRow {
  return {
    format: "drillbook-replay-drill/2",
    file,
    reports: { md: `reports/${file.replace(".jsonl", ".md")}`, json: "x.json" },
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
      version: "2022-09 修订",
      sha256: "e".repeat(64),
      expectations: [
        { id: "E5", inject: "I2", group: "tracing", targetMinutes: 240, critical: true },
      ],
    },
    counts: { ...emptyCounts(), "on-time": latency <= 240 ? 1 : 0, late: latency > 240 ? 1 : 0 },
    totals: {
      minutesLate: Math.max(0, latency - 240),
      due: 1,
      onTime: latency <= 240 ? 1 : 0,
      onTimeShare: latency <= 240 ? 1 : 0,
      missed: 0,
      blocked: 0,
    },
    expectations: [
      {
        id: "E5",
        inject: "I2",
        group: "tracing",
        action: "形成首批密接名单 | 推送",
        critical: true,
        status: latency <= 240 ? "on-time" : "late",
        targetMinutes: 240,
        latencyMinutes: latency,
        minutesLate: Math.max(0, latency - 240),
      },
    ],
    groups: [
      {
        id: "tracing",
        name: "流调排查组",
        expectations: 1,
        due: 1,
        counts: {
          ...emptyCounts(),
          "on-time": latency <= 240 ? 1 : 0,
          late: latency > 240 ? 1 : 0,
        },
        minutesLate: Math.max(0, latency - 240),
        decisions: 5,
      },
    ],
    findings: findings.map((key, i) => ({
      key,
      category: "bottleneck",
      kind: "own-delay",
      rank: i + 1,
      group: "tracing",
      minutesLost: 30,
      text: `流调排查组超时 *${key}*`,
    })),
    objectives: [{ id: "O4", title: "4 小时内形成首批密接名单", rating: "S" }],
  };
}

const rows = [
  row("drills/a b.jsonl", "2026-11-24T01:00:00Z", 270, ["own-delay:tracing"]),
  row("drills/c.jsonl", "2026-12-08T01:00:00Z", 190, []),
];

function render(list: DrillRow[]): string {
  const trend = trendOf(list);
  const table = drillsTable("zh", false);
  let text = summaryHead(trend, { lang: "zh", failed: [] }) + table.head;
  list.forEach((r, i) => {
    text += table.row(r, i + 1, list[i - 1]);
  });
  return text;
}

describe("the replay summary", () => {
  it("has every section, in Chinese, and passes markdownlint", () => {
    const text = render(rows);
    for (const heading of [
      "# 复盘汇总：共 2 次演练",
      "## 概况",
      "## 预案版本差异",
      "## 跨演练问题追踪",
      "### 已解决 (1)",
      "## 预期动作逐次对比",
      "## 各工作组逐次对比",
      "## 目标评级趋势",
      "## 关键动作用时趋势",
      "## 各次演练（由早到晚）",
    ])
      expect(text).toContain(heading);
    expect(text).toContain("各次演练使用同一预案。");
    const result = lint({ strings: { summary: text }, config: { default: true, MD013: false } });
    expect(result.summary).toEqual([]);
  });

  it("shows each drill's day in its own zone, and minutes as whole numbers", () => {
    const text = render(rows);
    expect(text).toContain("| 时间范围 | 2026-11-24 09:00 — 2026-12-08 09:00 |");
    expect(text).toContain("| 第1次 2026-11-24 | 第2次 2026-12-08 |");
    expect(text).toContain("| 270 分钟（超 30） | 190 分钟 |");
  });

  it("draws a line chart of each critical action's minutes, with its target", () => {
    const text = render(rows);
    expect(text).toContain(
      [
        "```mermaid",
        "xychart-beta",
        '    title "E5 形成首批密接名单 推送"',
        '    x-axis ["#1", "#2"]',
        '    y-axis "分钟"',
        "    line [270, 190]",
        "    line [240, 240]",
        "```",
      ].join("\n"),
    );
    // One drill has no trend to draw.
    expect(render([rows[0] as DrillRow])).not.toContain("xychart-beta");
  });

  it("escapes participant text and links every report", () => {
    const text = render(rows);
    expect(text).toContain("形成首批密接名单 \\| 推送");
    expect(text).toContain("流调排查组超时 \\*own-delay:tracing\\*");
    expect(text).toContain("[drills/a b.jsonl](reports/drills/a%20b.md)");
    expect(fileLink("x", undefined)).toBe("x");
  });

  it("lists what appeared and went away against the drill before", () => {
    const text = render(rows);
    const last = text.trimEnd().split("\n").at(-1) ?? "";
    expect(last).toContain("| | `own-delay:tracing` |");
  });

  it("lists the logs that failed, with where", () => {
    const text = summaryHead(trendOf(rows), {
      lang: "en",
      failed: [
        {
          file: "drills/bad.jsonl",
          location: "drills/bad.jsonl:10",
          message: "line 10 was changed after it was written",
        },
      ],
    });
    expect(text).toContain("## Logs that could not be replayed");
    expect(text).toContain(
      "| drills/bad.jsonl | drills/bad.jsonl:10 | line 10 was changed after it was written |",
    );
    expect(text).toContain("| Drills replayed | 2 (1 failed) |");
  });
});

describe("the replay summary as a document (for Word and HTML)", () => {
  const trend = trendOf(rows);
  const doc = summaryDocument(trend, { lang: "zh", failed: [] });
  const text = render(rows);

  it("has the markdown summary's sections, in its order, the drills table as its appendix", () => {
    const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect([...doc.sections.map((s) => s.title), doc.appendix.title]).toEqual(headings);
    expect(doc.cover.kind).toBe("评估报告");
  });

  it("draws the markdown's trend charts from the same numbers", () => {
    const charts = doc.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.type === "chart" && b.chart.kind === "trend" ? [b.chart] : []));
    const lines = [...text.matchAll(/^ {4}line \[(.*)\]$/gm)].map((m) => m[1]);
    expect(charts.flatMap((c) => [c.taken.join(", "), c.target.join(", ")])).toEqual(lines);
    // The fixture's one critical action: 270 then 190 minutes against a 240-minute target.
    expect(charts.map((c) => [c.labels, c.taken, c.target])).toEqual([
      [
        ["#1", "#2"],
        [270, 190],
        [240, 240],
      ],
    ]);
  });

  it("gives the drills' rows as plain cells: no markdown link or code span", () => {
    const cells = drillCells("zh", false, rows[0] as DrillRow, 1, undefined);
    expect(cells[2]).toBe("drills/a b.jsonl");
    expect(cells.join("")).not.toMatch(/[`[\]]/);
    expect(cells).toHaveLength(doc.appendix.columns.length);
  });
});
