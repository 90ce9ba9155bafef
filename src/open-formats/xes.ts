// Drills as XES (IEEE 1849-2016), for ProM, PM4Py and other process-mining tools: one trace
// per drill, or one per expected action of each drill (`org:resource` is then its group).
// Written with xmlbuilder, which escapes every value (line breaks in attribute values too, so
// they survive parsing); characters XML cannot hold become U+FFFD (./text.ts). No namespace on
// `<log>`: the standard's schema has none, so the file validates against it as written.
// Pure: records in, text out, a drill at a time (`take()` hands over what is written so far).

import xmlbuilder from "xmlbuilder";
import {
  type Attributes,
  type AttributeType,
  COMMON_EVENT_ATTRIBUTES,
  type DrillRecord,
  EVENT_ATTRIBUTES,
  type Occurrence,
  objectId,
} from "./drill-record.js";
import { xmlText } from "./text.js";

/** What a trace is: a whole drill, or one expected action of one drill. */
export type XesCase = "drill" | "expectation";
export const XES_CASES: readonly XesCase[] = ["drill", "expectation"];

const EXTENSIONS = [
  { name: "Concept", prefix: "concept", uri: "http://www.xes-standard.org/concept.xesext" },
  { name: "Time", prefix: "time", uri: "http://www.xes-standard.org/time.xesext" },
  { name: "Organizational", prefix: "org", uri: "http://www.xes-standard.org/org.xesext" },
  { name: "Lifecycle", prefix: "lifecycle", uri: "http://www.xes-standard.org/lifecycle.xesext" },
];

/** Who does what a facilitator does: delivering injects, running the clock, taking notes. */
export const FACILITATOR = "facilitator";

const ELEMENT: Record<AttributeType, string> = {
  string: "string",
  integer: "int",
  float: "float",
  boolean: "boolean",
  time: "date",
};

/** The activity of an event in a drill's trace: `I3 delivered`, `E5 done`, `improvised`. */
export function drillActivity(occurrence: Occurrence): string {
  const a = occurrence.attributes;
  switch (occurrence.type) {
    case "inject-delivered":
      return `${a.inject} delivered`;
    case "inject-skipped":
      return `${a.inject} skipped`;
    case "decision":
      return a.expectation === undefined ? "improvised" : `${a.expectation} ${a.status}`;
    case "note":
      return a.rating !== undefined && a.objective !== undefined ? `${a.objective} rated` : "note";
    case "hotwash":
      return "hot wash";
    default:
      // drill-started → "drill started", clock-speed → "clock speed".
      return occurrence.type.replace(/-/g, " ");
  }
}

/** The activity of an event in an expected action's trace: `delivered`, then decision statuses. */
export function expectationActivity(occurrence: Occurrence): string {
  if (occurrence.type === "inject-delivered") return "delivered";
  const status = occurrence.attributes.status;
  return typeof status === "string" ? status : occurrence.type;
}

function attributeValue(type: AttributeType, value: string | number | boolean): string {
  if (type === "time") return new Date(value as string).toISOString();
  return String(value);
}

/** Text handed on while a drill is written: a long drill's is not all held at once. */
const PART_CHARS = 1 << 16;

export class XesWriter {
  private chunks: string[] = [];
  private pendingChars = 0;
  private readonly xml: xmlbuilder.XMLDocumentCB;
  private traceCount = 0;
  private eventCount = 0;

  constructor(
    private readonly traceCase: XesCase,
    tool: string,
  ) {
    this.xml = xmlbuilder.begin(
      { invalidCharReplacement: "\uFFFD", writer: { pretty: true, indent: "  ", newline: "\n" } },
      (chunk) => {
        this.chunks.push(chunk);
        this.pendingChars += chunk.length;
      },
    );
    this.xml.dec("1.0", "UTF-8");
    this.xml.com(`${tool}: one trace per ${traceCase}`);
    this.xml.ele("log", { "xes.version": "1849.2016" });
    for (const extension of EXTENSIONS) this.xml.ele("extension", extension).up();
    this.xml.ele("global", { scope: "trace" });
    this.leaf("string", "concept:name", "UNKNOWN");
    this.xml.up();
    this.xml.ele("global", { scope: "event" });
    this.leaf("string", "concept:name", "UNKNOWN");
    this.leaf("date", "time:timestamp", "1970-01-01T00:00:00.000Z");
    this.leaf("string", "lifecycle:transition", "complete");
    this.leaf("string", "org:resource", "UNKNOWN");
    this.xml.up();
    this.xml.ele("classifier", { name: "Activity", keys: "concept:name" }).up();
    this.xml.ele("classifier", { name: "Resource", keys: "org:resource" }).up();
    this.leaf("string", "concept:name", `drillbook drills, one trace per ${traceCase}`);
    this.leaf("string", "lifecycle:model", "standard");
  }

