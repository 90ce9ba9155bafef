import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Problem } from "../../src/errors.js";
import { parsePlan } from "../../src/plan/load.js";

// Every broken plan in test/fixtures/plans, with each problem's line:col, severity and message.
const dir = new URL("../fixtures/plans/", import.meta.url);
const parse = (name: string) => parsePlan(readFileSync(new URL(name, dir), "utf8"), name);
const where = (p: Problem) =>
  `${p.location.line ?? ""}:${p.location.col ?? ""} ${p.severity}: ${p.message}`;

const EXPECTED: Record<string, string[]> = {
  "alias-bomb.yaml": [
    "2:8 error: YAML: too many aliases (*name): the plan would expand to an excessive size",
  ],
  "bad-times.yaml": [
    "4:10 error: `speed` must be greater than 0, not 0",
    '5:10 error: `start` is not a real date: "2026-13-45T08:00"',
    '11:9 error: `at` is not a scenario time: "half past two"',
    '19:17 error: `within` must be longer than 0: "0m"',
    '23:17 error: `within` is not a duration: "-1h"',
    '25:9 error: `at` is not a scenario time: "1:75"',
  ],
  "bad-when.yaml": [
    "12:11 error: inject I1 tests E1, one of its own expectations",
    "23:11 warning: condition can never hold: at T+01:00 E1 (deadline T+02:00) cannot be missed or late yet",
    '29:11 error: `when` is not a condition: "E1 maybe"',
    '37:24 error: `status` cannot be "forgotten"',
  ],
  "cycle.yaml": ["17:16 error: hand-off cycle: E1 → E3 → E2 → E1"],
  "duplicate-key.yaml": ["6:5 error: YAML: map keys must be unique"],
  "empty.yaml": [": error: the plan is empty"],
  "many-problems.yaml": [
    '3:7 error: `lang` cannot be "fr"',
    "9:15 error: `capacity` must be a whole number greater than 0, not 0",
    '22:19 error: unknown group "trcing" in `to`',
    '32:17 error: `within` is not a duration: "soon"',
    '33:16 error: unknown expectation "E9" in `after`',
    "34:5 error: this inject is missing `message`",
    '34:9 error: duplicate inject id "I1" (first at line 18)',
    '37:5 error: unknown key "mesage" in inject',
    '40:13 error: duplicate expectation id "E1" (first at line 24)',
    '41:16 error: unknown group "comand" in `group`',
  ],
  "missing-fields.yaml": [
    "1:1 error: the plan is missing `title`",
    "5:5 error: this group is missing `id`",
    "7:5 error: this inject is missing `at`",
    "11:9 error: this expected action is missing `action`",
  ],
  "not-a-mapping.yaml": ["1:1 error: a plan is a YAML mapping, not a list"],
  "tab-indent.yaml": [
    "4:1 error: YAML: a tab is used as indentation",
    "5:1 error: YAML: a tab is used as indentation",
  ],
  "two-documents.yaml": [
    "3:1 error: YAML: a plan is one document, but the file has several (`---`)",
  ],
  "unknown-references.yaml": [
    '21:16 error: unknown group "Tracing" in `group`',
    "24:20 error: `objective` should be text, not a number (1)",
    '29:20 error: unknown group "tranfser" in `to`',
    '30:11 error: unknown expectation "E10" in `when`',
    '36:21 error: unknown expectation "E7" in `after`',
    '37:20 error: unknown objective "O2" in `objective`',
  ],
  "warnings-only.yaml": [
    '8:9 warning: no inject is delivered to group "spare"',
    '13:9 warning: no expectation serves objective "O2"',
    '28:16 warning: E2 expects "b" to act, but inject I1 is not delivered to it',
    "36:11 warning: inject I2 (T+00:00) tests E1, whose inject I1 is not earlier (T+00:00)",
  ],
  "wrong-types.yaml": [
    "3:10 error: `version` should be a label such as v2, not a list",
    "7:15 error: `capacity` should be a whole number greater than 0, not a number (2.5)",
    '8:14 error: `members` should be a list of names, not text ("Team A")',
    "13:14 error: `message` should be text, not a number (42)",
    "14:9 error: `to` should be a group id or a list of group ids, not a number (5)",
    "16:7 error: `expects` should be a list of expected actions, not a mapping",
    '24:13 error: `id` is not a valid id: "E 2"',
    '28:19 error: `critical` should be true or false, not text ("yes")',
  ],
  "yaml-syntax.yaml": ["2:11 error: YAML: this quote is never closed"],
};

describe("broken plans in test/fixtures/plans", () => {
  it("has an expectation for every fixture", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", (name, expected) => {
    const { plan, problems } = parse(name);
    expect(problems.map(where)).toEqual(expected);
    expect(plan === undefined).toBe(problems.some((p) => p.severity === "error"));
    for (const problem of problems) expect(problem.location.file).toBe(name);
  });

  it("suggests the nearest id for a misspelt reference", () => {
    const hints = parse("unknown-references.yaml").problems.map((p) => p.hint);
    expect(hints).toEqual([
      'did you mean "tracing"? (groups: command, tracing, transfer)',
      'put it in quotes if you mean text: "1"',
      'did you mean "transfer"? (groups: command, tracing, transfer)',
      "declared expectations: E1, E2",
      "declared expectations: E1, E2",
      "declared objectives: O1",
    ]);
  });

  it("suggests the nearest key for a misspelt key, and says how to fix each problem", () => {
    const problems = parse("many-problems.yaml").problems;
    const hintFor = (message: string) => problems.find((p) => p.message === message)?.hint;
    expect(hintFor('unknown key "mesage" in inject')).toBe('did you mean "message"?');
    expect(hintFor("this inject is missing `message`")).toBe("add `message:` (text)");
    expect(hintFor('`within` is not a duration: "soon"')).toBe(
      'write "00:30", "1:15", 30m, 2h, 1h30m, 30分钟, 2小时',
    );
    expect(problems.filter((p) => p.hint === undefined)).toEqual([]);
  });
});
