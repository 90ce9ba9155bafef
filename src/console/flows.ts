// The prompts behind each menu action. Each flow asks its questions and returns the event
// to log (or nothing when the facilitator backs out); the console logs it before the
// screen moves on. Flows never write the log themselves, so they are tested on their own.

import { confirm, input, select } from "@inquirer/prompts";
import { inferBlockerKind } from "../core/blockers.js";
import {
  type DrillState,
  groupBoards,
  nextPendingInject,
  type OpenExpectation,
} from "../core/engine.js";
import {
  BLOCKER_KINDS,
  type Blocker,
  DECISION_STATUSES,
  type NewEvent,
  type ObservationKind,
  type Rating,
} from "../core/events.js";
import type { Inject } from "../core/plan.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { statusText } from "./board.js";
import type { PromptTheme } from "./colour.js";
import type { ConsoleMessages } from "./messages.js";
import { displayWidth, oneLine, padEnd, truncate } from "./text.js";

/** What every prompt of a flow gets: its streams and the signal that cancels it. */
export interface PromptContext {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  signal?: AbortSignal;
  clearPromptOnDone?: boolean;
}

export interface FlowContext {
  state: DrillState;
  /** Scenario minutes now: the time a logged event gets. */
  now: () => number;
  words: ConsoleMessages;
  theme: PromptTheme;
  prompt: PromptContext;
  /** Terminal columns, for cutting long plan text in the choices. */
  width: number;
}

/** Something to tell the facilitator instead of logging (the drill moved on meanwhile). */
export interface Notice {
  notice: string;
}

export type FlowResult = NewEvent | Notice | undefined;

export function isNotice(result: FlowResult): result is Notice {
  return result !== undefined && "notice" in result;
}

const BACK = "\u0000back";
const IMPROVISED = "\u0000improvised";
const NONE = "\u0000none";

/** Group → open expectation or improvised → status → text → blocker if blocked. */
export async function decisionFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words, theme, prompt } = fc;
  const group = await chooseGroup(fc, words.chooseGroup, true);
  if (group === undefined) return undefined;

  const open = groupBoards(state, fc.now()).find((board) => board.group === group)?.open ?? [];
  let expectation: OpenExpectation | undefined;
  if (open.length > 0) {
    const room = Math.max(10, fc.width - 24);
    const picked = await select(
      {
        message: words.chooseExpectation,
        choices: [
          ...open.map((item) => ({
            value: item.expectation.id,
            name: `${truncate(`${item.expectation.id} ${oneLine(item.expectation.action)}`, room)}  ${statusText(item, words)}`,
          })),
          { value: IMPROVISED, name: words.improvised },
          { value: BACK, name: words.back },
        ],
        theme,
      },
      prompt,
    );
    if (picked === BACK) return undefined;
    expectation = open.find((item) => item.expectation.id === picked);
  }

  const status = await select(
    {
      message: words.chooseStatus,
      choices: DECISION_STATUSES.map((value) => ({ value, name: words.status[value] })),
      default: "done",
      theme,
    },
    prompt,
  );
  const text = await requiredText(
    fc,
    words.decisionText,
    expectation && oneLine(expectation.expectation.action),
  );
  let blocker: Blocker | undefined;
  if (status === "blocked") {
    const blockerText = await requiredText(fc, words.blockerText);
    const kind = await select(
      {
        message: words.blockerKind,
        choices: BLOCKER_KINDS.map((value) => ({ value, name: words.blockerKinds[value] })),
        default: inferBlockerKind(blockerText),
        theme,
      },
      prompt,
    );
    blocker = { kind, text: blockerText };
  }
  return {
    type: "decision",
    t: fc.now(),
    group,
    ...(expectation
      ? { inject: expectation.expectation.inject, expectation: expectation.expectation.id }
      : {}),
    status,
    text,
    ...(blocker ? { blocker } : {}),
  };
}

