// From what was collected to the Review: outcomes, delay attribution, findings merged by
// cause and ranked, ratings, strengths, the improvement plan and plan revisions, the summary.
// Pure: collected facts in, a Review out.

import { builtinCatalogue } from "../capabilities/builtin.js";
import type { DecisionFact } from "../core/engine.js";
import { allExpectations, type Plan } from "../core/plan.js";
import { round } from "../core/scenario-time.js";
import { blockSpans, kindOf } from "./blocks.js";
import { analyseCapabilities } from "./capabilities.js";
import type { Collected } from "./collect.js";
import { LIMITS } from "./collect.js";
import { type ActionTiming, type Attribution, attributeDelays, type BlockSpan } from "./delay.js";
import { buildFindings } from "./findings.js";
import { type GroupLoad, groupLoad } from "./group-load.js";
import { improvementPlan, planRevisions } from "./improvement.js";
import {
  type DecoyResult,
  EXPECTATION_OUTCOMES,
  type ExpectationOutcome,
  type ExpectationResult,
  type Finding,
  REVIEW_FORMAT,
  type Review,
  type ReviewSummary,
  type UnannouncedResult,
} from "./model.js";
import { injectResults, outcomeOf } from "./outcomes.js";
import { rateObjectives } from "./ratings.js";
import { wordsContext } from "./report.js";
import { siteBreakdown } from "./sites.js";
import type { Span } from "./spans.js";
import { findStrengths } from "./strengths.js";

export interface AssembleOptions {
  lang: Review["lang"];
  tool: string;
  rescoredWith?: { file: string; sha256: string; version?: string };
}

/** The natural length of a plan: its latest inject time plus that inject's longest target. */
function planLength(plan: Plan): number {
  let end = 0;
  for (const inject of plan.injects) {
    const longest = Math.max(0, ...inject.expects.map((e) => e.withinMinutes));
    end = Math.max(end, inject.atMinutes + longest);
  }
  return end;
}

/** Back from the last critical action done, through the predecessors it waited for. */
function criticalChain(
  results: readonly ExpectationResult[],
  attributions: ReadonlyMap<string, Attribution>,
): string[] {
  let last: ExpectationResult | undefined;
  for (const r of results) {
    if (!r.critical || r.doneAt === undefined) continue;
    if (!last || r.doneAt > (last.doneAt ?? 0)) last = r;
  }
  if (!last) return [];
  const chain = [last.id];
  for (let current = last.id; ; ) {
    const handoff = attributions.get(current)?.handoff;
    if (!handoff || handoff.waitMinutes <= 0 || chain.includes(handoff.expectation)) break;
    chain.unshift(handoff.expectation);
    current = handoff.expectation;
  }
  return chain;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined) {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    out.set(key, [...(out.get(key) ?? []), item]);
  }
  return out;
}

