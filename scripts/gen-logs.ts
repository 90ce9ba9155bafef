// Seeded generator of realistic synthetic drill logs: a series of drills of one plan, week
// after week, in which the groups slowly get better, one group stays weak until the plan is
// revised, and each drill has its own late and missed actions, blockers, improvised actions,
// evaluator notes with ratings, clock pauses and a hot wash. Every event goes through the
// engine (the same fold as a live drill) and the real log writer, so the logs are exactly
// what `drill run` would have written. The same arguments always give the same bytes.
//
//   npx tsx --import ./scripts/raw-text.mjs scripts/gen-logs.ts --count 1000 --events 1000 --out /tmp/logs --seed 1
//   options: --plan <yaml> (default examples/pooled-positive.zh.yaml)
//            --start <iso> (first drill; default 2026-01-05T09:00:00+08:00)
//            --every-days <n> (default 7)   --revisions <n> plan revisions in the series (default 1)
//            --quiet

import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyEvent, type DrillState, dueInjects, initialState } from "../src/core/engine.js";
import {
  BLOCKER_KINDS,
  type BlockerKind,
  type DecisionStatus,
  type DrillEvent,
  LOG_FORMAT,
  type NewEvent,
  type Rating,
} from "../src/core/events.js";
import { allExpectations, type Expectation, type Lang, type Plan } from "../src/core/plan.js";
import { round } from "../src/core/scenario-time.js";
import { LogWriter } from "../src/log/writer.js";
import { readPlanFile } from "../src/plan/load.js";
import { planToYaml } from "../src/plan/serialize.js";
import { virtualWall } from "../src/run/scripted.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(next: Random, list: readonly T[]): T =>
  list[Math.floor(next() * list.length)] as T;

interface Words {
  progress: readonly string[];
  done: readonly string[];
  blockers: Record<BlockerKind, readonly string[]>;
  blockedText: string;
  improvised: readonly string[];
  strengths: readonly string[];
  improvements: readonly string[];
  neutral: readonly string[];
  hotwash: { well: readonly string[]; less: readonly string[]; why: readonly string[] };
  newAction: string;
  revision: (base: string | undefined, k: number) => string;
}

