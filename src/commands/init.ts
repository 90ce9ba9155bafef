import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandContext } from "../context.js";
import type { Lang } from "../core/plan.js";
import { UsageError } from "../errors.js";
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
  try {
    // `wx` refuses an existing file in the same step that creates it.
    await writeFile(resolve(ctx.cwd, file), STARTERS[lang], { flag: options.force ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new UsageError(`${file} already exists`, {
        hint: "pass --force to overwrite it, or give another file name",
      });
    }
    if (code === "ENOENT") {
      throw new UsageError(`cannot write ${file}: its folder does not exist`, {
        hint: "create the folder first, or give another path",
      });
    }
    throw new UsageError(`cannot write ${file} (${code ?? String(error)})`, {
      hint: "check that the folder can be written",
    });
  }
  ctx.stdout.write(`wrote ${file}\nnext: drill validate ${file}    then: drill run ${file}\n`);
  return 0;
}
