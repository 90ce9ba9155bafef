// The fuzz layer: mutated plans, decision scripts, mapping files and damaged logs put through
// the real code, each case answered or refused with the tool's own errors, never with an
// internal one; and no damaged log passes as complete. Fixed seeds, so every run of a given
// size sees the same cases. Run by test/unit/fuzz.test.ts and, longer, by `npm run fuzz`.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { runScripted } from "../../src/commands/run.js";
import type { CommandContext } from "../../src/context.js";
import { DrillError, InputError } from "../../src/errors.js";
import { verifyLog, verifyLogBytes } from "../../src/log/reader.js";
import { judgeLog } from "../../src/log/verdict.js";
import { parsePlan, readPlanFile } from "../../src/plan/load.js";
import { parseMapping } from "../../src/sheet/mapping.js";
import { ROOT } from "../helpers/cli.js";
import { damageLog, logDamage, mutateText, textMutation } from "./mutate.js";

export interface Finding {
  /** Which case (its index in the run). */
  index: number;
  /** What went wrong: an internal error, or damage that was not found. */
  message: string;
  /** The input, for reproducing it. */
  input: string;
}

export interface FuzzResult {
  target: string;
  seed: number;
  cases: number;
  /** Taken as they are (a plan, a finished run, an intact log). */
  accepted: number;
  /** Refused with the tool's own error, naming where. */
  refused: number;
  findings: Finding[];
}

export interface FuzzOptions {
  runs: number;
  seed: number;
}

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** Some text mutated by one to `edits` edits. */
function mutated(bases: readonly string[], options: FuzzOptions, edits = 5): string[] {
  const cases = fc
    .tuple(
      fc.nat({ max: bases.length - 1 }),
      fc.array(textMutation, { minLength: 1, maxLength: edits }),
    )
    .map(([which, edits]) => edits.reduce(mutateText, bases[which] as string));
  return fc.sample(cases, { numRuns: options.runs, seed: options.seed });
}

function result(target: string, options: FuzzOptions): FuzzResult {
  return { target, seed: options.seed, cases: 0, accepted: 0, refused: 0, findings: [] };
}

/** An exception that is not one of the tool's own, as a finding. */
function internal(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `internal error: ${stack.split("\n").slice(0, 3).join(" | ")}`;
}

/** Every problem names the file and a place in it. */
function badLocation(error: InputError, file: string): string | undefined {
  for (const problem of error.problems) {
    if (problem.location.file !== file)
      return `a problem names ${problem.location.file}, not ${file}`;
    if (!problem.message) return "a problem has no message";
  }
  return undefined;
}

export function fuzzPlans(options: FuzzOptions): FuzzResult {
  const out = result("plans", options);
  const bases = ["pooled-positive.zh.yaml", "pooled-positive.en.yaml", "river-flood.en.yaml"].map(
    (name) => read(`examples/${name}`),
  );
  mutated(bases, options).forEach((source, index) => {
    out.cases++;
    try {
      const parsed = parsePlan(source, "plan.yaml");
      const errors = parsed.problems.filter((p) => p.severity === "error").length;
      if ((parsed.plan === undefined) !== errors > 0)
        out.findings.push({
          index,
          message: "a plan came back with errors, or none without",
          input: source,
        });
      else if (parsed.plan) out.accepted++;
      else out.refused++;
    } catch (error) {
      out.findings.push({ index, message: internal(error), input: source });
    }
  });
  return out;
}

/**
 * Mutated decision scripts run by `drill run --script` in-process (`runScripted`), the plan
 * read once; each run that finishes must leave a log that verifies as complete.
 */
