// Every command the README shows in a ```sh block runs as written, in order, from a fresh
// folder holding the examples and the .gitignore (a git repository, like a clone), with
// `drill` on the PATH; afterwards git sees nothing new. Interactive lines (marked
// `# interactive`), npm scripts (CI runs `npm ci` and `npm test`; the other tests run what
// `demo` and `package` do) and the built executable (test/e2e/sea.test.ts) are left out.
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

function shellBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  for (const match of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    blocks.push(
      (match[1] ?? "").split("\n").filter((line) => line.trim() && !line.trim().startsWith("#")),
    );
  }
  return blocks;
}

function skipped(line: string): boolean {
  return (
    /#\s*interactive\b/.test(line) || line.startsWith("npm ") || line.startsWith("./dist/sea/")
  );
}

const dir = tempDir("drill-readme-");
afterAll(() => dir.remove());

function sh(line: string, cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const child = spawn("bash", ["-c", line], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.on("close", (code) => done({ code, out }));
  });
}

describe("the README", () => {
  const blocks = shellBlocks(readme);

  it("opens with the install-and-demo command and the test command", () => {
    expect(blocks[0]).toEqual(["npm ci && npm run demo", "npm test"]);
  });

  it("shows commands that work as written", async () => {
    const work = join(dir.path, "work");
    const shim = join(dir.path, "bin");
    mkdirSync(shim, { recursive: true });
    cpSync(join(ROOT, "examples"), join(work, "examples"), { recursive: true });
    cpSync(join(ROOT, ".gitignore"), join(work, ".gitignore"));
    writeFileSync(join(shim, "drill"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(shim, "drill"), 0o755);
    const env = { PATH: `${shim}:${process.env.PATH}`, HOME: dir.path, NO_COLOR: "1", TZ: "UTC" };

    // A clone: what the commands write must be ignored by git, not left untracked.
    const git = "git -c user.name=readme -c user.email=readme@localhost";
    for (const line of ["git init -q", "git add -A", `${git} commit -qm clone`]) {
      expect((await sh(line, work, env)).code, line).toBe(0);
    }
    const lines = blocks.flat().filter((line) => !skipped(line));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const result = await sh(line, work, env);
      expect(result.code, `${line}\n${result.out}`).toBe(0);
    }
    const status = await sh("git status --porcelain --untracked-files=all", work, env);
    expect(status.out).toBe("");
  });
});
