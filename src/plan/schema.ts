// The plan file's shape, as written by hand: the single source for the validator and for
// `drill schema` (JSON Schema for editors). Meaning across fields (references, hand-off
// cycles, timing) is checked by the rules in ./rules.ts.

import * as z from "zod/mini";
import "../zod-messages.js";
import { MAX_SCENARIO_MINUTES, parseMinutes } from "../core/scenario-time.js";
import { parseConditionShorthand, STATUS_WORD_LIST } from "./condition.js";

/** Letters (any script), digits, `_`, `.`, `-`; no spaces, so `when: "E2 missed"` can split. */
export const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;
/**
 * The same rule for ASCII ids (E12, G1), the usual kind, tried first: building the Unicode
 * property tables of ID_PATTERN costs about 3 ms of every start-up that reads a plan.
 */
const ASCII_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function isId(value: string): boolean {
  return ASCII_ID.test(value) || ID_PATTERN.test(value);
}

const id = (description: string) =>
  z.string().check(
    z.refine(isId, {
      message: "is not a valid id",
      params: { hint: "ids are letters, digits, `_`, `.` or `-`, without spaces, e.g. E12" },
    }),
    z.describe(description),
  );

const ref = (description?: string) =>
  z.string().check(z.minLength(1, "must not be empty"), ...describe(description));

const text = (description?: string) =>
  z.string().check(z.minLength(1, "must not be empty"), ...describe(description));

const textList = (description: string) => z.array(text()).check(z.describe(description));

function describe(description: string | undefined) {
  return description ? [z.describe(description)] : [];
}

const TIME_FORMS = '"00:30", "1:15", 30m, 2h, 1h30m, 30分钟, 2小时';

/** A time within the longest scenario (a year): beyond it, a typing slip, not a drill. */
const withinAYear = z.refine<string | number>(
  (value) => (parseMinutes(value) ?? 0) <= MAX_SCENARIO_MINUTES,
  {
    message: "is beyond 366 days, longer than any drill",
    params: { hint: "scenario times run from T+0 to at most 366 days (8784:00)" },
  },
);

const offset = (description: string) =>
  z.union([z.string(), z.number()]).check(
    z.refine((value) => parseMinutes(value) !== undefined, {
      message: "is not a scenario time",
      params: { hint: `write ${TIME_FORMS}` },
    }),
    withinAYear,
    z.describe(description),
  );

const duration = (description: string) =>
  z.union([z.string(), z.number()]).check(
    z.refine(
      (value) => {
        const minutes = parseMinutes(value);
        return minutes === undefined || minutes > 0;
      },
      {
        message: "must be longer than 0",
        params: { hint: "give the time target, e.g. 30m or 2h" },
      },
    ),
    z.refine((value) => parseMinutes(value) !== undefined, {
      message: "is not a duration",
      params: { hint: `write ${TIME_FORMS}` },
    }),
    withinAYear,
    z.describe(description),
  );

/** A jitter window: 0 keeps the inject's time. */
const jitterWindow = (description: string) =>
  z.union([z.string(), z.number()]).check(
    z.refine((value) => parseMinutes(value) !== undefined, {
      message: "is not a duration",
      params: { hint: `write ${TIME_FORMS}` },
    }),
    withinAYear,
    z.describe(description),
  );

const oneOrMany = (item: z.ZodMiniString, description: string) =>
  z
    .union([item, z.array(item).check(z.minLength(1, "must name at least one"))])
    .check(z.describe(description));

