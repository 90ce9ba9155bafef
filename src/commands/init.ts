import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import type { Lang } from "../core/plan.js";
import { writeOutput } from "../output.js";
import starterEn from "./templates/starter.en.yaml?raw";
import starterZh from "./templates/starter.zh.yaml?raw";

export interface InitOptions {
  lang?: Lang;
  force?: boolean;
}

/** The commented starter plans, embedded in the bundle. */
export const STARTERS: Readonly<Record<Lang, string>> = { en: starterEn, zh: starterZh };

/** `drill init [file] [--lang zh|en] [--force]`: writes a starter plan that validates. */
export async function init(
  file: string,
  options: InitOptions,
  ctx: CommandContext,
): Promise<number> {
  const lang: Lang = options.lang === "zh" ? "zh" : "en";
  await writeOutput(resolve(ctx.cwd, file), file, STARTERS[lang], {
    force: options.force ?? false,
    example: "plan.yaml",
  });
  ctx.stdout.write(`wrote ${file}\nnext: drill validate ${file}    then: drill run ${file}\n`);
  return 0;
}
