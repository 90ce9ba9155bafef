// The fuzz layer (test/fuzz/): mutated plans, decision scripts and mapping files, damaged
// logs, with fixed seeds. Every case is answered or refused with the tool's own located
// error, never an internal one, and no damaged log passes as complete. `npm run fuzz` runs
// the same targets longer.

import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type FuzzResult,
  fuzzLogs,
  fuzzMappings,
  fuzzPlans,
  fuzzScripts,
} from "../fuzz/targets.js";

const SEED = 20261124;

function expectNoFindings(result: FuzzResult, runs: number) {
  expect(result.cases).toBe(runs);
  expect(result.findings.map((f) => `case ${f.index}: ${f.message}`)).toEqual([]);
  // The mutations reach both outcomes, or the run proves little.
  expect(result.accepted).toBeGreaterThan(0);
  expect(result.refused).toBeGreaterThan(0);
}

describe("the fuzz layer", () => {
  // Plans are the slowest to read (YAML, then the schema); plan-property.test.ts adds 2,400.
  it("1,000 mutated plans", () => {
    expectNoFindings(fuzzPlans({ runs: 1_000, seed: SEED }), 1_000);
  }, 300_000);

  it("10,000 mutated decision scripts through drill run --script", async () => {
    const folder = existsSync("/dev/shm") ? "/dev/shm" : undefined;
    const result = await fuzzScripts({ runs: 10_000, seed: SEED, ...(folder ? { folder } : {}) });
    expectNoFindings(result, 10_000);
  }, 600_000);

  it("5,000 damaged logs: byte flips, lines dropped, truncation", async () => {
    const result = await fuzzLogs({ runs: 5_000, seed: SEED });
    expect(result.findings.map((f) => `case ${f.index}: ${f.message}`)).toEqual([]);
    expect(result.refused).toBeGreaterThan(4_900);
  }, 300_000);

  it("2,000 mutated mapping files", () => {
    expectNoFindings(fuzzMappings({ runs: 2_000, seed: SEED }), 2_000);
  }, 300_000);
});