// ISO 8601 date or date-time; a space may stand for the `T`.
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export const groupSchema = z
  .strictObject({
    id: id("Short id that injects (`to`) and expectations (`group`) use, e.g. `tracing`."),
    name: text("Name shown in the console and the report, e.g. 流调排查组."),
    lead: z.optional(text("Who leads the group (a post, e.g. Director of the district CDC).")),
    members: z.optional(textList("Units or posts in the group.")),
    responsibilities: z.optional(textList("What the group is responsible for.")),
    capacity: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.describe(
            "How many expectations the group can work on at once; beyond it the group is overloaded (a bottleneck).",
          ),
        ),
    ),
    aliases: z.optional(
      textList("Other spellings of the group's name, as spreadsheets write it (J-4, JOC J4)."),
    ),
  })
  .check(z.meta({ title: "Group", description: "A working group of the command centre." }));

export const siteSchema = z
  .strictObject({
    id: id("Short id of the venue, e.g. `main` or `district-2`."),
    name: text("Name shown on its board and in the report, e.g. 主会场 or 二分会场."),
    groups: z
      .array(ref())
      .check(
        z.minLength(1, "a site needs at least one group"),
        z.describe("Ids of the groups at this venue."),
      ),
  })
  .check(
    z.meta({
      title: "Site",
      description: "A venue of the drill (main venue or sub-venue, 分会场) and the groups at it.",
    }),
  );

export const objectiveSchema = z
  .strictObject({
    id: id("Short id that expectations (`objective`) use, e.g. O1."),
    title: text("What the drill should demonstrate."),
    capability: z.optional(
      text(
        "The capability it exercises: an id of a capability library (`drill capabilities`), e.g. cn.tracing or fema.operational-coordination. Other text is accepted with a warning.",
      ),
    ),
  })
  .check(z.meta({ title: "Objective", description: "An exercise objective." }));

export const expectationSchema = z
  .strictObject({
    id: id("Unique id of the expected action, e.g. E5."),
    group: ref("Id of the group that should act."),
    action: text("What the group should do."),
    within: duration(
      `Time target, counted from the inject's delivery: ${TIME_FORMS}. The deadline is delivery + within.`,
    ),
    after: z.optional(
      oneOrMany(
        ref(),
        "Hand-off: id(s) of expectations that must be done before this one can start.",
      ),
    ),
    objective: z.optional(ref("Id of the objective this action demonstrates.")),
    critical: z.optional(
      z.boolean().check(z.describe("A critical action: missing it weighs heavily in the review.")),
    ),
  })
  .check(
    z.meta({
      title: "Expected action",
      description: "What a group should do in answer to the inject, and by when.",
    }),
  );

const statusWord = z.enum(STATUS_WORD_LIST as [string, ...string[]]);

export const conditionSchema = z
  .union([
    z.string().check(
      z.superRefine((value, ctx) => {
        const parsed = parseConditionShorthand(value);
        if (!parsed.ok)
          ctx.addIssue({
            code: "custom",
            message: "is not a condition",
            params: { hint: parsed.hint },
          });
      }),
    ),
    z.strictObject({
      expectation: ref("Id of an expectation of an earlier inject."),
      status: z
        .union([statusWord, z.array(statusWord).check(z.minLength(1))])
        .check(z.describe("The condition holds when the expectation is in any of these.")),
    }),
  ])
  .check(
    z.describe(
      'Deliver this inject only if an earlier expectation is in one of the statuses, evaluated at the inject\'s own time: "E2 missed or late", "E2 逾期或超时", or {expectation: E2, status: [missed, late]}. Statuses: done, on-time, late, missed, blocked, not-done (完成, 按时, 超时, 逾期, 受阻, 未完成).',
    ),
  );

