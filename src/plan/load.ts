// Reads a plan: YAML text → checked, normalised `Plan`, or every problem with file:line:col.
// `parsePlan` is pure; `readPlanFile` adds the file system and the limits on what it reads.

import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { LineCounter, parseDocument, visit, type YAMLError } from "yaml";
import { builtinCatalogue } from "../capabilities/builtin.js";
import type { CapabilityCatalogue } from "../capabilities/catalogue.js";
import type { Plan } from "../core/plan.js";
import { didYouMean } from "../core/suggest.js";
import { formatLocation, InputError, type Problem, type SourceLocation } from "../errors.js";
import {
  byteLocation,
  decodeText,
  formatSize,
  MAX_INPUT_BYTES,
  PLAN_INPUT,
  readInputFile,
} from "../input.js";
import { LOG_START_BYTES, looksLikeLog } from "../log/format.js";
import { joinCjkFolds } from "./fold.js";
import { createLocator, type Locator, type PlanPath } from "./locate.js";
import { normalisePlan } from "./normalise.js";
import {
  type DeclaredId,
  type IdKind,
  type Indexed,
  type Lenient,
  type LenientInject,
  RULES,
  type RuleContext,
} from "./rules.js";
import {
  type ExpectationInput,
  expectationSchema,
  type GroupInput,
  groupSchema,
  injectSchema,
  type ObjectiveInput,
  objectiveSchema,
  type PlanInput,
  planSchema,
  type SiteInput,
  siteSchema,
} from "./schema.js";

/** Plans are hand-written; anything larger is a mistake (a log, an export) or an attack. */
export const MAX_PLAN_BYTES = MAX_INPUT_BYTES;
/** Aliases the YAML may expand, against "billion laughs" alias bombs (yaml's own default). */
export const MAX_ALIAS_COUNT = 100;
/** Problems listed; beyond them a file is not a plan with mistakes but something else. */
export const MAX_PROBLEMS = 100;

export interface PlanParseResult {
  /** Set if and only if there is no error-severity problem. */
  plan?: Plan;
  /** Errors and warnings, in source order: the first MAX_PROBLEMS of them. */
  problems: Problem[];
  /** How many more problems there are than are listed. */
  omitted?: number;
}

export interface LoadedPlan {
  plan: Plan;
  /** The path as given. */
  file: string;
  source: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  warnings: Problem[];
}

export interface ParsePlanOptions {
  /** The capabilities objectives may name (default: the built-in libraries). */
  capabilities?: CapabilityCatalogue;
}

