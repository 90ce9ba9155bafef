// Writing the files the user names (a starter plan, a schema, a report, a spreadsheet, a
// drill log), and the one place that turns what the file system says about them into the
// tool's errors: a wrong path is a usage error with a hint, never a stack trace.

import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { constants, copyFile, link, lstat, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DrillError, UsageError, WriteError } from "./errors.js";
import { LOG_START_BYTES, looksLikeLog } from "./log/format.js";

/** How messages speak of a file the tool was working on. */
export interface FileUse {
  /** The path as the user gave it; messages name the file so. */
  shown: string;
  /** The path the tool used (absolute); defaults to `shown`. */
  path?: string;
  /** How a message starts: "cannot write" (the default), "could not write to the log". */
  action?: string;
  /** What to say when the file exists already. */
  exists?: { message: string; hint: string };
  /** A file name to suggest inside a folder given where a file was wanted. */
  example?: string;
  /** The hint when the write itself failed (disk full, I/O error). */
  failedHint?: string;
}

/** Why a write failed, in words, for errors that are not about the path. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the disk",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than the system allows",
  EIO: "an input/output error",
  EMFILE: "too many files open",
  ENFILE: "too many files open",
};

/**
 * The tool's error for a file-system error met while writing `use.shown`; anything that is
 * not one (a DrillError, a bug) comes back as it is.
 */
