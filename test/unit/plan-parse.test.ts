import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allExpectations } from "../../src/core/plan.js";
import type { Problem } from "../../src/errors.js";
import { parseConditionShorthand } from "../../src/plan/condition.js";
import { parsePlan } from "../../src/plan/load.js";

const where = (p: Problem) => `${p.location.line}:${p.location.col} ${p.severity}: ${p.message}`;

const MINIMAL = `
title: Minimal
scenario: One group, one inject.
groups:
  - id: a
    name: A
injects:
  - id: I1
    at: "00:10"
    title: Start
    message: Go.
    to: a
    expects:
      - id: E1
        group: a
        action: Act
        within: 1h30m
`;

describe("parsePlan on literal YAML", () => {
  it("normalises a minimal plan: defaults, minutes, lists", () => {
    const { plan, problems } = parsePlan(MINIMAL, "minimal.yaml");
    expect(problems).toEqual([]);
    expect(plan).toEqual({
      title: "Minimal",
      scenario: "One group, one inject.",
      lang: "en",
      clock: { speed: 1 },
      groups: [{ id: "a", name: "A", members: [], responsibilities: [] }],
      objectives: [],
      injects: [
        {
          id: "I1",
          atMinutes: 10,
          title: "Start",
          message: "Go.",
          to: ["a"],
          expects: [
            {
              id: "E1",
              inject: "I1",
              group: "a",
              action: "Act",
              withinMinutes: 90,
              after: [],
              critical: false,
            },
          ],
        },
      ],
    });
  });

  it("sorts injects by time, keeping file order for equal times", () => {
    const source = `
title: Order
scenario: Injects out of order.
groups: [{ id: a, name: A }]
injects:
  - { id: late, at: 2h, title: t, message: m, to: a }
  - { id: first, at: "00:00", title: t, message: m, to: a }
  - { id: tie-1, at: 30m, title: t, message: m, to: a }
  - { id: tie-2, at: 30分钟, title: t, message: m, to: a }
`;
    const { plan } = parsePlan(source, "order.yaml");
    expect(plan?.injects.map((i) => [i.id, i.atMinutes])).toEqual([
      ["first", 0],
      ["tie-1", 30],
      ["tie-2", 30],
      ["late", 120],
    ]);
  });

  it("defaults lang to zh when the title or scenario is Chinese, and keeps an explicit lang", () => {
    const zh = MINIMAL.replace("title: Minimal", "title: 最小推演");
    expect(parsePlan(zh, "zh.yaml").plan?.lang).toBe("zh");
    expect(parsePlan(`${zh}lang: en\n`, "zh.yaml").plan?.lang).toBe("en");
  });

  it("reads clock, version, after lists, critical and objectives", () => {
    const source = `
title: Full
scenario: Everything optional, set.
version: 2
clock: { speed: 6, start: "2026-03-01 08:00" }
groups:
  - { id: a, name: A, lead: Chief, members: [x, y], responsibilities: [r], capacity: 2 }
objectives:
  - { id: O1, title: Objective, capability: fema.operational-coordination }
injects:
  - id: I1
    at: 0
    title: t
    message: m
    to: [a, a]
    phase: 预警
    notes: for the facilitator
    expects:
      - { id: E1, group: a, action: x, within: 2小时 }
      - { id: E2, group: a, action: y, within: 45m, after: [E1], objective: O1, critical: true }
`;
    const { plan, problems } = parsePlan(source, "full.yaml");
    expect(problems).toEqual([]);
    expect(plan?.version).toBe("2");
    expect(plan?.clock).toEqual({ speed: 6, start: "2026-03-01T08:00" });
    expect(plan?.groups[0]).toEqual({
      id: "a",
      name: "A",
      lead: "Chief",
      members: ["x", "y"],
      responsibilities: ["r"],
      capacity: 2,
    });
    expect(plan?.objectives).toEqual([
      { id: "O1", title: "Objective", capability: "fema.operational-coordination" },
    ]);
    const inject = plan?.injects[0];
    expect(inject?.to).toEqual(["a"]);
    expect(inject?.phase).toBe("预警");
    expect(inject?.notes).toBe("for the facilitator");
    expect(inject?.expects.map((e) => [e.id, e.withinMinutes, e.after, e.critical])).toEqual([
      ["E1", 120, [], false],
      ["E2", 45, ["E1"], true],
    ]);
    expect(inject?.expects[1]?.objective).toBe("O1");
  });

  it.each([
    ["E1 missed", ["missed"]],
    ["E1 missed or late", ["missed", "late"]],
    ["E1 late|missed", ["late", "missed"]],
    ["E1 late, blocked", ["late", "blocked"]],
    ["E1 on time", ["on-time"]],
    ["E1 Not-Done", ["not-done"]],
    ["E1 逾期或超时", ["missed", "late"]],
    ["E1未完成", ["not-done"]],
    ["E1 受阻、超时", ["blocked", "late"]],
    ["E1 完成", ["done"]],
  ])("reads the condition shorthand %j", (text, status) => {
    expect(parseConditionShorthand(text)).toEqual({
      ok: true,
      condition: { expectation: "E1", status },
    });
  });

  it("normalises both forms of `when` to the same condition", () => {
    const withWhen = (when: string) => `
title: When
scenario: A conditional inject.
groups: [{ id: a, name: A }]
injects:
  - id: I1
    at: 0m
    title: t
    message: m
    to: a
    expects: [{ id: E1, group: a, action: x, within: 1h }]
  - id: I2
    at: 2h
    title: t
    message: m
    to: a
    when: ${when}
`;
    const shorthand = parsePlan(withWhen('"E1 missed or late"'), "a.yaml");
    const object = parsePlan(withWhen("{ expectation: E1, status: [missed, late] }"), "b.yaml");
    const chinese = parsePlan(withWhen("E1 逾期或超时"), "c.yaml");
    const expected = { expectation: "E1", status: ["missed", "late"] };
    expect(shorthand.problems).toEqual([]);
    expect(shorthand.plan?.injects[1]?.when).toEqual(expected);
    expect(object.plan?.injects[1]?.when).toEqual(expected);
    expect(chinese.plan?.injects[1]?.when).toEqual(expected);
  });

  it("reports every problem at once, in source order, with no plan", () => {
    const source = `
title: Broken
scenario: Three problems.
groups: [{ id: command, name: C }]
injects:
  - id: I1
    at: soon
    title: t
    message: m
    to: comand
    expects: [{ id: E1, group: command, action: x, within: 1h, after: E1 }]
`;
    const { plan, problems } = parsePlan(source, "broken.yaml");
    expect(plan).toBeUndefined();
    expect(problems.map(where)).toEqual([
      '7:9 error: `at` is not a scenario time: "soon"',
      '10:9 error: unknown group "comand" in `to`',
      "11:71 error: hand-off cycle: E1 → E1",
    ]);
    expect(problems[1]?.hint).toBe('did you mean "command"? (groups: command)');
  });

  it("counts columns in characters: a character outside the BMP (𠮷) counts once", () => {
    const source = `title: 中文标题
scenario: 情景
groups: [{ id: 指挥组, name: 指挥调度组 }]
injects:
  - { id: I1, at: 0m, title: 𠮷注入, message: 消息, to: [指挥组, 流调组] }
`;
    const { problems } = parsePlan(source, "zh.yaml");
    expect(problems.map(where)).toEqual(['5:58 error: unknown group "流调组" in `to`']);
    const line = source.split("\n")[4] as string;
    expect([...line].indexOf("流") + 1).toBe(58);
    expect(line.indexOf("流") + 1).toBe(59); // UTF-16 units would be one more
  });

  it("treats a plan with warnings only as valid", () => {
    const source = MINIMAL.replace(
      "groups:\n",
      "objectives: [{ id: O1, title: Never served }]\ngroups:\n  - { id: idle, name: Idle }\n",
    );
    const { plan, problems } = parsePlan(source, "w.yaml");
    expect(plan).toBeDefined();
    expect(problems.map(where)).toEqual([
      '4:20 warning: no expectation serves objective "O1"',
      '6:11 warning: no inject is delivered to group "idle"',
    ]);
  });

  it("refuses text with NUL bytes and text over the size limit without parsing it", () => {
    expect(parsePlan("title: a\u0000b\n", "bin.yaml").problems.map(where)).toEqual([
      "1:9 error: this is a binary file, not a YAML plan (it contains NUL bytes)",
    ]);
    const huge = `title: x\nscenario: "${"a".repeat(5 * 1024 * 1024)}"\n`;
    const { problems } = parsePlan(huge, "huge.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe("plan is too large (5.0 MB; the limit is 4.0 MB)");
  });

  it("reports absurdly deep nesting as one problem, not a crash", () => {
    const deep = `title: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`;
    const { plan, problems } = parsePlan(deep, "deep.yaml");
    expect(plan).toBeUndefined();
    expect(problems.map((p) => `${p.severity}: ${p.message}`)).toEqual([
      "error: YAML: the plan is nested too deeply to read",
    ]);
  });
});

describe("the examples", () => {
  const read = (name: string) =>
    readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8");

  it.each(["pooled-positive.zh.yaml", "pooled-positive.en.yaml", "river-flood.en.yaml"])(
    "%s is valid with no warnings",
    (name) => {
      const { plan, problems } = parsePlan(read(name), name);
      expect(problems).toEqual([]);
      expect(plan).toBeDefined();
    },
  );

  it("tell the pooled-positive scenario in Chinese and English with the same ids and times", () => {
    const zh = parsePlan(read("pooled-positive.zh.yaml"), "zh").plan;
    const en = parsePlan(read("pooled-positive.en.yaml"), "en").plan;
    if (!zh || !en) throw new Error("examples must parse");
    const skeleton = (plan: typeof zh) => ({
      lang: undefined,
      clock: plan.clock,
      groups: plan.groups.map((g) => [g.id, g.capacity]),
      objectives: plan.objectives.map((o) => o.id),
      injects: plan.injects.map((i) => [i.id, i.atMinutes, i.to, i.when]),
      expectations: allExpectations(plan).map((e) => [
        e.id,
        e.inject,
        e.group,
        e.withinMinutes,
        e.after,
        e.objective,
        e.critical,
      ]),
    });
    expect(skeleton(en)).toEqual(skeleton(zh));
    expect([zh.lang, en.lang]).toEqual(["zh", "en"]);
  });

  it("cover what the seed scenario needs: 10+ injects, three phases, hand-offs, conditions", () => {
    const plan = parsePlan(read("pooled-positive.zh.yaml"), "zh").plan;
    if (!plan) throw new Error("example must parse");
    expect(plan.injects.length).toBeGreaterThanOrEqual(10);
    expect(new Set(plan.injects.map((i) => i.phase))).toEqual(new Set(["预警", "响应", "处置"]));
    expect(plan.groups.map((g) => g.id)).toEqual([
      "command",
      "lockdown",
      "testing",
      "tracing",
      "transfer",
      "supplies",
    ]);
    const byId = new Map(allExpectations(plan).map((e) => [e.id, e]));
    // Tracing hands the close-contact list to transfer & isolation; sampling precedes collection.
    expect(byId.get("E15")?.group).toBe("transfer");
    expect(byId.get(byId.get("E15")?.after[0] ?? "")?.group).toBe("tracing");
    expect(byId.get("E10")?.after).toEqual(["E9"]);
    expect(plan.injects.filter((i) => i.when).map((i) => i.id)).toEqual(["I7", "I11"]);
    expect(byId.get("E1")?.withinMinutes).toBe(30);
    expect(byId.get("E9")?.withinMinutes).toBe(24 * 60);
  });
});
