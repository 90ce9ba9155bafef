// Findings merged by root cause: every late minute (from the delay attribution) and every
// action never done counts against one cause, and each cause is one finding carrying all its
// evidence — the blocker, the hand-offs it delayed, the critical path it held up, the groups
// it hurt, the contingencies it set off, and what people wrote about it. Pure.

import { inferBlockerKind } from "../core/blockers.js";
import type { DecisionFact } from "../core/engine.js";
import type { Plan } from "../core/plan.js";
import { round } from "../core/scenario-time.js";
import { kindOf } from "./blocks.js";
import { blockerKey, rootCauseOf, segmentKey, type UnmetFacts, unmetKey } from "./causes.js";
import { type Collected, clip, LIMITS } from "./collect.js";
import type { Attribution, BlockSpan } from "./delay.js";
import type { GroupLoad } from "./group-load.js";
import type {
  Evidence,
  ExpectationResult,
  Finding,
  InjectResult,
  ObjectiveResult,
  Quote,
} from "./model.js";
import { rankFindings } from "./rank.js";

export interface FindingInput {
  plan: Plan;
  end: number;
  results: readonly ExpectationResult[];
  attributions: ReadonlyMap<string, Attribution>;
  histories: ReadonlyMap<string, readonly DecisionFact[]>;
  blocks: ReadonlyMap<string, readonly BlockSpan[]>;
  loads: ReadonlyMap<string, GroupLoad>;
  silentGroups: ReadonlySet<string>;
  unansweredInjects: ReadonlySet<string>;
  injects: readonly InjectResult[];
  collected: Pick<
    Collected,
    | "improvised"
    | "confusion"
    | "hotwash"
    | "observations"
    | "texts"
    | "blockerTexts"
    | "inferredKinds"
  >;
  criticalChain: readonly string[];
  objectives: readonly ObjectiveResult[];
  minutesLate: number;
}

export interface FindingOutput {
  findings: Finding[];
  /** Per late action: its minutes by finding; per action never done: its finding. */
  causes: Map<string, { finding: string; minutes: number }[]>;
  cause: Map<string, string>;
}

/** A finding while it is being put together. */
interface Draft {
  key: string;
  minutes: number;
  late: Map<string, number>;
  /** Minutes by the action where they began. */
  origins: Map<string, number>;
  missed: string[];
  blocked: string[];
  handoffs: Map<string, { from: string; to: string; internal: boolean }>;
  contingencies: string[];
  quotes: Quote[];
  events: number[];
  count: number;
  group?: string;
  extra: Partial<Finding>;
  times: number[];
}

function draft(key: string): Draft {
  return {
    key,
    minutes: 0,
    late: new Map(),
    origins: new Map(),
    missed: [],
    blocked: [],
    handoffs: new Map(),
    contingencies: [],
    quotes: [],
    events: [],
    count: 0,
    extra: {},
    times: [],
  };
}

function pushDistinct<T>(list: T[], item: T, cap: number = LIMITS.foreignIds): void {
  if (list.length < cap && !list.includes(item)) list.push(item);
}

function addQuote(d: Draft, quote: Quote | undefined): void {
  if (!quote || d.quotes.length >= LIMITS.quotesPerFinding) return;
  if (d.quotes.some((q) => q.text === quote.text)) return;
  d.quotes.push(quote);
  if (quote.seq !== undefined) pushDistinct(d.events, quote.seq, LIMITS.eventsPerFinding);
}

