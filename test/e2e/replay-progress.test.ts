// The batch's progress bar, in a pseudo-terminal: drawn in place while logs are replayed and
// cleared at the end, leaving the final line; none with --quiet.

import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateLogs } from "../../scripts/gen-logs.js";
import { tempDir } from "../helpers/cli.js";
import { killTerminals, Terminal } from "./console-terminal.js";

let folder: ReturnType<typeof tempDir>;
beforeAll(async () => {
  folder = tempDir("drill-replay-progress-");
  await generateLogs({
    count: 12,
    events: 200,
    out: join(folder.path, "logs"),
    seed: 3,
    plan: "examples/pooled-positive.en.yaml",
    start: "2026-01-05T09:00:00+08:00",
    everyDays: 7,
    revisions: 0,
  });
}, 60_000);
afterEach(() => killTerminals());
afterAll(() => folder.remove());

describe("drill replay on a terminal", () => {
  it("draws a progress bar on standard error, then clears it for the final line", async () => {
    const terminal = new Terminal(["replay", "logs", "-o", "out", "--jobs", "2"], {
      cwd: folder.path,
    });
    await terminal.waitFor(/Replayed 12 of 12 logs in [\d.]+ s; summary: out\/summary\.md/);
    expect((await terminal.exit).exitCode).toBe(0);
    // The first drawing, before any log is done, and the last, with every log done.
    expect(terminal.output).toContain(`\r\x1b[K[${"░".repeat(24)}] 0/12 logs · 0 s`);
    expect(terminal.output).toContain(`[${"█".repeat(24)}] 12/12 logs · `);
    expect(terminal.output).toContain("\r\x1b[KReplayed 12 of 12 logs");
  });

  it("draws none with --quiet", async () => {
    const terminal = new Terminal(["replay", "logs", "-o", "quiet", "--quiet"], {
      cwd: folder.path,
    });
    await terminal.waitFor("Replayed 12 of 12 logs");
    expect((await terminal.exit).exitCode).toBe(0);
    expect(terminal.output).not.toContain("█");
    expect(terminal.output).not.toContain("░");
  });
});
