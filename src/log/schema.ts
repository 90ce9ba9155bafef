// The shape every log line must have once its hash checks out. A log is read years later
// by code that folds it into a review, so a line that is well hashed but not a known
// event is refused here with its line number rather than crashing the review.

// zod/mini: the full build would cost every command that reads a log ~25 ms of start-up.
import * as z from "zod/mini";
import {
  BLOCKER_KINDS,
  DECISION_STATUSES,
  type DrillEvent,
  LOG_FORMAT,
  type LogHeader,
} from "../core/events.js";

const base = {
  seq: z.int().check(z.nonnegative()),
  wall: z.string().check(z.minLength(1)),
  t: z.number(),
  ref: z.optional(z.string()),
};

// Only what the log's readers rely on: the plan model itself is checked when it is parsed.
// Unknown keys pass (z.object only checks the keys it names), so later fields stay readable.
const embeddedPlan = z.object({
  title: z.string(),
  lang: z.optional(z.enum(["zh", "en"])),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  injects: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      atMinutes: z.number(),
      expects: z.array(z.object({ id: z.string(), group: z.string() })),
    }),
  ),
});

export const headerSchema = z.object({
  ...base,
  type: z.literal("header"),
  format: z.literal(LOG_FORMAT),
  tool: z.string(),
  startedAt: z.string(),
  plan: embeddedPlan,
  planSha256: z.string(),
  planSource: z.string(),
  planFile: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  clock: z.enum(["real", "virtual"]),
});

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
  event("decision", {
    group: z.string(),
    inject: z.optional(z.string()),
    expectation: z.optional(z.string()),
    status: z.enum(DECISION_STATUSES),
    text: z.string(),
    blocker: z.optional(z.object({ kind: z.enum(BLOCKER_KINDS), text: z.string() })),
  }),
  event("note", {
    kind: z.enum(["strength", "improvement", "neutral"]),
    text: z.string(),
    group: z.optional(z.string()),
    inject: z.optional(z.string()),
    objective: z.optional(z.string()),
    rating: z.optional(z.enum(["P", "S", "M", "U"])),
  }),
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
  event("drill-ended", { reason: z.enum(["script", "facilitator", "complete"]) }),
]);

// Compile-time guard that the schemas and the types in core/events.ts say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventTypesAgree: Same<z.infer<typeof drillEventSchema>["type"], DrillEvent["type"]> = true;
const eventsFit: (e: DrillEvent) => z.input<typeof drillEventSchema> = (e) => e;
const headerFits: (h: LogHeader) => z.input<typeof headerSchema> = (h) => h;
void [eventTypesAgree, eventsFit, headerFits];

/** The first thing wrong with a line's shape, as `field: message`, or undefined when it fits. */
export function shapeProblem(schema: z.ZodMiniType, line: unknown): string | undefined {
  const result = schema.safeParse(line);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return "does not fit the log format";
  const path = issue.path.map(String).join(".");
  return path ? `\`${path}\`: ${issue.message}` : issue.message;
}