export function buildFindings(input: FindingInput): FindingOutput {
  const { plan } = input;
  const byId = new Map(input.results.map((r) => [r.id, r]));
  const drafts = new Map<string, Draft>();
  const get = (key: string) => {
    let d = drafts.get(key);
    if (!d) {
      d = draft(key);
      drafts.set(key, d);
    }
    return d;
  };
  const causes = new Map<string, { finding: string; minutes: number }[]>();
  const cause = new Map<string, string>();
  const blockerKindOf = kindOf(input.collected.inferredKinds);
  const texts = { decision: input.collected.texts, blocker: input.collected.blockerTexts };

  // Late minutes, by the cause of each segment.
  for (const r of input.results) {
    const a = input.attributions.get(r.id);
    if (!a || a.minutesLate <= 0) continue;
    const mine = new Map<string, number>();
    for (const s of a.segments) {
      const key = segmentKey(s.cause, s.group, s.blockerKind);
      const d = get(key);
      d.minutes = round(d.minutes + s.minutes);
      d.late.set(r.id, round((d.late.get(r.id) ?? 0) + s.minutes));
      d.origins.set(s.origin, round((d.origins.get(s.origin) ?? 0) + s.minutes));
      d.times.push(r.deadline ?? 0, r.doneAt ?? 0);
      mine.set(key, round((mine.get(key) ?? 0) + s.minutes));
      if (s.origin !== r.id) addHandoffs(d, r.id, s.origin, input.attributions, byId);
    }
    causes.set(
      r.id,
      [...mine].map(([finding, minutes]) => ({ finding, minutes })),
    );
  }

  // Actions never done, pushed back to their cause.
  const facts = new Map<string, UnmetFacts>();
  for (const r of input.results) {
    const last = lastBlocked(input.histories.get(r.id));
    facts.set(r.id, {
      status: r.status,
      group: r.group,
      inject: r.inject,
      after: plan.injects.flatMap((i) => i.expects).find((e) => e.id === r.id)?.after ?? [],
      ...(last ? { blockerKind: blockerKindOf(last) } : {}),
    });
  }
  const context = {
    facts,
    silentGroups: input.silentGroups,
    unansweredInjects: input.unansweredInjects,
  };
  for (const r of input.results) {
    if (r.status !== "missed" && r.status !== "blocked") continue;
    const key = unmetKey(r.id, context);
    const d = get(key);
    (r.status === "blocked" ? d.blocked : d.missed).push(r.id);
    d.times.push(r.deadline ?? input.end, input.end);
    cause.set(r.id, key);
  }

  // What was written on the actions behind each finding.
  for (const d of drafts.values()) {
    const kind = d.key.startsWith("blocker:") ? d.key.slice("blocker:".length) : undefined;
    const actions = [...d.origins.keys(), ...d.blocked, ...d.missed];
    for (const id of actions) {
      for (const fact of input.histories.get(id) ?? []) {
        if (kind !== undefined) {
          if (fact.status !== "blocked" || blockerKindOf(fact) !== kind) continue;
          d.count++;
          addQuote(d, factQuote("blocker", fact, id, byId, texts));
        } else if (
          !d.key.startsWith("overload:") &&
          fact.status !== "done" &&
          fact.status !== "blocked"
        ) {
          // A partial step, and what held it up when the group said so.
          addQuote(d, factQuote("decision", fact, id, byId, texts));
          if (fact.blockerKind) addQuote(d, factQuote("blocker", fact, id, byId, texts));
        }
      }
    }
  }

  // Improvised actions: a workaround while the group was blocked belongs to that blocker;
  // the rest are steps the plan lacks.
  const groupOrder = new Map(plan.groups.map((g, i) => [g.id, i]));
  const order = (group: string) => groupOrder.get(group) ?? plan.groups.length;
  const improvised = [...input.collected.improvised].sort(([a], [b]) => order(a) - order(b));
  for (const [group, tally] of improvised) {
    let left = tally.count;
    for (const item of tally.items) {
      const block = blockAt(group, item.t, input);
      const home = block ? drafts.get(blockerKey(block.kind)) : undefined;
      if (!home) continue;
      left--;
      addQuote(home, { source: "improvised", text: item.text, t: item.t, seq: item.seq, group });
    }
    const rest = tally.items.filter((item) => {
      const block = blockAt(group, item.t, input);
      return !block || !drafts.has(blockerKey(block.kind));
    });
    if (left <= 0 || rest.length === 0) continue;
    const d = get(`improvised:${group}`);
    d.count = left;
    d.group = group;
    for (const item of rest) {
      addQuote(d, { source: "improvised", text: item.text, t: item.t, seq: item.seq, group });
      pushDistinct(d.events, item.seq, LIMITS.eventsPerFinding);
      d.times.push(item.t);
    }
  }

  // Decisions on an inject addressed to other groups.
  for (const tally of input.collected.confusion.values()) {
    const d = get(`role-confusion:${tally.group}@${tally.inject}`);
    d.count = tally.count;
    d.group = tally.group;
    d.extra.addressedTo = [...(plan.injects.find((i) => i.id === tally.inject)?.to ?? [])];
    for (const item of tally.items) {
      addQuote(d, {
        source: "decision",
        text: item.text,
        t: item.t,
        seq: item.seq,
        group: tally.group,
      });
      pushDistinct(d.events, item.seq, LIMITS.eventsPerFinding);
      d.times.push(item.t);
    }
  }

  // Overload: what the group held against its capacity.
  for (const [group, load] of input.loads) {
    const d = drafts.get(`overload:${group}`);
    if (!d) continue;
    d.extra.peakOpen = load.peak;
    d.extra.capacity = plan.groups.find((g) => g.id === group)?.capacity;
    d.extra.minutesOverCapacity = load.minutesOverCapacity;
  }

  // Contingencies the plan foresaw that a finding made necessary.
  for (const inject of input.injects) {
    if (!inject.condition || inject.status !== "delivered" || inject.early) continue;
    const on = inject.condition.expectation;
    for (const d of drafts.values()) {
      if (d.late.has(on) || d.missed.includes(on) || d.blocked.includes(on))
        pushDistinct(d.contingencies, inject.id);
    }
  }

  const findings = [...drafts.values()].map((d) => finish(d, input, byId));
  const critical = (id: string) => byId.get(id)?.critical ?? false;
  const ranked = rankFindings(findings, input.objectives, critical);
  attachWritten(ranked, input);
  return { findings: rankFindings(ranked, input.objectives, critical), causes, cause };
}