const WORDS: Record<Lang, Words> = {
  zh: {
    progress: [
      "已部署，正在推进",
      "人员已到位，工作展开中",
      "完成约一半，继续推进",
      "与相关组对接中，等待确认",
      "已上报指挥部，按要求调整",
      "信息登记系统开通，陆续录入",
    ],
    done: ["已完成并报指挥部", "按方案完成", "完成，结果已推送相关组", "已落实到位"],
    blockers: {
      people: ["采样人员不足，夜间队伍仅 1 支", "流调队员不足，后备队未到位"],
      supplies: ["防护服库存仅够 2 天", "采样管缺口 2 万支"],
      information: ["等待流调组推送密接名单", "名单格式不一致，需重复核对"],
      authority: ["需区领导审批，请示未回复"],
      equipment: ["转运车辆不足", "隔离点网络未开通"],
      coordination: ["与街道职责交叉，推诿", "交接靠电话，多次重复确认"],
      other: ["天气原因延误"],
    },
    blockedText: "工作受阻，未能按时推进",
    improvised: [
      "协调志愿者车队为封控楼栋送菜（预案中无此安排）",
      "临时增派心理疏导热线",
      "自行组建后备流调队",
      "为新增采样点运送物资",
    ],
    strengths: ["响应迅速，扁平化指挥到位", "信息报送及时准确", "各组配合顺畅"],
    improvements: [
      "信息交接靠电话，多次重复确认",
      "流调力量不足是主要卡点",
      "采样点排队时间过长",
      "物资调拨渠道不畅",
    ],
    neutral: ["导调组补充情景信息", "指挥部要求各组半小时报一次进展"],
    hotwash: {
      well: ["指挥体系激活迅速", "全员采样按时完成", "现场核心信息调查及时"],
      less: ["夜间复核延误", "首批密接名单超时", "备用隔离点物资未到位"],
      why: ["后备队伍启用条件不明确", "交接界面不清", "物资储备基数偏低"],
    },
    newAction: "建立工作专班，每日会商通报进展",
    revision: (base, k) => `${base ?? "v1"}（第 ${k + 1} 版）`,
  },
  en: {
    progress: [
      "deployed, work under way",
      "team on site, work started",
      "about half done, continuing",
      "liaising with the other group, awaiting confirmation",
      "reported to command, adjusting as asked",
      "registration system open, entries coming in",
    ],
    done: ["done and reported to command", "done as planned", "done; results passed on"],
    blockers: {
      people: ["not enough samplers; one night team only", "tracing reserve team not in place"],
      supplies: ["protective suits for two days only", "short of 20,000 swab tubes"],
      information: ["waiting for the contact list from tracing", "lists in different formats"],
      authority: ["needs district approval; no answer yet"],
      equipment: ["not enough transfer vehicles", "no network at the isolation site"],
      coordination: ["overlapping duties with the sub-district", "hand-offs by phone, repeated"],
      other: ["delayed by the weather"],
    },
    blockedText: "work blocked, could not go on in time",
    improvised: [
      "volunteer convoy delivers groceries to sealed buildings (not in the plan)",
      "opened a counselling hotline",
      "formed a reserve tracing team on its own",
      "moved supplies to the new sampling sites",
    ],
    strengths: ["fast response, flat chain of command", "reports on time and accurate"],
    improvements: [
      "hand-offs by phone, repeated confirmations",
      "tracing capacity is the main bottleneck",
      "queues at sampling sites too long",
    ],
    neutral: ["controllers added scenario detail", "command asks for updates every half hour"],
    hotwash: {
      well: ["command activated fast", "mass sampling done on time"],
      less: ["night re-test delayed", "first contact list late"],
      why: ["no rule for calling in reserves", "unclear hand-off points"],
    },
    newAction: "set up a task force with a daily coordination briefing",
    revision: (base, k) => `${base ?? "v1"} (rev ${k + 1})`,
  },
};

export interface GeneratedPlan {
  plan: Plan;
  source: string;
  sha256: string;
  file: string;
}

/**
 * Revision k of the plan (0: as loaded): each revision relaxes the weak group's tightest
 * target by half again and adds one expected action, as a planner would after a review.
 */
export function revisePlan(base: GeneratedPlan, k: number, weakGroup: string): GeneratedPlan {
  if (k === 0) return base;
  const words = WORDS[base.plan.lang];
  const plan: Plan = structuredClone(base.plan);
  plan.version = words.revision(base.plan.version, k);
  const highest = Math.max(
    0,
    ...allExpectations(plan).map((e) => Number(/\d+$/.exec(e.id)?.[0] ?? 0)),
  );
  for (let r = 1; r <= k; r++) {
    const weak = allExpectations(plan)
      .filter((e) => e.group === weakGroup)
      .sort((a, b) => a.withinMinutes - b.withinMinutes)[0];
    if (weak) weak.withinMinutes = Math.round((weak.withinMinutes * 1.5) / 5) * 5;
    const inject = plan.injects.find((i) => i.to.includes(weakGroup)) ?? plan.injects[0];
    if (inject) {
      inject.expects.push({
        id: `E${highest + r}`,
        inject: inject.id,
        group: weakGroup,
        action: words.newAction,
        withinMinutes: 120,
        after: [],
        critical: false,
      });
    }
  }
  const source = planToYaml(plan);
  return {
    plan,
    source,
    sha256: createHash("sha256").update(source).digest("hex"),
    file: base.file.replace(/(\.ya?ml)$/i, `.rev${k + 1}$1`),
  };
}

interface Planned {
  t: number;
  order: number;
  event: NewEvent;
  /** A decision answering this expectation is dropped if its inject was skipped. */
  expectation?: Expectation;
}

export interface DrillSpec {
  /** 0 for the first drill of the series. */
  index: number;
  count: number;
  events: number;
  startedAt: Date;
  timeZone: string;
  weakGroup: string;
  /** Per expectation, how hard it is for the groups (fixed for the series: findings recur). */
  difficulty: Map<string, number>;
  /** Whether the weak group was fixed by this drill's plan revision. */
  weakFixed: boolean;
}

