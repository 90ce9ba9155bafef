// Benchmark of `drill export --ocel --xes` on a folder of generated logs: peak memory and wall
// time of the built CLI for a tenth of the logs and for all of them, so the ratio shows whether
// memory grows with the number of logs (it should not: a drill at a time is read and written).
// The floor is reading and checking every log once with the project's reader in this process.
// Peak memory is the exporting process's own maximum resident set (`process.resourceUsage()`).
//
//   npm run bench:export     (builds, then 1,000 logs of about 200 events)
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-export.ts [--count 1000] [--events 200] [--seed 1] [--keep dir]

import { spawn } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { readLog } from "../src/log/reader.js";
import { generateLogs } from "./gen-logs.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = pathToFileURL(join(ROOT, "dist/main.cjs")).href;

const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    events: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    keep: { type: "string" },
  },
});
const count = Number(args.count);

interface Run {
  seconds: number;
  maxRssMiB: number;
  ocelMiB: number;
  xesMiB: number;
}

/** The CLI in a child process that reports its own peak memory when the export is done. */
function exportRun(dir: string, logs: string): Promise<Run> {
  const script = `import(${JSON.stringify(CLI)}).then(async (cli) => {
    const code = await cli.main(["node", "drill", "export", ${JSON.stringify(logs)}, "--ocel", "out.ocel.json", "--xes", "out.xes", "--force"]);
    process.stderr.write("maxrss " + process.resourceUsage().maxRSS + "\\n");
    process.exitCode = code;
  })`;
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: dir,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => {
      const rss = /maxrss (\d+)/.exec(stderr);
      if (code !== 0 || !rss) return fail(new Error(`export failed (${code}): ${stderr}`));
      done({
        seconds: (performance.now() - started) / 1000,
        maxRssMiB: Number(rss[1]) / 1024,
        ocelMiB: statSync(join(dir, "out.ocel.json")).size / 2 ** 20,
        xesMiB: statSync(join(dir, "out.xes")).size / 2 ** 20,
      });
    });
  });
}

async function main(): Promise<void> {
  const dir = args.keep ?? mkdtempSync(join(tmpdir(), "drill-bench-export-"));
  try {
    const all = join(dir, "all");
    await generateLogs({
      count,
      events: Number(args.events),
      out: all,
      seed: Number(args.seed),
      plan: "examples/pooled-positive.zh.yaml",
      start: "2026-01-05T09:00:00+08:00",
      everyDays: 7,
      revisions: 1,
    });
    // The first tenth, as hard links: the same bytes, a tenth of the logs.
    const tenth = join(dir, "tenth");
    mkdirSync(tenth, { recursive: true });
    const files = readdirSync(all).sort();
    for (const file of files.slice(0, Math.max(1, Math.floor(count / 10))))
      linkSync(join(all, file), join(tenth, file));

    const floorStart = performance.now();
    let events = 0;
    for (const file of files) events += (await readLog(join(all, file))).events.length;
    const floor = (performance.now() - floorStart) / 1000;

    const small = await exportRun(dir, "tenth");
    const large = await exportRun(dir, "all");
    const line = (name: string, logs: number, run: Run) =>
      `${name.padEnd(6)} ${String(logs).padStart(5)} logs  ${run.seconds.toFixed(1).padStart(6)} s  ` +
      `peak ${run.maxRssMiB.toFixed(0).padStart(4)} MiB  OCEL ${run.ocelMiB.toFixed(1)} MiB  XES ${run.xesMiB.toFixed(1)} MiB`;
    console.log(`drill export --ocel --xes: ${count} generated logs, ${events} events`);
    console.log(line("tenth", Math.max(1, Math.floor(count / 10)), small));
    console.log(line("all", count, large));
    console.log(`peak memory, all / tenth: ${(large.maxRssMiB / small.maxRssMiB).toFixed(2)}`);
    console.log(
      `time, all / floor (reading every log once, ${floor.toFixed(1)} s): ${(large.seconds / floor).toFixed(2)}`,
    );
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
