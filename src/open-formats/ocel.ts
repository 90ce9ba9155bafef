// Drills as an OCEL 2.0 object-centric event log in JSON (https://www.ocel-standard.org/):
// events with their types, times and attributes, related to the objects they touch with a
// qualifier; objects (drill, group, inject, expectation, objective, blocker) with their
// attributes and their relations to each other. Ids carry the drill (`group:tracing@a.jsonl`),
// so many drills share one file without colliding.
//
// Written a drill at a time: events as they come, objects kept apart by the caller (they
// follow all events in the file), and the type declarations last, so an event type added to
// the log later is declared too. Attribute values are strings, as the published JSON schema
// requires; the declared types say how to read them. Pure: records in, text out.

import {
  type Attributes,
  type AttributeType,
  COMMON_EVENT_ATTRIBUTES,
  type DrillRecord,
  EVENT_ATTRIBUTES,
  eventId,
  FROM_THE_START,
  OBJECT_ATTRIBUTES,
  type ObjectKind,
  objectId,
  type Relation,
} from "./drill-record.js";
import { wellFormed } from "./text.js";

function value(type: AttributeType, raw: string | number | boolean): string {
  if (type === "time") return new Date(raw as string).toISOString();
  return wellFormed(String(raw));
}

function attributeList(
  values: Attributes,
  types: Record<string, AttributeType>,
  time?: string,
): { name: string; value: string; time?: string }[] {
  const list: { name: string; value: string; time?: string }[] = [];
  for (const [name, raw] of Object.entries(values)) {
    const type = types[name];
    if (raw === undefined || type === undefined) continue;
    list.push({ name, value: value(type, raw), ...(time !== undefined ? { time } : {}) });
  }
  return list;
}

function relationships(key: string, relations: Relation[]) {
  return relations.map((r) => ({
    objectId: wellFormed(objectId(key, r.kind, r.id)),
    qualifier: r.qualifier,
  }));
}

/** A JSON array written an item at a time: one item a line, commas between. */
class ArrayText {
  private count = 0;

  item(value: unknown): string {
    return `${this.count++ === 0 ? "\n" : ",\n"}${JSON.stringify(value)}`;
  }

  get length(): number {
    return this.count;
  }
}

/** Text handed on while a drill is written: a long drill's is not all held at once. */
const PART_CHARS = 1 << 16;

export class OcelWriter {
  private readonly events = new ArrayText();
  private readonly objects = new ArrayText();
  private readonly eventTypes = new Set<string>(Object.keys(EVENT_ATTRIBUTES));

  get eventCount(): number {
    return this.events.length;
  }

  get objectCount(): number {
    return this.objects.length;
  }

  /** The file's start: the events array opens. */
  head(): string {
    return '{"events":[';
  }

  /** A drill's events, in the order they happened. */
  *drillEvents(record: DrillRecord): Generator<string> {
    let text = "";
    for (const o of record.occurrences) {
      if (text.length >= PART_CHARS) {
        yield text;
        text = "";
      }
      this.eventTypes.add(o.type);
      text += this.events.item({
        id: wellFormed(eventId(record.key, o.seq)),
        type: o.type,
        time: new Date(o.time).toISOString(),
        attributes: attributeList(o.attributes, {
          ...COMMON_EVENT_ATTRIBUTES,
          ...EVENT_ATTRIBUTES[o.type],
        }),
        relationships: relationships(record.key, o.relations),
      });
    }
    yield text;
  }

  /** A drill's objects, to follow every event (`middle()` goes between). */
  *drillObjects(record: DrillRecord): Generator<string> {
    let text = "";
    for (const object of record.objects) {
      if (text.length >= PART_CHARS) {
        yield text;
        text = "";
      }
      const types = OBJECT_ATTRIBUTES[object.kind];
      text += this.objects.item({
        id: wellFormed(objectId(record.key, object.kind, object.id)),
        type: object.kind,
        attributes: [
          ...attributeList(object.attributes, types, FROM_THE_START),
          ...object.changes.map((c) => ({
            name: c.name,
            value: value(types[c.name] ?? "string", c.value),
            time: new Date(c.time).toISOString(),
          })),
        ],
        relationships: relationships(record.key, object.relations),
      });
    }
    yield text;
  }

  /** Between the events and the objects. */
  middle(): string {
    return '\n],"objects":[';
  }

  /** The end: every event type met (and every one the log knows) and object type, declared. */
  tail(): string {
    const declare = (name: string, attributes: Record<string, AttributeType>) => ({
      name,
      attributes: Object.entries(attributes).map(([attribute, type]) => ({
        name: attribute,
        type,
      })),
    });
    const eventTypes = [...this.eventTypes].map((type) =>
      declare(type, { ...COMMON_EVENT_ATTRIBUTES, ...EVENT_ATTRIBUTES[type] }),
    );
    const objectTypes = (Object.keys(OBJECT_ATTRIBUTES) as ObjectKind[]).map((kind) =>
      declare(kind, OBJECT_ATTRIBUTES[kind]),
    );
    return `\n],\n"eventTypes":${JSON.stringify(eventTypes)},\n"objectTypes":${JSON.stringify(objectTypes)}}\n`;
  }
}
