import type { RunOptions } from "../commands/run.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";

// Placeholder until the console lands.
export async function runLive(_plan: string, _options: RunOptions, _ctx: CommandContext): Promise<number> {
  throw new UsageError("the live console is not available yet", { hint: "use --script" });
}
