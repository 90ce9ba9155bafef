// Colour for the console: decided once from the terminal and the environment (NO_COLOR,
// FORCE_COLOR), never from global detection, and used for the prompts' theme too, since
// Node 20's styleText (which the prompts use by default) ignores NO_COLOR.

import { Chalk, type ChalkInstance, type ColorSupportLevel } from "chalk";
import type { OutputStream } from "../context.js";

/**
 * FORCE_COLOR wins (as in Node and chalk), then NO_COLOR (https://no-color.org), then
 * whether the output is a terminal that can show colour at all.
 */
export function colourLevel(
  stdout: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): ColorSupportLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    if (force === "2") return 2;
    if (force === "3") return 3;
    return 1;
  }
  if (env.NO_COLOR) return 0;
  if (!stdout.isTTY || env.TERM === "dumb") return 0;
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return 3;
  if (env.TERM?.includes("256")) return 2;
  return 1;
}

export function consoleChalk(
  stdout: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): ChalkInstance {
  return new Chalk({ level: colourLevel(stdout, env) });
}

/** The prompts' theme in the console's colours, with the key help in the interface language. */
export function promptTheme(colour: ChalkInstance, keysHelp: string) {
  return {
    prefix: { idle: colour.blue("?"), done: colour.green("✔") },
    style: {
      answer: (text: string) => colour.cyan(text),
      message: (text: string) => colour.bold(text),
      error: (text: string) => colour.red(`> ${text}`),
      defaultAnswer: (text: string) => colour.dim(`(${text})`),
      help: (text: string) => colour.dim(text),
      highlight: (text: string) => colour.cyan(text),
      key: (text: string) => colour.cyan.bold(`<${text}>`),
      description: (text: string) => colour.cyan(text),
      disabled: (text: string) => colour.dim(text),
      keysHelpTip: () => colour.dim(keysHelp),
    },
    indexMode: "number" as const,
  };
}

export type PromptTheme = ReturnType<typeof promptTheme>;
