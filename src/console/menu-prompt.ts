// The console's main prompt: the status board with the action menu under it. It redraws
// itself every `refreshMs` so the clock and the time left keep moving while the
// facilitator thinks, and one key picks an action (arrows and Enter work too). Injects are
// not drawn here: the console closes the menu, prints them above, and opens it again.

import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isUpKey,
  type KeypressEvent,
  useEffect,
  useKeypress,
  useState,
} from "@inquirer/core";
import type { ChalkInstance } from "chalk";
import { columns } from "./text.js";

export interface MenuItem<Value extends string> {
  /** The key that picks it at once: a digit. */
  key: string;
  label: string;
  value: Value;
}

export interface BoardMenuConfig<Value extends string> {
  /** The board above the menu, recomputed at every redraw. */
  board: () => string[];
  items: readonly MenuItem<Value>[];
  message: string;
  help: string;
  /** Terminal columns, read at every redraw. */
  width: () => number;
  refreshMs: number;
  colour: ChalkInstance;
  /** Told every frame drawn, so a resize can clear exactly what the terminal reflowed. */
  onFrame?: (lines: string[]) => void;
}

const HIDE_CURSOR = "\u001B[?25l";

/** How many lines the menu under the board takes. */
export function menuHeight<Value extends string>(
  items: readonly MenuItem<Value>[],
  width: number,
): number {
  return menuRows(items, width, undefined, undefined).length + 2;
}

function menuRows<Value extends string>(
  items: readonly MenuItem<Value>[],
  width: number,
  active: number | undefined,
  colour: ChalkInstance | undefined,
): string[] {
  const cells = items.map((item, i) => {
    const key = colour ? colour.cyan.bold(item.key) : item.key;
    const label = i === active && colour ? colour.inverse(item.label) : item.label;
    return `${key} ${label}`;
  });
  return columns(cells, width, 3);
}

function boardMenuView<Value extends string>(
  config: BoardMenuConfig<Value>,
  done: (value: Value) => void,
): string {
  const { items, colour } = config;
  const [active, setActive] = useState<number | undefined>(undefined);
  const [, setFrame] = useState(0);
  const [picked, setPicked] = useState<string | undefined>(undefined);

  useEffect(() => {
    const timer = setInterval(() => setFrame((frame) => frame + 1), config.refreshMs);
    return () => clearInterval(timer);
  }, []);

  useKeypress((key: KeypressEvent, rl) => {
    const byKey = items.find((item) => item.key === key.name);
    if (byKey) {
      setPicked(byKey.label);
      done(byKey.value);
      return;
    }
    if (isEnterKey(key) && active !== undefined) {
      const item = items[active];
      if (item) {
        setPicked(item.label);
        done(item.value);
      }
      return;
    }
    if (isUpKey(key) || isDownKey(key)) {
      const step = isUpKey(key) ? -1 : 1;
      const from = active ?? (step > 0 ? -1 : 0);
      setActive((from + step + items.length) % items.length);
    }
    // Other keys are not text: keep readline's line empty so the prompt line stays put.
    rl.clearLine(0);
  });

  const prompt = `${colour.blue("?")} ${colour.bold(config.message)}`;
  if (picked !== undefined) return `${prompt} ${colour.cyan(picked)}`;
  const width = config.width();
  const lines = [
    ...config.board(),
    ...menuRows(items, width, active, colour),
    colour.dim(config.help),
    prompt,
  ];
  config.onFrame?.(lines);
  return `${lines.join("\n")}${HIDE_CURSOR}`;
}

export const boardMenu = createPrompt(boardMenuView) as <Value extends string>(
  config: BoardMenuConfig<Value>,
  context?: Parameters<ReturnType<typeof createPrompt>>[1],
) => Promise<Value>;
