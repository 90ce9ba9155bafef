import type { Command } from "commander";
import type { CommandContext } from "../context.js";

/** `drill` with no arguments: what the tool is, the commands most people need, a first step. */
export async function intro(program: Command, ctx: CommandContext): Promise<number> {
  ctx.stdout.write(`${program.helpInformation()}\n`);
  return 0;
}
