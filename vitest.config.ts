import { defineConfig } from "vitest/config";

// Two layers: `unit` (pure core and in-process commands, fast) and `e2e` (the built CLI,
// the console in a pseudo-terminal, the single executable). `npm run test:fast` runs `unit`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Terminal tests share two cores with the CLI processes they spawn.
          maxWorkers: 2,
        },
      },
    ],
  },
});
