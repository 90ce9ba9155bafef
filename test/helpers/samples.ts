// The public sample MSELs (../shared/samples beside the checkout; see its README). They are
// looked for beside the repository and beside the folder holding it (a git worktree), or
// where DRILLBOOK_SAMPLES says. Without them the tests that read them are skipped on a
// developer's machine, and fail in CI (CI=true), where they must be present.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "./cli.js";

export function samplesDir(): string | undefined {
  const candidates = [
    process.env.DRILLBOOK_SAMPLES,
    resolve(ROOT, "../shared/samples"),
    resolve(ROOT, "../../shared/samples"),
  ];
  const found = candidates.find((dir) => dir !== undefined && existsSync(dir));
  if (found === undefined && process.env.CI === "true")
    throw new Error(
      `the sample MSELs are missing (looked in ${candidates.filter(Boolean).join(", ")}): CI must have them`,
    );
  return found;
}
