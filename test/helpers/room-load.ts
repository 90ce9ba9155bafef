// Many seats posting at once into one room on loopback, with a board following over
// Server-Sent Events: how many entries were acknowledged and logged, and for each the time
// from its post to the first board message that includes it. Shared by the bounded test and
// scripts/room-load.ts, which prints the latencies.
import { request } from "node:http";
import type { Plan } from "../../src/core/plan.js";
import { readLog } from "../../src/log/reader.js";
import { openTestRoom } from "./room-drill.js";

export interface LoadResult {
  seats: number;
  acknowledged: number;
  logged: number;
  uniqueRefs: number;
  /** Post to board, ms, one per acknowledged entry. */
  latencies: number[];
  /** Entries per commit (one write and one fsync each). */
  commits: number[];
  elapsedMs: number;
}

/** A plan with `groups` groups and `evaluators` evaluators, one inject to every group. */
export function loadPlan(groups: number, evaluators: number): Plan {
  const ids = Array.from({ length: groups }, (_, i) => `g${i + 1}`);
  return {
    title: "Load drill",
    scenario: "Many seats at once",
    lang: "en",
    clock: { speed: 1 },
    evaluators: Array.from({ length: evaluators }, (_, i) => `Evaluator ${i + 1}`),
    groups: ids.map((id) => ({ id, name: `Group ${id}`, members: [], responsibilities: [] })),
    objectives: [],
    injects: [
      {
        id: "I1",
        atMinutes: 0,
        title: "Start",
        message: "Everyone acts",
        to: ids,
        expects: ids.map((group, i) => ({
          id: `E${i + 1}`,
          inject: "I1",
          group,
          action: "act",
          withinMinutes: 60,
          after: [],
          critical: false,
        })),
      },
    ],
  };
}

export async function runRoomLoad(dir: string, seats = 50, perSeat = 10): Promise<LoadResult> {
  const evaluators = Math.max(1, Math.round(seats / 10));
  const room = await openTestRoom(dir, loadPlan(seats - evaluators, evaluators));
  try {
    const board = room.seats.find((s) => s.kind === "board");
    if (!board) throw new Error("no board");
    // Every board message: when it came and the last seq it shows.
    const seen: Array<{ at: number; seq: number }> = [];
    const stream = request(`${room.url(board)}/events`);
    const opened = new Promise<void>((resolve) => {
      stream.on("response", (res) => {
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message.split("\n").find((line) => line.startsWith("data: "));
            if (data) seen.push({ at, seq: (JSON.parse(data.slice(6)) as { seq: number }).seq });
          }
          resolve();
        });
      });
    });
    stream.end();
    await opened;

    const started = performance.now();
    const posted: Array<{ at: number; seq: number }> = [];
    const writers = room.seats.filter((s) => s.kind !== "board");
    await Promise.all(
      writers.map(async (seat, n) => {
        for (let i = 0; i < perSeat; i++) {
          const body =
            seat.kind === "group"
              ? {
                  id: `load-${n}-${i}-entry`,
                  decision: { expectation: `E${n + 1}`, status: "partial", text: `step ${i}` },
                }
              : { id: `load-${n}-${i}-entry`, note: { kind: "neutral", text: `seen ${i}` } };
          const at = performance.now();
          const response = await fetch(`${room.url(seat)}/entries`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Origin: room.origin },
            body: JSON.stringify(body),
          });
          const answer = (await response.json()) as { seq?: number };
          if (response.status === 200 && answer.seq !== undefined)
            posted.push({ at, seq: answer.seq });
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const last = Math.max(...posted.map((p) => p.seq));
    // The board's last message comes right after the last answer: wait for it.
    for (let tries = 0; !seen.some((s) => s.seq >= last) && tries < 500; tries++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    stream.destroy();
    const latencies = posted.map((p) => {
      const shown = seen.find((s) => s.seq >= p.seq);
      return shown ? shown.at - p.at : Number.POSITIVE_INFINITY;
    });
    room.writer.close();
    const log = await readLog(room.logPath);
    const refs = log.events.flatMap((e) => (e.ref ? [e.ref] : []));
    return {
      seats: writers.length,
      acknowledged: posted.length,
      logged: log.events.filter((e) => e.type === "decision" || e.type === "note").length,
      uniqueRefs: new Set(refs).size,
      latencies,
      commits: room.commits,
      elapsedMs,
    };
  } finally {
    await room.close();
  }
}