/** Kind → text → optional link to a group, an inject or an objective (with a rating). */
export async function noteFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words, theme, prompt } = fc;
  const kinds: ObservationKind[] = ["strength", "improvement", "neutral"];
  const kind = await select(
    {
      message: words.noteKind,
      choices: [
        ...kinds.map((value) => ({ value, name: words.noteKinds[value] })),
        { value: BACK, name: words.back },
      ],
      theme,
    },
    prompt,
  );
  if (kind === BACK) return undefined;
  const text = await requiredText(fc, words.noteText);

  const links = (["none", "group", "inject", "objective"] as const).filter(
    (link) => link !== "objective" || state.plan.objectives.length > 0,
  );
  const link = await select(
    {
      message: words.linkTo,
      choices: links.map((value) => ({ value, name: words.link[value] })),
      default: "none",
      theme,
    },
    prompt,
  );
  const linked: { group?: string; inject?: string; objective?: string; rating?: Rating } = {};
  if (link === "group") {
    const group = await chooseGroup(fc, words.chooseGroup, false);
    if (group !== undefined) linked.group = group;
  } else if (link === "inject") {
    linked.inject = await chooseInject(
      fc,
      words.chooseInject,
      [...state.plan.injects],
      latestInject(state),
    );
  } else if (link === "objective") {
    linked.objective = await select(
      {
        message: words.chooseObjective,
        choices: state.plan.objectives.map((objective) => ({
          value: objective.id,
          name: truncate(`${objective.id} ${oneLine(objective.title)}`, Math.max(10, fc.width - 6)),
        })),
        theme,
      },
      prompt,
    );
    const ratings: Rating[] = ["P", "S", "M", "U"];
    const rating = await select<string>(
      {
        message: words.rating,
        choices: [
          { value: NONE, name: words.noRating },
          ...ratings.map((value) => ({ value, name: words.ratings[value] })),
        ],
        theme,
      },
      prompt,
    );
    if (rating !== NONE) linked.rating = rating as Rating;
  }
  return { type: "note", t: fc.now(), kind, text, ...linked };
}

/**
 * The next pending inject, now: either jump the drill clock to its time (nothing in between
 * happens, and it fires on time) or deliver it early with the clock where it is.
 */
export async function deliverFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words, theme, prompt } = fc;
  const next = nextPendingInject(state);
  if (!next) return { notice: words.noInjectLeft };
  const title = oneLine(next.title);
  const at = formatScenarioTime(next.atMinutes);
  const t = fc.now();
  const how = await select<string>(
    {
      message: words.deliverHow(next.id, title, at),
      choices: [
        ...(next.atMinutes > t ? [{ value: "jump", name: words.jumpTo(at) }] : []),
        { value: "now", name: words.deliverNow },
        { value: BACK, name: words.back },
      ],
      theme,
    },
    prompt,
  );
  if (how === BACK) return undefined;
  // The inject's own time may have come while the facilitator read the question.
  if (state.injects.get(next.id)?.status !== "pending")
    return { notice: words.injectGone(next.id) };
  const now = Math.max(t, fc.now());
  if (how === "jump" && next.atMinutes > now)
    return { type: "clock-jumped", t: next.atMinutes, from: now };
  return {
    type: "inject-delivered",
    t: now,
    inject: next.id,
    ...(next.atMinutes > now ? { early: true } : {}),
  };
}

/** Picks a pending inject (the next one first) and an optional reason. */
export async function skipFlow(fc: FlowContext): Promise<FlowResult> {
  const { state, words } = fc;
  const pending = state.plan.injects.filter(
    (inject) => state.injects.get(inject.id)?.status === "pending",
  );
  if (pending.length === 0) return { notice: words.noInjectLeft };
  const id = await chooseInject(fc, words.chooseSkip, pending, pending[0]?.id, true);
  if (id === undefined) return undefined;
  const note = (await input({ message: words.skipNote, theme: fc.theme }, fc.prompt)).trim();
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
  const answer = await input(
    {
      message: words.speedPrompt(current),
      default: String(current),
      validate: (text) => {
        const n = Number(text.trim());
        return (Number.isFinite(n) && n > 0) || words.speedInvalid;
      },
      theme: fc.theme,
    },
    fc.prompt,
  );
  const speed = Number(answer.trim());
  if (speed === current) return undefined;
  return { type: "clock-speed", t: fc.now(), speed };
}

/** Asks before ending; "complete" when every inject has been played and every deadline passed. */
export async function endFlow(fc: FlowContext, complete: boolean, ask = true): Promise<FlowResult> {
  if (ask) {
    const sure = await confirm(
      { message: fc.words.confirmEnd, default: false, theme: fc.theme },
      fc.prompt,
    );
    if (!sure) return undefined;
  }
  return { type: "drill-ended", t: fc.now(), reason: complete ? "complete" : "facilitator" };
}

