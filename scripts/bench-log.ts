// Benchmark of the drill log: writes a realistic 100,000-event log (decisions, notes and
// injects in Chinese) and reads it back, printing events per second for writing with and
// without fsync, for reading with every hash and line checked, and how reading compares
// with a bare JSON.parse loop over the same lines. Medians of several runs.
//
//   npx tsx --import ./scripts/raw-text.mjs scripts/bench-log.ts [--events 100000] [--reps 5] [--fsync-reps 3]

import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { LOG_FORMAT, type NewEvent } from "../src/core/events.js";
import type { Group, Inject, Plan } from "../src/core/plan.js";
import { readLogLines } from "../src/log/reader.js";
import { LogWriter, type NewLogHeader } from "../src/log/writer.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    reps: { type: "string", default: "5" },
    "fsync-reps": { type: "string", default: "3" },
  },
});
const EVENTS = Number(args.events);
const REPS = Number(args.reps);
const FSYNC_REPS = Number(args["fsync-reps"]);

/** Deterministic, so every run writes the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GROUPS: [string, string][] = [
  ["command", "指挥调度组"],
  ["lockdown", "封控管控组"],
  ["testing", "核酸检测组"],
  ["tracing", "流调排查组"],
  ["transfer", "转运隔离组"],
  ["supplies", "保供保障组"],
  ["medical", "医疗救治组"],
];
const PHRASES = [
  "启动应急指挥体系，指挥长到岗，扁平化指挥",
  "划定封控区、管控区、防范区，设置卡口",
  "组织区域核酸采样，增设采样点缓解排队",
  "追踪密接、次密接人员，形成第一批名单",
  "协调集中隔离点，落实一人一间一卫",
  "调配生活物资和医疗物资，安排车辆",
  "信息交接靠电话，多次重复确认，存在延误",
  "采样人员不足，请求兄弟街道支援",
  "样本转运与实验室对接不畅，结果回传滞后",
];

function phrase(next: () => number, words: number): string {
  return Array.from({ length: words }, () => PHRASES[Math.floor(next() * PHRASES.length)]).join(
    "；",
  );
}

function benchPlan(): Plan {
  const groups: Group[] = GROUPS.map(([id, name]) => ({
    id,
    name,
    members: [],
    responsibilities: [],
  }));
  const injects: Inject[] = Array.from({ length: 30 }, (_, i) => {
    const id = `I${i + 1}`;
    const group = GROUPS[i % GROUPS.length]?.[0] ?? "command";
    return {
      id,
      atMinutes: i * 20,
      title: `情景 ${i + 1}：${PHRASES[i % PHRASES.length]}`,
      message: PHRASES[(i + 3) % PHRASES.length] ?? "",
      to: [group],
      expects: [
        {
          id: `E${i + 1}`,
          inject: id,
          group,
          action: PHRASES[(i + 1) % PHRASES.length] ?? "",
          withinMinutes: 60,
          after: [],
          critical: i % 4 === 0,
        },
      ],
    };
  });
  return {
    title: "区级初筛混管阳性桌面推演（基准）",
    scenario: "辖区报告1例初筛混管阳性",
    lang: "zh",
    clock: { speed: 4 },
    groups,
    objectives: [],
    injects,
  };
}

function benchHeader(): NewLogHeader {
  return {
    type: "header",
    format: LOG_FORMAT,
    t: 0,
    tool: "drillbook bench",
    startedAt: "2026-11-24T09:00:00.000Z",
    plan: benchPlan(),
    planSha256: "0".repeat(64),
    planSource: "# bench\n",
    clock: "virtual",
  };
}

/** Mostly decisions and notes, an inject every few events, the odd clock change. */
function benchEvents(count: number): NewEvent[] {
  const next = random(20261124);
  const events: NewEvent[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += Math.round(next() * 300) / 100;
    const group = GROUPS[Math.floor(next() * GROUPS.length)]?.[0] ?? "command";
    const roll = next();
    const inject = `I${1 + Math.floor(next() * 30)}`;
    if (roll < 0.5) {
      const blocked = next() < 0.2;
      events.push({
        type: "decision",
        t,
        group,
        inject,
        expectation: `E${inject.slice(1)}`,
        status: blocked ? "blocked" : next() < 0.8 ? "done" : "partial",
        text: phrase(next, 1 + Math.floor(next() * 3)),
        ...(blocked ? { blocker: { kind: "people" as const, text: "采样人员不足" } } : {}),
        ref: `script:${i + 1}`,
      });
    } else if (roll < 0.8) {
      events.push({
        type: "note",
        t,
        kind: next() < 0.5 ? "improvement" : "strength",
        text: phrase(next, 1 + Math.floor(next() * 2)),
        group,
        ...(next() < 0.3 ? { objective: "O1", rating: "S" as const } : {}),
      });
    } else if (roll < 0.95) {
      events.push({ type: "inject-delivered", t, inject });
    } else {
      events.push({ type: "clock-speed", t, speed: 1 + Math.floor(next() * 8) });
    }
  }
  return events;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const folder = mkdtempSync(join(tmpdir(), "drill-bench-"));
try {
  const events = benchEvents(EVENTS);
  const wall = () => new Date("2026-11-24T09:00:00.000Z");
  let rep = 0;
  const write = async (fsync: boolean) => {
    const path = join(folder, `log-${fsync ? "fsync" : "nosync"}-${rep++}.jsonl`);
    const writer = await LogWriter.create(path, benchHeader(), { now: wall, fsync });
    for (const event of events) writer.append(event);
    writer.close();
    return path;
  };

  const noSync: number[] = [];
  let path = "";
  for (let i = 0; i < REPS; i++) {
    noSync.push(
      await time(async () => {
        path = await write(false);
      }),
    );
  }
  const withSync: number[] = [];
  for (let i = 0; i < FSYNC_REPS; i++) {
    withSync.push(
      await time(async () => {
        rmSync(await write(true));
      }),
    );
  }

  const read: number[] = [];
  const bare: number[] = [];
  const bareStream: number[] = [];
  let lines = 0;
  for (let i = 0; i < REPS; i++) {
    read.push(
      await time(async () => {
        lines = 0;
        for await (const _line of readLogLines(path)) lines++;
      }),
    );
    bare.push(
      await time(() => {
        let count = 0;
        for (const text of readFileSync(path, "utf8").split("\n")) {
          if (text) {
            JSON.parse(text);
            count++;
          }
        }
        // The reader checks the closing seal too, but hands on only the header and events.
        if (count !== lines + 1) throw new Error(`bare loop saw ${count} lines, reader ${lines}`);
      }),
    );
    bareStream.push(
      await time(async () => {
        const input = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
        for await (const text of input) if (text) JSON.parse(text);
      }),
    );
  }

  const rate = (ms: number) => Math.round((EVENTS / ms) * 1000).toLocaleString("en");
  const size = statSync(path).size;
  console.log(
    `drill log benchmark: ${EVENTS.toLocaleString("en")} events, ${(size / 2 ** 20).toFixed(1)} MiB, Node ${process.version}`,
  );
  console.log(`medians of ${REPS} runs (writes with fsync: ${FSYNC_REPS})\n`);
  console.log(
    `write, fsync every event   ${rate(median(withSync)).padStart(10)} events/s  (${median(withSync).toFixed(0)} ms)`,
  );
  console.log(
    `write, no fsync            ${rate(median(noSync)).padStart(10)} events/s  (${median(noSync).toFixed(0)} ms)`,
  );
  console.log(
    `read + verify (stream)     ${rate(median(read)).padStart(10)} events/s  (${median(read).toFixed(0)} ms)`,
  );
  console.log(
    `bare JSON.parse, whole file${rate(median(bare)).padStart(10)} events/s  (${median(bare).toFixed(0)} ms)`,
  );
  console.log(
    `bare JSON.parse, readline  ${rate(median(bareStream)).padStart(10)} events/s  (${median(bareStream).toFixed(0)} ms)`,
  );
  console.log(
    `\nread + verify / bare JSON.parse (whole file): ${(median(read) / median(bare)).toFixed(2)}×`,
  );
  console.log(
    `read + verify / bare JSON.parse (readline):   ${(median(read) / median(bareStream)).toFixed(2)}×`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
