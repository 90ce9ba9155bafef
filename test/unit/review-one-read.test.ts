// A markdown or HTML report whose decision log was rendered in the analysis' one read is the
// report made by reading the log again for it: on the examples, and on a log long enough for
// the rows to go to a temporary file.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import unzipper from "unzipper";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLogs } from "../../scripts/gen-logs.js";
import { WORD_ROWS } from "../../src/review/appendix-rows.js";
import {
  type AppendixFormat,
  analyseLogFile,
  analyseLogWithAppendix,
  writeReport,
} from "../../src/review/file.js";
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

/** The report as text; a Word file's document part. */
async function report(log: string, format: AppendixFormat, oneRead: boolean): Promise<string> {
  const parts: Buffer[] = [];
  const sink = async (chunk: string | Uint8Array) => {
    parts.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  };
  if (!oneRead) {
    const review = await analyseLogFile(log);
    await writeReport(review, format, review.lang, log, sink);
  } else {
    const { review, appendix } = await analyseLogWithAppendix(log, {}, format);
    try {
      // A log path that is not there: reading the log again would fail.
      const gone = join(folder.path, "gone.jsonl");
      await writeReport(review, format, review.lang, gone, sink, undefined, {}, appendix);
    } finally {
      appendix.remove();
    }
  }
  const bytes = Buffer.concat(parts);
  if (format !== "docx") return bytes.toString("utf8");
  const archive = await unzipper.Open.buffer(bytes);
  const document = archive.files.find((f) => f.path === "word/document.xml");
  // The Word library numbers bookmarks and pictures on from one document to the next.
  return ((await document?.buffer())?.toString("utf8") ?? "")
    .replace(/_Toc\d+/g, "_Toc")
    .replace(/ (w:)?id="\d+"/g, ' $1id=""');
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

  it("gives the Word report that reading the log again gives, its first rows of a long log and how many of how many", async () => {
    for (const log of logs()) {
      const once = await report(log, "docx", true);
      expect(once).toContain("<w:tbl>");
      // Compared as a whole, without printing two documents on failure.
      expect(once === (await report(log, "docx", false)), log).toBe(true);
    }
    const events = (await analyseLogFile(long)).drill.events;
    expect(events).toBeGreaterThan(WORD_ROWS);
    expect(await report(long, "docx", true)).toContain(
      `下表共 ${events} 行，本 Word 文档只列出前 ${WORD_ROWS} 行`,
    );
  }, 180_000);

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
