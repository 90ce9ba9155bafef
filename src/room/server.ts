// The room's web server, in the facilitator's process: Node's own http with a fixed set of
// routes (no files are served from request paths, no listings). Boards and seats follow the
// drill over Server-Sent Events, each message the whole view, so a reload or a lost
// connection picks up exactly where the drill is. Seats post entries; they reach the one log
// through the facilitator's writer (group commit), and are answered after their fsync.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DrillState } from "../core/engine.js";
import type { DrillEvent, NewEvent } from "../core/events.js";
import type { Lang } from "../core/plan.js";
import { shapeProblem } from "../log/schema.js";
import { cleanText } from "../text.js";
import roomCss from "./assets/room.css?raw";
import roomJs from "./assets/room.js?raw";
import { entryEvent, entryRef, type PostedEntry, postedEntrySchema } from "./entries.js";
import { GroupCommit, type Prepared } from "./group-commit.js";
import { pageHtml } from "./pages.js";
import type { Seat } from "./seats.js";
import { isLoopback, MAX_BODY_BYTES, RateLimit, sameOrigin, secureHeaders } from "./security.js";
import { boardView, type RoomView, seatView } from "./views.js";

/** What the room needs of the drill: its state and events, its clock, its one writer. */
export interface RoomDrill {
  readonly state: DrillState;
  readonly events: readonly DrillEvent[];
  /** Scenario minutes now (never before the last event). */
  now(): number;
  nowMs(): number;
  /** Appends events durably (one write, one fsync) and folds them; the console shows them. */
  commit(events: NewEvent[]): DrillEvent[];
  /** A seat's message to control. */
  tell(seat: Seat, text: string): void;
  /** The pages' language (the console's: `--lang`, else the plan's). */
  lang?: Lang;
}

type Answer = { status: number; body: Record<string, unknown> };

interface Listener {
  seat: Seat;
  res: ServerResponse;
  last: string;
}

/** At most this many live connections (boards and seats) at once. */
const MAX_LISTENERS = 500;

export class RoomServer {
  private readonly server: Server;
  private readonly byToken = new Map<string, Seat>();
  private readonly listeners = new Set<Listener>();
  private readonly logged = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<Answer>>();
  private readonly limit = new RateLimit(30, 5);
  private readonly commits: GroupCommit<{ seat: Seat; entry: PostedEntry }, Answer>;
  private pushScheduled = false;
  private heartbeat: NodeJS.Timeout | undefined;
  port = 0;

