// The normalised plan model: what a plan means once the YAML has been read and checked.
// All scenario times are minutes from the drill's start (T+0); all durations are minutes.

export type Lang = "zh" | "en";

export interface Group {
  id: string;
  name: string;
  lead?: string;
  members: string[];
  responsibilities: string[];
  /** How many expectations the group can work on at once; beyond it the group is overloaded. */
  capacity?: number;
  /** Other spellings of its name (`J-4`, `JOC J4`), as a spreadsheet wrote them. */
  aliases?: string[];
}

/** A venue of the drill: the main venue or a sub-venue (分会场) joined by video conference. */
export interface Site {
  id: string;
  name: string;
  groups: string[];
}

export interface Objective {
  id: string;
  title: string;
  capability?: string;
}

/** Statuses a conditional inject can test an earlier expectation for, at the inject's own time. */
export type ConditionStatus =
  | "done" // done at any time
  | "on-time" // done within its target
  | "late" // done after its deadline, or still open past it
  | "missed" // not done and its deadline has passed
  | "blocked" // its last decision was `blocked` and it is not done
  | "not-done"; // not done yet, whatever the deadline

export interface InjectCondition {
  expectation: string;
  /** The condition holds when the expectation is in any of these. */
  status: ConditionStatus[];
}

export interface Expectation {
  id: string;
  /** Id of the inject that carries it. */
  inject: string;
  group: string;
  action: string;
  /** Time target, counted from the inject's delivery. */
  withinMinutes: number;
  /** Hand-off: expectations that must be done before this one can start. */
  after: string[];
  objective?: string;
  critical: boolean;
}

export interface Inject {
  id: string;
  atMinutes: number;
  title: string;
  message: string;
  /** Empty when the inject is addressed to no group in particular. */
  to: string[];
  phase?: string;
  when?: InjectCondition;
  expects: Expectation[];
  notes?: string;
  /** Background noise that expects nothing: acting on it is reported as such. */
  decoy?: true;
  /** How far an unannounced drill may move its time either way (minutes). */
  jitterMinutes?: number;
}

export interface Plan {
  title: string;
  scenario: string;
  /** Free-form revision label (e.g. "v2", "2026-11 revision"), shown when drills are compared. */
  version?: string;
  lang: Lang;
  clock: {
    /** Scenario minutes per real minute. */
    speed: number;
    /** Scenario date-time of T+0 (ISO 8601), if the plan fixes one. */
    start?: string;
  };
  /** How far an unannounced drill may move each inject's time either way (minutes). */
  jitterMinutes?: number;
  /** Who evaluates the drill (posts or organisations), for the report's overview. */
  evaluators?: string[];
  groups: Group[];
  /** The venues (main venue, sub-venues) and the groups at each; absent: one room. */
  sites?: Site[];
  objectives: Objective[];
  /** Sorted by `atMinutes`, then by order in the file. */
  injects: Inject[];
}

/** Every expectation of the plan, in inject order. */
export function allExpectations(plan: Plan): Expectation[] {
  return plan.injects.flatMap((inject) => inject.expects);
}
