// The built CLI in a pseudo-terminal of fixed size, driven like a facilitator would: wait
// until a prompt shows, then type. Never a fixed sleep: every step waits for a marker.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import xterm from "@xterm/headless";
import { type IPty, spawn } from "node-pty";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";

export const CTRL_C = "\u0003";
export const ENTER = "\r";

const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** The colour and style codes (SGR) in raw terminal output. */
export function colourCodes(raw: string): string[] {
  return raw.match(SGR) ?? [];
}

export interface TerminalOptions {
  cwd?: string;
  /** Added to a minimal environment (PATH and TERM; no LANG). */
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
  /** Run `bash` with these arguments instead of the CLI (for pipes: `-c "… | cat"`). */
  shell?: boolean;
}

export interface TerminalExit {
  exitCode: number;
  signal?: number;
}

const open = new Set<Terminal>();

let scratchDirs: Array<{ remove: () => void }> = [];

/** A temporary folder for one test, removed by `cleanUp`. */
export function scratch(prefix = "drill-console-"): string {
  const dir = tempDir(prefix);
  scratchDirs.push(dir);
  return dir.path;
}

/** For `afterEach`: kills every terminal still running and removes the test's folders, pass or fail. */
export function cleanUp(): void {
  killTerminals();
  for (const dir of scratchDirs) dir.remove();
  scratchDirs = [];
}

/** Kills every terminal still running: for `afterEach`, so a failed test leaves nothing behind. */
export function killTerminals(): void {
  for (const terminal of open) terminal.kill("SIGKILL");
  open.clear();
}

export class Terminal {
  private readonly pty: IPty;
  /** What a person would see: the output played on a terminal emulator (with scrollback). */
  private readonly screenModel: InstanceType<typeof xterm.Terminal>;
  private drawn: Promise<void> = Promise.resolve();
  private raw = "";
  private stripped = "";
  private strippedFrom = -1;
  private done = false;
  readonly exit: Promise<TerminalExit>;

  constructor(args: string[], options: TerminalOptions = {}) {
    if (!existsSync(join(ROOT, "dist/main.cjs")))
      throw new Error("dist/ is missing: run `npm run build` first");
    const [file, argv] = options.shell ? ["bash", args] : [process.execPath, [BIN, ...args]];
    this.pty = spawn(file, argv, {
      name: "xterm-256color",
      cols: options.cols ?? 100,
      rows: options.rows ?? 40,
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", ...options.env },
    });
    open.add(this);
    this.screenModel = new xterm.Terminal({
      cols: options.cols ?? 100,
      rows: options.rows ?? 40,
      scrollback: 5000,
      allowProposedApi: true,
    });
    this.pty.onData((chunk) => {
      this.raw += chunk;
      this.drawn = new Promise((resolve) => this.screenModel.write(chunk, resolve));
    });
    this.exit = new Promise((resolve) => {
      this.pty.onExit((exit) => {
        this.done = true;
        open.delete(this);
        resolve(exit);
      });
    });
  }

  /** Everything written so far, as received (with colour and cursor codes). */
  get output(): string {
    return this.raw;
  }

  /** Everything written so far, without escape codes. */
  get text(): string {
    if (this.strippedFrom !== this.raw.length) {
      this.stripped = stripVTControlCharacters(this.raw);
      this.strippedFrom = this.raw.length;
    }
    return this.stripped;
  }

  /** A place in the text: later waits look only after it. */
  mark(): number {
    return this.text.length;
  }

  /** Resolves once `marker` appears in the text after `after`, with the place just after it. */
  async waitFor(marker: string | RegExp, after = 0, timeoutMs = 120_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this.text, marker, after);
      if (found !== undefined) return found;
      if (this.done) throw new Error(`the CLI exited before "${marker}" appeared:\n${this.tail()}`);
      if (Date.now() > deadline)
        throw new Error(`no "${marker}" within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Types `keys`, then waits for each marker in turn to appear after them. */
  async press(keys: string, ...markers: Array<string | RegExp>): Promise<void> {
    let from = this.mark();
    this.pty.write(keys);
    for (const marker of markers) from = await this.waitFor(marker, from);
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  /** Every line of the emulated terminal, scrollback first, as a person would read them. */
  async screen(): Promise<string[]> {
    await this.drawn;
    const buffer = this.screenModel.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++)
      lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
    while (lines.length > 0 && lines.at(-1) === "") lines.pop();
    return lines;
  }

  /**
   * Makes the terminal smaller or larger, as dragging its window would: the emulator reflows
   * what it shows first, then the program is told (SIGWINCH), as a real terminal does.
   */
  async resize(cols: number, rows: number): Promise<void> {
    await this.drawn;
    this.screenModel.resize(cols, rows);
    this.pty.resize(cols, rows);
  }

  kill(signal: NodeJS.Signals): void {
    if (!this.done) this.pty.kill(signal);
  }

  /** The end of the screen text, for failure messages. */
  tail(lines = 40): string {
    return this.text.split("\n").slice(-lines).join("\n");
  }
}

function find(text: string, marker: string | RegExp, after: number): number | undefined {
  if (typeof marker === "string") {
    const at = text.indexOf(marker, after);
    return at < 0 ? undefined : at + marker.length;
  }
  const match = new RegExp(marker.source, marker.flags.replace("g", "")).exec(text.slice(after));
  return match ? after + match.index + match[0].length : undefined;
}

/**
 * Opens a decision entry (Chinese console) for the group listed `groupKey`-th, takes its first
 * open expectation and the status listed `statusKey`-th (default: done), and stops at the text.
 */
export async function openDecision(
  term: Terminal,
  groupKey: string,
  statusKey = "",
): Promise<void> {
  await term.press("1", "哪个组？");
  await term.press(`${groupKey}${ENTER}`, "回应哪项预期动作？");
  await term.press(ENTER, "? 状态");
  await term.press(`${statusKey}${ENTER}`, "决策或处置内容");
}