  constructor(
    private readonly drill: RoomDrill,
    seats: readonly Seat[],
    private readonly host: string,
  ) {
    for (const seat of seats) this.byToken.set(seat.token, seat);
    // Entries already in the log (a resumed drill): a page resending one is told it is saved.
    for (const event of drill.events)
      if (event.ref?.startsWith("room:")) this.logged.set(event.ref, event.seq);
    this.commits = new GroupCommit(
      (items) => this.prepare(items),
      (events) => drill.commit(events),
    );
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent)
          this.send(res, 500, { error: "the room could not take this request" });
        else res.end();
      });
    });
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, this.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.heartbeat = setInterval(() => {
      for (const listener of this.listeners) listener.res.write(": keep-alive\n\n");
    }, 15_000);
    this.heartbeat.unref();
    return this.port;
  }

  close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const listener of this.listeners) listener.res.end();
    this.listeners.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Stops a seat's link: its page is cut off and every later request refused. */
  revoke(seat: Seat): void {
    seat.revoked = true;
    for (const listener of this.listeners) {
      if (listener.seat === seat) {
        listener.res.end();
        this.listeners.delete(listener);
      }
    }
  }

  /** The drill moved: every page gets its new view (once per turn of the event loop). */
  changed(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      for (const listener of this.listeners) this.push(listener);
    });
  }

  private viewOf(seat: Seat): RoomView {
    const { state, events } = this.drill;
    const t = this.drill.now();
    // Text is data on the pages too: no bidi override reorders what is shown around it.
    return cleanStrings(
      seat.kind === "board"
        ? boardView(state, events, t, seat.site)
        : seatView(state, events, t, seat),
    );
  }

  private push(listener: Listener): void {
    const view = { ...this.viewOf(listener.seat), seq: this.drill.state.lastSeq };
    const json = JSON.stringify(view);
    if (json === listener.last) return;
    listener.last = json;
    listener.res.write(`data: ${json}\n\n`);
  }

  private send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
    secureHeaders(res);
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://room").pathname;
    secureHeaders(res);
    if (req.method === "GET" && path === "/assets/room.js") {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" });
      res.end(roomJs);
      return;
    }
    if (req.method === "GET" && path === "/assets/room.css") {
      res.writeHead(200, { "Content-Type": "text/css; charset=utf-8" });
      res.end(roomCss);
      return;
    }
    const match = /^\/([bs])\/([A-Za-z0-9_-]{22,64})(?:\/(events|view|entries))?$/.exec(path);
    const seat = match?.[2] ? this.byToken.get(match[2]) : undefined;
    // An unknown token looks like any other missing page.
    if (!match || !seat || (match[1] === "b") !== (seat.kind === "board")) {
      this.send(res, 404, { error: "not found" });
      return;
    }
    if (seat.revoked) {
      this.send(res, 403, { error: "this join link has been revoked" });
      return;
    }
    const part = match[3];
    if (part === "entries") {
      if (req.method !== "POST") {
        res.setHeader("Allow", "POST");
        this.send(res, 405, { error: "POST an entry" });
        return;
      }
      const answer = await this.post(req, seat);
      this.send(res, answer.status, answer.body);
      return;
    }
    if (req.method !== "GET") {
      res.setHeader("Allow", "GET");
      this.send(res, 405, { error: "read-only" });
      return;
    }
    if (part === "view") {
      this.send(res, 200, { ...this.viewOf(seat), seq: this.drill.state.lastSeq });
      return;
    }
    if (part === "events") {
      if (this.listeners.size >= MAX_LISTENERS) {
        this.send(res, 503, { error: "too many pages open" });
        return;
      }
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        Connection: "keep-alive",
      });
      res.write("retry: 1000\n\n");
      const listener: Listener = { seat, res, last: "" };
      this.listeners.add(listener);
      req.on("close", () => this.listeners.delete(listener));
      this.push(listener);
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      pageHtml({
        kind: seat.kind === "board" ? "board" : "seat",
        lang: this.drill.lang ?? this.drill.state.plan.lang,
        title: cleanText(`${seat.name} · ${this.drill.state.plan.title}`),
        base: `/${match[1]}/${match[2]}`,
      }),
    );
  }

  private async post(req: IncomingMessage, seat: Seat): Promise<Answer> {
    if (seat.kind === "board") return { status: 403, body: { error: "a board is read-only" } };
    if (!sameOrigin(req, this.port, isLoopback(this.host)))
      return { status: 403, body: { error: "writes come only from the room's own pages" } };
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? ""))
      return { status: 415, body: { error: "send JSON" } };
    if (!this.limit.take(seat.id, Date.now()))
      return {
        status: 429,
        body: { error: "too many entries at once; the page will send it again" },
      };
    const text = await readBody(req);
    if (text === undefined) return { status: 413, body: { error: "too large" } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { status: 400, body: { error: "not JSON" } };
    }
    const problem = shapeProblem(postedEntrySchema, parsed);
    if (problem) return { status: 400, body: { error: problem } };
    const entry = parsed as PostedEntry;
    const ref = entryRef(entry.id);
    const seq = this.logged.get(ref);
    if (seq !== undefined) return { status: 200, body: { saved: true, seq, duplicate: true } };
    // The same entry sent again before the first was saved waits for that one's answer.
    const waiting = this.inFlight.get(ref);
    if (waiting) return waiting;
    const answer = this.commits
      .add({ seat, entry })
      .then((outcome): Answer => {
        if ("answer" in outcome) return outcome.answer;
        this.logged.set(ref, outcome.logged.seq);
        return { status: 200, body: { saved: true, seq: outcome.logged.seq } };
      })
      .catch(
        (): Answer => ({ status: 503, body: { error: "the log could not be written; not saved" } }),
      )
      .finally(() => this.inFlight.delete(ref));
    this.inFlight.set(ref, answer);
    return answer;
  }

  private prepare(items: readonly { seat: Seat; entry: PostedEntry }[]): Prepared<Answer>[] {
    const t = this.drill.now();
    const nowMs = this.drill.nowMs();
    return items.map(({ seat, entry }) => {
      if (seat.revoked)
        return { answer: { status: 403, body: { error: "this join link has been revoked" } } };
      const verdict = entryEvent(this.drill.state, seat, entry, t, nowMs);
      if (!verdict.ok)
        return { answer: { status: verdict.status, body: { error: verdict.reason } } };
      if ("message" in verdict) {
        this.drill.tell(seat, verdict.message);
        return { answer: { status: 200, body: { sent: true } } };
      }
      return { event: verdict.event };
    });
  }
}

/** Every string of a view through the one sanitiser (src/text.ts). */
function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, cleanStrings(inner)]),
    ) as T;
  return value;
}

/** The request's body as text, or undefined once it passes the cap. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        return;
      }
      if (!over) chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
