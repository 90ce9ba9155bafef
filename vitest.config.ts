import { defineConfig } from "vitest/config";

// Two layers: `unit` (pure core and in-process commands, fast) and `e2e` (the built CLI,
// the console in a pseudo-terminal, the single executable). `npm run test:fast` runs `unit`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // Unit tests first; projects with different worker limits need their own group.
          sequence: { groupOrder: 0 },
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
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
