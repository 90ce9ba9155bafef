// What a workbook holds besides its cells: its sheets in order, whether each is hidden, and
// which cells are merged (exceljs' streaming reader reads none of these). The same pass guards against zip bombs: the inflated sizes the zip's
// directory declares are checked first, then every part is inflated as a stream, counting
// its bytes and stopping past what was declared or past the caps (limits.ts). exceljs reads
// the parts through the same streaming parser afterwards, so it inflates exactly what was
// counted here.

import { SaxesParser, type SaxesTagPlain } from "saxes";
import unzipper from "unzipper";
import { InputError } from "../errors.js";
import { columnIndex } from "./cells.js";
import { formatBytes, IMPORT_LIMITS } from "./limits.js";
import type { ByteSource } from "./source.js";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface SheetStructure {
  name: string;
  state: SheetState;
  /** The part it is stored in, `xl/worksheets/sheet1.xml`. */
  part: string;
  /** Merged ranges, 0-based and inclusive: [top, left, bottom, right]. */
  merges: [number, number, number, number][];
}

export interface XlsxStructure {
  sheets: SheetStructure[];
  /** All its parts together, inflated. */
  inflatedBytes: number;
}

const HINT = "drill import reads .xlsx workbooks and .csv files (UTF-8 or GB18030)";

export async function inspectXlsx(source: ByteSource, file: string): Promise<XlsxStructure> {
  const declared = await declaredSizes(source, file);
  const sheetsByPart = new Map<string, Omit<SheetStructure, "name" | "state" | "part">>();
  let workbook: { name: string; state: SheetState; rel: string }[] = [];
  const rels = new Map<string, string>();
  let total = 0;

  const input = source.stream();
  const parser = unzipper.Parse({ forceStream: true });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const item of parser) {
      const entry = item as unzipper.Entry;
      const part = entry.path;
      const size = declared.get(part);
      if (size === undefined)
        throw bomb(file, `the part "${part}" is missing from the zip's directory`);
      const cap = Math.min(size, capFor(part));
      const xml = xmlReader(part);
      let inflated = 0;
      for await (const chunk of entry) {
        inflated += (chunk as Buffer).length;
        total += (chunk as Buffer).length;
        if (inflated > cap)
          throw bomb(
            file,
            inflated > size
              ? `the part "${part}" inflates beyond the ${formatBytes(size)} its zip directory declares`
              : `the part "${part}" inflates beyond ${formatBytes(capFor(part))}, the limit for it`,
          );
        if (total > IMPORT_LIMITS.totalBytes)
          throw bomb(file, `the workbook inflates beyond ${formatBytes(IMPORT_LIMITS.totalBytes)}`);
        xml?.write(chunk as Buffer);
      }
      if (!xml) continue;
      const result = xml.end();
      if (part === "xl/workbook.xml") workbook = result.sheets ?? [];
      else if (part === "xl/_rels/workbook.xml.rels")
        for (const [id, target] of result.rels ?? []) rels.set(id, target);
      else sheetsByPart.set(part, { merges: result.merges ?? [] });
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`not a readable .xlsx workbook (${messageOf(error)})`, {
      location: { file },
      hint: HINT,
    });
  } finally {
    input.destroy();
    parser.destroy();
  }

  const sheets: SheetStructure[] = [];
  for (const { name, state, rel } of workbook) {
    const target = rels.get(rel);
    if (target === undefined) continue;
    const part = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    const found = sheetsByPart.get(part);
    sheets.push({ name, state, part, merges: found?.merges ?? [] });
  }
  return { sheets, inflatedBytes: total };
}

function capFor(part: string): number {
  return part === "xl/sharedStrings.xml"
    ? IMPORT_LIMITS.sharedStringsBytes
    : IMPORT_LIMITS.partBytes;
}

function bomb(file: string, message: string): InputError {
  return new InputError(`the workbook is too large to read safely: ${message}`, {
    location: { file },
    hint: "split it, or save the MSEL's sheet alone as CSV; a small file that inflates this much may be damaged or built to exhaust memory (a zip bomb)",
  });
}

