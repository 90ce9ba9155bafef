// OCEL 2.0 and XES written from the hand-made drill, checked by others' code: the published
// OCEL 2.0 JSON schema (ajv), the IEEE 1849 XSD (xmllint) and pm4js, which reads the XES and
// computes its directly-follows graph. The counts and paths are the hand-worked ones.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DrillRecord, drillRecord } from "../../src/open-formats/drill-record.js";
import { OcelWriter } from "../../src/open-formats/ocel.js";
import { type XesCase, XesWriter } from "../../src/open-formats/xes.js";
import { tempDir } from "../helpers/cli.js";
import {
  handEvents,
  handHeader,
  handPlan,
  ocelValidator,
  pm4js,
  xmllint,
} from "../helpers/open-formats.js";

const dir = tempDir("drill-open-formats-");
afterAll(() => dir.remove());

function ocelText(records: DrillRecord[]): string {
  const writer = new OcelWriter();
  let events = writer.head();
  let objects = "";
  for (const record of records) {
    for (const part of writer.drillEvents(record)) events += part;
    for (const part of writer.drillObjects(record)) objects += part;
  }
  return events + writer.middle() + objects + writer.tail();
}

function xesText(records: DrillRecord[], traceCase: XesCase): string {
  const writer = new XesWriter(traceCase, "drillbook test");
  let text = writer.take();
  for (const record of records) {
    for (const part of writer.drill(record)) text += part;
    text += writer.take();
  }
  writer.end();
  return text + writer.take();
}

function xesFile(name: string, text: string): string {
  const file = join(dir.path, name);
  writeFileSync(file, text);
  return file;
}

// The same drill twice, as two logs of the same name in different folders.
const two = [
  drillRecord("a/drill.jsonl", handHeader(), handEvents()),
  drillRecord("b/drill.jsonl", handHeader(), handEvents()),
];