export type InterruptChoice = "pause" | "end" | "continue";

/** After a first Ctrl-C: pause the clock, end the drill, or carry on. */
export async function interruptFlow(fc: FlowContext): Promise<InterruptChoice> {
  const { words } = fc;
  const choices: InterruptChoice[] = fc.state.clock.running
    ? ["pause", "end", "continue"]
    : ["end", "continue"];
  return select(
    {
      message: words.interruptMessage,
      choices: choices.map((value) => ({ value, name: words.offer[value] })),
      theme: fc.theme,
    },
    fc.prompt,
  );
}

/** Whether to hold the hot wash now. */
export async function hotwashWanted(fc: FlowContext): Promise<boolean> {
  return confirm({ message: fc.words.askHotwash, default: true, theme: fc.theme }, fc.prompt);
}

/** One group's hot wash (the WHO after-action review questions), or undefined to finish. */
export async function hotwashFlow(
  fc: FlowContext,
  answered: ReadonlySet<string>,
): Promise<FlowResult> {
  const { state, words, theme, prompt } = fc;
  const next = state.plan.groups.find((group) => !answered.has(group.id));
  const group = await select<string>(
    {
      message: words.chooseHotwashGroup,
      choices: [
        ...state.plan.groups.map((g) => ({
          value: g.id,
          name: `${answered.has(g.id) ? "✔" : " "} ${oneLine(g.name)}`,
        })),
        { value: NONE, name: words.finishHotwash },
      ],
      default: next?.id ?? NONE,
      theme,
    },
    prompt,
  );
  if (group === NONE) return undefined;
  const name = oneLine(state.plan.groups.find((g) => g.id === group)?.name ?? group);
  const wentWell = await requiredText(fc, words.wentWell(name));
  const wentLessWell = await requiredText(fc, words.wentLessWell(name));
  const why = await requiredText(fc, words.why(name));
  return { type: "hotwash", t: fc.now(), group, wentWell, wentLessWell, why };
}

async function requiredText(fc: FlowContext, message: string, fallback?: string): Promise<string> {
  const answer = await input(
    {
      message,
      ...(fallback ? { default: fallback } : {}),
      validate: (text) => text.trim() !== "" || fc.words.required,
      theme: fc.theme,
    },
    fc.prompt,
  );
  return answer.trim();
}

/** Groups with their open and overdue counts; `withBack` adds a way out. */
async function chooseGroup(
  fc: FlowContext,
  message: string,
  withBack: boolean,
): Promise<string | undefined> {
  const { state, words } = fc;
  const boards = new Map(groupBoards(state, fc.now()).map((board) => [board.group, board]));
  const nameWidth = Math.max(
    0,
    ...state.plan.groups.map((group) => displayWidth(oneLine(group.name))),
  );
  const picked = await select<string>(
    {
      message,
      choices: [
        ...state.plan.groups.map((group) => {
          const board = boards.get(group.id);
          const summary = words.groupSummary(board?.open.length ?? 0, board?.overdue ?? 0);
          return { value: group.id, name: `${padEnd(oneLine(group.name), nameWidth)}  ${summary}` };
        }),
        ...(withBack ? [{ value: BACK, name: words.back }] : []),
      ],
      theme: fc.theme,
    },
    fc.prompt,
  );
  return picked === BACK ? undefined : picked;
}

async function chooseInject(
  fc: FlowContext,
  message: string,
  injects: Inject[],
  preselect: string | undefined,
  withBack = false,
): Promise<string | undefined> {
  const room = Math.max(10, fc.width - 8);
  const picked = await select<string>(
    {
      message,
      choices: [
        ...injects.map((inject) => ({
          value: inject.id,
          name: truncate(
            `${inject.id} ${formatScenarioTime(inject.atMinutes)} ${oneLine(inject.title)}`,
            room,
          ),
        })),
        ...(withBack ? [{ value: BACK, name: fc.words.back }] : []),
      ],
      ...(preselect ? { default: preselect } : {}),
      pageSize: 10,
      theme: fc.theme,
    },
    fc.prompt,
  );
  return picked === BACK ? undefined : picked;
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