export const injectSchema = z
  .strictObject({
    id: id("Unique id of the inject, e.g. I3."),
    at: offset(`Scenario time of delivery, from T+0: ${TIME_FORMS}.`),
    title: text("Short title."),
    message: text("What the groups are told."),
    to: z.optional(
      oneOrMany(
        ref(),
        "Id(s) of the groups the inject is delivered to; left out, it is addressed to no group in particular.",
      ),
    ),
    phase: z.optional(text("Phase, e.g. warning / response / disposal, 预警 / 响应 / 处置.")),
    when: z.optional(conditionSchema),
    expects: z.optional(
      z.array(expectationSchema).check(z.describe("What the groups should do in answer.")),
    ),
    notes: z.optional(text("Notes for the facilitator.")),
    decoy: z.optional(
      z
        .boolean()
        .check(
          z.describe(
            "A decoy (background noise) that expects nothing: a group acting on it is reported as such.",
          ),
        ),
    ),
    jitter: z.optional(
      jitterWindow(
        "In an unannounced drill (`drill run --unannounced`), how far this inject's time may move either way; overrides the plan's `jitter`.",
      ),
    ),
  })
  .check(
    z.meta({
      title: "Inject",
      description: "A scenario event delivered to one or more groups at a scenario time.",
    }),
  );

export const planSchema = z
  .strictObject({
    title: text("Title of the drill."),
    scenario: text("The scenario narrative."),
    version: z.optional(
      z
        .union([z.string(), z.number()])
        .check(z.describe("Revision label of the plan, e.g. v2 or 2026-11 revision.")),
    ),
    lang: z.optional(
      z
        .enum(["zh", "en"])
        .check(
          z.describe(
            "Default language of the console and the report. When absent: zh if the title or scenario contains Chinese, else en.",
          ),
        ),
    ),
    clock: z.optional(
      z
        .strictObject({
          speed: z.optional(
            z
              .number()
              .check(z.positive(), z.describe("Scenario minutes per real minute (default 1).")),
          ),
          start: z.optional(
            z.string().check(
              // The pattern is in the JSON Schema too, so editors flag a malformed date.
              z.regex(DATE_TIME, "is not an ISO 8601 date-time"),
              z.refine(
                (value) =>
                  !DATE_TIME.test(value) || !Number.isNaN(Date.parse(value.replace(" ", "T"))),
                {
                  message: "is not a real date",
                  params: { hint: "write it like 2026-03-01T08:00+08:00" },
                },
              ),
              z.describe("Scenario date-time of T+0, ISO 8601, e.g. 2026-03-01T08:00+08:00."),
            ),
          ),
        })
        .check(z.describe("How scenario time runs.")),
    ),
    jitter: z.optional(
      jitterWindow(
        "In an unannounced drill (`drill run --unannounced`), how far each inject's time may move either way (default 15m), e.g. 15m.",
      ),
    ),
    evaluators: z.optional(
      textList("Who evaluates the drill (posts or organisations); named in the report's overview."),
    ),
    groups: z
      .array(groupSchema)
      .check(z.minLength(1, "a plan needs at least one group"), z.describe("The working groups.")),
    sites: z.optional(
      z
        .array(siteSchema)
        .check(
          z.describe(
            "The venues (main venue and sub-venues) and the groups at each; each gets its own board in the room, and the review breaks down by site.",
          ),
        ),
    ),
    objectives: z.optional(z.array(objectiveSchema).check(z.describe("The exercise objectives."))),
    injects: z
      .array(injectSchema)
      .check(
        z.minLength(1, "a plan needs at least one inject"),
        z.describe("The scenario events (the MSEL), in any order; they run by `at`."),
      ),
  })
  .check(
    z.meta({
      title: "drillbook plan",
      description:
        "A response-plan drill script: groups, objectives, and injects with the actions each group is expected to take.",
    }),
  );

export type PlanInput = z.infer<typeof planSchema>;
export type GroupInput = z.infer<typeof groupSchema>;
export type SiteInput = z.infer<typeof siteSchema>;
export type ObjectiveInput = z.infer<typeof objectiveSchema>;
export type InjectInput = z.infer<typeof injectSchema>;
export type ExpectationInput = z.infer<typeof expectationSchema>;
export type ConditionInput = z.infer<typeof conditionSchema>;

/** The JSON Schema that `drill schema` prints, generated from `planSchema`. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planSchema, { target: "draft-07", io: "input" });
}