/** The events of one drill, by scenario time, before the engine orders them with the injects. */
function planDrill(plan: Plan, spec: DrillSpec, next: Random): Planned[] {
  const words = WORDS[plan.lang];
  const maturity = spec.count > 1 ? spec.index / (spec.count - 1) : 0;
  const planned: Planned[] = [];
  let order = 0;
  const add = (t: number, event: NewEvent, expectation?: Expectation) =>
    planned.push({ t: round(t), order: order++, event, ...(expectation ? { expectation } : {}) });

  const injectAt = new Map(plan.injects.map((i) => [i.id, i.atMinutes]));
  const doneAt = new Map<string, number>();
  const openSpans: { e: Expectation; from: number; to: number }[] = [];
  let latest = 0;
  const outcomes = new Map<string, "on-time" | "late" | "missed">();

  for (const e of allExpectations(plan)) {
    const delivered = injectAt.get(e.inject) ?? 0;
    const weak = e.group === spec.weakGroup && !spec.weakFixed;
    const hard = spec.difficulty.get(e.id) ?? 1;
    const pMiss = (weak ? 0.14 : 0.1 - 0.07 * maturity) * hard;
    const pLate = (weak ? 0.6 : 0.42 - 0.3 * maturity) * hard;
    const u = next();
    const ready = Math.max(delivered, ...e.after.map((id) => doneAt.get(id) ?? delivered));
    let done: number | undefined;
    if (u < pMiss) {
      outcomes.set(e.id, "missed");
    } else if (u < pMiss + pLate) {
      done = Math.max(ready + 5, delivered + e.withinMinutes * (1.05 + next() * 0.7));
      outcomes.set(e.id, "late");
    } else {
      done = Math.max(ready + 5, delivered + e.withinMinutes * (0.3 + next() * 0.65));
      outcomes.set(e.id, done - delivered <= e.withinMinutes ? "on-time" : "late");
    }
    if (done !== undefined) doneAt.set(e.id, round(done));
    const end = done ?? delivered + e.withinMinutes * 1.5;
    latest = Math.max(latest, end);
    openSpans.push({ e, from: delivered, to: end });

    // A blocked decision along the way for about a third of the troubled ones.
    if (outcomes.get(e.id) !== "on-time" && next() < 0.4) {
      const kind = weak && next() < 0.6 ? "people" : pick(next, BLOCKER_KINDS);
      add(
        delivered + (end - delivered) * (0.3 + next() * 0.4),
        {
          type: "decision",
          t: 0,
          group: e.group,
          inject: e.inject,
          expectation: e.id,
          status: "blocked",
          text: words.blockedText,
          blocker: { kind, text: pick(next, words.blockers[kind]) },
        },
        e,
      );
    }
    if (done !== undefined) {
      add(
        done,
        {
          type: "decision",
          t: 0,
          group: e.group,
          inject: e.inject,
          expectation: e.id,
          status: "done",
          text: pick(next, words.done),
        },
        e,
      );
    }
  }

  // Improvised actions, and now and then a group answering an inject not addressed to it.
  const groups = plan.groups.map((g) => g.id);
  for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
    add(next() * latest, {
      type: "decision",
      t: 0,
      group: pick(next, groups),
      status: "done",
      text: pick(next, words.improvised),
    });
  }

  // Evaluator ratings of each objective, from how its expectations went in this drill.
  for (const objective of plan.objectives) {
    const mine = allExpectations(plan).filter((e) => e.objective === objective.id);
    if (mine.length === 0) continue;
    const missed = mine.some((e) => outcomes.get(e.id) === "missed");
    const late = mine.some((e) => outcomes.get(e.id) === "late");
    const rating: Rating = missed ? (next() < 0.5 ? "M" : "U") : late ? "S" : "P";
    add(latest * (0.6 + next() * 0.4), {
      type: "note",
      t: 0,
      kind: rating === "P" ? "strength" : "improvement",
      text: pick(next, rating === "P" ? words.strengths : words.improvements),
      objective: objective.id,
      rating,
    });
  }

  // A pause and a change of speed, as facilitators do.
  add(latest * next() * 0.5, { type: "clock-paused", t: 0 });
  if (next() < 0.5) add(latest * (0.5 + next() * 0.3), { type: "clock-speed", t: 0, speed: 20 });

  // Filler up to the event budget: progress reports on open actions, and evaluator notes.
  const fixed = planned.length + plan.injects.length + plan.groups.length + 4;
  const filler = Math.max(0, spec.events - fixed);
  const totalOpen = openSpans.reduce((sum, s) => sum + Math.max(1, s.to - s.from), 0);
  for (let i = 0; i < filler; i++) {
    if (next() < 0.12) {
      const u = next();
      const kind = u < 0.3 ? "strength" : u < 0.8 ? "improvement" : "neutral";
      const texts =
        kind === "strength"
          ? words.strengths
          : kind === "improvement"
            ? words.improvements
            : words.neutral;
      add(next() * latest, {
        type: "note",
        t: 0,
        kind,
        text: pick(next, texts),
        group: pick(next, groups),
      });
      continue;
    }
    // An open span chosen in proportion to its length.
    let x = next() * totalOpen;
    let span = openSpans[0];
    for (const s of openSpans) {
      x -= Math.max(1, s.to - s.from);
      if (x <= 0) {
        span = s;
        break;
      }
    }
    if (!span) break;
    const status: DecisionStatus = "partial";
    add(
      span.from + (span.to - span.from) * next() * 0.98,
      {
        type: "decision",
        t: 0,
        group: span.e.group,
        inject: span.e.inject,
        expectation: span.e.id,
        status,
        text: pick(next, words.progress),
      },
      span.e,
    );
  }
  planned.push({
    t: round(latest + 30),
    order: order++,
    event: { type: "drill-ended", t: 0, reason: "script" },
  });
  return planned.sort((a, b) => a.t - b.t || a.order - b.order);
}

