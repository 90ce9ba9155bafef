// The drill log's line format, `drillbook-log/1`. One place says how a line is written
// and how it is checked, so the writer and the reader cannot drift apart.
//
// - JSON Lines, UTF-8, one object per line, every line ended by "\n" (never "\r\n").
// - Line 1 is the header (`seq: 0`, `type: "header"`, `format: "drillbook-log/1"`);
//   every later line is one event, numbered `seq: 1, 2, 3...` without gaps.
// - Keys come in this order: `seq`, `wall`, `t`, `type`, the event's own fields, `ref`,
//   then `prev` (the previous line's hash; absent on the header), and last `h`.
// - `h` is the line's own hash: lowercase hex sha256 over the previous line's `h` (as its
//   64 ASCII characters; nothing for the header) followed by the line's bytes up to, not
//   including, `,"h":"`. So a line always ends with `,"h":"<64 hex>"}` + "\n".
//
// Each hash covers the line's bytes and, through `prev`, every line before it, so changing
// any byte anywhere breaks either a line's hash, its JSON, its tail or its newline, and
// the reader names that line. The chain proves integrity, not authorship: whoever can
// edit the file can also rewrite every hash after the edit.

import * as crypto from "node:crypto";

/** `,"h":"` + 64 hex digits + `"}`. */
export const HASH_TAIL_BYTES = 72;
const TAIL_OPEN = Buffer.from(',"h":"');

type OneShotHash = (algorithm: string, data: Uint8Array | string, encoding: "hex") => string;
/**
 * Node's one-shot hash (20.12 and later): a third of `createHash`'s cost per line, and every
 * line of every log read is hashed. Read off the namespace, as older Nodes lack it.
 */
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;

/** The previous hash and a line's bytes, side by side for the one-shot hash; grown as needed. */
let joined = Buffer.allocUnsafe(4096);

/** The hash of a line: sha256 over the previous line's hash, then the line's text before `h`. */
export function lineHash(prevHash: string | undefined, beforeHash: string | Uint8Array): string {
  if (oneShot) {
    // A hash is hex, so as UTF-8 it is the same bytes as `createHash` is given below.
    if (typeof beforeHash === "string")
      return oneShot("sha256", prevHash ? prevHash + beforeHash : beforeHash, "hex");
    // As latin1 (a byte a character), as `createHash` is given it.
    const prefix = prevHash?.length ?? 0;
    const length = prefix + beforeHash.length;
    if (joined.length < length) joined = Buffer.allocUnsafe(Math.max(length, joined.length * 2));
    if (prevHash) joined.write(prevHash, 0, "latin1");
    joined.set(beforeHash, prefix);
    return oneShot("sha256", joined.subarray(0, length), "hex");
  }
  const hash = crypto.createHash("sha256");
  if (prevHash) hash.update(prevHash, "latin1");
  if (typeof beforeHash === "string") hash.update(beforeHash, "utf8");
  else hash.update(beforeHash);
  return hash.digest("hex");
}

/**
 * Writes one line: `fields` in their key order, then `prev`, then `h`. Returns the text
 * (ending in "\n") and the line's hash, which the next line carries as `prev`.
 */
export function encodeLine(
  fields: Record<string, unknown>,
  prevHash: string | undefined,
): { text: string; hash: string } {
  const json = JSON.stringify(prevHash === undefined ? fields : { ...fields, prev: prevHash });
  const beforeHash = json.slice(0, -1);
  const hash = lineHash(prevHash, beforeHash);
  return { text: `${beforeHash},"h":"${hash}"}\n`, hash };
}

/**
 * Splits a line (without its "\n") into the bytes its hash covers and the hash it claims,
 * or returns undefined when the line does not end in a well-formed `,"h":"<64 hex>"}`.
 */
export function splitHashTail(
  line: Uint8Array,
): { beforeHash: Uint8Array; hash: string } | undefined {
  const buffer = Buffer.from(line.buffer, line.byteOffset, line.length);
  const hash = hashTailAt(buffer, 0, buffer.length);
  return hash === undefined
    ? undefined
    : { beforeHash: line.subarray(0, tailStartOf(line.length)), hash };
}

