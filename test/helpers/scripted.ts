// A plan file and its decision script run in-process, as `drill run --script` runs them: the
// same engine and scripted run, the events kept in memory instead of written to a log.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyEvent, initialState } from "../../src/core/engine.js";
import {
  type DrillEvent,
  LOG_FORMAT,
  type LogHeader,
  type NewEvent,
} from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { parsePlan } from "../../src/plan/load.js";
import { parseScript } from "../../src/run/script.js";
import { runScript } from "../../src/run/scripted.js";
import { ROOT } from "./cli.js";

export interface ScriptedDrill {
  plan: Plan;
  header: LogHeader;
  events: DrillEvent[];
}

export function logHeader(plan: Plan, startedAt: string, planFile = "plan.yaml"): LogHeader {
  return {
    seq: 0,
    type: "header",
    format: LOG_FORMAT,
    wall: startedAt,
    t: 0,
    tool: "drillbook test",
    startedAt,
    plan,
    planSha256: "0".repeat(64),
    planSource: "",
    planFile,
    timeZone: "Asia/Shanghai",
    clock: "virtual",
  };
}

/** Runs `script` against `plan`, both as text. */
export function runScripted(
  plan: Plan,
  script: string,
  start: string,
  unannounced?: { seed: number },
): DrillEvent[] {
  const parsed = parseScript(script, "script.yaml", plan);
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join("; "));
  const state = initialState(plan);
  const events: DrillEvent[] = [];
  const emit = (event: NewEvent) => {
    const full = { ...event, seq: events.length + 1, wall: event.wall ?? start } as DrillEvent;
    events.push(full);
    applyEvent(state, full);
    return full;
  };
  runScript(state, parsed.entries, emit, {
    startedAt: new Date(start),
    done: new Set(),
    ...(unannounced ? { unannounced } : {}),
  });
  return events;
}

/** Reads a plan and its script from the repository and runs them. */
export function scriptedDrill(planFile: string, scriptFile: string, start: string): ScriptedDrill {
  const parsed = parsePlan(readFileSync(join(ROOT, planFile), "utf8"), planFile);
  if (!parsed.plan) throw new Error(parsed.problems.map((p) => p.message).join("; "));
  const plan = parsed.plan;
  const events = runScripted(plan, readFileSync(join(ROOT, scriptFile), "utf8"), start);
  return { plan, header: logHeader(plan, new Date(start).toISOString(), planFile), events };
}
