// For scripts run with tsx (`tsx --import ./scripts/raw-text.mjs …`): `import x from
// "./file.yaml?raw"` gives the file's text and `"./file.yaml?data"` its data
// (./yaml-data.mjs), as the build (scripts/build.mjs) and vitest do.
import { register } from "node:module";

const dataModule = new URL("./yaml-data.mjs", import.meta.url).href;

register(
  `data:text/javascript,${encodeURIComponent(`
import { readFile } from "node:fs/promises";
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith("?raw") && !specifier.endsWith("?data")) return next(specifier, context);
  const url = new URL(specifier, context.parentURL);
  return { url: url.href, shortCircuit: true };
}
export async function load(url, context, next) {
  if (url.endsWith("?data")) {
    const { yamlDataModule } = await import(${JSON.stringify(dataModule)});
    const source = yamlDataModule(new URL(url.slice(0, -5)));
    return { format: "module", source, shortCircuit: true };
  }
  if (!url.endsWith("?raw")) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -4)), "utf8");
  return { format: "module", source: "export default " + JSON.stringify(text) + ";", shortCircuit: true };
}
`)}`,
);