export function assembleReview(data: Collected, options: AssembleOptions): Review {
  const { plan, header, state } = data;
  const end = state.ended ? (state.endedAt ?? state.t) : state.t;
  const own = header.plan;
  const ownExpectations = new Set(allExpectations(own).map((e) => e.id));
  const ownGroups = new Set(own.groups.map((g) => g.id));
  const ownInjects = new Set(own.injects.map((i) => i.id));

  const injects = injectResults(state, data.answered, data.skipNotes, end, (id) =>
    ownInjects.has(id),
  );
  const injectById = new Map(injects.map((i) => [i.id, i]));

  // Outcomes, and the times the delay attribution needs.
  const statuses = new Map<string, ExpectationOutcome>();
  const timings = new Map<string, ActionTiming>();
  const histories = new Map<string, readonly DecisionFact[]>();
  const blocks = new Map<string, BlockSpan[]>();
  const blockerKindOf = kindOf(data.inferredKinds);
  for (const es of state.expectations.values()) {
    const e = es.expectation;
    const status = outcomeOf(es, end, ownExpectations.has(e.id));
    statuses.set(e.id, status);
    const history = es.history ?? [];
    histories.set(e.id, history);
    if (status === "not-in-drill" || es.deliveredAt === undefined) continue;
    const spans = blockSpans(history, es.doneAt ?? end, blockerKindOf);
    blocks.set(e.id, spans);
    timings.set(e.id, {
      id: e.id,
      group: e.group,
      deliveredAt: es.deliveredAt,
      ...(es.deadline !== undefined ? { deadline: es.deadline } : {}),
      ...(es.doneAt !== undefined ? { doneAt: es.doneAt } : {}),
      after: e.after,
      blocks: spans,
    });
  }

  // A group without a capacity is never overloaded.
  const loads = new Map<string, GroupLoad>();
  const overCapacity = new Map<string, Span[]>();
  for (const group of plan.groups) {
    if (group.capacity === undefined) continue;
    const open = [...timings.values()]
      .filter((t) => t.group === group.id)
      .map((t) => ({ id: t.id, from: t.deliveredAt ?? 0, to: t.doneAt ?? end }));
    const load = groupLoad(open, group.capacity);
    loads.set(group.id, load);
    overCapacity.set(group.id, load.overCapacity);
  }
  const attributions = attributeDelays(timings, overCapacity);

  const results: ExpectationResult[] = [];
  for (const es of state.expectations.values()) {
    const e = es.expectation;
    const status = statuses.get(e.id) ?? "not-reached";
    const inject = injectById.get(e.inject);
    const a = attributions.get(e.id);
    const history = histories.get(e.id) ?? [];
    const done = history.find((h) => h.status === "done");
    const decision = done
      ? { seq: done.seq, at: done.at, status: done.status }
      : data.latest.get(e.id);
    const timed = es.doneAt !== undefined && es.deliveredAt !== undefined;
    const counted = status !== "not-in-drill";
    results.push({
      id: e.id,
      inject: e.inject,
      group: e.group,
      action: e.action,
      ...(inject?.phase !== undefined ? { phase: inject.phase } : {}),
      ...(e.objective !== undefined ? { objective: e.objective } : {}),
      critical: e.critical,
      status,
      ...(counted && es.deliveredAt !== undefined ? { deliveredAt: es.deliveredAt } : {}),
      ...(counted && es.doneAt !== undefined ? { doneAt: es.doneAt } : {}),
      ...(counted && es.deadline !== undefined ? { deadline: es.deadline } : {}),
      ...(counted && timed
        ? { latencyMinutes: round((es.doneAt ?? 0) - (es.deliveredAt ?? 0)) }
        : {}),
      targetMinutes: e.withinMinutes,
      minutesLate: status === "late" ? (a?.minutesLate ?? 0) : 0,
      ...(status === "late" && a?.delay ? { delay: a.delay } : {}),
      ...(counted && a?.handoff ? { handoff: a.handoff } : {}),
      decisionCount: history.reduce((sum, h) => sum + 1 + h.repeats, 0),
      decisions: es.decisions.slice(0, LIMITS.decisionsPerExpectation),
      ...(decision
        ? {
            lastDecision: {
              seq: decision.seq,
              t: decision.at,
              status: decision.status,
              text: data.texts.get(decision.seq) ?? "",
              ...(data.blockerTexts.has(decision.seq)
                ? { blocker: data.blockerTexts.get(decision.seq) }
                : {}),
            },
          }
        : {}),
    });
  }

  const minutesLate = round(results.reduce((sum, r) => sum + r.minutesLate, 0));
  const objectives = rateObjectives(plan, results, data.evaluations);

  // A group that was sent something due and logged nothing is silent; one sent nothing is not.
  const silentGroups = new Set<string>();
  for (const group of plan.groups) {
    if (!ownGroups.has(group.id) || (state.groups.get(group.id)?.decisions ?? 0) > 0) continue;
    const sent = injects.some(
      (i) => i.to.includes(group.id) && i.status === "delivered" && !i.notYetDue,
    );
    const due = results.some(
      (r) => r.group === group.id && (r.status === "missed" || r.status === "blocked"),
    );
    if (sent || due) silentGroups.add(group.id);
  }
  const unansweredInjects = new Set(
    injects
      .filter((i) => i.status === "delivered" && !i.answered && !i.notYetDue && !i.notInDrill)
      .map((i) => i.id),
  );

  const chain = criticalChain(results, attributions);
  const built = buildFindings({
    plan,
    end,
    results,
    attributions,
    histories,
    blocks,
    loads,
    silentGroups,
    unansweredInjects,
    injects,
    collected: data,
    criticalChain: chain,
    objectives,
    minutesLate,
  });
  for (const r of results) {
    const causes = built.causes.get(r.id);
    if (causes && r.status === "late") r.causes = causes;
    const cause = built.cause.get(r.id);
    if (cause) r.cause = cause;
  }
  for (const o of objectives) {
    o.findings = built.findings
      .filter(
        (f) =>
          o.expectations.some(
            (id) =>
              f.late?.some((l) => l.expectation === id) ||
              f.missed?.includes(id) ||
              f.blocked?.includes(id),
          ) || f.rootCause.objective === o.id,
      )
      .map((f) => f.key);
  }

  const summary = summarise(results, built.findings, minutesLate, chain);
  const groupOrder = new Map(plan.groups.map((g, i) => [g.id, i]));
  const order = (id: string) => groupOrder.get(id) ?? plan.groups.length;
  const count = (status: string) =>
    injects.filter((i) => i.status === status && !i.notInDrill).length;
  const review: Review = {
    format: REVIEW_FORMAT,
    tool: options.tool,
    lang: options.lang,
    drill: {
      // What was run: the log's own plan, whatever plan scores it.
      title: own.title,
      scenario: own.scenario,
      ...(own.version !== undefined ? { planVersion: own.version } : {}),
      planSha256: header.planSha256,
      ...(header.planFile !== undefined ? { planFile: header.planFile } : {}),
      ...(options.rescoredWith ? { rescoredWith: options.rescoredWith } : {}),
      loggedBy: header.tool,
      ...(state.unannounced ? { unannounced: unannouncedOf(state) } : {}),
      clock: header.clock,
      ...(plan.clock.start !== undefined ? { scenarioStart: plan.clock.start } : {}),
      ...(header.timeZone !== undefined ? { timeZone: header.timeZone } : {}),
      startedAt: data.startWall,
      ...(data.endWall !== undefined ? { endedAt: data.endWall } : {}),
      ended: state.ended,
      ...(data.endReason !== undefined ? { endReason: data.endReason } : {}),
      partial:
        !state.ended ||
        injects.some((i) => i.status === "not-reached" && !i.notInDrill) ||
        // Re-scored: the drill's own injects the revised plan has not, still ahead at the end.
        own.injects.some((i) => !state.injects.has(i.id) && i.atMinutes > end),
      realMinutes: round(
        Math.max(0, Date.parse(data.lastWall) - Date.parse(data.startWall)) / 60_000,
      ),
      scenarioMinutes: round(end),
      planMinutes: planLength(own),
      lastSeq: state.lastSeq,
      evaluators: [...(plan.evaluators ?? own.evaluators ?? [])],
      groups: plan.groups.map((g) => ({
        id: g.id,
        name: g.name,
        ...(g.lead !== undefined ? { lead: g.lead } : {}),
        members: [...g.members],
        ...(g.capacity !== undefined ? { capacity: g.capacity } : {}),
        decisions: state.groups.get(g.id)?.decisions ?? 0,
        ...(ownGroups.has(g.id) ? {} : { notInDrill: true }),
      })),
      injectsDelivered: count("delivered"),
      injectsSkipped: count("skipped"),
      injectsNotReached: count("not-reached"),
      decisions: state.counts.decisions,
      improvised: data.improvisedCount,
      notes: state.counts.notes,
      events: state.counts.events,
      interventions: {
        ...data.interventions,
        pausedRealMinutes: round(data.interventions.pausedRealMinutes),
        deliveredEarly: injects.filter((i) => i.early).length,
        skippedByFacilitator: injects.filter((i) => i.skipReason === "facilitator").length,
      },
    },
    summary,
    injects,
    expectations: results,
    ...(plan.sites?.length ? { bySite: siteBreakdown(plan.sites, results) } : {}),
    bottlenecks: built.findings.filter((f) => f.minutesLost > 0),
    gaps: built.findings.filter((f) => f.minutesLost <= 0),
    strengths: findStrengths(plan, objectives, data),
    objectives,
    capabilities: analyseCapabilities(
      objectives,
      results,
      built.findings,
      builtinCatalogue(),
      options.lang,
    ),
    decoys: decoysOf(plan, data),
    observations: data.observations,
    corrections: data.corrections,
    hotwash: [...data.hotwash.values()].sort((a, b) => order(a.group) - order(b.group)),
    improvementPlan: [],
    planRevisions: [],
    unmatchedCount: data.unmatchedCount,
    unmatched: data.unmatched,
  };
  const { w, c } = wordsContext(review, options.lang);
  const words = {
    issue: (f: Finding) => w.issue(f, c),
    recommendation: (f: Finding) => w.recommendation(f, c),
    revision: (rev: Parameters<typeof w.revision>[0], f: Finding) => w.revision(rev, f, c),
  };
  review.improvementPlan = improvementPlan(built.findings, plan, words);
  review.planRevisions = planRevisions(built.findings, words);
  return review;
}

