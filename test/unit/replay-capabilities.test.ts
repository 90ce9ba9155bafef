// Replay's view of capabilities across plans, and of unannounced drills against announced
// ones: the example plans (English and Chinese, two plans that share the epidemic set).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { parsePlan } from "../../src/plan/load.js";
import { capabilitySentence } from "../../src/replay/capability-markdown.js";
import { CapabilityTrends, mostOften } from "../../src/replay/capability-trend.js";
import { summaryHead } from "../../src/replay/markdown.js";
import { drillRow } from "../../src/replay/row.js";
import { trendOf } from "../../src/replay/trend.js";
import { analyse } from "../../src/review/analyse.js";
import { ROOT } from "../helpers/cli.js";
import { logHeader, runScripted } from "../helpers/scripted.js";

function example(name: string): { plan: Plan; script: string } {
  const file = `examples/${name}.yaml`;
  const parsed = parsePlan(readFileSync(join(ROOT, file), "utf8"), file);
  if (!parsed.plan) throw new Error(`${file} did not parse`);
  return {
    plan: parsed.plan,
    script: readFileSync(join(ROOT, `examples/${name}.script.yaml`), "utf8"),
  };
}

function row(name: string, start: string, unannounced?: { seed: number }) {
  const { plan, script } = example(name);
  const events = runScripted(plan, script, start, unannounced);
  const review = analyse(plan, logHeader(plan, start), events, { lang: plan.lang, tool: "t" });
  return drillRow(review, { file: `${name}-${start.slice(0, 10)}.jsonl` });
}

describe("mostOften", () => {
  it("counts the rating given most often, the worse on a tie, exercised before '-'", () => {
    expect(mostOften(["M", "M", "S", "M", "P"])).toEqual({ rating: "M", times: 3 });
    expect(mostOften(["S", "M"])).toEqual({ rating: "M", times: 1 });
    expect(mostOften(["-", "-", "P"])).toEqual({ rating: "P", times: 1 });
    expect(mostOften(["-", "-"])).toEqual({ rating: "-", times: 2 });
  });
});

describe("CapabilityTrends", () => {
  it("keeps the last five ratings and counts plans by name", () => {
    const trends = new CapabilityTrends();
    const cell = (rating: "P" | "S" | "M" | "U") => [
      { id: "cn.tracing", name: "流调溯源", library: "cn", rating, findings: 1 },
    ];
    trends.add("plan A", cell("P"));
    trends.add("plan B", cell("M"));
    trends.add("plan A", cell("M"));
    trends.add("plan C", cell("M"));
    trends.add("plan B", cell("S"));
    trends.add("plan A", cell("M"));
    const [tracing] = trends.finish();
    expect(tracing).toMatchObject({
      drills: 6,
      plans: 3,
      recent: ["M", "M", "M", "S", "M"],
      mostly: { rating: "M", times: 4, of: 5 },
      counts: { P: 1, S: 1, M: 4, U: 0, "-": 0 },
      findings: 6,
    });
    if (!tracing) throw new Error("no trend");
    expect(capabilitySentence(tracing, "zh")).toBe(
      "流调溯源在最近 5 次推演中有 4 次评为 M，涉及 3 个预案。",
    );
    expect(capabilitySentence(tracing, "en")).toBe(
      "流调溯源 rated M in 4 of the last 5 drills, across 3 plans.",
    );
  });
});

describe("replay across two plans", () => {
  it("follows a capability through the drills of both plans, and compares unannounced drills", () => {
    const rows = [
      row("pooled-positive.en", "2026-11-01T09:00:00.000Z"),
      row("pooled-positive.zh", "2026-11-08T09:00:00.000Z"),
      row("pooled-positive.en", "2026-11-15T09:00:00.000Z", { seed: 3 }),
    ];
    expect(rows.map((r) => r.unannounced !== undefined)).toEqual([false, false, true]);
    const trend = trendOf(rows);
    const tracing = trend.capabilities.find((c) => c.id === "cn.tracing");
    // Both plans' O4 (first close-contact list within 4 h) is cn.tracing, rated M each time.
    expect(tracing).toMatchObject({
      drills: 3,
      plans: 2,
      recent: ["M", "M", "M"],
      latest: "M",
      mostly: { rating: "M", times: 3, of: 3 },
    });
    const command = trend.capabilities.find((c) => c.id === "cn.command");
    expect(command).toMatchObject({ drills: 3, plans: 2, recent: ["P", "P", "P"] });
    expect(trend.capabilities.map((c) => c.id)).toEqual([
      "cn.command",
      "cn.lockdown-control",
      "cn.testing",
      "cn.tracing",
      "cn.supplies",
    ]);
    const summary = summaryHead(trend, { lang: "en", failed: [] });
    expect(summary).toContain("## Capabilities over time");
    // The latest drill is English, so the name is the English one.
    expect(summary).toContain(
      "- Epidemiological tracing rated M in 3 of the last 3 drills, across 2 plans.",
    );
    expect(summary).toContain("## Unannounced against announced drills");
    // The English plan was drilled both ways; the Chinese one only announced.
    expect(trend.announcement).toHaveLength(1);
    expect(trend.announcement[0]).toMatchObject({
      plan: rows[0]?.title,
      announced: { drills: 1 },
      unannounced: { drills: 1 },
    });
  });
});
