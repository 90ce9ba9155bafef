// Writes the V8 code cache of every module in a folder of the built CLI (scripts/build.mjs):
// first it runs the commands people start most (validate, review, log, verify, help) on the
// examples, with their output thrown away, so the cache holds the functions they ran and not
// only each module's top level; modules none of them loaded get a cache of their top level.
//
//   node code-cache.cjs <modules dir> <project root>
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Script } from "node:vm";
import type { CommandContext } from "../context.js";
import { type CliModule, moduleLoader } from "./modules.js";

const [dir = "", root = ""] = process.argv.slice(2);

const loader = moduleLoader((key) => {
  const filename = join(dir, key);
  return { source: readFileSync(filename, "utf8"), cache: undefined, filename };
}, require);

const RUNS = [
  ["validate", "examples/pooled-positive.zh.yaml"],
  ["validate", "examples/river-flood.en.yaml"],
  ["review", "examples/pooled-positive.zh.jsonl"],
  ["review", "examples/river-flood.en.jsonl", "--format", "json"],
  ["log", "examples/pooled-positive.zh.jsonl"],
  ["verify", "examples/pooled-positive.en.jsonl"],
  ["--help"],
];

const discard = { write: () => true, isTTY: false, columns: 100 };

async function warm(): Promise<void> {
  const cli = loader.load("cli.js") as CliModule;
  for (const args of RUNS) {
    const ctx: CommandContext = {
      stdout: discard,
      stderr: discard,
      stdin: process.stdin,
      cwd: root,
      env: { NO_COLOR: "1" },
      now: () => new Date(),
    };
    const code = await cli.main(["node", "drill", ...args], ctx);
    if (code !== 0) throw new Error(`drill ${args.join(" ")} exited with ${code}`);
  }
}

function files(under: string): string[] {
  return readdirSync(under).flatMap((name) => {
    const path = join(under, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".js") ? [path] : [];
  });
}

async function writeCaches(): Promise<void> {
  // A command that fails here (an example log out of date) leaves caches of top levels only:
  // slower to start, never a failed build.
  await warm().catch((error: unknown) => {
    process.stderr.write(`code-cache: warm-up stopped: ${(error as Error).message}\n`);
  });
  process.exitCode = 0;
  const compiled = loader.compiled();
  for (const path of files(dir)) {
    const key = relative(dir, path).split("\\").join("/");
    const script = compiled.get(key) ?? new Script(readFileSync(path, "utf8"), { filename: path });
    writeFileSync(`${path}.cache`, script.createCachedData());
  }
}

writeCaches().catch((error: unknown) => {
  process.stderr.write(`code-cache: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
