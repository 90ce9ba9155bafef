// The floors drillbook's reading is measured against, as plain Node with nothing of the
// project loaded. P reads the logs and JSON.parses every line; P+sha (--sha) also computes
// each line's chained sha256 as the log format defines it (src/log/format.ts), since
// checking the chain is part of every read. Nothing is kept or compared. The hash is taken
// the fastest plain way Node offers: the one-shot `crypto.hash` (Node 20.12 and later) over
// the previous hash and the line side by side, else `createHash`.
//
//   node scripts/bench/floor.mjs [--sha] <log…>      or   [--sha] --list <file of paths>
import * as crypto from "node:crypto";
import { closeSync, openSync, readFileSync, readSync } from "node:fs";

const args = process.argv.slice(2);
const sha = args[0] === "--sha";
if (sha) args.shift();
const paths =
  args[0] === "--list"
    ? readFileSync(args[1] ?? "", "utf8")
        .split("\n")
        .filter(Boolean)
    : args;

/** `,"h":"` + 64 hex digits + `"}`: what a line's hash does not cover. */
const HASH_TAIL_BYTES = 72;
const CHUNK = 1 << 20;
let lines = 0;
let joined = Buffer.allocUnsafe(4096);
const chainedHash = crypto.hash
  ? (prev, line) => {
      const length = prev.length + line.length;
      if (joined.length < length) joined = Buffer.allocUnsafe(length * 2);
      joined.write(prev, 0, "latin1");
      joined.set(line, prev.length);
      return crypto.hash("sha256", joined.subarray(0, length), "hex");
    }
  : (prev, line) => {
      const hash = crypto.createHash("sha256");
      if (prev) hash.update(prev, "latin1");
      hash.update(line);
      return hash.digest("hex");
    };
let buffer = Buffer.allocUnsafe(CHUNK);
for (const path of paths) {
  const fd = openSync(path, "r");
  let prev = "";
  let kept = 0;
  for (;;) {
    if (kept === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, kept);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, kept, buffer.length - kept, null);
    const end = kept + read;
    let start = 0;
    for (
      let nl = buffer.indexOf(10, start);
      nl !== -1 && nl < end;
      nl = buffer.indexOf(10, start)
    ) {
      JSON.parse(buffer.toString("utf8", start, nl));
      if (sha) prev = chainedHash(prev, buffer.subarray(start, nl - HASH_TAIL_BYTES));
      lines++;
      start = nl + 1;
    }
    kept = end - start;
    buffer.copy(buffer, 0, start, end);
    if (read === 0) break;
  }
  closeSync(fd);
}
process.stdout.write(`${lines}\n`);
