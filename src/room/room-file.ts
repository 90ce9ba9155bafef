// The room's own file beside the log (`<log>.room.json`): the seats, their tokens and the
// address, so `--resume` serves the same join links. Tokens are secrets, so they never go
// into the log (which is shared for review) and the file is readable by its owner only.

import { readFile } from "node:fs/promises";
import * as z from "zod/mini";
import "../zod-messages.js";
import { InputError } from "../errors.js";
import { writeOutput } from "../output.js";
import type { Seat } from "./seats.js";

export const ROOM_FORMAT = "drillbook-room/1";

export interface RoomFile {
  format: typeof ROOM_FORMAT;
  host: string;
  port: number;
  seats: Seat[];
}

const roomFileSchema = z.object({
  format: z.literal(ROOM_FORMAT),
  host: z.string(),
  port: z.int().check(z.nonnegative(), z.lte(65535)),
  seats: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["group", "evaluator", "board"]),
      name: z.string(),
      group: z.optional(z.string()),
      site: z.optional(z.string()),
      token: z.string().check(z.minLength(22)),
      revoked: z.optional(z.boolean()),
    }),
  ),
});

export function roomFilePath(logPath: string): string {
  return `${logPath}.room.json`;
}

/** The room file of a resumed drill, or undefined if its drill never had a room. */
export async function readRoomFile(path: string, shown: string): Promise<RoomFile | undefined> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = roomFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new InputError("the room file is damaged: its join links cannot be served again", {
      location: { file: shown },
      hint: "move it aside to start the room with new join links",
    });
  }
  return result.data as RoomFile;
}

/** Writes the room file; `replace` for the room's own file on a resume or a revocation. */
export async function writeRoomFile(
  path: string,
  shown: string,
  room: RoomFile,
  replace: boolean,
): Promise<void> {
  await writeOutput(path, shown, `${JSON.stringify(room, null, 2)}\n`, {
    force: replace,
    mode: 0o600,
  });
}
