// The console's own prompts, on @inquirer/core like the board menu: a list to pick from
// (digits, arrows, typing part of a name), a text line and a yes/no. Each answers BACK on
// Esc, so every multi-step entry can go back a step, and reports its state as it changes
// (`onState`) so the console can close it to print an inject above it and open it again
// as it was (`initial`), with what was typed kept.

import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  type KeypressEvent,
  useEffect,
  useKeypress,
  usePagination,
  useState,
} from "@inquirer/core";
import type { ChalkInstance } from "chalk";

/** What a prompt answers when the facilitator presses Esc: go back one step. */
export const BACK: unique symbol = Symbol("back");
export type Back = typeof BACK;

export interface PromptLook {
  colour: ChalkInstance;
  /** The keys line under a list, in the interface language. */
  help: string;
}

export interface PickChoice<Value extends string> {
  value: Value;
  name: string;
}

export interface PickState {
  active: number;
  query: string;
  selected: string[];
}

export interface PickConfig<Value extends string> extends PromptLook {
  message: string;
  choices: readonly PickChoice<Value>[];
  /** The choice active at first. */
  default?: Value;
  /** Typing letters narrows the list to the choices whose name contains them. */
  filter?: boolean;
  /** Several choices: digits or Space tick them, Enter takes the ticked ones. */
  multiple?: boolean;
  /** Ticked at first (multiple). */
  selected?: readonly Value[];
  /** Most choices shown at once; the list scrolls past that. */
  pageSize: number;
  initial?: PickState;
  onState?: (state: PickState) => void;
}

const ESCAPE = "escape";

function isDigit(key: KeypressEvent): boolean {
  return !key.ctrl && /^[0-9]$/.test(key.name ?? "");
}

/** Lower case and full-width forms folded, so "流调", "ＡＢ" and "ab" match as typed. */
function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function pickView<Value extends string>(
  config: PickConfig<Value>,
  done: (value: Value | Value[] | Back) => void,
): string {
  const { choices, colour } = config;
  const first = Math.max(
    0,
    choices.findIndex((choice) => choice.value === config.default),
  );
  const [active, setActive] = useState(config.initial?.active ?? first);
  const [query, setQuery] = useState(config.initial?.query ?? "");
  const [selected, setSelected] = useState<string[]>(
    config.initial?.selected ?? [...(config.selected ?? [])],
  );
  // Digits typed one after another make a number: "1", "2" picks the 12th of 12 or more.
  const [digits, setDigits] = useState("");

  const visible = choices
    .map((choice, index) => ({ choice, index }))
    .filter(({ choice }) => !query || fold(choice.name).includes(fold(query)));
  const activeIndex = visible.some((item) => item.index === active)
    ? active
    : (visible[0]?.index ?? active);

  useEffect(() => {
    config.onState?.({ active: activeIndex, query, selected });
  }, [activeIndex, query, selected.join("\u0000")]);

  useEffect((rl) => {
    if (config.filter && query) rl.write(query);
  }, []);

  const toggle = (value: string) =>
    setSelected(
      selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value],
    );

  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      if (config.multiple) {
        done(choices.filter((c) => selected.includes(c.value)).map((c) => c.value));
        return;
      }
      const choice = choices[activeIndex];
      if (choice && visible.length > 0) done(choice.value);
      return;
    }
    if (key.name === ESCAPE) {
      if (query) {
        rl.clearLine(0);
        setQuery("");
      } else done(BACK);
      return;
    }
    if (isDigit(key)) {
      const typed = `${digits}${key.name}`;
      const number = Number(typed) <= choices.length ? typed : (key.name ?? "");
      const index = Number(number) - 1;
      setDigits(number);
      if (choices[index]) {
        setActive(index);
        setQuery("");
        if (config.multiple) toggle(choices[index].value);
      }
      rl.clearLine(0);
      return;
    }
    setDigits("");
    if (isUpKey(key) || isDownKey(key)) {
      const at = visible.findIndex((item) => item.index === activeIndex);
      const step = isUpKey(key) ? -1 : 1;
      const next = visible[(at + step + visible.length) % visible.length];
      if (next) setActive(next.index);
      if (!config.filter) rl.clearLine(0);
      return;
    }
    if (config.multiple && isSpaceKey(key)) {
      const choice = choices[activeIndex];
      if (choice) toggle(choice.value);
      rl.clearLine(0);
      return;
    }
    if (config.filter) {
      if (isBackspaceKey(key) || rl.line !== query) setQuery(rl.line);
      return;
    }
    // Not text: keep readline's line empty so the prompt line stays put.
    rl.clearLine(0);
  });

  const page = usePagination({
    items: visible,
    active: Math.max(
      0,
      visible.findIndex((item) => item.index === activeIndex),
    ),
    pageSize: config.pageSize,
    loop: false,
    renderItem: ({ item, isActive }) => {
      const tick = config.multiple
        ? `${selected.includes(item.choice.value) ? colour.green("◉") : "◯"} `
        : "";
      const line = `${tick}${item.index + 1}. ${item.choice.name}`;
      return isActive ? colour.cyan(`❯ ${line}`) : `  ${line}`;
    },
  });
  const head = `${colour.blue("?")} ${colour.bold(config.message)}${query ? ` ${colour.cyan(query)}` : ""}`;
  return [head, page || colour.dim("  —"), colour.dim(config.help)].join("\n");
}

