// A markdown or HTML report whose decision log was rendered in the analysis' one read is the
// report made by reading the log again for it: on the examples, and on a log long enough for
// the rows to go to a temporary file.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import unzipper from "unzipper";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLogs } from "../../scripts/gen-logs.js";
import {
  type AppendixFormat,
  analyseLogFile,
  analyseLogWithAppendix,
  writeReport,
} from "../../src/review/file.js";
import { WORD_ROWS } from "../../src/review/render/paged.js";
import { tempDir } from "../helpers/cli.js";

let folder: ReturnType<typeof tempDir>;
let long: string;
beforeAll(async () => {
  folder = tempDir("drill-one-read-");
  await generateLogs({
    count: 1,
    events: 40_000,
    out: folder.path,
    seed: 11,
    plan: "examples/pooled-positive.zh.yaml",
    start: "2026-01-05T09:00:00+08:00",
    everyDays: 7,
    revisions: 0,
  });
  long = join(folder.path, readdirSync(folder.path)[0] ?? "");
}, 60_000);
afterAll(() => folder.remove());

async function report(log: string, format: AppendixFormat, oneRead: boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const sink = async (chunk: string | Uint8Array) => {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  };
  if (!oneRead) {
    const review = await analyseLogFile(log);
    await writeReport(review, format, review.lang, log, sink);
    return text;
  }
  const { review, appendix } = await analyseLogWithAppendix(log, {}, format);
  try {
    // A log path that is not there: reading the log again would fail.
    const gone = join(folder.path, "gone.jsonl");
    await writeReport(review, format, review.lang, gone, sink, undefined, {}, appendix);
  } finally {
    appendix.remove();
  }
  return text;
}

describe("the decision log rendered in the analysis' read", () => {
  const logs = () => [
    "examples/pooled-positive.zh.jsonl",
    "examples/pooled-positive.en.jsonl",
    "examples/river-flood.en.jsonl",
    long,
  ];
  for (const format of ["md", "html"] as const) {
    it(`gives the ${format} report that reading the log again gives`, async () => {
      for (const log of logs()) {
        const once = await report(log, format, true);
        expect(once.length).toBeGreaterThan(1000);
        expect(once, log).toBe(await report(log, format, false));
      }
      // The long log's rows are more than memory keeps: they went to the temporary file.
      expect((await report(long, format, true)).length).toBeGreaterThan(2 << 20);
    }, 60_000);
  }

  it("lists the first rows of a long log in a Word file, and says how many of how many", async () => {
    const review = await analyseLogFile(long);
    const parts: Uint8Array[] = [];
    await writeReport(review, "docx", review.lang, long, async (chunk) => {
      parts.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    });
    const archive = await unzipper.Open.buffer(Buffer.concat(parts));
    const xml =
      (await archive.files.find((f) => f.path === "word/document.xml")?.buffer())?.toString() ?? "";
    expect(review.drill.events).toBeGreaterThan(WORD_ROWS);
    expect(xml).toContain(`下表共 ${review.drill.events} 行，本 Word 文档只列出前 ${WORD_ROWS} 行`);
  }, 120_000);

  it("is not taken for another format's rows", async () => {
    const { review, appendix } = await analyseLogWithAppendix(
      "examples/pooled-positive.zh.jsonl",
      {},
      "md",
    );
    let text = "";
    await writeReport(
      review,
      "html",
      review.lang,
      "examples/pooled-positive.zh.jsonl",
      async (chunk) => {
        text += String(chunk);
      },
      undefined,
      {},
      appendix,
    );
    appendix.remove();
    expect(text).not.toContain("| ");
    expect(text).toBe(await report("examples/pooled-positive.zh.jsonl", "html", false));
  });
});
