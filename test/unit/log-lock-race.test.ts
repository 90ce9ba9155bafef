// Several processes taking over one stale lock at the same moment: exactly one gets it, each
// time. (Before the takeover was made atomic, two of them could both remove the stale lock
// and both write.) Real processes, started together by a time they are all given.

import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";

const CONTENDERS = 4;
const ROUNDS = 40;
const GAP_MS = 60;

let folder: ReturnType<typeof tempDir>;
const children: ChildProcessWithoutNullStreams[] = [];
beforeEach(() => {
  folder = tempDir();
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  folder.remove();
});

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  if (typeof child.pid !== "number") throw new Error("could not start a process");
  return child.pid;
}

/** Starts a contender; resolves with it once it says "ready", and collects what it says. */
function contender(): Promise<{ child: ChildProcessWithoutNullStreams; said: () => string }> {
  return new Promise((ready, fail) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(ROOT, "test/helpers/lock-contender.ts"),
        folder.path,
        `${ROUNDS}`,
        `${GAP_MS}`,
      ],
      { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
    );
    children.push(child);
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.startsWith("ready\n")) ready({ child, said: () => out });
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
    });
    child.on("error", fail);
    child.on("exit", (code) => {
      if (!out.includes("done\n")) fail(new Error(`contender exited ${code}: ${err}`));
    });
  });
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((done) => {
    const poll = setInterval(() => {
      if (condition()) {
        clearInterval(poll);
        done();
      }
    }, 20);
  });
}

describe("taking over a stale lock", () => {
  it(`goes to exactly one of ${CONTENDERS} processes trying at once, ${ROUNDS} times over`, async () => {
    const dead = deadPid();
    for (let round = 0; round < ROUNDS; round++)
      writeFileSync(join(folder.path, `r${round}.jsonl.lock`), `${dead}\n`);
    const all = await Promise.all(Array.from({ length: CONTENDERS }, contender));
    const start = Date.now() + 300;
    for (const { child } of all) child.stdin.write(`${start}\n`);
    await until(() => all.every(({ said }) => said().includes("done\n")));

    const winners = new Map<number, number>();
    for (const { said } of all)
      for (const [, round] of said().matchAll(/^won (\d+)$/gm))
        winners.set(Number(round), (winners.get(Number(round)) ?? 0) + 1);
    const counts = Array.from({ length: ROUNDS }, (_, round) => winners.get(round) ?? 0);
    expect(counts).toEqual(Array.from({ length: ROUNDS }, () => 1));
  }, 60_000);
});
