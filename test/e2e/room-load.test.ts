// The room under load, loopback only and bounded: 50 seats post 10 entries each at once.
// Every entry is acknowledged, logged exactly once (fsynced: the writer's default) and shown
// on the board. The latencies are printed by `npm run load:room`, never asserted here.
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { runRoomLoad } from "../helpers/room-load.js";

const dir = tempDir("drill-room-load-");
afterAll(() => dir.remove());

describe("the room under load", () => {
  it("takes 50 seats × 10 entries: each logged once, each reaching the board", async () => {
    const result = await runRoomLoad(dir.path, 50, 10);
    expect(result.seats).toBe(50);
    expect(result.acknowledged).toBe(500);
    expect(result.logged).toBe(500);
    expect(result.uniqueRefs).toBe(500);
    expect(result.latencies.every(Number.isFinite)).toBe(true);
    expect(result.commits.reduce((a, b) => a + b, 0)).toBe(500);
  });
});
