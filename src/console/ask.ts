// How the flows ask their questions, whatever the screen: in a terminal the console's own
// prompts, closed and opened again as they were when an inject must be announced above
// them; on a plain line-by-line display (standard output not a terminal), numbered lists and
// typed lines. Configs are functions so a reopened prompt shows current counts.

import { createInterface, type Interface } from "node:readline";
import type { ChalkInstance } from "chalk";
import {
  BACK,
  type Back,
  confirm,
  type PickChoice,
  type PickState,
  pick,
  pickMany,
  text,
} from "./prompts.js";

export { BACK, type Back } from "./prompts.js";

export interface PickQuestion<Value extends string> {
  message: string;
  choices: readonly PickChoice<Value>[];
  default?: Value;
  filter?: boolean;
  selected?: readonly Value[];
}

export interface TextQuestion {
  message: string;
  default?: string;
  validate?: (text: string) => true | string;
}

export interface ConfirmQuestion {
  message: string;
  default: boolean;
}

export interface Ask {
  pick<Value extends string>(question: () => PickQuestion<Value>): Promise<Value | Back>;
  pickMany<Value extends string>(question: () => PickQuestion<Value>): Promise<Value[] | Back>;
  text(question: () => TextQuestion): Promise<string | Back>;
  confirm(question: () => ConfirmQuestion): Promise<boolean | Back>;
}

/** The keys lines under the prompts, in the interface language. */
export interface AskHelp {
  list: string;
  filterList: string;
  many: string;
  text: string;
}

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Aborted to leave the drill: every prompt closes. */
  signal: AbortSignal;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortPromptError";
}

/**
 * The terminal's prompts. `interrupt()` closes the open one (it clears itself from the
 * screen); `between()` then prints what must go above it, and the prompt opens again with
 * its state: the active choice, the filter typed, the text typed.
 */
export class TerminalAsk implements Ask {
  private open: AbortController | undefined;

  constructor(
    private readonly streams: () => PromptStreams,
    private readonly look: { colour: ChalkInstance; help: AskHelp; rows: () => number },
    private readonly between: () => void,
  ) {}

  /** Closes the prompt on screen, if any, to be opened again; false when none is open. */
  interrupt(): boolean {
    if (!this.open) return false;
    this.open.abort();
    return true;
  }

  /** Runs a prompt, opening it again after each interruption with the state it had. */
  async run<Value, State>(
    prompt: (
      initial: State | undefined,
      onState: (state: State) => void,
      context: {
        input: NodeJS.ReadableStream;
        output: NodeJS.WritableStream;
        signal: AbortSignal;
        clearPromptOnDone: boolean;
      },
    ) => Promise<Value>,
  ): Promise<Value> {
    let state: State | undefined;
    for (;;) {
      const { input, output, signal } = this.streams();
      const interrupt = new AbortController();
      this.open = interrupt;
      try {
        const answer = await prompt(
          state,
          (next) => {
            state = next;
          },
          {
            input,
            output,
            signal: AbortSignal.any([signal, interrupt.signal]),
            clearPromptOnDone: true,
          },
        );
        // An inject that came just as the prompt closed is shown now, not at the next one.
        if (interrupt.signal.aborted) this.between();
        return answer;
      } catch (error) {
        if (!(isAbort(error) && interrupt.signal.aborted && !signal.aborted)) throw error;
      } finally {
        if (this.open === interrupt) this.open = undefined;
      }
      this.between();
    }
  }

  private pageSize(): number {
    return Math.max(5, this.look.rows() - 6);
  }

  /** A question in the console's look, with the state to open it again as it was. */
  private dressed<Question, State>(
    question: Question,
    help: string,
    initial: State | undefined,
    onState: (state: State) => void,
  ) {
    return {
      ...question,
      colour: this.look.colour,
      help,
      ...(initial !== undefined ? { initial } : {}),
      onState,
    };
  }

  pick<Value extends string>(question: () => PickQuestion<Value>): Promise<Value | Back> {
    return this.run<Value | Back, PickState>((initial, onState, context) => {
      const q = question();
      const help = q.filter ? this.look.help.filterList : this.look.help.list;
      return pick(
        { ...this.dressed(q, help, initial, onState), pageSize: this.pageSize() },
        context,
      );
    });
  }

  pickMany<Value extends string>(question: () => PickQuestion<Value>): Promise<Value[] | Back> {
    return this.run<Value[] | Back, PickState>((initial, onState, context) =>
      pickMany(
        {
          ...this.dressed(question(), this.look.help.many, initial, onState),
          pageSize: this.pageSize(),
        },
        context,
      ),
    );
  }

  text(question: () => TextQuestion): Promise<string | Back> {
    return this.run<string | Back, string>((initial, onState, context) =>
      text(this.dressed(question(), this.look.help.text, initial, onState), context),
    );
  }

