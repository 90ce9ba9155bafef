import { resolve } from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import type { Capability, CapabilityLibrary } from "../capabilities/library.js";
import { capabilityName } from "../capabilities/library.js";
import { findLibrary } from "../capabilities/load.js";
import type { CommandContext } from "../context.js";
import type { Lang } from "../core/plan.js";
import { didYouMean } from "../core/suggest.js";
import { InterruptedError, UsageError } from "../errors.js";
import { writeOutput } from "../output.js";
import starterEn from "./templates/starter.en.yaml?raw";
import starterZh from "./templates/starter.zh.yaml?raw";

export interface InitOptions {
  lang?: Lang;
  force?: boolean;
  /** A capability library (fema, cn or a file) to pick the objectives' capabilities from. */
  capabilities?: string;
  /** The picked ids, comma-separated: no checklist (scripts, tests, pipes). */
  pick?: string;
}

/** The commented starter plans, embedded in the bundle. */
export const STARTERS: Readonly<Record<Lang, string>> = { en: starterEn, zh: starterZh };

/** `drill init [file] [--lang zh|en] [--capabilities lib [--pick ids]] [--force]`: a starter plan that validates. */
export async function init(
  file: string,
  options: InitOptions,
  ctx: CommandContext,
): Promise<number> {
  const lang: Lang = options.lang === "zh" ? "zh" : "en";
  if (options.pick !== undefined && options.capabilities === undefined)
    throw new UsageError("--pick needs --capabilities <library>", {
      hint: "drill init --capabilities cn --pick cn.tracing,cn.testing",
    });
  let text = STARTERS[lang];
  if (options.capabilities !== undefined) {
    const library = await findLibrary(options.capabilities, ctx.cwd);
    const picked =
      options.pick !== undefined
        ? pickByIds(library, options.pick)
        : await pickInteractively(library, lang, ctx);
    text = withCapabilities(text, picked, lang);
  }
  await writeOutput(resolve(ctx.cwd, file), file, text, {
    force: options.force ?? false,
    example: "plan.yaml",
  });
  ctx.stdout.write(`wrote ${file}\nnext: drill validate ${file}    then: drill run ${file}\n`);
  return 0;
}

function pickByIds(library: CapabilityLibrary, ids: string): Capability[] {
  const known = library.capabilities.map((c) => c.id);
  return ids
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.length > 0)
    .map((id) => {
      const found = library.capabilities.find((c) => c.id === id);
      if (found) return found;
      throw new UsageError(`--pick: library ${library.id} has no capability "${id}"`, {
        hint: didYouMean(id, known) ?? `list them: drill capabilities --library ${library.id}`,
      });
    });
}

/** A checklist of the library's capabilities, on the terminal the command runs in. */
async function pickInteractively(
  library: CapabilityLibrary,
  lang: Lang,
  ctx: CommandContext,
): Promise<Capability[]> {
  if (!ctx.stdin.isTTY)
    throw new UsageError("choosing capabilities needs an interactive terminal", {
      hint: `give them with --pick, e.g. --pick ${library.capabilities
        .slice(0, 2)
        .map((c) => c.id)
        .join(",")}`,
    });
  const { checkbox } = await import("@inquirer/prompts");
  try {
    const ids = await checkbox(
      {
        message:
          lang === "zh"
            ? "本预案演练哪些能力？（空格选择，回车确认）"
            : "Which capabilities does the plan exercise? (space to pick, enter when done)",
        choices: library.capabilities.map((c) => ({
          value: c.id,
          name: `${capabilityName(c, lang)}  (${c.id})`,
        })),
        pageSize: 12,
        required: true,
      },
      { input: ctx.stdin, output: ctx.stdout as NodeJS.WritableStream },
    );
    return library.capabilities.filter((c) => ids.includes(c.id));
  } catch (error) {
    if (error instanceof Error && error.name === "ExitPromptError")
      throw new InterruptedError("no plan written: the choice was interrupted");
    throw error;
  }
}

/**
 * The starter with the picked capabilities on its objectives: the first ones go to the
 * starter's own objectives, each further one gets an objective of its own to write injects for.
 */
function withCapabilities(starter: string, picked: readonly Capability[], lang: Lang): string {
  const doc = parseDocument(starter);
  const objectives = doc.get("objectives");
  if (!isSeq(objectives)) return starter;
  picked.forEach((capability, i) => {
    const existing = objectives.items[i];
    if (isMap(existing)) {
      existing.set("capability", capability.id);
      return;
    }
    const name = capabilityName(capability, lang);
    const task = capability.criticalTasks[0];
    const taskText = task
      ? lang === "zh"
        ? (task.zh ?? task.en)
        : (task.en ?? task.zh)
      : undefined;
    objectives.add(
      doc.createNode({
        id: `O${i + 1}`,
        title: taskText ?? (lang === "zh" ? `检验${name}能力` : `Demonstrate ${name}`),
        capability: capability.id,
      }),
    );
  });
  return doc.toString({ lineWidth: 0 });
}
