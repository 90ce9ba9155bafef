// The one errors module. Errors carry a message, where (file:line:col) and a hint;
// only the entry point (src/cli.ts) prints them and turns them into exit codes.

import { oneLine } from "./text.js";

export const EXIT = { ok: 0, failed: 1, usage: 2, notEnded: 3, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The code of the error a module file missing from the built CLI is thrown with (bin/drill). */
export const MODULE_MISSING = "DRILL_MODULE_MISSING";

/** What a broken build or install is told, or undefined when `error` is something else. */
export function incompleteInstallation(error: unknown): string | undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== MODULE_MISSING) return undefined;
  return `drill: this installation is incomplete: ${(error as Error).message}\n  hint: build it again (npm run build) or reinstall drillbook\n`;
}

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in characters (a CJK character counts as one). */
  col?: number;
}

export type Severity = "error" | "warning";

/** One thing wrong with an input file: a plan, a script, a log, a spreadsheet. */
export interface Problem {
  severity: Severity;
  location: SourceLocation;
  message: string;
  hint?: string;
}

export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.col !== undefined) text += `:${location.col}`;
  return text;
}

/**
 * A problem as printed: its line, then its hint. Messages quote the input's own text, so each
 * part is cleaned and kept to its line (src/text.ts): an input cannot print lines of its own.
 */
export function formatProblem(problem: Problem): string {
  return printed(formatLocation(problem.location), problem.severity, problem.message, problem.hint);
}

function printed(where: string, severity: string, message: string, hint: string | undefined) {
  const head = `${where ? `${oneLine(where)}: ` : ""}${severity}: ${oneLine(message)}`;
  return hint ? `${head}\n  hint: ${oneLine(hint)}` : head;
}

export abstract class DrillError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly location?: SourceLocation;
  readonly hint?: string;
  /** The command has said it already (e.g. in the JSON it printed): only the exit code is left. */
  readonly reported: boolean;

  constructor(
    message: string,
    options: { location?: SourceLocation; hint?: string; cause?: unknown; reported?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.location) this.location = options.location;
    if (options.hint) this.hint = options.hint;
    this.reported = options.reported ?? false;
  }

  /** The text the entry point prints to standard error, cleaned as `formatProblem`'s. */
  describe(): string {
    return printed(
      this.location ? formatLocation(this.location) : "",
      "error",
      this.message,
      this.hint,
    );
  }
}

/** The command line itself is wrong: unknown flag, missing argument, missing file. Exit 2. */
export class UsageError extends DrillError {
  readonly exitCode = EXIT.usage;
}

/** An input file is wrong (plan, script, log, spreadsheet, mapping). Exit 1. */
export class InputError extends DrillError {
  readonly exitCode = EXIT.failed;
  readonly problems: Problem[];
  /** Problems found beyond those listed (a file with thousands lists the first ones). */
  readonly omitted: number;

  constructor(
    message: string,
    options: {
      location?: SourceLocation;
      hint?: string;
      cause?: unknown;
      problems?: Problem[];
      omitted?: number;
    } = {},
  ) {
    super(message, options);
    this.omitted = options.omitted ?? 0;
    this.problems = options.problems ?? [
      {
        severity: "error",
        location: options.location ?? { file: "<input>" },
        message,
        ...(options.hint ? { hint: options.hint } : {}),
      },
    ];
  }

  override describe(): string {
    if (this.problems.length <= 1 && this.location) return super.describe();
    const errors = this.problems.filter((p) => p.severity === "error").length;
    const lines = this.problems.map(formatProblem);
    if (this.omitted > 0)
      lines.push(
        `${errors} error(s) and ${this.problems.length - errors} warning(s) listed, and ${this.omitted} more problem(s) after them`,
      );
    else if (this.problems.length > 1)
      lines.push(`${errors} error(s), ${this.problems.length - errors} warning(s)`);
    return lines.join("\n");
  }
}

/** The command ran but what it checked failed (a broken log, a failed replay batch). Exit 1. */
export class CheckFailedError extends DrillError {
  readonly exitCode = EXIT.failed;
}

/**
 * A file could not be written although its path was fine: the disk is full, an I/O error.
 * What was written before is intact (a log up to its last recorded event). Exit 1.
 */
export class WriteError extends DrillError {
  readonly exitCode = EXIT.failed;
}

/**
 * A log that checks out but cannot be shown complete: it does not end with the seal of an
 * ended drill (interrupted, or cut short). Exit 3, so scripts can tell it from a broken log;
 * `drill verify --allow-open` accepts it.
 */
export class NotEndedError extends DrillError {
  readonly exitCode = EXIT.notEnded;
}

/** The user interrupted (Ctrl-C). Exit 130; the log is intact. */
export class InterruptedError extends DrillError {
  readonly exitCode = EXIT.interrupted;
}

export function exitCodeFor(error: unknown): ExitCode {
  return error instanceof DrillError ? error.exitCode : EXIT.failed;
}