function summarise(
  results: readonly ExpectationResult[],
  findings: readonly Finding[],
  minutesLate: number,
  chain: readonly string[],
): ReviewSummary {
  const counts = Object.fromEntries(EXPECTATION_OUTCOMES.map((o) => [o, 0])) as Record<
    ExpectationOutcome,
    number
  >;
  for (const r of results) counts[r.status]++;
  const due = counts["on-time"] + counts.late + counts.missed + counts.blocked;
  const late = results.filter((r) => r.status === "late");
  const sums = (groups: Map<string, ExpectationResult[]>) =>
    [...groups].map(([key, list]) => ({
      key,
      late: list.length,
      minutesLate: round(list.reduce((sum, r) => sum + r.minutesLate, 0)),
    }));
  const byId = new Map(results.map((r) => [r.id, r]));
  const last = chain.at(-1);
  const lastDone = last === undefined ? undefined : byId.get(last)?.doneAt;
  return {
    minutesLate,
    counts,
    onTimeShare: due > 0 ? round(counts["on-time"] / due) : null,
    missed: results.filter((r) => r.status === "missed").map((r) => r.id),
    blocked: results.filter((r) => r.status === "blocked").map((r) => r.id),
    byCause: findings
      .filter((f) => f.minutesLost > 0)
      .sort((a, b) => b.minutesLost - a.minutesLost || a.rank - b.rank)
      .map((f) => ({
        finding: f.key,
        kind: f.kind,
        ...(f.group !== undefined ? { group: f.group } : {}),
        minutes: f.minutesLost,
        share: f.share,
      })),
    byGroup: sums(countBy(late, (r) => r.group)).map(({ key, ...rest }) => ({
      group: key,
      ...rest,
    })),
    byPhase: sums(countBy(late, (r) => r.phase)).map(({ key, ...rest }) => ({
      phase: key,
      ...rest,
    })),
    ...(last !== undefined && lastDone !== undefined
      ? {
          criticalPath: {
            chain: [...chain],
            doneAt: lastDone,
            minutesLate: round(
              chain.reduce((sum, id) => sum + (byId.get(id)?.minutesLate ?? 0), 0),
            ),
          },
        }
      : {}),
  };
}

