import type { Lang } from "./core/plan.js";

/**
 * The language to speak: the `--lang` flag, else the plan's `lang`, else the system locale
 * (LC_ALL / LC_MESSAGES / LANG starting with "zh"), else English.
 */
export function resolveLang(
  flag: string | undefined,
  planLang: Lang | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Lang {
  if (flag === "zh" || flag === "en") return flag;
  if (planLang) return planLang;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}
