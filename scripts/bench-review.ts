// Benchmark of `drill review`: writes a 100,000-event log of the Chinese example plan
// (injects on schedule, decisions, blockers, improvised actions, notes), then times, each in
// a fresh process, reading the log alone and reviewing it (markdown with the full decision
// log, and JSON). Prints medians, the ratio to reading alone, and each process's peak RSS
// for the full log and for one a tenth its size. Bounded memory is shown directly: every
// pass is run again with V8's old space capped far below the log's size (and the built CLI,
// if `npm run build` has made it, with a smaller cap still).
//
//   npm run bench:review
//   npx tsx scripts/bench-review.ts [--events 100000] [--reps 5]

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyEvent, dueInjects, initialState } from "../src/core/engine.js";
import { BLOCKER_KINDS, type DrillEvent, LOG_FORMAT, type NewEvent } from "../src/core/events.js";
import { allExpectations } from "../src/core/plan.js";
import { readLogLines } from "../src/log/reader.js";
import { LogWriter } from "../src/log/writer.js";
import { readPlanFile } from "../src/plan/load.js";
import { analyseLogFile, type ReportFormat, writeReport } from "../src/review/file.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const PLAN = "examples/pooled-positive.zh.yaml";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    events: { type: "string", default: "100000" },
    reps: { type: "string", default: "5" },
    child: { type: "string" },
  },
});

interface Measure {
  ms: number;
  /** Peak resident set size of the process, MiB. */
  rssMiB: number;
}

