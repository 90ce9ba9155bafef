// The markdown report: participant text cannot break it, it parses into the expected
// sections and tables, and markdownlint passes, in both languages.

import fc from "fast-check";
import { lint } from "markdownlint/sync";
import type { Nodes, Root, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import {
  type DrillEvent,
  LOG_FORMAT,
  type LogHeader,
  type NewEvent,
} from "../../src/core/events.js";
import type { Lang, Plan } from "../../src/core/plan.js";
import { analyse } from "../../src/review/analyse.js";
import { md, mermaidText, oneLine } from "../../src/review/escape.js";
import { reviewFormat } from "../../src/review/format.js";
import { renderMarkdown } from "../../src/review/markdown.js";
import { reviewMessages } from "../../src/review/messages.js";
import { type Review, rankedFindings } from "../../src/review/model.js";
import { wordsContext } from "../../src/review/report.js";
import { expectation, inject } from "../helpers/plans.js";

const HOSTILE = [
  "a | pipe",
  "```\nfenced?\n```",
  "`tick` and ``double``",
  "<script>alert('x')</script>",
  "# heading?\n- list?\n> quote?\n1. ordered?",
  "*bold* _em_ ~~strike~~ [link](http://evil.example) ![img](x.png)",
  "&amp; &lt;b&gt; http://bare.example www.example.com a@b.example",
  "back\\slash\\",
  "trailing ##",
].join("\n");

function hostilePlan(lang: Lang): Plan {
  return {
    title: "Pipes | `ticks` <b>bold</b> ##",
    scenario: "x",
    lang,
    clock: { speed: 10 },
    groups: [
      { id: "ops", name: "Ops | <i>Log</i> `x`", members: [], responsibilities: [], capacity: 1 },
      { id: "media", name: "Media: #1; *best*", members: [], responsibilities: [] },
    ],
    objectives: [{ id: "O1", title: "Keep | <b>intact</b>" }],
    injects: [
      inject(
        "I1",
        0,
        ["ops", "media"],
        [
          expectation("E1", "I1", "ops", 30, {
            action: "Fix `the | pipe`: now; # %% comment",
            critical: true,
            objective: "O1",
          }),
          expectation("E2", "I1", "ops", 20, {
            action: "Tell <img src=x onerror=alert(1)>",
            objective: "O1",
          }),
        ],
        { title: "# Breaking | <script>alert(1)</script>", phase: "alert | <u>x</u>" },
      ),
    ],
  };
}

function hostileEvents(): DrillEvent[] {
  const list: NewEvent[] = [
    { type: "drill-started", t: 0, speed: 10 },
    { type: "inject-delivered", t: 0, inject: "I1" },
    {
      type: "decision",
      t: 10,
      group: "ops",
      expectation: "E1",
      status: "blocked",
      text: HOSTILE,
      blocker: { kind: "other", text: HOSTILE },
    },
    { type: "decision", t: 40, group: "ops", expectation: "E1", status: "done", text: HOSTILE },
    { type: "decision", t: 45, group: "media", inject: "I1", status: "done", text: HOSTILE },
    {
      type: "note",
      t: 50,
      kind: "improvement",
      text: HOSTILE,
      group: "media",
      objective: "O1",
      rating: "S",
    },
    { type: "drill-ended", t: 60, reason: "script" },
    {
      type: "hotwash",
      t: 60,
      group: "media",
      wentWell: HOSTILE,
      wentLessWell: "`",
      why: "<!-- x -->",
    },
  ];
  return list.map(
    (event, index) =>
      ({
        ...event,
        seq: index + 1,
        wall: new Date(Date.UTC(2026, 2, 2, 0, event.t / 10)).toISOString(),
      }) as DrillEvent,
  );
}

function report(lang: Lang): { text: string; review: Review } {
  const plan = hostilePlan(lang);
  const header: LogHeader = {
    seq: 0,
    type: "header",
    format: LOG_FORMAT,
    wall: "2026-03-02T00:00:00.000Z",
    t: 0,
    tool: "drillbook test",
    startedAt: "2026-03-02T00:00:00.000Z",
    plan,
    planSha256: "a".repeat(64),
    planSource: "",
    clock: "virtual",
  };
  const review = analyse(plan, header, hostileEvents(), { lang, tool: "drillbook test" });
  return { text: renderMarkdown(review, lang, hostileEvents()), review };
}

function parse(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function plain(node: Nodes): string {
  if ("value" in node) return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plain).join("");
  return "";
}

function all(node: Nodes, type: string): Nodes[] {
  const found = node.type === type ? [node] : [];
  const children = "children" in node ? (node.children as Nodes[]) : [];
  return [...found, ...children.flatMap((child) => all(child, type))];
}

/** Each table, as its heading and rows of cell texts. */
function tables(root: Root): string[][][] {
  return (all(root, "table") as Table[]).map((table) =>
    table.children.map((row) => row.children.map((cell) => plain(cell))),
  );
}

describe("escaping", () => {
  it("keeps text on one line", () => {
    expect(oneLine(" a \r\n b\n\n c\td \u2028 e ")).toBe("a / b / c d / e");
  });

  it("escapes markup so the text reads back literally", () => {
    const text = "a | `b` <c> *d* [e](f) &g; #h";
    expect(plain(parse(`x ${md(text)}`))).toBe(`x ${text}`);
    expect(md("# title")).toBe("\\# title");
    expect(md("1. one")).toBe("1\\. one");
    expect(md("ends #")).toBe("ends \\#");
  });

  it("reads back any text literally, alone or in a table cell", () => {
    const markup = "a1.-#|`*_[]()<>&!\\~ \n\thtp:/w@;=+0{}$^%";
    const text = fc
      .array(fc.constantFrom(...markup), { maxLength: 40 })
      .map((chars) => chars.join(""));
    fc.assert(
      fc.property(text, (raw) => {
        const expected = oneLine(raw);
        fc.pre(expected !== "");
        expect(plain(parse(md(raw)))).toBe(expected);
        const rows = tables(parse(`| h |\n| --- |\n| ${md(raw)} |\n`));
        expect(rows).toEqual([[["h"], [expected]]]);
      }),
      { numRuns: 2000 },
    );
  });

  it("strips from Mermaid names what Mermaid cannot take", () => {
    expect(mermaidText("E1 Fix: now; #1 %% `x` <b>")).toBe("E1 Fix now 1 x b");
    expect(mermaidText("一二三四五", 4)).toBe("一二三…");
  });
});

describe("the decision log's words", () => {
  const wall = "2026-03-02T00:00:00.000Z";
  const words = (lang: Lang) => {
    const f = reviewFormat(lang, { groups: [], injects: [], expectations: [], objectives: [] });
    const m = reviewMessages[lang];
    return {
      decision: m.event(
        {
          seq: 1,
          t: 5,
          wall,
          type: "decision",
          group: "g",
          expectation: "E1",
          status: "partial",
          text: "x",
        },
        f,
      ),
      improvised: m.event(
        { seq: 2, t: 5, wall, type: "decision", group: "g", status: "declined", text: "x" },
        f,
      ),
      note: m.event({ seq: 3, t: 5, wall, type: "note", kind: "neutral", text: "x" }, f),
      improvement: m.event({ seq: 4, t: 5, wall, type: "note", kind: "improvement", text: "x" }, f),
      blocker: m.eventText(
        {
          seq: 5,
          t: 5,
          wall,
          type: "decision",
          group: "g",
          expectation: "E1",
          status: "blocked",
          text: "x",
          blocker: { kind: "supplies", text: "no vans" },
        },
        f,
      ),
    };
  };

  it("are the domain's words, as `drill log` and the console say them", () => {
    expect(words("en")).toEqual({
      decision: "E1: partly done",
      improvised: "improvised: declined",
      note: "observation",
      improvement: "area for improvement",
      blocker: "x — blocker (supplies): no vans",
    });
    expect(words("zh")).toEqual({
      decision: "E1：部分完成",
      improvised: "临机处置：不予执行",
      note: "观察",
      improvement: "待改进",
      blocker: "x —— 受阻原因（物资）：no vans",
    });
  });
});

describe.each(["en", "zh"] as const)("the %s report", (lang) => {
  const { text, review } = report(lang);
  const root = parse(text);
  const words = reviewMessages[lang];

  it("has the sections in order", () => {
    const headings = (all(root, "heading") as (Nodes & { depth: number })[])
      .filter((h) => h.depth <= 2)
      .map((h) => plain(h));
    const w = words.heading;
    expect(headings).toEqual([
      words.title(hostilePlan(lang).title),
      w.summary,
      w.overview,
      w.objectives,
      w.conduct,
      w.issues,
      w.revisions,
      w.timeline,
      w.notes,
      w.appendix,
    ]);
  });

  it("keeps participant text inside its table cell, literally", () => {
    const appendix = tables(root).at(-1) ?? [];
    expect(appendix).toHaveLength(1 + hostileEvents().length);
    for (const row of appendix) expect(row).toHaveLength(5);
    const decision = appendix.find((row) => row[0] === "4");
    expect(decision?.[4]).toBe(oneLine(HOSTILE));
    const blocked = appendix.find((row) => row[0] === "3");
    const f = reviewFormat(lang, { groups: [], injects: [], expectations: [], objectives: [] });
    expect(blocked?.[4]).toBe(oneLine(words.eventText(hostileEvents()[2] as DrillEvent, f)));
    for (const table of tables(root)) {
      const width = table[0]?.length;
      for (const row of table) expect(row).toHaveLength(width ?? 0);
    }
  });

  it("lets no HTML, link, code, emphasis or stray block through", () => {
    for (const type of ["html", "image", "inlineCode", "emphasis", "delete", "blockquote"]) {
      expect(all(root, type), type).toEqual([]);
    }
    // A bare URL a participant typed may still show as itself (GFM autolink literals are
    // found in the parsed text, after escapes), but never as a link with other text.
    for (const link of all(root, "link") as (Nodes & { url: string })[]) {
      expect(link.url.replace(/^(mailto:|http:\/\/(?=www))/, "")).toBe(plain(link));
    }
    // The only code blocks are the charts; the only strong text is the report's own: labels,
    // the computed ratings, the top issues.
    expect(all(root, "code").map((node) => (node as { lang?: string }).lang)).toEqual([
      "mermaid",
      "mermaid",
    ]);
    const c = wordsContext(review, lang).c;
    const ours = new Set([
      words.executive.strengthsHeading,
      words.executive.issuesHeading,
      words.overview.groupsHeading,
      words.analysis.strengths,
      words.analysis.improvements,
      words.conduct.courseHeading,
      words.conduct.untestedHeading,
      ...review.objectives.map((o) => o.rating),
      ...rankedFindings(review).map((f) => oneLine(words.issue(f, c))),
    ]);
    for (const strong of all(root, "strong").map(plain)) expect(ours, strong).toContain(strong);
    const lists = all(root, "list");
    for (const list of lists) expect(all(list, "list")).toHaveLength(1);
  });

  it("quotes the participant's note text whole", () => {
    const items = all(root, "listItem").map(plain);
    expect(items.some((item) => item.endsWith(oneLine(HOSTILE)))).toBe(true);
  });

  it("draws a gantt chart Mermaid can read", () => {
    const code = all(root, "code").find((node) =>
      (node as { value: string }).value.startsWith("gantt"),
    ) as { value: string };
    expect(code.value.split("\n")).toEqual([
      "gantt",
      "    dateFormat YYYY-MM-DD HH:mm",
      "    axisFormat %H:%M",
      "    todayMarker off",
      "    section Ops i Log /i x",
      "    E1 Fix the pipe now comment :crit, done, 2000-01-01 00:00, 2000-01-01 00:40",
      "    E2 Tell img src=x onerror=ale… :crit, active, 2000-01-01 00:00, 2000-01-01 01:00",
    ]);
  });

  it("passes markdownlint", () => {
    // Line length (MD013) means nothing for generated tables and CJK text.
    const result = lint({ strings: { report: text }, config: { default: true, MD013: false } });
    expect(result.report).toEqual([]);
  });
});
