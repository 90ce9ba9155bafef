// A long, busy drill of the Chinese example plan as a log of any length, for the benchmarks
// that read one: injects on schedule, decisions, blockers, improvised actions, notes, folded
// by the engine and written by the log writer (fsync off: what is measured is reading).

import { existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { applyEvent, dueInjects, initialState } from "../../src/core/engine.js";
import {
  BLOCKER_KINDS,
  type DrillEvent,
  LOG_FORMAT,
  type NewEvent,
} from "../../src/core/events.js";
import { allExpectations } from "../../src/core/plan.js";
import { LogWriter } from "../../src/log/writer.js";
import { readPlanFile } from "../../src/plan/load.js";
import { ROOT } from "./harness.js";

const PLAN = "examples/pooled-positive.zh.yaml";

/**
 * The log of `count` events in `dir` (events-<count>.jsonl), written unless it is there
 * already: the same arguments always give the same log, so a kept folder can be reused.
 */
export async function drillLog(dir: string, count: number): Promise<string> {
  const path = join(dir, `events-${count}.jsonl`);
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  await makeLog(`${path}.part`, count);
  renameSync(`${path}.part`, path);
  return path;
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
