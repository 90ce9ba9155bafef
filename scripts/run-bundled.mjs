// Runs a TypeScript script that imports the room (whose page script and style are embedded
// with `?raw`, which tsx cannot load): bundled first with the build's own settings.
//
//   node scripts/run-bundled.mjs scripts/<name>.ts [args…]

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { rawText } from "./build.mjs";

const [entry, ...rest] = process.argv.slice(2);
if (!entry) throw new Error("usage: node scripts/run-bundled.mjs <script.ts> [args…]");
// Inside the project, so the bundle's imports of packages resolve to its node_modules.
const cache = fileURLToPath(new URL("../node_modules/.cache", import.meta.url));
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "drill-script-"));
const out = join(dir, "script.mjs");
try {
  await build({
    entryPoints: [resolve(entry)],
    outfile: out,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    plugins: [rawText],
    define: { __DRILLBOOK_VERSION__: '"bench"' },
    logLevel: "warning",
  });
  process.argv = [process.argv[0] ?? "node", out, ...rest];
  await import(pathToFileURL(out).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