/** In a child process: one timed pass, printed as JSON. */
async function child(mode: string, log: string): Promise<void> {
  const started = performance.now();
  if (mode === "read") {
    for await (const _line of readLogLines(log)) {
      // Reading and checking every line is the whole job here.
    }
  } else {
    const review = await analyseLogFile(log);
    let chars = 0;
    await writeReport(review, mode as ReportFormat, review.lang, log, async (chunk) => {
      chars += chunk.length;
    });
    if (chars === 0) throw new Error("empty report");
  }
  const ms = performance.now() - started;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, rssMiB } satisfies Measure)}\n`);
}

/** A log of `count` events: what a long, busy drill of the example plan would leave. */
async function makeLog(path: string, count: number): Promise<void> {
  const loaded = await readPlanFile(resolve(ROOT, PLAN));
  const plan = loaded.plan;
  const start = Date.parse("2026-11-24T09:00:00+08:00");
  const writer = await LogWriter.create(
    path,
    {
      type: "header",
      format: LOG_FORMAT,
      t: 0,
      tool: "drillbook bench",
      startedAt: new Date(start).toISOString(),
      plan,
      planSha256: loaded.sha256,
      planSource: loaded.source,
      planFile: PLAN,
      clock: "virtual",
    },
    { now: () => new Date(start), fsync: false },
  );
  const state = initialState(plan);
  const groups = plan.groups.map((g) => g.id);
  const expectations = allExpectations(plan);
  const span = 26 * 60;
  const emit = (event: NewEvent) => {
    const wall = new Date(start + (event.t * 60_000) / plan.clock.speed).toISOString();
    applyEvent(state, writer.append({ ...event, wall } as NewEvent) as DrillEvent, {
      keepRecords: false,
    });
  };
  emit({ type: "drill-started", t: 0, speed: plan.clock.speed });
  for (let i = 0; state.counts.events < count - 1; i++) {
    const t = Math.round(((i * span) / count) * 100) / 100;
    for (const due of dueInjects(state, t)) {
      if (state.counts.events >= count - 1) break;
      emit({
        type: due.action === "deliver" ? "inject-delivered" : "inject-skipped",
        t,
        inject: due.inject.id,
        ...(due.action === "skip" ? { reason: "condition" } : {}),
      } as NewEvent);
    }
    const open = expectations.filter(
      (e) => state.expectations.get(e.id)?.deliveredAt !== undefined,
    );
    const pick = open[i % Math.max(1, open.length)];
    const group = groups[i % groups.length] ?? "command";
    if (i % 11 === 0) {
      emit({
        type: "note",
        t,
        kind: i % 2 ? "strength" : "improvement",
        text: `第 ${i} 条观察：信息交接靠电话，多次重复确认`,
        group,
      });
    } else if (i % 7 === 0 || !pick) {
      emit({
        type: "decision",
        t,
        group,
        status: "done",
        text: `临机处置 ${i}：协调志愿者车队送菜`,
      });
    } else if (i % 5 === 0) {
      const kind = BLOCKER_KINDS[i % BLOCKER_KINDS.length] ?? "other";
      emit({
        type: "decision",
        t,
        group: pick.group,
        expectation: pick.id,
        inject: pick.inject,
        status: "blocked",
        text: `第 ${i} 次受阻`,
        blocker: { kind, text: "采样人员不足，夜间采样队伍仅 1 支" },
      });
    } else {
      const status = i % 13 === 0 ? "done" : "partial";
      emit({
        type: "decision",
        t,
        group: pick.group,
        expectation: pick.id,
        inject: pick.inject,
        status,
        text: `第 ${i} 次进展：设置采样点，信息登记系统开通`,
      });
    }
  }
  emit({ type: "drill-ended", t: span, reason: "script" });
  writer.close();
}

/** tsx itself needs about 30 MiB of old space; the review must fit in what is left. */
const CAPPED_MIB = 32;
const CLI_CAPPED_MIB = 16;

function measure(mode: string, log: string, oldSpaceMiB?: number): Measure {
  const flags = oldSpaceMiB ? [`--max-old-space-size=${oldSpaceMiB}`] : [];
  const result = spawnSync(
    process.execPath,
    [...flags, "--import", "tsx", "--import", "./scripts/raw-text.mjs", SELF, "--child", mode, log],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as Measure;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const events = Number(args.events);
  const reps = Number(args.reps);
  const scratch = mkdtempSync(join(tmpdir(), "drill-bench-review-"));
  try {
    const big = join(scratch, "big.jsonl");
    const small = join(scratch, "small.jsonl");
    const started = performance.now();
    await makeLog(big, events);
    const madeIn = performance.now() - started;
    await makeLog(small, Math.round(events / 10));
    console.log(
      `log: ${events.toLocaleString("en")} events, ${(statSync(big).size / 2 ** 20).toFixed(1)} MiB, written in ${(madeIn / 1000).toFixed(1)} s (fsync off)`,
    );
    const modes = ["read", "md", "json"] as const;
    const runs: Record<string, Measure[]> = { read: [], md: [], json: [] };
    // Interleaved, so load on the machine affects every mode alike.
    for (let rep = 0; rep < reps; rep++)
      for (const mode of modes) runs[mode]?.push(measure(mode, big));
    const smallPeak = Object.fromEntries(modes.map((mode) => [mode, measure(mode, small).rssMiB]));
    const readMs = median((runs.read ?? []).map((m) => m.ms));
    console.log(`median of ${reps} runs, each in a fresh process:`);
    for (const mode of modes) {
      const list = runs[mode] ?? [];
      const ms = median(list.map((m) => m.ms));
      const label = { read: "read the log alone", md: "review → markdown", json: "review → JSON" }[
        mode
      ];
      console.log(
        `  ${label.padEnd(20)} ${ms.toFixed(0).padStart(6)} ms  ×${(ms / readMs).toFixed(2)} of reading` +
          `  peak RSS ${median(list.map((m) => m.rssMiB)).toFixed(0)} MiB` +
          ` (${(smallPeak[mode] ?? 0).toFixed(0)} MiB for ${Math.round(events / 10).toLocaleString("en")} events)`,
      );
    }
    const capped = modes.map((mode) => {
      try {
        return `${mode} ok (${(measure(mode, big, CAPPED_MIB).ms / 1000).toFixed(1)} s)`;
      } catch {
        return `${mode} FAILED`;
      }
    });
    console.log(`with V8 old space capped at ${CAPPED_MIB} MiB: ${capped.join(", ")}`);
    const bin = join(ROOT, "bin/drill");
    if (existsSync(join(ROOT, "dist/cli.js"))) {
      const started = performance.now();
      const cli = spawnSync(
        process.execPath,
        [
          `--max-old-space-size=${CLI_CAPPED_MIB}`,
          bin,
          "review",
          big,
          "-o",
          join(scratch, "big.md"),
        ],
        { cwd: ROOT, encoding: "utf8" },
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `built CLI, drill review → markdown file, old space capped at ${CLI_CAPPED_MIB} MiB: ${
          cli.status === 0 ? `ok in ${seconds} s` : `FAILED (exit ${cli.status})`
        }`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (args.child) await child(args.child, positionals[0] ?? "");
else await main();
