// Colour for anything printed to a terminal: decided once from the stream and the
// environment (FORCE_COLOR, NO_COLOR), never from chalk's global detection.

import { Chalk, type ChalkInstance, type ColorSupportLevel } from "chalk";
import type { OutputStream } from "./context.js";

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

export function terminalChalk(
  stdout: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): ChalkInstance {
  return new Chalk({ level: colourLevel(stdout, env) });
}
