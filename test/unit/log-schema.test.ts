// The shape a log must have once its hashes check out: the embedded plan in full, scenario
// times that never run backwards, ISO wall times. A hand-edited log with recomputed hashes
// is refused by `verify` naming its line, rather than crashing `review` later.

import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { verifyLog } from "../../src/log/reader.js";
import { LogWriter } from "../../src/log/writer.js";
import { analyseLogFile } from "../../src/review/file.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import {
  chainedLines,
  headerFields,
  sampleHeader,
  samplePlan,
  tickingClock,
  writeSampleLog,
} from "../helpers/log-fixtures.js";

let folder: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  folder = tempDir();
  path = join(folder.path, "drill.jsonl");
});
afterEach(() => folder.remove());

const started = { seq: 1, wall: "2026-11-24T09:00:00.000Z", t: 0, type: "drill-started", speed: 4 };
const ended = { seq: 2, wall: "2026-11-24T09:30:00.000Z", t: 120, type: "drill-ended" };

/** A log whose header carries `plan`, hashed as the writer would. */
function logWithPlan(plan: unknown): void {
  writeFileSync(
    path,
    chainedLines([{ ...headerFields(), plan }, started, { ...ended, reason: "script" }]),
  );
}

async function firstProblem(): Promise<{ line: number | undefined; message: string }> {
  const result = await verifyLog(path);
  if (result.ok) throw new Error("the log verified");
  return { line: result.problem.location.line, message: result.problem.message };
}

/** The sample plan with one field taken out, by its path. */
function without(...keys: (string | number)[]): unknown {
  const copy = structuredClone(samplePlan) as unknown as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  delete at[keys.at(-1) as string | number];
  return copy;
}

describe("the plan in the header", () => {
  it("verifies when whole", async () => {
    logWithPlan(samplePlan);
    expect((await verifyLog(path)).ok).toBe(true);
  });

  it.each([
    [["clock"], "`plan.clock`"],
    [["objectives"], "`plan.objectives`"],
    [["scenario"], "`plan.scenario`"],
    [["lang"], "`plan.lang`"],
    [["groups", 0, "members"], "`plan.groups.0.members`"],
    [["injects", 0, "message"], "`plan.injects.0.message`"],
    [["injects", 0, "to"], "`plan.injects.0.to`"],
    [["injects", 0, "expects", 0, "withinMinutes"], "`plan.injects.0.expects.0.withinMinutes`"],
    [["injects", 0, "expects", 0, "after"], "`plan.injects.0.expects.0.after`"],
    [["injects", 0, "expects", 0, "critical"], "`plan.injects.0.expects.0.critical`"],
    [["injects", 0, "expects", 1, "inject"], "`plan.injects.0.expects.1.inject`"],
  ])("is refused on line 1 without %j", async (keys, field) => {
    logWithPlan(without(...keys));
    const problem = await firstProblem();
    expect(problem.line).toBe(1);
    expect(problem.message).toContain("is not a valid header");
    expect(problem.message).toContain(field);
  });

  it.each([
    ["a clock that does not move", { clock: { speed: 0 } }, "`plan.clock.speed`"],
    [
      "a negative inject time",
      { injects: [{ ...samplePlan.injects[1], atMinutes: -5 }] },
      "atMinutes",
    ],
    ["an unknown language", { lang: "fr" }, "`plan.lang`"],
    [
      "an unknown condition status",
      { injects: [{ ...samplePlan.injects[2], when: { expectation: "E2", status: ["soon"] } }] },
      "`plan.injects.0.when.status.0`",
    ],
    ["a capacity of zero", { groups: [{ ...samplePlan.groups[0], capacity: 0 }] }, "capacity"],
  ])("is refused with %s", async (_, change, field) => {
    logWithPlan({ ...samplePlan, ...change });
    const problem = await firstProblem();
    expect(problem.line).toBe(1);
    expect(problem.message).toContain(field);
  });

  it("keeps fields a later version may add", async () => {
    logWithPlan({ ...samplePlan, owner: "区应急办", clock: { speed: 4, zone: "+08:00" } });
    expect((await verifyLog(path)).ok).toBe(true);
  });

  it("that `verify` passes, `review` reads without a crash", async () => {
    // Every field an analysis reads is in the schema, so a log that verifies can be reviewed.
    logWithPlan(samplePlan);
    const review = await analyseLogFile(path);
    expect(review.drill.lastSeq).toBe(2);
    logWithPlan(without("clock"));
    await expect(analyseLogFile(path)).rejects.toBeInstanceOf(InputError);
    logWithPlan(without("objectives"));
    await expect(analyseLogFile(path)).rejects.toBeInstanceOf(InputError);
  });
});

