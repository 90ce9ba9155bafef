// `drill keygen [file]`: an Ed25519 key pair for signing drill logs. The private key (PKCS #8
// PEM, readable by its owner only) signs with `drill run --sign <file>`; the public key
// (`<file>.pub`) checks with `drill verify --key <file>.pub`. Only the fingerprint enters a log.

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { newKeyPair } from "../log/seal.js";
import { checkOutput, writeOutput } from "../output.js";

export interface KeygenOptions {
  force?: boolean;
}

export async function keygen(
  file: string,
  options: KeygenOptions,
  ctx: CommandContext,
): Promise<number> {
  const publicFile = `${file}.pub`;
  const rule = { force: options.force ?? false, example: "drill-key" };
  // Both files or neither: what is in the way of either is found before one is written.
  for (const name of [file, publicFile]) await checkOutput(resolve(ctx.cwd, name), name, rule);
  const pair = newKeyPair();
  await writeOutput(resolve(ctx.cwd, file), file, pair.privatePem, { ...rule, mode: 0o600 });
  await writeOutput(resolve(ctx.cwd, publicFile), publicFile, pair.publicPem, rule);
  ctx.stdout.write(
    `wrote ${file} (private: keep it to yourself) and ${publicFile} (public)\n` +
      `fingerprint ${pair.fingerprint}\n` +
      `sign a drill:  drill run <plan> --sign ${file}\n` +
      `check a log:   drill verify <log> --key ${publicFile}\n`,
  );
  return 0;
}
