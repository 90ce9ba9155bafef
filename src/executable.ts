// Entry of the single executable (scripts/package-sea.mjs). Node 20 runs it as CommonJS
// and its require() loads only built-ins, so the CLI's modules (the split bundle bin/drill
// loads, converted to CommonJS functions) are assets of the executable. Each is compiled
// with the V8 code cache made at build time, and only when first required, as import()
// does for bin/drill: `--help` never compiles the spreadsheet library.
import { posix } from "node:path";
import { getAsset } from "node:sea";
import { Script } from "node:vm";
import { VERSION } from "./version.js";

interface ModuleRecord {
  exports: unknown;
}
type ModuleFunction = (
  exports: unknown,
  require: (id: string) => unknown,
  module: ModuleRecord,
) => void;

const modules = new Map<string, ModuleRecord>();

/** `key`: the module's path in the bundle, as `cli.js` or `chunks/chunk-X.js`. */
function load(key: string): unknown {
  const known = modules.get(key);
  if (known) return known.exports;
  const record: ModuleRecord = { exports: {} };
  modules.set(key, record);
  const script = new Script(getAsset(`modules/${key}`, "utf8"), {
    filename: `drill:${key}`,
    cachedData: Buffer.from(getAsset(`modules/${key}.cache`)),
  });
  const run = script.runInThisContext() as ModuleFunction;
  run(
    record.exports,
    (id) => (id.startsWith(".") ? load(posix.join(posix.dirname(key), id)) : require(id)),
    record,
  );
  return record.exports;
}

const args = process.argv.slice(2);
// As bin/drill does: the version needs none of the modules.
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  void (load("cli.js") as typeof import("./cli.js")).main(process.argv);
}
