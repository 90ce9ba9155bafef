// Every word of the after-action report. The analysis produces ids, numbers, kinds and the
// texts people wrote; these turn them into sentences, in English (messages-en.ts) and Chinese
// (messages-zh.ts), both held to this one interface so neither falls behind. Plain text only:
// a renderer escapes whatever comes out of here.

import type { BlockerKind, DrillEvent, ObservationKind, Rating } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import type { ReviewFormat } from "./format.js";
import { en } from "./messages-en.js";
import { zh } from "./messages-zh.js";
import type {
  CapabilityResult,
  CorrectionRecord,
  DecoyResult,
  Evaluation,
  ExpectationOutcome,
  Finding,
  FindingKind,
  InjectResult,
  ObjectiveResult,
  Observation,
  PlanRevision,
  Poete,
  Priority,
  Review,
  RevisionChange,
  Strength,
  UnannouncedResult,
} from "./model.js";
import type { WordsContext } from "./wording.js";

export interface ReviewMessages {
  title(title: string): string;
  /** The cover and front matter of the Word and HTML reports. */
  cover: {
    kind: string;
    organiser: string;
    date: string;
    version: string;
    tool: string;
    contents: string;
    fonts: string;
    page: string;
  };
  heading: {
    summary: string;
    overview: string;
    objectives: string;
    ratingsChart: string;
    strengths: string;
    otherFindings: string;
    conduct: string;
    issues: string;
    problems: string;
    rectification: string;
    responsibility: string;
    revisions: string;
    timeline: string;
    injects: string;
    gantt: string;
    expectations: string;
    context: string;
    notes: string;
    hotwash: string;
    unmatched: string;
    appendix: string;
  };
  column: Record<
    | "seq"
    | "time"
    | "group"
    | "event"
    | "text"
    | "item"
    | "value"
    | "lead"
    | "members"
    | "capacity"
    | "decisions"
    | "objective"
    | "capability"
    | "rating"
    | "why"
    | "evaluator"
    | "rank"
    | "issue"
    | "cause"
    | "minutesLost"
    | "consequences"
    | "priority"
    | "evidence"
    | "number"
    | "recommendation"
    | "poete"
    | "owner"
    | "poc"
    | "start"
    | "due"
    | "status"
    | "items"
    | "target"
    | "part"
    | "change"
    | "proposal"
    | "finding"
    | "inject"
    | "phase"
    | "title"
    | "to"
    | "expectation"
    | "action"
    | "delivered"
    | "done"
    | "latency"
    | "minutesLate"
    | "delay"
    | "lateCount"
    | "wentWell"
    | "wentLessWell"
    | "ids",
    string
  >;
  executive: {
    drill(c: WordsContext): string;
    results(c: WordsContext): string;
    partial(c: WordsContext): string;
    causes(c: WordsContext): string;
    ratings(c: WordsContext): string;
    strengthsHeading: string;
    noStrengths: string;
    issuesHeading: string;
  };
  overview: {
    drill: string;
    scenario: string;
    type: string;
    clock(clock: "real" | "virtual"): string;
    plan: string;
    planLine(version: string | undefined, sha: string, file: string | undefined): string;
    rescored: string;
    rescoredLine(file: string, version: string | undefined, sha: string): string;
    started: string;
    ended: string;
    endedLine(c: WordsContext): string;
    realDuration: string;
    scenarioDuration: string;
    scenarioSpan(c: WordsContext): string;
    scenarioStart: string;
    evaluators: string;
    noEvaluators: string;
    injects: string;
    injectCounts(delivered: number, skipped: number, notReached: number): string;
    decisions: string;
    decisionCount(decisions: number, improvised: number): string;
    notes: string;
    groupsHeading: string;
    notInDrill(name: string): string;
  };
  ratingRule: { intro: string; lines: Record<Rating | "-", string>; notes: string };
  reason(o: ObjectiveResult, c: WordsContext): string;
  evaluatorCell(o: ObjectiveResult, c: WordsContext): string;
  ratingLine(o: ObjectiveResult, c: WordsContext): string;
  evaluationLine(e: Evaluation, c: WordsContext): string;
  disagreement(o: ObjectiveResult, c: WordsContext): string;
  objectiveHeading(o: ObjectiveResult): string;
  analysis: {
    observation: string;
    cause: string;
    recommendation: string;
    strengths: string;
    noStrengths: string;
    improvements: string;
    noImprovements: string;
  };
  strength(s: Strength, c: WordsContext): string;
  findingKind: Record<FindingKind, string>;
  issue(f: Finding, c: WordsContext): string;
  rootCause(f: Finding, c: WordsContext): string;
  consequences(f: Finding, c: WordsContext): string;
  recommendation(f: Finding, c: WordsContext): string;
  /** Unannounced drills, decoys and the analysis by capability. */
  drillMode: {
    unannouncedHeading: string;
    /** Added to the overview's type of drill. */
    unannouncedType(seed: number): string;
    unannounced(u: UnannouncedResult, c: WordsContext): string;
    jitterCell(minutes: number): string;
    planAt: string;
    dueAt: string;
    jitter: string;
    decoysHeading: string;
    decoyIgnored(d: DecoyResult, c: WordsContext): string;
    decoyActedOn(d: DecoyResult, c: WordsContext): string;
    decoyNotDelivered(d: DecoyResult, c: WordsContext): string;
    capabilitiesHeading: string;
    capabilityRule: string;
    capabilityObjectives: string;
    capabilityActions: string;
    capabilityFindings: string;
    outcomeCounts(counts: CapabilityResult["counts"]): string;
  };
  conduct: {
    courseHeading: string;
    asPlanned: string;
    early(i: InjectResult, c: WordsContext): string;
    skipped(i: InjectResult, c: WordsContext): string;
    fired(i: InjectResult, c: WordsContext): string;
    notNeeded(i: InjectResult, c: WordsContext): string;
    pauses(count: number, realMinutes: number, c: WordsContext): string;
    speed(count: number): string;
    jumps(count: number): string;
    resumes(count: number): string;
    correctionsHeading: string;
    corrected(c: CorrectionRecord, w: WordsContext): string;
    untestedHeading: string;
    allTested: string;
    untested: {
      notReached(names: string): string;
      notYetDue(inject: string, before: string, shortest: string): string;
      open(names: string): string;
      notInDrill(names: string): string;
      idle(names: string): string;
      unanswered(names: string): string;
    };
  };
  issues: {
    total(c: WordsContext): string;
    rankingRule: string;
    chartTitle: string;
    chartUnit: string;
    causeLabel(cause: Review["summary"]["byCause"][number], c: WordsContext): string;
    minutesCell(f: Finding, c: WordsContext): string;
    rectificationIntro: string;
  };
  /** Whether the report adds a responsibility list (责任清单) after the rectification list. */
  responsibilityList: boolean;
  priority: Record<Priority, string>;
  poete: Record<Poete, string>;
  itemStatus: Record<"open", string>;
  revisionsIntro: string;
  revisionTarget(target: PlanRevision["target"], c: WordsContext): string;
  revisionChange: Record<RevisionChange, string>;
  revision(revision: Omit<PlanRevision, "text">, f: Finding, c: WordsContext): string;
  critical: string;
  criticalMark(id: string): string;
  outcome: Record<ExpectationOutcome, string>;
  injectStatus(i: InjectResult): string;
  phase(phase: string): string;
  /** The parts of a late action's minutes, each worded; minutes come formatted. */
  delay: {
    waited(expectation: string, group: string, minutes: string): string;
    blocked(kind: BlockerKind, minutes: string): string;
    own(minutes: string): string;
    neverDone(rank: number, kind: FindingKind): string;
  };
  delayNote: string;
  ganttNote: string;
  contextNote: string;
  noteHeading: Record<ObservationKind, string>;
  noteLine(o: Observation, c: WordsContext): string;
  /** One event of the appendix: what happened, and its text. */
  event(event: DrillEvent, f: ReviewFormat): string;
  eventText(event: DrillEvent, f: ReviewFormat): string;
  unmatchedLine(count: number, shown: number): string;
  /** The review by site (main venue and sub-venues). */
  sites: {
    heading: string;
    intro: string;
    columns: [
      site: string,
      groups: string,
      actions: string,
      onTime: string,
      late: string,
      missed: string,
      minutesLate: string,
    ];
    whoWasLate: string;
    lateLine(site: string, action: string, group: string, minutes: string): string;
    handoffs: string;
    handoffLine(
      action: string,
      group: string,
      site: string,
      waitedOn: string,
      from: string,
      wait: string,
      past: string,
    ): string;
    noHandoffs: string;
  };
  appendixIntro(events: number): string;
  /** A Word document's appendix that lists only the first `shown` of its `total` rows. */
  wordAppendixShortened(total: number, shown: number): string;
  reportWritten(path: string): string;
  noneFound: string;
  noNotes: string;
  /** Between a label and its text. */
  colon: string;
  listSeparator: string;
  /** Between the parts of one cell ("; "). */
  partSeparator: string;
}

export const reviewMessages: Record<Lang, ReviewMessages> = { en, zh };

export { percent, ratingsLine, type WordsContext } from "./wording.js";
