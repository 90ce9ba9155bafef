// The questions behind each menu action. Each flow asks its steps through `Ask` and returns
// the event to log (or nothing when the facilitator backs out); the console logs it before
// the screen moves on. Esc in any step goes back to the one before; out of the first, the
// entry is abandoned and nothing is written. Flows never write the log themselves.

import { inferBlockerKind } from "../core/blockers.js";
import { type DrillState, dueAt, groupBoards, nextPendingInject } from "../core/engine.js";
import {
  BLOCKER_KINDS,
  type BlockerKind,
  DECISION_STATUSES,
  type DecisionLogged,
  type DecisionStatus,
  type NewEvent,
  type NoteAdded,
  type ObservationKind,
  type Rating,
} from "../core/events.js";
import type { Inject } from "../core/plan.js";
import { formatScenarioTime, round } from "../core/scenario-time.js";
import { type Ask, BACK } from "./ask.js";
import { statusText } from "./board.js";
import { parseEntryTime } from "./entry-time.js";
import type { ConsoleMessages } from "./messages.js";
import { displayWidth, oneLine, padEnd, truncate } from "./text.js";

export interface FlowContext {
  state: DrillState;
  /** Scenario minutes now: the time a logged event gets. */
  now: () => number;
  words: ConsoleMessages;
  ask: Ask;
  /** Terminal columns, for cutting long plan text in the choices. */
  width: () => number;
  /** A logged decision or observation on one line, as `drill log` shows it (no colour). */
  entryLine: (entry: DecisionLogged | NoteAdded) => string;
}

/** Something to tell the facilitator instead of logging (the drill moved on meanwhile). */
export interface Notice {
  notice: string;
}

export type FlowResult = NewEvent | Notice | undefined;

export function isNotice(result: FlowResult): result is Notice {
  return result !== undefined && "notice" in result;
}

const IMPROVISED = "\u0000improvised";
const NONE = "\u0000none";

/** One question of an entry; `ask` answers false when the facilitator went back. */
interface Step {
  when?: () => boolean;
  ask: () => Promise<boolean>;
}

/**
 * Runs the steps in order. Esc in one goes back to the last step asked before it (steps that
 * do not apply are passed over both ways); false when backed out of the first.
 */
async function runSteps(steps: readonly Step[]): Promise<boolean> {
  const asked: number[] = [];
  for (let i = 0; i < steps.length; ) {
    const step = steps[i];
    if (!step || (step.when && !step.when())) {
      i++;
      continue;
    }
    if (await step.ask()) {
      asked.push(i);
      i++;
      continue;
    }
    const previous = asked.pop();
    if (previous === undefined) return false;
    i = previous;
  }
  return true;
}

/** When the entry was opened, and what it corrects, if it is a correction. */
export interface EntryOptions<Entry> {
  openedAt: number;
  initial?: Entry;
}

/** The time step of an entry: by default when it was opened; never later than now. */
function timeStep(fc: FlowContext, value: { at: number }): Step {
  return {
    ask: async () => {
      const shown = formatScenarioTime(value.at);
      const answer = await fc.ask.text(() => ({
        message: fc.words.whenHappened,
        default: shown,
        validate: (text) => {
          if (text === shown) return true;
          const read = parseEntryTime(text, fc.now());
          return "minutes" in read || fc.words.timeProblem[read.problem];
        },
      }));
      if (answer === BACK) return false;
      if (answer !== shown) {
        const read = parseEntryTime(answer, fc.now());
        if ("minutes" in read) value.at = read.minutes;
      }
      return true;
    },
  };
}

/** `at` when the entry happened measurably before it is logged. */
function happened(at: number, t: number): { at?: number } {
  return round(at) < round(t) ? { at: round(at) } : {};
}

/**
 * Group → open expectation (or improvised) → status → text → blocker if blocked → when it
 * happened. With `initial`, the decision being corrected gives every default.
 */
