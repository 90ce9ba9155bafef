// Benchmark of `drill replay`: generates a series of synthetic drill logs (scripts/gen-logs.ts),
// then times the built CLI replaying all of them into a fresh folder (every log's md and json
// report, the summary, and with --format json the JSON Lines) against the floor: reading and
// checking every log once with the project's reader (JSON.parse, hash chain and shape of every
// line), on as many processes as the replay uses (--jobs), and in one process. Prints wall time,
// logs/s, events/s, peak memory, the ratios, and what a worker's start-up costs. The floor is
// timed inside each reading process, so its start-up does not pad it; the replay is timed
// from outside, start-up and summary included.
//
// Peak memory is the largest sum of resident set sizes (VmRSS in /proc/<pid>/status) of the
// replay's whole process tree (the parent and its workers), sampled every 50 ms; each
// process's own peak (VmHWM) is reported too. Linux only, as /proc is.
//
//   npm run bench:replay            (builds, then 1,000 logs of about 1,000 events)
//   npx tsx scripts/bench-replay.ts [--count 1000] [--events 1000] [--jobs N] [--reps 1] [--keep dir]

import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { scanLog } from "../src/log/reader.js";
import { generateLogs } from "./gen-logs.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const BIN = join(ROOT, "bin/drill");

const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    events: { type: "string", default: "1000" },
    jobs: { type: "string" },
    reps: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    keep: { type: "string" },
    "child-read": { type: "string" },
  },
});

/** In a child: reads and checks the logs listed in a file; prints the lines and the time. */
async function childRead(listFile: string): Promise<void> {
  const started = performance.now();
  let lines = 0;
  for (const path of readFileSync(listFile, "utf8").split("\n").filter(Boolean)) {
    for await (const batch of scanLog(path)) lines += batch.lines.length;
  }
  process.stdout.write(`${JSON.stringify({ lines, ms: performance.now() - started })}\n`);
}

interface Sampled {
  ms: number;
  code: number | null;
  /** Largest sum of VmRSS over the process tree, MiB. */
  peakTreeMiB: number;
  /** Largest VmHWM of any one process of the tree, MiB. */
  peakProcessMiB: number;
  processes: number;
  stdout: string;
  stderr: string;
}

function status(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
    return { rss: kib("VmRSS"), hwm: kib("VmHWM") };
  } catch {
    return undefined;
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    out.push(current);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8");
        for (const child of children.split(/\s+/).filter(Boolean)) stack.push(Number(child));
      } catch {
        // The task ended between listing and reading.
      }
    }
  }
  return out;
}

/** Runs a command, sampling its process tree's memory until it ends. */
function runSampled(command: string, argv: string[]): Promise<Sampled> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child: ChildProcess = spawn(command, argv, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
    });
    child.stderr?.setEncoding("utf8").on("data", (c: string) => {
      stderr += c;
    });
    let peakTree = 0;
    const hwm = new Map<number, number>();
    const sample = () => {
      if (child.pid === undefined) return;
      let sum = 0;
      for (const pid of descendants(child.pid)) {
        const s = status(pid);
        if (!s) continue;
        sum += s.rss;
        hwm.set(pid, Math.max(hwm.get(pid) ?? 0, s.hwm));
      }
      peakTree = Math.max(peakTree, sum);
    };
    const timer = setInterval(sample, 50);
    child.on("error", fail);
    child.on("close", (code) => {
      clearInterval(timer);
      done({
        ms: performance.now() - started,
        code,
        peakTreeMiB: peakTree / 1024,
        peakProcessMiB: Math.max(0, ...hwm.values()) / 1024,
        processes: hwm.size,
        stdout,
        stderr,
      });
    });
  });
}

/**
 * The floor: every log read and checked once, split over `jobs` processes started together;
 * the time is the slowest process's own reading time (its start-up left out).
 */
async function floor(paths: string[], jobs: number, scratch: string): Promise<number> {
  const shares = Array.from({ length: jobs }, () => [] as string[]);
  for (const [i, p] of paths.entries()) shares[i % jobs]?.push(p);
  const times = await Promise.all(
    shares.map(
      (share, i) =>
        new Promise<number>((done, fail) => {
          const list = join(scratch, `share-${i}.txt`);
          writeFileSync(list, share.join("\n"));
          const child = spawn(
            process.execPath,
            ["--import", "tsx", "--import", "./scripts/raw-text.mjs", SELF, "--child-read", list],
            {
              cwd: ROOT,
              stdio: ["ignore", "pipe", "inherit"],
            },
          );
          let ms = Number.NaN;
          createInterface({ input: child.stdout }).on("line", (line) => {
            ms = (JSON.parse(line) as { ms: number }).ms;
          });
          child.on("error", fail);
          child.on("close", (code) =>
            code === 0 ? done(ms) : fail(new Error(`reader exited ${code}`)),
          );
        }),
    ),
  );
  return Math.max(...times);
}

