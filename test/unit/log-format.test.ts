import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { completeLineEnds, encodeLine, lineHash, splitHashTail } from "../../src/log/format.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("encodeLine", () => {
  it("writes the header without prev and ends it with its own hash", () => {
    const { text, hash } = encodeLine({ seq: 0, type: "header", title: "推演" }, undefined);
    const before = '{"seq":0,"type":"header","title":"推演"';
    expect(hash).toBe(sha256(before));
    expect(text).toBe(`${before},"h":"${hash}"}\n`);
  });

  it("chains a line to the previous one through prev and the hash", () => {
    const prev = "a".repeat(64);
    const { text, hash } = encodeLine({ seq: 1, wall: "w", t: 1.5, type: "note" }, prev);
    const before = `{"seq":1,"wall":"w","t":1.5,"type":"note","prev":"${prev}"`;
    expect(hash).toBe(sha256(prev + before));
    expect(text).toBe(`${before},"h":"${hash}"}\n`);
    expect(JSON.parse(text)).toEqual({ seq: 1, wall: "w", t: 1.5, type: "note", prev, h: hash });
  });

  it("hashes the same bytes whether given text or bytes", () => {
    const before = '{"seq":3,"text":"采样人员不足"';
    expect(lineHash("b".repeat(64), Buffer.from(before, "utf8"))).toBe(
      lineHash("b".repeat(64), before),
    );
  });

  // The reader hashes lines through a scratch buffer it reuses and grows: every size and
  // every order of calls must give the hash the format defines.
  it.each([
    ["a header (no previous hash)", undefined, '{"seq":0,"type":"header"'],
    ["a short line", "c".repeat(64), '{"seq":1,"text":"短"'],
    [
      "a line longer than the scratch buffer",
      "d".repeat(64),
      `{"seq":2,"text":"${"长".repeat(9000)}"`,
    ],
    ["a short line after a long one", "e".repeat(64), '{"seq":3,"t":1'],
  ])("hashes %s as sha256 over the previous hash and the bytes", (_name, prev, before) => {
    const expected = createHash("sha256")
      .update(`${prev ?? ""}${before}`, "utf8")
      .digest("hex");
    expect(lineHash(prev, Buffer.from(before, "utf8"))).toBe(expected);
    expect(lineHash(prev, before)).toBe(expected);
    // A view into a larger buffer, as the reader passes a line in place in its chunk.
    const chunk = Buffer.from(`xx\n${before}\nyy`, "utf8");
    const start = 3;
    expect(lineHash(prev, chunk.subarray(start, start + Buffer.byteLength(before)))).toBe(expected);
  });
});

describe("splitHashTail", () => {
  const { text, hash } = encodeLine({ seq: 0, type: "header" }, undefined);
  const line = Buffer.from(text.slice(0, -1), "utf8");

  it("splits a line into what its hash covers and the hash it claims", () => {
    const tail = splitHashTail(line);
    expect(tail?.hash).toBe(hash);
    expect(Buffer.from(tail?.beforeHash ?? []).toString()).toBe('{"seq":0,"type":"header"');
  });

  it.each([
    ["a trailing space", `${text.slice(0, -1)} `],
    ["a carriage return", `${text.slice(0, -1)}\r`],
    ["upper-case hex", text.slice(0, -1).toUpperCase()],
    ["a short hash", text.slice(0, -1).replace(/[0-9a-f]"\}$/, '"}')],
    ["no hash at all", '{"seq":0,"type":"header"}'],
    ["an empty line", ""],
  ])("refuses a line with %s", (_what, bad) => {
    expect(splitHashTail(Buffer.from(bad, "utf8"))).toBeUndefined();
  });
});

describe("completeLineEnds", () => {
  it("finds where whole lines end inside a run of bytes", () => {
    const a = encodeLine({ seq: 0 }, undefined).text.slice(0, -1);
    expect(completeLineEnds(Buffer.from(a))).toEqual([a.length]);
    expect(completeLineEnds(Buffer.from(`${a}xyz`))).toEqual([a.length]);
    expect(completeLineEnds(Buffer.from(a.slice(0, -1)))).toEqual([]);
  });
});
