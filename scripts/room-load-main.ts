// Load on the room, loopback only: N seats post M entries each at once into one room with
// a board following. Prints how many were acknowledged and logged (each once, fsynced), the
// time from post to board (median, p95, max), and how many shared each write.
//
//   node scripts/room-load.mjs [--seats 50] [--entries 10]   (npm run load:room)

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runRoomLoad } from "../test/helpers/room-load.js";

const { values: args } = parseArgs({
  options: { seats: { type: "string", default: "50" }, entries: { type: "string", default: "10" } },
});

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

const dir = mkdtempSync(join(tmpdir(), "drill-room-load-"));
try {
  const result = await runRoomLoad(dir, Number(args.seats), Number(args.entries));
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const batches = [...result.commits].sort((a, b) => a - b);
  console.log(`seats ${result.seats}, entries posted ${result.seats * Number(args.entries)}`);
  console.log(
    `acknowledged ${result.acknowledged}, logged ${result.logged}, distinct ids ${result.uniqueRefs}`,
  );
  console.log(`all posted in ${(result.elapsedMs / 1000).toFixed(2)} s`);
  console.log(
    `post → board: median ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms`,
  );
  console.log(
    `writes (one fsync each): ${batches.length} for ${result.acknowledged} entries; entries per write median ${quantile(batches, 0.5)}, max ${batches.at(-1)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
