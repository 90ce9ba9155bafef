// A correction or retraction logged in the console reaches the review: it reads the corrected
// drill, whatever the engine or the collector had taken from the original entry, and lists
// what was corrected under the conduct of the drill.

import { describe, expect, it } from "vitest";
import type { DrillEvent, NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { analyse } from "../../src/review/analyse.js";
import { renderMarkdown } from "../../src/review/markdown.js";
import { rankedFindings } from "../../src/review/model.js";
import { expectation, inject } from "../helpers/plans.js";
import { logHeader } from "../helpers/scripted.js";

function plan(): Plan {
  return {
    title: "corrections",
    scenario: "a drill with corrections",
    lang: "en",
    clock: { speed: 1 },
    groups: [
      { id: "tracing", name: "Tracing", members: [], responsibilities: [] },
      { id: "transfer", name: "Transfer", members: [], responsibilities: [] },
    ],
    objectives: [{ id: "O1", title: "contacts traced" }],
    injects: [
      inject(
        "I1",
        0,
        ["tracing", "transfer"],
        [
          expectation("E1", "I1", "tracing", 60, { objective: "O1" }),
          expectation("E2", "I1", "transfer", 60),
        ],
      ),
    ],
  };
}

function review(list: NewEvent[]) {
  const p = plan();
  const events = [{ type: "inject-delivered", t: 0, inject: "I1" } as NewEvent, ...list].map(
    (e, i) =>
      ({
        ...e,
        seq: i + 1,
        wall: new Date(Date.UTC(2026, 0, 1) + e.t * 60_000).toISOString(),
      }) as DrillEvent,
  );
  return analyse(p, logHeader(p, "2026-01-01T00:00:00.000Z"), events, { lang: "en", tool: "t" });
}

// seq 2: E1 logged done at T+01:30 (30 late); seq 3: E2 done on time; seq 4: an improvised step.
const logged: NewEvent[] = [
  {
    type: "decision",
    t: 90,
    group: "tracing",
    expectation: "E1",
    status: "done",
    text: "list sent",
  },
  { type: "decision", t: 20, group: "transfer", expectation: "E2", status: "done", text: "buses" },
  { type: "decision", t: 30, group: "tracing", status: "done", text: "called the hotel" },
  {
    type: "note",
    t: 40,
    kind: "improvement",
    text: "slow start",
    objective: "O1",
    rating: "M",
  },
];

describe("corrections in the review", () => {
  it("reads an entry's corrected time: E1 happened at T+00:50, so it was on time", () => {
    const before = review(logged);
    expect(before.expectations.find((e) => e.id === "E1")).toMatchObject({
      status: "late",
      minutesLate: 30,
    });
    expect(before.summary.minutesLate).toBe(30);
    const after = review([
      ...logged,
      {
        type: "correction",
        t: 100,
        amends: 2,
        decision: {
          group: "tracing",
          expectation: "E1",
          status: "done",
          text: "list sent",
          at: 50,
        },
        reason: "entered late",
      },
    ]);
    expect(after.expectations.find((e) => e.id === "E1")).toMatchObject({
      status: "on-time",
      minutesLate: 0,
      doneAt: 50,
    });
    expect(after.summary.minutesLate).toBe(0);
    expect(after.drill.interventions.corrections).toBe(1);
    expect(after.corrections).toEqual([
      {
        seq: 6,
        t: 100,
        amends: 2,
        amendedAt: 90,
        entry: "decision",
        action: "replace",
        text: "list sent",
        reason: "entered late",
      },
    ]);
  });

  it("drops a retracted improvised step from the findings and its quote", () => {
    const findings = (r: ReturnType<typeof review>) =>
      rankedFindings(r).filter((f) => f.kind === "improvised");
    expect(findings(review(logged))).toHaveLength(1);
    const after = review([...logged, { type: "correction", t: 100, amends: 4, retract: true }]);
    expect(findings(after)).toEqual([]);
    expect(after.drill.improvised).toBe(0);
    expect(JSON.stringify(after)).not.toContain("called the hotel");
  });

  it("uses an observation's corrected rating, and says so in the report", () => {
    const after = review([
      ...logged,
      {
        type: "correction",
        t: 100,
        amends: 5,
        note: { kind: "strength", text: "fast start", objective: "O1", rating: "P" },
      },
    ]);
    const o1 = after.objectives.find((o) => o.id === "O1");
    expect(o1?.evaluations?.map((e) => [e.rating, e.text])).toEqual([["P", "fast start"]]);
    expect(after.observations.map((o) => o.text)).toEqual(["fast start"]);
    const markdown = renderMarkdown(after, "en");
    expect(markdown).toContain("Corrections to the log");
    expect(markdown).toContain(
      "The observation #5 (T+00:40) was corrected to “fast start” at T+01:40.",
    );
  });

  it("takes back a retracted answer: an inject answered only by it is unanswered again", () => {
    const only: NewEvent[] = [
      {
        type: "decision",
        t: 10,
        group: "tracing",
        expectation: "E1",
        status: "partial",
        text: "x",
      },
    ];
    const before = review(only);
    expect(before.injects.find((i) => i.id === "I1")?.answered).toBe(true);
    const after = review([...only, { type: "correction", t: 20, amends: 2, retract: true }]);
    expect(after.injects.find((i) => i.id === "I1")?.answered).toBe(false);
  });
});