/** Writes one drill's log through the engine and the log writer. */
export async function writeDrill(
  path: string,
  version: GeneratedPlan,
  spec: DrillSpec,
  seed: number,
): Promise<number> {
  const next = random(seed);
  const plan = version.plan;
  const words = WORDS[plan.lang];
  const writer = await LogWriter.create(
    path,
    {
      type: "header",
      format: LOG_FORMAT,
      t: 0,
      wall: spec.startedAt.toISOString(),
      tool: "drillbook gen-logs",
      startedAt: spec.startedAt.toISOString(),
      timeZone: spec.timeZone,
      plan,
      planSha256: version.sha256,
      planSource: version.source,
      planFile: version.file,
      clock: "virtual",
    },
    { now: () => spec.startedAt, fsync: false },
  );
  const state: DrillState = initialState(plan);
  const emit = (event: NewEvent) => {
    const t = Math.max(event.t, state.t);
    const stamped = { ...event, t, wall: event.wall ?? virtualWall(state, t) } as NewEvent;
    applyEvent(state, writer.append(stamped) as DrillEvent, { keepRecords: false });
  };
  const fireDue = (t: number) => {
    for (let due = dueInjects(state, t); due.length > 0; due = dueInjects(state, t)) {
      const first = due[0];
      if (!first) break;
      const at = Math.max(first.inject.atMinutes, state.t);
      emit(
        first.action === "deliver"
          ? { type: "inject-delivered", t: at, inject: first.inject.id }
          : { type: "inject-skipped", t: at, inject: first.inject.id, reason: "condition" },
      );
    }
  };
  try {
    emit({
      type: "drill-started",
      t: 0,
      wall: spec.startedAt.toISOString(),
      speed: plan.clock.speed,
    });
    for (const item of planDrill(plan, spec, next)) {
      if (state.ended) break;
      fireDue(item.t);
      const event = { ...item.event, t: item.t } as NewEvent;
      if (item.expectation) {
        const es = state.expectations.get(item.expectation.id);
        if (es?.deliveredAt === undefined) continue;
      }
      if (event.type === "drill-ended") {
        emit(event);
        break;
      }
      if (event.type === "clock-paused") {
        emit(event);
        const resumed = Date.parse(virtualWall(state, item.t)) + (5 + next() * 15) * 60_000;
        emit({ type: "clock-resumed", t: item.t, wall: new Date(resumed).toISOString() });
        continue;
      }
      emit(event);
    }
    for (const group of plan.groups.slice(0, 3)) {
      emit({
        type: "hotwash",
        t: state.t,
        group: group.id,
        wentWell: pick(next, words.hotwash.well),
        wentLessWell: pick(next, words.hotwash.less),
        why: pick(next, words.hotwash.why),
      });
    }
    return writer.lastSeq + 1;
  } finally {
    writer.close();
  }
}

