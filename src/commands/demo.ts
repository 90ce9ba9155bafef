// `drill demo`: the Chinese example end to end with no typing: a scripted drill narrated on
// the console, then its report. The example is embedded, so this works from the single
// executable too; it is written out so the newcomer has the files to look at and change.

import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { format } from "date-fns";
import scriptText from "../../examples/pooled-positive.zh.script.yaml?raw";
import planText from "../../examples/pooled-positive.zh.yaml?raw";
import { terminalChalk } from "../colour.js";
import type { CommandContext } from "../context.js";
import { resolveLang } from "../lang.js";
import { type Timeline, timeline } from "../log/timeline.js";
import { writeOutput } from "../output.js";
import { shellWord } from "../program.js";
import { writeReportFile } from "../review/write.js";
import { displayPath } from "../run/paths.js";
import { runScripted } from "./run.js";

export interface DemoOptions {
  dir: string;
}

const PLAN_FILE = "pooled-positive.zh.yaml";
const SCRIPT_FILE = "pooled-positive.zh.script.yaml";

export async function demo(options: DemoOptions, ctx: CommandContext): Promise<number> {
  const dir = resolve(ctx.cwd, options.dir);
  const show = (path: string) => displayPath(path, ctx.cwd);
  await mkdir(dir, { recursive: true });
  const planPath = join(dir, PLAN_FILE);
  const scriptPath = join(dir, SCRIPT_FILE);
  // The demo's own example files are written afresh on every run (never through a symlink,
  // never over a drill log: the output rule of src/output.ts).
  await writeOutput(planPath, show(planPath), planText, { force: true });
  await writeOutput(scriptPath, show(scriptPath), scriptText, { force: true });
  const stamp = format(ctx.now(), "yyyyMMdd-HHmmss");
  const logPath = join(dir, `drill-${stamp}.jsonl`);
  const reportPath = join(dir, `report-${stamp}.md`);

  const colour = terminalChalk(ctx.stdout, ctx.env);
  const lines: string[] = [];
  let view: Timeline | undefined;
  // The commands' own summaries are replaced by the demo's.
  const quiet: CommandContext = { ...ctx, stdout: { write: () => true } };
  await runScripted(planPath, { script: scriptPath, log: logPath }, quiet, (event, header) => {
    view ??= timeline(header, resolveLang(undefined, header.plan.lang, ctx.env), colour);
    lines.push(view.line(event));
  });
  await writeReportFile(logPath, reportPath, undefined, quiet);

  const out = (text = "") => ctx.stdout.write(`${text}\n`);
  out(
    colour.bold(
      "drillbook demo: 一例初筛混管阳性应急处置桌面推演 (one pooled initial-screening positive)",
    ),
  );
  out(
    "A scripted drill of the Chinese example plan on a virtual clock: 28 hours of scenario time.",
  );
  out();
  for (const line of view?.heading ?? []) out(line);
  for (const line of lines) {
    out(line);
    // On a terminal the drill scrolls by at a readable pace; piped, it prints at once.
    if (ctx.stdout.isTTY) await sleep(25);
  }
  out();
  out(colour.bold("Written:"));
  out(`  plan     ${show(planPath)}`);
  out(`  script   ${show(scriptPath)}`);
  out(`  log      ${show(logPath)}`);
  out(`  report   ${show(reportPath)}`);
  out();
  out(colour.bold("Try next:"));
  // Spelled as the demo was started, so each runs as written (./bin/drill in a fresh clone).
  const drill = ctx.program ?? "drill";
  const next: [string, string][] = [
    [`${drill} review ${shellWord(show(logPath))} --lang en`, "the same report in English"],
    [`${drill} run ${shellWord(show(planPath))}`, "run the drill yourself on the console"],
    [`${drill} init my-plan.yaml`, "start a plan of your own"],
  ];
  const width = Math.max(...next.map(([command]) => command.length));
  for (const [command, what] of next) out(`  ${command.padEnd(width)}   ${colour.dim(what)}`);
  return 0;
}
