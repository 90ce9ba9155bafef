// The capability libraries: the built-in data files, a user's own, and how a plan's
// objectives name capabilities (ids checked with "did you mean" and a location).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinCatalogue, builtinLibraries } from "../../src/capabilities/builtin.js";
import { catalogueOf, resolveCapability } from "../../src/capabilities/catalogue.js";
import { coverageOf } from "../../src/capabilities/coverage.js";
import { parseLibrary } from "../../src/capabilities/library-yaml.js";
import { parsePlan } from "../../src/plan/load.js";
import { ROOT } from "../helpers/cli.js";

const planWith = (capability: string) => `title: t
scenario: s
groups:
  - id: a
    name: A
objectives:
  - id: O1
    title: o
    capability: ${capability}
injects:
  - id: I1
    at: 0
    title: i
    message: m
    to: a
    expects:
      - id: E1
        group: a
        action: act
        within: 30m
        objective: O1
`;

describe("the built-in libraries", () => {
  it("are embedded as exactly what their YAML files say, read as a user's file would be", () => {
    const files = { fema: "fema.yaml", cn: "cn-epidemic.yaml" };
    for (const library of builtinLibraries()) {
      const file = files[library.id as keyof typeof files];
      const text = readFileSync(join(ROOT, "src/capabilities", file), "utf8");
      const read = parseLibrary(text, file);
      expect(read.problems).toEqual([]);
      expect(library).toStrictEqual(read.library);
    }
    expect(builtinLibraries().map((l) => l.id)).toEqual(["fema", "cn"]);
  });

  it("holds the 32 FEMA core capabilities with their mission areas", () => {
    const fema = builtinLibraries().find((l) => l.id === "fema");
    expect(fema?.version).toBe(1);
    expect(fema?.capabilities).toHaveLength(32);
    const byArea = (area: string) =>
      fema?.capabilities.filter((c) => c.missionAreas.includes(area)).length;
    // The National Preparedness Goal: 3 capabilities common to all five areas.
    expect(byArea("prevention")).toBe(7);
    expect(byArea("protection")).toBe(11);
    expect(byArea("mitigation")).toBe(7);
    expect(byArea("response")).toBe(15);
    expect(byArea("recovery")).toBe(8);
    expect(fema?.capabilities.map((c) => c.id)).toContain(
      "fema.public-health-healthcare-and-emergency-medical-services",
    );
  });

  it("holds the epidemic-response set, each with critical tasks", () => {
    const cn = builtinLibraries().find((l) => l.id === "cn");
    expect(cn?.capabilities.map((c) => c.name.zh)).toEqual([
      "指挥调度",
      "流调溯源",
      "核酸检测",
      "转运隔离",
      "封控管控",
      "医疗救治",
      "消毒消杀",
      "物资保障",
      "宣传舆情",
    ]);
    for (const c of cn?.capabilities ?? []) expect(c.criticalTasks.length).toBeGreaterThan(1);
  });
});

describe("resolveCapability", () => {
  const catalogue = builtinCatalogue();
  it("takes an id, a name or an alias in either language", () => {
    expect(resolveCapability("cn.tracing", catalogue)).toMatchObject({ kind: "id" });
    expect(resolveCapability("流调溯源", catalogue).kind).toBe("name");
    expect(resolveCapability("流调排查", catalogue)).toMatchObject({
      kind: "name",
      capability: { id: "cn.tracing" },
    });
    expect(resolveCapability("operational coordination", catalogue)).toMatchObject({
      capability: { id: "fema.operational-coordination" },
    });
  });

  it("suggests the id a misspelt or shortened one stands for", () => {
    expect(resolveCapability("cn.tracng", catalogue)).toEqual({
      kind: "unknown-id",
      library: "cn",
      suggestion: "cn.tracing",
    });
    expect(resolveCapability("fema.public-health", catalogue)).toEqual({
      kind: "unknown-id",
      library: "fema",
      suggestion: "fema.public-health-healthcare-and-emergency-medical-services",
    });
  });
});