export function parsePlan(
  source: string,
  file: string,
  options: ParsePlanOptions = {},
): PlanParseResult {
  const fileOnly: SourceLocation = { file };
  if (source.length > MAX_PLAN_BYTES) {
    return fail({
      severity: "error",
      location: fileOnly,
      message: `plan is too large (${formatSize(source.length)}; the limit is ${formatSize(MAX_PLAN_BYTES)})`,
      hint: "a plan is a hand-written YAML file; check that this is the right file",
    });
  }
  const nul = source.indexOf("\u0000");
  if (nul >= 0) {
    return fail(binaryProblem(file, source, nul));
  }
  if (looksLikeLog(Buffer.from(source.slice(0, LOG_START_BYTES), "utf8"))) {
    return fail({
      severity: "error",
      location: { file, line: 1, col: 1 },
      message: "this is a drill log, not a plan",
      hint: `check it with \`drill verify ${file}\`, read it with \`drill log ${file}\`, or review it with \`drill review ${file}\``,
    });
  }

  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    // "error": yaml would otherwise print its own warnings (a mapping used as a key) to stderr.
    doc = parseDocument(source, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      logLevel: "error",
    });
  } catch (error) {
    return fail(tooDeep(fileOnly, error));
  }
  const locator = createLocator(doc, lineCounter, source, file);
  if (doc.errors.length > 0) {
    const tabs = tabIndents(doc.errors, source, lineCounter, file);
    if (tabs.length > 0) return done(tabs);
  }
  // Only the first problems are made into messages: a file of 80,000 stray brackets is
  // answered as fast as one with a single slip.
  const first = (list: YAMLError[]) =>
    list.toSorted((a, b) => a.pos[0] - b.pos[0]).slice(0, MAX_PROBLEMS);
  const problems: Problem[] = [
    ...first(doc.errors).map((e) => yamlProblem(e, "error", locator, doc)),
    ...first(doc.warnings).map((e) => yamlProblem(e, "warning", locator, doc)),
  ];
  const unread =
    Math.max(0, doc.errors.length - MAX_PROBLEMS) + Math.max(0, doc.warnings.length - MAX_PROBLEMS);
  if (doc.errors.length > 0) return done(problems, unread);

  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && node.range && node.value.includes(" "))
        node.value = joinCjkFolds(node.value, source.slice(node.range[0], node.range[1]));
    },
  });

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      problems.push(aliasProblem(doc, locator, fileOnly));
      return done(problems);
    }
    return done([...problems, tooDeep(fileOnly, error)]);
  }

  if (looksLikeScript(raw)) {
    problems.push({
      severity: "error",
      location: locator.value([]),
      message: "this looks like a decision script, not a plan",
      hint: `a decision script is run with its plan: \`drill run <plan> --script ${file}\``,
    });
    return done(problems);
  }
  if (!isPlainObject(raw)) {
    problems.push({
      severity: "error",
      location: raw === null || raw === undefined ? fileOnly : locator.value([]),
      message:
        raw === null || raw === undefined
          ? "the plan is empty"
          : `a plan is a YAML mapping, not ${describeValue(raw)}`,
      hint: "start from `drill init`: title, scenario, groups, objectives and injects",
    });
    return done(problems);
  }

  const shape = planSchema.safeParse(raw);
  if (!shape.success) {
    for (const issue of shape.error.issues)
      problems.push(...issueProblems(issue, [], raw, locator));
  }
  const ctx = salvage(
    raw,
    shape.success ? shape.data : undefined,
    options.capabilities ?? builtinCatalogue(),
  );
  for (const rule of RULES) {
    for (const found of rule(ctx)) {
      const seeAlso = found.seeAlso ? locator.value(found.seeAlso) : undefined;
      problems.push({
        severity: found.severity,
        location: locator.value(found.path),
        message: seeAlso ? `${found.message} (first at line ${seeAlso.line})` : found.message,
        ...(found.hint ? { hint: found.hint } : {}),
      });
    }
  }
  const result = done(problems, unread);
  if (shape.success && !result.problems.some((p) => p.severity === "error")) {
    result.plan = normalisePlan(shape.data);
  }
  return result;
}

function aliasProblem(
  doc: ReturnType<typeof parseDocument>,
  locator: Locator,
  fileOnly: SourceLocation,
): Problem {
  let unresolved: SourceLocation | undefined;
  let first: SourceLocation | undefined;
  visit(doc, {
    Alias(_, node) {
      const where = node.range ? locator.offset(node.range[0]) : fileOnly;
      first ??= where;
      if (node.resolve(doc) === undefined) {
        unresolved = where;
        return visit.BREAK;
      }
    },
  });
  if (unresolved) {
    return {
      severity: "error",
      location: unresolved,
      message: "YAML: this alias (*name) refers to no anchor (&name)",
      hint: "define the anchor before the alias, or write the value out",
    };
  }
  return {
    severity: "error",
    location: first ?? fileOnly,
    message: "YAML: too many aliases (*name): the plan would expand to an excessive size",
    hint: `a plan may expand at most ${MAX_ALIAS_COUNT} aliases per node; write the values out`,
  };
}

