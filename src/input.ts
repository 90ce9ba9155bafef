// Reading the hand-written files a user names: plans, decision scripts, mapping files. Each
// is held to the same limits (a regular file, at most 4 MiB, UTF-8), checked before a byte
// is read, so a huge file, a device or a pipe is refused rather than read into memory.

import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { InputError, type SourceLocation, UsageError } from "./errors.js";

/** The most a hand-written input may hold; anything larger is a mistake (a log, an export) or an attack. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** How messages speak of a kind of input. */
export interface InputKind {
  /** "plan", "decision script". */
  name: string;
  /** What not to give, said of another file: "a plan file". */
  file: string;
  /** How to find the right one. */
  pathHint: string;
  /** What to do when it is missing. */
  missingHint: string;
}

export const PLAN_INPUT: InputKind = {
  name: "plan",
  file: "plan file",
  pathHint: "give the path of a plan (.yaml), e.g. examples/pooled-positive.en.yaml",
  missingHint: "check the path, or write a starter plan with `drill init`",
};

export const SCRIPT_INPUT: InputKind = {
  name: "decision script",
  file: "decision script",
  pathHint:
    "give the path of a decision script (.yaml), e.g. examples/pooled-positive.en.script.yaml",
  missingHint: "check the path given to --script",
};

export const MAPPING_INPUT: InputKind = {
  name: "mapping file",
  file: "mapping file",
  pathHint: "give the path of a column mapping (.yaml)",
  missingHint: "check the path given to --map",
};

/** The bytes of an input file: a UsageError for a wrong path, an InputError when it is too large. */
export async function readInputFile(path: string, shown: string, kind: InputKind): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const handle = await open(path, "r");
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) {
        throw new UsageError(`${shown} is a folder, not a ${kind.file}`, { hint: kind.pathHint });
      }
      // A device or pipe (/dev/zero, a FIFO) has no size to check and may never end.
      if (!stat.isFile()) {
        throw new UsageError(`${shown} is not a regular file`, { hint: kind.pathHint });
      }
      if (stat.size > MAX_INPUT_BYTES) throw tooLarge(shown, kind, formatSize(stat.size));
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) throw error;
    throw readError(shown, kind, error);
  }
  // The file grew between stat and read.
  if (bytes.length > MAX_INPUT_BYTES)
    throw tooLarge(shown, kind, `more than ${formatSize(MAX_INPUT_BYTES)}`);
  return bytes;
}

function tooLarge(shown: string, kind: InputKind, size: string): InputError {
  return new InputError(
    `${kind.name} is too large (${size}; the limit is ${formatSize(MAX_INPUT_BYTES)})`,
    {
      location: { file: shown },
      hint: `a ${kind.name} is a hand-written YAML file; check that this is the right file`,
    },
  );
}

function readError(shown: string, kind: InputKind, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT")
    return new UsageError(`${kind.file} not found: ${shown}`, { hint: kind.missingHint });
  if (code === "EISDIR")
    return new UsageError(`${shown} is a folder, not a ${kind.file}`, { hint: kind.pathHint });
  if (code === "EACCES" || code === "EPERM") {
    return new UsageError(`cannot read ${shown}: permission denied`, {
      hint: "check the file's permissions",
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new UsageError(`cannot read ${shown}: ${reason}`, { cause: error });
}

/** UTF-8 text, or an InputError naming the first byte that is not. */
export function decodeText(bytes: Uint8Array, file: string, kind: InputKind): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError("the file is UTF-16, not UTF-8", {
      location: { file },
      hint: `save the ${kind.name} as UTF-8 (most editors: Save with Encoding → UTF-8)`,
    });
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new InputError(`this is a binary file, not a YAML ${kind.name} (it contains NUL bytes)`, {
      location: byteLocation(file, bytes, nul),
      hint: kind.pathHint,
    });
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    throw new InputError(`not valid UTF-8 (byte ${bad})`, {
      location: byteLocation(file, bytes, bad),
      hint: `save the ${kind.name} as UTF-8; GBK or other encodings are not read`,
    });
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `file:line:col` of a byte offset, the column counted in characters. */
export function byteLocation(file: string, bytes: Uint8Array, offset: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Count characters (UTF-8 lead bytes) from the line's start.
  let col = 1;
  for (let i = lineStart; i < offset; i++) if (((bytes[i] ?? 0) & 0xc0) !== 0x80) col++;
  return { file, line, col };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Binary search on the longest valid prefix; a prefix may end mid-character, so allow 3 bytes.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}
