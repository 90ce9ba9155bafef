import { resolve } from "node:path";
import { builtinLibraries } from "../capabilities/builtin.js";
import type { CapabilityCatalogue } from "../capabilities/catalogue.js";
import { catalogueWith } from "../capabilities/load.js";
import type { CommandContext } from "../context.js";
import { writeOutput } from "../output.js";
import { planJsonSchema } from "../plan/schema.js";

export interface SchemaOptions {
  out?: string;
  force?: boolean;
  /** Library files whose capability ids editors should offer too. */
  library?: string[];
}

/**
 * The plan's JSON Schema as text, generated from the validator's own schema; an objective's
 * `capability` offers the libraries' ids (editors complete from the enum; other text is allowed).
 */
export function planSchemaText(catalogue?: CapabilityCatalogue): string {
  const schema = planJsonSchema() as {
    properties: { objectives: { items: { properties: Record<string, Record<string, unknown>> } } };
  };
  const fields = schema.properties.objectives.items.properties;
  const capability = fields.capability;
  if (capability) {
    const { description, ...text } = capability;
    const libraries = catalogue?.libraries ?? builtinLibraries();
    fields.capability = {
      description,
      anyOf: [{ enum: libraries.flatMap((l) => l.capabilities.map((c) => c.id)) }, text],
    };
  }
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** `drill schema [-o file] [--library file]`: prints (or writes) the plan's JSON Schema for editors. */
export async function schema(options: SchemaOptions, ctx: CommandContext): Promise<number> {
  const catalogue =
    options.library && options.library.length > 0
      ? await catalogueWith(options.library, ctx.cwd)
      : undefined;
  const text = planSchemaText(catalogue);
  if (options.out === undefined) {
    ctx.stdout.write(text);
    return 0;
  }
  await writeOutput(resolve(ctx.cwd, options.out), options.out, text, {
    force: options.force ?? false,
    example: "plan.schema.json",
  });
  ctx.stderr.write(`wrote ${options.out}\n`);
  return 0;
}
