// The review's analysis by capability, and decoys acted upon, on small drills whose numbers
// are worked out by hand below.
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { analyse } from "../../src/review/analyse.js";
import { worstRating } from "../../src/review/capabilities.js";
import { expectation, inject } from "../helpers/plans.js";
import { logHeader, runScripted } from "../helpers/scripted.js";

const START = "2026-12-01T09:00:00.000Z";

function plan(): Plan {
  return {
    title: "capabilities",
    scenario: "s",
    lang: "en",
    clock: { speed: 1 },
    groups: [
      { id: "a", name: "A", members: [], responsibilities: [] },
      { id: "b", name: "B", members: [], responsibilities: [] },
    ],
    objectives: [
      { id: "O1", title: "trace fast", capability: "cn.tracing" },
      { id: "O2", title: "trace wide", capability: "流调排查" },
      { id: "O3", title: "test", capability: "cn.testing" },
      { id: "O4", title: "ours", capability: "Our own" },
    ],
    injects: [
      inject(
        "I1",
        0,
        ["a", "b"],
        [
          expectation("E1", "I1", "a", 30, { objective: "O1" }),
          expectation("E2", "I1", "b", 30, { objective: "O2" }),
        ],
      ),
      inject("I2", 60, ["a"], [expectation("E3", "I2", "a", 30, { objective: "O3" })]),
      inject("D1", 70, ["b"], [], { decoy: true, title: "rumour" }),
    ],
  };
}

// E1 done at 0:20 (on time: O1 P); E2 done at 0:45, 15 min late and under twice its target
// (O2 S); E3 never done (missed, not critical: O3 M); O4 has no action ("-").
// B acts on the decoy D1 twice after its delivery (0:70) and A once; B's improvised step at
// 0:65 names the decoy before it was delivered, so it stays improvised.
const SCRIPT = `
- at: "00:20"
  group: a
  expectation: E1
  status: done
  text: list out
- at: "00:45"
  group: b
  expectation: E2
  status: done
  text: wide list out
- at: "01:05"
  group: b
  inject: D1
  status: done
  text: early move
- at: "01:20"
  group: b
  inject: D1
  status: done
  text: sent a team to the rumour
- at: "01:25"
  group: b
  inject: D1
  status: partial
  text: second team
- at: "01:30"
  group: a
  inject: D1
  status: done
  text: asked the CDC
- end: "03:00"
`;

function review() {
  const p = plan();
  return analyse(p, logHeader(p, START), runScripted(p, SCRIPT, START), {
    lang: "en",
    tool: "t",
  });
}

describe("worstRating", () => {
  it("takes U over M over S over P, and '-' only when nothing was exercised", () => {
    expect(worstRating(["P", "S"])).toBe("S");
    expect(worstRating(["P", "-", "M"])).toBe("M");
    expect(worstRating(["U", "P"])).toBe("U");
    expect(worstRating(["-", "-"])).toBe("-");
    expect(worstRating([])).toBe("-");
  });
});

describe("the review by capability", () => {
  it("groups objectives of one capability (by id or name) and rates it by its worst", () => {
    const r = review();
    expect(r.objectives.map((o) => [o.id, o.rating])).toEqual([
      ["O1", "P"],
      ["O2", "S"],
      ["O3", "M"],
      ["O4", "-"],
    ]);
    expect(
      r.capabilities.map((c) => ({
        id: c.id,
        name: c.name,
        library: c.library,
        rating: c.rating,
        objectives: c.objectives,
        counts: c.counts,
      })),
    ).toEqual([
      {
        id: "cn.tracing",
        name: "Epidemiological tracing",
        library: "cn",
        rating: "S",
        objectives: ["O1", "O2"],
        counts: { "on-time": 1, late: 1 },
      },
      {
        id: "cn.testing",
        name: "Nucleic-acid testing",
        library: "cn",
        rating: "M",
        objectives: ["O3"],
        counts: { missed: 1 },
      },
      {
        id: "Our own",
        name: "Our own",
        library: undefined,
        rating: "-",
        objectives: ["O4"],
        counts: {},
      },
    ]);
    // Its findings are its objectives' findings, each once.
    const tracing = r.capabilities[0];
    const o2 = r.objectives.find((o) => o.id === "O2");
    expect(tracing?.findings).toEqual(o2?.findings);
    expect(r.capabilities[1]?.findings.length).toBeGreaterThan(0);
  });
});

describe("a decoy acted upon", () => {
  it("is reported per group, and not as improvised; before delivery it is improvised", () => {
    const r = review();
    expect(r.decoys).toEqual([
      {
        inject: "D1",
        title: "rumour",
        to: ["b"],
        deliveredAt: 70,
        actedOn: 3,
        groups: [
          { group: "b", decisions: 2, recipient: true },
          { group: "a", decisions: 1, recipient: false },
        ],
        decisions: [
          { seq: expect.any(Number), t: 80, group: "b", text: "sent a team to the rumour" },
          { seq: expect.any(Number), t: 85, group: "b", text: "second team" },
          { seq: expect.any(Number), t: 90, group: "a", text: "asked the CDC" },
        ],
      },
    ]);
    // Only the step before delivery is improvised; no role confusion for A on the decoy.
    expect(r.drill.improvised).toBe(1);
    const kinds = [...r.bottlenecks, ...r.gaps].map((f) => f.key);
    expect(kinds).toContain("improvised:b");
    expect(kinds.some((k) => k.startsWith("improvised:a"))).toBe(false);
    expect(kinds.some((k) => k.includes("D1") && k.startsWith("role"))).toBe(false);
  });
});
