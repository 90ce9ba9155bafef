// The report's words in English (the interface and its Chinese twin: messages.ts, messages-zh.ts).

import type { BlockerKind, DrillEvent } from "../core/events.js";
import type { ConditionStatus } from "../core/plan.js";
import { TERMS } from "../core/terms.js";
import type { ReviewFormat } from "./format.js";
import type { ReviewMessages } from "./messages.js";
import type { Finding, InjectResult, RevisionChange } from "./model.js";
import {
  consequencesText,
  evaluatorStricter,
  eventTextOf,
  factAt,
  handoffsText,
  injectsSent,
  lateIds,
  mainLate,
  originsAndHeld,
  percent,
  quoteFrom,
  quotesFrom,
  ratingsLine,
  turnedAfter,
  type WordsContext,
} from "./wording.js";

const EN = TERMS.en;

const RESOURCE_FIX: Record<BlockerKind, string> = {
  people: "build reserve teams and mutual-aid arrangements, and say when they are called in",
  supplies: "set minimum stocks and an emergency resupply channel, with the time it takes",
  information:
    "fix when, how and in what form the information is passed on, with an acknowledgement",
  authority: "delegate the authority needed on the spot and shorten the approvals",
  equipment: "plan the vehicles, sites and equipment needed, and how they are called up",
  coordination: "name liaisons and fix the hand-off points between the groups",
  other: "go through each blocker and assign who removes it",
};

/** What a blocker of each kind means for the group it held up. */
const HELD_UP: Record<BlockerKind, string> = {
  people: "short of people",
  supplies: "short of supplies",
  information: "waiting for information",
  authority: "waiting for authority or approval",
  equipment: "short of vehicles, sites or equipment",
  coordination: "held up between groups",
  other: "blocked",
};

const CONDITION: Record<ConditionStatus, string> = {
  done: "done",
  "on-time": "on time",
  late: "late",
  missed: "missed",
  blocked: "blocked",
  "not-done": "not done",
};

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
const times = (count: number) => (count === 1 ? "once" : `${count} times`);
const quoted = (texts: readonly string[]) => texts.map((t) => `“${t}”`).join("; ");

