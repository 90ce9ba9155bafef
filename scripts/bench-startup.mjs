// Start-up benchmark: median wall time of a few commands of bin/drill and of the single
// executable, each next to `node -e 0` measured in the same run (interleaved, so load on
// the machine affects them alike). Target: `--version` within 1.3× of `node -e 0`.
//
//   npm run bench:startup            (builds both first)
//   node scripts/bench-startup.mjs [--runs 21]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { runs: { type: "string", default: "21" } } });
const runs = Number(values.runs);
const bin = resolve(root, "bin/drill");
const sea = resolve(root, process.platform === "win32" ? "dist/sea/drill.exe" : "dist/sea/drill");
const plan = "examples/pooled-positive.zh.yaml";
const script = "examples/pooled-positive.zh.script.yaml";
const scratch = mkdtempSync(join(tmpdir(), "drill-bench-"));
const notes = [];

/** A log to review: the plan's, shipped in examples/, else one written by a scripted run. */
function exampleLog() {
  const shipped = plan.replace(/\.yaml$/, ".jsonl");
  if (existsSync(resolve(root, shipped))) return shipped;
  const log = join(scratch, "example.jsonl");
  const run = spawnSync(bin, ["run", plan, "--script", script, "--log", log], { cwd: root });
  if (run.status === 0 && existsSync(log)) return log;
  notes.push(`review: no example log (scripted run exited ${run.status}); skipped`);
  return undefined;
}

const log = exampleLog();
const commands = [
  { label: "--version", args: ["--version"] },
  { label: "--help", args: ["--help"] },
  { label: `validate ${plan}`, args: ["validate", plan] },
  ...(log
    ? [{ label: `review ${relative(root, resolve(root, log))}`, args: ["review", log] }]
    : []),
];
const targets = [{ label: "bin/drill", exe: bin }];
if (existsSync(sea)) targets.push({ label: relative(root, sea), exe: sea });
else notes.push(`${relative(root, sea)}: not built (npm run package); skipped`);

const baseline = { label: "node -e 0", exe: process.execPath, args: ["-e", "0"] };
const cases = [baseline];
for (const command of commands) {
  for (const target of targets) {
    // Measure only what works: a failing command's time says nothing.
    const probe = spawnSync(target.exe, command.args, { cwd: root, encoding: "utf8" });
    if (probe.status === 0) cases.push({ ...command, target: target.label, exe: target.exe });
    else {
      const why = (probe.stderr || probe.error?.message || "").split("\n")[0];
      notes.push(`${target.label} ${command.label}: exits ${probe.status} (${why}); skipped`);
    }
  }
}

const times = cases.map(() => []);
for (let run = 0; run < runs; run++) {
  cases.forEach((c, i) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(c.exe, c.args, { cwd: root, stdio: "ignore" });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // A rebuild under way can remove the files mid-run: say so rather than time a failure.
    if (child.status !== 0) throw new Error(`${c.target ?? ""} ${c.label}: exited ${child.status}`);
    times[i].push(ms);
  });
}
rmSync(scratch, { recursive: true, force: true });

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const base = median(times[0]);
const cell = (ms) => `${ms.toFixed(1).padStart(6)} ms ${(ms / base).toFixed(2).padStart(5)}×`;
const width = Math.max(...commands.map((c) => c.label.length), baseline.label.length);

console.log(
  `Start-up, median of ${runs} interleaved runs; ratio to \`node -e 0\` (Node ${process.version}, ${process.platform}-${process.arch})`,
);
console.log(`${"".padEnd(width)}  ${targets.map((t) => t.label.padEnd(17)).join("  ")}`);
console.log(`${baseline.label.padEnd(width)}  ${cell(base)}`);
for (const command of commands) {
  const cells = targets.map((target) => {
    const i = cases.findIndex((c) => c.label === command.label && c.target === target.label);
    return i < 0 ? "skipped".padEnd(17) : cell(median(times[i]));
  });
  console.log(`${command.label.padEnd(width)}  ${cells.join("  ")}`);
}
for (const note of notes) console.log(`note: ${note}`);