export async function decisionFlow(
  fc: FlowContext,
  options: EntryOptions<DecisionLogged>,
): Promise<FlowResult> {
  const { state, words, ask } = fc;
  const initial = options.initial;
  let group = initial?.group;
  let expectation = initial?.expectation;
  let status: DecisionStatus = initial?.status ?? "done";
  let text = initial?.text;
  let blockerText = initial?.blocker?.text;
  let blockerKind: BlockerKind | undefined = initial?.blocker?.kind;
  const time = { at: initial ? (initial.at ?? initial.t) : options.openedAt };

  const expectationsOf = (id: string | undefined) => {
    const open = groupBoards(state, fc.now()).find((board) => board.group === id)?.open ?? [];
    const items = open.map((item) => ({ es: item.expectation, status: statusText(item, words) }));
    // A correction may keep the expectation its decision answered, done or not.
    const kept = initial?.expectation && state.expectations.get(initial.expectation);
    if (
      kept &&
      kept.expectation.group === id &&
      !items.some((i) => i.es.id === kept.expectation.id)
    )
      items.unshift({ es: kept.expectation, status: "" });
    return items;
  };
  const actionOf = (id: string | undefined) =>
    id === undefined ? undefined : state.expectations.get(id)?.expectation;

  const done = await runSteps([
    {
      ask: async () => {
        const answer = await chooseGroup(fc, words.chooseGroup, group);
        if (answer === BACK) return false;
        if (answer !== group) expectation = undefined;
        group = answer;
        return true;
      },
    },
    {
      when: () => expectationsOf(group).length > 0,
      ask: async () => {
        const answer = await ask.pick(() => {
          const room = Math.max(10, fc.width() - 24);
          const items = expectationsOf(group);
          return {
            message: words.chooseExpectation,
            choices: [
              ...items.map((item) => ({
                value: item.es.id,
                name: `${truncate(`${item.es.id} ${oneLine(item.es.action)}`, room)}  ${item.status}`.trimEnd(),
              })),
              { value: IMPROVISED, name: words.improvised },
            ],
            default: expectation ?? (initial ? IMPROVISED : items[0]?.es.id),
          };
        });
        if (answer === BACK) return false;
        expectation = answer === IMPROVISED ? undefined : answer;
        return true;
      },
    },
    {
      ask: async () => {
        const answer = await ask.pick(() => ({
          message: words.chooseStatus,
          choices: DECISION_STATUSES.map((value) => ({ value, name: words.status[value] })),
          default: status,
        }));
        if (answer === BACK) return false;
        status = answer;
        return true;
      },
    },
    {
      ask: async () => {
        const planned = actionOf(expectation);
        const answer = await requiredText(
          fc,
          words.decisionText,
          text ?? (planned && oneLine(planned.action)),
        );
        if (answer === BACK) return false;
        text = answer;
        return true;
      },
    },
    {
      when: () => status === "blocked",
      ask: async () => {
        const answer = await requiredText(fc, words.blockerText, blockerText);
        if (answer === BACK) return false;
        blockerText = answer;
        return true;
      },
    },
    {
      when: () => status === "blocked",
      ask: async () => {
        const answer = await ask.pick(() => ({
          message: words.blockerKind,
          choices: BLOCKER_KINDS.map((value) => ({ value, name: words.blockerKinds[value] })),
          default: blockerKind ?? inferBlockerKind(blockerText ?? ""),
        }));
        if (answer === BACK) return false;
        blockerKind = answer;
        return true;
      },
    },
    timeStep(fc, time),
  ]);
  if (!done || group === undefined || text === undefined) return undefined;
  const answered = actionOf(expectation);
  const t = fc.now();
  return {
    type: "decision",
    t,
    ...happened(time.at, t),
    group,
    ...(answered ? { inject: answered.inject, expectation: answered.id } : {}),
    ...(!answered && initial?.inject && !initial.expectation ? { inject: initial.inject } : {}),
    status,
    text,
    ...(status === "blocked" && blockerText
      ? { blocker: { kind: blockerKind ?? inferBlockerKind(blockerText), text: blockerText } }
      : {}),
  };
}

type Link = "group" | "inject" | "objective";

