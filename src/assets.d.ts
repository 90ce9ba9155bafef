// Files imported with `?raw` are embedded as text (esbuild plugin in scripts/build.mjs; Vite in tests).
declare module "*?raw" {
  const text: string;
  export default text;
}

// `?data`: a YAML file embedded as its data, parsed at build time (scripts/yaml-data.mjs).
declare module "*?data" {
  const data: unknown;
  export default data;
}
