// Entry of bin/drill, built to dist/main.cjs beside dist/modules/ (scripts/build.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CliModule, moduleLoader } from "./modules.js";

const dir = join(__dirname, "modules");

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

const loader = moduleLoader(
  (key) => {
    const filename = join(dir, key);
    return {
      source: readFileSync(filename, "utf8"),
      cache: readCache(`${filename}.cache`),
      filename,
    };
  },
  // dist/main.cjs's own require: built-ins, and the native module from node_modules.
  require,
);

export function main(argv: string[]): Promise<number> {
  return (loader.load("cli.js") as CliModule).main(argv);
}
