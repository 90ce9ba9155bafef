// The status board, as lines of text: the drill clock, the next inject, and per group the
// expected actions still open with their time left. Pure: state, scenario time, real
// elapsed time, language, size and a chalk instance in; strings out.

import type { ChalkInstance } from "chalk";
import {
  type DrillState,
  dueAt,
  groupBoards,
  naturalEnd,
  nextPendingInject,
  type OpenExpectation,
} from "../core/engine.js";
import type { Lang } from "../core/plan.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import { type ConsoleMessages, consoleMessages } from "./messages.js";
import { displayWidth, oneLine, padEnd, padStart, truncate } from "./text.js";

export interface BoardInput {
  state: DrillState;
  /** Scenario minutes now. */
  t: number;
  /** Real milliseconds since the drill started. */
  elapsedMs: number;
  lang: Lang;
  /** Terminal columns. */
  width: number;
  /** Most lines the board may take. */
  height: number;
  colour: ChalkInstance;
  /** The menu key that ends the drill, named when nothing is left to play. */
  endKey: string;
  /** The menu key that peeks at what comes next in an unannounced drill. */
  peekKey?: string;
}

/** Within this many minutes of its deadline an open expectation is shown as urgent. */
const URGENT_MINUTES = 10;

export function boardLines(input: BoardInput): string[] {
  const { colour, width } = input;
  const words = consoleMessages[input.lang];
  const head = [titleLine(input, words), clockLine(input, words), nextLine(input, words)];
  head.push(colour.dim("─".repeat(Math.max(0, width))));
  const groups = groupLines(input, words, Math.max(1, input.height - head.length));
  return [...head, ...groups].map((line) => line.trimEnd());
}

function titleLine({ state, colour, width }: BoardInput, words: ConsoleMessages): string {
  const status = state.ended
    ? colour.dim(`■ ${words.ended}`)
    : state.clock.running
      ? colour.green(`● ${words.running}`)
      : colour.yellow.bold(`❚❚ ${words.paused}`);
  const room = Math.max(0, width - displayWidth(status) - 2);
  const title = truncate(oneLine(state.plan.title), room);
  return `${colour.bold(padEnd(title, room))}  ${status}`;
}

function clockLine(
  { state, t, elapsedMs, colour, width }: BoardInput,
  words: ConsoleMessages,
): string {
  const parts = [
    `${words.scenarioTime} ${colour.bold(formatScenarioTime(t))}`,
    `${words.realTime} ${formatElapsed(elapsedMs)}`,
    `${words.speed} ×${state.clock.speed}`,
  ];
  return truncate(parts.join(colour.dim("  ·  ")), width);
}

function nextLine(
  { state, t, colour, width, endKey, peekKey }: BoardInput,
  words: ConsoleMessages,
): string {
  // Unannounced (不打招呼): nothing of what comes next, not even when or whether it comes.
  if (state.unannounced && !state.ended)
    return truncate(colour.dim(words.upcomingHidden(peekKey ?? "p")), width);
  return upcomingLine({ state, t, colour, width, endKey }, words);
}

/** The next inject and when it is due, or that none is left. */
export function upcomingLine(
  {
    state,
    t,
    colour,
    width,
    endKey,
  }: Pick<BoardInput, "state" | "t" | "colour" | "width" | "endKey">,
  words: ConsoleMessages,
): string {
  const next = nextPendingInject(state);
  if (!next) {
    const done = !state.ended && naturalEnd(state) <= t;
    return truncate(
      done ? colour.green(words.complete(endKey)) : colour.dim(words.noInjectLeft),
      width,
    );
  }
  const at = dueAt(state, next);
  const minutes = at - t;
  let when: string;
  if (minutes <= 0) when = words.dueNow;
  else {
    const real = state.clock.running
      ? formatElapsed((minutes * 60_000) / state.clock.speed)
      : undefined;
    when = words.dueIn(words.duration(minutes), real);
  }
  const what = words.nextInject(next.id, formatScenarioTime(at), oneLine(next.title));
  const room = Math.max(0, width - displayWidth(when) - 2);
  return `${colour.cyan(truncate(what, room))}  ${colour.dim(when)}`;
}

interface GroupRow {
  name: string;
  open: OpenExpectation[];
  done: number;
  overdue: number;
}