function blockerWord(kind: BlockerKind | undefined): string {
  return EN.blockerKind[kind ?? "other"];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What an action's state was at scenario time `t`, as a conditional inject saw it. */

function fact(id: string, t: number, c: WordsContext): string {
  const x = factAt(id, t, c);
  const f = c.f;
  switch (x.kind) {
    case "unknown":
      return `${id} is not in the plan`;
    case "done":
      return `${id} was done at ${f.at(x.doneAt)}`;
    case "done-late":
      return `${id} was done at ${f.at(x.doneAt)}, after its deadline ${f.at(x.deadline)}`;
    case "overdue":
      return `${id} was not done by then; its deadline was ${f.at(x.deadline)}`;
    case "not-done":
      return `${id} was not done by then`;
  }
}

function condition(i: InjectResult): string {
  const cond = i.condition;
  if (!cond) return "";
  return `only if ${cond.expectation} is ${cond.status.map((s) => CONDITION[s]).join(" or ")}`;
}

function handoffs(f: Finding, c: WordsContext): string {
  return handoffsText(
    f,
    c,
    (from, to, fromGroup, toGroup, internal) =>
      internal
        ? `${from} → ${to} (internal sequencing in ${toGroup})`
        : `${from} → ${to} (hand-off from ${fromGroup} to ${toGroup})`,
    ", ",
  );
}

function issue(f: Finding, c: WordsContext): string {
  const fm = c.f;
  const group = f.group ? fm.group(f.group) : "";
  const ids = (list: readonly string[] | undefined) => fm.list(list ?? []);
  const share = `${fm.duration(f.minutesLost)} in all (${percent(f.share)} of the drill's late minutes)`;
  const unmet = [
    f.blocked ? `left ${ids(f.blocked)} blocked, never done` : "",
    f.missed ? `left ${ids(f.missed)} never done` : "",
  ].filter(Boolean);
  switch (f.kind) {
    case "blocker": {
      const parts = [f.late ? `held up ${ids(lateIds(f))} by ${share}` : "", ...unmet].filter(
        Boolean,
      );
      return `${capitalise(blockerWord(f.rootCause.blockerKind))} blockers ${parts.join("; and ")}`;
    }
    case "own-delay": {
      const { origins, held } = originsAndHeld(f, c);
      const own = origins
        .map((id) => `${fm.expectation(id)} (${fm.duration(c.expectation(id)?.delay?.own ?? 0)})`)
        .join(", ");
      return `${group} was late on its own with ${own}${held.length > 0 ? `, and held up ${ids(held)}` : ""}: ${share}`;
    }
    case "overload":
      return `${group} held up to ${f.peakOpen ?? 0} open actions against its capacity of ${f.capacity ?? 0} (${fm.duration(f.minutesOverCapacity ?? 0)} over capacity); ${ids(lateIds(f))} ${lateIds(f).length === 1 ? "was" : "were"} late by ${share} in that time`;
    case "critical-missed":
    case "expectation-missed": {
      const id = f.rootCause.expectation ?? "";
      const e = c.expectation(id);
      const what = f.kind === "critical-missed" ? "The critical action" : "The action";
      return `${what} ${fm.expectation(id)} (${group}) was never done${e?.status === "blocked" ? "; it was left blocked" : ""}; it was due at ${fm.at(e?.deadline ?? 0)}`;
    }
    case "group-silent": {
      const sent = injectsSent(f.group ?? "", c);
      return `${group} logged no decision, though it was sent ${fm.list(sent)}${unmet.length > 0 ? `; ${unmet.join("; ")}` : ""}`;
    }
    case "inject-unanswered": {
      const id = f.rootCause.inject ?? "";
      const i = c.inject(id);
      return `No group answered inject ${fm.inject(id)} (to ${fm.list((i?.to ?? []).map(fm.group))}, at ${fm.at(i?.deliveredAt ?? 0)})${unmet.length > 0 ? `; it ${unmet.join("; ")}` : ""}`;
    }
    case "improvised":
      return `${group} took ${plural(f.count ?? 0, "action")} the plan does not have: ${quoted(quotesFrom(f, "improvised"))}`;
    case "role-confusion":
      return `${group} answered inject ${fm.inject(f.rootCause.inject ?? "")} ${times(f.count ?? 0)}, though it was addressed to ${fm.list((f.addressedTo ?? []).map(fm.group))}`;
    case "observation": {
      const about = f.group
        ? ` about ${group}`
        : f.rootCause.objective
          ? ` about ${fm.objective(f.rootCause.objective)}`
          : "";
      return `An evaluator noted${about}: ${quoted(quotesFrom(f, "observation"))}`;
    }
  }
}

function rootCause(f: Finding, c: WordsContext): string {
  const group = f.group ? c.f.group(f.group) : "";
  const why = quoteFrom(f, "hotwash");
  const note = quoteFrom(f, "observation");
  const passedOn = f.handoffs ? `; the delay passed on along ${handoffs(f, c)}` : "";
  const path = f.criticalPath ? "; it held up the critical path" : "";
  const contingency = f.contingencies
    ? `; it made the contingency ${c.f.list(f.contingencies.map(c.f.inject))} necessary`
    : "";
  const said = why ? `; the hot wash gave the cause: “${why}”` : "";
  const noted = note ? `; an evaluator noted: “${note}”` : "";
  switch (f.kind) {
    case "blocker": {
      const blockers = quotesFrom(f, "blocker").slice(0, 2);
      const workaround = quoteFrom(f, "improvised");
      return `${capitalise(HELD_UP[f.rootCause.blockerKind ?? "other"])}${blockers.length > 0 ? `: ${quoted(blockers)}` : ""}${workaround ? `; worked around by “${workaround}”` : ""}${passedOn}${path}${contingency}${said}`;
    }
    case "own-delay":
      return `${group}'s own pace: not waiting for others and not blocked${why ? said : "; nobody recorded why"}${noted}${passedOn}${path}${contingency}`;
    case "overload":
      return `More work than ${group} could hold: its own delay fell while it held ${f.peakOpen ?? 0} actions at once against a capacity of ${f.capacity ?? 0}${said}`;
    case "critical-missed":
    case "expectation-missed": {
      const last = quoteFrom(f, "decision");
      return last
        ? `No decision met it; the last one said: “${last}”${noted}`
        : `No decision was logged on it${noted}`;
    }
    case "group-silent":
      return `${group} took no part or did not report: nothing was logged for it`;
    case "inject-unanswered":
      return "The inject reached its groups, but none took it up";
    case "improvised":
      return "The plan has no expected action for what the group did: a step or a resource it lacks";
    case "role-confusion":
      return `The plan addresses the inject to ${c.f.list((f.addressedTo ?? []).map(c.f.group))}, but ${group} acted on it`;
    case "observation":
      return "Seen by an evaluator; no time or outcome in the log shows it";
  }
}

function consequences(f: Finding, c: WordsContext): string {
  return consequencesText(f, c, {
    late: (id, minutes) => `${id} +${minutes}`,
    neverDone: (ids) => `never done: ${ids}`,
    leftBlocked: (ids) => `left blocked: ${ids}`,
    criticalPath: "on the critical path",
    setOff: (injects) => `set off ${injects}`,
    setRating: (id, rating) => `set ${id} to ${rating}`,
    listSeparator: ", ",
    partSeparator: "; ",
  });
}

function recommendation(f: Finding, c: WordsContext): string {
  const fm = c.f;
  const group = f.group ? fm.group(f.group) : "";
  const why = quoteFrom(f, "hotwash");
  const note = quoteFrom(f, "observation");
  switch (f.kind) {
    case "blocker": {
      const kind = f.rootCause.blockerKind ?? "other";
      const workaround = quoteFrom(f, "improvised");
      const gap = quoteFrom(f, "blocker");
      const lead = workaround
        ? `Make the workaround “${workaround}” a standing arrangement in the plan`
        : gap
          ? `Close the gap named in “${gap}”`
          : `Find out what blocked ${fm.list([...(f.blocked ?? []), ...lateIds(f)])}`;
      return `${lead}: ${RESOURCE_FIX[kind]}${why ? `; and remove the cause given in the hot wash: “${why}”` : ""}.`;
    }
    case "own-delay": {
      const main = mainLate(f, c);
      const action = main ? fm.expectationAction(main.id) : "";
      const decision = quoteFrom(f, "decision");
      if (why)
        return `Remove the cause ${group} gave for the delay of “${action}”: “${why}”${note ? ` (the evaluator's note agrees: “${note}”)` : ""}; then check its time target in the next drill.`;
      if (note)
        return `Act on the evaluator's note on “${action}”: “${note}”; then check its time target in the next drill.`;
      if (decision)
        return `Find out why “${action}” stalled at “${decision}” and fix that step before the next drill.`;
      return `Nobody recorded why “${action}” ran ${fm.duration(main?.minutesLate ?? 0)} late: ask ${group} at the review meeting and record the cause before changing the procedure or its ${fm.duration(main?.targetMinutes ?? 0)} target.`;
    }
    case "overload":
      return `Give ${group} a reserve team, or move some of its tasks to other groups: it held ${f.peakOpen ?? 0} actions at once against a capacity of ${f.capacity ?? 0}, for ${fm.duration(f.minutesOverCapacity ?? 0)} in all${why ? `; the group said: “${why}”` : ""}.`;
    case "critical-missed":
    case "expectation-missed": {
      const action = fm.expectationAction(f.rootCause.expectation ?? "");
      const last = quoteFrom(f, "decision");
      if (f.kind === "critical-missed")
        return last
          ? `Make “${action}” a must-do for ${group}: name who removes what stopped it (“${last}”), set a fallback, and test it on its own in the next drill.`
          : `No decision explains why “${action}” was never done: ask ${group}, then name an owner and a fallback, and test it on its own in the next drill.`;
      return last
        ? `Find out why ${group} did not finish “${action}” (its last decision: “${last}”); add the missing step or resource, or revise the requirement.`
        : `Nothing was logged on “${action}”: ask ${group} why, then add the missing step or resource, or revise the requirement.`;
    }
    case "group-silent":
      return `${group} logged nothing after ${fm.list(injectsSent(f.group ?? "", c))}: check that injects reach it and how it reports (a named liaison and channel), and ask it at the review meeting what it did.`;
    case "inject-unanswered": {
      const i = c.inject(f.rootCause.inject ?? "");
      return `Say in the plan who answers “${fm.injectTitle(f.rootCause.inject ?? "")}” and how fast, and check that the message reaches ${fm.list((i?.to ?? []).map(fm.group))}.`;
    }
    case "improvised":
      return `Write into the plan, as expected actions of ${group} with an owner and a time target: ${quoted(quotesFrom(f, "improvised"))}.`;
    case "role-confusion":
      return `Settle who does what for “${fm.injectTitle(f.rootCause.inject ?? "")}” between ${group} and ${fm.list((f.addressedTo ?? []).map(fm.group))}: ${group} acted on it ${times(f.count ?? 0)} without being addressed.`;
    case "observation":
      return `Act on the evaluator's note ${quoted(quotesFrom(f, "observation"))}, and check the change in the next drill.`;
  }
}

const REVISION: Record<RevisionChange, string> = {
  "add-resource": "add a resource",
  "standby-team": "standby team",
  "raise-capacity": "capacity or reinforcement",
  "define-handoff": "define the hand-off",
  "delegate-authority": "delegate authority",
  fallback: "owner and fallback",
  "review-target": "review the target",
  "add-step": "add a step",
  reporting: "reporting channel",
  "assign-owner": "who answers",
  "clarify-roles": "clarify roles",
};

function revision(
  rev: Parameters<ReviewMessages["revision"]>[0],
  f: Finding,
  c: WordsContext,
): string {
  const fm = c.f;
  const basis = rev.basis ? ` (“${rev.basis}”)` : "";
  const id = rev.target.id;
  switch (rev.change) {
    case "add-resource":
      return `For ${fm.expectation(id)}, write the ${blockerWord(f.rootCause.blockerKind)} it lacked into the plan${basis}: how much is held, where, and how it is called up within the target.`;
    case "standby-team":
      return `Give ${fm.group(id)} a standby team and write when it is called in${basis}.`;
    case "raise-capacity":
      return `Raise ${fm.group(id)}'s capacity (now ${f.capacity ?? 0}) or name who reinforces it beyond that${basis}.`;
    case "define-handoff":
      return `For ${fm.expectation(id)}, fix the hand-off it depends on: channel, format, time and acknowledgement${basis}.`;
    case "delegate-authority":
      return `Write the authority ${fm.group(id)} holds on the spot${basis}.`;
    case "fallback":
      return `Name an owner and a fallback for ${fm.expectation(id)}${basis}.`;
    case "review-target": {
      const e = c.expectation(id);
      return `Confirm or change the target of ${fm.expectation(id)} (${fm.duration(e?.targetMinutes ?? 0)}; it took ${fm.duration(e?.latencyMinutes ?? 0)})${basis}.`;
    }
    case "add-step":
      return `Add to the expected actions of ${fm.group(id)}, with a time target: ${quoted(quotesFrom(f, "improvised"))}.`;
    case "reporting":
      return `Name the liaison and reporting channel of ${fm.group(id)}, and check that injects reach it.`;
    case "assign-owner":
      return `Say in ${fm.inject(id)} which group answers it, with an expected action and a target.`;
    case "clarify-roles":
      return `Address ${fm.inject(id)} to the groups that act on it, or move the task (${fm.group(f.group ?? "")} acted on it).`;
  }
}

function eventText(event: DrillEvent, f: ReviewFormat): string {
  return eventTextOf(event, f, {
    blocker: (text, kind, blocker) => `${text} — blocker (${EN.blockerKind[kind]}): ${blocker}`,
    hotwash: (well, less, why) => `went well: ${well} — went less well: ${less} — why: ${why}`,
    note: (title, note) => `${title} — ${note}`,
  });
}

function event(event: DrillEvent, f: ReviewFormat): string {
  switch (event.type) {
    case "drill-started":
      return `drill started (×${event.speed})`;
    case "drill-resumed":
      return "drill resumed";
    case "inject-delivered":
      return `inject ${event.inject} delivered${event.early ? " early" : ""}`;
    case "inject-skipped":
      return `inject ${event.inject} skipped`;
    case "decision":
      return `${event.expectation ?? (event.inject ? `${event.inject}, ${EN.improvised}` : EN.improvised)}: ${EN.decisionStatus[event.status]}`;
    case "note":
      return `${EN.observationKind[event.kind]}${event.objective ? ` ${event.objective}` : ""}${event.rating ? ` rated ${event.rating}` : ""}`;
    case "clock-paused":
      return "clock paused";
    case "clock-resumed":
      return "clock resumed";
    case "clock-speed":
      return `clock speed ×${event.speed}`;
    case "clock-jumped":
      return `clock jumped from ${f.at(event.from)}`;
    case "hotwash":
      return "hot wash";
    case "correction":
      return `correction of #${event.amends}`;
    case "unannounced":
      return `unannounced (seed ${event.seed})`;
    case "peek":
      return `facilitator looked ahead${event.inject ? ` (${event.inject})` : ""}`;
    case "drill-ended":
      return "drill ended";
  }
}

export const en: ReviewMessages = {
  title: (title) => `After-action report: ${title}`,
  cover: {
    kind: "After-Action Report / Improvement Plan",
    organiser: "Organiser",
    date: "Date of the drill",
    version: "Plan version",
    tool: "Written by",
    contents: "Contents",
    fonts:
      "Body text is set in Calibri, with SimSun (宋体) for Chinese, falling back to Source Han Serif SC and Noto Serif CJK SC; charts use Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, SimSun.",
    page: "Page {page}",
  },
  heading: {
    summary: "Executive summary",
    overview: "Exercise overview",
    objectives: "Analysis by objective and capability",
    ratingsChart: "Ratings by objective",
    strengths: "Strengths of the groups",
    otherFindings: "Findings not tied to an objective",
    conduct: "Conduct of the drill",
    issues: "Issues and improvement plan",
    problems: "Issues, ranked",
    rectification: "Improvement plan",
    responsibility: "Responsibilities",
    revisions: "Plan revision proposals",
    timeline: "Timeline",
    injects: "Injects",
    gantt: "Expected actions over time",
    expectations: "Expected actions",
    context: "Late minutes by group and by phase",
    notes: "Appendix: evaluator notes and hot wash",
    hotwash: "Hot wash",
    unmatched: "Appendix: events the plan does not know",
    appendix: "Appendix: decision log",
  },
  column: {
    seq: "Seq",
    time: "Time",
    group: "Group",
    event: "Event",
    text: "Text",
    item: "Item",
    value: "Value",
    lead: "Lead",
    members: "Members",
    capacity: "Capacity",
    decisions: "Decisions",
    objective: "Objective",
    capability: "Capability",
    rating: "Rating",
    why: "Why",
    evaluator: "Evaluator",
    rank: "Rank",
    issue: "Issue",
    cause: "Root cause",
    minutesLost: "Late minutes",
    consequences: "Consequences",
    priority: "Priority",
    evidence: "Evidence",
    number: "No.",
    recommendation: "Corrective action",
    poete: "POETE",
    owner: "Responsible group",
    poc: "Point of contact",
    start: "Start",
    due: "Due",
    status: "Status",
    items: "Items",
    part: "What to change",
    change: "Change",
    proposal: "Proposal",
    finding: "Issue no.",
    inject: "Inject",
    phase: "Phase",
    title: "Title",
    to: "To",
    expectation: "Expectation",
    action: "Action",
    delivered: "Delivered",
    done: "Done",
    latency: "Took",
    target: "Target",
    minutesLate: "Late",
    delay: "Where the late minutes came from",
    lateCount: "Late actions",
    wentWell: "Went well",
    wentLessWell: "Went less well",
    ids: "Unknown ids",
  },
  executive: {
    drill: (c) => {
      const d = c.review.drill;
      const f = c.f;
      return `${d.title} was run on ${f.date(d.startedAt)} as a ${d.clock === "virtual" ? "scripted" : "live"} tabletop drill: ${f.duration(d.scenarioMinutes)} of scenario time (${f.at(0)} to ${f.at(d.scenarioMinutes)}), ${plural(d.groups.filter((g) => !g.notInDrill).length, "group")}, ${d.injectsDelivered} injects delivered, ${d.injectsSkipped} skipped, ${d.injectsNotReached} not reached.`;
    },
    results: (c) => {
      const s = c.review.summary;
      const n = s.counts;
      const due = n["on-time"] + n.late + n.missed + n.blocked;
      const f = c.f;
      const parts = [
        `Of ${plural(due, "expected action")} that fell due, ${n["on-time"]} ${n["on-time"] === 1 ? "was" : "were"} done on time (${s.onTimeShare === null ? "–" : percent(s.onTimeShare)})`,
        `${n.late} late, ${f.duration(s.minutesLate)} in all`,
        `${s.missed.length} never done${s.missed.length > 0 ? ` (${f.list(s.missed)})` : ""}`,
        `${s.blocked.length} left blocked${s.blocked.length > 0 ? ` (${f.list(s.blocked)})` : ""}`,
      ];
      const open =
        n.open > 0
          ? ` ${plural(n.open, "action")} still within its time when the drill ended.`
          : "";
      return `${parts.join("; ")}.${open}`;
    },
    partial: (c) => {
      const d = c.review.drill;
      return d.ended
        ? `The drill ended at ${c.f.at(d.scenarioMinutes)} before ${plural(d.injectsNotReached, "inject")} of the plan (which runs to ${c.f.at(d.planMinutes)}) were reached: what follows covers only what was played.`
        : `The drill was not ended: the log stops at ${c.f.at(d.scenarioMinutes)} (the plan runs to ${c.f.at(d.planMinutes)}), so what follows covers only what was played.`;
    },
    causes: (c) => {
      const s = c.review.summary;
      if (s.byCause.length === 0) return "No action was late.";
      return `Where the late minutes came from: ${s.byCause.map((cause) => `${en.issues.causeLabel(cause, c)} ${c.f.duration(cause.minutes)} (${percent(cause.share)})`).join(", ")}.`;
    },
    ratings: (c) =>
      `Ratings: ${ratingsLine(c.review, (r) => ` (evaluator ${r})`) || "no objectives"}.`,
    strengthsHeading: "Strengths",
    noStrengths: "No strength was recorded.",
    issuesHeading: "Areas for improvement, highest ranked first",
  },
  overview: {
    drill: "Drill",
    scenario: "Scenario",
    type: "Type",
    clock: (clock) =>
      clock === "virtual"
        ? "tabletop, scripted on a virtual clock"
        : "tabletop, live on a real clock",
    plan: "Plan",
    planLine: (version, sha, file) =>
      [version, file, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · "),
    rescored: "Scored against",
    rescoredLine: (file, version, sha) =>
      `${[file, version, `sha256 ${sha.slice(0, 12)}`].filter(Boolean).join(" · ")} (a revised plan, not the one in the log)`,
    started: "Started",
    ended: "Ended",
    endedLine: (c) => {
      const d = c.review.drill;
      if (!d.endedAt) return `not ended; the log stops at ${c.f.at(d.scenarioMinutes)}`;
      const why =
        d.endReason === "facilitator"
          ? "ended by the facilitator"
          : d.endReason === "complete"
            ? "every inject played"
            : "end of the script";
      return `${c.f.date(d.endedAt)} (${why})`;
    },
    realDuration: "Real duration",
    scenarioDuration: "Scenario duration",
    scenarioSpan: (c) => {
      const d = c.review.drill;
      return `${c.f.duration(d.scenarioMinutes)} (${c.f.at(0)} to ${c.f.at(d.scenarioMinutes)}); the plan runs to ${c.f.at(d.planMinutes)}`;
    },
    scenarioStart: "Scenario starts",
    evaluators: "Evaluators",
    noEvaluators: "not named in the plan",
    injects: "Injects",
    injectCounts: (d, s, n) => `${d} delivered, ${s} skipped, ${n} not reached`,
    decisions: "Decisions",
    decisionCount: (d, i) => `${d} (${i} ${EN.improvised})`,
    notes: "Evaluator notes",
    groupsHeading: "Participating groups",
    notInDrill: (name) => `${name} (only in the re-scoring plan)`,
  },
  ratingRule: {
    intro:
      "Each objective is rated from its expected actions; the first line that holds, from U up to P, gives the rating:",
    lines: {
      U: `U (${EN.rating.U}): a critical expected action was missed or blocked.`,
      M: `M (${EN.rating.M}): a non-critical one was missed or blocked, or one took more than twice its target.`,
      S: `S (${EN.rating.S}): all were done, some late.`,
      P: `P (${EN.rating.P}): all were done on time.`,
      "-": "- (not exercised): none of its expected actions fell due in the drill.",
    },
    notes:
      "Actions whose inject never fired, that were still within their time when the drill ended, or that only a re-scoring plan has, are not counted.",
  },
  reason: (o, c) => {
    const list = c.f.list(o.basis);
    switch (o.reason) {
      case "all-on-time":
        return "all done on time";
      case "some-late":
        return `all done; late: ${list}`;
      case "missed":
        return `not met: ${list}`;
      case "over-twice":
        return `more than twice the target: ${list}`;
      case "critical-missed":
        return `critical, not met: ${list}`;
      case "not-exercised":
        return "none of its actions fell due";
    }
  },
  evaluatorCell: (o, c) => {
    const e = o.evaluations.at(-1);
    if (!e) return "";
    return `${e.rating} at ${c.f.at(e.t)}${o.disagreement ? ` (differs from ${o.rating})` : ""}`;
  },
  ratingLine: (o, c) =>
    o.rating === "-"
      ? "Not exercised: none of its expected actions fell due in the drill."
      : `Rated ${o.rating} by the rule: ${en.reason(o, c)}.`,
  evaluationLine: (e, c) =>
    `An evaluator rated it ${e.rating} at ${c.f.at(e.t)}${e.group ? ` (${c.f.group(e.group)})` : ""}: “${e.text}”`,
  disagreement: (o, c) => {
    const e = o.evaluations.at(-1);
    if (!e) return "";
    const after = turnedAfter(o, c).map((t) =>
      t.how === "slow"
        ? `${t.expectation} ran past twice its target at ${c.f.at(t.at)}`
        : `${t.expectation} was ${t.how === "missed" ? "missed" : "left blocked"} at its deadline ${c.f.at(t.at)}`,
    );
    const settle = "Settle it in the review meeting and record why.";
    if (after.length > 0)
      return `The evaluator's ${e.rating} was given at ${c.f.at(e.t)}, before ${c.f.list(after)}; the rule, over the whole drill, gives ${o.rating}. ${settle}`;
    return evaluatorStricter(e.rating, o.rating)
      ? `The rule looks only at times and outcomes and gives ${o.rating} (${en.reason(o, c)}); the evaluator saw more and rated ${e.rating}: “${e.text}”. ${settle}`
      : `The evaluator rated ${e.rating} though the rule gives ${o.rating} (${en.reason(o, c)}). ${settle}`;
  },
  objectiveHeading: (o) =>
    `${o.id} ${o.title}${o.capability !== undefined ? ` (capability: ${o.capability})` : ""}`,
  analysis: {
    observation: "Observation",
    cause: "Analysis",
    recommendation: "Recommendation",
    strengths: "Strengths",
    noStrengths: "None recorded.",
    improvements: "Areas for improvement",
    noImprovements: "None found.",
  },
  strength: (s, c) => {
    const quotes = (s.evidence.quotes ?? []).map((q) => q.text);
    if (s.kind === "objective")
      return `${c.f.objective(s.objective ?? "")} performed without challenges: all its expected actions on time`;
    return `${c.f.group(s.group ?? "")}: ${quoted(quotes)}`;
  },
  findingKind: {
    blocker: "blocker",
    "own-delay": "own delay",
    overload: "over capacity",
    "critical-missed": "critical action not done",
    "expectation-missed": "action not done",
    "inject-unanswered": "inject unanswered",
    "group-silent": "silent group",
    improvised: "action the plan lacks",
    "role-confusion": "role confusion",
    observation: "evaluator's note",
  },
  issue,
  rootCause,
  consequences,
  recommendation,
  drillMode: {
    unannouncedHeading: "Unannounced drill",
    unannouncedType: (seed) => `, unannounced (不打招呼, seed ${seed})`,
    unannounced: (u, c) =>
      `The drill was unannounced (不打招呼): each inject's time was moved within its window (seed ${u.seed}) and the groups could not see what came next. ${
        u.peeks === 0
          ? "The facilitator never looked ahead."
          : `The facilitator looked ahead ${u.peeks === 1 ? "once" : `${u.peeks} times`} (logged).`
      }${c.review.drill.clock === "virtual" ? " A scripted run: its answers moved with the injects they answer." : ""}`,
    jitterCell: (m) => (m === 0 ? "±0" : m > 0 ? `+${m} min` : `−${-m} min`),
    planAt: "Plan time",
    dueAt: "Real time",
    jitter: "Moved",
    decoysHeading: "Decoys",
    decoyIgnored: (d, c) =>
      `${c.f.inject(d.inject)} “${d.title}” was a decoy; no group acted on it.`,
    decoyActedOn: (d, c) =>
      `${c.f.inject(d.inject)} “${d.title}” was a decoy, and ${plural(d.actedOn, "decision")} acted on it: ${c.f.list(
        d.groups.map(
          (g) => `${c.f.group(g.group)} (${g.decisions}${g.recipient ? "" : ", not sent it"})`,
        ),
      )}. Telling noise from a real signal is part of the test; these are not counted as improvised actions.`,
    decoyNotDelivered: (d, c) =>
      `${c.f.inject(d.inject)} “${d.title}” was a decoy and was not delivered.`,
    capabilitiesHeading: "Analysis by capability",
    capabilityRule:
      "Objectives that exercise the same capability, taken together. A capability is rated as its worst exercised objective (U, then M, S, P); “-” when none was exercised.",
    capabilityObjectives: "Objectives",
    capabilityActions: "Actions",
    capabilityFindings: "Findings",
    outcomeCounts: (counts) =>
      (Object.entries(counts) as [keyof typeof EN.outcome, number][])
        .map(([o, n]) => `${n} ${EN.outcome[o]}`)
        .join(", "),
  },
  conduct: {
    courseHeading: "How the drill ran",
    asPlanned:
      "The injects ran as planned: none delivered early, none skipped by the facilitator, no contingency set off, and the clock left alone.",
    early: (i, c) =>
      `${c.f.inject(i.id)} was delivered early, at ${c.f.at(i.deliveredAt ?? 0)} instead of ${c.f.at(i.atMinutes)}.`,
    skipped: (i, c) =>
      `${c.f.inject(i.id)} (due ${c.f.at(i.atMinutes)}) was skipped by the facilitator at ${c.f.at(i.skippedAt ?? 0)}${i.skipNote ? `: “${i.skipNote}”` : ""}.`,
    fired: (i, c) =>
      `${c.f.inject(i.id)} (${condition(i)}) was delivered at ${c.f.at(i.deliveredAt ?? 0)}: ${fact(i.condition?.expectation ?? "", i.deliveredAt ?? 0, c)}. A contingency the plan foresaw was needed.`,
    notNeeded: (i, c) =>
      `${c.f.inject(i.id)} (${condition(i)}) was not needed at ${c.f.at(i.skippedAt ?? i.atMinutes)}: ${fact(i.condition?.expectation ?? "", i.skippedAt ?? i.atMinutes, c)}.`,
    pauses: (count, minutes, c) =>
      `The clock was paused ${times(count)}, ${c.f.duration(minutes)} of real time in all.`,
    speed: (count) => `The clock's speed was changed ${times(count)}.`,
    jumps: (count) => `The clock was moved forward ${times(count)}.`,
    resumes: (count) => `The drill was interrupted and resumed ${times(count)}.`,
    correctionsHeading: "Corrections to the log",
    corrected: (r, c) => {
      const what = `${r.entry === "decision" ? "The decision" : "The observation"} #${r.amends} (${c.f.at(r.amendedAt)})`;
      const done =
        r.action === "retract"
          ? "was withdrawn"
          : `was corrected${r.text ? ` to “${r.text}”` : ""}`;
      return `${what} ${done} at ${c.f.at(r.t)}${r.reason ? `: “${r.reason}”` : ""}. The review reads the corrected entry.`;
    },
    untestedHeading: "What the drill could not test",
    allTested: "Every inject was played and every expected action fell due.",
    untested: {
      notReached: (names) => `Injects not reached: ${names}.`,
      notYetDue: (inject, before, shortest) =>
        `${inject} was delivered ${before} before the end, inside its shortest target (${shortest}): not yet due.`,
      open: (names) => `Still within their time when the drill ended: ${names}.`,
      notInDrill: (names) => `Only in the re-scoring plan, so not in this drill: ${names}.`,
      idle: (names) => `Objectives not exercised: ${names}.`,
      unanswered: (names) =>
        `Delivered with no expected action, and answered by no group: ${names}.`,
    },
  },
  issues: {
    total: (c) => {
      const s = c.review.summary;
      const unmet = [...s.missed, ...s.blocked];
      const late =
        s.minutesLate > 0
          ? `The drill's actions were ${c.f.duration(s.minutesLate)} late in all; each late minute is counted once, against the cause where it began.`
          : "No action was late.";
      return unmet.length > 0
        ? `${late} ${plural(unmet.length, "action")} ${unmet.length === 1 ? "was" : "were"} never done (${c.f.list(unmet)}): counted, not timed.`
        : late;
    },
    rankingRule:
      "Ranking: findings behind an objective rated U first, then those that left a critical action missed or blocked, then those behind an objective rated M, then by the late minutes attributed to them. High priority: the first two, and any cause of a quarter or more of the late minutes.",
    chartTitle: "Late minutes by root cause",
    chartUnit: "minutes",
    causeLabel: (cause, c) => {
      const group = cause.group ? c.f.group(cause.group) : "";
      switch (cause.kind) {
        case "own-delay":
          return `${group}'s own delay`;
        case "overload":
          return `${group} over capacity`;
        default: {
          const kind = cause.finding.startsWith("blocker:")
            ? (cause.finding.slice(8) as BlockerKind)
            : "other";
          return `${blockerWord(kind)} blockers`;
        }
      }
    },
    minutesCell: (f, c) => `${c.f.duration(f.minutesLost)} (${percent(f.share)})`,
    rectificationIntro:
      "One row per finding, in rank order. POETE: the element of capability the action builds (plan, organisation, equipment, training, exercise). Fill in the start and due dates and track each row to closure.",
  },
  responsibilityList: false,
  priority: { high: "high", medium: "medium", low: "low" },
  poete: {
    plan: "plan",
    organisation: "organisation",
    equipment: "equipment",
    training: "training",
    exercise: "exercise",
  },
  itemStatus: { open: "open" },
  revisionsIntro:
    "What to change in the plan, from the findings: which inject, expected action or group, and how.",
  revisionTarget: (target, c) => {
    switch (target.kind) {
      case "group":
        return `group ${c.f.group(target.id)}`;
      case "expectation":
        return `expected action ${c.f.expectation(target.id)}`;
      case "inject":
        return `inject ${c.f.inject(target.id)}`;
    }
  },
  revisionChange: REVISION,
  revision,
  criticalMark: (id) => `${id} (critical)`,
  critical: "critical",
  outcome: EN.outcome,
  injectStatus: (i: InjectResult) => {
    const base =
      i.status === "delivered"
        ? i.early
          ? "delivered early"
          : "delivered"
        : i.status === "skipped"
          ? i.skipReason === "condition"
            ? "skipped (its condition did not hold)"
            : "skipped by the facilitator"
          : "not reached";
    return i.notYetDue ? `${base}, not yet due at the end` : base;
  },
  phase: (phase) => `${phase} phase`,
  delay: {
    waited: (expectation, group, minutes) => `waited for ${expectation} (${group}) ${minutes}`,
    blocked: (kind, minutes) => `blocked (${EN.blockerKind[kind]}) ${minutes}`,
    own: (minutes) => `own ${minutes}`,
    neverDone: (rank, kind) => `never done: issue ${rank} (${en.findingKind[kind]})`,
  },
  delayNote:
    "Late minutes are split once: waiting for upstream actions beyond their deadlines (named where the delay began), blocked, and the group's own delay; the three add up to the minutes late.",
  ganttNote:
    "One bar per expected action, from delivery to done (or to the end of the drill); late and never-done ones are highlighted, ones still within their time at the end are drawn as in progress.",
  contextNote:
    "Context, not findings: each group's and each phase's late actions and their minutes. A minute here may have begun in another group; the findings count it once, where it began.",
  noteHeading: {
    strength: "Strengths",
    improvement: "Areas for improvement",
    neutral: "Other observations",
  },
  noteLine: (o, c) => {
    const lead = [
      c.f.at(o.t),
      o.group === undefined ? undefined : c.f.group(o.group),
      o.objective ? `${o.objective}${o.rating ? ` rated ${o.rating}` : ""}` : undefined,
    ]
      .filter(Boolean)
      .join(" · ");
    return `${lead}: ${o.text}`;
  },
  event,
  eventText,
  sites: {
    heading: "By site",
    intro:
      "How the groups at each venue (the main venue and the sub-venues) answered their injects.",
    columns: ["Site", "Groups", "Actions reached", "On time", "Late", "Missed", "Late minutes"],
    whoWasLate: "Who was late where",
    lateLine: (site, action, group, minutes) => `${site}: ${action} (${group}), ${minutes} late`,
    handoffs: "Hand-offs between sites",
    handoffLine: (action, group, site, waitedOn, from, wait, past) =>
      `${action} (${group}, ${site}) waited ${wait} on ${waitedOn} at ${from}${past ? `, ${past} of it past that action's deadline` : ""}`,
    noHandoffs: "No action waited on one at another site.",
  },
  unmatchedLine: (count, shown) =>
    `${count === 1 ? "1 event names" : `${count} events name`} ids that the plan used for scoring does not have; they are left out of the analysis${count > shown ? ` (the first ${shown} are listed)` : ""}.`,
  appendixIntro: (events) => `Every event of the log, in order (${events} in all).`,
  wordAppendixShortened: (total, shown) =>
    `The table has ${total} rows, of which this Word document lists the first ${shown}; all of them are in the markdown or web version of the review of the same log.`,
  reportWritten: (path) => `Report written to ${path}`,
  noneFound: "None found.",
  noNotes: "No notes were logged.",
  colon: ": ",
  partSeparator: "; ",
  listSeparator: ", ",
};
