// Reading a CSV file as a stream with csv-parse. The encoding is decided over the whole file
// first: UTF-8 when every byte sequence is valid UTF-8; GB18030 (what Chinese Windows saves)
// when the file is valid GB18030 and mostly not UTF-8; otherwise the file is UTF-8 with a bad
// byte, reported with its row and column rather than read as GB18030, which would garble
// every Chinese cell. The delimiter (`,` `;` or tab) is chosen on the first 64 KiB.

import { InputError } from "../errors.js";
import { type CellValue, columnLetter, rowIsBlank, type Sheet } from "./cells.js";
import { restoreFormula } from "./formula.js";
import { IMPORT_LIMITS } from "./limits.js";
import type { ByteSource } from "./source.js";

const HINT = "drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)";
const SAMPLE_CHARS = 64 * 1024;

type Encoding = "utf-8" | "gb18030";

export async function readCsvSheet(
  source: ByteSource,
  file: string,
): Promise<{ sheet: Sheet; notes: string[] }> {
  const encoding = await decideEncoding(source);
  const notes =
    encoding === "gb18030"
      ? ["the CSV is not UTF-8: read as GB18030 (Chinese Windows encoding)"]
      : [];
  const delimiter = await chooseDelimiter(source, encoding);
  const rows = await parseRows(source, file, encoding, delimiter);
  const name = file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return { sheet: { name, rows, state: "visible" }, notes };
}

async function decideEncoding(source: ByteSource): Promise<Encoding> {
  const strict = new TextDecoder("utf-8", { fatal: true });
  const lenient = new TextDecoder("utf-8");
  let valid = true;
  let good = 0;
  let bad = 0;
  const count = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0xfffd) bad++;
      else if (code > 0x7f) good++;
    }
  };
  for await (const chunk of source.stream()) {
    if (valid) {
      try {
        strict.decode(chunk as Buffer, { stream: true });
      } catch {
        valid = false;
      }
    }
    count(lenient.decode(chunk as Buffer, { stream: true }));
  }
  if (valid) {
    try {
      strict.decode();
    } catch {
      valid = false;
    }
  }
  count(lenient.decode());
  if (valid) return "utf-8";
  // Text that is mostly valid UTF-8 is UTF-8 with a damaged byte, not another encoding.
  if (good > bad * 4) return "utf-8";
  const gb = new TextDecoder("gb18030", { fatal: true });
  try {
    for await (const chunk of source.stream()) gb.decode(chunk as Buffer, { stream: true });
    gb.decode();
    return "gb18030";
  } catch {
    // Neither: read it as UTF-8, which stops at the first bad byte and says where it is.
    return "utf-8";
  }
}

async function chooseDelimiter(source: ByteSource, encoding: Encoding): Promise<string> {
  const decoder = new TextDecoder(encoding);
  let sample = "";
  for await (const chunk of source.stream()) {
    sample += decoder.decode(chunk as Buffer, { stream: true });
    if (sample.length >= SAMPLE_CHARS) break;
  }
  sample = sample.replace(/^\uFEFF/, "");
  // A cut record at the end of the sample would count against every delimiter alike.
  const lastBreak = sample.lastIndexOf("\n");
  if (sample.length >= SAMPLE_CHARS && lastBreak > 0) sample = sample.slice(0, lastBreak + 1);
  const { parse } = await import("csv-parse/sync");
  let best = ",";
  let bestScore = -1;
  // csv-parse's delimiter discovery trips over quoted fields, so try the usual three and keep
  // the one that splits most rows into the same number of columns.
  for (const delimiter of [",", ";", "\t"]) {
    try {
      const records: string[][] = parse(sample, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      });
      const score = delimiterScore(records);
      if (score > bestScore) {
        best = delimiter;
        bestScore = score;
      }
    } catch {
      // A delimiter that cannot parse the sample is simply not this file's.
    }
  }
  return best;
}

function delimiterScore(records: string[][]): number {
  const counts = new Map<number, number>();
  for (const record of records) {
    if (record.length > 1) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  }
  const [width, rows] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [1, 0];
  return rows * 1000 + width;
}

async function parseRows(
  source: ByteSource,
  file: string,
  encoding: Encoding,
  delimiter: string,
): Promise<CellValue[][]> {
  const { parse } = await import("csv-parse");
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  const input = source.stream();
  const decoder = new TextDecoder(encoding);
  let first = true;
  const feed = (async () => {
    for await (const chunk of input) {
      let text = decoder.decode(chunk as Buffer, { stream: true });
      if (first) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      if (text !== "" && !parser.write(text))
        await new Promise<void>((done) => parser.once("drain", done));
    }
    parser.end(decoder.decode());
  })();
  feed.catch((error: unknown) => parser.destroy(error as Error));

  const rows: CellValue[][] = [];
  let filled = 0;
  try {
    for await (const item of parser) {
      const { record, info } = item as { record: string[]; info: { lines: number } };
      const row: CellValue[] = record.map((v) => (v === "" ? null : restoreFormula(v)));
      const bad = row.findIndex((v) => typeof v === "string" && v.includes("\uFFFD"));
      if (bad >= 0) throw badByte(file, rows.length + 1, bad, info.lines);
      rows.push(row);
      if (!rowIsBlank(row) && ++filled > IMPORT_LIMITS.rows) throw tooManyRows(file);
    }
    await feed;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `not readable as CSV: ${error instanceof Error ? error.message : String(error)}`,
      { location: { file }, hint: HINT },
    );
  } finally {
    input.destroy();
    parser.destroy();
  }
  while (rows.length > 0 && rowIsBlank(rows.at(-1))) rows.pop();
  return rows;
}

function badByte(file: string, row: number, column: number, line: number): InputError {
  return new InputError(
    `row ${row}, column ${columnLetter(column)}: a byte that is not UTF-8 (the rest of the file is UTF-8)`,
    {
      location: { file, line },
      hint: "the file was damaged or joined from files saved in different encodings; fix that cell, or save the file again as CSV UTF-8",
    },
  );
}

export function tooManyRows(file: string, limit: number = IMPORT_LIMITS.rows): InputError {
  const all = limit === IMPORT_LIMITS.scanRows;
  return new InputError(
    `more than ${limit.toLocaleString("en")} filled rows${all ? " in all its sheets" : ""}: drill import reads at most ${IMPORT_LIMITS.rows.toLocaleString("en")} for a plan${all ? ` and looks through at most ${limit.toLocaleString("en")}` : ""}`,
    {
      location: { file },
      hint: "split the MSEL into smaller files, or import one sheet at a time with --sheet",
    },
  );
}