/** The inflated size of every part, from the zip's central directory, checked against the caps. */
async function declaredSizes(source: ByteSource, file: string): Promise<Map<string, number>> {
  let directory: unzipper.CentralDirectory;
  try {
    directory = await unzipper.Open.custom({
      size: () => source.size(),
      stream: (offset, length) => source.stream(offset, length ? offset + length : undefined),
    });
  } catch (error) {
    throw new InputError(`not a readable .xlsx workbook (${messageOf(error)})`, {
      location: { file },
      hint: HINT,
    });
  }
  if (directory.files.length > IMPORT_LIMITS.parts)
    throw bomb(
      file,
      `it holds ${directory.files.length} files (the limit is ${IMPORT_LIMITS.parts})`,
    );
  const sizes = new Map<string, number>();
  let total = 0;
  for (const entry of directory.files) {
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > capFor(entry.path))
      throw bomb(
        file,
        `its zip directory says "${entry.path}" inflates to ${formatBytes(entry.uncompressedSize)} (the limit is ${formatBytes(capFor(entry.path))})`,
      );
    sizes.set(entry.path, entry.uncompressedSize);
  }
  if (total > IMPORT_LIMITS.totalBytes)
    throw bomb(
      file,
      `its zip directory says it inflates to ${formatBytes(total)} (the limit is ${formatBytes(IMPORT_LIMITS.totalBytes)})`,
    );
  return sizes;
}

interface XmlFindings {
  sheets?: { name: string; state: SheetState; rel: string }[];
  rels?: [string, string][];
  merges?: [number, number, number, number][];
}

/** A streaming XML reader for the parts this module looks into; undefined for the others. */
function xmlReader(part: string): { write(chunk: Buffer): void; end(): XmlFindings } | undefined {
  if (part === "xl/workbook.xml") return workbookReader();
  if (part === "xl/_rels/workbook.xml.rels") return relsReader();
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(part)) return mergesReader();
  return undefined;
}

function xmlParser(onTag: (name: string, attr: (key: string) => string | undefined) => void): {
  write(text: string): void;
  close(): void;
} {
  const parser = new SaxesParser();
  parser.on("opentag", (tag: SaxesTagPlain) => {
    onTag(tag.name.replace(/^.*:/, ""), (key) => {
      const value = tag.attributes[key];
      return typeof value === "string" ? value : undefined;
    });
  });
  return { write: (text) => parser.write(text), close: () => parser.close() };
}

function decoded(
  onText: (text: string) => void,
  onEnd: () => XmlFindings,
): { write(chunk: Buffer): void; end(): XmlFindings } {
  const decoder = new TextDecoder("utf-8");
  return {
    write: (chunk) => onText(decoder.decode(chunk, { stream: true })),
    end: () => {
      onText(decoder.decode());
      return onEnd();
    },
  };
}

function workbookReader() {
  const sheets: NonNullable<XmlFindings["sheets"]> = [];
  const xml = xmlParser((name, attr) => {
    if (name !== "sheet") return;
    const state = attr("state");
    sheets.push({
      name: attr("name") ?? "",
      state: state === "hidden" || state === "veryHidden" ? state : "visible",
      rel: attr("r:id") ?? "",
    });
  });
  return decoded(xml.write, () => {
    xml.close();
    return { sheets };
  });
}

function relsReader() {
  const rels: [string, string][] = [];
  const xml = xmlParser((name, attr) => {
    const id = attr("Id");
    const target = attr("Target");
    if (name === "Relationship" && id && target) rels.push([id, target]);
  });
  return decoded(xml.write, () => {
    xml.close();
    return { rels };
  });
}

/**
 * A sheet's merged ranges are listed after its cells (`</sheetData><mergeCells>…`): the cells,
 * which exceljs reads, are skipped unparsed up to that closing tag, and the XML parser reads
 * what follows it, wrapped so that it stays well-formed.
 */
function mergesReader() {
  const END = "</sheetData>";
  const merges: NonNullable<XmlFindings["merges"]> = [];
  const xml = xmlParser((name, attr) => {
    if (name !== "mergeCell") return;
    const range = parseRange(attr("ref") ?? "");
    if (range) merges.push(range);
  });
  let tail: string | undefined;
  let carry = "";
  return decoded(
    (text) => {
      if (tail !== undefined) {
        xml.write(text);
        return;
      }
      const joined = carry + text;
      const at = joined.indexOf(END);
      if (at < 0) {
        carry = joined.slice(-END.length);
        return;
      }
      tail = joined.slice(at);
      xml.write(`<worksheet><sheetData>${tail}`);
    },
    () => {
      if (tail !== undefined) xml.close();
      return { merges };
    },
  );
}

/** `A4:C6` → [3, 0, 5, 2]. */
function parseRange(ref: string): [number, number, number, number] | undefined {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  const col = (letters: string) => columnIndex(letters) ?? 0;
  const top = Number(m[2]) - 1;
  const left = col(m[1] as string);
  return [top, left, m[4] ? Number(m[4]) - 1 : top, m[3] ? col(m[3]) : left];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