const pickPrompt = createPrompt(pickView);

type Context = Parameters<typeof pickPrompt>[1];

export function pick<Value extends string>(
  config: PickConfig<Value> & { multiple?: false },
  context?: Context,
): Promise<Value | Back> {
  return pickPrompt(config as PickConfig<string>, context) as Promise<Value | Back>;
}

export function pickMany<Value extends string>(
  config: PickConfig<Value>,
  context?: Context,
): Promise<Value[] | Back> {
  return pickPrompt({ ...(config as PickConfig<string>), multiple: true }, context) as Promise<
    Value[] | Back
  >;
}

export interface TextConfig extends PromptLook {
  message: string;
  /** Taken by Enter on an empty line, shown dim. */
  default?: string;
  /** True, or what is wrong with the answer. */
  validate?: (text: string) => true | string;
  initial?: string;
  onState?: (typed: string) => void;
}

function textView(config: TextConfig, done: (value: string | Back) => void): [string, string] {
  const { colour } = config;
  const [value, setValue] = useState(config.initial ?? "");
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect((rl) => {
    if (config.initial) rl.write(config.initial);
  }, []);
  useEffect(() => {
    config.onState?.(value);
  }, [value]);

  useKeypress((key, rl) => {
    if (key.name === ESCAPE) {
      done(BACK);
      return;
    }
    if (isEnterKey(key)) {
      const answer = (value.trim() === "" ? (config.default ?? "") : value).trim();
      const verdict = config.validate?.(answer) ?? true;
      if (verdict === true) {
        done(answer);
        return;
      }
      // readline has taken the line on Enter: give it back to fix.
      rl.write(value);
      setError(verdict);
      return;
    }
    setValue(rl.line);
    setError(undefined);
  });

  const fallback = config.default && value === "" ? ` ${colour.dim(`(${config.default})`)}` : "";
  return [
    `${colour.blue("?")} ${colour.bold(config.message)}${fallback} ${value}`,
    error ? colour.red(`> ${error}`) : colour.dim(config.help),
  ];
}

const textPrompt = createPrompt(textView);

export function text(config: TextConfig, context?: Context): Promise<string | Back> {
  return textPrompt(config, context);
}

export interface ConfirmConfig extends PromptLook {
  message: string;
  default: boolean;
  initial?: string;
  onState?: (typed: string) => void;
}

/** Yes or no: a text line taking y/yes/是/好 or n, Enter alone for the default. */
export async function confirm(config: ConfirmConfig, context?: Context): Promise<boolean | Back> {
  const { default: yes, ...line } = config;
  const answer = await text(
    { ...line, message: `${config.message} ${yes ? "(Y/n)" : "(y/N)"}` },
    context,
  );
  if (answer === BACK) return BACK;
  return answer === "" ? yes : /^(y|yes|是|好)/i.test(answer);
}
