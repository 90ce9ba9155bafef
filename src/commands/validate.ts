import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";

// Placeholder until the command lands.
export async function validate(..._args: unknown[]): Promise<number> {
  void (_args.at(-1) as CommandContext);
  throw new UsageError("`drill validate` is not available yet");
}