export async function readPlanFile(
  path: string,
  options: { cwd?: string } & ParsePlanOptions = {},
): Promise<LoadedPlan> {
  const bytes = await readInputFile(resolve(options.cwd ?? ".", path), path, PLAN_INPUT);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const source = decodeText(bytes, path, PLAN_INPUT);
  const { plan, problems, omitted } = parsePlan(
    source,
    path,
    options.capabilities ? { capabilities: options.capabilities } : {},
  );
  if (!plan) {
    const errors = problems.filter((p) => p.severity === "error").length;
    throw new InputError(`${path}: ${errors} error(s) in the plan`, {
      problems,
      ...(omitted ? { omitted } : {}),
    });
  }
  return { plan, file: path, source, sha256, warnings: problems };
}

function done(problems: Problem[], unread = 0): PlanParseResult {
  const seen = new Set<string>();
  const ordered = problems
    .map((problem, order) => ({ problem, order }))
    .sort(
      (a, b) =>
        (a.problem.location.line ?? 0) - (b.problem.location.line ?? 0) ||
        (a.problem.location.col ?? 0) - (b.problem.location.col ?? 0) ||
        a.order - b.order,
    )
    .map(({ problem }) => problem)
    .filter((problem) => {
      // The same problem found twice (yaml repeats some) is reported once.
      const key = `${formatLocation(problem.location)} ${problem.severity} ${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const omitted = Math.max(0, ordered.length - MAX_PROBLEMS) + unread;
  return { problems: ordered.slice(0, MAX_PROBLEMS), ...(omitted > 0 ? { omitted } : {}) };
}

/**
 * A tab in a line's indentation is the whole trouble: YAML does not count it, so every line
 * after it is misread and reported too. Only the tabs are reported, at the lines YAML
 * stumbled on.
 */
function tabIndents(
  errors: readonly YAMLError[],
  source: string,
  lineCounter: LineCounter,
  file: string,
): Problem[] {
  const lines = new Set<number>();
  for (const error of errors) lines.add(lineCounter.linePos(error.pos[0]).line);
  const found: Problem[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    const start = lineCounter.lineStarts[line - 1] ?? 0;
    const indent = /^[ ]*\t/.exec(source.slice(start, start + 200));
    if (!indent) continue;
    found.push({
      severity: "error",
      location: { file, line, col: indent[0].length },
      message: "YAML: a tab is used as indentation",
      hint: "indent with spaces, not tabs: YAML does not count a tab, so the lines after it are misread",
    });
  }
  return found;
}

/** A list of entries that have a time or a hot wash: a decision script's shape, not a plan's. */
function looksLikeScript(raw: unknown): boolean {
  return (
    Array.isArray(raw) &&
    raw.some(
      (entry) =>
        isPlainObject(entry) &&
        ["at", "end", "hotwash"].some((key) => key in entry) &&
        !("title" in entry && "injects" in entry),
    )
  );
}

function fail(problem: Problem): PlanParseResult {
  return { problems: [problem] };
}

function tooDeep(location: SourceLocation, error: unknown): Problem {
  // yaml composes nested collections recursively; absurd nesting overflows the stack.
  if (error instanceof RangeError) {
    return {
      severity: "error",
      location,
      message: "the YAML is nested too deeply to read",
      hint: "a plan nests a few levels (injects → expects); check that this is the right file",
    };
  }
  throw error;
}

function binaryProblem(file: string, text: string | Uint8Array, at: number): Problem {
  return {
    severity: "error",
    location:
      typeof text === "string" ? textLocation(file, text, at) : byteLocation(file, text, at),
    message: "this is a binary file, not a YAML plan (it contains NUL bytes)",
    hint: "give the path of a plan (.yaml), e.g. examples/pooled-positive.en.yaml",
  };
}

function textLocation(file: string, text: string, offset: number): SourceLocation {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  return { file, line, col };
}

function yamlProblem(
  error: YAMLError,
  severity: Problem["severity"],
  locator: Locator,
  doc: ReturnType<typeof parseDocument>,
): Problem {
  let offset = error.pos[0];
  let message = `YAML: ${lowerFirst(error.message.replace(/\s+/g, " ").trim())}`;
  let hint = YAML_HINTS[error.code];
  if (error.code === "MISSING_CHAR" && /quote/.test(error.message)) {
    // yaml reports an unclosed quote where the file ends; the author needs where it opens.
    visit(doc, {
      Scalar(_, node) {
        if (node.range && node.range[1] === error.pos[0] && node.type?.startsWith("QUOTE")) {
          offset = node.range[0];
          return visit.BREAK;
        }
      },
    });
    message = "YAML: this quote is never closed";
    hint = "close the quote at the end of the value, or remove it";
  } else if (/call stack/i.test(error.message)) {
    message = "YAML: the plan is nested too deeply to read";
    hint = "a plan nests a few levels (injects → expects); check that this is the right file";
  } else if (error.code === "MULTIPLE_DOCS") {
    message = "YAML: a plan is one document, but the file has several (`---`)";
    hint = "keep one plan per file and remove the extra `---`";
  }
  return {
    severity,
    location: locator.offset(offset),
    message,
    ...(hint ? { hint } : {}),
  };
}

const YAML_HINTS: Partial<Record<YAMLError["code"], string>> = {
  DUPLICATE_KEY: "each key may appear once in a mapping; remove or rename one",
  BAD_INDENT: "indent with spaces, the same amount for every item of a list or mapping",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  MISSING_CHAR: "a quote or bracket is not closed, or a key has no value",
  BLOCK_AS_IMPLICIT_KEY: "text that contains `: ` needs quotes",
  MULTILINE_IMPLICIT_KEY:
    "text that contains `: ` needs quotes, or a list item is indented wrongly",
  BAD_SCALAR_START: "text that starts with `@`, `` ` ``, `%` or `|` needs quotes",
  UNEXPECTED_TOKEN: "check the indentation, and quote text that starts with a special character",
  ALIAS_PROPS: "an alias (*name) cannot have a tag or anchor",
  BAD_ALIAS: "an alias (*name) must name an anchor (&name) defined before it",
};

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `text ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean") return `${value}`;
  return typeof value;
}

/** A value as written, for messages: strings quoted, others as YAML would show them. */
function quote(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null)
    return String(value);
  return describeValue(value);
}

function valueAt(root: unknown, path: PlanPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

// ─── shape problems (zod issues) → plan problems ─────────────────────────────

interface ShapeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  errors?: ShapeIssue[][];
  values?: unknown[];
  minimum?: number | bigint;
  params?: Record<string, unknown>;
}

/** What a field holds, for "should be ..." messages. */
const FIELD_EXPECTS: Record<string, string> = {
  to: "a group id or a list of group ids",
  after: "an expectation id or a list of expectation ids",
  at: 'a scenario time such as "00:30" or 2h',
  within: "a duration such as 30m or 2h",
  when: '"E2 missed or late", or {expectation: E2, status: [missed, late]}',
  status: "a status or a list of statuses",
  version: "a label such as v2",
  groups: "a list of groups",
  objectives: "a list of objectives",
  injects: "a list of injects",
  expects: "a list of expected actions",
  members: "a list of names",
  responsibilities: "a list of responsibilities",
  capacity: "a whole number greater than 0",
  critical: "true or false",
};

/** Hints for values with a fixed format (a pattern in the JSON Schema). */
const FORMAT_HINTS: Record<string, string> = {
  start: "write it like 2026-03-01T08:00+08:00",
};

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value)",
};

const ITEM_NAMES: Record<string, string> = {
  groups: "group",
  objectives: "objective",
  injects: "inject",
  expects: "expected action",
};

function fieldName(path: PlanPath): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  // An item of a list is named by its list (`to`, `after`), or by what it is (an inject).
  if (typeof last === "number" && typeof parent === "string") return ITEM_NAMES[parent] ?? parent;
  return last === undefined ? "plan" : String(last);
}

function issueProblems(
  issue: ShapeIssue,
  base: PlanPath,
  raw: unknown,
  locator: Locator,
): Problem[] {
  const path = [
    ...base,
    ...(issue.path.filter((s) => typeof s !== "symbol") as (string | number)[]),
  ];
  const value = valueAt(raw, path);
  const field = fieldName(path);
  const error = (location: SourceLocation, message: string, hint?: string): Problem => ({
    severity: "error",
    location,
    message,
    ...(hint ? { hint } : {}),
  });

  if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")) {
    return [
      error(
        locator.value(path),
        `${describeOwner(path)} is missing \`${field}\``,
        `add \`${field}:\` (${FIELD_EXPECTS[field] ?? TYPE_WORDS[issue.expected ?? ""] ?? "a value"})`,
      ),
    ];
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return (issue.keys ?? []).map((key) => {
        const allowed = allowedKeys(path);
        const hint =
          didYouMean(key, allowed, 2) ??
          (allowed.length > 0 ? `known keys here: ${allowed.join(", ")}` : undefined);
        return error(
          locator.key([...path, key]),
          `unknown key "${key}" in ${field === "plan" ? "the plan" : field}`,
          hint,
        );
      });
    case "invalid_type":
      return [
        error(
          locator.value(path),
          `\`${field}\` should be ${(typeof path.at(-1) === "number" ? undefined : FIELD_EXPECTS[field]) ?? TYPE_WORDS[issue.expected ?? ""] ?? issue.expected}, not ${describeValue(value)}`,
          issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")
            ? `put it in quotes if you mean text: "${String(value)}"`
            : undefined,
        ),
      ];
    case "invalid_union": {
      // Explain the branch that got furthest: a wrong type at the top scores lowest.
      const branches = issue.errors ?? [];
      const score = (issues: ShapeIssue[]) =>
        Math.max(
          ...issues.map((i) =>
            i.path.length === 0 && i.code === "invalid_type" ? -1 : 1 + i.path.length,
          ),
        );
      const best = branches.reduce<ShapeIssue[] | undefined>(
        (found, issues) => (found === undefined || score(issues) > score(found) ? issues : found),
        undefined,
      );
      if (best && score(best) >= 0)
        return best.flatMap((i) => issueProblems(i, path, raw, locator));
      const expected = [
        ...new Set(
          branches.flatMap((issues) =>
            issues.map((i) => TYPE_WORDS[i.expected ?? ""] ?? i.expected),
          ),
        ),
      ].join(" or ");
      return [
        error(
          locator.value(path),
          `\`${field}\` should be ${FIELD_EXPECTS[field] ?? expected}, not ${describeValue(value)}`,
        ),
      ];
    }
    case "invalid_value":
      return [
        error(
          locator.value(path),
          `\`${field}\` cannot be ${quote(value)}`,
          `use one of: ${(issue.values ?? []).map(String).join(", ")}`,
        ),
      ];
    case "too_small":
      if (Array.isArray(value)) {
        return [
          error(
            locator.value(path),
            `\`${field}\` is empty`,
            issue.message.startsWith("a plan needs") ? issue.message : undefined,
          ),
        ];
      }
      if (typeof value === "string") return [error(locator.value(path), `\`${field}\` is empty`)];
      return [
        error(
          locator.value(path),
          `\`${field}\` must be ${FIELD_EXPECTS[field] ?? "greater than 0"}, not ${quote(value)}`,
          field === "capacity" ? "leave `capacity` out if the group has no limit" : undefined,
        ),
      ];
    case "custom":
    case "invalid_format":
      return [
        error(
          locator.value(path),
          `\`${field}\` ${issue.message}: ${quote(value)}`,
          typeof issue.params?.hint === "string" ? issue.params.hint : FORMAT_HINTS[field],
        ),
      ];
    default:
      return [error(locator.value(path), `\`${field}\`: ${issue.message}`)];
  }
}

