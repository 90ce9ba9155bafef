// A capability library: the capabilities objectives are scoped and rated by, with their
// mission areas or typical critical tasks. Libraries are data files (YAML), the built-in ones
// embedded in the build as data (./builtin.ts), a user's own read from its text
// (./library-yaml.ts); checking is pure.

import * as z from "zod/mini";
import "../zod-messages.js";
import type { Lang } from "../core/plan.js";
import type { Problem, SourceLocation } from "../errors.js";

/** A name in both languages of the tool; either may be missing in a user's library. */
export interface Words {
  en?: string;
  zh?: string;
}

export interface Capability {
  /** `<library>.<slug>`, e.g. `fema.operational-coordination`, `cn.tracing`. */
  id: string;
  name: Words;
  /** Other names it goes by (a working group's name in another county's plan). */
  aliases: string[];
  missionAreas: string[];
  criticalTasks: Words[];
}

export interface CapabilityLibrary {
  id: string;
  version: number;
  edition?: string;
  title: Words;
  missionAreas: Record<string, Words>;
  capabilities: Capability[];
}

const LIBRARY_ID = /^[a-z][a-z0-9-]*$/;
const CAPABILITY_ID = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;

const words = z
  .strictObject({ en: z.optional(z.string()), zh: z.optional(z.string()) })
  .check(z.refine((w) => Boolean(w.en || w.zh), "needs an `en` or a `zh` name"));

const librarySchema = z.strictObject({
  library: z.string().check(z.regex(LIBRARY_ID, "is not a library id (lower case, e.g. ours)")),
  version: z.int().check(z.positive()),
  edition: z.optional(z.string()),
  title: words,
  "mission-areas": z.optional(z.record(z.string(), words)),
  capabilities: z
    .array(
      z.strictObject({
        id: z
          .string()
          .check(
            z.regex(CAPABILITY_ID, "is not a capability id (`<library>.<slug>`, e.g. ours.triage)"),
          ),
        name: words,
        aliases: z.optional(z.array(z.string())),
        "mission-areas": z.optional(z.array(z.string())),
        "critical-tasks": z.optional(z.array(words)),
      }),
    )
    .check(z.minLength(1, "a library needs at least one capability")),
});

export interface LibraryParseResult {
  library?: CapabilityLibrary;
  problems: Problem[];
}

/**
 * A library given as data, as the built-in ones are embedded (./builtin.ts): checked as a
 * file is, its problems placed at the file alone.
 */
export function libraryFromData(raw: unknown, file: string): LibraryParseResult {
  const nowhere = (): SourceLocation => ({ file });
  return checkLibrary(raw, { offset: nowhere, value: nowhere });
}

export interface Locator {
  offset(offset: number): SourceLocation;
  value(path: readonly (string | number)[]): SourceLocation;
}

/** Checks a library's data; `locator` places each problem in its file. */
export function checkLibrary(raw: unknown, locator: Locator): LibraryParseResult {
  const shape = librarySchema.safeParse(raw);
  if (!shape.success) {
    return {
      problems: shape.error.issues.slice(0, 20).map((issue) => ({
        severity: "error" as const,
        location: locator.value(issue.path as (string | number)[]),
        message: `${issue.path.length > 0 ? `\`${issue.path.join(".")}\` ` : ""}${issue.message}`,
        hint: "see `drill capabilities --library fema` for a library's form",
      })),
    };
  }
  const input = shape.data;
  const problems: Problem[] = [];
  const areas = input["mission-areas"] ?? {};
  const seen = new Set<string>();
  input.capabilities.forEach((c, i) => {
    const at = (field: string) => locator.value(["capabilities", i, field]);
    if (!c.id.startsWith(`${input.library}.`))
      problems.push({
        severity: "error",
        location: at("id"),
        message: `capability id "${c.id}" does not start with the library's id "${input.library}."`,
        hint: `write it as ${input.library}.${c.id.split(".").slice(1).join(".")}`,
      });
    if (seen.has(c.id))
      problems.push({
        severity: "error",
        location: at("id"),
        message: `duplicate capability id "${c.id}"`,
        hint: "give each capability its own id",
      });
    seen.add(c.id);
    for (const area of c["mission-areas"] ?? [])
      if (!(area in areas))
        problems.push({
          severity: "error",
          location: at("mission-areas"),
          message: `unknown mission area "${area}"`,
          hint: `declare it under \`mission-areas\` (declared: ${Object.keys(areas).join(", ") || "none"})`,
        });
  });
  if (problems.length > 0) return { problems };
  return {
    library: {
      id: input.library,
      version: input.version,
      ...(input.edition !== undefined ? { edition: input.edition } : {}),
      title: input.title,
      missionAreas: areas,
      capabilities: input.capabilities.map((c) => ({
        id: c.id,
        name: c.name,
        aliases: c.aliases ?? [],
        missionAreas: c["mission-areas"] ?? [],
        criticalTasks: c["critical-tasks"] ?? [],
      })),
    },
    problems: [],
  };
}

/** A name in the language asked for, else in the other one. */
export function wordsIn(w: Words, lang: Lang): string {
  return (lang === "zh" ? (w.zh ?? w.en) : (w.en ?? w.zh)) ?? "";
}

/** How a library names one of its capabilities: both names, or the one it has. */
export function capabilityName(c: Capability, lang: Lang): string {
  return wordsIn(c.name, lang);
}
