// Benchmark of the rectification ledger: a series of synthetic drills (scripts/gen-logs.ts)
// replayed once with the built CLI into JSON Lines rows; then, in this process, every drill
// applied to a ledger oldest first and the ledger written as YAML, against the floor: reading
// the same rows (JSON.parse) and taking what the ledger needs of each (ledgerDrillOf). Prints
// medians over the repetitions, the ratio, and the ledger's size.
//
//   npm run bench:ledger            (builds, then 300 drills of about 300 events)
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-ledger.ts [--count 300] [--events 300] [--reps 5]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyDrill } from "../src/ledger/apply.js";
import { ledgerDrillOf } from "../src/ledger/drill.js";
import { ledgerToYaml } from "../src/ledger/format.js";
import { emptyLedger } from "../src/ledger/model.js";
import type { DrillRow } from "../src/replay/row.js";
import { generateLogs } from "./gen-logs.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "300" },
    events: { type: "string", default: "300" },
    reps: { type: "string", default: "5" },
  },
});
const count = Number(args.count);
const reps = Number(args.reps);

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const folder = mkdtempSync(join(tmpdir(), "bench-ledger-"));
try {
  await generateLogs({
    count,
    events: Number(args.events),
    out: join(folder, "logs"),
    seed: 1,
    plan: "examples/pooled-positive.zh.yaml",
    start: "2026-01-05T09:00:00+08:00",
    everyDays: 7,
    revisions: 1,
  });
  const replay = spawnSync(
    process.execPath,
    [join(ROOT, "bin/drill"), "replay", "logs", "-o", "out", "--format", "json", "-q"],
    { cwd: folder, encoding: "utf8" },
  );
  if (replay.status !== 0) throw new Error(replay.stderr);
  const text = readFileSync(join(folder, "out/drills.jsonl"), "utf8");

  const floor: number[] = [];
  const ledger: number[] = [];
  let items = 0;
  let history = 0;
  let bytes = 0;
  for (let rep = 0; rep < reps; rep++) {
    let started = performance.now();
    const drills = text
      .trimEnd()
      .split("\n")
      .map((line) => ledgerDrillOf(JSON.parse(line) as DrillRow));
    floor.push(performance.now() - started);

    started = performance.now();
    let current = emptyLedger();
    for (const line of text.trimEnd().split("\n"))
      current = applyDrill(current, ledgerDrillOf(JSON.parse(line) as DrillRow)).ledger;
    const yaml = ledgerToYaml(current);
    ledger.push(performance.now() - started);
    items = current.items.length;
    history = current.items.reduce((sum, i) => sum + i.history.length, 0);
    bytes = Buffer.byteLength(yaml);
    if (drills.length !== count) throw new Error(`expected ${count} drills, read ${drills.length}`);
  }
  const f = median(floor);
  const l = median(ledger);
  console.log(
    `drills: ${count}; ledger: ${items} items, ${history} history entries, ${bytes} bytes of YAML`,
  );
  console.log(`floor (read rows, take what the ledger needs): median ${f.toFixed(1)} ms`);
  console.log(`ledger (the same, apply every drill, write YAML): median ${l.toFixed(1)} ms`);
  console.log(`ratio ledger/floor: ${(l / f).toFixed(2)} (over ${reps} repetitions)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
