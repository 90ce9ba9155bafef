// `drill capabilities [plans...] [--library id|file] [--format md|json]`: lists a capability
// library, or, given plans, which of its capabilities they exercise and which none does.

import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { builtinLibraries } from "../capabilities/builtin.js";
import { catalogueOf } from "../capabilities/catalogue.js";
import { type Coverage, coverageOf } from "../capabilities/coverage.js";
import { type CapabilityLibrary, capabilityName, wordsIn } from "../capabilities/library.js";
import { findLibrary } from "../capabilities/load.js";
import type { CommandContext } from "../context.js";
import type { Lang, Plan } from "../core/plan.js";
import { UsageError } from "../errors.js";
import { resolveLang } from "../lang.js";
import { readPlanFile } from "../plan/load.js";
import { cell, md } from "../review/escape.js";
import { jsonText } from "../text.js";

export interface CapabilitiesOptions {
  library?: string;
  format?: string;
  lang?: string;
}

export async function capabilities(
  plans: readonly string[],
  options: CapabilitiesOptions,
  ctx: CommandContext,
): Promise<number> {
  const format = options.format ?? "md";
  if (format !== "md" && format !== "json")
    throw new UsageError(`--format must be md or json, not "${format}"`, {
      hint: "drill capabilities --format json",
    });
  const libraries = options.library
    ? [await findLibrary(options.library, ctx.cwd)]
    : [...builtinLibraries()];
  const lang = resolveLang(options.lang, undefined, ctx.env);
  if (plans.length === 0) {
    ctx.stdout.write(
      format === "json"
        ? `${jsonText({ libraries }, 2)}\n`
        : libraries.map((l) => libraryMarkdown(l, lang)).join("\n"),
    );
    return 0;
  }
  const catalogue = catalogueOf(
    builtinLibraries().some((l) => libraries.includes(l))
      ? builtinLibraries()
      : [...builtinLibraries(), ...libraries],
  );
  const loaded: { file: string; plan: Plan }[] = [];
  for (const file of await planFiles(plans, ctx.cwd))
    loaded.push({
      file,
      plan: (await readPlanFile(file, { cwd: ctx.cwd, capabilities: catalogue })).plan,
    });
  const coverage = libraries.map((l) => coverageOf(l, loaded, catalogue));
  ctx.stdout.write(
    format === "json"
      ? `${jsonText({ plans: loaded.map((p) => p.file), coverage }, 2)}\n`
      : coverage
          .map((c, i) =>
            coverageMarkdown(c, libraries[i] as CapabilityLibrary, loaded.length, lang),
          )
          .join("\n"),
  );
  return 0;
}

/** Plan files as given, and the plans (*.yaml, not decision scripts) in folders given. */
async function planFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(resolve(cwd, path)).catch(() => undefined);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(resolve(cwd, path), { recursive: true, withFileTypes: true });
    const found = entries
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !/\.script\.ya?ml$/i.test(e.name))
      .map((e) => join(path, (e.parentPath ?? path).slice(resolve(cwd, path).length), e.name))
      .sort();
    files.push(...found);
  }
  return files;
}

const HEAD = {
  en: { id: "Id", name: "Capability", areas: "Mission areas", tasks: "Critical tasks" },
  zh: { id: "编号", name: "能力", areas: "任务领域", tasks: "关键任务" },
} as const;

function libraryMarkdown(library: CapabilityLibrary, lang: Lang): string {
  const h = HEAD[lang];
  const withTasks = library.capabilities.some((c) => c.criticalTasks.length > 0);
  const lines = [
    `## ${md(wordsIn(library.title, lang))} (\`${library.id}\`, version ${library.version})`,
    "",
    ...(library.edition ? [md(library.edition), ""] : []),
    `| ${h.id} | ${h.name} | ${withTasks ? h.tasks : h.areas} |`,
    "| --- | --- | --- |",
    ...library.capabilities.map((c) => {
      const third = withTasks
        ? c.criticalTasks.map((t) => wordsIn(t, lang)).join("; ")
        : c.missionAreas.map((a) => wordsIn(library.missionAreas[a] ?? { en: a }, lang)).join(", ");
      return `| \`${c.id}\` | ${cell(capabilityName(c, lang))} | ${cell(third)} |`;
    }),
    "",
  ];
  return `${lines.join("\n")}\n`;
}

const COVERAGE = {
  en: {
    title: (name: string, plans: number) => `## Coverage of ${name} by ${plans} plan(s)`,
    never: (n: number, of: number) =>
      `${n} of ${of} capabilities are exercised by no plan: a gap in the drill programme.`,
    all: "Every capability is exercised by at least one plan.",
    plans: "Plans",
    none: "never exercised",
  },
  zh: {
    title: (name: string, plans: number) => `## ${name}：${plans} 个预案的覆盖情况`,
    never: (n: number, of: number) =>
      `${of} 项能力中有 ${n} 项没有任何预案演练：演练计划本身的短板。`,
    all: "每项能力都至少有一个预案演练。",
    plans: "预案",
    none: "从未演练",
  },
} as const;

function coverageMarkdown(
  coverage: Coverage,
  library: CapabilityLibrary,
  plans: number,
  lang: Lang,
): string {
  const w = COVERAGE[lang];
  const h = HEAD[lang];
  const byId = new Map(library.capabilities.map((c) => [c.id, c]));
  const lines = [
    w.title(md(wordsIn(library.title, lang)), plans),
    "",
    coverage.never.length > 0
      ? w.never(coverage.never.length, coverage.capabilities.length)
      : w.all,
    "",
    `| ${h.id} | ${h.name} | ${w.plans} |`,
    "| --- | --- | --- |",
    ...coverage.capabilities.map((c) => {
      const capability = byId.get(c.id);
      const name = capability ? capabilityName(capability, lang) : c.id;
      const where = c.plans.length > 0 ? c.plans.map((p) => md(p)).join(", ") : `**${w.none}**`;
      return `| \`${c.id}\` | ${cell(name)} | ${where} |`;
    }),
    "",
  ];
  return `${lines.join("\n")}\n`;
}