/** Where the tail of a line that ends at `end` starts: its hash covers the bytes before. */
export const tailStartOf = (end: number): number => end - HASH_TAIL_BYTES;

/**
 * `splitHashTail` for the line at `start`..`end` of a buffer: the hash the line claims, or
 * undefined. Takes offsets, as the reader checks every line of a chunk in place.
 */
export function hashTailAt(buffer: Buffer, start: number, end: number): string | undefined {
  if (!hasTailShape(buffer, start, end)) return undefined;
  const hashStart = hashStartOf(end);
  for (let i = hashStart; i < hashStart + 64; i++) {
    const byte = buffer[i] as number;
    if (!((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66))) return undefined;
  }
  return buffer.toString("latin1", hashStart, hashStart + 64);
}

/**
 * Whether the line at `start`..`end` ends as `,"h":"` + 64 bytes + `"}`, whatever those bytes
 * are: the reader then compares them with the hash it computes, which is hex, so a line whose
 * hash matches has a well-formed tail without its digits being checked one by one.
 */
export function hasTailShape(buffer: Buffer, start: number, end: number): boolean {
  if (end - start <= HASH_TAIL_BYTES) return false;
  const tailStart = tailStartOf(end);
  for (let i = 0; i < TAIL_OPEN.length; i++) {
    if (buffer[tailStart + i] !== TAIL_OPEN[i]) return false;
  }
  return buffer[end - 2] === 0x22 && buffer[end - 1] === 0x7d;
}

/** Where the 64 digits of the hash of a line that ends at `end` start. */
export const hashStartOf = (end: number): number => end - HASH_TAIL_BYTES + TAIL_OPEN.length;

/**
 * Whether `buffer` holds the ASCII `text` at `at`, compared byte by byte in place: every line
 * read compares its two hashes so, and making each a string cost more than the comparing.
 */
export function holdsAt(buffer: Buffer, at: number, text: string): boolean {
  if (at < 0 || at + text.length > buffer.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (buffer[at + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** `,"prev":"` + 64 hex digits + `"`: how every line after the header ends before its tail. */
export const PREV_FIELD_BYTES = 74;
const PREV_OPEN = Buffer.from(',"prev":"');

/**
 * Whether the bytes of a line just before its tail (which starts at `tailStart`) are
 * `,"prev":"<prevHash>"`, exactly as the writer puts them, compared in place.
 */
export function endsWithPrev(
  buffer: Buffer,
  start: number,
  tailStart: number,
  prevHash: string,
): boolean {
  const at = tailStart - PREV_FIELD_BYTES;
  if (at <= start || prevHash.length !== 64 || buffer[tailStart - 1] !== 0x22) return false;
  for (let i = 0; i < PREV_OPEN.length; i++) {
    if (buffer[at + i] !== PREV_OPEN[i]) return false;
  }
  return holdsAt(buffer, at + PREV_OPEN.length, prevHash);
}

/**
 * Where, in an unterminated last line, a complete line would end: the end offsets of every
 * `,"h":"<64 hex>"}` in it. A crash mid-write leaves a strict prefix of a line, which has
 * none before its very end; anything after such a tail was added later.
 */
export function completeLineEnds(bytes: Uint8Array): number[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const ends: number[] = [];
  for (let at = buffer.indexOf(TAIL_OPEN); at !== -1; at = buffer.indexOf(TAIL_OPEN, at + 1)) {
    const end = at + HASH_TAIL_BYTES;
    if (end <= buffer.length && splitHashTail(buffer.subarray(0, end))) ends.push(end);
  }
  return ends;
}

/** Bytes enough to hold the start of a header, up to its `format`. */
export const LOG_START_BYTES = 256;
const LOG_START = /^\{"seq":0,"wall":"[^"]{0,64}","t":0,"type":"header","format":"drillbook-log\//;

/** Whether a file's first bytes are a drill log's header, as the writer starts every log. */
export function looksLikeLog(start: Uint8Array): boolean {
  return LOG_START.test(
    Buffer.from(start.buffer, start.byteOffset, start.length).toString("latin1"),
  );
}