/** Kind → text → links (a group, an inject, an objective with a rating: any of them) → time. */
export async function noteFlow(
  fc: FlowContext,
  options: EntryOptions<NoteAdded>,
): Promise<FlowResult> {
  const { state, words, ask } = fc;
  const initial = options.initial;
  let kind: ObservationKind = initial?.kind ?? "strength";
  let text = initial?.text;
  let links: Link[] = [];
  if (initial?.group) links.push("group");
  if (initial?.inject) links.push("inject");
  if (initial?.objective) links.push("objective");
  let group = initial?.group;
  let inject = initial?.inject;
  let objective = initial?.objective;
  let rating: Rating | undefined = initial?.rating;
  const time = { at: initial ? (initial.at ?? initial.t) : options.openedAt };
  const kinds: ObservationKind[] = ["strength", "improvement", "neutral"];
  const linkKinds: Link[] = [
    "group",
    "inject",
    ...(state.plan.objectives.length ? ["objective" as const] : []),
  ];

  const done = await runSteps([
    {
      ask: async () => {
        const answer = await ask.pick(() => ({
          message: words.noteKind,
          choices: kinds.map((value) => ({ value, name: words.noteKinds[value] })),
          default: kind,
        }));
        if (answer === BACK) return false;
        kind = answer;
        return true;
      },
    },
    {
      ask: async () => {
        const answer = await requiredText(fc, words.noteText, text);
        if (answer === BACK) return false;
        text = answer;
        return true;
      },
    },
    {
      ask: async () => {
        const answer = await ask.pickMany(() => ({
          message: words.linkTo,
          choices: linkKinds.map((value) => ({ value, name: words.link[value] })),
          selected: links,
        }));
        if (answer === BACK) return false;
        links = answer;
        return true;
      },
    },
    {
      when: () => links.includes("group"),
      ask: async () => {
        const answer = await chooseGroup(fc, words.chooseGroup, group);
        if (answer === BACK) return false;
        group = answer;
        return true;
      },
    },
    {
      when: () => links.includes("inject"),
      ask: async () => {
        const answer = await chooseInject(
          fc,
          words.chooseInject,
          () => [...state.plan.injects],
          inject ?? latestInject(state),
        );
        if (answer === BACK) return false;
        inject = answer;
        return true;
      },
    },
    {
      when: () => links.includes("objective"),
      ask: async () => {
        const answer = await ask.pick(() => ({
          message: words.chooseObjective,
          filter: true,
          choices: state.plan.objectives.map((o) => ({
            value: o.id,
            name: truncate(`${o.id} ${oneLine(o.title)}`, Math.max(10, fc.width() - 8)),
          })),
          default: objective ?? state.plan.objectives[0]?.id,
        }));
        if (answer === BACK) return false;
        objective = answer;
        return true;
      },
    },
    {
      when: () => links.includes("objective"),
      ask: async () => {
        const ratings: Rating[] = ["P", "S", "M", "U"];
        const answer = await ask.pick<string>(() => ({
          message: words.rating,
          choices: [
            { value: NONE, name: words.noRating },
            ...ratings.map((value) => ({ value, name: words.ratings[value] })),
          ],
          default: rating ?? NONE,
        }));
        if (answer === BACK) return false;
        rating = answer === NONE ? undefined : (answer as Rating);
        return true;
      },
    },
    timeStep(fc, time),
  ]);
  if (!done || text === undefined) return undefined;
  const t = fc.now();
  const linked = (link: Link) => links.includes(link);
  return {
    type: "note",
    t,
    ...happened(time.at, t),
    kind,
    text,
    ...(linked("group") && group ? { group } : {}),
    ...(linked("inject") && inject ? { inject } : {}),
    ...(linked("objective") && objective ? { objective } : {}),
    ...(linked("objective") && objective && rating ? { rating } : {}),
  };
}

/**
 * A logged decision or observation, corrected: changed (its own entry again, every answer
 * the logged one by default) or retracted, with a reason.
 */
export async function correctionFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words, ask } = fc;
  const entries = [...state.decisions, ...state.notes].sort((a, b) => b.seq - a.seq);
  if (entries.length === 0) return { notice: words.nothingToCorrect };
  let target: DecisionLogged | NoteAdded | undefined;
  let how: "change" | "retract" = "change";
  let result: NewEvent | undefined;
  const done = await runSteps([
    {
      ask: async () => {
        const answer = await ask.pick<string>(() => ({
          message: words.chooseCorrected,
          filter: true,
          choices: entries.map((entry) => ({
            value: String(entry.seq),
            name: truncate(fc.entryLine(entry), Math.max(20, fc.width() - 8)),
          })),
          ...(target ? { default: String(target.seq) } : {}),
        }));
        if (answer === BACK) return false;
        target = entries.find((entry) => String(entry.seq) === answer);
        return true;
      },
    },
    {
      ask: async () => {
        const answer = await ask.pick(() => ({
          message: words.correctHow,
          choices: (["change", "retract"] as const).map((value) => ({
            value,
            name: words.correctOptions[value],
          })),
          default: how,
        }));
        if (answer === BACK) return false;
        how = answer;
        return true;
      },
    },
    {
      ask: async () => {
        if (!target) return false;
        if (how === "retract") {
          const reason = await fc.ask.text(() => ({ message: words.retractReason }));
          if (reason === BACK) return false;
          result = {
            type: "correction",
            t: fc.now(),
            amends: target.seq,
            retract: true,
            ...(reason ? { reason } : {}),
          };
          return true;
        }
        const options = { openedAt: fc.now() };
        const changed =
          target.type === "decision"
            ? await decisionFlow(fc, { ...options, initial: target })
            : await noteFlow(fc, { ...options, initial: target });
        if (changed === undefined || isNotice(changed)) return false;
        result = correctionOf(target.seq, changed);
        return result !== undefined;
      },
    },
  ]);
  return done ? result : undefined;
}