/** A decision quoted, if its text was kept (or, for a blocker, the blocker's own text). */
function factQuote(
  source: "blocker" | "decision",
  fact: DecisionFact,
  expectation: string,
  byId: ReadonlyMap<string, ExpectationResult>,
  texts: { decision: ReadonlyMap<number, string>; blocker: ReadonlyMap<number, string> },
): Quote | undefined {
  const text =
    source === "blocker"
      ? (texts.blocker.get(fact.seq) ?? texts.decision.get(fact.seq))
      : texts.decision.get(fact.seq);
  if (text === undefined) return undefined;
  const group = byId.get(expectation)?.group;
  return {
    source,
    text: clip(text),
    t: fact.at,
    seq: fact.seq,
    ...(group !== undefined ? { group } : {}),
    expectation,
  };
}

function lastBlocked(history: readonly DecisionFact[] | undefined): DecisionFact | undefined {
  if (!history) return undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const fact = history[i] as DecisionFact;
    if (fact.status === "blocked") return fact;
  }
  return undefined;
}

/** The blocker one of `group`'s actions was held by at time `t`, if any. */
function blockAt(group: string, t: number, input: FindingInput): BlockSpan | undefined {
  for (const r of input.results) {
    if (r.group !== group) continue;
    const block = input.blocks.get(r.id)?.find((b) => b.from <= t && t < b.to);
    if (block) return block;
  }
  return undefined;
}

/** The hand-offs from `origin` down to `id`, along the predecessors each one waited for. */
function addHandoffs(
  d: Draft,
  id: string,
  origin: string,
  attributions: ReadonlyMap<string, Attribution>,
  byId: ReadonlyMap<string, ExpectationResult>,
): void {
  const seen = new Set<string>();
  for (let current = id; current !== origin && !seen.has(current); ) {
    seen.add(current);
    const handoff = attributions.get(current)?.handoff;
    if (!handoff) return;
    const key = `${handoff.expectation}>${current}`;
    if (!d.handoffs.has(key))
      d.handoffs.set(key, {
        from: handoff.expectation,
        to: current,
        internal: byId.get(handoff.expectation)?.group === byId.get(current)?.group,
      });
    current = handoff.expectation;
  }
}

/** The group with the most minutes at their origin, else with the most actions left undone. */
function ownerOf(
  d: Draft,
  byId: ReadonlyMap<string, ExpectationResult>,
  plan: Plan,
): string | undefined {
  if (d.group !== undefined) return d.group;
  const weight = new Map<string, number>();
  for (const [origin, minutes] of d.origins) {
    const group = byId.get(origin)?.group;
    if (group) weight.set(group, (weight.get(group) ?? 0) + minutes);
  }
  if (weight.size === 0) {
    for (const id of [...d.blocked, ...d.missed]) {
      const group = byId.get(id)?.group;
      if (group) weight.set(group, (weight.get(group) ?? 0) + 1);
    }
  }
  const order = new Map(plan.groups.map((g, i) => [g.id, i]));
  let best: string | undefined;
  for (const [group, w] of weight) {
    const bw = best === undefined ? -1 : (weight.get(best) ?? 0);
    if (w > bw || (w === bw && (order.get(group) ?? 0) < (order.get(best ?? "") ?? 0)))
      best = group;
  }
  return best;
}

