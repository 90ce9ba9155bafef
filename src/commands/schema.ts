import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";
import { planJsonSchema } from "../plan/schema.js";

export interface SchemaOptions {
  out?: string;
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
  try {
    await writeFile(resolve(ctx.cwd, options.out), text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot write ${options.out} (${reason})`, {
      hint: "check that the folder exists and can be written",
    });
  }
  ctx.stderr.write(`wrote ${options.out}\n`);
  return 0;
}
