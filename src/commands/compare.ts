// `drill compare <a> <b>`: two drills compared as `drill replay` compares a series, `a` read as
// the earlier one: findings fixed, new and recurring, each expectation's time and outcome,
// groups, objective ratings, and where their plans differ. Text for the terminal, md or json.

import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { resolveLang } from "../lang.js";
import { checkOutput } from "../output.js";
import { drillsTable, summaryHead } from "../replay/markdown.js";
import { replayMessages } from "../replay/messages.js";
import { type ReplaySettings, replayLog } from "../replay/replay-log.js";
import { compareText } from "../replay/text.js";
import { createTrend, headline } from "../replay/trend.js";
import { streamSink, writeReportToFile } from "../review/file.js";
import { cleanText, jsonText } from "../text.js";

export const COMPARE_FORMAT = "drillbook-compare/2";

export interface CompareOptions {
  lang?: string;
  format?: string;
  out?: string;
  force?: boolean;
}

export async function compare(
  a: string,
  b: string,
  options: CompareOptions,
  ctx: CommandContext,
): Promise<number> {
  const out = options.out === undefined ? undefined : resolve(ctx.cwd, options.out);
  const logs = [a, b].map((name) => ({ path: resolve(ctx.cwd, name), name }));
  const rule = {
    force: options.force ?? false,
    inputs: logs.map((log) => ({ path: log.path, shown: log.name, what: "a log" })),
  };
  if (out && options.out !== undefined) await checkOutput(out, options.out, rule);
  const settings: ReplaySettings = {
    lang: (plan) => resolveLang(options.lang, plan.lang, ctx.env),
  };
  const [before, after] = await Promise.all(logs.map((log) => replayLog(log, settings)));
  if (!before || !after) throw new Error("compare: two logs expected");
  for (const warning of [...before.warnings, ...after.warnings]) ctx.stderr.write(`${warning}\n`);

  const lang = resolveLang(options.lang, after.row.lang, ctx.env);
  const words = replayMessages[lang];
  if (Date.parse(after.row.startedAt) < Date.parse(before.row.startedAt))
    ctx.stderr.write(`${words.compareOrder(a, b)}\n`);

  const builder = createTrend({ recent: 2 });
  builder.add(before.row);
  builder.add(after.row);
  // Two drills: the headline is between them, whether or not both were played through.
  const trend = { ...builder.finish(), headline: headline(before.row, 1, after.row, 2) };

  let text: string;
  if (options.format === "json") {
    text = `${jsonText({ format: COMPARE_FORMAT, before: before.row, after: after.row, trend }, 2)}\n`;
  } else if (options.format === "md") {
    const table = drillsTable(lang, false);
    text =
      summaryHead(trend, { lang, failed: [], title: words.compareTitle }) +
      table.head +
      table.row(before.row, 1) +
      table.row(after.row, 2, before.row);
  } else {
    // Names and texts come from the logs: nothing in them may reach the terminal raw.
    text = cleanText(
      compareText(before.row, after.row, trend, {
        lang,
        ...(ctx.stdout.columns !== undefined ? { columns: ctx.stdout.columns } : {}),
      }),
    );
  }
  if (out) await writeReportToFile(out, (sink) => sink(text), options.out, rule);
  else await streamSink(ctx.stdout)(text);
  return 0;
}