export async function fuzzScripts(options: FuzzOptions & { folder?: string }): Promise<FuzzResult> {
  const out = result("scripts", options);
  // A memory file system, where there is one, spares the disk ten thousand logs' fsyncs.
  const folder = mkdtempSync(join(options.folder ?? tmpdir(), "drill-fuzz-scripts-"));
  try {
    const planPath = join(folder, "plan.yaml");
    writeFileSync(planPath, read("examples/river-flood.en.yaml"));
    const loaded = await readPlanFile(planPath);
    const quiet = { write: () => true };
    const ctx: CommandContext = {
      stdout: quiet,
      stderr: quiet,
      stdin: process.stdin,
      cwd: folder,
      env: {},
      now: () => new Date("2026-06-15T10:00:00Z"),
      timeZone: "Asia/Shanghai",
    };
    const bases = [read("examples/river-flood.en.script.yaml")];
    // Fewer edits at a time, so more scripts get as far as running.
    const scripts = mutated(bases, options, 3);
    for (const [index, source] of scripts.entries()) {
      out.cases++;
      const script = join(folder, "script.yaml");
      const log = join(folder, `run-${index}.jsonl`);
      writeFileSync(script, source);
      try {
        await runScripted(
          planPath,
          { script, log, startTime: "2026-06-15T18:00:00+08:00" },
          ctx,
          undefined,
          loaded,
        );
        const verified = await verifyLog(log);
        const complete = verified.ok && judgeLog(verified, { file: log }).failure === undefined;
        if (complete) out.accepted++;
        else
          out.findings.push({
            index,
            message: "a finished run left a log that is not complete",
            input: source,
          });
      } catch (error) {
        if (!(error instanceof DrillError))
          out.findings.push({ index, message: internal(error), input: source });
        else if (error instanceof InputError && badLocation(error, script))
          out.findings.push({
            index,
            message: badLocation(error, script) as string,
            input: source,
          });
        else out.refused++;
      } finally {
        rmSync(log, { force: true });
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return out;
}

/** Damaged logs: each must be refused (exit 1) or found not complete (exit 3), never passed. */
export async function fuzzLogs(options: FuzzOptions): Promise<FuzzResult> {
  const out = result("logs", options);
  const bases = [
    "examples/pooled-positive.zh.jsonl",
    "examples/river-flood.en.jsonl",
    "test/fixtures/logs/pooled-positive.jsonl",
  ].map((path) => readFileSync(join(ROOT, path)));
  const cases = fc.sample(
    fc.tuple(
      fc.nat({ max: bases.length - 1 }),
      fc.array(logDamage, { minLength: 1, maxLength: 3 }),
    ),
    { numRuns: options.runs, seed: options.seed },
  );
  for (const [index, [which, damages]] of cases.entries()) {
    const base = bases[which] as Buffer;
    const bytes = damages.reduce(damageLog, base);
    out.cases++;
    try {
      const verified = await verifyLogBytes(bytes, "damaged.jsonl");
      const passes =
        verified.ok && judgeLog(verified, { file: "damaged.jsonl" }).failure === undefined;
      if (!passes) out.refused++;
      else if (bytes.equals(base)) out.accepted++;
      else
        out.findings.push({
          index,
          message: `damage passed as a complete log: ${JSON.stringify(damages)}`,
          input: bytes.toString("latin1"),
        });
    } catch (error) {
      // A log with no header at all is refused with the reader's InputError too.
      if (error instanceof DrillError) out.refused++;
      else out.findings.push({ index, message: internal(error), input: bytes.toString("latin1") });
    }
  }
  return out;
}

export function fuzzMappings(options: FuzzOptions): FuzzResult {
  const out = result("mapping files", options);
  const bases = [
    read("test/fixtures/msel/openbas.map.yaml"),
    "sheet: MSEL\nheader: 2\ncolumns:\n  时间: time\n  情景: title\n  内容: message\n  接收: to\nwithin: 1h\n",
  ];
  mutated(bases, options).forEach((source, index) => {
    out.cases++;
    try {
      parseMapping(source, "map.yaml");
      out.accepted++;
    } catch (error) {
      if (!(error instanceof DrillError))
        out.findings.push({ index, message: internal(error), input: source });
      else if (error instanceof InputError && badLocation(error, "map.yaml"))
        out.findings.push({
          index,
          message: badLocation(error, "map.yaml") as string,
          input: source,
        });
      else out.refused++;
    }
  });
  return out;
}
