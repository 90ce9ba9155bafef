// `drill log <log>`: the drill as a readable timeline, or its events as JSON Lines.
// Streams: a log of any size prints in bounded memory.

import { resolve } from "node:path";
import { terminalChalk } from "../colour.js";
import type { CommandContext } from "../context.js";
import { formatProblem } from "../errors.js";
import { resolveLang } from "../lang.js";
import { LineOutput } from "../log/output.js";
import { readLogLines } from "../log/reader.js";
import { type Timeline, timeline } from "../log/timeline.js";
import { jsonText } from "../text.js";

export interface LogOptions {
  /** Print the checked lines as JSON Lines (without their hashes) instead of the timeline. */
  json?: boolean;
  lang?: "zh" | "en";
}

export async function log(file: string, options: LogOptions, ctx: CommandContext): Promise<number> {
  const out = new LineOutput(ctx.stdout);
  const colour = terminalChalk(ctx.stdout, ctx.env);
  const lines = readLogLines(resolve(ctx.cwd, file), {
    name: file,
    onWarning: (problem) => ctx.stderr.write(`${formatProblem(problem)}\n`),
  });
  let view: Timeline | undefined;
  let lastT = 0;
  let ended = false;
  try {
    for await (const line of lines) {
      if (out.closed) break;
      if (options.json) {
        await out.line(jsonText(line));
      } else if (line.type === "header") {
        view = timeline(line, resolveLang(options.lang, line.plan.lang, ctx.env), colour);
        for (const text of view.heading) await out.line(text);
      } else if (view) {
        await out.line(view.line(line));
        lastT = line.t;
        ended ||= line.type === "drill-ended";
      }
    }
    if (view && !ended) await out.line(view.unfinished(lastT));
  } finally {
    // Print what was read before a bad line, then let the error name it.
    await out.flush();
  }
  return 0;
}
