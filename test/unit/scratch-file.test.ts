// A scratch file has no name from the moment it is made, holds what is written to it, and is
// never one that was there already.

import { readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openScratch } from "../../src/scratch-file.js";
import { tempDir } from "../helpers/cli.js";

let folder: ReturnType<typeof tempDir>;
beforeEach(() => {
  folder = tempDir("drill-scratch-");
});
afterEach(() => folder.remove());

describe("openScratch", () => {
  it("leaves no name in the folder, and gives back what was written", async () => {
    const scratch = await openScratch(join(folder.path, ".x.partial"));
    expect(readdirSync(folder.path)).toEqual([]);
    expect(scratch.path).toBeUndefined();
    await scratch.handle.write("流调名单\n");
    await scratch.handle.write("second\n");
    const bytes = Buffer.alloc(64);
    const { bytesRead } = await scratch.handle.read(bytes, 0, 64, 0);
    expect(bytes.toString("utf8", 0, bytesRead)).toBe("流调名单\nsecond\n");
    await scratch.handle.close();
    expect(readdirSync(folder.path)).toEqual([]);
  });

  it("is never a file that is there, nor one a symlink points to", async () => {
    const there = join(folder.path, "there");
    writeFileSync(there, "keep");
    await expect(openScratch(there)).rejects.toMatchObject({ code: "EEXIST" });
    symlinkSync(join(folder.path, "target"), join(folder.path, "link"));
    await expect(openScratch(join(folder.path, "link"))).rejects.toMatchObject({ code: "EEXIST" });
    expect(readdirSync(folder.path).sort()).toEqual(["link", "there"]);
  });
});