  get traces(): number {
    return this.traceCount;
  }

  get events(): number {
    return this.eventCount;
  }

  /**
   * Adds a drill's trace(s), handing on the text as it goes (about 64 KiB at a time); the
   * rest comes with the next `take()`.
   */
  *drill(record: DrillRecord): Generator<string> {
    if (this.traceCase === "drill") {
      yield* this.trace(record, objectId(record.key, "drill", ""), {}, record.occurrences, (o) => ({
        activity: drillActivity(o),
        resource: o.group ?? FACILITATOR,
      }));
      return;
    }
    for (const inject of record.header.plan.injects) {
      for (const expectation of inject.expects) {
        const occurrences = record.occurrences.filter((o) =>
          o.expectations.includes(expectation.id),
        );
        if (occurrences.length === 0) continue;
        yield* this.trace(
          record,
          objectId(record.key, "expectation", expectation.id),
          {
            expectation: expectation.id,
            inject: inject.id,
            group: expectation.group,
            critical: expectation.critical,
            targetMinutes: expectation.withinMinutes,
            status: record.finalStatus.get(expectation.id),
          },
          occurrences,
          (o) => ({ activity: expectationActivity(o), resource: expectation.group }),
        );
      }
    }
  }

  /** Closes the log; `take()` then returns the last of the text. */
  end(): void {
    this.xml.up();
    this.xml.end();
  }

  /** The text written since the last call. */
  take(): string {
    const text = this.chunks.join("");
    this.chunks = [];
    this.pendingChars = 0;
    return text;
  }

  private *trace(
    record: DrillRecord,
    name: string,
    extra: Attributes,
    occurrences: Occurrence[],
    label: (o: Occurrence) => { activity: string; resource: string },
  ): Generator<string> {
    const plan = record.header.plan;
    this.traceCount++;
    this.xml.ele("trace");
    this.leaf("string", "concept:name", name);
    this.attributes(
      {
        drill: record.key,
        title: plan.title,
        planVersion: plan.version,
        startedAt: record.header.startedAt,
        ...extra,
      },
      {
        drill: "string",
        title: "string",
        planVersion: "string",
        startedAt: "time",
        expectation: "string",
        inject: "string",
        group: "string",
        critical: "boolean",
        targetMinutes: "float",
        status: "string",
      },
    );
    for (const occurrence of occurrences) {
      const { activity, resource } = label(occurrence);
      this.eventCount++;
      this.xml.ele("event");
      this.leaf("string", "concept:name", activity);
      this.leaf("string", "lifecycle:transition", "complete");
      this.leaf("date", "time:timestamp", occurrence.time);
      this.leaf("string", "org:resource", resource);
      this.leaf("string", "type", occurrence.type);
      this.attributes(occurrence.attributes, {
        ...COMMON_EVENT_ATTRIBUTES,
        ...EVENT_ATTRIBUTES[occurrence.type],
      });
      this.xml.up();
      if (this.pendingChars >= PART_CHARS) yield this.take();
    }
    this.xml.up();
  }

  private attributes(values: Attributes, types: Record<string, AttributeType>): void {
    for (const [key, value] of Object.entries(values)) {
      const type = types[key];
      if (value === undefined || type === undefined) continue;
      this.leaf(ELEMENT[type], key, attributeValue(type, value));
    }
  }

  private leaf(element: string, key: string, value: string): void {
    this.xml.ele(element, { key, value: xmlText(value) }).up();
  }
}