function finish(
  d: Draft,
  input: FindingInput,
  byId: ReadonlyMap<string, ExpectationResult>,
): Finding {
  const { plan } = input;
  const critical = (id: string) => byId.get(id)?.critical ?? false;
  const { kind, rootCause } = rootCauseOf(d.key, critical);
  // A cause named by its group (own delay, overload, silence, …) is that group's to fix; a
  // missed action, its group's; a blocker or an unanswered inject, where it cost the most.
  const owner =
    rootCause.kind === "blocker" || rootCause.kind === "inject-unanswered"
      ? ownerOf(d, byId, plan)
      : rootCause.expectation !== undefined
        ? byId.get(rootCause.expectation)?.group
        : (rootCause.group ?? ownerOf(d, byId, plan));
  const planOrder = new Map(input.results.map((r, i) => [r.id, i]));
  const byPlan = (a: string, b: string) => (planOrder.get(a) ?? 0) - (planOrder.get(b) ?? 0);
  const late = [...d.late]
    .sort(([a], [b]) => byPlan(a, b))
    .map(([expectation, minutes]) => ({ expectation, minutes }));
  const touched = [...late.map((l) => l.expectation), ...d.missed, ...d.blocked].sort(byPlan);
  const groupOrder = new Map(plan.groups.map((g, i) => [g.id, i]));
  const groupsHurt = [...new Set(touched.map((id) => byId.get(id)?.group ?? ""))]
    .filter(Boolean)
    .sort((a, b) => (groupOrder.get(a) ?? 0) - (groupOrder.get(b) ?? 0));
  const mainOrigin = [...d.origins].sort((a, b) => b[1] - a[1] || byPlan(a[0], b[0]))[0]?.[0];
  if (
    rootCause.kind === "blocker" ||
    rootCause.kind === "own-delay" ||
    rootCause.kind === "overload"
  ) {
    if (owner !== undefined) rootCause.group = owner;
    const at = mainOrigin ?? d.blocked[0] ?? d.missed[0];
    if (at !== undefined) rootCause.expectation = at;
  }
  if (rootCause.kind === "inject-unanswered" && owner !== undefined) rootCause.group = owner;
  const doneSeqs = late.flatMap(({ expectation }) => {
    const done = (input.histories.get(expectation) ?? []).find((f) => f.status === "done");
    return done ? [done.seq] : [];
  });
  for (const seq of doneSeqs) pushDistinct(d.events, seq, LIMITS.eventsPerFinding);
  const injects = [...new Set(touched.map((id) => byId.get(id)?.inject ?? ""))].filter(Boolean);
  if (d.key.startsWith("role-confusion:")) injects.push(d.key.split("@")[1] ?? "");
  if (d.key.startsWith("inject-unanswered:")) pushDistinct(injects, d.key.slice(18));
  const objectives = [
    ...new Set(touched.map((id) => byId.get(id)?.objective).filter((o): o is string => !!o)),
  ];
  const times = d.times.filter((t) => Number.isFinite(t));
  const evidence: Evidence = compact({
    expectations: touched,
    injects,
    groups: groupsHurt.length > 0 ? groupsHurt : owner !== undefined ? [owner] : [],
    objectives,
    events: d.events.slice(0, LIMITS.eventsPerFinding),
    from: times.length > 0 ? Math.min(...times) : undefined,
    to: times.length > 0 ? Math.max(...times) : undefined,
    quotes: d.quotes,
  });
  const chain = new Set(input.criticalChain);
  const handoffs = [...d.handoffs.values()];
  return {
    key: d.key,
    kind,
    rank: 0,
    rankBasis: "minutes",
    priority: "low",
    rootCause,
    ...(owner !== undefined ? { group: owner } : {}),
    minutesLost: d.minutes,
    share: input.minutesLate > 0 ? round(d.minutes / input.minutesLate) : 0,
    ...(late.length > 0 ? { late } : {}),
    ...(d.missed.length > 0 ? { missed: [...d.missed].sort(byPlan) } : {}),
    ...(d.blocked.length > 0 ? { blocked: [...d.blocked].sort(byPlan) } : {}),
    ...(handoffs.length > 0 ? { handoffs } : {}),
    ...(late.some((l) => chain.has(l.expectation)) ? { criticalPath: true } : {}),
    ...(groupsHurt.length > 0 ? { groupsHurt } : {}),
    ...(d.contingencies.length > 0 ? { contingencies: d.contingencies } : {}),
    ...(d.count > 0 ? { count: d.count } : {}),
    ...d.extra,
    evidence,
  };
}

