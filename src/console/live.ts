// `drill run <plan>` live: the facilitator's console. The board and menu stay on screen;
// injects fire on their own timers, announced above the board; every action is logged
// (fsynced, through the session's `emit`) before the screen moves on. Ctrl-C offers to
// pause or end; a second one leaves with the log intact and the command to resume.

import type { ChalkInstance } from "chalk";
import { terminalChalk } from "../colour.js";
import type { CommandContext } from "../context.js";
import { scenarioAt, wallAt } from "../core/clock.js";
import { dueInjects, naturalEnd, nextPendingInject } from "../core/engine.js";
import type { DrillEvent, NewEvent } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { InterruptedError, UsageError, WriteError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { logMessages } from "../log/messages.js";
import { type Timeline, timeline } from "../log/timeline.js";
import { logWriteHint } from "../log/writer.js";
import { type RunOptions, writeRunReport } from "../run/options.js";
import { displayPath } from "../run/paths.js";
import { alreadyEnded, type OpenDrill, openDrill } from "../run/session.js";
import { boardLines } from "./board.js";
import { type PromptTheme, promptTheme } from "./colour.js";
import {
  decisionFlow,
  deliverFlow,
  endFlow,
  type FlowContext,
  type FlowResult,
  hotwashFlow,
  hotwashWanted,
  interruptFlow,
  isNotice,
  noteFlow,
  type PromptContext,
  skipFlow,
  speedFlow,
} from "./flows.js";
import { boardMenu, type MenuItem, menuHeight } from "./menu-prompt.js";
import { type ConsoleMessages, consoleMessages, type MenuAction } from "./messages.js";
import { oneLine, truncate } from "./text.js";

/** Menu keys, fixed so hands learn them: the same digit does the same thing all drill long. */
export const MENU_KEYS: Record<MenuAction, string> = {
  decision: "1",
  note: "2",
  deliver: "3",
  skip: "4",
  pause: "5",
  speed: "6",
  timeline: "7",
  end: "8",
};

/** How often the board redraws while the menu waits. */
const REFRESH_MS = 1000;

export async function runLive(
  planPath: string,
  options: RunOptions,
  ctx: CommandContext,
): Promise<number> {
  if (!ctx.stdin.isTTY || !ctx.stdout.isTTY) {
    throw new UsageError(
      "the live console needs an interactive terminal; to run from a file use --script <decisions.yaml>",
      {
        hint: "`drill run <plan> --script <decisions.yaml>` plays a decision script on a virtual clock",
      },
    );
  }
  const drill = await openDrill(
    {
      planPath,
      clock: "real",
      ...(options.log ? { logPath: options.log } : {}),
      ...(options.resume ? { resumePath: options.resume } : {}),
      ...(options.speed ? { speed: options.speed } : {}),
      ...(options.sign ? { sign: options.sign } : {}),
    },
    ctx,
  );
  const logPath = displayPath(drill.writer.path, ctx.cwd);
  if (drill.state.ended) {
    drill.writer.close();
    throw alreadyEnded(logPath);
  }
  const lang = resolveLang(options.lang, drill.plan.lang, ctx.env);
  const words = consoleMessages[lang];
  const live = new LiveConsole(drill, { lang, logPath, speed: options.speed }, ctx);
  let outcome: "ended" | "left";
  try {
    outcome = await live.run();
  } catch (error) {
    // The log could not be written (disk full): the drill stops with its prompts closed and
    // the log intact up to its last event; say exactly how to carry on.
    if (!(error instanceof WriteError)) throw error;
    throw new WriteError(error.message, {
      hint: logWriteHint(resumeCommand(planPath, logPath, options.lang)),
      cause: error,
    });
  } finally {
    live.stop();
    drill.writer.close();
  }
  if (outcome === "left") {
    throw new InterruptedError(words.interrupted(logPath), {
      hint: words.resumeWith(resumeCommand(planPath, logPath, options.lang)),
    });
  }
  live.printSummary();
  // The head of the sealed log, to be noted down (drill verify --head).
  ctx.stdout.write(`${logMessages[lang].headToNote(drill.writer.head, logPath)}\n`);
  if (options.report) {
    await writeRunReport(drill.writer.path, planPath, { ...options, report: options.report }, ctx);
  } else {
    ctx.stdout.write(`${words.reviewWith(`drill review ${shellWord(logPath)}`)}\n`);
  }
  return 0;
}

/** The exact command that continues an interrupted drill. */
export function resumeCommand(planPath: string, logPath: string, lang?: string): string {
  const langFlag = lang ? ` --lang ${lang}` : "";
  return `drill run ${shellWord(planPath)} --resume ${shellWord(logPath)}${langFlag}`;
}

/** Quotes a path for a POSIX shell when it needs it (Chinese file names do not). */
function shellWord(text: string): string {
  return /^[\p{L}\p{N}_./:@%+=,-]+$/u.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

function isPromptError(error: unknown, name: "ExitPromptError" | "AbortPromptError"): boolean {
  return error instanceof Error && error.name === name;
}

interface LiveOptions {
  lang: Lang;
  logPath: string;
  speed: number | undefined;
}

class LiveConsole {
  private readonly words: ConsoleMessages;
  private readonly colour: ChalkInstance;
  private readonly theme: PromptTheme;
  private readonly lines: Timeline;
  /** Every event of the drill, the log's and this run's. */
  private readonly events: DrillEvent[];
  /** Aborted to leave: SIGINT from outside (ctx.signal), or a write that failed. */
  private readonly leave = new AbortController();
  private readonly detach: () => void;
  /** Injects logged while a prompt was open, shown before the menu comes back. */
  private readonly announcements: DrillEvent[] = [];
  /** Redraws the open menu at once (an inject fired); undefined when no menu is open. */
  private redrawMenu: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(
    private readonly drill: OpenDrill,
    private readonly options: LiveOptions,
    private readonly ctx: CommandContext,
  ) {
    this.words = consoleMessages[options.lang];
    this.colour = terminalChalk(ctx.stdout, ctx.env);
    this.theme = promptTheme(this.colour, this.words.keysHelp);
    this.lines = timeline(drill.header, options.lang, this.colour);
    this.events = [...drill.events];
    const signal = ctx.signal;
    const onAbort = () => this.leave.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) this.leave.abort();
    this.detach = () => signal?.removeEventListener("abort", onAbort);
  }

  private get state() {
    return this.drill.state;
  }

  async run(): Promise<"ended" | "left"> {
    const { state, words } = this;
    const title = oneLine(state.plan.title);
    if (!state.started) {
      this.record({ type: "drill-started", t: 0, speed: state.plan.clock.speed });
      this.print(words.started(title, this.options.logPath));
    } else {
      // The engine leaves the clock paused after this: the facilitator restarts it.
      this.record({ type: "drill-resumed", t: state.t, reason: words.resumeReason });
      const speed = this.options.speed;
      if (speed && speed !== state.clock.speed)
        this.record({ type: "clock-speed", t: state.t, speed });
      this.print(words.resumedPaused(title, this.options.logPath, MENU_KEYS.pause));
    }

    while (!state.ended) {
      if (this.failure !== undefined) throw this.failure;
      if (this.leave.signal.aborted) return this.leaveNow();
      this.fireDue();
      try {
        const action = await this.menu();
        this.flushAnnouncements();
        await this.perform(action);
      } catch (error) {
        if (this.failure !== undefined) throw this.failure;
        if (this.leave.signal.aborted) return this.leaveNow();
        if (isPromptError(error, "ExitPromptError")) {
          if ((await this.offer()) === "left") return this.leaveNow();
          continue;
        }
        throw error;
      }
    }
    this.flushAnnouncements();
    await this.hotwash();
    return "ended";
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.detach();
  }

  printSummary(): void {
    const { state, words } = this;
    const injects = [...state.injects.values()];
    this.print(
      words.finished(oneLine(state.plan.title), {
        delivered: injects.filter((is) => is.status === "delivered").length,
        skipped: injects.filter((is) => is.status === "skipped").length,
        decisions: state.counts.decisions,
        notes: state.counts.notes,
        hotwash: state.hotwash.length,
      }),
    );
    this.print(words.logAt(this.options.logPath));
  }

  // ── the log ───────────────────────────────────────────────────────────

  /** Logs an event (durably) and re-arms the inject timer, since any event may move the clock. */
  private record(event: NewEvent): DrillEvent {
    const written = this.drill.emit(event);
    this.events.push(written);
    this.schedule();
    return written;
  }

  private nowMs(): number {
    return this.ctx.now().getTime();
  }

  /** Scenario minutes now; never before the last logged event. */
  private scenarioNow(): number {
    return Math.max(this.state.t, scenarioAt(this.state.clock, this.nowMs()));
  }

  /** Arms a timer for the next pending inject's time on the running clock. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { state } = this;
    if (state.ended || !state.clock.running) return;
    const next = nextPendingInject(state);
    if (!next) return;
    const at = wallAt(state.clock, next.atMinutes) ?? this.nowMs();
    const delay = Math.min(Math.max(0, at - this.nowMs()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.timer = undefined;
    try {
      if (this.fireDue() > 0) this.redrawMenu?.();
      else this.schedule();
    } catch (error) {
      // A write that failed (disk full, log removed) stops the drill: nothing may go unlogged.
      this.failure = error;
      this.leave.abort();
    }
  }

  /** Logs every inject due by now, one at a time so each condition sees the ones before. */
  private fireDue(): number {
    const { state } = this;
    if (state.ended) return 0;
    const t = this.scenarioNow();
    let fired = 0;
    for (let [due] = dueInjects(state, t); due; [due] = dueInjects(state, t)) {
      const when = Math.max(due.inject.atMinutes, state.t);
      const event: NewEvent =
        due.action === "deliver"
          ? { type: "inject-delivered", t: when, inject: due.inject.id }
          : { type: "inject-skipped", t: when, inject: due.inject.id, reason: "condition" };
      this.announcements.push(this.record(event));
      fired++;
    }
    return fired;
  }

  // ── the screen ────────────────────────────────────────────────────────

  private print(text: string): void {
    this.ctx.stdout.write(`${text}\n`);
  }

  private width(): number {
    return Math.max(40, this.ctx.stdout.columns ?? 80);
  }

  private height(): number {
    return Math.max(10, this.ctx.stdout.rows ?? 24);
  }

  private printLogged(event: DrillEvent): void {
    this.print(`${this.colour.green("✔")} ${this.lines.line(event)}`);
  }

  /**
   * Injects fired since the last key: title, message, and what each group must do. Shown
   * above the board while the menu is open, then printed for good once a key is pressed.
   */
  private announcementLines(): string[] {
    const { colour, words, state } = this;
    const names = new Map(state.plan.groups.map((group) => [group.id, oneLine(group.name)]));
    const lines: string[] = [];
    for (const event of this.announcements) {
      if (event.type !== "inject-delivered") {
        lines.push(colour.dim(`  ${this.lines.line(event)}`));
        continue;
      }
      lines.push("", `${colour.magenta.bold("▶")} ${this.lines.line(event)}`);
      const inject = state.injects.get(event.inject)?.inject;
      if (!inject) continue;
      lines.push(`  ${oneLine(inject.message)}`);
      for (const expectation of inject.expects) {
        const line = words.expected(
          names.get(expectation.group) ?? expectation.group,
          `${expectation.id} ${oneLine(expectation.action)}`,
          words.duration(expectation.withinMinutes),
        );
        lines.push(colour.dim(`  · ${line}`));
      }
    }
    return lines;
  }

  private flushAnnouncements(): void {
    for (const line of this.announcementLines()) this.print(line);
    this.announcements.length = 0;
  }

  private printTimeline(): void {
    this.print("");
    this.print(this.colour.bold(this.words.timelineHeading));
    for (const event of this.events) this.print(this.lines.line(event));
    this.print("");
  }

  private promptContext(): PromptContext {
    return {
      input: this.ctx.stdin,
      // The context's stdout is the process's own stream; its declared type is only narrower.
      output: this.ctx.stdout as unknown as NodeJS.WritableStream,
      signal: this.leave.signal,
      clearPromptOnDone: true,
    };
  }

  private flowContext(): FlowContext {
    return {
      state: this.state,
      now: () => this.scenarioNow(),
      words: this.words,
      theme: this.theme,
      prompt: this.promptContext(),
      width: this.width(),
    };
  }

  private menuItems(): MenuItem<MenuAction>[] {
    const { words, state } = this;
    const pending = nextPendingInject(state) !== undefined;
    const actions: MenuAction[] = [
      "decision",
      "note",
      "deliver",
      "skip",
      "pause",
      "speed",
      "timeline",
      "end",
    ];
    return actions
      .filter((action) => pending || (action !== "deliver" && action !== "skip"))
      .map((action) => ({
        key: MENU_KEYS[action],
        label: action === "pause" && !state.clock.running ? words.resume : words.menu[action],
        value: action,
      }));
  }

  /** The board and menu until a key is pressed. */
  private async menu(): Promise<MenuAction> {
    const items = this.menuItems();
    const started = this.events.find((event) => event.type === "drill-started");
    const startedMs = Date.parse(started?.wall ?? this.drill.header.startedAt);
    const board = () => {
      const room = this.height() - menuHeight(items, this.width()) - 1;
      // New injects on top (the latest, if many came while nobody pressed a key), board below.
      const news = this.announcementLines().map((line) => truncate(line, this.width()));
      const shown = news.length > room / 3 ? news.slice(-Math.floor(room / 3)) : news;
      return [
        ...shown,
        ...boardLines({
          state: this.state,
          t: this.scenarioNow(),
          elapsedMs: this.nowMs() - startedMs,
          lang: this.options.lang,
          width: this.width(),
          height: room - shown.length,
          colour: this.colour,
          endKey: MENU_KEYS.end,
        }),
      ];
    };
    return boardMenu(
      {
        board,
        items,
        message: this.words.menuMessage,
        help: this.words.keysHelp,
        width: () => this.width(),
        refreshMs: REFRESH_MS,
        colour: this.colour,
        subscribe: (redraw) => {
          this.redrawMenu = redraw;
          return () => {
            this.redrawMenu = undefined;
          };
        },
      },
      this.promptContext(),
    );
  }

  private async perform(action: MenuAction): Promise<void> {
    switch (action) {
      case "decision":
        return this.logFlow(await decisionFlow(this.flowContext()));
      case "note":
        return this.logFlow(await noteFlow(this.flowContext()));
      case "deliver": {
        this.logFlow(await deliverFlow(this.flowContext()));
        // After a jump the inject is due at once, paused clock or not.
        this.fireDue();
        return;
      }
      case "skip":
        return this.logFlow(await skipFlow(this.flowContext()));
      case "speed":
        return this.logFlow(await speedFlow(this.flowContext()));
      case "pause":
        return this.togglePause();
      case "timeline":
        return this.printTimeline();
      case "end":
        return this.logFlow(await endFlow(this.flowContext(), this.complete()));
    }
  }

  private logFlow(result: FlowResult): void {
    if (result === undefined) return;
    if (isNotice(result)) {
      this.print(this.colour.yellow(result.notice));
      return;
    }
    this.printLogged(this.record(result));
  }

  private togglePause(): void {
    const t = this.scenarioNow();
    const event: NewEvent = this.state.clock.running
      ? { type: "clock-paused", t }
      : { type: "clock-resumed", t };
    this.printLogged(this.record(event));
  }

  /** Every inject played and every deadline passed. */
  private complete(): boolean {
    return (
      nextPendingInject(this.state) === undefined && naturalEnd(this.state) <= this.scenarioNow()
    );
  }

  /** After a first Ctrl-C. "left" when a second one came. */
  private async offer(): Promise<"left" | "stayed"> {
    let choice: Awaited<ReturnType<typeof interruptFlow>>;
    try {
      choice = await interruptFlow(this.flowContext());
    } catch (error) {
      if (isPromptError(error, "ExitPromptError") || this.leave.signal.aborted) return "left";
      throw error;
    }
    if (choice === "pause" && this.state.clock.running) this.togglePause();
    if (choice === "end") this.logFlow(await endFlow(this.flowContext(), this.complete(), false));
    return "stayed";
  }

  /** Stops the clock in the log, so a resume starts where the facilitator left. */
  private leaveNow(): "left" {
    // A failed write aborts the prompts too: it, not the leaving, is what the user must hear.
    if (this.failure !== undefined) throw this.failure;
    if (!this.state.ended && this.state.clock.running) {
      this.record({ type: "clock-paused", t: this.scenarioNow() });
    }
    return "left";
  }

  /** The optional hot wash after the end; Ctrl-C skips the rest of it (the drill has ended). */
  private async hotwash(): Promise<void> {
    const fc = () => this.flowContext();
    const answered = new Set(this.state.hotwash.map((answer) => answer.group));
    try {
      if (!(await hotwashWanted(fc()))) return;
      for (
        let result = await hotwashFlow(fc(), answered);
        result;
        result = await hotwashFlow(fc(), answered)
      ) {
        if (isNotice(result)) continue;
        this.printLogged(this.record(result));
        if (result.type === "hotwash") answered.add(result.group);
      }
    } catch (error) {
      if (isPromptError(error, "ExitPromptError") || isPromptError(error, "AbortPromptError"))
        return;
      throw error;
    }
  }
}
