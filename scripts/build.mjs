// Bundles src/ for bin/drill (bundleForBin) and for the single executable
// (bundleForExecutable, called by scripts/package-sea.mjs): the same split modules, loaded
// lazily with their code caches (start-up: ../README.md#start-up).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, relative, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, transform } from "esbuild";
import { DATA_SUFFIX, yamlDataModule } from "./yaml-data.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/**
 * `import text from "./file.yaml?raw"`: files embedded as text, as Vite (and so vitest) does;
 * `?data`: a YAML file embedded as its data (./yaml-data.mjs).
 */
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
    b.onResolve({ filter: /\?data$/ }, (args) => ({
      path: resolvePath(args.resolveDir, args.path.slice(0, -DATA_SUFFIX.length)),
      namespace: "yaml-data",
    }));
    b.onLoad({ filter: /.*/, namespace: "yaml-data" }, (args) => ({
      contents: yamlDataModule(args.path),
      loader: "js",
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

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * How each module is wrapped; src/entry/modules.ts calls the function. Strict, as the ES
 * modules it was converted from were.
 */
const MODULE_WRAPPER = ['(function (exports, require, module) {"use strict";', "\n})"];

/**
 * The CLI's modules in `modulesDir`: the bundle split as ESM (so each command's libraries are
 * parsed only when it runs), each file then converted to a CommonJS function, since Node 20
 * keeps V8's code cache only for scripts (src/entry/modules.ts). `outside` lists what may be
 * loaded from outside the bundle besides Node's built-ins. Returns the files' names.
 */
async function splitModules(modulesDir, { plugins, outside }) {
  rmSync(modulesDir, { recursive: true, force: true });
  const split = await build({
    ...shared,
    entryPoints: { cli: "src/cli.ts" },
    outdir: modulesDir,
    plugins,
    external: outside,
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    write: false,
    metafile: true,
  });
  const stray = Object.values(split.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter(
      (entry) => entry.external && !builtins.has(entry.path) && !outside.includes(entry.path),
    );
  if (stray.length > 0) {
    const list = stray.map((entry) => `${entry.path} (${entry.kind})`).join(", ");
    throw new Error(`the modules would load from disk: ${list}`);
  }
  const names = [];
  for (const file of split.outputFiles) {
    const cjs = await transform(file.text, {
      format: "cjs",
      platform: "node",
      target: "node20",
      loader: "js",
      // import() of a chunk becomes require(), which the loader serves from the modules.
      supported: { "dynamic-import": false },
      minifyWhitespace: true,
      // import.meta is empty in CommonJS: a module relying on it would break. A dependency
      // repeats a class member (harmless; the last one wins, as before the conversion).
      logOverride: { "empty-import-meta": "error", "duplicate-class-member": "silent" },
      logLevel: "warning",
    });
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, `${MODULE_WRAPPER[0]}${cjs.code}${MODULE_WRAPPER[1]}`);
    names.push(relative(modulesDir, file.path).split("\\").join("/"));
  }
  return names;
}

/**
 * Each module's V8 code cache (`<module>.cache`), made by this same node after running the
 * common commands on the examples (src/entry/code-cache.ts), so that it holds the functions
 * they ran: bytecode start-up does not compile again.
 */
export async function writeCodeCaches(modulesDir) {
  const runner = resolvePath(modulesDir, "..", "code-cache.cjs");
  await build({
    ...shared,
    entryPoints: ["src/entry/code-cache.ts"],
    outfile: runner,
    format: "cjs",
  });
  try {
    execFileSync(process.execPath, [runner, modulesDir, root], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } finally {
    rmSync(runner, { force: true });
  }
}

/** dist/main.cjs and dist/modules/: what bin/drill loads. */
export async function bundleForBin() {
  rmSync(resolvePath(root, "dist"), { recursive: true, force: true });
  const modulesDir = resolvePath(root, "dist/modules");
  await splitModules(modulesDir, { plugins: [rawText], outside: NATIVE });
  await build({
    ...shared,
    entryPoints: ["src/entry/bin.ts"],
    outfile: resolvePath(root, "dist/main.cjs"),
    format: "cjs",
  });
  await writeCodeCaches(modulesDir);
}

/**
 * The single executable's files in outDir: `main.cjs`, its entry (src/executable.ts), and
 * `modules/` with their code caches. Node 20 runs a single executable's entry as CommonJS
 * and its require() loads only built-ins, so the modules ship as assets, and the native
 * module is one that fails to load. Returns the module files' names relative to `modules/`.
 */
export async function bundleForExecutable(outDir) {
  const modulesDir = resolvePath(outDir, "modules");
  const names = await splitModules(modulesDir, { plugins: [rawText, withoutNative], outside: [] });
  await build({
    ...shared,
    entryPoints: ["src/executable.ts"],
    outfile: resolvePath(outDir, "main.cjs"),
    format: "cjs",
  });
  await writeCodeCaches(modulesDir);
  return names;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bundleForBin();
