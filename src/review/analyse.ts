// The after-action analysis: a drill's log, folded by the same engine as the live run, turned
// into a Review. Pure: events in, a Review out. Incremental (`createAnalyser().add(event)`):
// collect.ts reads the log in bounded memory, assemble.ts and the modules it calls (delay
// attribution, findings, ratings, strengths, improvement plan) work out the rest.

import type { DrillEvent, LogHeader } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { type AssembleOptions, assembleReview } from "./assemble.js";
import { Collector } from "./collect.js";
import type { Review } from "./model.js";

export { LIMITS } from "./collect.js";

export interface AnalyseOptions extends AssembleOptions {}

export interface ReviewAnalyser {
  add(event: DrillEvent): void;
  finish(): Review;
}

export function createAnalyser(
  plan: Plan,
  header: LogHeader,
  options: AnalyseOptions,
): ReviewAnalyser {
  const collector = new Collector(plan, header);
  return {
    add: (event) => collector.add(event),
    finish: () => assembleReview(collector.data, options),
  };
}

/** Analyses a whole log in one call; `plan` is the header's plan unless re-scoring. */
export function analyse(
  plan: Plan,
  header: LogHeader,
  events: Iterable<DrillEvent>,
  options: AnalyseOptions,
): Review {
  const analyser = createAnalyser(plan, header, options);
  for (const event of events) analyser.add(event);
  return analyser.finish();
}
