// Small literal plans for unit tests of the pure core.
import type { Expectation, Inject, Plan } from "../../src/core/plan.js";

export function expectation(
  id: string,
  inject: string,
  group: string,
  withinMinutes: number,
  extra: Partial<Expectation> = {},
): Expectation {
  return {
    id,
    inject,
    group,
    action: `do ${id}`,
    withinMinutes,
    after: [],
    critical: false,
    ...extra,
  };
}

export function inject(
  id: string,
  atMinutes: number,
  to: string[],
  expects: Expectation[],
  extra: Partial<Inject> = {},
): Inject {
  return { id, atMinutes, title: `inject ${id}`, message: `message ${id}`, to, expects, ...extra };
}

/** Three groups, four injects; I3 fires only if E2 is missed or late. */
export function tinyPlan(): Plan {
  return {
    title: "tiny",
    scenario: "a tiny drill",
    lang: "en",
    clock: { speed: 1 },
    groups: [
      { id: "command", name: "Command", members: [], responsibilities: [] },
      { id: "testing", name: "Testing", members: [], responsibilities: [], capacity: 1 },
      { id: "tracing", name: "Tracing", members: [], responsibilities: [] },
    ],
    objectives: [{ id: "O1", title: "objective one" }],
    injects: [
      inject(
        "I1",
        0,
        ["command", "testing"],
        [
          expectation("E1", "I1", "command", 30, { critical: true, objective: "O1" }),
          expectation("E2", "I1", "testing", 60),
        ],
      ),
      inject("I2", 20, ["tracing"], [expectation("E3", "I2", "tracing", 120, { after: ["E2"] })]),
      inject("I3", 90, ["command"], [expectation("E4", "I3", "command", 30)], {
        when: { expectation: "E2", status: ["missed", "late"] },
      }),
      inject("I4", 120, ["testing"], [expectation("E5", "I4", "testing", 60)]),
    ],
  };
}
