import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import type { CommandInput } from "../output.js";

/** The flags of `drill run`, shared by scripted runs and the live console. */
export interface RunOptions {
  script?: string;
  log?: string;
  resume?: string;
  speed?: number;
  lang?: string;
  report?: string;
  startTime?: string;
  /** A plain-text copy of the live console's announcements and logged lines. */
  transcript?: string;
  /** Stop the clock while an entry is open (undefined: above ×10). */
  pauseOnEntry?: boolean;
  /** Replace an existing `report` file. */
  force?: boolean;
  /** A private key file (`drill keygen`) that signs the log's seals. */
  sign?: string;
  /** An unannounced drill: jittered inject times, upcoming injects hidden. */
  unannounced?: boolean;
  /** The seed of its times (default: from the start time). */
  seed?: number;
  /** Open the room: a board for the projector and a seat for every group and evaluator. */
  room?: boolean;
  /** Where the room listens (default loopback: this machine only). */
  host?: string;
  port?: number;
}

/** The output rule for `--report`: never the plan, the script or the log (src/output.ts). */
export function reportRule(
  planPath: string | undefined,
  options: RunOptions,
  cwd: string,
): { force: boolean; inputs: CommandInput[] } {
  const input = (shown: string, what: string) => ({ path: resolve(cwd, shown), shown, what });
  const inputs = planPath === undefined ? [] : [input(planPath, "the plan")];
  if (options.script) inputs.push(input(options.script, "the decision script"));
  const log = options.resume ?? options.log;
  if (log) inputs.push(input(log, "the log"));
  return { force: options.force ?? false, inputs };
}

/** `--report <file>`: the review of the drill just run, written by the output rule above. */
export async function writeRunReport(
  logPath: string,
  planPath: string | undefined,
  options: RunOptions & { report: string },
  ctx: CommandContext,
): Promise<void> {
  const { writeReportFile } = await import("../review/write.js");
  await writeReportFile(
    logPath,
    options.report,
    options.lang,
    ctx,
    reportRule(planPath, options, ctx.cwd),
  );
}
