// Text from plans, participants and logs never drives the terminal: the one sanitiser
// (src/text.ts) and every command that prints such text — drill log, compare, verify, the
// scripted-run summary, the console's announcements (the timeline's lines) and the report.

import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Chalk } from "chalk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compare } from "../../src/commands/compare.js";
import { log } from "../../src/commands/log.js";
import { review } from "../../src/commands/review.js";
import { run } from "../../src/commands/run.js";
import { validate } from "../../src/commands/validate.js";
import { verify } from "../../src/commands/verify.js";
import type { NewEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { InputError } from "../../src/errors.js";
import { readLog } from "../../src/log/reader.js";
import { timeline } from "../../src/log/timeline.js";
import { LogWriter } from "../../src/log/writer.js";
import { cleanText, jsonText, oneLine } from "../../src/text.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { testContext } from "../helpers/context.js";
import { sampleEvents, sampleHeader, samplePlan, tickingClock } from "../helpers/log-fixtures.js";

const ESC = "\u001b";
/** Set the window title (OSC 0, ended by BEL and by ST), clear the screen, a C1 CSI, bidi. */
const HOSTILE = `a${ESC}]0;pwned\u0007b${ESC}[2J${ESC}]0;again${ESC}\\c\u009b31md\u202Ee\u2066f\u2069g\u0007h\ri`;
/** What is left of it: the letters, in order. */
const CLEANED = "abcdefgh / i";

/** Any character that could drive a terminal or reorder text; "\n" is allowed between lines. */
const UNSAFE = /[^\P{Cc}\n]|[\u202a-\u202e\u2066-\u2069]/u;

function expectSafe(text: string) {
  const at = text.search(UNSAFE);
  expect(at, `unsafe character at ${at}: ${JSON.stringify(text.slice(at - 20, at + 20))}`).toBe(-1);
}

describe("the sanitiser", () => {
  it("removes escape sequences whole, and every other control character", () => {
    expect(oneLine(HOSTILE)).toBe(CLEANED);
    expect(cleanText(`x${ESC}[31mred${ESC}[0m\u0000\u007f\u0085y`)).toBe("xred\ny");
    // An OSC 8 hyperlink keeps its text only; what a DCS string leaves is plain text.
    expect(cleanText(`2${ESC}]8;;https://x.test${ESC}\\link${ESC}]8;;${ESC}\\3`)).toBe("2link3");
    expectSafe(cleanText(`1${ESC}Pq#0;2${ESC}\\2`));
  });

  it("removes bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)", () => {
    const bidi = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(cleanText(`access${bidi}level`)).toBe("accesslevel");
    // The Trojan Source comment: what is shown is what is stored.
    expect(oneLine("admin\u202E \u2066// check\u2069 \u2066")).toBe("admin // check");
  });

  it("keeps zero-width joiners that join, and drops invisible characters", () => {
    const family = "👨\u200D👩\u200D👧";
    expect(cleanText(family)).toBe(family);
    const persian = "می\u200Cخواهم";
    expect(cleanText(persian)).toBe(persian);
    expect(cleanText("a\u200Bb\u2060c\uFEFFd")).toBe("abcd");
    expect(cleanText("\u200Dword\u200C word \u200D")).toBe("word word ");
  });

  it("leaves ordinary Chinese and English text as it is", () => {
    for (const text of ["采样人员不足，夜间只有 2 名采样员", "E1 done — 20:15 ✔", "𠮷野家"]) {
      expect(cleanText(text)).toBe(text);
      expect(oneLine(text)).toBe(text);
    }
  });

  it("keeps JSON exact while escaping what a terminal could act on", () => {
    const value = { text: `x\u009b31m\u202Ey${ESC}z` };
    const json = jsonText(value);
    expectSafe(json);
    expect(json).toBe('{"text":"x\\u009b31m\\u202ey\\u001bz"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});

// A log whose plan and entries are hostile in every field that is shown.
const hostilePlan: Plan = {
  ...samplePlan,
  title: `演练${HOSTILE}`,
  groups: samplePlan.groups.map((g) => ({ ...g, name: `${g.name}${HOSTILE}` })),
  objectives: samplePlan.objectives.map((o) => ({ ...o, title: `${o.title}${HOSTILE}` })),
  injects: samplePlan.injects.map((inject) => ({
    ...inject,
    title: `${inject.title}${HOSTILE}`,
    message: `${inject.message}${HOSTILE}`,
    expects: inject.expects.map((e) => ({ ...e, action: `${e.action}${HOSTILE}` })),
  })),
};

const hostileEvents: NewEvent[] = sampleEvents.map((event) => {
  switch (event.type) {
    case "decision":
      return {
        ...event,
        text: `${event.text}${HOSTILE}`,
        ...(event.blocker ? { blocker: { ...event.blocker, text: HOSTILE } } : {}),
      };
    case "note":
      return { ...event, text: HOSTILE };
    case "inject-skipped":
      return { ...event, note: HOSTILE };
    case "drill-resumed":
      return { ...event, reason: HOSTILE };
    case "hotwash":
      return { ...event, wentWell: HOSTILE, wentLessWell: HOSTILE, why: HOSTILE };
    default:
      return event;
  }
});

let folder: ReturnType<typeof tempDir>;
beforeEach(() => {
  folder = tempDir();
});
afterEach(() => folder.remove());

async function hostileLog(name: string): Promise<string> {
  const path = join(folder.path, name);
  const writer = await LogWriter.create(
    path,
    { ...sampleHeader(), plan: hostilePlan, planFile: `plan${HOSTILE}.yaml` },
    { now: tickingClock() },
  );
  for (const event of hostileEvents) writer.append(event);
  writer.close();
  return path;
}

describe("commands that print user text", () => {
  it("drill log prints none of it raw, as a timeline or as JSON Lines", async () => {
    await hostileLog("a.jsonl");
    for (const options of [{}, { lang: "en" as const }, { json: true }]) {
      const { ctx, out } = testContext(folder.path);
      await log("a.jsonl", options, ctx);
      expectSafe(out.text);
      expect(out.text).toContain(options.json ? "pwned" : CLEANED);
    }
  });

  it("drill log in colour keeps its own colours and nothing else", async () => {
    await hostileLog("a.jsonl");
    const { ctx, out } = testContext(folder.path, { tty: true });
    await log("a.jsonl", {}, ctx);
    const withoutOurs = out.text.replaceAll(new RegExp(`${ESC}\\[\\d+m`, "g"), "");
    expectSafe(withoutOurs);
  });

  it("the console's announcement of an inject (the timeline's line) is clean", async () => {
    const path = await hostileLog("a.jsonl");
    const { header, events } = await readLog(path);
    const lines = timeline(header, "zh", new Chalk({ level: 0 }));
    const delivered = events.find((e) => e.type === "inject-delivered");
    if (!delivered) throw new Error("no delivery");
    const line = lines.line(delivered);
    expectSafe(line);
    expect(line).toContain(`指挥调度组${CLEANED}`);
    for (const text of lines.heading) expectSafe(text);
  });

  it("drill verify prints the title clean, as text and as JSON", async () => {
    await hostileLog("a.jsonl");
    for (const options of [{}, { json: true }]) {
      const { ctx, out } = testContext(folder.path);
      await verify("a.jsonl", options, ctx).catch(() => undefined);
      expectSafe(out.text + out.err);
      expect(out.text).toContain(options.json ? "pwned" : CLEANED);
    }
  });

  it("drill compare prints none of it raw, in any format", async () => {
    await hostileLog("a.jsonl");
    await hostileLog("b.jsonl");
    for (const format of ["text", "md", "json"]) {
      const { ctx, out } = testContext(folder.path);
      await compare("a.jsonl", "b.jsonl", { format }, ctx);
      expectSafe(out.text + out.err);
    }
  });

  it("the markdown report holds no bidi override or control character", async () => {
    await hostileLog("a.jsonl");
    const { ctx, out } = testContext(folder.path);
    await review("a.jsonl", {}, ctx);
    expectSafe(out.text);
    expect(out.text).toContain(CLEANED);
  });

  it("drill validate quotes the plan's own text clean, as text and as JSON", async () => {
    const plan = readFileSync(join(ROOT, "examples/river-flood.en.yaml"), "utf8");
    writeFileSync(join(folder.path, "plan.yaml"), `${plan}${JSON.stringify(`odd${HOSTILE}`)}: 1\n`);
    const { ctx, out } = testContext(folder.path);
    const error = await validate("plan.yaml", {}, ctx).then(
      () => undefined,
      (e: unknown) => e as InputError,
    );
    expect(error).toBeInstanceOf(InputError);
    expectSafe(error?.describe() ?? "");
    expect(error?.describe()).toContain(`unknown key "odd${CLEANED}" in the plan`);
    await validate("plan.yaml", { json: true }, ctx);
    expectSafe(out.text);
  });

  it("the scripted run's summary prints the plan's title clean", async () => {
    const plan = readFileSync(join(ROOT, "examples/river-flood.en.yaml"), "utf8").replace(
      /^title: .*$/m,
      `title: ${JSON.stringify(`Flood ${HOSTILE}`)}`,
    );
    writeFileSync(join(folder.path, "plan.yaml"), plan);
    cpSync(join(ROOT, "examples/river-flood.en.script.yaml"), join(folder.path, "script.yaml"));
    const { ctx, out } = testContext(folder.path);
    await run(
      "plan.yaml",
      { script: "script.yaml", log: "a.jsonl", startTime: "2026-06-15T18:00:00+08:00" },
      ctx,
    );
    expectSafe(out.text + out.err);
    expect(out.text).toContain(`the drill "Flood ${CLEANED}"`);
  });
});
