import { defineConfig, type Plugin } from "vitest/config";
// @ts-expect-error: a plain ES module of the build's, without types.
import { DATA_SUFFIX, yamlDataModule } from "./scripts/yaml-data.mjs";

/** `import data from "./file.yaml?data"`, as the build does (scripts/yaml-data.mjs). */
const yamlData: Plugin = {
  name: "yaml-data",
  enforce: "pre",
  load(id) {
    return id.endsWith(DATA_SUFFIX) ? yamlDataModule(id.slice(0, -DATA_SUFFIX.length)) : undefined;
  },
};

// Two layers: `unit` (pure core and in-process commands, fast) and `e2e` (the built CLI,
// the console in a pseudo-terminal, the single executable). `npm run test:fast` runs `unit`.
export default defineConfig({
  plugins: [yamlData],
  test: {
    projects: [
      {
        // Each project takes the plugins above.
        extends: true,
        test: {
          name: "unit",
          // Unit tests first; projects with different worker limits need their own group.
          sequence: { groupOrder: 0 },
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          sequence: { groupOrder: 1 },
          include: ["test/e2e/**/*.test.ts"],
          // Generous: a busy shared machine slows every spawned CLI; tests wait on output
          // markers, never on time.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Terminal tests share two cores with the CLI processes they spawn.
          maxWorkers: 2,
        },
      },
    ],
  },
});
