// Entry of the single executable (scripts/package-sea.mjs). Node 20 runs it as CommonJS
// and its require() loads only built-ins, so the CLI's modules (./entry/modules.ts) are
// assets of the executable, each with its code cache.
import { getAsset } from "node:sea";
import { type CliModule, moduleLoader } from "./entry/modules.js";
import { VERSION } from "./version.js";

const loader = moduleLoader(
  (key) => ({
    source: getAsset(`modules/${key}`, "utf8"),
    cache: Buffer.from(getAsset(`modules/${key}.cache`)),
    filename: `drill:${key}`,
  }),
  require,
);

const args = process.argv.slice(2);
// As bin/drill does: the version needs none of the modules.
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  void (loader.load("cli.js") as CliModule).main(process.argv);
}
