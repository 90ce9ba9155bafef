// Mutations for the fuzz layer (test/fuzz/targets.ts): edits to hand-written YAML (plans,
// decision scripts, mapping files) and damage to drill logs (byte flips, lines dropped,
// truncation). Shared by the unit tests and the long run (`npm run fuzz`).

import fc from "fast-check";

/** Characters and snippets that matter to YAML and to drillbook's formats, plus some that should not. */
const noise = fc.oneof(
  fc.constantFrom(
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "*a",
    "&a ",
    "!!str ",
    "\t",
    "\n",
    "  ",
    '"',
    "'",
    "#",
    "|",
    ">",
    "---\n",
    "? ",
    "%YAML 1.2\n",
    "\u0000",
    "\uFEFF",
    "\u001b]0;x\u0007",
    "\u202E",
    "𠮷",
    "超时",
    "３０分钟",
    "E1",
    "I1",
    "O1",
    "command",
    "after: E1",
    "when: E5 missed",
    "within: 0",
    "at: -5",
    // Decision scripts.
    "- at: ",
    "at: 1e308",
    "123456789012345678901234567890:00",
    "8784:00",
    "99999:00",
    "\n  group: command\n  text: x\n",
    "\n  status: blocked\n",
    "\n  blocker: {kind: 1}\n",
    "\n  expectation: E1\n",
    "\n- end: ",
    "\n- hotwash: command\n",
    "\n- at: 00:01\n  deliver: I1\n",
    "\n- at: 00:01\n  skip: I2\n",
    "\n- at: 00:01\n  pause: 1e300m\n",
    "\n- at: 00:01\n  pause: 99999999h\n",
    "\n- at: 00:01\n  speed: 1e-300\n",
    "\n- at: 00:01\n  speed: 1e300\n",
    "\n- at: 00:01\n  speed: 0.0000001\n",
    "rating: Q",
    "kind: strength",
    // Mapping files.
    "header: none\n",
    "header: 0\n",
    "header: 99999999999\n",
    "columns:\n  ZZZZZZZZ: title\n",
    "  A: time\n",
    "sheet: ",
  ),
  fc.string({ maxLength: 12 }),
);

/** Values a field might plausibly hold, right or wrong for it. */
const value = fc.constantFrom(
  '"00:00"',
  '"00:30"',
  '"01:30"',
  '"12:00"',
  '"28:00"',
  "90m",
  "2h",
  "3天",
  "1",
  "0",
  "-1",
  "1e-9",
  "8784:00",
  "8785:00",
  "command",
  "monitoring",
  "evacuation",
  "rescue",
  "shelter",
  "nobody",
  "E1",
  "E5",
  "E12",
  "I1",
  "I4",
  "I9",
  "O1",
  "O3",
  "done",
  "blocked",
  "partial",
  "declined",
  "strength",
  "improvement",
  "S",
  "U",
  "true",
  "null",
  "[]",
  "{}",
  '""',
);

export const textMutation = fc.oneof(
  // A field's value replaced (keeps the YAML sound, so more cases get past the parser).
  fc.record({ kind: fc.constant("value" as const), a: fc.nat(), value }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: noise }),
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
  }),
  fc.record({ kind: fc.constant("swap-lines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate-line" as const), a: fc.nat() }),
  fc.record({
    kind: fc.constant("indent" as const),
    a: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
  }),
);

export type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

export function mutateText(source: string, mutation: TextMutation): string {
  const lines = source.split("\n");
  const line = (n: number) => n % lines.length;
  switch (mutation.kind) {
    case "value": {
      const a = line(mutation.a);
      const field = /^(\s*(?:- )?[\p{L}\w]+:\s+)\S.*$/u.exec(lines[a] as string);
      if (field) lines[a] = `${field[1]}${mutation.value}`;
      return lines.join("\n");
    }
    case "insert": {
      const at = mutation.at % (source.length + 1);
      return source.slice(0, at) + mutation.text + source.slice(at);
    }
    case "delete": {
      const at = mutation.at % (source.length + 1);
      return source.slice(0, at) + source.slice(at + mutation.length);
    }
    case "swap-lines": {
      const a = line(mutation.a);
      const b = line(mutation.b);
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join("\n");
    }
    case "duplicate-line": {
      const a = line(mutation.a);
      lines.splice(a, 0, lines[a] as string);
      return lines.join("\n");
    }
    case "indent": {
      const a = line(mutation.a);
      const text = lines[a] as string;
      lines[a] = mutation.by >= 0 ? " ".repeat(mutation.by) + text : text.slice(-mutation.by);
      return lines.join("\n");
    }
  }
}

/** Damage to a log as it might come: a byte changed, whole lines dropped, the end cut off. */
export const logDamage = fc.oneof(
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.nat(),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("drop-lines" as const),
    from: fc.nat(),
    count: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant("drop-last" as const),
    count: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), cut: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("duplicate-line" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("swap-lines" as const), a: fc.nat(), b: fc.nat() }),
);

export type LogDamage = typeof logDamage extends fc.Arbitrary<infer T> ? T : never;

export function damageLog(log: Buffer, damage: LogDamage): Buffer {
  const lines = log.toString("latin1").split(/(?<=\n)/);
  const bytes = (parts: string[]) => Buffer.from(parts.join(""), "latin1");
  switch (damage.kind) {
    case "flip": {
      const copy = Buffer.from(log);
      const at = damage.at % copy.length;
      copy[at] = (copy[at] as number) ^ damage.xor;
      return copy;
    }
    case "drop-lines": {
      const from = damage.from % lines.length;
      lines.splice(from, damage.count);
      return bytes(lines);
    }
    case "drop-last":
      return bytes(lines.slice(0, Math.max(0, lines.length - damage.count)));
    case "truncate":
      return log.subarray(0, Math.max(0, log.length - damage.cut));
    case "duplicate-line": {
      const a = damage.a % lines.length;
      lines.splice(a, 0, lines[a] as string);
      return bytes(lines);
    }
    case "swap-lines": {
      const a = damage.a % lines.length;
      const b = damage.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return bytes(lines);
    }
  }
}
