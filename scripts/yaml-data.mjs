// `import data from "./file.yaml?data"`: a YAML file embedded as the data it holds, parsed at
// build time, so that start-up does not parse it (the built-in capability libraries). One
// function for the three places that load modules: the build (scripts/build.mjs), vitest
// (vitest.config.ts) and tsx (scripts/raw-text.mjs).
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const DATA_SUFFIX = "?data";

/** The module's source: the file's data as a JSON literal (its text, when JSON.parse'd, is faster than an object literal). */
export function yamlDataModule(path) {
  const data = parse(readFileSync(path, "utf8"), { maxAliasCount: 100 });
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});\n`;
}