function unannouncedOf(state: Collected["state"]): UnannouncedResult {
  const u = state.unannounced as NonNullable<Collected["state"]["unannounced"]>;
  return {
    seed: u.seed,
    peeks: u.peeks,
    injects: state.plan.injects.map((inject) => {
      const dueAt = state.injects.get(inject.id)?.dueAt ?? inject.atMinutes;
      return {
        inject: inject.id,
        planAt: inject.atMinutes,
        dueAt,
        jitterMinutes: round(dueAt - inject.atMinutes),
      };
    }),
  };
}

function decoysOf(plan: Plan, data: Collected): DecoyResult[] {
  return plan.injects
    .filter((inject) => inject.decoy)
    .map((inject) => {
      const tally = data.decoys.get(inject.id);
      const items = tally?.items ?? [];
      const groups = new Map<string, number>();
      for (const item of items) groups.set(item.group, (groups.get(item.group) ?? 0) + 1);
      const deliveredAt = data.state.injects.get(inject.id)?.deliveredAt;
      return {
        inject: inject.id,
        title: inject.title,
        to: [...inject.to],
        ...(deliveredAt !== undefined ? { deliveredAt } : {}),
        actedOn: tally?.count ?? 0,
        groups: [...groups].map(([group, decisions]) => ({
          group,
          decisions,
          recipient: inject.to.length === 0 || inject.to.includes(group),
        })),
        decisions: items.map(({ seq, t, group, text }) => ({ seq, t, group, text })),
      };
    });
}
