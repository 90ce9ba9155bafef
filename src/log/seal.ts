// Seals and their signatures. The hash chain shows that a log is whole up to its last line;
// a seal, the line its writer ends it with on closing, shows where that last line is; an
// Ed25519 signature of the seal (node:crypto) shows who closed it: whoever holds the private
// key of the public key whose fingerprint the header names. The keys never enter the log.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { readFile } from "node:fs/promises";
import type { LogSeal } from "../core/events.js";
import { UsageError } from "../errors.js";

/** A private key that signs seals, and the fingerprint of its public key. */
export interface Signer {
  key: KeyObject;
  fingerprint: string;
}

/** "SHA256:" and the base64 (unpadded) SHA-256 of the public key's DER (SPKI), as OpenSSH shows keys. */
export function fingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}

/**
 * What a seal's signature signs: the seal's place in the log, what it counts, whether the
 * drill ended, the head it closes (which covers every line before it, the header and its
 * `signer` too), and the signer's fingerprint.
 */
export function sealStatement(
  seal: Pick<LogSeal, "seq" | "events" | "ended" | "head">,
  signer: string,
): Buffer {
  return Buffer.from(
    [
      "drillbook-seal/1",
      signer,
      `seq ${seal.seq}`,
      `events ${seal.events}`,
      seal.ended ? "ended" : "open",
      seal.head,
      "",
    ].join("\n"),
    "utf8",
  );
}

export function signStatement(signer: Signer, statement: Buffer): string {
  return sign(null, statement, signer.key).toString("base64");
}

export function signatureValid(
  publicKey: KeyObject,
  statement: Buffer,
  signature: string,
): boolean {
  try {
    return verify(null, statement, publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/** A new key pair as PEM texts (PKCS #8 and SPKI), with the public key's fingerprint. */
export function newKeyPair(): { privatePem: string; publicPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: fingerprint(publicKey),
  };
}

async function keyText(path: string, shown: string): Promise<string> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      error.code === "ENOENT"
        ? `no such key file: ${shown}`
        : `cannot read ${shown}: ${error.code ?? error.message}`,
      { hint: "`drill keygen` writes a key pair: drill-key (private) and drill-key.pub" },
    );
  });
  // A key file is a few hundred bytes; anything large is the wrong file.
  if (text.length > 64 * 1024) throw notAKey(shown, "private or public");
  return text;
}

function notAKey(shown: string, kind: string): UsageError {
  return new UsageError(`${shown} is not an Ed25519 ${kind} key`, {
    hint: "give a key that `drill keygen` wrote (PEM): drill-key to sign, drill-key.pub to verify",
  });
}

async function readKey(
  path: string,
  shown: string,
  kind: "private" | "public",
): Promise<KeyObject> {
  const text = await keyText(path, shown);
  let key: KeyObject;
  try {
    key = kind === "private" ? createPrivateKey(text) : createPublicKey(text);
  } catch {
    throw notAKey(shown, kind);
  }
  if (key.asymmetricKeyType !== "ed25519") throw notAKey(shown, kind);
  return key;
}

/** The signer of `drill run --sign <file>`: an Ed25519 private key in PEM. */
export async function readSigner(path: string, shown: string): Promise<Signer> {
  const key = await readKey(path, shown, "private");
  return { key, fingerprint: fingerprint(createPublicKey(key)) };
}

/** The key of `drill verify --key <file>`: an Ed25519 public key in PEM (a private one serves too). */
export function readPublicKey(path: string, shown: string): Promise<KeyObject> {
  return readKey(path, shown, "public");
}
