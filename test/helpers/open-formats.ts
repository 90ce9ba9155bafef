// A small drill written by hand for the open-format exports, with the answers a person works
// out from it: the drill clock runs at 4 scenario minutes a real minute from 09:00, pauses at
// T+12 (09:03) until 09:20, and three decisions say when they happened (`at`) rather than when
// they were logged, so their wall-clock times come from the clock, not from the log line.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import type { DrillEvent, LogHeader } from "../../src/core/events.js";
import { LOG_FORMAT } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { ROOT } from "./cli.js";
import { expectation, inject } from "./plans.js";

export function handPlan(title = "区级流调桌面推演"): Plan {
  return {
    title,
    scenario: "辖区报告1例初筛阳性",
    version: "v1",
    lang: "zh",
    clock: { speed: 4 },
    groups: [
      { id: "command", name: "指挥调度组", members: [], responsibilities: [] },
      { id: "tracing", name: "流调排查组", members: [], responsibilities: [] },
    ],
    objectives: [{ id: "O1", title: "2小时内形成密接名单" }],
    injects: [
      inject(
        "I1",
        0,
        ["command", "tracing"],
        [
          expectation("E1", "I1", "command", 30, {
            action: "启动应急指挥体系",
            objective: "O1",
            critical: true,
          }),
          expectation("E2", "I1", "tracing", 60, { action: "形成首批密接名单", after: ["E1"] }),
        ],
      ),
      inject("I2", 40, ["tracing"], [expectation("E3", "I2", "tracing", 20)]),
    ],
  };
}

export function handHeader(plan: Plan = handPlan()): LogHeader {
  return {
    seq: 0,
    type: "header",
    format: LOG_FORMAT,
    t: 0,
    wall: "2026-03-02T09:00:00.000Z",
    tool: "drillbook 0.0.0-test",
    startedAt: "2026-03-02T09:00:00.000Z",
    plan,
    planSha256: "0".repeat(64),
    planSource: "title: 区级流调桌面推演\n",
    clock: "real",
  };
}

const at = (hhmmss: string) => `2026-03-02T${hhmmss}.000Z`;

export function handEvents(texts: { decision?: string; blocker?: string } = {}): DrillEvent[] {
  const blocker = { kind: "people" as const, text: texts.blocker ?? "流调队员不足" };
  return [
    { seq: 1, t: 0, wall: at("09:00:00"), type: "drill-started", speed: 4 },
    { seq: 2, t: 0, wall: at("09:00:00"), type: "inject-delivered", inject: "I1" },
    {
      seq: 3,
      t: 8,
      wall: at("09:02:00"),
      type: "decision",
      group: "command",
      inject: "I1",
      expectation: "E1",
      status: "partial",
      text: texts.decision ?? "指挥长到岗，召开首次会商",
    },
    { seq: 4, t: 12, wall: at("09:03:00"), type: "clock-paused" },
    // Logged during the pause; the group reported it at T+10, i.e. 09:02:30.
    {
      seq: 5,
      t: 12,
      at: 10,
      wall: at("09:10:00"),
      type: "decision",
      group: "tracing",
      inject: "I1",
      expectation: "E2",
      status: "blocked",
      text: "流调队未能出发",
      blocker,
    },
    { seq: 6, t: 12, wall: at("09:20:00"), type: "clock-resumed" },
    // Done at T+16: four scenario minutes after the resume at 09:20, i.e. 09:21.
    {
      seq: 7,
      t: 20,
      at: 16,
      wall: at("09:22:00"),
      type: "decision",
      group: "command",
      inject: "I1",
      expectation: "E1",
      status: "done",
      text: "应急指挥体系启动",
    },
    {
      seq: 8,
      t: 24,
      wall: at("09:23:00"),
      type: "decision",
      group: "tracing",
      inject: "I1",
      expectation: "E2",
      status: "blocked",
      text: "仍缺人手",
      blocker,
    },
    { seq: 9, t: 40, wall: at("09:27:00"), type: "inject-delivered", inject: "I2" },
    {
      seq: 10,
      t: 44,
      wall: at("09:28:00"),
      type: "decision",
      group: "tracing",
      inject: "I2",
      status: "partial",
      text: "自行组建后备流调队",
    },
    {
      seq: 11,
      t: 48,
      wall: at("09:29:00"),
      type: "note",
      kind: "improvement",
      group: "tracing",
      objective: "O1",
      rating: "M",
      text: "流调人手不足，名单迟迟未出",
    },
    // Done at T+52: 40 scenario minutes after the resume, i.e. 09:30.
    {
      seq: 12,
      t: 56,
      at: 52,
      wall: at("09:31:00"),
      type: "decision",
      group: "tracing",
      inject: "I2",
      expectation: "E3",
      status: "done",
      text: "次密接追踪完成",
    },
    { seq: 13, t: 80, wall: at("09:37:00"), type: "drill-ended", reason: "facilitator" },
  ];
}

/** pm4js (a real process-mining library, not ours) as its globals. */
export interface Pm4js {
  XesImporter: { apply(xml: string): Pm4jsLog };
  FrequencyDfgDiscovery: {
    apply(
      log: Pm4jsLog,
      activityKey?: string,
    ): {
      activities: Record<string, number>;
      startActivities: Record<string, number>;
      endActivities: Record<string, number>;
      pathsFrequency: Record<string, number>;
    };
  };
}
export interface Pm4jsLog {
  attributes: Record<string, { value: unknown }>;
  traces: {
    attributes: Record<string, { value: unknown }>;
    events: { attributes: Record<string, { value: unknown }> }[];
  }[];
}

/**
 * The two parts of pm4js the tests use. The whole library (its `init.js`) also loads an
 * HTTP client for Celonis that keeps a test worker from exiting.
 */
export function pm4js(): Pm4js {
  const require = createRequire(import.meta.url);
  require("pm4js/pm4js/objects/log/importer/xes/importer.js");
  require("pm4js/pm4js/algo/discovery/dfg/algorithm.js");
  return globalThis as unknown as Pm4js;
}

export const XES_XSD = join(ROOT, "test/fixtures/open-formats/xes-ieee-1849-2016.xsd");
export const OCEL_SCHEMA = join(ROOT, "test/fixtures/open-formats/ocel20-schema-json.json");

/** `xmllint --schema` on a file: exit code and what it said. */
export function xmllint(file: string): { code: number | null; output: string } {
  const result = spawnSync("xmllint", ["--noout", "--schema", XES_XSD, file], {
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The published OCEL 2.0 JSON schema, compiled with its `date-time` format checked. */
export function ocelValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true });
  // ajv-formats is CommonJS: its plugin is the module's default export.
  (formats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
  return ajv.compile(JSON.parse(readFileSync(OCEL_SCHEMA, "utf8")));
}