/** A worker's start-up: spawn `drill __replay-worker`, send its settings, wait for "ready". */
function workerStartup(): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, "__replay-worker"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.includes('"ready"')) {
        const ms = performance.now() - started;
        child.stdin.end();
        child.on("close", () => done(ms));
      }
    });
    child.on("error", fail);
    child.stdin.write(`${JSON.stringify({ type: "init" })}\n`);
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist/cli.js"))) throw new Error("build first: npm run build");
  const count = Number(args.count);
  const events = Number(args.events);
  const jobs = Number(args.jobs ?? availableParallelism());
  const reps = Number(args.reps);
  const scratch = args.keep
    ? resolve(args.keep)
    : mkdtempSync(join(tmpdir(), "drill-bench-replay-"));
  const logs = join(scratch, "logs");
  try {
    let lines = 0;
    const started = performance.now();
    const paths = existsSync(logs)
      ? readdirSync(logs)
          .filter((f) => f.endsWith(".jsonl"))
          .map((f) => join(logs, f))
      : await generateLogs({
          count,
          events,
          out: logs,
          seed: Number(args.seed),
          plan: "examples/pooled-positive.zh.yaml",
          start: "2024-01-01T09:00:00+08:00",
          everyDays: 1,
          revisions: 2,
          onLog: (_, n) => {
            lines += n;
          },
        });
    const bytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
    if (lines === 0) {
      for (const p of paths) lines += readFileSync(p, "utf8").split("\n").length - 1;
    }
    const eventCount = lines - paths.length;
    console.log(
      `logs: ${paths.length.toLocaleString("en")}, ${eventCount.toLocaleString("en")} events (${Math.round(eventCount / paths.length)} a log), ${(bytes / 2 ** 20).toFixed(0)} MiB; ready in ${seconds(performance.now() - started)}`,
    );
    console.log(
      `machine: ${availableParallelism()} cores; replay --jobs ${jobs} (this process and ${jobs - 1} worker(s))`,
    );

    const floors: number[] = [];
    const sequential: number[] = [];
    const replays: Sampled[] = [];
    const jsonReplays: Sampled[] = [];
    // Interleaved, so load on the machine affects every measure alike.
    for (let rep = 0; rep < reps; rep++) {
      floors.push(await floor(paths, jobs, scratch));
      sequential.push(await floor(paths, 1, scratch));
      for (const [format, list] of [
        ["md", replays],
        ["json", jsonReplays],
      ] as const) {
        const out = join(scratch, `out-${format}-${rep}`);
        rmSync(out, { recursive: true, force: true });
        const run = await runSampled(process.execPath, [
          BIN,
          "replay",
          logs,
          "-o",
          out,
          "--quiet",
          "--jobs",
          String(jobs),
          "--format",
          format,
        ]);
        if (run.code !== 0) throw new Error(`replay failed (${run.code}): ${run.stderr}`);
        list.push(run);
        rmSync(out, { recursive: true, force: true });
      }
    }
    const floorMs = median(floors);
    const sequentialMs = median(sequential);
    console.log(
      `floor, read and check every log once: ${seconds(floorMs)} on ${jobs} process(es), ${seconds(sequentialMs)} on one`,
    );
    for (const [label, list] of [
      ["replay (md reports + summary.md)", replays],
      ["replay --format json (+ drills.jsonl, summary.json)", jsonReplays],
    ] as const) {
      const ms = median(list.map((r) => r.ms));
      const peak = Math.max(...list.map((r) => r.peakTreeMiB));
      const process = Math.max(...list.map((r) => r.peakProcessMiB));
      console.log(`${label}:`);
      console.log(
        `  wall ${seconds(ms)}, ${(paths.length / (ms / 1000)).toFixed(0)} logs/s, ${Math.round(eventCount / (ms / 1000)).toLocaleString("en")} events/s`,
      );
      console.log(
        `  ×${(ms / floorMs).toFixed(2)} of the floor on ${jobs} process(es), ×${(ms / sequentialMs).toFixed(2)} of the floor on one`,
      );
      console.log(
        `  peak memory: ${peak.toFixed(0)} MiB for the parent and its workers together (sampled), largest single process ${process.toFixed(0)} MiB`,
      );
    }

    const startups: number[] = [];
    for (let i = 0; i < 5; i++) startups.push(await workerStartup());
    const startup = median(startups);
    const replayMs = median(replays.map((r) => r.ms));
    const perLog = (startup * paths.length) / jobs;
    console.log(
      `worker start-up (spawn to ready, median of 5): ${startup.toFixed(0)} ms; kept alive, the workers start together once: ${((startup / replayMs) * 100).toFixed(1)}% of the replay; one worker per log would add about ${seconds(perLog)} (${((perLog / replayMs) * 100).toFixed(0)}% more)`,
    );
  } finally {
    if (!args.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

if (args["child-read"]) await childRead(args["child-read"]);
else await main();
