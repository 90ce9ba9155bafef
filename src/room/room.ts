// `drill run --room`: the room beside the live console. Loaded only with the flag, so the
// console starts as fast as before without it. The seats and their tokens live in the room
// file beside the log; a resumed drill serves the same join links on the same port.

import { UsageError } from "../errors.js";
import {
  ROOM_FORMAT,
  type RoomFile,
  readRoomFile,
  roomFilePath,
  writeRoomFile,
} from "./room-file.js";
import { type Seat, seatsFor } from "./seats.js";
import { isLoopback } from "./security.js";
import { type RoomDrill, RoomServer } from "./server.js";

export interface RoomOptions {
  /** Address to listen on (default loopback). */
  host?: string;
  /** Port (default: the resumed room's, else one the system picks). */
  port?: number;
  /** The log file (absolute) and how messages name it. */
  logPath: string;
  logName: string;
  resumed: boolean;
}

export interface SeatLink {
  seat: Seat;
  url: string;
}

export class Room {
  private constructor(
    private readonly server: RoomServer,
    private readonly file: RoomFile,
    private readonly filePath: string,
    private readonly fileName: string,
    /** The address links use: the host given, or this machine's loopback. */
    private readonly linkHost: string,
  ) {}

  static async open(drill: RoomDrill, options: RoomOptions): Promise<Room> {
    const filePath = roomFilePath(options.logPath);
    const fileName = roomFilePath(options.logName);
    const kept = options.resumed ? await readRoomFile(filePath, fileName) : undefined;
    const host = options.host ?? kept?.host ?? "127.0.0.1";
    const file: RoomFile = kept
      ? { ...kept, host }
      : { format: ROOM_FORMAT, host, port: 0, seats: seatsFor(drill.state.plan) };
    const server = new RoomServer(drill, file.seats, host);
    const port = options.port ?? kept?.port ?? 0;
    try {
      file.port = await server.listen(port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`the room cannot listen on ${host}:${port} (${code ?? "error"})`, {
        hint:
          code === "EADDRINUSE"
            ? "another program holds that port: give another with --port (the join links change)"
            : "check --host: an address of this machine, e.g. 0.0.0.0 for every network",
      });
    }
    try {
      await writeRoomFile(filePath, fileName, file, options.resumed);
    } catch (error) {
      await server.close();
      throw error;
    }
    const linkHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    return new Room(server, file, filePath, fileName, linkHost);
  }

  get host(): string {
    return this.file.host;
  }

  get port(): number {
    return this.file.port;
  }

  get loopback(): boolean {
    return isLoopback(this.file.host);
  }

  get fileShown(): string {
    return this.fileName;
  }

  links(): SeatLink[] {
    const host = this.linkHost.includes(":") ? `[${this.linkHost}]` : this.linkHost;
    return this.file.seats.map((seat) => ({
      seat,
      url: `http://${host}:${this.file.port}/${seat.kind === "board" ? "b" : "s"}/${seat.token}`,
    }));
  }

  /** The drill moved: boards and seats are told. */
  changed(): void {
    this.server.changed();
  }

  async revoke(seatId: string): Promise<Seat | undefined> {
    const seat = this.file.seats.find((s) => s.id === seatId);
    if (!seat) return undefined;
    this.server.revoke(seat);
    await writeRoomFile(this.filePath, this.fileName, this.file, true);
    return seat;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** A QR code of `url` for the terminal (two rows of modules per line). */
export async function terminalQr(url: string): Promise<string> {
  const { default: qrcode } = await import("qrcode");
  return qrcode.toString(url, { type: "terminal", small: true, errorCorrectionLevel: "L" });
}
