// Entry of bin/drill, built to dist/main.cjs beside dist/modules/ (scripts/build.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT, incompleteInstallation, MODULE_MISSING } from "../errors.js";
import { type CliModule, moduleLoader } from "./modules.js";

const dir = join(__dirname, "modules");

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A module's source. A file missing from dist/ is a broken build or install, said so by its
 * code (src/cli.ts words it), not a stack trace from deep in a command.
 */
function readModule(filename: string): string {
  try {
    return readFileSync(filename, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw Object.assign(new Error(`${filename} is missing`), { code: MODULE_MISSING });
  }
}

const loader = moduleLoader(
  (key) => {
    const filename = join(dir, key);
    return {
      source: readModule(filename),
      cache: readCache(`${filename}.cache`),
      filename,
    };
  },
  // dist/main.cjs's own require: built-ins, and the native module from node_modules.
  require,
);

export function main(argv: string[]): Promise<number> {
  let cli: CliModule;
  try {
    cli = loader.load("cli.js") as CliModule;
  } catch (error) {
    // The CLI's own first module is missing, so it cannot word this; it words any later one.
    const incomplete = incompleteInstallation(error);
    if (!incomplete) throw error;
    process.stderr.write(incomplete);
    process.exitCode = EXIT.failed;
    return Promise.resolve(EXIT.failed);
  }
  return cli.main(argv);
}
