// Builds the single executable (dist/sea/drill, or drill.exe on Windows) with Node's own
// single-executable applications: https://nodejs.org/docs/latest-v20.x/api/single-executable-applications.html
// Nothing is downloaded: the executable is a copy of the `node` running this script (20.12
// or later) with the CLI's modules injected. (`pkg` and `@yao-pkg/pkg` download Node
// binaries at build time, so they fail offline.)
//
//   node scripts/package-sea.mjs [--out-dir <dir>]
//
// Build on each system for that system: Linux x64 here, macOS (re-signed ad hoc) and
// Windows (signing optional) on theirs.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleForExecutable } from "./build.mjs";

const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { "out-dir": { type: "string" } } });
const outDir = resolve(root, values["out-dir"] ?? "dist/sea");
const platform = process.platform;
const exe = resolve(outDir, platform === "win32" ? "drill.exe" : "drill");
const blob = resolve(outDir, "drill.blob");
const seaConfig = resolve(outDir, "sea-config.json");
const started = performance.now();
const show = (path) => relative(process.cwd(), path) || ".";

function refuse(message, hint) {
  console.error(`package-sea: ${message}\n  hint: ${hint}`);
  process.exit(1);
}
// Assets and node:sea, which the executable's entry loads its modules with, came in 20.12.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 12))
  refuse(`Node ${process.version} cannot build the executable`, "use Node 20.12 or later");
// A distro `node` that is a small launcher for a shared libnode has no fuse to flip.
if (!readFileSync(process.execPath).includes(FUSE))
  refuse(
    `${process.execPath} cannot host a single executable (no ${FUSE})`,
    "run this script with the official Node build from nodejs.org",
  );

await mkdir(outDir, { recursive: true });
const names = await bundleForExecutable(outDir);
// Each module with its code cache (made by bundleForExecutable with this same node).
const assets = {};
let moduleBytes = 0;
for (const name of names) {
  const file = resolve(outDir, "modules", name);
  moduleBytes += statSync(file).size;
  assets[`modules/${name}`] = file;
  assets[`modules/${name}.cache`] = `${file}.cache`;
}

writeFileSync(
  seaConfig,
  `${JSON.stringify(
    {
      main: resolve(outDir, "main.cjs"),
      output: blob,
      // The warning would be printed on every run, and the feature is stable enough here.
      disableExperimentalSEAWarning: true,
      // For the entry; the modules carry their own caches.
      useCodeCache: true,
      assets,
    },
    null,
    2,
  )}\n`,
);
// Quiet unless it fails: the error then carries its output.
execFileSync(process.execPath, ["--experimental-sea-config", seaConfig], { stdio: "pipe" });

// Unlink first: overwriting an executable that is running fails with ETXTBSY on Linux.
rmSync(exe, { force: true });
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (platform === "darwin") execFileSync("codesign", ["--remove-signature", exe]);

const { inject } = createRequire(import.meta.url)("postject");
// LIEF warns about every ELF note section it cannot name: harmless (nodejs/postject#83).
const warn = console.warn;
console.warn = (...args) => {
  if (!/^warning: Can't find string offset/.test(String(args[0]))) warn(...args);
};
try {
  await inject(exe, "NODE_SEA_BLOB", readFileSync(blob), {
    sentinelFuse: FUSE,
    ...(platform === "darwin" ? { machoSegmentName: "NODE_SEA" } : {}),
  });
} finally {
  console.warn = warn;
}
// macOS refuses to run an unsigned binary on Apple silicon; an ad hoc signature suffices.
// On Windows the unsigned drill.exe runs; sign it with signtool to avoid SmartScreen.
if (platform === "darwin") execFileSync("codesign", ["--sign", "-", exe]);

const version = execFileSync(exe, ["--version"], { encoding: "utf8" }).trim();
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${show(exe)}: drill ${version} for ${platform}-${process.arch}, ${mb(statSync(exe).size)} ` +
    `(${names.length} modules, ${mb(moduleBytes)}; Node ${process.version}) in ${seconds} s`,
);
