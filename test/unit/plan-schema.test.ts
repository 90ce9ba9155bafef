import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { STARTERS } from "../../src/commands/init.js";
import { planSchemaText } from "../../src/commands/schema.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const EXAMPLES = [
  "examples/pooled-positive.zh.yaml",
  "examples/pooled-positive.en.yaml",
  "examples/river-flood.en.yaml",
];

describe("the plan's JSON Schema", () => {
  const schema = JSON.parse(planSchemaText()) as Record<string, unknown>;
  // strict: an unknown keyword or a malformed schema fails compilation (`type: [string, number]` is standard).
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  const validate = ajv.compile(schema);

  it("is a valid draft-07 JSON Schema", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it("is committed as examples/plan.schema.json, identical to `drill schema`", () => {
    expect(read("examples/plan.schema.json")).toBe(planSchemaText());
  });

  it.each(EXAMPLES)("accepts %s, which points editors at it", (path) => {
    const text = read(path);
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./plan.schema.json");
    const valid = validate(parseYaml(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(["en", "zh"] as const)("accepts the %s starter plan of `drill init`", (lang) => {
    expect(validate(parseYaml(STARTERS[lang]))).toBe(true);
  });

  it("rejects unknown keys, missing keys and wrong types, as the validator does", () => {
    const plan = parseYaml(read(EXAMPLES[2] as string)) as Record<string, unknown>;
    expect(validate({ ...plan, titel: "x" })).toBe(false);
    const { title: _, ...untitled } = plan;
    expect(validate(untitled)).toBe(false);
    expect(validate({ ...plan, lang: "fr" })).toBe(false);
    expect(validate({ ...plan, groups: [{ id: "a", name: "A", capacity: 0 }] })).toBe(false);
  });

  it("carries titles and descriptions for editors", () => {
    expect(schema.title).toBe("drillbook plan");
    const properties = schema.properties as Record<string, { description?: string }>;
    for (const key of ["title", "scenario", "lang", "clock", "groups", "objectives", "injects"]) {
      expect(properties[key]?.description, key).toBeTruthy();
    }
  });
});
