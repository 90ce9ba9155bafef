// `drill verify <log>`: checks the hash chain, every line's shape, and how the log ends. A
// log that is whole and ends with the seal of an ended drill passes; a broken one, a
// signature or a noted head that does not hold fails (exit 1); one that checks out but does
// not end so — interrupted, or cut short — exits 3, or 0 with --allow-open.

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { CheckFailedError, formatProblem, InputError, UsageError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { logMessages } from "../log/messages.js";
import { verifyLog } from "../log/reader.js";
import { readPublicKey } from "../log/seal.js";
import { judgeLog } from "../log/verdict.js";
import { jsonText, oneLine } from "../text.js";

export interface VerifyOptions {
  json?: boolean;
  allowOpen?: boolean;
  /** A head hash noted when the drill ended (its first 16 hex digits or more). */
  head?: string;
  /** A public key file (`drill keygen`'s .pub) to check the seals' signatures against. */
  key?: string;
}

export async function verify(
  file: string,
  options: VerifyOptions,
  ctx: CommandContext,
): Promise<number> {
  const head = options.head === undefined ? undefined : headHash(options.head);
  const key = options.key
    ? await readPublicKey(resolve(ctx.cwd, options.key), options.key)
    : undefined;
  const result = await verifyLog(resolve(ctx.cwd, file), {
    name: file,
    ...(head ? { findHead: head } : {}),
  });
  if (!result.ok) {
    const { problem } = result;
    if (options.json) {
      ctx.stdout.write(`${jsonText({ ok: false, file, problem }, 2)}\n`);
      throw new CheckFailedError(problem.message, { reported: true });
    }
    throw new InputError(problem.message, {
      location: problem.location,
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  }
  const verdict = judgeLog(result, {
    file,
    ...(head ? { head } : {}),
    ...(key ? { key } : {}),
    ...(options.allowOpen ? { allowOpen: true } : {}),
    ...(options.json ? { reported: true } : {}),
  });
  const warnings = [...result.warnings, ...verdict.notes];

  if (options.json) {
    const summary = {
      ok: true,
      complete: verdict.end === "sealed",
      file,
      title: result.header.plan.title,
      tool: result.header.tool,
      startedAt: result.header.startedAt,
      planSha256: result.header.planSha256,
      events: result.events,
      lastT: result.lastT,
      ended: result.ended,
      end: verdict.end,
      lines: result.lines,
      head: result.head,
      ...(verdict.signature
        ? { signer: verdict.signature.signer, signatureChecked: verdict.signature.checked }
        : {}),
      ...(verdict.head ? { headAt: verdict.head.line } : {}),
      ...(verdict.failure ? { failure: verdict.failure.message } : {}),
      warnings,
    };
    ctx.stdout.write(`${jsonText(summary, 2)}\n`);
    if (verdict.failure) throw verdict.failure;
    return 0;
  }

  for (const warning of warnings) ctx.stderr.write(`${formatProblem(warning)}\n`);
  const words = logMessages[resolveLang(undefined, result.header.plan.lang, ctx.env)];
  const span = `${formatScenarioTime(0)}–${formatScenarioTime(result.lastT)}`;
  const lines = [
    words.verified(
      oneLine(result.header.plan.title),
      result.events,
      span,
      verdict.end,
      warnings.length,
    ),
  ];
  if (verdict.signature)
    lines.push(
      words.signedBy(verdict.signature.signer, verdict.signature.checked && !verdict.failure),
    );
  if (verdict.head) lines.push(words.headFound(verdict.head.line, verdict.head.after));
  for (const line of lines) ctx.stdout.write(`${oneLine(file)}: ${line}\n`);
  if (verdict.failure) throw verdict.failure;
  return 0;
}

/** `--head`: the hash as `drill run` printed it, or its first 16 hex digits or more. */
function headHash(text: string): string {
  const hash = text.trim().toLowerCase();
  if (!/^[0-9a-f]{16,64}$/.test(hash)) {
    throw new UsageError(`--head is not a head hash: "${text}"`, {
      hint: "give the hash printed at the end of the drill, or at least its first 16 hex digits",
    });
  }
  return hash;
}
