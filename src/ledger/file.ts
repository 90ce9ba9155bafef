// The ledger file read and written: the one place the ledger meets the disk. It is written
// through the output rule (src/output.ts) — whole, beside itself and renamed into place, never
// over a drill log or a file the command reads — and replaced only because the command was
// asked to update it.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import type { Lang } from "../core/plan.js";
import { UsageError } from "../errors.js";
import { LOG_START_BYTES, looksLikeLog } from "../log/format.js";
import { type CommandInput, fileError, writeOutput } from "../output.js";
import type { DrillRow } from "../replay/row.js";
import { oneLine } from "../text.js";
import { applyDrill, type DrillOutcome } from "./apply.js";
import { ledgerDrillOf } from "./drill.js";
import { ledgerToYaml, parseLedger } from "./format.js";
import { ledgerMessages } from "./messages.js";
import { emptyLedger, type Ledger } from "./model.js";

export interface LedgerFile {
  path: string;
  shown: string;
  ledger: Ledger;
  /** False when the file does not exist yet (a first review starts it). */
  exists: boolean;
}

export async function readLedgerFile(
  shown: string,
  ctx: Pick<CommandContext, "cwd">,
  options: { create?: boolean } = {},
): Promise<LedgerFile> {
  const path = resolve(ctx.cwd, shown);
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && options.create)
      return { path, shown, ledger: emptyLedger(), exists: false };
    if (code === "ENOENT")
      throw new UsageError(`no ledger ${shown}`, {
        hint: "a ledger is started by drill review <log> --ledger <file> (or drill replay … --ledger <file>)",
      });
    throw fileError(error, { shown, path, action: "cannot read" });
  }
  if (looksLikeLog(Buffer.from(source.slice(0, LOG_START_BYTES))))
    throw new UsageError(`${shown} is a drill log, not a ledger`, {
      hint: "give the ledger's own file, e.g. --ledger ledger.yaml: a drill log is never written over",
    });
  return { path, shown, ledger: parseLedger(source, shown), exists: true };
}

export async function writeLedgerFile(
  file: LedgerFile,
  ledger: Ledger,
  inputs: readonly CommandInput[] = [],
): Promise<void> {
  // Replacing the ledger is what the command was asked to do; its inputs stay untouched.
  await writeOutput(file.path, file.shown, ledgerToYaml(ledger), {
    force: true,
    inputs,
    example: "ledger.yaml",
  });
}

/** Takes drills one at a time, oldest first, and writes the ledger once at the end. */
export interface LedgerApplier {
  add(row: DrillRow): void;
  /** Writes the ledger and says on standard error what each drill did. */
  finish(lang: Lang, ctx: Pick<CommandContext, "stderr">): Promise<DrillOutcome[]>;
}

export function ledgerApplier(
  file: LedgerFile,
  inputs: readonly CommandInput[] = [],
): LedgerApplier {
  let ledger = file.ledger;
  const outcomes: DrillOutcome[] = [];
  return {
    add(row) {
      const applied = applyDrill(ledger, ledgerDrillOf(row));
      ledger = applied.ledger;
      outcomes.push(applied.outcome);
    },
    async finish(lang, ctx) {
      await writeLedgerFile(file, ledger, inputs);
      const words = ledgerMessages[lang];
      for (const outcome of outcomes)
        ctx.stderr.write(`${oneLine(words.applied(file.shown, outcome))}\n`);
      return outcomes;
    },
  };
}
