// The review against a drill with deliberate problems and the answers an experienced evaluator
// gives, computed by hand (test/fixtures/review/outbreak.expected.yaml): every late minute
// attributed once, findings merged by cause and ranked, ratings, what people wrote as evidence.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { analyse } from "../../src/review/analyse.js";
import { type Review, rankedFindings } from "../../src/review/model.js";
import { ROOT } from "../helpers/cli.js";
import { scriptedDrill } from "../helpers/scripted.js";

interface Expected {
  summary: {
    minutesLate: number;
    counts: Record<string, number>;
    onTimeShare: number;
    missed: string[];
    blocked: string[];
    byCause: { finding: string; minutes: number }[];
    criticalPath: string[];
  };
  expectations: Record<
    string,
    { status: string; minutesLate: number; delay?: Review["expectations"][number]["delay"] }
  >;
  findings: {
    rank: number;
    key: string;
    kind: string;
    owner: string;
    minutes: number;
    late?: string[];
    missed?: string[];
  }[];
  quotes: Record<string, string[]>;
  overload: { group: string; capacity: number; peakOpen: number; minutesOverCapacity: number };
  objectives: Record<
    string,
    {
      rating: string;
      reason?: string;
      basis: string[];
      evaluator?: string;
      evaluatorAt?: number;
      disagreement?: boolean;
      turnedAfter?: string[];
    }
  >;
  strengths: string[];
  injects: {
    order: string[];
    conditionalFired: string[];
    conditionalSkipped: string[];
    skippedByFacilitator: string[];
    notYetDue: string[];
  };
  silentGroups: string[];
  counts: { findings: number; improvementRows: number; planRevisions: number; strengths: number };
}

const expected = parse(
  readFileSync(join(ROOT, "test/fixtures/review/outbreak.expected.yaml"), "utf8"),
) as Expected;

function review(lang: "zh" | "en" = "zh"): Review {
  const drill = scriptedDrill(
    "test/fixtures/review/outbreak.yaml",
    "test/fixtures/review/outbreak.script.yaml",
    "2026-03-02T20:00:00+08:00",
  );
  return analyse(drill.plan, drill.header, drill.events, { lang, tool: "drillbook test" });
}

