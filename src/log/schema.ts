// The shape every log line must have once its hash checks out. A log is read years later
// by code that folds it into a review, so a line that is well hashed but not a known
// event is refused here with its line number rather than crashing the review.

// zod/mini: the full build would cost every command that reads a log ~25 ms of start-up.
import * as z from "zod/mini";
import "../zod-messages.js";
import {
  BLOCKER_KINDS,
  DECISION_STATUSES,
  type DrillEvent,
  LOG_FORMAT,
  type LogHeader,
  type LogSeal,
} from "../core/events.js";
import type { ConditionStatus, Plan } from "../core/plan.js";

// RFC 3339 date-times with `Z` or an offset, as `Date#toISOString` and `--start-time` write them.
const dateTime = z.iso.datetime({ offset: true });
/** The pattern zod checks a date-time against, for the fast check of ./event-fits.ts. */
export const dateTimePattern: RegExp = dateTime._zod.pattern;

const base = {
  seq: z.int().check(z.nonnegative()),
  wall: dateTime,
  // Never before T+0; that it never runs backwards is checked line to line by the reader.
  t: z.number().check(z.nonnegative()),
  ref: z.optional(z.string()),
  by: z.optional(
    z.object({
      seat: z.string(),
      role: z.enum(["group", "evaluator"]),
      site: z.optional(z.string()),
    }),
  ),
};

const CONDITION_STATUSES = [
  "done",
  "on-time",
  "late",
  "missed",
  "blocked",
  "not-done",
] as const satisfies readonly ConditionStatus[];

const minutes = z.number().check(z.nonnegative());

// The normalised plan of core/plan.ts in full: a review reads every field of it, so a log
// that verifies must not lack one. Unknown keys pass (z.object only checks the keys it
// names), so fields a later version adds stay readable.
const expectationSchema = z.object({
  id: z.string(),
  inject: z.string(),
  group: z.string(),
  action: z.string(),
  withinMinutes: minutes,
  after: z.array(z.string()),
  objective: z.optional(z.string()),
  critical: z.boolean(),
});

export const planSchema = z.object({
  title: z.string(),
  scenario: z.string(),
  version: z.optional(z.string()),
  lang: z.enum(["zh", "en"]),
  clock: z.object({
    speed: z.number().check(z.positive()),
    start: z.optional(z.string()),
  }),
  jitterMinutes: z.optional(minutes),
  evaluators: z.optional(z.array(z.string())),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lead: z.optional(z.string()),
      members: z.array(z.string()),
      responsibilities: z.array(z.string()),
      capacity: z.optional(z.int().check(z.positive())),
    }),
  ),
  sites: z.optional(
    z.array(z.object({ id: z.string(), name: z.string(), groups: z.array(z.string()) })),
  ),
  objectives: z.array(
    z.object({ id: z.string(), title: z.string(), capability: z.optional(z.string()) }),
  ),
  injects: z.array(
    z.object({
      id: z.string(),
      atMinutes: minutes,
      title: z.string(),
      message: z.string(),
      to: z.array(z.string()),
      phase: z.optional(z.string()),
      when: z.optional(
        z.object({ expectation: z.string(), status: z.array(z.enum(CONDITION_STATUSES)) }),
      ),
      expects: z.array(expectationSchema),
      notes: z.optional(z.string()),
      decoy: z.optional(z.literal(true)),
      jitterMinutes: z.optional(minutes),
    }),
  ),
});

export const headerSchema = z.object({
  ...base,
  type: z.literal("header"),
  format: z.literal(LOG_FORMAT),
  tool: z.string(),
  startedAt: dateTime,
  plan: planSchema,
  planSha256: z.string(),
  planSource: z.string(),
  planFile: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  clock: z.enum(["real", "virtual"]),
  signer: z.optional(z.string()),
});

