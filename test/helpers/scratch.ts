// Per-test scratch folders and the errors a test expects, for the tests of files and logs.
import { join } from "node:path";
import { afterEach, beforeEach, expect } from "vitest";
import { tempDir } from "./cli.js";

/**
 * A new temporary folder for each test, removed after it whether it passed or not. Call at
 * the top of a file or a `describe`; `at(...)` is a path inside the current test's folder.
 */
export function scratchFolder(): { readonly path: string; at: (...parts: string[]) => string } {
  let folder: ReturnType<typeof tempDir> | undefined;
  beforeEach(() => {
    folder = tempDir();
  });
  afterEach(() => folder?.remove());
  const current = () => {
    if (!folder) throw new Error("scratchFolder: used outside a test");
    return folder.path;
  };
  return {
    get path() {
      return current();
    },
    at: (...parts) => join(current(), ...parts),
  };
}

/** The error `attempt` rejects with, which must be a `kind`; resolving fails the test. */
export async function rejection<E extends Error>(
  attempt: Promise<unknown>,
  kind: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}
