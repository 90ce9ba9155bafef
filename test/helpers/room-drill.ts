// A drill with a room, in process: a real log (fsynced) under a temporary folder, the engine's
// fold, and the room's server on loopback, without the console.
import { join } from "node:path";
import { applyEvent, foldDrill } from "../../src/core/engine.js";
import { type DrillEvent, LOG_FORMAT, type NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { LogWriter } from "../../src/log/writer.js";
import { readPlanFile } from "../../src/plan/load.js";
import { type Seat, seatsFor } from "../../src/room/seats.js";
import { type RoomDrill, RoomServer } from "../../src/room/server.js";
import { ROOT } from "./cli.js";

export interface RoomUnderTest {
  server: RoomServer;
  drill: RoomDrill & { events: DrillEvent[] };
  writer: LogWriter;
  seats: Seat[];
  logPath: string;
  url: (seat: Seat) => string;
  origin: string;
  /** Messages seats sent to control. */
  told: string[];
  /** How many times the room committed (one write and one fsync each). */
  commits: number[];
  close: () => Promise<void>;
}

export async function openTestRoom(
  dir: string,
  plan: string | Plan = "examples/pooled-positive.zh.yaml",
): Promise<RoomUnderTest> {
  const loaded =
    typeof plan === "string"
      ? await readPlanFile(join(ROOT, plan), { cwd: ROOT })
      : { plan, sha256: "0".repeat(64), source: "" };
  const logPath = join(dir, "drill.jsonl");
  const started = new Date();
  const writer = await LogWriter.create(
    logPath,
    {
      type: "header",
      format: LOG_FORMAT,
      tool: "drillbook test",
      startedAt: started.toISOString(),
      t: 0,
      plan: loaded.plan,
      planSha256: loaded.sha256,
      planSource: loaded.source,
      clock: "real",
    },
    { now: () => new Date() },
  );
  const state = foldDrill(loaded.plan, []);
  const events: DrillEvent[] = [];
  const told: string[] = [];
  const commits: number[] = [];
  const emit = (batch: NewEvent[]) => {
    const written = writer.appendMany(batch);
    for (const event of written) applyEvent(state, event);
    events.push(...written);
    return written;
  };
  emit([{ type: "drill-started", t: 0, speed: loaded.plan.clock.speed }]);
  emit([{ type: "inject-delivered", t: 0, inject: loaded.plan.injects[0]?.id ?? "" }]);
  let server: RoomServer | undefined;
  const drill = {
    state,
    events,
    now: () => Math.max(state.t, 0),
    nowMs: () => Date.now(),
    commit: (batch: NewEvent[]) => {
      if (batch.length > 0) commits.push(batch.length);
      const written = emit(batch);
      server?.changed();
      return written;
    },
    tell: (_seat: Seat, text: string) => {
      told.push(text);
    },
  };
  const seats = seatsFor(loaded.plan);
  server = new RoomServer(drill, seats, "127.0.0.1");
  const port = await server.listen(0);
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    drill,
    writer,
    seats,
    logPath,
    origin,
    told,
    commits,
    url: (seat) => `${origin}/${seat.kind === "board" ? "b" : "s"}/${seat.token}`,
    close: async () => {
      await server?.close();
      writer.close();
    },
  };
}
