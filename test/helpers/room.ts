// The room in tests: the system's Chromium driven by playwright-core (nothing downloads), the
// room file a drill writes beside its log, and posts from outside a browser.
import { readFileSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM } from "./chromium.js";

export interface RoomSeat {
  id: string;
  kind: "group" | "evaluator" | "board";
  name: string;
  group?: string;
  site?: string;
  token: string;
}

export interface RoomFileShape {
  host: string;
  port: number;
  seats: RoomSeat[];
}

export function readRoom(logPath: string): RoomFileShape {
  return JSON.parse(readFileSync(`${logPath}.room.json`, "utf8")) as RoomFileShape;
}

export function seatOf(room: RoomFileShape, id: string): RoomSeat {
  const seat = room.seats.find((s) => s.id === id);
  if (!seat) throw new Error(`no seat ${id} in the room file`);
  return seat;
}

export function seatUrl(room: RoomFileShape, seat: RoomSeat): string {
  return `http://127.0.0.1:${room.port}/${seat.kind === "board" ? "b" : "s"}/${seat.token}`;
}

/** Posts an entry as the seat's page would (same Origin); returns the status and answer. */
export async function post(
  room: RoomFileShape,
  seat: RoomSeat,
  body: unknown,
  origin = `http://127.0.0.1:${room.port}`,
): Promise<{ status: number; answer: Record<string, unknown> }> {
  const response = await fetch(`${seatUrl(room, seat)}/entries`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify(body),
  });
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
}

/** Debian's Chromium, headless; playwright gives each launch a fresh, empty profile. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    ...CHROMIUM,
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
