// `drill verify <log>`: checks the hash chain and every line's shape; exit 0 with a
// summary when the log is intact, exit 1 naming the first bad line when not.

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { EXIT, formatProblem, InputError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { logMessages } from "../log/messages.js";
import { verifyLog } from "../log/reader.js";
import { jsonText, oneLine } from "../text.js";

export interface VerifyOptions {
  json?: boolean;
}

export async function verify(
  file: string,
  options: VerifyOptions,
  ctx: CommandContext,
): Promise<number> {
  const result = await verifyLog(resolve(ctx.cwd, file), { name: file });
  if (options.json) {
    const summary = result.ok
      ? {
          ok: true,
          file,
          title: result.header.plan.title,
          tool: result.header.tool,
          startedAt: result.header.startedAt,
          planSha256: result.header.planSha256,
          events: result.events,
          lastT: result.lastT,
          ended: result.ended,
          warnings: result.warnings,
        }
      : { ok: false, file, problem: result.problem };
    ctx.stdout.write(`${jsonText(summary, 2)}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  if (!result.ok) {
    const { problem } = result;
    throw new InputError(problem.message, {
      location: problem.location,
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  }
  for (const warning of result.warnings) ctx.stderr.write(`${formatProblem(warning)}\n`);
  const words = logMessages[resolveLang(undefined, result.header.plan.lang, ctx.env)];
  const span = `${formatScenarioTime(0)}–${formatScenarioTime(result.lastT)}`;
  const summary = words.verified(
    oneLine(result.header.plan.title),
    result.events,
    span,
    result.ended,
    result.warnings.length,
  );
  ctx.stdout.write(`${file}: ${summary}\n`);
  return EXIT.ok;
}
