// Bundles src/ for bin/drill: ESM with code splitting, so each command's libraries are
// parsed only when that command runs (start-up: ../README.md#start-up). The single
// executable gets the same modules converted to CommonJS: bundleForExecutable(), called
// by scripts/package-sea.mjs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, relative, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, transform } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/** `import text from "./file.yaml?raw"`: files embedded as text, as Vite (and so vitest) does. */
export const rawText = {
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

/**
 * Native modules: bin/drill loads them from node_modules at run time (only the Word report
 * needs the chart rasteriser); they cannot be bundled.
 */
const NATIVE = ["@resvg/resvg-js"];

/**
 * The single executable can carry no native module: there the rasteriser is a module that
 * fails to load, and src/review/charts/raster.ts turns that into an error that says so.
 */
const withoutNative = {
  name: "without-native",
  setup(b) {
    const filter = new RegExp(`^(${NATIVE.map((n) => n.replace(/[/.]/g, "\\$&")).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "without-native" }));
    b.onLoad({ filter: /.*/, namespace: "without-native" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is a native module, not inside the single executable`)});`,
      loader: "js",
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
    external: NATIVE,
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: 'import { createRequire as __drillCreateRequire } from "node:module"; const require = __drillCreateRequire(import.meta.url);',
    },
  });
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** How each module of the executable is wrapped; src/executable.ts calls the function. */
const MODULE_WRAPPER = ["(function (exports, require, module) {", "\n})"];

/**
 * The single executable's files in outDir: `main.cjs`, its entry (src/executable.ts), and
 * `modules/`: the split bundle bin/drill loads, each file converted to a CommonJS function.
 * Node 20 runs a single executable's entry as CommonJS and its require() loads only
 * built-ins, so the modules ship as assets that the entry evaluates on first require(),
 * keeping `import()`'s laziness: `--help` never compiles the spreadsheet library.
 * Returns the module files' names relative to `modules/`.
 */
export async function bundleForExecutable(outDir) {
  rmSync(resolvePath(outDir, "modules"), { recursive: true, force: true });
  const split = await build({
    ...shared,
    entryPoints: { cli: "src/cli.ts" },
    outdir: resolvePath(outDir, "modules"),
    plugins: [...shared.plugins, withoutNative],
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    write: false,
    metafile: true,
  });
  const outside = Object.values(split.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external && !builtins.has(entry.path));
  if (outside.length > 0) {
    const list = outside.map((entry) => `${entry.path} (${entry.kind})`).join(", ");
    throw new Error(`the executable would load modules from disk: ${list}`);
  }
  const names = [];
  for (const file of split.outputFiles) {
    const cjs = await transform(file.text, {
      format: "cjs",
      platform: "node",
      target: "node20",
      loader: "js",
      // import() of a chunk becomes require(), which the entry serves from the assets.
      supported: { "dynamic-import": false },
      minifyWhitespace: true,
      // import.meta is empty in CommonJS: a module relying on it would break only here.
      logOverride: { "empty-import-meta": "error" },
      logLevel: "warning",
    });
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, `${MODULE_WRAPPER[0]}${cjs.code}${MODULE_WRAPPER[1]}`);
    names.push(relative(resolvePath(outDir, "modules"), file.path).split("\\").join("/"));
  }
  await build({
    ...shared,
    entryPoints: ["src/executable.ts"],
    outfile: resolvePath(outDir, "main.cjs"),
    format: "cjs",
  });
  return names;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bundleForBin();
