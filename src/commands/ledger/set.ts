// `drill ledger set <id> --status … --owner … --person … --due …`: who fixes an item, by when,
// and where it stands. Each change goes into the item's history; only a drill verifies.

import type { CommandContext } from "../../context.js";
import { UsageError } from "../../errors.js";
import { changeProblem, editItem, type ItemChanges, isLedgerStatus } from "../../ledger/edit.js";
import { readLedgerFile, writeLedgerFile } from "../../ledger/file.js";
import { ledgerMessages } from "../../ledger/messages.js";
import { LEDGER_STATUSES } from "../../ledger/model.js";
import { DEFAULT_LEDGER, type LedgerCommandOptions, ledgerLang } from "./options.js";

export interface LedgerSetOptions extends LedgerCommandOptions {
  status?: string;
  reason?: string;
  owner?: string;
  person?: string;
  due?: string;
  action?: string;
}

export async function ledgerSetCommand(
  id: string,
  options: LedgerSetOptions,
  ctx: CommandContext,
): Promise<number> {
  const file = await readLedgerFile(options.ledger ?? DEFAULT_LEDGER, ctx);
  const item = file.ledger.items.find((i) => i.id === id);
  if (!item) {
    const ids = file.ledger.items.map((i) => i.id);
    throw new UsageError(`no item ${id} in ${file.shown}`, {
      hint:
        ids.length > 0
          ? `its items are ${ids.slice(0, 20).join(", ")}${ids.length > 20 ? ", …" : ""}`
          : "the ledger has no items yet",
    });
  }
  if (options.status !== undefined && !isLedgerStatus(options.status))
    throw new UsageError(`unknown status ${options.status}`, {
      hint: `one of ${LEDGER_STATUSES.filter((s) => s !== "verified").join(", ")}`,
    });
  const changes: ItemChanges = {
    ...(options.status !== undefined ? { status: options.status as ItemChanges["status"] } : {}),
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
    ...(options.person !== undefined ? { person: options.person } : {}),
    ...(options.due !== undefined ? { due: options.due } : {}),
    ...(options.action !== undefined ? { action: options.action } : {}),
  };
  if (Object.keys(changes).length === 0)
    throw new UsageError("nothing to set", {
      hint: "give --status, --owner, --person, --due, --action or --reason",
    });
  const problem = changeProblem(item, changes);
  if (problem)
    throw new UsageError(problem, {
      hint:
        changes.status === "dropped"
          ? 'add --reason "…"'
          : "an item is verified when a later drill no longer shows its finding (drill review <log> --ledger)",
    });
  const edited = editItem(file.ledger, id, changes, { at: ctx.now().toISOString(), by: "edit" });
  if (edited.changed) await writeLedgerFile(file, edited.ledger);
  ctx.stdout.write(
    `${ledgerMessages[ledgerLang(options, ctx, file.ledger.lang)].set(id, edited.changed)}\n`,
  );
  return 0;
}