  confirm(question: () => ConfirmQuestion): Promise<boolean | Back> {
    return this.run<boolean | Back, string>((initial, onState, context) =>
      confirm(this.dressed(question(), this.look.help.text, initial, onState), context),
    );
  }
}

/** Words of the plain display. */
export interface PlainWords {
  /** Under a list: how to answer. */
  pickHint: string;
  manyHint: string;
  textHint: string;
  noMatch: string;
}

/**
 * Line by line, for a standard output that is a file or a pipe (`| tee`): each question is
 * printed once with its numbered choices and answered with a typed line (the terminal echoes
 * it). Esc then Enter, or "<", goes back; Enter alone takes the default.
 */
export class PlainAsk implements Ask {
  private readonly lines: Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private closed = false;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly print: (text: string) => void,
    private readonly words: PlainWords,
    signal: AbortSignal,
  ) {
    this.lines = createInterface({ input, terminal: false });
    this.lines.on("line", (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else this.queue.push(line);
    });
    const close = () => {
      this.closed = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    };
    this.lines.on("close", close);
    signal.addEventListener("abort", close, { once: true });
  }

  close(): void {
    this.lines.close();
  }

  /** The next line typed; rejects like a closed prompt when input ends or the drill is left. */
  private async line(): Promise<string> {
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    if (this.closed) throw closedError();
    const line = await new Promise<string | undefined>((resolve) => {
      this.waiting = resolve;
    });
    if (line === undefined) throw closedError();
    return line;
  }

  private static isBack(line: string): boolean {
    const trimmed = line.trim();
    return trimmed === "<" || trimmed.includes("\u001b");
  }

  async pick<Value extends string>(question: () => PickQuestion<Value>): Promise<Value | Back> {
    const q = question();
    this.print(`? ${q.message}`);
    q.choices.forEach((choice, i) => {
      this.print(`  ${i + 1}. ${choice.name}${choice.value === q.default ? " ←" : ""}`);
    });
    for (;;) {
      this.print(`  ${this.words.pickHint}`);
      const line = await this.line();
      if (PlainAsk.isBack(line)) return BACK;
      const answer = line.trim().normalize("NFKC");
      if (answer === "" && q.default !== undefined) return q.default;
      const byNumber = q.choices[Number(answer) - 1];
      if (/^\d+$/.test(answer) && byNumber) return byNumber.value;
      const matches = q.choices.filter((c) =>
        c.name.normalize("NFKC").toLowerCase().includes(answer.toLowerCase()),
      );
      if (answer !== "" && matches.length === 1 && matches[0]) return matches[0].value;
      this.print(`  ${this.words.noMatch}`);
    }
  }

  async pickMany<Value extends string>(
    question: () => PickQuestion<Value>,
  ): Promise<Value[] | Back> {
    const q = question();
    this.print(`? ${q.message}`);
    q.choices.forEach((choice, i) => {
      this.print(`  ${i + 1}. ${choice.name}`);
    });
    for (;;) {
      this.print(`  ${this.words.manyHint}`);
      const line = await this.line();
      if (PlainAsk.isBack(line)) return BACK;
      const numbers = line
        .normalize("NFKC")
        .split(/[\s,，、]+/)
        .filter(Boolean);
      const picked = numbers.map((n) => q.choices[Number(n) - 1]);
      if (picked.every((c) => c !== undefined)) return picked.map((c) => c.value);
      this.print(`  ${this.words.noMatch}`);
    }
  }

  async text(question: () => TextQuestion): Promise<string | Back> {
    const q = question();
    for (;;) {
      this.print(`? ${q.message}${q.default ? ` (${q.default})` : ""}`);
      const line = await this.line();
      if (PlainAsk.isBack(line)) return BACK;
      const answer = (line.trim() === "" ? (q.default ?? "") : line).trim();
      const verdict = q.validate?.(answer) ?? true;
      if (verdict === true) return answer;
      this.print(`  > ${verdict}`);
    }
  }

  async confirm(question: () => ConfirmQuestion): Promise<boolean | Back> {
    const q = question();
    this.print(`? ${q.message} ${q.default ? "(Y/n)" : "(y/N)"}`);
    const line = await this.line();
    if (PlainAsk.isBack(line)) return BACK;
    const answer = line.trim().toLowerCase();
    return answer === "" ? q.default : /^(y|yes|是|好)/.test(answer);
  }

  /** The menu: one line typed, its first character the key. */
  async key(): Promise<string> {
    return (await this.line()).trim();
  }
}

/** What a closed input looks like to the console: as if the prompt was closed with Ctrl-C. */
function closedError(): Error {
  const error = new Error("the input was closed");
  error.name = "ExitPromptError";
  return error;
}
