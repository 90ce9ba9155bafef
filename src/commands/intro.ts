// `drill` with no arguments: what the tool is, the few commands most people need, and a
// first command to try; `drill --help` has the rest.
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import type { Lang } from "../core/plan.js";
import { resolveLang } from "../lang.js";

interface Step {
  /** A command declared in src/cli.ts. */
  command: string;
  /** What to type after the command's name. */
  example: string;
  says: Record<Lang, string>;
}

/** The loop of a drill, in the order a newcomer meets it. */
export const FIRST_STEPS: readonly Step[] = [
  {
    command: "init",
    example: "plan.yaml",
    says: { en: "write a commented starter plan", zh: "生成一份带注释的预案模板" },
  },
  {
    command: "validate",
    example: "plan.yaml",
    says: {
      en: "check it; every problem comes with file:line:col",
      zh: "检查预案，问题精确到行列",
    },
  },
  {
    command: "run",
    example: "plan.yaml",
    says: {
      en: "run the drill on the console, logging every decision",
      zh: "在终端上推演，记录每项决策",
    },
  },
  {
    command: "review",
    example: "drills/<log>.jsonl",
    says: { en: "write the after-action report (复盘)", zh: "生成复盘报告" },
  },
];

const TEXT = {
  en: {
    what: "Run response-plan tabletop drills and write the after-action review (复盘).",
    steps: "The commands most people need:",
    first: "New here? Watch a whole drill and its report, no typing needed:",
    more: "Every command and flag: ",
  },
  zh: {
    what: "桌面推演工具：按预案推演，记录决策，生成复盘报告。",
    steps: "常用命令：",
    first: "第一次使用？先看一次完整的推演和复盘报告，无需输入：",
    more: "全部命令和参数：",
  },
} satisfies Record<Lang, Record<string, string>>;

export function introText(program: Command, lang: Lang, invokedAs?: string): string {
  const name = invokedAs ?? program.name();
  const declared = new Set(program.commands.map((cmd) => cmd.name()));
  const steps = FIRST_STEPS.filter((step) => declared.has(step.command));
  const lines = steps.map((step) => `${name} ${step.command} ${step.example}`);
  const width = Math.max(...lines.map((line) => line.length));
  const text = TEXT[lang];
  return [
    `${program.name()} ${program.version() ?? ""}`.trimEnd(),
    text.what,
    "",
    text.steps,
    ...steps.map((step, i) => `  ${(lines[i] ?? "").padEnd(width)}   ${step.says[lang]}`),
    "",
    text.first,
    `  ${name} demo`,
    "",
    `${text.more}${name} --help`,
    "",
  ].join("\n");
}

/** `drill` with no arguments. The language follows the system locale. */
export async function intro(program: Command, ctx: CommandContext): Promise<number> {
  ctx.stdout.write(introText(program, resolveLang(undefined, undefined, ctx.env), ctx.program));
  return 0;
}
