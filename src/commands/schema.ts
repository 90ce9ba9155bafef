import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { writeOutput } from "../output.js";
import { planJsonSchema } from "../plan/schema.js";

export interface SchemaOptions {
  out?: string;
  force?: boolean;
}

/** The plan's JSON Schema as text, generated from the validator's own schema. */
export function planSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

/** `drill schema [-o file]`: prints (or writes) the plan's JSON Schema for editors. */
export async function schema(options: SchemaOptions, ctx: CommandContext): Promise<number> {
  const text = planSchemaText();
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