/** The entry a flow returned, as the correction that gives all its fields to `seq`. */
function correctionOf(seq: number, entry: NewEvent): NewEvent | undefined {
  if (entry.type === "decision") {
    const { type: _type, t, at, ref: _ref, wall: _wall, ...fields } = entry;
    return { type: "correction", t, amends: seq, decision: { ...fields, at: at ?? t } };
  }
  if (entry.type === "note") {
    const { type: _type, t, at, ref: _ref, wall: _wall, ...fields } = entry;
    return { type: "correction", t, amends: seq, note: { ...fields, at: at ?? t } };
  }
  return undefined;
}

/**
 * The next pending inject, now: either jump the drill clock to its time (nothing in between
 * happens, and it fires on time) or deliver it early with the clock where it is.
 */
export async function deliverFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words, ask } = fc;
  const next = nextPendingInject(state);
  if (!next) return { notice: words.noInjectLeft };
  const title = oneLine(next.title);
  const due = dueAt(state, next);
  const at = formatScenarioTime(due);
  const how = await ask.pick<string>(() => ({
    message: words.deliverHow(next.id, title, at),
    choices: [
      ...(due > fc.now() ? [{ value: "jump", name: words.jumpTo(at) }] : []),
      { value: "now", name: words.deliverNow },
    ],
  }));
  if (how === BACK) return undefined;
  // The inject's own time may have come while the facilitator read the question.
  if (state.injects.get(next.id)?.status !== "pending")
    return { notice: words.injectGone(next.id) };
  const now = fc.now();
  if (how === "jump" && due > now) return { type: "clock-jumped", t: due, from: now };
  return {
    type: "inject-delivered",
    t: now,
    inject: next.id,
    ...(due > now ? { early: true } : {}),
  };
}

/** Picks a pending inject (the next one first) and an optional reason. */
export async function skipFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words } = fc;
  const pending = () =>
    state.plan.injects.filter((inject) => state.injects.get(inject.id)?.status === "pending");
  if (pending().length === 0) return { notice: words.noInjectLeft };
  let id: string | undefined;
  let note = "";
  const done = await runSteps([
    {
      ask: async () => {
        const answer = await chooseInject(fc, words.chooseSkip, pending, id ?? pending()[0]?.id);
        if (answer === BACK) return false;
        id = answer;
        return true;
      },
    },
    {
      ask: async () => {
        const answer = await fc.ask.text(() => ({ message: words.skipNote }));
        if (answer === BACK) return false;
        note = answer;
        return true;
      },
    },
  ]);
  if (!done || id === undefined) return undefined;
  if (state.injects.get(id)?.status !== "pending") return { notice: words.injectGone(id) };
  return {
    type: "inject-skipped",
    t: fc.now(),
    inject: id,
    reason: "facilitator",
    ...(note ? { note } : {}),
  };
}

/** A new clock speed: scenario minutes per real minute. */
export async function speedFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words } = fc;
  const current = state.clock.speed;
  const answer = await fc.ask.text(() => ({
    message: words.speedPrompt(current),
    default: String(current),
    validate: (text) => {
      const n = Number(text.normalize("NFKC").trim());
      return (Number.isFinite(n) && n > 0) || words.speedInvalid;
    },
  }));
  if (answer === BACK) return undefined;
  const speed = Number(answer.normalize("NFKC").trim());
  if (speed === current) return undefined;
  return { type: "clock-speed", t: fc.now(), speed };
}

/** Asks before ending; "complete" when every inject has been played and every deadline passed. */
export async function endFlow(fc: FlowContext, complete: boolean, ask = true): Promise<FlowResult> {
  if (ask) {
    const sure = await fc.ask.confirm(() => ({ message: fc.words.confirmEnd, default: false }));
    if (sure !== true) return undefined;
  }
  return { type: "drill-ended", t: fc.now(), reason: complete ? "complete" : "facilitator" };
}

/** A delivered inject to show again in full (the latest first), or undefined. */
export async function showInjectFlow(fc: FlowContext): Promise<string | Notice | undefined> {
  const { state, words } = fc;
  const delivered = () =>
    state.plan.injects.filter((inject) => state.injects.get(inject.id)?.status === "delivered");
  if (delivered().length === 0) return { notice: words.noneDelivered };
  const answer = await chooseInject(fc, words.chooseShown, delivered, latestInject(state));
  return answer === BACK ? undefined : answer;
}

export type InterruptChoice = "pause" | "end" | "continue";

