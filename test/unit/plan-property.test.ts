import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { InputError, UsageError } from "../../src/errors.js";
import { type PlanParseResult, parsePlan, readPlanFile } from "../../src/plan/load.js";
import { mutateText, textMutation } from "../fuzz/mutate.js";

// Thousands of mutated plans: the loader must answer every one with problems or a plan,
// never with an exception of its own or a library's.

const EXAMPLES = ["pooled-positive.zh.yaml", "pooled-positive.en.yaml", "river-flood.en.yaml"].map(
  (name) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"),
);

function expectWellFormed(result: PlanParseResult, source: string, file: string) {
  const hasError = result.problems.some((p) => p.severity === "error");
  expect(result.plan === undefined).toBe(hasError);
  const lines = source.split("\n").length;
  for (const problem of result.problems) {
    expect(problem.location.file).toBe(file);
    expect(problem.message.length).toBeGreaterThan(0);
    if (problem.location.line !== undefined) {
      expect(problem.location.line).toBeGreaterThanOrEqual(1);
      expect(problem.location.line).toBeLessThanOrEqual(lines + 1);
      expect(problem.location.col).toBeGreaterThanOrEqual(1);
    }
  }
}

/** Replaces, deletes or renames something at a random place in the parsed plan. */
const structureMutation = fc.record({
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  action: fc.oneof(
    fc.record({ kind: fc.constant("replace" as const), value: fc.anything({ maxDepth: 2 }) }),
    fc.record({
      kind: fc.constant("replace" as const),
      value: fc.constantFrom(
        "E1",
        "E5",
        "command",
        "tracing",
        "I1",
        "O9",
        "2h",
        "-1h",
        "E5 missed",
        [],
        {},
        null,
      ),
    }),
    fc.record({ kind: fc.constant("delete" as const) }),
    fc.record({ kind: fc.constant("duplicate" as const) }),
  ),
});

type StructureMutation = typeof structureMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateStructure(root: unknown, { pick, action }: StructureMutation): unknown {
  // Walk down by the picked indices; act on the container's chosen slot.
  let node = root;
  for (let depth = 0; depth < pick.length; depth++) {
    if (node === null || typeof node !== "object") break;
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) break;
    const key = keys[(pick[depth] as number) % keys.length] as string;
    const last =
      depth === pick.length - 1 || typeof container[key] !== "object" || container[key] === null;
    if (!last) {
      node = container[key];
      continue;
    }
    if (action.kind === "replace") container[key] = action.value;
    else if (action.kind === "delete") {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
    } else if (Array.isArray(container)) container.push(structuredClone(container[Number(key)]));
    else container[`${key}2`] = structuredClone(container[key]);
    break;
  }
  return root;
}

describe("the loader on mutated plans", () => {
  it("answers every text mutation with problems or a plan, never an exception", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: EXAMPLES.length - 1 }),
        fc.array(textMutation, { minLength: 1, maxLength: 5 }),
        (which, mutations) => {
          const source = mutations.reduce(mutateText, EXAMPLES[which] as string);
          expectWellFormed(parsePlan(source, "mutated.yaml"), source, "mutated.yaml");
        },
      ),
      { numRuns: 1000, seed: 20261124 },
    );
  }, 120_000);

  it("answers every structural mutation with problems or a plan, never an exception", () => {
    const parsed = EXAMPLES.map((text) => parseYaml(text) as unknown);
    fc.assert(
      fc.property(
        fc.nat({ max: EXAMPLES.length - 1 }),
        fc.array(structureMutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          const root = mutations.reduce(mutateStructure, structuredClone(parsed[which]));
          let source: string;
          try {
            source = stringify(root);
          } catch {
            return; // fast-check values YAML cannot write (e.g. some symbols): not a plan at all
          }
          expectWellFormed(parsePlan(source, "mutated.yaml"), source, "mutated.yaml");
        },
      ),
      { numRuns: 1000, seed: 20261124 },
    );
  }, 120_000);

  const folder = mkdtempSync(join(tmpdir(), "drill-plan-property-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("readPlanFile throws only the tool's own errors, for mutated text and arbitrary bytes", async () => {
    const file = join(folder, "plan.yaml");
    const bytes = fc.oneof(
      fc
        .tuple(
          fc.nat({ max: EXAMPLES.length - 1 }),
          fc.array(textMutation, { minLength: 1, maxLength: 4 }),
        )
        .map(([which, mutations]) =>
          Buffer.from(mutations.reduce(mutateText, EXAMPLES[which] as string)),
        ),
      fc.uint8Array({ maxLength: 400 }).map((array) => Buffer.from(array)),
      // A valid plan with one byte flipped, often into invalid UTF-8.
      fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([at, byte]) => {
        const buffer = Buffer.from(EXAMPLES[0] as string);
        buffer[at % buffer.length] = byte;
        return buffer;
      }),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        writeFileSync(file, content);
        try {
          const loaded = await readPlanFile(file);
          expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
        } catch (error) {
          expect(error instanceof InputError || error instanceof UsageError).toBe(true);
          if (error instanceof InputError) expect(error.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400, seed: 20261124 },
    );
  }, 120_000);
});
