// How the built CLI's modules are loaded, by bin/drill (dist/main.cjs) and by the single
// executable alike: the split bundle, each file converted to a CommonJS function
// (scripts/build.mjs), compiled with the V8 code cache made at build time and only when first
// required, as import() would: `--help` never compiles the spreadsheet library. Node 20 has no
// compile cache for ES modules (module.enableCompileCache came in 22), hence CommonJS.
import { posix } from "node:path";
import { Script } from "node:vm";

interface ModuleRecord {
  exports: unknown;
}
type ModuleFunction = (
  exports: unknown,
  require: (id: string) => unknown,
  module: ModuleRecord,
) => void;

/** One module's text, and the code cache made for it (undefined when there is none). */
export interface ModuleFile {
  source: string;
  cache: Buffer | undefined;
  /** What stack traces call it. */
  filename: string;
}

export interface ModuleLoader {
  /** `key`: the module's path in the bundle, as `cli.js` or `chunks/chunk-X.js`. */
  load(key: string): unknown;
  /** The modules compiled so far, for a code cache that holds what ran (scripts/build.mjs). */
  compiled(): ReadonlyMap<string, Script>;
}

/**
 * `read` gives a module's file; `outside` loads anything not in the bundle: Node's built-ins,
 * and for bin/drill the one native module, from node_modules. V8 refuses a cache made by
 * another version or with other flags and then compiles from source: slower, still right.
 */
export function moduleLoader(
  read: (key: string) => ModuleFile,
  outside: (id: string) => unknown,
): ModuleLoader {
  const modules = new Map<string, ModuleRecord>();
  const scripts = new Map<string, Script>();
  const load = (key: string): unknown => {
    const known = modules.get(key);
    if (known) return known.exports;
    const record: ModuleRecord = { exports: {} };
    modules.set(key, record);
    const file = read(key);
    const script = new Script(file.source, {
      filename: file.filename,
      ...(file.cache ? { cachedData: file.cache } : {}),
    });
    scripts.set(key, script);
    const run = script.runInThisContext() as ModuleFunction;
    run(
      record.exports,
      (id) => (id.startsWith(".") ? load(posix.join(posix.dirname(key), id)) : outside(id)),
      record,
    );
    record.exports = settledExports(record.exports);
    return record.exports;
  };
  return { load, compiled: () => scripts };
}

/**
 * A module's exports once it has run, as plain values. The CommonJS form reads every import
 * through a getter (two, in fact) on each use, which the hot loops of reading a log pay per
 * line. A module that required this one while it was still running (a cycle) keeps the
 * getters, which stay right; the bundle exports no binding it reassigns later.
 */
export function settledExports(exports: unknown): unknown {
  if (typeof exports !== "object" || exports === null) return exports;
  const settled: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(Object.getOwnPropertyDescriptors(exports))) {
    Object.defineProperty(settled, key, {
      value: property.get ? property.get.call(exports) : property.value,
      enumerable: property.enumerable ?? false,
    });
  }
  return settled;
}

/** What the entries call: the CLI's own entry module. */
export type CliModule = typeof import("../cli.js");
