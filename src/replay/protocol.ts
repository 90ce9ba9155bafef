// What the replay's parent and its workers say to each other: one JSON object a line, the
// parent on the worker's standard input, the worker on its standard output. A worker is the
// CLI itself (`drill __replay-worker`), so the single executable needs no second file.

import type { Plan } from "../core/plan.js";
import type { FailedLog } from "./markdown.js";
import type { ReplayJob } from "./replay-log.js";
import type { DrillRow } from "./row.js";

export const WORKER_COMMAND = "__replay-worker";

export type WorkerRequest =
  /** First line: how every log is to be replayed. */
  | {
      type: "init";
      lang?: string;
      scoring?: { plan: Plan; file: string; sha256: string };
    }
  | { type: "log"; id: number; job: ReplayJob };

export type WorkerReply =
  | { type: "ready" }
  | { type: "done"; id: number; row: DrillRow; warnings: string[] }
  | { type: "failed"; id: number; failure: FailedLog };