/** Drops empty lists and undefined fields so the JSON carries only what a finding has. */
export function compact(evidence: Evidence): Evidence {
  const out: Evidence = {};
  for (const [key, value] of Object.entries(evidence) as [keyof Evidence, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    (out as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/**
 * The longest run of characters (UTF-16 code units) two texts share ("首批密接名单" in a note
 * and an action). Two rows of the classic table, reused: every hot-wash answer and note is
 * compared with every candidate finding's actions and quotes.
 */
export function sharedRun(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    const unit = a.charCodeAt(i);
    for (let j = 0; j < b.length; j++) {
      const run = b.charCodeAt(j) === unit ? (previous[j] as number) + 1 : 0;
      current[j + 1] = run;
      if (run > best) best = run;
    }
    [previous, current] = [current, previous];
  }
  return best;
}

/**
 * Hot-wash answers and evaluators' areas for improvement, attached to the finding they
 * explain: a "why" naming a kind of blocker goes to that blocker where it hurt the group; else
 * a text goes to the group's own findings (or, if it has none, those that hurt it), to the
 * one whose actions it names the most of ("首批密接名单"), the first ranked on a tie; a note
 * on no group's finding goes to one about its objective, else it is a finding of its own.
 */
function attachWritten(ranked: Finding[], input: FindingInput): void {
  const byId = new Map(input.results.map((r) => [r.id, r]));
  const add = (f: Finding, quote: Quote) => {
    const quotes = f.evidence.quotes ?? [];
    if (quotes.length >= LIMITS.quotesPerFinding || quotes.some((q) => q.text === quote.text))
      return;
    f.evidence.quotes = [...quotes, quote];
    if (quote.seq !== undefined) {
      const events = f.evidence.events ?? [];
      if (events.length < LIMITS.eventsPerFinding && !events.includes(quote.seq))
        f.evidence.events = [...events, quote.seq];
    }
  };
  const about = (f: Finding) =>
    [
      ...(f.evidence.expectations ?? []).map((id) => byId.get(id)?.action ?? ""),
      ...(f.evidence.quotes ?? []).map((q) => q.text),
    ].join(" ");
  const closest = (candidates: Finding[], text: string) => {
    let best: Finding | undefined;
    let bestRun = -1;
    for (const f of candidates) {
      const run = sharedRun(text, about(f));
      if (run > bestRun) {
        best = f;
        bestRun = run;
      }
    }
    return best;
  };
  const ofGroup = (group: string, text: string) => {
    const owned = ranked.filter((f) => f.group === group);
    return closest(
      owned.length > 0 ? owned : ranked.filter((f) => f.groupsHurt?.includes(group)),
      text,
    );
  };
  for (const entry of input.collected.hotwash.values()) {
    if (entry.why.trim() === "") continue;
    const kind = inferBlockerKind(entry.why);
    const blocker = ranked.find(
      (f) =>
        f.key === blockerKey(kind) &&
        kind !== "other" &&
        (f.group === entry.group || f.groupsHurt?.includes(entry.group)),
    );
    const home = blocker ?? ofGroup(entry.group, `${entry.wentLessWell} ${entry.why}`);
    if (home) add(home, { source: "hotwash", text: entry.why, group: entry.group });
  }
  for (const note of input.collected.observations) {
    if (note.kind !== "improvement") continue;
    const quote: Quote = {
      source: "observation",
      text: note.text,
      t: note.t,
      seq: note.seq,
      ...(note.group !== undefined ? { group: note.group } : {}),
    };
    const home =
      (note.group !== undefined ? ofGroup(note.group, note.text) : undefined) ??
      (note.objective !== undefined
        ? closest(
            ranked.filter((f) => f.evidence.objectives?.includes(note.objective ?? "")),
            note.text,
          )
        : undefined);
    if (home) {
      add(home, quote);
      continue;
    }
    const about = note.group ?? note.objective ?? note.inject ?? "drill";
    const key = `observation:${about}`;
    let finding = ranked.find((f) => f.key === key);
    if (!finding) {
      const capability = input.plan.objectives.find((o) => o.id === note.objective);
      finding = {
        key,
        kind: "observation",
        rank: 0,
        rankBasis: "minutes",
        priority: "low",
        rootCause: {
          kind: "observation",
          ...(note.group !== undefined ? { group: note.group } : {}),
          ...(note.objective !== undefined ? { objective: note.objective } : {}),
        },
        ...(note.group !== undefined ? { group: note.group } : {}),
        minutesLost: 0,
        share: 0,
        evidence: compact({
          groups: note.group !== undefined ? [note.group] : [],
          injects: note.inject !== undefined ? [note.inject] : [],
          objectives: capability ? [capability.id] : [],
          from: note.t,
        }),
      };
      ranked.push(finding);
    }
    add(finding, quote);
  }
}
