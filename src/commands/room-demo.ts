// `drill room-demo`: the Chinese example live with the room open: the board for the
// projector and two simulated group leads (指挥调度组, 核酸检测组) answering their injects
// from their seats, so a newcomer sees the whole room in one command. Open the board's link
// in a browser; the console works as in any live drill.

import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { format } from "date-fns";
import planText from "../../examples/pooled-positive.zh.yaml?raw";
import type { CommandContext } from "../context.js";
import { writeOutput } from "../output.js";
import { displayPath } from "../run/paths.js";

export interface RoomDemoOptions {
  dir: string;
  host?: string;
  port?: number;
  speed?: number;
}

const PLAN_FILE = "pooled-positive.zh.yaml";
const SIMULATED = ["group:command", "group:testing"];

export async function roomDemo(options: RoomDemoOptions, ctx: CommandContext): Promise<number> {
  const dir = resolve(ctx.cwd, options.dir);
  await mkdir(dir, { recursive: true });
  const planPath = join(dir, PLAN_FILE);
  await writeOutput(planPath, displayPath(planPath, ctx.cwd), planText, { force: true });
  const log = join(dir, `room-drill-${format(ctx.now(), "yyyyMMdd-HHmmss")}.jsonl`);
  const { runLive } = await import("../console/live.js");
  const { simulateSeat } = await import("../room/simulated-seat.js");
  return runLive(
    displayPath(planPath, ctx.cwd),
    {
      room: true,
      log: displayPath(log, ctx.cwd),
      speed: options.speed ?? 20,
      pauseOnEntry: false,
      ...(options.host ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
    },
    ctx,
    {
      onRoom: (links) => {
        const stops = links
          .filter((link) => SIMULATED.includes(link.seat.id))
          .map((link) =>
            simulateSeat({
              url: link.url,
              everyMs: 1000,
              after: 3,
              say: (action) => `已按预案落实：${action}`,
            }),
          );
        return () => {
          for (const stop of stops) stop();
        };
      },
    },
  );
}
