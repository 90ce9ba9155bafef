// `drill run <plan>` live: the facilitator's console. The board and menu stay on screen;
// injects fire on their own timers and are announced in full at once, above whatever prompt
// is open (the prompt closes, the inject is printed, the prompt opens again as it was), so
// the scrollback is the drill in log order. Every action is logged (fsynced, through the
// session's `emit`) before the screen moves on. Ctrl-C offers to pause or end; a second
// one leaves with the log intact and the command to resume. With standard output not a
// terminal (`| tee`), the same drill runs on a plain line-by-line display.

import { existsSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";
import type { ChalkInstance } from "chalk";
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { terminalChalk } from "../colour.js";
import type { CommandContext } from "../context.js";
import { scenarioAt, wallAt } from "../core/clock.js";
import { dueAt, dueInjects, naturalEnd, nextPendingInject } from "../core/engine.js";
import type { DrillEvent, NewEvent } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { jitterSchedule, seedFrom } from "../core/unannounced.js";
import { InterruptedError, UsageError, WriteError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { logMessages } from "../log/messages.js";
import { type Timeline, timeline } from "../log/timeline.js";
import { logWriteHint } from "../log/writer.js";
import { shellWord, verifyHeadCommand } from "../program.js";
import type { Room, SeatLink } from "../room/room.js";
import type { Seat } from "../room/seats.js";
import { type RunOptions, writeRunReport } from "../run/options.js";
import { displayPath } from "../run/paths.js";
import { alreadyEnded, type OpenDrill, openDrill } from "../run/session.js";
import { announcementLines } from "./announce.js";
import { type Ask, PlainAsk, TerminalAsk } from "./ask.js";
import { boardLines, upcomingLine } from "./board.js";
import {
  correctionFlow,
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
  showInjectFlow,
  skipFlow,
  speedFlow,
} from "./flows.js";
import { boardMenu, type MenuItem, menuHeight } from "./menu-prompt.js";
import { type ConsoleMessages, consoleMessages, type MenuAction } from "./messages.js";
import { oneLine, wrap } from "./text.js";
import { Transcript } from "./transcript.js";

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
  inject: "9",
  correct: "0",
  peek: "p",
  room: "r",
};

/** How often the board redraws while the menu waits. */
const REFRESH_MS = 1000;

/** Above this speed the clock stops while an entry is open, unless told otherwise. */
const HOLD_ABOVE_SPEED = 10;

/** For `drill room-demo`: told the join links once the room is open; returns how to stop. */
export interface LiveHooks {
  onRoom?: (links: SeatLink[]) => () => void;
}

export async function runLive(
  planPath: string | undefined,
  options: RunOptions,
  ctx: CommandContext,
  hooks: LiveHooks = {},
): Promise<number> {
  if (!ctx.stdin.isTTY) {
    throw new UsageError(
      "the live console needs an interactive terminal; to run from a file use --script <decisions.yaml>",
      {
        hint: "`drill run <plan> --script <decisions.yaml>` plays a decision script on a virtual clock",
      },
    );
  }
  const program = ctx.program ?? "drill";
  const transcript = options.transcript ? Transcript.open(options.transcript, ctx.cwd) : undefined;
  let drill: OpenDrill;
  try {
    drill = await openDrill(
      {
        ...(planPath !== undefined ? { planPath } : {}),
        clock: "real",
        ...(options.log ? { logPath: options.log } : {}),
        ...(options.resume ? { resumePath: options.resume } : {}),
        ...(options.speed ? { speed: options.speed } : {}),
        ...(options.sign ? { sign: options.sign } : {}),
      },
      ctx,
    );
  } catch (error) {
    transcript?.close();
    throw error;
  }
  const logPath = displayPath(drill.writer.path, ctx.cwd);
  if (drill.state.ended) {
    drill.writer.close();
    transcript?.close();
    throw alreadyEnded(logPath, program);
  }
  const lang = resolveLang(options.lang, drill.plan.lang, ctx.env);
  const words = consoleMessages[lang];
  const wantsRoom =
    options.room === true ||
    (options.resume !== undefined && existsSync(`${drill.writer.path}.room.json`));
  const live = new LiveConsole(
    drill,
    {
      lang,
      logPath,
      speed: options.speed,
      ...(options.pauseOnEntry !== undefined ? { pauseOnEntry: options.pauseOnEntry } : {}),
      ...(transcript ? { transcript } : {}),
      ...(options.unannounced
        ? { unannounced: { seed: options.seed ?? seedFrom(ctx.now().getTime()) } }
        : {}),
    },
    ctx,
  );
  const resume = resumeCommand(program, logPath, options.lang);
  let outcome: "ended" | "left";
  let stopHooks: (() => void) | undefined;
  try {
    if (wantsRoom) {
      try {
        const links = await live.openRoom(options, logPath);
        stopHooks = hooks.onRoom?.(links);
      } catch (error) {
        live.stop();
        drill.writer.close();
        transcript?.close();
        throw error;
      }
    }
    outcome = await live.run();
  } catch (error) {
    // The log could not be written (disk full): the drill stops with its prompts closed and
    // the log intact up to its last event; say exactly how to carry on.
    if (!(error instanceof WriteError)) throw error;
    throw new WriteError(error.message, { hint: logWriteHint(resume), cause: error });
  } finally {
    stopHooks?.();
    live.stop();
    await live.closeRoom();
    drill.writer.close();
  }
  try {
    if (outcome === "left") {
      throw new InterruptedError(words.interrupted(logPath), { hint: words.resumeWith(resume) });
    }
    await live.reportEnd(options, program, planPath);
  } finally {
    transcript?.close();
  }
  return 0;
}

/** The exact command that continues an interrupted drill: its log holds its plan. */
export function resumeCommand(program: string, logPath: string, lang?: string): string {
  const langFlag = lang ? ` --lang ${lang}` : "";
  return `${program} run --resume ${shellWord(logPath)}${langFlag}`;
}

function isPromptError(error: unknown, name: "ExitPromptError" | "AbortPromptError"): boolean {
  return error instanceof Error && error.name === name;
}

interface LiveOptions {
  lang: Lang;
  logPath: string;
  speed: number | undefined;
  /** Stop the clock while an entry is open; default: above ×10. */
  pauseOnEntry?: boolean;
  transcript?: Transcript;
  /** A new unannounced drill: its seed (the times are drawn and logged at the start). */
  unannounced?: { seed: number };
}

const ESC = "\u001b";

class LiveConsole {
  private readonly words: ConsoleMessages;
  private readonly colour: ChalkInstance;
  private readonly lines: Timeline;
  /** The same lines without colour: the correction picker and the transcript. */
  private readonly plainLines: Timeline;
  /** Every event of the drill, the log's and this run's. */
  private readonly events: DrillEvent[];
  /** Aborted to leave: SIGINT from outside (ctx.signal), or a write that failed. */
  private readonly leave = new AbortController();
  private readonly detach: Array<() => void> = [];
  /** Injects logged but not yet on screen. */
  private readonly pending: DrillEvent[] = [];
  private readonly plain: boolean;
  private readonly ask: Ask;
  /** The board menu's last frame while it is open: what a resize must clear. */
  private frame: string[] | undefined;
  private resized = false;
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private room: Room | undefined;
  /** Lines from the room (seats' entries and messages) not yet on screen. */
  private readonly arrivals: string[] = [];

  constructor(
    private readonly drill: OpenDrill,
    private readonly options: LiveOptions,
    private readonly ctx: CommandContext,
  ) {
    this.words = consoleMessages[options.lang];
    this.colour = terminalChalk(ctx.stdout, ctx.env);
    this.lines = timeline(drill.header, options.lang, this.colour);
    this.plainLines = timeline(drill.header, options.lang, new Chalk({ level: 0 }));
    this.events = [...drill.events];
    this.plain = !ctx.stdout.isTTY;
    const words = this.words;
    if (this.plain) {
      this.ask = new PlainAsk(
        ctx.stdin,
        (text) => this.print(text),
        words.plain,
        this.leave.signal,
      );
    } else {
      this.ask = new TerminalAsk(
        () => this.promptStreams(),
        {
          colour: this.colour,
          help: {
            list: words.listHelp,
            filterList: words.filterHelp,
            many: words.manyHelp,
            text: words.textHelp,
          },
          rows: () => this.height(),
        },
        () => this.between(),
      );
    }
    const signal = ctx.signal;
    const onAbort = () => this.leave.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) this.leave.abort();
    this.detach.push(() => signal?.removeEventListener("abort", onAbort));
    const stdout = ctx.stdout as Partial<NodeJS.WriteStream>;
    if (!this.plain && typeof stdout.on === "function") {
      const onResize = () => this.onResize();
      stdout.on("resize", onResize);
      this.detach.push(() => stdout.off?.("resize", onResize));
    }
  }

  private get state() {
    return this.drill.state;
  }

  async run(): Promise<"ended" | "left"> {
    const { state, words } = this;
    const title = oneLine(state.plan.title);
    const resumed = state.started;
    this.options.transcript?.line(
      words.transcriptHeading(title, this.ctx.now().toISOString(), resumed),
    );
    if (!resumed) {
      const unannounced = this.options.unannounced;
      if (unannounced)
        this.record({
          type: "unannounced",
          t: 0,
          seed: unannounced.seed,
          jitter: jitterSchedule(state.plan, unannounced.seed),
        });
      this.record({ type: "drill-started", t: 0, speed: state.plan.clock.speed });
      this.print(words.started(title, this.options.logPath));
    } else {
      // The engine leaves the clock paused after this: the facilitator restarts it.
      this.record({ type: "drill-resumed", t: state.t, reason: "--resume" });
      const speed = this.options.speed;
      if (speed && speed !== state.clock.speed)
        this.record({ type: "clock-speed", t: state.t, speed });
      this.print(words.resumedPaused(title, this.options.logPath, MENU_KEYS.pause));
    }

    while (!state.ended) {
      if (this.failure !== undefined) throw this.failure;
      if (this.leave.signal.aborted) return this.leaveNow();
      this.fireDue();
      this.announce();
      try {
        await this.perform(await this.menu());
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
    this.announce();
    await this.hotwash();
    return "ended";
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const detach of this.detach) detach();
    if (this.ask instanceof PlainAsk) this.ask.close();
  }

  /** The one place that says how the drill ended: the counts, the log, the report. */
  async reportEnd(
    options: RunOptions,
    program: string,
    planPath: string | undefined,
  ): Promise<void> {
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
    // The head of the sealed log, to be noted down (drill verify --head).
    const { head } = this.drill.writer;
    const verify = verifyHeadCommand(program, this.options.logPath, head);
    for (const line of logMessages[this.options.lang].headToNote(head, verify).split("\n"))
      for (const part of wrap(line, this.width(), "    ")) this.print(part);
    if (options.report) {
      const report = { ...options, report: options.report };
      await writeRunReport(this.drill.writer.path, planPath, report, this.ctx);
    } else {
      this.print(words.reviewWith(`${program} review ${shellWord(this.options.logPath)}`));
    }
  }

  // ── the log ───────────────────────────────────────────────────────────

  /** Logs an event (durably) and re-arms the inject timer, since any event may move the clock. */
  private record(event: NewEvent): DrillEvent {
    const written = this.drill.emit(event);
    this.events.push(written);
    this.schedule();
    this.room?.changed();
    return written;
  }

  // ── the room ──────────────────────────────────────────────────────────

  async openRoom(options: RunOptions, logPath: string): Promise<SeatLink[]> {
    const { Room } = await import("../room/room.js");
    const { roomMessages } = await import("../room/messages.js");
    const words = roomMessages[this.options.lang];
    this.room = await Room.open(
      {
        state: this.state,
        events: this.events,
        now: () => this.scenarioNow(),
        nowMs: () => this.nowMs(),
        commit: (events) => this.recordFromRoom(events),
        tell: (seat, text) => this.arrive(words.message(oneLine(seat.name), oneLine(text))),
        lang: this.options.lang,
      },
      {
        ...(options.host !== undefined ? { host: options.host } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
        logPath: this.drill.writer.path,
        logName: logPath,
        resumed: this.drill.resumed,
      },
    );
    const links = this.room.links();
    const first = links[0];
    this.print(
      this.colour.bold(
        words.listening(`http://${this.room.host}:${this.room.port}`, this.room.loopback),
      ),
    );
    for (const { seat, url } of links) {
      const name = oneLine(seat.name);
      this.print(seat.kind === "board" ? words.boardLink(name, url) : words.seatLink(name, url));
    }
    this.print(words.fileAt(this.room.fileShown));
    if (first) this.print(await this.qr(first.url));
    return links;
  }

  async closeRoom(): Promise<void> {
    const room = this.room;
    this.room = undefined;
    await room?.close();
  }

  private async qr(url: string): Promise<string> {
    const { terminalQr } = await import("../room/room.js");
    return (await terminalQr(url)).trimEnd();
  }

  /** Seats' entries, appended with one write and one fsync, shown above the open prompt. */
  private recordFromRoom(events: NewEvent[]): DrillEvent[] {
    if (events.length === 0) return [];
    let written: DrillEvent[];
    try {
      written = this.drill.emitMany(events);
    } catch (error) {
      // As a timer's failed write: the drill stops, nothing goes unlogged.
      this.failure = error;
      this.leave.abort();
      throw error;
    }
    this.events.push(...written);
    this.schedule();
    this.room?.changed();
    for (const event of written) {
      const seat = this.room?.links().find((link) => link.seat.id === event.by?.seat)?.seat;
      this.arrive(
        `${this.colour.cyan("⇢")} ${oneLine(seat?.name ?? "")} ${this.lines.line(event)}`,
      );
    }
    return written;
  }

  private arrive(line: string): void {
    this.arrivals.push(line);
    if (!(this.ask instanceof TerminalAsk && this.ask.interrupt())) this.announce();
  }

  private async roomFlow(): Promise<void> {
    const room = this.room;
    if (!room) return;
    const { roomMessages } = await import("../room/messages.js");
    const words = roomMessages[this.options.lang];
    const links = room.links();
    const chosen = await this.ask.pick(() => ({
      message: words.chooseSeat,
      choices: links.map(({ seat }) => ({
        value: seat.id,
        name: `${oneLine(seat.name)} · ${seat.id}${seat.revoked ? words.revokedMark : ""}`,
      })),
      filter: true,
    }));
    if (typeof chosen !== "string") return;
    const link = links.find((l) => l.seat.id === chosen);
    if (!link) return;
    const action = await this.ask.pick(() => ({
      message: words.chooseAction,
      choices: [
        { value: "show", name: words.showLink },
        ...(link.seat.revoked ? [] : [{ value: "revoke" as const, name: words.revoke }]),
      ],
    }));
    if (action === "show") {
      this.print(`${oneLine(link.seat.name)}: ${link.url}`);
      this.print(await this.qr(link.url));
    } else if (action === "revoke") {
      const sure = await this.ask.confirm(() => ({
        message: words.confirmRevoke(oneLine(link.seat.name)),
        default: false,
      }));
      if (sure !== true) return;
      const seat: Seat | undefined = await room.revoke(link.seat.id);
      if (seat) this.print(this.colour.yellow(words.revoked(oneLine(seat.name))));
    }
  }

  /** Logs a clock event the console makes on its own (holding the clock): transcript only. */
  private recordQuietly(event: NewEvent): DrillEvent {
    const written = this.record(event);
    this.options.transcript?.line(this.plainLines.line(written));
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
    const at = wallAt(state.clock, dueAt(state, next)) ?? this.nowMs();
    const delay = Math.min(Math.max(0, at - this.nowMs()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.timer = undefined;
    try {
      if (this.fireDue() === 0) {
        this.schedule();
        return;
      }
      // Announced at once: above the open prompt (closed and reopened), else right here.
      if (!(this.ask instanceof TerminalAsk && this.ask.interrupt())) this.announce();
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
      const when = Math.max(due.at, state.t);
      const event: NewEvent =
        due.action === "deliver"
          ? { type: "inject-delivered", t: when, inject: due.inject.id }
          : { type: "inject-skipped", t: when, inject: due.inject.id, reason: "condition" };
      this.pending.push(this.record(event));
      fired++;
    }
    return fired;
  }

  /** Whether entries stop the clock: the option, else above ×10. */
  private holdsClock(): boolean {
    return this.options.pauseOnEntry ?? this.state.clock.speed > HOLD_ABOVE_SPEED;
  }

  /**
   * Runs an entry with the clock stopped if it should be, and started again after; `work` gets
   * the scenario time the entry was opened at (the clock's, if it was stopped).
   */
  private async entry<T>(work: (openedAt: number) => Promise<T>): Promise<T> {
    const hold = this.holdsClock() && this.state.clock.running && !this.state.ended;
    const openedAt = this.scenarioNow();
    if (hold) this.recordQuietly({ type: "clock-paused", t: openedAt });
    try {
      return await work(openedAt);
    } finally {
      if (hold && !this.state.ended && !this.state.clock.running && !this.leave.signal.aborted)
        this.recordQuietly({ type: "clock-resumed", t: this.scenarioNow() });
    }
  }

  // ── the screen ────────────────────────────────────────────────────────

  private print(text: string): void {
    this.ctx.stdout.write(`${text}\n`);
    this.options.transcript?.line(text);
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

  /** Every inject logged and not yet shown, in full, in log order. */
  private announce(): void {
    for (const line of this.arrivals.splice(0)) this.print(line);
    const words = { log: logMessages[this.options.lang], console: this.words };
    for (const event of this.pending.splice(0)) {
      if (event.type !== "inject-delivered" && event.type !== "inject-skipped") continue;
      for (const line of announcementLines(
        this.state.plan,
        event,
        words,
        this.colour,
        this.width(),
      ))
        this.print(line);
    }
  }

  /** While a prompt is closed to be opened again: what a resize left, then the injects. */
  private between(): void {
    if (this.resized && this.frame) {
      // The terminal reflowed the menu's lines to the new width: clear the rows it now takes
      // beyond those the prompt cleared itself.
      const columns = this.width();
      const rows = this.frame.reduce(
        (sum, line) =>
          sum + Math.max(1, Math.ceil(stringWidth(stripVTControlCharacters(line)) / columns)),
        0,
      );
      const extra = rows - this.frame.length;
      if (extra > 0) this.ctx.stdout.write(`${ESC}[${extra}A${ESC}[0J`);
    }
    this.resized = false;
    this.frame = undefined;
    this.announce();
  }

  /** A new terminal size: only the board is drawn again. */
  private onResize(): void {
    if (!this.frame || !(this.ask instanceof TerminalAsk)) return;
    this.resized = true;
    this.ask.interrupt();
  }

  private printTimeline(): void {
    this.print("");
    this.print(this.colour.bold(this.words.timelineHeading));
    for (const event of this.events) this.print(this.lines.line(event));
    this.print("");
  }

  private promptStreams() {
    return {
      input: this.ctx.stdin,
      // The context's stdout is the process's own stream; its declared type is only narrower.
      output: this.ctx.stdout as unknown as NodeJS.WritableStream,
      signal: this.leave.signal,
    };
  }

  private flowContext(): FlowContext {
    return {
      state: this.state,
      now: () => this.scenarioNow(),
      words: this.words,
      ask: this.ask,
      width: () => this.width(),
      entryLine: (entry) => this.plainLines.line(entry),
    };
  }

  private menuItems(): MenuItem<MenuAction>[] {
    const { words, state } = this;
    const pending = nextPendingInject(state) !== undefined;
    return (Object.keys(MENU_KEYS) as MenuAction[])
      .filter((action) => pending || (action !== "deliver" && action !== "skip"))
      .filter((action) => action !== "peek" || (state.unannounced !== undefined && pending))
      .filter((action) => action !== "room" || this.room !== undefined)
      .map((action) => ({
        key: MENU_KEYS[action],
        label: action === "pause" && !state.clock.running ? words.resume : words.menu[action],
        value: action,
      }));
  }

  private boardAt(height: number): string[] {
    const started = this.events.find((event) => event.type === "drill-started");
    const startedMs = Date.parse(started?.wall ?? this.drill.header.startedAt);
    return boardLines({
      state: this.state,
      t: this.scenarioNow(),
      elapsedMs: this.nowMs() - startedMs,
      lang: this.options.lang,
      width: this.width(),
      height,
      colour: this.colour,
      endKey: MENU_KEYS.end,
      peekKey: MENU_KEYS.peek,
    });
  }

  /** The board and menu until a key is pressed. */
  private async menu(): Promise<MenuAction> {
    const items = this.menuItems();
    if (this.ask instanceof PlainAsk) return this.plainMenu(this.ask, items);
    const ask = this.ask as TerminalAsk;
    try {
      return await ask.run<MenuAction, undefined>((_initial, _onState, context) =>
        boardMenu(
          {
            board: () => this.boardAt(this.height() - menuHeight(items, this.width()) - 1),
            items,
            message: this.words.menuMessage,
            help: this.words.keysHelp,
            width: () => this.width(),
            refreshMs: REFRESH_MS,
            colour: this.colour,
            onFrame: (lines) => {
              this.frame = lines;
            },
          },
          context,
        ),
      );
    } finally {
      this.frame = undefined;
    }
  }

  /** The plain display's menu: the clock and the next inject, the keys, a typed key. */
  private async plainMenu(ask: PlainAsk, items: MenuItem<MenuAction>[]): Promise<MenuAction> {
    for (;;) {
      this.print("");
      for (const line of this.boardAt(1).slice(1, 3)) this.print(line);
      this.print(items.map((item) => `${item.key} ${item.label}`).join(" · "));
      this.print(`? ${this.words.menuMessage} (${this.words.plain.menuHint})`);
      const key = await ask.key();
      const item = items.find((i) => i.key === key.normalize("NFKC").slice(0, 1));
      if (item) return item.value;
    }
  }

  /** In an unannounced drill, logs that the facilitator saw what comes next. */
  private logLookAhead(): void {
    if (!this.state.unannounced) return;
    const next = nextPendingInject(this.state);
    this.recordQuietly({
      type: "peek",
      t: this.scenarioNow(),
      ...(next ? { inject: next.id } : {}),
    });
  }

  /** Unannounced: the facilitator's own look at what comes next, logged so the review says so. */
  private peek(): void {
    const { state } = this;
    this.logLookAhead();
    const line = upcomingLine(
      {
        state,
        t: this.scenarioNow(),
        colour: this.colour,
        width: this.width(),
        endKey: MENU_KEYS.end,
      },
      this.words,
    );
    this.print(`${line}  ${this.colour.dim(this.words.peeked)}`);
  }

  private async perform(action: MenuAction): Promise<void> {
    const fc = this.flowContext();
    const log = (flow: (openedAt: number) => Promise<FlowResult>) =>
      this.entry(async (openedAt) => this.logFlow(await flow(openedAt)));
    switch (action) {
      case "decision":
        return log((openedAt) => decisionFlow(fc, { openedAt }));
      case "note":
        return log((openedAt) => noteFlow(fc, { openedAt }));
      case "correct":
        return log(() => correctionFlow(fc));
      case "deliver":
        // Unannounced: these flows show what comes next, so opening them is a look ahead.
        this.logLookAhead();
        return this.entry(async () => {
          this.logFlow(await deliverFlow(fc));
          // After a jump the inject is due at once, paused clock or not.
          this.fireDue();
          this.announce();
        });
      case "skip":
        this.logLookAhead();
        return log(() => skipFlow(fc));
      case "speed":
        return log(() => speedFlow(fc));
      case "pause":
        return this.togglePause();
      case "timeline":
        return this.printTimeline();
      case "inject":
        return this.showInject(await showInjectFlow(fc));
      case "end":
        return log(() => endFlow(fc, this.complete()));
      case "peek":
        return this.peek();
      case "room":
        return this.roomFlow();
    }
  }

  private logFlow(result: FlowResult): void {
    if (result === undefined) return;
    if (isNotice(result)) {
      this.print(this.colour.yellow(result.notice));
      return;
    }
    const written = this.record(result);
    // An inject delivered early is announced like one on time: in full.
    if (written.type === "inject-delivered") {
      this.pending.push(written);
      this.announce();
    } else this.printLogged(written);
  }

  /** A delivered inject again, in full, as it was announced. */
  private showInject(result: string | { notice: string } | undefined): void {
    if (result === undefined) return;
    if (typeof result !== "string") {
      this.print(this.colour.yellow(result.notice));
      return;
    }
    const delivered = this.events.find(
      (event) => event.type === "inject-delivered" && event.inject === result,
    );
    if (delivered?.type !== "inject-delivered") return;
    const words = { log: logMessages[this.options.lang], console: this.words };
    for (const line of announcementLines(
      this.state.plan,
      delivered,
      words,
      this.colour,
      this.width(),
    ))
      this.print(line);
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

  /** After a first Ctrl-C, with the clock held while the question is open. "left" on a second. */
  private async offer(): Promise<"left" | "stayed"> {
    const running = this.state.clock.running;
    const hold = this.holdsClock() && running && !this.state.ended;
    const held = hold
      ? this.recordQuietly({ type: "clock-paused", t: this.scenarioNow() })
      : undefined;
    let choice: Awaited<ReturnType<typeof interruptFlow>>;
    try {
      choice = await interruptFlow(this.flowContext(), running);
    } catch (error) {
      if (isPromptError(error, "ExitPromptError") || this.leave.signal.aborted) return "left";
      throw error;
    }
    if (choice === "pause") {
      if (held) this.printLogged(held);
      else if (this.state.clock.running) this.togglePause();
    } else if (held && !this.state.clock.running) {
      this.recordQuietly({ type: "clock-resumed", t: this.scenarioNow() });
    }
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
