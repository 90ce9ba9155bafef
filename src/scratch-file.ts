// A scratch file: made new (never one that is there, nor through a symlink planted there) and
// unlinked at once where the system allows it, so only its open handle holds it and nothing
// is left behind if the process is killed. Where a file cannot be unlinked while open, its
// path is kept for the caller to remove.

import { type FileHandle, open, rm, unlink } from "node:fs/promises";

export interface ScratchFile {
  handle: FileHandle;
  /** The file's path while it still has one: to remove once done. */
  path: string | undefined;
}

export async function openScratch(path: string): Promise<ScratchFile> {
  const handle = await open(path, "wx+");
  const unlinked = await unlink(path).then(
    () => true,
    () => false,
  );
  return { handle, path: unlinked ? undefined : path };
}

/** Closes a scratch file and removes it if it still has a name. */
export async function removeScratch(scratch: ScratchFile): Promise<void> {
  await scratch.handle.close().catch(() => undefined);
  if (scratch.path) await rm(scratch.path, { force: true });
  scratch.path = undefined;
}