describe("the hand-computed outbreak drill", () => {
  const r = review();

  it("has the total late minutes, the counts and the causes an evaluator finds", () => {
    const s = r.summary;
    expect(s.minutesLate).toBe(expected.summary.minutesLate);
    expect(s.counts).toEqual(expected.summary.counts);
    expect(s.onTimeShare).toBe(expected.summary.onTimeShare);
    expect([s.missed, s.blocked]).toEqual([expected.summary.missed, expected.summary.blocked]);
    expect(s.byCause.map((c) => ({ finding: c.finding, minutes: c.minutes }))).toEqual(
      expected.summary.byCause,
    );
    expect(s.criticalPath?.chain).toEqual(expected.summary.criticalPath);
  });

  it("splits every action's lateness as worked out by hand", () => {
    for (const [id, want] of Object.entries(expected.expectations)) {
      const e = r.expectations.find((x) => x.id === id);
      expect([id, e?.status, e?.minutesLate], id).toEqual([id, want.status, want.minutesLate]);
      if (want.delay) expect(e?.delay, id).toEqual(want.delay);
      else expect(e?.delay, id).toBeUndefined();
    }
  });

  it("counts no minute twice: causes and each action's split add up to the total", () => {
    const byCause = r.summary.byCause.reduce((sum, c) => sum + c.minutes, 0);
    expect(byCause).toBe(r.summary.minutesLate);
    const lost = r.bottlenecks.reduce((sum, b) => sum + b.minutesLost, 0);
    expect(lost).toBe(r.summary.minutesLate);
    for (const e of r.expectations.filter((x) => x.status === "late")) {
      const causes = (e.causes ?? []).reduce((sum, c) => sum + c.minutes, 0);
      expect(causes, e.id).toBe(e.minutesLate);
    }
  });

  it("ranks one finding per root cause as the evaluator does", () => {
    const got = rankedFindings(r).map((f) => ({
      rank: f.rank,
      key: f.key,
      kind: f.kind,
      owner: f.group,
      minutes: f.minutesLost,
      ...(f.late ? { late: f.late.map((l) => l.expectation) } : {}),
      ...(f.missed ? { missed: f.missed } : {}),
    }));
    expect(got).toEqual(expected.findings);
  });

  it("quotes what people wrote in the finding it explains", () => {
    const findings = rankedFindings(r);
    for (const [key, quotes] of Object.entries(expected.quotes)) {
      const f = findings.find((x) => x.key === key);
      expect(
        (f?.evidence.quotes ?? []).map((q) => q.text),
        key,
      ).toEqual(quotes);
    }
  });

  it("measures the overload against the group's capacity", () => {
    const f = rankedFindings(r).find((x) => x.key === `overload:${expected.overload.group}`);
    expect({
      group: f?.group,
      capacity: f?.capacity,
      peakOpen: f?.peakOpen,
      minutesOverCapacity: f?.minutesOverCapacity,
    }).toEqual(expected.overload);
  });

  it("rates the objectives and explains the evaluators' disagreements", () => {
    for (const [id, want] of Object.entries(expected.objectives)) {
      const o = r.objectives.find((x) => x.id === id);
      expect(o?.rating, id).toBe(want.rating);
      if (want.reason) expect(o?.reason, id).toBe(want.reason);
      expect(o?.basis, id).toEqual(want.basis);
      expect(o?.evaluations.at(-1)?.rating, id).toBe(want.evaluator);
      if (want.evaluatorAt !== undefined)
        expect(o?.evaluations.at(-1)?.t, id).toBe(want.evaluatorAt);
      expect(o?.disagreement, id).toBe(want.disagreement ?? false);
      if (want.turnedAfter)
        expect(
          o?.turnedAfter?.map((t) => t.expectation),
          id,
        ).toEqual(want.turnedAfter);
    }
  });

  it("keeps the strengths, the contingencies and what could not be tested", () => {
    expect(r.strengths.map((s) => s.key)).toEqual(expected.strengths);
    const ids = (keep: (i: Review["injects"][number]) => boolean) =>
      r.injects.filter(keep).map((i) => i.id);
    expect({
      order: r.injects.map((i) => i.id),
      conditionalFired: ids((i) => !!i.condition && i.status === "delivered"),
      conditionalSkipped: ids((i) => !!i.condition && i.skipReason === "condition"),
      skippedByFacilitator: ids((i) => i.skipReason === "facilitator"),
      notYetDue: ids((i) => i.notYetDue === true),
    }).toEqual(expected.injects);
    expect(r.gaps.filter((g) => g.kind === "group-silent").map((g) => g.group)).toEqual(
      expected.silentGroups,
    );
  });

  it("has as many findings, improvement rows, revisions and strengths as the evaluator", () => {
    expect({
      findings: r.bottlenecks.length + r.gaps.length,
      improvementRows: r.improvementPlan.length,
      planRevisions: r.planRevisions.length,
      strengths: r.strengths.length,
    }).toEqual(expected.counts);
  });

  it.each(["zh", "en"] as const)(
    "never repeats a recommendation with only names and ids changed (%s)",
    (lang) => {
      const rr = review(lang);
      const names = rr.drill.groups.map((g) => g.name).sort((a, b) => b.length - a.length);
      const bare = (text: string) =>
        names
          .reduce((t, name) => t.split(name).join("<group>"), text)
          .replace(/\b[A-Z]\d+\b/g, "<id>");
      const sentences = rr.improvementPlan.map((i) => bare(i.recommendation));
      expect(new Set(sentences).size).toBe(sentences.length);
    },
  );
});