describe("OCEL 2.0", () => {
  const doc = JSON.parse(ocelText(two));

  it("validates against the published OCEL 2.0 JSON schema", () => {
    const validate = ocelValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it("holds every event and object of both drills, with ids that never collide", () => {
    expect(doc.events).toHaveLength(2 * 13);
    expect(doc.objects).toHaveLength(2 * 10);
    const ids = [...doc.events, ...doc.objects].map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const objects = new Set(doc.objects.map((o: { id: string }) => o.id));
    for (const item of [...doc.events, ...doc.objects])
      for (const r of item.relationships) expect(objects).toContain(r.objectId);
  });

  it("writes an event with its time, attributes and qualified relations", () => {
    const blocked = doc.events.find((e: { id: string }) => e.id === "event:5@b/drill.jsonl");
    expect(blocked).toEqual({
      id: "event:5@b/drill.jsonl",
      type: "decision",
      time: "2026-03-02T09:02:30.000Z",
      attributes: [
        { name: "seq", value: "5" },
        { name: "minutes", value: "10" },
        { name: "loggedAt", value: "2026-03-02T09:10:00.000Z" },
        { name: "loggedMinutes", value: "12" },
        { name: "group", value: "tracing" },
        { name: "inject", value: "I1" },
        { name: "expectation", value: "E2" },
        { name: "status", value: "blocked" },
        { name: "improvised", value: "false" },
        { name: "text", value: "流调队未能出发" },
        { name: "blockerKind", value: "people" },
        { name: "blockerText", value: "流调队员不足" },
      ],
      relationships: [
        { objectId: "drill@b/drill.jsonl", qualifier: "in-drill" },
        { objectId: "group:tracing@b/drill.jsonl", qualifier: "performed-by" },
        { objectId: "expectation:E2@b/drill.jsonl", qualifier: "answers" },
        { objectId: "inject:I1@b/drill.jsonl", qualifier: "about" },
        { objectId: "blocker:B1@b/drill.jsonl", qualifier: "blocked-by" },
      ],
    });
  });

  it("gives objects their values from the start and their changes when they happened", () => {
    const e1 = doc.objects.find((o: { id: string }) => o.id === "expectation:E1@a/drill.jsonl");
    expect(e1.attributes).toEqual([
      { name: "planId", value: "E1", time: "1970-01-01T00:00:00.000Z" },
      { name: "action", value: "启动应急指挥体系", time: "1970-01-01T00:00:00.000Z" },
      { name: "targetMinutes", value: "30", time: "1970-01-01T00:00:00.000Z" },
      { name: "critical", value: "true", time: "1970-01-01T00:00:00.000Z" },
      { name: "status", value: "open", time: "2026-03-02T09:00:00.000Z" },
      { name: "status", value: "on-time", time: "2026-03-02T09:21:00.000Z" },
    ]);
    expect(e1.relationships).toEqual([
      { objectId: "inject:I1@a/drill.jsonl", qualifier: "part-of" },
      { objectId: "group:command@a/drill.jsonl", qualifier: "assigned-to" },
      { objectId: "objective:O1@a/drill.jsonl", qualifier: "demonstrates" },
    ]);
  });

  it("declares every event and object type with its attributes' types", () => {
    const names = (list: { name: string }[]) => list.map((t) => t.name).sort();
    expect(names(doc.objectTypes)).toEqual(
      ["blocker", "drill", "expectation", "group", "inject", "objective"].sort(),
    );
    for (const type of new Set(doc.events.map((e: { type: string }) => e.type)))
      expect(names(doc.eventTypes)).toContain(type);
    const decision = doc.eventTypes.find((t: { name: string }) => t.name === "decision");
    expect(decision.attributes).toContainEqual({ name: "minutes", type: "float" });
    expect(decision.attributes).toContainEqual({ name: "improvised", type: "boolean" });
  });
});

describe("XES", () => {
  it("validates against the IEEE 1849 XSD, one trace per drill", () => {
    const lint = xmllint(xesFile("drills.xes", xesText(two, "drill")));
    expect(lint.code, lint.output).toBe(0);
    const lintExpectations = xmllint(xesFile("expectations.xes", xesText(two, "expectation")));
    expect(lintExpectations.code, lintExpectations.output).toBe(0);
  });

  it("is read by pm4js: a trace per drill, its events and their directly-follows graph", () => {
    const { XesImporter, FrequencyDfgDiscovery } = pm4js();
    const log = XesImporter.apply(xesText(two, "drill"));
    expect(log.traces.map((t) => t.attributes["concept:name"]?.value)).toEqual([
      "drill@a/drill.jsonl",
      "drill@b/drill.jsonl",
    ]);
    expect(log.traces.map((t) => t.events.length)).toEqual([13, 13]);
    const first = log.traces[0]?.events ?? [];
    expect(first.map((e) => e.attributes["org:resource"]?.value)).toEqual([
      "facilitator",
      "facilitator",
      "command",
      "tracing",
      "facilitator",
      "facilitator",
      "command",
      "tracing",
      "facilitator",
      "tracing",
      "facilitator",
      "tracing",
      "facilitator",
    ]);
    expect(first[3]?.attributes["time:timestamp"]?.value).toEqual(
      new Date("2026-03-02T09:02:30.000Z"),
    );
    const dfg = FrequencyDfgDiscovery.apply(log, "concept:name");
    expect(dfg.startActivities).toEqual({ "drill started": 2 });
    expect(dfg.endActivities).toEqual({ "drill ended": 2 });
    expect(dfg.pathsFrequency).toEqual({
      "drill started,I1 delivered": 2,
      "I1 delivered,E1 partial": 2,
      "E1 partial,E2 blocked": 2,
      "E2 blocked,clock paused": 2,
      "clock paused,clock resumed": 2,
      "clock resumed,E1 done": 2,
      "E1 done,E2 blocked": 2,
      "E2 blocked,I2 delivered": 2,
      "I2 delivered,improvised": 2,
      "improvised,O1 rated": 2,
      "O1 rated,E3 done": 2,
      "E3 done,drill ended": 2,
    });
  });

  it("is read by pm4js: a trace per expected action, the group as resource", () => {
    const { XesImporter, FrequencyDfgDiscovery } = pm4js();
    const log = XesImporter.apply(xesText(two.slice(0, 1), "expectation"));
    expect(
      log.traces.map((t) => [
        t.attributes["concept:name"]?.value,
        t.events.map((e) => e.attributes["concept:name"]?.value).join(" → "),
        [...new Set(t.events.map((e) => e.attributes["org:resource"]?.value))].join(),
      ]),
    ).toEqual([
      ["expectation:E1@a/drill.jsonl", "delivered → partial → done", "command"],
      ["expectation:E2@a/drill.jsonl", "delivered → blocked → blocked", "tracing"],
      ["expectation:E3@a/drill.jsonl", "delivered → done", "tracing"],
    ]);
    const dfg = FrequencyDfgDiscovery.apply(log, "concept:name");
    expect(dfg.pathsFrequency).toEqual({
      "delivered,partial": 1,
      "partial,done": 1,
      "delivered,blocked": 1,
      "blocked,blocked": 1,
      "delivered,done": 1,
    });
    expect(dfg.endActivities).toEqual({ done: 2, blocked: 1 });
  });
});

describe("hostile text", () => {
  // Markup, an entity and a character reference XML forbids, CDATA's end, line breaks,
  // control characters, a bidi override and unpaired surrogates, in plan and participant text.
  const hostile =
    "<b>&amp; \"q\" 'a' ]]> &#0; &#x1;\nline two\ttab\r\u0001\u001b[31m \u202Eevil\u202C \uD800 \uDC00 😀";
  // What XML can carry of it: the characters it cannot hold become U+FFFD, nothing else changes.
  const inXml =
    "<b>&amp; \"q\" 'a' ]]> &#0; &#x1;\nline two\ttab\r\uFFFD\uFFFD[31m \u202Eevil\u202C \uFFFD \uFFFD 😀";
  const inJson = hostile.replace(/\p{Cs}/gu, "\uFFFD");
  const record = drillRecord(
    "odd <&> ]]>.jsonl",
    handHeader(handPlan(hostile)),
    handEvents({ decision: hostile, blocker: hostile }),
  );

  it("stays text in XES: well-formed, valid, and read back as written", () => {
    const text = xesText([record], "drill");
    const lint = xmllint(xesFile("hostile.xes", text));
    expect(lint.code, lint.output).toBe(0);
    const log = pm4js().XesImporter.apply(text);
    const trace = log.traces[0];
    expect(trace?.attributes.title?.value).toBe(inXml);
    expect(trace?.attributes["concept:name"]?.value).toBe("drill@odd <&> ]]>.jsonl");
    expect(trace?.events[2]?.attributes.text?.value).toBe(inXml);
    expect(trace?.events[3]?.attributes.blockerText?.value).toBe(inXml);
  });

  it("stays text in OCEL JSON: valid against the schema, read back as written", () => {
    const text = ocelText([record]);
    const doc = JSON.parse(text);
    const validate = ocelValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const drill = doc.objects.find((o: { type: string }) => o.type === "drill");
    expect(drill.id).toBe("drill@odd <&> ]]>.jsonl");
    expect(drill.attributes.find((a: { name: string }) => a.name === "title").value).toBe(inJson);
    const blocker = doc.objects.find((o: { type: string }) => o.type === "blocker");
    expect(blocker.attributes.find((a: { name: string }) => a.name === "text").value).toBe(inJson);
    // No unpaired surrogate reaches the file, not even as an escape.
    expect(text).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
  });
});

describe("a long drill", () => {
  // The hand-made drill with 3,000 more notes before it ends: some 1.5 MB of XES.
  const base = handEvents();
  const end = base.length - 1;
  const notes = Array.from({ length: 3000 }, (_, i) => ({
    seq: end + 1 + i,
    t: 20,
    wall: base[end - 1]?.wall ?? "",
    type: "note" as const,
    kind: "neutral" as const,
    text: `第 ${i + 1} 条观察：采样点排队人数较多`,
  }));
  const events = [
    ...base.slice(0, end),
    ...notes,
    ...base.slice(end).map((e, i) => ({ ...e, seq: end + 3001 + i })),
  ];
  const record = drillRecord("long.jsonl", handHeader(), events);

  it("is handed on as XES in parts of about 64 KiB that make the whole text", () => {
    const writer = new XesWriter("drill", "drillbook test");
    const head = writer.take();
    const parts = [...writer.drill(record), writer.take()];
    writer.end();
    const text = head + parts.join("") + writer.take();
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts) expect(part.length).toBeLessThan(70_000);
    expect(text).toBe(xesText([record], "drill"));
    expect(text.split("<event>").length - 1).toBe(events.length);
  });

  it("is handed on as OCEL in parts of about 64 KiB that make the whole text", () => {
    const writer = new OcelWriter();
    const parts = [...writer.drillEvents(record)];
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(part.length).toBeLessThan(70_000);
    const doc = JSON.parse(`${writer.head()}${parts.join("")}${writer.middle()}${writer.tail()}`);
    expect(doc.events).toHaveLength(record.occurrences.length);
  });
});
