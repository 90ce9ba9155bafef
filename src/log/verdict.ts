// What `drill verify` concludes from a log that checks out line by line (./reader.ts): how it
// ends (sealed after the drill's end, or not), whose signature its seals bear and whether it
// holds, and where a head hash noted earlier is. Pure: the log's summary and a key in.

import type { KeyObject } from "node:crypto";
import { formatScenarioTime } from "../core/scenario-time.js";
import { CheckFailedError, type DrillError, NotEndedError, type Problem } from "../errors.js";
import type { LogEnd } from "./messages.js";
import type { VerifyResult } from "./reader.js";
import { fingerprint, sealStatement, signatureValid } from "./seal.js";

type Intact = Extract<VerifyResult, { ok: true }>;

export interface Verdict {
  end: LogEnd;
  /** Set when the header names a signer: whether the seals were checked against its key. */
  signature?: { signer: string; checked: boolean };
  /** With a head to find: its line, and how many lines follow it. */
  head?: { line: number; after: number };
  /** Why the log does not pass: a signature or head that does not hold (exit 1) before an end that is not a sealed drill's end (exit 3). */
  failure?: DrillError;
  /** What the seals say of the log's past: the stretches that continued a log without a seal. */
  notes: Problem[];
}

export interface VerdictOptions {
  /** How messages name the log. */
  file: string;
  /** A head hash (or its first 16+ digits) the log must hold. */
  head?: string;
  /** The public key the seals must be signed with. */
  key?: KeyObject;
  /** Accept a log that is not the sealed log of an ended drill. */
  allowOpen?: boolean;
  /** The failure is shown otherwise (as JSON): it only sets the exit code. */
  reported?: boolean;
}

export function judgeLog(log: Intact, options: VerdictOptions): Verdict {
  const { file } = options;
  const said = { reported: options.reported ?? false };
  const failures: DrillError[] = [];
  const verdict: Verdict = { end: endOf(log), notes: recoveries(log, file) };

  const signer = log.header.signer;
  if (signer) verdict.signature = { signer, checked: options.key !== undefined };
  if (options.key) {
    const given = fingerprint(options.key);
    if (!signer) {
      failures.push(
        new CheckFailedError("the log is not signed", {
          location: { file },
          ...said,
          hint: "it was run without --sign; only the hash chain and its seal can be checked",
        }),
      );
    } else if (given !== signer) {
      failures.push(
        new CheckFailedError(`the log is signed by ${signer}, not by the key given (${given})`, {
          location: { file },
          ...said,
          hint: "give the public key of the key pair the drill was signed with",
        }),
      );
    }
  }
  if (signer) {
    for (const { line, seal } of log.seals) {
      const where = { file, line };
      if (seal.signature === undefined) {
        failures.push(
          new CheckFailedError(`line ${line}: this seal of a signed log bears no signature`, {
            location: where,
            ...said,
            hint: "a signed log's writer signs every seal: this one was written or changed by something else",
          }),
        );
      } else if (
        options.key &&
        fingerprint(options.key) === signer &&
        !signatureValid(options.key, sealStatement(seal, signer), seal.signature)
      ) {
        failures.push(
          new CheckFailedError(`line ${line}: the seal's signature does not check out`, {
            location: where,
            ...said,
            hint: "the log was changed after it was signed (and its hashes written anew), or the seal was signed by another key",
          }),
        );
      }
    }
  }

  if (options.head !== undefined) {
    if (log.headAt === undefined) {
      failures.push(
        new CheckFailedError(`no line of this log has the head ${options.head}`, {
          location: { file },
          ...said,
          hint: "the log was cut short before that line, or changed; a log is only ever added to, so a head noted earlier stays in it",
        }),
      );
    } else {
      verdict.head = { line: log.headAt, after: log.lines - log.headAt };
    }
  }

  if (verdict.end !== "sealed" && !options.allowOpen)
    failures.push(notEnded(verdict.end, log, file, said.reported));
  const [failure] = failures;
  if (failure) verdict.failure = failure;
  return verdict;
}

function endOf(log: Intact): LogEnd {
  if (log.closing) return log.closing.ended ? "sealed" : "open";
  return log.ended ? "ended-unsealed" : "unsealed";
}

const ALLOW = "`drill verify --allow-open` accepts a log whose drill has not ended";

function notEnded(
  end: Exclude<LogEnd, "sealed">,
  log: Intact,
  file: string,
  reported: boolean,
): NotEndedError {
  const location = { file, line: log.lines };
  const at = formatScenarioTime(log.lastT);
  switch (end) {
    case "open":
      return new NotEndedError(
        `the drill has not ended: it was interrupted at ${at} and its log closed`,
        {
          location,
          reported,
          hint: `continue it with \`drill run --resume ${file}\`; ${ALLOW}`,
        },
      );
    case "ended-unsealed":
      return new NotEndedError(
        "the drill ended, but the log does not end with a seal: its writer stopped during the hot wash (a crash), lines were cut off its end, or it was written before drillbook sealed its logs",
        {
          location,
          reported,
          hint: `if the head hash was noted, \`drill verify ${file} --head <hash>\` shows whether anything is missing; ${ALLOW}`,
        },
      );
    case "unsealed":
      return new NotEndedError(
        `not ended — interrupted, or truncated: the log stops at ${at} without a seal (its writer stopped without closing it, or lines were cut off its end)`,
        {
          location,
          reported,
          hint: `continue an interrupted drill with \`drill run --resume ${file}\`; if the head hash was noted, \`--head <hash>\` shows whether anything is missing; ${ALLOW}`,
        },
      );
  }
}

function recoveries(log: Intact, file: string): Problem[] {
  return log.seals.flatMap(({ line, seal }) =>
    seal.recovered
      ? [
          {
            severity: "warning" as const,
            location: { file, line },
            message: `the drill was continued after line ${seal.recovered.after + 1} from a log that did not end with a seal${
              seal.recovered.tornBytes
                ? ` (a torn line of ${seal.recovered.tornBytes} byte(s) was dropped)`
                : ""
            }`,
            hint: "its writer had stopped without closing it (a crash), or lines had been cut off its end",
          },
        ]
      : [],
  );
}
