// Benchmark of group commit: 50 seats posting 10 entries each, appended (a) one event per
// write and fsync, (b) through the room's group commit (entries that arrive together share
// one write and one fsync), and (c) the floor measured in the same run: a plain loop writing
// the very same lines, batched as (b) batched them, with one writeSync and one fsync per
// batch and nothing else. Prints medians of several runs and the ratios.
//
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-group-commit.ts [--seats 50] [--entries 10] [--reps 5]

import {
  closeSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LOG_FORMAT, type NewEvent } from "../src/core/events.js";
import type { Plan } from "../src/core/plan.js";
import { LogWriter } from "../src/log/writer.js";
import { GroupCommit } from "../src/room/group-commit.js";

const { values: args } = parseArgs({
  options: {
    seats: { type: "string", default: "50" },
    entries: { type: "string", default: "10" },
    reps: { type: "string", default: "5" },
  },
});
const SEATS = Number(args.seats);
const ENTRIES = Number(args.entries);
const REPS = Number(args.reps);

const plan: Plan = {
  title: "Group commit",
  scenario: "bench",
  lang: "zh",
  clock: { speed: 1 },
  groups: [{ id: "g", name: "流调排查组", members: [], responsibilities: [] }],
  objectives: [],
  injects: [{ id: "I1", atMinutes: 0, title: "开始", message: "开始", to: ["g"], expects: [] }],
};

const now = () => new Date("2026-12-02T09:00:00.000Z");

async function newWriter(dir: string, name: string): Promise<{ path: string; writer: LogWriter }> {
  const path = join(dir, name);
  const writer = await LogWriter.create(
    path,
    {
      type: "header",
      format: LOG_FORMAT,
      tool: "bench",
      startedAt: now().toISOString(),
      wall: now().toISOString(),
      t: 0,
      plan,
      planSha256: "0".repeat(64),
      planSource: "",
      clock: "real",
    },
    { now },
  );
  return { path, writer };
}

const entry = (seat: number, i: number): NewEvent => ({
  type: "note",
  t: 0,
  kind: "neutral",
  text: `席位 ${seat} 第 ${i} 条：密接人员名单已报送，等待转运车辆`,
  by: { seat: `group:s${seat}`, role: "group" },
  ref: `room:bench-${seat}-${i}`,
});

async function perEvent(dir: string): Promise<number> {
  const { writer } = await newWriter(dir, "per-event.jsonl");
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SEATS }, async (_, seat) => {
      for (let i = 0; i < ENTRIES; i++) {
        writer.append(entry(seat, i));
        // A seat's next post comes after the answer to its last: a turn of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  const ms = performance.now() - started;
  writer.close();
  return ms;
}

async function grouped(dir: string): Promise<{ ms: number; batches: number[]; path: string }> {
  const { path, writer } = await newWriter(dir, "grouped.jsonl");
  const batches: number[] = [];
  const queue = new GroupCommit<NewEvent, never>(
    (items) => items.map((event) => ({ event })),
    (events) => {
      batches.push(events.length);
      return writer.appendMany(events);
    },
  );
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SEATS }, async (_, seat) => {
      for (let i = 0; i < ENTRIES; i++) await queue.add(entry(seat, i));
    }),
  );
  const ms = performance.now() - started;
  writer.close();
  return { ms, batches, path };
}

/** The same lines, batched the same way: one write and one fsync per batch, nothing else. */
function floor(dir: string, lines: string[], batches: number[]): number {
  const fd = openSync(join(dir, "floor.jsonl"), "a");
  const started = performance.now();
  let at = 0;
  for (const size of batches) {
    const bytes = Buffer.from(lines.slice(at, at + size).join(""), "utf8");
    at += size;
    for (let done = 0; done < bytes.length; )
      done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  }
  const ms = performance.now() - started;
  closeSync(fd);
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const results = {
  perEvent: [] as number[],
  grouped: [] as number[],
  floor: [] as number[],
  batches: [] as number[],
};
for (let rep = 0; rep < REPS; rep++) {
  const dir = mkdtempSync(join(tmpdir(), "drill-bench-group-"));
  try {
    results.perEvent.push(await perEvent(dir));
    const run = await grouped(dir);
    results.grouped.push(run.ms);
    results.batches.push(run.batches.length);
    // The event lines of the grouped log (after its header; before its seal).
    const lines = readFileSync(run.path, "utf8")
      .split("\n")
      .filter((line) => line.includes('"type":"note"'))
      .map((line) => `${line}\n`);
    results.floor.push(floor(dir, lines, run.batches));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = SEATS * ENTRIES;
const m = {
  perEvent: median(results.perEvent),
  grouped: median(results.grouped),
  floor: median(results.floor),
};
console.log(`${SEATS} seats × ${ENTRIES} entries = ${n} entries, median of ${REPS} runs`);
console.log(`one fsync per entry:      ${m.perEvent.toFixed(1)} ms (${n} fsyncs)`);
console.log(
  `group commit:             ${m.grouped.toFixed(1)} ms (${median(results.batches)} fsyncs)`,
);
console.log(`floor (same batches, bare write+fsync): ${m.floor.toFixed(1)} ms`);
console.log(`group commit / floor:     ${(m.grouped / m.floor).toFixed(2)}×`);
console.log(`per-entry fsync / group commit: ${(m.perEvent / m.grouped).toFixed(2)}×`);
