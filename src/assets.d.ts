// Files imported with `?raw` are embedded as text (esbuild plugin in scripts/build.mjs; Vite in tests).
declare module "*?raw" {
  const text: string;
  export default text;
}