describe("scenario time", () => {
  it("is refused when negative", async () => {
    writeFileSync(path, chainedLines([headerFields(), { ...started, t: -50 }]));
    const problem = await firstProblem();
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("`t`");
  });

  it("is refused when it runs backwards, naming the line", async () => {
    writeFileSync(
      path,
      chainedLines([
        headerFields(),
        started,
        { seq: 2, wall: "2026-11-24T09:10:00.000Z", t: 40, type: "clock-paused" },
        { seq: 3, wall: "2026-11-24T09:11:00.000Z", t: 30, type: "clock-resumed" },
      ]),
    );
    const problem = await firstProblem();
    expect(problem.line).toBe(4);
    expect(problem.message).toBe("line 4 has scenario time t 30, before t 40 of line 3");
  });

  it("may stay the same from one line to the next", async () => {
    writeFileSync(
      path,
      chainedLines([
        headerFields(),
        started,
        { seq: 2, wall: "2026-11-24T09:10:00.000Z", t: 0, type: "clock-paused" },
      ]),
    );
    expect((await verifyLog(path)).ok).toBe(true);
  });

  it("is refused by the writer too when it would run backwards", async () => {
    const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
    try {
      writer.append({ type: "clock-paused", t: 40 });
      expect(() => writer.append({ type: "clock-resumed", t: 30 })).toThrow("before t 40");
      expect(() => writer.append({ type: "clock-resumed", t: -1 })).toThrow("`t`");
    } finally {
      writer.close();
    }
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 1 });
  });
});

describe("wall time", () => {
  it.each([
    ["2026-11-24T09:00:00.000Z"],
    ["2026-11-24T17:00:00+08:00"],
    ["2026-11-24T17:00:00.5+08:00"],
  ])("accepts %s", async (wall) => {
    writeFileSync(path, chainedLines([headerFields(), { ...started, wall }]));
    expect((await verifyLog(path)).ok).toBe(true);
  });

  it.each([["w"], ["2026-11-24"], ["2026-11-24 09:00"], ["yesterday"]])(
    "refuses %j",
    async (wall) => {
      writeFileSync(path, chainedLines([headerFields(), { ...started, wall }]));
      const problem = await firstProblem();
      expect(problem.line).toBe(2);
      expect(problem.message).toContain("`wall`");
    },
  );

  it("refuses a header that did not start at a date-time", async () => {
    writeFileSync(path, chainedLines([{ ...headerFields(), startedAt: "Tuesday morning" }]));
    const problem = await firstProblem();
    expect(problem.line).toBe(1);
    expect(problem.message).toContain("`startedAt`");
  });
});

describe("the logs that exist", () => {
  const logs = [
    ...readdirSync(join(ROOT, "examples"))
      .filter((name) => name.endsWith(".jsonl"))
      .map((name) => join("examples", name)),
    "test/fixtures/logs/pooled-positive.jsonl",
    "test/fixtures/logs/torn.jsonl",
  ];

  it.each(logs)("%s still verifies", async (log) => {
    const result = await verifyLog(join(ROOT, log));
    expect(result.ok, result.ok ? "" : result.problem.message).toBe(true);
  });

  it("include the three examples", () => {
    expect(logs.filter((log) => log.startsWith("examples/"))).toHaveLength(3);
  });

  it("written by the writer verify", async () => {
    await writeSampleLog(path);
    expect((await verifyLog(path)).ok).toBe(true);
  });
});