export function fileError(error: unknown, use: FileUse): unknown {
  if (error instanceof DrillError || !(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // System errors have codes like ENOENT; Node's own (ERR_...) are bugs, not files.
  if (typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code)) return error;
  return errorForCode(code, use, error);
}

/** The tool's error for a file-system error code (`EISDIR`...) about `use.shown`. */
export function errorForCode(code: string, use: FileUse, cause?: Error): DrillError {
  const head = `${use.action ?? "cannot write"} ${use.shown}`;
  const options = (hint: string) => ({ hint, ...(cause ? { cause } : {}) });
  switch (code) {
    case "ENOENT":
      // Some places have every folder and still take no new file (/proc, a closed share).
      if (statSync(dirname(use.path ?? use.shown), { throwIfNoEntry: false })?.isDirectory())
        return new UsageError(
          `${head}: nothing can be written there`,
          options("give a path in a folder that can be written"),
        );
      return new UsageError(
        `${head}: its folder does not exist`,
        options("create the folder first, or give another path"),
      );
    case "ENOTDIR": {
      const file = fileInTheWay(use);
      return new UsageError(
        `${head}: ${file ? `${file} is a file, not a folder` : "part of its path is a file, not a folder"}`,
        options("give another path: a file cannot hold other files"),
      );
    }
    case "EISDIR":
      return new UsageError(
        `${head}: it is a folder`,
        options(
          use.example
            ? `give a file name, e.g. ${join(use.shown, use.example)}`
            : "give the path of a file, not a folder",
        ),
      );
    case "EEXIST":
      return new UsageError(
        use.exists?.message ?? `${use.shown} already exists`,
        options(use.exists?.hint ?? "pass --force to overwrite it, or give another file name"),
      );
    case "EACCES":
    case "EPERM":
      return new UsageError(
        `${head}: permission denied`,
        options("check that the file and its folder may be written, or give another path"),
      );
    case "EROFS":
      return new UsageError(
        `${head}: the disk is read-only`,
        options("give a path on a disk that can be written"),
      );
    default:
      return new WriteError(
        `${head}: ${REASONS[code] ?? code}`,
        options(use.failedHint ?? "free some space or check the disk, then run the command again"),
      );
  }
}

/**
 * For ENOTDIR: the nearest folder on the path that is in fact a file, named as the user
 * wrote it (`full.jsonl` for `full.jsonl/x.jsonl`).
 */
function fileInTheWay(use: FileUse): string | undefined {
  let at = use.path ?? use.shown;
  let shown = use.shown;
  for (let up = dirname(at); up !== at; at = up, up = dirname(at)) {
    shown = dirname(shown);
    const info = statSync(up, { throwIfNoEntry: false });
    if (info === undefined) continue;
    if (info.isDirectory()) return undefined;
    return shown === "." ? up : shown;
  }
  return undefined;
}

/** Takes what is written a chunk at a time; resolves when the next chunk may follow. */
export type ChunkSink = (chunk: string | Uint8Array) => Promise<void>;

/** A whole file, or a function that writes it through a sink (a long report). */
export type OutputContent = string | Uint8Array | ((sink: ChunkSink) => Promise<void>);

/** A file a command reads: none of its outputs may replace it, whatever name reaches it. */
export interface CommandInput {
  /** Absolute path. */
  path: string;
  /** As the user gave it. */
  shown: string;
  /** What it is, for messages: "the log", "the plan". */
  what: string;
}

export interface WriteOutputOptions {
  /** Replace an existing file (default: refuse it). */
  force?: boolean;
  /** A file name to suggest when `path` is a folder. */
  example?: string;
  /** The command's inputs, never replaced, even with `force`. */
  inputs?: readonly CommandInput[];
  /** Permissions of the new file (default 0o666 less the umask); 0o600 for a private key. */
  mode?: number;
}

/**
 * The one output rule, checked before a command does its work and again when it writes: an
 * output never replaces one of the command's inputs (compared as files, device and inode, so
 * no symlink, hard link or `./` spelling gets past), never a drill log, and an existing file
 * only with `force`. A symlink at `path` is replaced, never written through.
 */
export async function checkOutput(
  path: string,
  shown: string,
  options: WriteOutputOptions = {},
): Promise<void> {
  await checkOutputs([{ path, shown }], options);
}

/**
 * `checkOutput` for many outputs of one command, its inputs looked up once: a replay checks a
 * report per log against every log, which took a `stat` of each log for each report.
 */
export async function checkOutputs(
  outputs: readonly { path: string; shown: string }[],
  options: WriteOutputOptions = {},
): Promise<void> {
  let inputs: Map<string, CommandInput> | undefined;
  for (const { path, shown } of outputs) {
    const use: FileUse = { shown, path, ...(options.example ? { example: options.example } : {}) };
    const existing = await stat(path, { bigint: true }).catch(() => undefined);
    if (!existing) continue;
    if (existing.isDirectory()) throw errorForCode("EISDIR", use);
    // Only an output that exists can be an input, so the inputs wait until one does.
    inputs ??= await filesOf(options.inputs ?? []);
    const input = inputs.get(fileKey(existing));
    if (input) {
      const named = input.shown === shown ? "" : ` (${input.shown})`;
      throw new UsageError(
        `cannot write ${shown}: it is ${input.what} this command reads${named}`,
        {
          hint: "give another file for the output; nothing was written",
        },
      );
    }
    if (existing.isFile() && (await startsAsLog(path))) {
      throw new UsageError(
        `cannot write ${shown}: it is a drill log, and a drill log is never replaced`,
        {
          hint: "give another file for the output; only `drill run` adds to a log",
        },
      );
    }
    if (!options.force) throw errorForCode("EEXIST", use);
  }
}

const fileKey = (info: { dev: bigint; ino: bigint }) => `${info.dev}:${info.ino}`;

/**
 * The inputs by the file each is, the first named where several name one; an input that is
 * not there is left out.
 */
async function filesOf(inputs: readonly CommandInput[]): Promise<Map<string, CommandInput>> {
  const files = new Map<string, CommandInput>();
  for (const input of inputs) {
    const read = await stat(input.path, { bigint: true }).catch(() => undefined);
    if (!read) continue;
    const key = fileKey(read);
    if (!files.has(key)) files.set(key, input);
  }
  return files;
}

async function startsAsLog(path: string): Promise<boolean> {
  const handle = await open(path, "r").catch(() => undefined);
  if (!handle) return false;
  try {
    const start = Buffer.alloc(LOG_START_BYTES);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    return looksLikeLog(start.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file the user asked for through a temporary file beside it, renamed into place,
 * so a failed write never leaves half a file where the last good one was. What it may
 * replace is `checkOutput`'s rule: plans and exported sheets are often edited by hand
 * afterwards. Not fsynced: every output can be made again from its inputs.
 */
export async function writeOutput(
  path: string,
  shown: string,
  content: OutputContent,
  options: WriteOutputOptions = {},
): Promise<void> {
  const { force = false, example } = options;
  const use: FileUse = { shown, path, ...(example ? { example } : {}) };
  await checkOutput(path, shown, options);

  const temporary = `${path}.${randomBytes(4).toString("hex")}.partial`;
  const handle = await open(temporary, "wx", options.mode).catch((error: unknown) => {
    throw fileError(error, use);
  });
  let placed = false;
  try {
    const write = (chunk: string | Uint8Array) =>
      handle.writeFile(chunk).catch((error: unknown) => {
        throw fileError(error, use);
      });
    if (typeof content === "function") {
      await content(async (chunk) => {
        if (chunk.length > 0) await write(chunk);
      });
    } else {
      await write(content);
    }
    await handle.close();
    await place(temporary, path, force).catch((error: unknown) => {
      throw fileError(error, use);
    });
    placed = true;
  } finally {
    if (!placed) {
      await handle.close().catch(() => undefined);
      await rm(temporary, { force: true });
    }
  }
}

/** Moves the finished file into place; without `force`, only if nothing is there yet. */
async function place(temporary: string, path: string, force: boolean): Promise<void> {
  if (force) {
    await rename(temporary, path);
    return;
  }
  // A hard link is created only if the name is free, in one step; the name stays free
  // until then, so a file that appeared meanwhile is still never replaced.
  try {
    await link(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    await copyFile(temporary, path, constants.COPYFILE_EXCL);
  }
  await rm(temporary, { force: true });
}

/**
 * Creates the folder `relative` under `root`, one level at a time, and refuses any level
 * that is a symlink or not a folder: what a command writes under its output folder stays
 * in it (a planted `out/reports → ../elsewhere` is never written through). With `create`
 * false it only checks the levels that exist. `shown` names `root` in messages.
 */
export async function makeFolderWithin(
  root: string,
  relative: string,
  shown: string,
  create = true,
): Promise<void> {
  let path = root;
  let named = shown;
  for (const part of relative.split(/[\\/]+/).filter((p) => p !== "" && p !== ".")) {
    if (part === "..") throw new Error(`makeFolderWithin: ${relative} leaves ${root}`);
    path = join(path, part);
    named = join(named, part);
    if (create) {
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw fileError(error, { shown: named, path });
      });
    }
    const info = await lstat(path).catch(() => undefined);
    if (!info) return;
    if (info.isSymbolicLink())
      throw new UsageError(`${named} is a symbolic link; nothing is written through one`, {
        hint: `remove ${named} or give another output folder: what is written under ${shown} stays in it`,
      });
    if (!info.isDirectory())
      throw new UsageError(`${named} is a file, not a folder`, {
        hint: `remove it or give another output folder than ${shown}`,
      });
  }
}
