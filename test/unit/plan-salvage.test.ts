// When a plan passes the shape check, the rules see the fields that check gave instead of
// each field checked again: the same context either way, on every plan kept in the project.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { builtinCatalogue } from "../../src/capabilities/builtin.js";
import { salvage } from "../../src/plan/load.js";
import { planSchema } from "../../src/plan/schema.js";

const files = ["examples", "test/fixtures"].flatMap((dir) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".yaml") && !f.includes(".script."))
    .map((f) => join(dir, f)),
);

describe("salvage", () => {
  it("gives the rules the same fields from the shape check as from each field's own", () => {
    let whole = 0;
    for (const file of files) {
      let raw: Record<string, unknown>;
      try {
        raw = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      } catch {
        continue; // not YAML a plan could be read from (the broken-plan fixtures)
      }
      const shape = planSchema.safeParse(raw);
      if (!shape.success) continue;
      whole++;
      const fromShape = salvage(raw, shape.data, builtinCatalogue());
      const fieldByField = salvage(raw, undefined, builtinCatalogue());
      expect({ ...fromShape, complete: false }, file).toEqual(fieldByField);
      expect(fromShape.complete).toBe(true);
    }
    // The examples and the fixtures' good plans, not a vacuous pass.
    expect(whole).toBeGreaterThanOrEqual(8);
  });
});