export interface GenerateOptions {
  count: number;
  events: number;
  out: string;
  seed: number;
  plan: string;
  start: string;
  everyDays: number;
  revisions: number;
  onLog?: (path: string, lines: number) => void;
}

/** The whole series; returns the paths written, oldest drill first. */
export async function generateLogs(options: GenerateOptions): Promise<string[]> {
  const loaded = await readPlanFile(resolve(ROOT, options.plan));
  const base: GeneratedPlan = {
    plan: loaded.plan,
    source: loaded.source,
    sha256: loaded.sha256,
    file: options.plan,
  };
  const series = random(options.seed);
  const groups = base.plan.groups.map((g) => g.id);
  const weakGroup = groups.includes("tracing") ? "tracing" : pick(series, groups);
  const difficulty = new Map(allExpectations(base.plan).map((e) => [e.id, 0.5 + series()]));
  const versions = Array.from({ length: options.revisions + 1 }, (_, k) =>
    revisePlan(base, k, weakGroup),
  );
  const start = Date.parse(options.start);
  if (Number.isNaN(start)) throw new Error(`--start is not a date-time: ${options.start}`);
  const zone = /([+-]\d{2}:\d{2})$/.exec(options.start)?.[1] ?? "UTC";
  mkdirSync(options.out, { recursive: true });
  const width = String(options.count).length;
  const paths: string[] = [];
  for (let index = 0; index < options.count; index++) {
    const k = Math.min(
      options.revisions,
      Math.floor((index * (options.revisions + 1)) / options.count),
    );
    const version = versions[k] as GeneratedPlan;
    // Drills keep to the same day of the week, at a slightly different hour each time.
    const startedAt = new Date(
      start + index * options.everyDays * 86_400_000 + Math.floor(series() * 4) * 3_600_000,
    );
    for (const e of allExpectations(version.plan))
      if (!difficulty.has(e.id)) difficulty.set(e.id, 0.5 + series());
    const path = join(options.out, `drill-${String(index + 1).padStart(width, "0")}.jsonl`);
    const lines = await writeDrill(
      path,
      version,
      {
        index,
        count: options.count,
        events: options.events,
        startedAt,
        timeZone: zone,
        weakGroup,
        difficulty,
        weakFixed: k > 0,
      },
      Math.floor(series() * 2 ** 32),
    );
    paths.push(path);
    options.onLog?.(path, lines);
  }
  return paths;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "20" },
      events: { type: "string", default: "1000" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      plan: { type: "string", default: "examples/pooled-positive.zh.yaml" },
      start: { type: "string", default: "2026-01-05T09:00:00+08:00" },
      "every-days": { type: "string", default: "7" },
      revisions: { type: "string", default: "1" },
      quiet: { type: "boolean", default: false },
    },
  });
  if (!values.out) throw new Error("--out <dir> is required");
  const started = performance.now();
  let lines = 0;
  const paths = await generateLogs({
    count: Number(values.count),
    events: Number(values.events),
    out: values.out,
    seed: Number(values.seed),
    plan: values.plan,
    start: values.start,
    everyDays: Number(values["every-days"]),
    revisions: Number(values.revisions),
    onLog: (_, n) => {
      lines += n;
    },
  });
  if (!values.quiet) {
    console.log(
      `wrote ${paths.length} logs (${lines.toLocaleString("en")} lines) to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