/** Per group one line, or one line per open expectation, cut to fit `height`. */
function groupLines(input: BoardInput, words: ConsoleMessages, height: number): string[] {
  const { state, t, colour, width } = input;
  const names = new Map(state.plan.groups.map((group) => [group.id, oneLine(group.name)]));
  const rows: GroupRow[] = groupBoards(state, t).map((board) => ({
    name: names.get(board.group) ?? board.group,
    open: board.open,
    done: board.done,
    overdue: board.overdue,
  }));
  const nameWidth = Math.min(
    Math.max(0, ...rows.map((row) => displayWidth(row.name))),
    Math.max(4, Math.floor(width / 4)),
  );
  const statusTexts = rows.flatMap((row) => row.open.map((open) => statusText(open, words)));
  const statusWidth = Math.max(0, ...statusTexts.map(displayWidth));

  // Show as many expectations per group as fit; the rest are counted.
  const maxOpen = Math.max(1, ...rows.map((row) => row.open.length));
  let perGroup = maxOpen;
  const linesFor = (k: number) =>
    rows.reduce((sum, row) => sum + Math.max(1, Math.min(row.open.length, k)), 0);
  while (perGroup > 1 && linesFor(perGroup) > height) perGroup--;

  const blocks = rows.map((row) =>
    groupBlock(row, perGroup, { input, words, nameWidth, statusWidth }),
  );
  const lines: string[] = [];
  for (const [i, block] of blocks.entries()) {
    const rest = blocks.length - i - 1;
    if (lines.length + block.length > height - (rest > 0 ? 1 : 0)) {
      // More groups than rows: keep the first ones whole and count the rest.
      lines.push(colour.dim(words.moreGroups(blocks.length - i)));
      break;
    }
    lines.push(...block);
  }
  return lines;
}

interface Layout {
  input: BoardInput;
  words: ConsoleMessages;
  nameWidth: number;
  statusWidth: number;
}

function groupBlock(row: GroupRow, perGroup: number, layout: Layout): string[] {
  const { input, words, nameWidth, statusWidth } = layout;
  const { colour, width } = input;
  const name = colour.cyan(padEnd(truncate(row.name, nameWidth), nameWidth));
  const indent = " ".repeat(nameWidth);
  if (row.open.length === 0) {
    const done = row.done > 0 ? `  ${colour.dim(words.doneCount(row.done))}` : "";
    return [`${name}  ${colour.dim(words.nothingOpen)}${done}`];
  }
  const hidden = row.open.length > perGroup;
  // With one line to spare, the most urgent expectation keeps it and counts the rest.
  const squeezed = hidden && perGroup === 1;
  const shown = hidden ? row.open.slice(0, Math.max(1, perGroup - 1)) : row.open;
  const room = Math.max(1, width - nameWidth - statusWidth - 4);
  const lines = shown.map((open, i) => {
    const more = squeezed ? ` (+${row.open.length - 1})` : "";
    const action =
      truncate(`${open.expectation.id} ${oneLine(open.expectation.action)}`, room - more.length) +
      more;
    const status = padStart(tint(open, colour)(statusText(open, words)), statusWidth);
    return `${i === 0 ? name : indent}  ${padEnd(action, room)}  ${status}`;
  });
  if (hidden && !squeezed) {
    const rest = row.open.slice(shown.length);
    const overdue = rest.filter((open) => open.minutesLeft < 0).length;
    const more = colour.dim(words.more(rest.length));
    const flag = overdue > 0 ? colour.red.bold(words.hiddenOverdue(overdue)) : "";
    lines.push(`${indent}  ${more}${flag}`);
  }
  return lines;
}

/** "15m left", "overdue 5m", "blocked · 10m left". */
export function statusText(open: OpenExpectation, words: ConsoleMessages): string {
  // Whole minutes, rounded away from the deadline: a few seconds overdue reads "overdue 1m".
  const left = open.minutesLeft;
  const minutes = Math.ceil(Math.abs(left) - 1e-9);
  const time =
    left < 0 ? words.overdue(words.duration(minutes)) : words.left(words.duration(minutes));
  return open.status === "blocked" ? `${words.blocked} · ${time}` : time;
}

/** Overdue red, blocked or nearly due yellow, the rest plain. */
function tint(open: OpenExpectation, colour: ChalkInstance): (text: string) => string {
  if (open.minutesLeft < 0) return colour.red.bold;
  if (open.status === "blocked" || open.minutesLeft <= URGENT_MINUTES) return colour.yellow;
  return (text) => text;
}

/** Real time as h:mm:ss. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}
