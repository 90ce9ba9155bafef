// The prompts' theme in the console's colours: Node 20's styleText (which the prompts use
// by default) ignores NO_COLOR, so the prompts take their colours from our chalk instance.

import type { ChalkInstance } from "chalk";

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
