// What every benchmark shares: running a command in a fresh process and reading its wall and
// CPU time (user + system, its children included, as bash's `time` reports them), pairing
// each measured command with its floor in the same repetition so load on the machine weighs
// on both alike, and printing the results as a markdown table of ratios (min–median–max).
//
// A benchmark script prints its table to stdout (progress goes to stderr); `npm run bench`
// (scripts/bench.ts) runs them all and writes bench/results.md.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin/drill");
export const FLOOR = join(ROOT, "scripts/bench/floor.mjs");

export interface Measure {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size of the largest process, MiB (when asked for). */
  rssMiB?: number;
  /** Peak summed resident set size of the whole process tree, MiB (when asked for). */
  treeMiB?: number;
  stdout: string;
}

const scratch = mkdtempSync(join(tmpdir(), "drill-bench-time-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

// bash's `time` keyword times the command alone (not bash's own start-up), to the
// millisecond, with the CPU of every child it waited for: a replay's workers count.
const TIMED = `TIMEFORMAT='%3R %3U %3S'; { time "$@" >"$BENCH_OUT" 2>"$BENCH_ERR"; } 2>"$BENCH_TIME"`;

/**
 * Runs `argv` once in a fresh process; throws with its stderr when it fails. With
 * `tree`, also samples the summed resident memory of its whole process tree every 50 ms.
 */
export async function measure(
  argv: string[],
  options: { rss?: boolean; tree?: boolean; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Measure> {
  const files = { out: join(scratch, "out"), err: join(scratch, "err"), time: join(scratch, "t") };
  const rssFile = join(scratch, "rss");
  const command = options.rss ? ["/usr/bin/time", "-f", "%M", "-o", rssFile, ...argv] : argv;
  const child = spawn("bash", ["-c", TIMED, "bench", ...command], {
    cwd: options.cwd ?? ROOT,
    stdio: "ignore",
    env: {
      ...process.env,
      ...options.env,
      NO_COLOR: "1",
      BENCH_OUT: files.out,
      BENCH_ERR: files.err,
      BENCH_TIME: files.time,
    },
  });
  let treeKiB = 0;
  const timer = options.tree
    ? setInterval(() => {
        if (child.pid !== undefined) treeKiB = Math.max(treeKiB, treeRssKiB(child.pid));
      }, 50)
    : undefined;
  const [code] = (await once(child, "close")) as [number | null];
  clearInterval(timer);
  if (code !== 0) {
    const stderr = readFileSync(files.err, "utf8").slice(-2000);
    throw new Error(`${argv.join(" ")} exited ${code}: ${stderr}`);
  }
  const [real, user, system] = readFileSync(files.time, "utf8").trim().split(/\s+/).map(Number);
  return {
    wallMs: (real ?? Number.NaN) * 1000,
    cpuMs: ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000,
    ...(options.rss ? { rssMiB: Number(readFileSync(rssFile, "utf8").trim()) / 1024 } : {}),
    ...(options.tree ? { treeMiB: treeKiB / 1024 } : {}),
    stdout: readFileSync(files.out, "utf8"),
  };
}

/** The summed VmRSS of a process and all its descendants (Linux /proc), KiB. */
function treeRssKiB(pid: number): number {
  let sum = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    try {
      const status = readFileSync(`/proc/${current}/status`, "utf8");
      sum += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8");
        for (const c of children.split(/\s+/).filter(Boolean)) stack.push(Number(c));
      }
    } catch {
      // The process ended between listing and reading.
    }
  }
  return sum;
}

/** The floors, as plain scripts: P (read + JSON.parse every line) and P+sha (+ the chained sha256). */
export const floorP = (paths: string[]) => [process.execPath, FLOOR, ...paths];
export const floorPSha = (paths: string[]) => [process.execPath, FLOOR, "--sha", ...paths];

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] ?? Number.NaN, median, max: sorted.at(-1) ?? Number.NaN };
}

export const median = (values: number[]) => spread(values).median;

/** The median time of `reps` runs of `work`, in one process (for work too small to spawn). */
export function medianTime(reps: number, work: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    work();
    runs.push(performance.now() - started);
  }
  return median(runs);
}

/** Runs every case once per repetition, interleaved, so a busy moment hits them all. */
export async function interleave<K extends string>(
  cases: Record<K, () => Promise<Measure>>,
  reps: number,
  label = "",
): Promise<Record<K, Measure[]>> {
  const keys = Object.keys(cases) as K[];
  const runs = Object.fromEntries(keys.map((k) => [k, [] as Measure[]])) as Record<K, Measure[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (const key of keys) runs[key].push(await cases[key]());
    progress(`${label} ${rep + 1}/${reps}`);
  }
  return runs;
}

/** Per-repetition ratios of `work` to `floor`: each run against the floor of its own repetition. */
export function ratios(work: Measure[], floor: Measure[], of: "wallMs" | "cpuMs"): Spread {
  return spread(work.map((m, i) => m[of] / ((floor[i] ?? floor[0]) as Measure)[of]));
}

export const seconds = (ms: number) =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(0)} ms`;

export const ratioText = (s: Spread) =>
  `${s.min.toFixed(2)}–**${s.median.toFixed(2)}**–${s.max.toFixed(2)}×`;

/** One row of a comparison: a work and its floor, with their medians and the ratios. */
export interface Row {
  work: string;
  floor: string;
  runs: Measure[];
  floorRuns: Measure[];
  /** Shown after the ratios: the goal, memory, a note. */
  note?: string;
}

export function comparisonTable(rows: Row[]): string {
  const lines = [
    "| work | drillbook wall / CPU | floor | floor wall / CPU | wall ratio | CPU ratio | notes |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const wall = median(row.runs.map((m) => m.wallMs));
    const cpu = median(row.runs.map((m) => m.cpuMs));
    const floorWall = median(row.floorRuns.map((m) => m.wallMs));
    const floorCpu = median(row.floorRuns.map((m) => m.cpuMs));
    lines.push(
      `| ${row.work} | ${seconds(wall)} / ${seconds(cpu)} | ${row.floor} | ${seconds(floorWall)} / ${seconds(floorCpu)} | ${ratioText(ratios(row.runs, row.floorRuns, "wallMs"))} | ${ratioText(ratios(row.runs, row.floorRuns, "cpuMs"))} | ${row.note ?? ""} |`,
    );
  }
  return lines.join("\n");
}

/** A benchmark's section of the results: a heading, what was run, the table, notes. */
export function section(
  title: string,
  command: string,
  body: string,
  notes: string[] = [],
): string {
  return [`## ${title}`, "", `\`${command}\``, "", body, "", ...notes.map((n) => `- ${n}`), ""]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Peak RSS, median over the runs that measured it, as "N MiB". */
export const peak = (runs: Measure[]) =>
  `${median(runs.map((m) => m.rssMiB ?? Number.NaN)).toFixed(0)} MiB`;
