import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";

// Placeholder until the review lands.
export async function writeReportFile(
  _log: string,
  _out: string,
  _lang: string | undefined,
  _ctx: CommandContext,
): Promise<void> {
  throw new UsageError("--report is not available yet");
}
