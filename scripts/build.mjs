// Bundles src/ twice:
// - for bin/drill: ESM with code splitting, so each command's libraries are parsed only
//   when that command runs (start-up: ../README.md#start-up);
// - for the single executable: one CommonJS file, since Node 20's single-executable
//   applications run a CommonJS entry and their require() loads only Node's built-ins.
//   scripts/package-sea.mjs calls bundleForExecutable().
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/** `import text from "./file.yaml?raw"`: files embedded as text, as Vite (and so vitest) does. */
const rawText = {
  name: "raw-text",
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolvePath(args.resolveDir, args.path.slice(0, -"?raw".length)),
      namespace: "raw-text",
    }));
    b.onLoad({ filter: /.*/, namespace: "raw-text" }, (args) => ({
      contents: readFileSync(args.path, "utf8"),
      loader: "text",
    }));
  },
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  define: { __DRILLBOOK_VERSION__: JSON.stringify(pkg.version) },
  plugins: [rawText],
  logLevel: "warning",
};

/** dist/cli.js and dist/chunks/: what bin/drill imports. */
export async function bundleForBin() {
  rmSync(resolvePath(root, "dist"), { recursive: true, force: true });
  await build({
    ...shared,
    entryPoints: { cli: "src/cli.ts" },
    outdir: "dist",
    splitting: true,
    format: "esm",
    sourcemap: "linked",
    chunkNames: "chunks/[name]-[hash]",
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: 'import { createRequire as __drillCreateRequire } from "node:module"; const require = __drillCreateRequire(import.meta.url);',
    },
  });
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * One CommonJS file holding every module, for the single executable. Lazy `import()` of
 * each command becomes an esbuild `__esm` wrapper, so `--version` still evaluates only
 * commander. Fails if anything would be loaded from outside the file at run time.
 */
export async function bundleForExecutable(outfile) {
  const result = await build({
    ...shared,
    entryPoints: ["src/executable.ts"],
    outfile,
    format: "cjs",
    // Smaller source to read and hash at start; names kept for readable internal errors.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    metafile: true,
    // import.meta is empty in CommonJS: a module relying on it would break only here.
    logOverride: { "empty-import-meta": "error" },
  });
  const outside = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external && !builtins.has(entry.path));
  if (outside.length > 0) {
    const list = outside.map((entry) => `${entry.path} (${entry.kind})`).join(", ");
    throw new Error(`the executable's bundle would load modules from disk: ${list}`);
  }
  return result.metafile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bundleForBin();
