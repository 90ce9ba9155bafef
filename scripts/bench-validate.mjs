// `drill validate` start-up benchmark: median wall time of `drill --version` and
// `drill validate <example>` next to `node -e 0`, interleaved in one run so load on the
// machine affects them alike. Needs a build (`npm run build`).
//
//   node scripts/bench-validate.mjs [--runs 21]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { runs: { type: "string", default: "21" } } });
const runs = Number(values.runs);
const bin = resolve(root, "bin/drill");
if (!existsSync(resolve(root, "dist/cli.js"))) {
  console.error("bench-validate: no build; run `npm run build` first");
  process.exit(1);
}

const commands = [
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "drill --version", args: [bin, "--version"] },
  {
    label: "drill validate examples/pooled-positive.zh.yaml",
    args: [bin, "validate", "examples/pooled-positive.zh.yaml"],
  },
  {
    label: "drill validate examples/river-flood.en.yaml",
    args: [bin, "validate", "examples/river-flood.en.yaml"],
  },
];

const times = commands.map(() => []);
for (let i = 0; i < runs + 1; i++) {
  commands.forEach((command, c) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, command.args, { cwd: root, stdio: "ignore" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      console.error(`bench-validate: ${command.label} exited ${result.status}`);
      process.exit(1);
    }
    if (i > 0) times[c].push(ms); // the first round warms the file cache
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const base = median(times[0]);
const width = Math.max(...commands.map((c) => c.label.length));
console.log(`median of ${runs} runs, Node ${process.version}`);
commands.forEach((command, c) => {
  const m = median(times[c]);
  console.log(
    `${command.label.padEnd(width)}  ${m.toFixed(1).padStart(6)} ms  ${(m / base).toFixed(2)}× node -e 0  (+${(m - base).toFixed(1)} ms)`,
  );
});