/** After a first Ctrl-C: pause the clock, end the drill, or carry on (Esc carries on). */
export async function interruptFlow(fc: FlowContext, running: boolean): Promise<InterruptChoice> {
  const { words } = fc;
  const choices: InterruptChoice[] = running ? ["pause", "end", "continue"] : ["end", "continue"];
  const answer = await fc.ask.pick(() => ({
    message: words.interruptMessage,
    choices: choices.map((value) => ({ value, name: words.offer[value] })),
  }));
  return answer === BACK ? "continue" : answer;
}

/** Whether to hold the hot wash now. */
export async function hotwashWanted(fc: FlowContext): Promise<boolean> {
  return (await fc.ask.confirm(() => ({ message: fc.words.askHotwash, default: true }))) === true;
}

/** One group's hot wash (the WHO after-action review questions), or undefined to finish. */
export async function hotwashFlow(
  fc: FlowContext,
  answered: ReadonlySet<string>,
): Promise<FlowResult> {
  const { state, words, ask } = fc;
  let group: string | undefined;
  const answers = { wentWell: "", wentLessWell: "", why: "" };
  const name = () => oneLine(state.plan.groups.find((g) => g.id === group)?.name ?? group ?? "");
  const question = (key: keyof typeof answers, message: () => string): Step => ({
    ask: async () => {
      const answer = await requiredText(fc, message(), answers[key] || undefined);
      if (answer === BACK) return false;
      answers[key] = answer;
      return true;
    },
  });
  const done = await runSteps([
    {
      ask: async () => {
        const next = state.plan.groups.find((g) => !answered.has(g.id));
        const answer = await ask.pick<string>(() => ({
          message: words.chooseHotwashGroup,
          filter: true,
          choices: [
            ...state.plan.groups.map((g) => ({
              value: g.id,
              name: `${answered.has(g.id) ? "✔" : " "} ${oneLine(g.name)}`,
            })),
            { value: NONE, name: words.finishHotwash },
          ],
          default: group ?? next?.id ?? NONE,
        }));
        if (answer === BACK || answer === NONE) return false;
        group = answer;
        return true;
      },
    },
    question("wentWell", () => words.wentWell(name())),
    question("wentLessWell", () => words.wentLessWell(name())),
    question("why", () => words.why(name())),
  ]);
  if (!done || group === undefined) return undefined;
  return { type: "hotwash", t: fc.now(), group, ...answers };
}

async function requiredText(
  fc: FlowContext,
  message: string,
  fallback?: string,
): Promise<string | typeof BACK> {
  return fc.ask.text(() => ({
    message,
    ...(fallback ? { default: fallback } : {}),
    validate: (text) => text.trim() !== "" || fc.words.required,
  }));
}

/** Every group with its open and overdue counts, reachable by number or by typing its name. */
async function chooseGroup(
  fc: FlowContext,
  message: string,
  current: string | undefined,
): Promise<string | typeof BACK> {
  const { state, words } = fc;
  return fc.ask.pick<string>(() => {
    const boards = new Map(groupBoards(state, fc.now()).map((board) => [board.group, board]));
    const nameWidth = Math.max(
      0,
      ...state.plan.groups.map((group) => displayWidth(oneLine(group.name))),
    );
    return {
      message,
      filter: true,
      choices: state.plan.groups.map((group) => {
        const board = boards.get(group.id);
        const summary = words.groupSummary(board?.open.length ?? 0, board?.overdue ?? 0);
        return { value: group.id, name: `${padEnd(oneLine(group.name), nameWidth)}  ${summary}` };
      }),
      ...(current ? { default: current } : {}),
    };
  });
}

function chooseInject(
  fc: FlowContext,
  message: string,
  injects: () => Inject[],
  preselect: string | undefined,
): Promise<string | typeof BACK> {
  return fc.ask.pick<string>(() => ({
    message,
    filter: true,
    choices: injects().map((inject) => ({
      value: inject.id,
      name: truncate(
        `${inject.id} ${formatScenarioTime(dueAt(fc.state, inject))} ${oneLine(inject.title)}`,
        Math.max(10, fc.width() - 8),
      ),
    })),
    ...(preselect ? { default: preselect } : {}),
  }));
}

/** The inject delivered last: the one an observation most likely concerns. */
function latestInject(state: DrillState): string | undefined {
  let latest: { id: string; at: number } | undefined;
  for (const [id, is] of state.injects) {
    if (is.deliveredAt !== undefined && (!latest || is.deliveredAt >= latest.at))
      latest = { id, at: is.deliveredAt };
  }
  return latest?.id;
}
