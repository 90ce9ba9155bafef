// Small drill logs built from literal events with the real writer, for tests of the log.

import type { NewEvent } from "../../src/core/events.js";
import { LOG_FORMAT } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { encodeLine } from "../../src/log/format.js";
import { LogWriter, type NewLogHeader } from "../../src/log/writer.js";

export const samplePlan: Plan = {
  title: "区级初筛混管阳性桌面推演",
  scenario: "辖区报告1例初筛混管阳性",
  lang: "zh",
  clock: { speed: 4 },
  groups: [
    { id: "command", name: "指挥调度组", members: [], responsibilities: [] },
    { id: "testing", name: "核酸检测组", members: [], responsibilities: [] },
    { id: "tracing", name: "流调排查组", members: [], responsibilities: [] },
  ],
  objectives: [{ id: "O1", title: "2小时内启动应急指挥体系" }],
  injects: [
    {
      id: "I1",
      atMinutes: 0,
      title: "初筛混管阳性",
      message: "疾控中心报告1例初筛混管阳性",
      to: ["command", "testing"],
      expects: [
        {
          id: "E1",
          inject: "I1",
          group: "command",
          action: "启动应急指挥体系",
          withinMinutes: 30,
          after: [],
          objective: "O1",
          critical: true,
        },
        {
          id: "E2",
          inject: "I1",
          group: "testing",
          action: "单采复核",
          withinMinutes: 120,
          after: [],
          critical: false,
        },
      ],
    },
    {
      id: "I2",
      atMinutes: 90,
      title: "复核结果阳性",
      message: "单采复核阳性",
      to: ["tracing"],
      expects: [],
    },
    {
      id: "I3",
      atMinutes: 95,
      title: "复核仍未完成",
      message: "上级督办复核进度",
      to: ["testing"],
      when: { expectation: "E2", status: ["not-done"] },
      expects: [],
    },
  ],
};

export function sampleHeader(): NewLogHeader {
  return {
    type: "header",
    format: LOG_FORMAT,
    t: 0,
    wall: "2026-11-24T09:00:00.000Z",
    tool: "drillbook 0.0.0-test",
    startedAt: "2026-11-24T09:00:00.000Z",
    plan: samplePlan,
    planSha256: "0".repeat(64),
    planSource: "title: 区级初筛混管阳性桌面推演\n",
    planFile: "pooled-positive.zh.yaml",
    clock: "virtual",
  };
}

/** A drill from start to end touching every event type. */
export const sampleEvents: NewEvent[] = [
  { type: "drill-started", t: 0, speed: 4 },
  { type: "inject-delivered", t: 0, inject: "I1" },
  {
    type: "decision",
    t: 20,
    group: "command",
    inject: "I1",
    expectation: "E1",
    status: "done",
    text: "启动应急指挥体系，指挥长到岗",
    ref: "script:1",
  },
  { type: "clock-paused", t: 25 },
  { type: "clock-resumed", t: 25 },
  { type: "clock-speed", t: 30, speed: 8 },
  {
    type: "decision",
    t: 70,
    group: "testing",
    inject: "I1",
    expectation: "E2",
    status: "blocked",
    text: "复核采样未能开展",
    blocker: { kind: "people", text: "采样人员不足" },
  },
  {
    type: "note",
    t: 80,
    kind: "improvement",
    text: "流调组与转运组信息交接靠电话，多次重复确认",
    group: "tracing",
    objective: "O1",
    rating: "S",
  },
  { type: "clock-jumped", t: 90, from: 80 },
  { type: "inject-delivered", t: 90, inject: "I2" },
  { type: "inject-skipped", t: 95, inject: "I3", reason: "condition", note: "E2 已完成" },
  { type: "drill-resumed", t: 95, reason: "laptop closed" },
  {
    type: "decision",
    t: 100,
    group: "tracing",
    status: "partial",
    text: "自行组建后备流调队",
  },
  {
    type: "hotwash",
    t: 120,
    group: "testing",
    wentWell: "复核流程清楚",
    wentLessWell: "人员不足",
    why: "后备采样队未落实",
  },
  { type: "drill-ended", t: 120, reason: "script" },
];

/** A fixed wall clock that ticks a second per call, so logs are reproducible. */
export function tickingClock(start = "2026-11-24T09:00:00.000Z"): () => Date {
  let ms = Date.parse(start);
  return () => {
    const now = new Date(ms);
    ms += 1000;
    return now;
  };
}

/** Writes a log of `events` (default: the sample drill) and returns its path. */
export async function writeSampleLog(
  path: string,
  events: NewEvent[] = sampleEvents,
): Promise<string> {
  const writer = await LogWriter.create(path, sampleHeader(), { now: tickingClock() });
  try {
    for (const event of events) writer.append(event);
  } finally {
    writer.close();
  }
  return path;
}

/**
 * The text of a log made of `lines` exactly as given, each hashed onto the chain, for
 * logs the writer would refuse to write (a seq gap, an unknown format, a bad event).
 */
export function chainedLines(lines: Record<string, unknown>[]): string {
  let prev: string | undefined;
  let text = "";
  for (const fields of lines) {
    const line = encodeLine(fields, prev);
    text += line.text;
    prev = line.hash;
  }
  return text;
}

/** The sample header as the line the writer puts first. */
export function headerFields(): Record<string, unknown> {
  const { type, t, wall, ...rest } = sampleHeader();
  return { seq: 0, wall, t, type, ...rest };
}
