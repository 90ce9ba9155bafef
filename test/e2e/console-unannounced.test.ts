// An unannounced drill (不打招呼) on the live console in a real pseudo-terminal: the board
// shows nothing of what comes next, the facilitator's peek shows it and is logged.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLog } from "../../src/log/reader.js";
import { cleanUp, ENTER, scratch, Terminal } from "./console-terminal.js";

const PLAN = "examples/pooled-positive.en.yaml";
const MENU = "Press a key";

afterEach(cleanUp);

describe("drill run --unannounced, live", () => {
  it("hides the upcoming injects on the board; a peek shows the next one and is logged", async () => {
    const log = join(scratch("drill-unannounced-"), "live.jsonl");
    // Slow enough that the second inject is still ahead while the test reads the board.
    const term = new Terminal([
      "run",
      PLAN,
      "--unannounced",
      "--seed",
      "7",
      "--speed",
      "1",
      "--lang",
      "en",
      "--log",
      log,
    ]);
    await term.waitFor("upcoming injects are hidden");
    await term.waitFor(MENU);
    const board = (await term.screen()).join("\n");
    // The menu's "next inject now" stays (a facilitator's action); no line names the next inject.
    expect(board).not.toMatch(/next inject (?!now)/);
    expect(board).not.toMatch(/\bI2\b/);
    // No countdown to it either: neither "in 7m" nor a real-time figure.
    expect(board).not.toMatch(/\bin \d+\s*(?:m|min|h)\b/);
    expect(board).not.toMatch(/due now/);

    await term.press("p", "looked ahead (logged)");
    // Seed 7 moves I2 from T+00:20 to T+00:07.
    expect((await term.screen()).join("\n")).toContain("next inject I2 at T+00:07");

    // Choosing an inject to skip lists what is still to come: that too is a look ahead.
    await term.press("4", "Skip which inject?");
    await term.press("\u001b", MENU);

    await term.press("8", "End the drill now?");
    await term.press(`y${ENTER}`, "Hot wash now?");
    await term.press(`n${ENTER}`, "drill review");
    expect(await term.exit).toMatchObject({ exitCode: 0 });

    const { events } = await readLog(log);
    const unannounced = events.find((e) => e.type === "unannounced");
    expect(unannounced).toMatchObject({ type: "unannounced", seed: 7 });
    expect(events.filter((e) => e.type === "peek")).toEqual([
      expect.objectContaining({ type: "peek", inject: "I2" }),
      expect.objectContaining({ type: "peek", inject: "I2" }),
    ]);
  });
});
