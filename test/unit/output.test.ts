// Writing the files the user names (src/output.ts): atomic, never over an existing file
// without force, and every file-system error a typed error naming the path as given.

import { linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DrillError, InputError, UsageError, WriteError } from "../../src/errors.js";
import { checkOutputs, fileError, writeOutput } from "../../src/output.js";
import { tempDir } from "../helpers/cli.js";
import { rejection } from "../helpers/scratch.js";

let folder: ReturnType<typeof tempDir>;
beforeEach(() => {
  folder = tempDir();
});
afterEach(() => folder.remove());

const at = (name: string) => join(folder.path, name);

const failure = (attempt: Promise<unknown>) => rejection(attempt, DrillError);

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: what the system said`), { code });
}

describe("writeOutput", () => {
  it("writes text, bytes, or what a function streams", async () => {
    await writeOutput(at("a.txt"), "a.txt", "一二三\n");
    await writeOutput(at("b.bin"), "b.bin", Uint8Array.of(1, 2, 3));
    await writeOutput(at("c.md"), "c.md", async (sink) => {
      await sink("# 复盘\n");
      await sink("");
      await sink(Buffer.from("row\n"));
    });
    expect(readFileSync(at("a.txt"), "utf8")).toBe("一二三\n");
    expect([...readFileSync(at("b.bin"))]).toEqual([1, 2, 3]);
    expect(readFileSync(at("c.md"), "utf8")).toBe("# 复盘\nrow\n");
    expect(readdirSync(folder.path).sort()).toEqual(["a.txt", "b.bin", "c.md"]);
  });

  it("keeps an existing file unless forced", async () => {
    writeFileSync(at("plan.yaml"), "mine\n");
    const error = await failure(writeOutput(at("plan.yaml"), "plan.yaml", "new\n"));
    expect(error.describe()).toBe(
      "error: plan.yaml already exists\n  hint: pass --force to overwrite it, or give another file name",
    );
    expect(readFileSync(at("plan.yaml"), "utf8")).toBe("mine\n");
    await writeOutput(at("plan.yaml"), "plan.yaml", "new\n", { force: true });
    expect(readFileSync(at("plan.yaml"), "utf8")).toBe("new\n");
    expect(readdirSync(folder.path)).toEqual(["plan.yaml"]);
  });

  it("says when the folder does not exist", async () => {
    const error = await failure(writeOutput(at("nodir/r.md"), "nodir/r.md", "x"));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.describe()).toBe(
      "error: cannot write nodir/r.md: its folder does not exist\n  hint: create the folder first, or give another path",
    );
  });

  it("says when the path is a folder, suggesting a file in it", async () => {
    mkdirSync(at("adir"));
    const error = await failure(
      writeOutput(at("adir"), "adir", "x", { force: true, example: "review.md" }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.describe()).toBe(
      "error: cannot write adir: it is a folder\n  hint: give a file name, e.g. adir/review.md",
    );
    expect(readdirSync(at("adir"))).toEqual([]);
  });

  it("names the file that stands where a folder should be", async () => {
    writeFileSync(at("full.jsonl"), "{}\n");
    const error = await failure(writeOutput(at("full.jsonl/r.md"), "full.jsonl/r.md", "x"));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("cannot write full.jsonl/r.md: full.jsonl is a file, not a folder");
  });

  it("leaves neither a part nor a changed file when the content fails", async () => {
    writeFileSync(at("r.md"), "last good report\n");
    const broken = new InputError("line 3 was changed");
    const error = await failure(
      writeOutput(
        at("r.md"),
        "r.md",
        async (sink) => {
          await sink("half a report");
          throw broken;
        },
        { force: true },
      ),
    );
    expect(error).toBe(broken);
    expect(readFileSync(at("r.md"), "utf8")).toBe("last good report\n");
    expect(readdirSync(folder.path)).toEqual(["r.md"]);
  });

  it("does not replace a file that appears while it writes", async () => {
    const error = await failure(
      writeOutput(at("x.yaml"), "x.yaml", async (sink) => {
        await sink("mine");
        writeFileSync(at("x.yaml"), "theirs");
      }),
    );
    expect(error.message).toBe("x.yaml already exists");
    expect(readFileSync(at("x.yaml"), "utf8")).toBe("theirs");
    expect(readdirSync(folder.path)).toEqual(["x.yaml"]);
  });
});

describe("checkOutputs", () => {
  const inputs = () => [
    { path: at("one.jsonl"), shown: "one.jsonl", what: "a log" },
    { path: at("two.jsonl"), shown: "two.jsonl", what: "a log" },
    // The same file by another name: the first name is the one given.
    { path: at("again.jsonl"), shown: "again.jsonl", what: "a log" },
  ];
  const outputs = (...names: string[]) => names.map((name) => ({ path: at(name), shown: name }));
  beforeEach(() => {
    writeFileSync(at("one.jsonl"), "1\n");
    writeFileSync(at("two.jsonl"), "2\n");
    linkSync(at("two.jsonl"), at("again.jsonl"));
  });

  it("refuses, even with force, an output that is one of the inputs, named as first given", async () => {
    linkSync(at("two.jsonl"), at("b.md"));
    writeFileSync(at("a.md"), "old report");
    const error = await failure(
      checkOutputs(outputs("new.md", "a.md", "b.md"), { force: true, inputs: inputs() }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("cannot write b.md: it is a log this command reads (two.jsonl)");
  });

  it("passes outputs that are new, or that exist with force; without, names the first that exists", async () => {
    writeFileSync(at("a.md"), "old");
    writeFileSync(at("b.md"), "old");
    const all = outputs("new.md", "a.md", "b.md");
    await checkOutputs(all, { force: true, inputs: inputs() });
    await checkOutputs(outputs("new.md", "other.md"), { inputs: inputs() });
    expect((await failure(checkOutputs(all, { inputs: inputs() }))).message).toBe(
      "a.md already exists",
    );
  });
});

describe("fileError", () => {
  const use = { shown: "out/r.md", path: "/srv/drills/out/r.md" };

  it.each([
    ["EACCES", UsageError, "cannot write out/r.md: permission denied"],
    ["EPERM", UsageError, "cannot write out/r.md: permission denied"],
    ["EROFS", UsageError, "cannot write out/r.md: the disk is read-only"],
    ["ENOSPC", WriteError, "cannot write out/r.md: no space left on the disk"],
    ["EIO", WriteError, "cannot write out/r.md: an input/output error"],
    ["EFBIG", WriteError, "cannot write out/r.md: the file is larger than the system allows"],
    ["EXDEV", WriteError, "cannot write out/r.md: EXDEV"],
  ])("turns %s into a %s", (code, kind, message) => {
    const error = fileError(systemError(code), use);
    expect(error).toBeInstanceOf(kind);
    expect((error as DrillError).message).toBe(message);
    expect((error as DrillError).hint).toBeTruthy();
    expect((error as DrillError).cause).toBeInstanceOf(Error);
  });

  it("speaks of the action and hint it is given", () => {
    const error = fileError(systemError("ENOSPC"), {
      ...use,
      action: "could not write to the log",
      failedHint: "resume it later",
    }) as DrillError;
    expect(error.describe()).toBe(
      "error: could not write to the log out/r.md: no space left on the disk\n  hint: resume it later",
    );
  });

  it("passes on what is not a file-system error", () => {
    const typed = new UsageError("already typed");
    const bug = Object.assign(new TypeError("not a string"), { code: "ERR_INVALID_ARG_TYPE" });
    const plain = new Error("no code");
    expect(fileError(typed, use)).toBe(typed);
    expect(fileError(bug, use)).toBe(bug);
    expect(fileError(plain, use)).toBe(plain);
    expect(fileError("text", use)).toBe("text");
  });
});
