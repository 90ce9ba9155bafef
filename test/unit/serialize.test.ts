import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { parsePlan } from "../../src/plan/load.js";
import { planToYaml } from "../../src/plan/serialize.js";
import { expectation, inject, tinyPlan } from "../helpers/plans.js";

const EXAMPLES = resolve(import.meta.dirname, "../../examples");

function reparse(plan: Plan): Plan | undefined {
  const { plan: back, problems } = parsePlan(planToYaml(plan), "serialized.yaml");
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return back;
}

describe("planToYaml", () => {
  it.each(readdirSync(EXAMPLES).filter((n) => n.endsWith(".yaml") && !n.endsWith(".script.yaml")))(
    "%s reads back identical",
    (name) => {
      const { plan } = parsePlan(readFileSync(join(EXAMPLES, name), "utf8"), name);
      expect(plan).toBeDefined();
      if (plan) expect(reparse(plan)).toEqual(plan);
    },
  );

  it("writes times as quoted hh:mm, durations short, and leaves out empty fields", () => {
    const plan: Plan = {
      title: "t",
      scenario: "s",
      lang: "en",
      clock: { speed: 1 },
      groups: [{ id: "ops", name: "Operations", members: [], responsibilities: [] }],
      objectives: [],
      injects: [
        inject("1", 90, ["ops"], [expectation("E1", "1", "ops", 150, { critical: true })]),
        inject("I2", 1530, ["ops"], []),
      ],
    };
    const yaml = planToYaml(plan);
    expect(yaml).toBe(
      [
        "title: t",
        "lang: en",
        "scenario: s",
        "clock: {speed: 1}",
        "",
        "groups:",
        "  - id: ops",
        "    name: Operations",
        "",
        "injects:",
        '  - id: "1"',
        '    at: "01:30"',
        "    title: inject 1",
        "    message: message 1",
        "    to: [ops]",
        "    expects:",
        "      - id: E1",
        "        group: ops",
        "        action: do E1",
        "        within: 2h30m",
        "        critical: true",
        "",
        "  - id: I2",
        '    at: "25:30"',
        "    title: inject I2",
        "    message: message I2",
        "    to: [ops]",
        "",
      ].join("\n"),
    );
    expect(reparse(plan)).toEqual(plan);
  });

  it("keeps conditions, hand-offs, fractional minutes and multi-line text", () => {
    const plan = tinyPlan();
    const last = plan.injects.at(-1);
    if (last) {
      last.atMinutes = 100.25;
      last.message = "line one\nline two: with a colon\n  and an indent";
      last.notes = "# not a comment";
    }
    plan.clock.start = "2026-03-01T08:00+08:00";
    plan.version = "2";
    expect(reparse(plan)).toEqual(plan);
  });
});