describe("a plan's capability ids", () => {
  it("are errors when a known library lacks them, with the suggestion and file:line:col", () => {
    const { plan, problems } = parsePlan(planWith("cn.tracng"), "p.yaml");
    expect(plan).toBeUndefined();
    expect(problems).toEqual([
      {
        severity: "error",
        location: { file: "p.yaml", line: 9, col: 17 },
        message: 'unknown capability "cn.tracng" in library cn',
        hint: 'did you mean "cn.tracing"? (list them: drill capabilities --library cn)',
      },
    ]);
  });

  it("accept free text with a warning, suggesting the nearest capability", () => {
    const { plan, problems } = parsePlan(planWith("Operational Coordnation"), "p.yaml");
    expect(plan?.objectives[0]?.capability).toBe("Operational Coordnation");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: "warning",
      location: { line: 9, col: 17 },
      hint: expect.stringContaining('did you mean "fema.operational-coordination"?'),
    });
  });

  it("accept an id and a name silently, and a user's own library's ids when given it", () => {
    expect(parsePlan(planWith("cn.testing"), "p.yaml").problems).toEqual([]);
    expect(parsePlan(planWith("核酸检测"), "p.yaml").problems).toEqual([]);
    const ours = parseLibrary(
      `library: ours
version: 1
title: { en: Ours }
capabilities:
  - id: ours.triage
    name: { en: Triage }
`,
      "ours.yaml",
    );
    expect(ours.problems).toEqual([]);
    const catalogue = catalogueOf([...builtinLibraries(), ...(ours.library ? [ours.library] : [])]);
    expect(
      parsePlan(planWith("ours.triage"), "p.yaml", { capabilities: catalogue }).problems,
    ).toEqual([]);
    expect(
      parsePlan(planWith("ours.triag"), "p.yaml", { capabilities: catalogue }).problems[0],
    ).toMatchObject({
      severity: "error",
      hint: expect.stringContaining('"ours.triage"'),
    });
  });
});

describe("a library file", () => {
  it("is refused with locations when ids do not carry the library's prefix or repeat", () => {
    const { library, problems } = parseLibrary(
      `library: ours
version: 1
title: { en: Ours }
capabilities:
  - id: other.triage
    name: { en: Triage }
  - id: ours.x
    name: { en: X }
  - id: ours.x
    name: { en: X again }
`,
      "ours.yaml",
    );
    expect(library).toBeUndefined();
    expect(problems.map((p) => [p.location.line, p.message])).toEqual([
      [5, 'capability id "other.triage" does not start with the library\'s id "ours."'],
      [9, 'duplicate capability id "ours.x"'],
    ]);
  });
});

describe("coverageOf", () => {
  it("names the capabilities no plan exercises", () => {
    const cn = builtinLibraries().find((l) => l.id === "cn");
    if (!cn) throw new Error("no cn library");
    const a = parsePlan(planWith("cn.tracing"), "a.yaml").plan;
    const b = parsePlan(planWith("核酸检测"), "b.yaml").plan;
    if (!a || !b) throw new Error("plans did not parse");
    const coverage = coverageOf(
      cn,
      [
        { file: "a.yaml", plan: a },
        { file: "b.yaml", plan: b },
      ],
      builtinCatalogue(),
    );
    expect(coverage.capabilities.find((c) => c.id === "cn.tracing")?.plans).toEqual(["a.yaml"]);
    expect(coverage.capabilities.find((c) => c.id === "cn.testing")?.objectives).toEqual([
      "b.yaml#O1",
    ]);
    expect(coverage.never).toEqual([
      "cn.command",
      "cn.transfer-isolation",
      "cn.lockdown-control",
      "cn.treatment",
      "cn.disinfection",
      "cn.supplies",
      "cn.publicity",
    ]);
  });
});