function describeOwner(path: PlanPath): string {
  const owner = path.slice(0, -1);
  if (owner.length === 0) return "the plan";
  const name = fieldName(owner);
  return name === "plan" ? "the plan" : `this ${name}`;
}

function allowedKeys(path: PlanPath): string[] {
  const kind = path.filter((s) => typeof s === "string").join(".");
  const shapes: Record<string, object> = {
    "": planSchema.shape,
    clock: { speed: 0, start: 0 },
    groups: groupSchema.shape,
    sites: siteSchema.shape,
    objectives: objectiveSchema.shape,
    injects: injectSchema.shape,
    "injects.expects": expectationSchema.shape,
    "injects.when": { expectation: 0, status: 0 },
  };
  return Object.keys(shapes[kind] ?? {});
}

// ─── salvage: the items that passed, for the rules, even when others did not ──────

const ID_KINDS: [section: string, kind: IdKind][] = [
  ["groups", "group"],
  ["objectives", "objective"],
  ["injects", "inject"],
];

/**
 * What the rules check, from a plan that may not have passed the shape check: each item's
 * fields that pass their own. When the whole plan passed (`parsed`), those are the fields
 * the shape check already gave, so no field is checked a second time.
 */
export function salvage(
  raw: Record<string, unknown>,
  parsed: PlanInput | undefined,
  capabilities: CapabilityCatalogue,
): RuleContext {
  const declared: DeclaredId[] = [];
  for (const [section, kind] of ID_KINDS) {
    eachItem(raw[section], (item, i) => {
      if (typeof item.id === "string")
        declared.push({ id: item.id, kind, path: [section, i, "id"] });
    });
  }
  eachItem(raw.injects, (inject, i) =>
    eachItem(inject.expects, (expectation, j) => {
      if (typeof expectation.id === "string")
        declared.push({
          id: expectation.id,
          kind: "expectation",
          path: ["injects", i, "expects", j, "id"],
        });
    }),
  );
  const { expects: _, ...header } = injectSchema.shape;
  const injects: Indexed<LenientInject>[] = [];
  eachItem(raw.injects, (inject, index) => {
    const parsedInject = parsed?.injects[index];
    const expects: Indexed<Lenient<ExpectationInput>>[] = [];
    eachItem(inject.expects, (expectation, j) =>
      expects.push({
        value: lenient<ExpectationInput>(
          expectation,
          expectationSchema.shape,
          parsedInject?.expects?.[j],
        ),
        index: j,
      }),
    );
    injects.push({ value: { ...lenient(inject, header, parsedInject), expects }, index });
  });
  return {
    groups: lenientItems<GroupInput>(raw.groups, groupSchema.shape, parsed?.groups),
    sites: lenientItems<SiteInput>(raw.sites, siteSchema.shape, parsed?.sites),
    objectives: lenientItems<ObjectiveInput>(
      raw.objectives,
      objectiveSchema.shape,
      parsed?.objectives,
    ),
    injects,
    declared,
    complete: parsed !== undefined,
    capabilities,
  };
}

interface FieldSchema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

/**
 * The fields of `item` that pass their own check; the rest are left out. `parsed` is the
 * item as the whole plan's shape check gave it, if the plan passed: its fields are the same.
 */
function lenient<T>(
  item: Record<string, unknown>,
  shape: Record<string, FieldSchema>,
  parsed?: object,
): Lenient<T> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (item[key] === undefined) continue;
    if (parsed) {
      out[key] = (parsed as Record<string, unknown>)[key];
      continue;
    }
    const result = schema.safeParse(item[key]);
    if (result.success) out[key] = result.data;
  }
  return out as Lenient<T>;
}

function lenientItems<T>(
  items: unknown,
  shape: Record<string, FieldSchema>,
  parsed: readonly object[] | undefined,
): Indexed<Lenient<T>>[] {
  const out: Indexed<Lenient<T>>[] = [];
  eachItem(items, (item, index) =>
    out.push({ value: lenient<T>(item, shape, parsed?.[index]), index }),
  );
  return out;
}

function eachItem(
  items: unknown,
  visitItem: (item: Record<string, unknown>, index: number) => void,
) {
  if (!Array.isArray(items)) return;
  items.forEach((item, index) => {
    if (isPlainObject(item)) visitItem(item, index);
  });
}