const hash = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const sealSchema = z.object({
  ...base,
  type: z.literal("seal"),
  ended: z.boolean(),
  events: z.int().check(z.nonnegative()),
  head: hash,
  signature: z.optional(z.string()),
  recovered: z.optional(
    z.object({
      after: z.int().check(z.nonnegative()),
      tornBytes: z.optional(z.int().check(z.positive())),
    }),
  ),
});

const decisionFields = {
  group: z.string(),
  inject: z.optional(z.string()),
  expectation: z.optional(z.string()),
  status: z.enum(DECISION_STATUSES),
  text: z.string(),
  blocker: z.optional(z.object({ kind: z.enum(BLOCKER_KINDS), text: z.string() })),
  at: z.optional(minutes),
};
const noteFields = {
  kind: z.enum(["strength", "improvement", "neutral"]),
  text: z.string(),
  group: z.optional(z.string()),
  inject: z.optional(z.string()),
  objective: z.optional(z.string()),
  rating: z.optional(z.enum(["P", "S", "M", "U"])),
  at: z.optional(minutes),
};

const event = <T extends string, S extends z.core.$ZodShape>(type: T, shape: S) =>
  z.object({ ...base, type: z.literal(type), ...shape });

export const drillEventSchema = z.discriminatedUnion("type", [
  event("drill-started", { speed: z.number().check(z.positive()) }),
  event("drill-resumed", { reason: z.optional(z.string()) }),
  event("inject-delivered", { inject: z.string(), early: z.optional(z.boolean()) }),
  event("inject-skipped", {
    inject: z.string(),
    reason: z.enum(["condition", "facilitator"]),
    note: z.optional(z.string()),
  }),
  event("decision", decisionFields),
  event("note", noteFields),
  event("correction", {
    amends: z.int().check(z.positive()),
    retract: z.optional(z.literal(true)),
    decision: z.optional(z.object(decisionFields)),
    note: z.optional(z.object(noteFields)),
    reason: z.optional(z.string()),
  }).check(
    z.refine(
      (c) => [c.retract, c.decision, c.note].filter((x) => x !== undefined).length === 1,
      "a correction either retracts (`retract: true`) or gives the `decision` or the `note` anew",
    ),
  ),
  event("clock-paused", {}),
  event("clock-resumed", {}),
  event("clock-speed", { speed: z.number().check(z.positive()) }),
  event("clock-jumped", { from: z.number() }),
  event("hotwash", {
    group: z.string(),
    wentWell: z.string(),
    wentLessWell: z.string(),
    why: z.string(),
  }),
  event("unannounced", {
    seed: z.int(),
    jitter: z.array(z.object({ inject: z.string(), minutes: z.int() })),
  }),
  event("peek", { inject: z.optional(z.string()) }),
  event("drill-ended", { reason: z.enum(["script", "facilitator", "complete"]) }),
]);

// Compile-time guard that the schemas and the types in core/events.ts say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventTypesAgree: Same<z.infer<typeof drillEventSchema>["type"], DrillEvent["type"]> = true;
const eventsFit: (e: DrillEvent) => z.input<typeof drillEventSchema> = (e) => e;
const headerFits: (h: LogHeader) => z.input<typeof headerSchema> = (h) => h;
const sealFits: Same<z.output<typeof sealSchema>, LogSeal> = true;
const planAgrees: Same<z.output<typeof planSchema>, Plan> = true;
const statusesAgree: Same<(typeof CONDITION_STATUSES)[number], ConditionStatus> = true;
void [eventTypesAgree, eventsFit, headerFits, sealFits, planAgrees, statusesAgree];

/** The first thing wrong with a line's shape, as `field: message`, or undefined when it fits. */
export function shapeProblem(schema: z.ZodMiniType, line: unknown): string | undefined {
  const result = schema.safeParse(line);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return "does not fit the log format";
  const path = issue.path.map(String).join(".");
  return path ? `\`${path}\`: ${issue.message}` : issue.message;
}
