// `drill run --transcript <file>`: a plain-text copy of what the console announces and logs,
// appended line by line as it goes (a resumed drill carries on in the same file), so a
// crash loses at most the line being written. No colour or cursor codes.

import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { UsageError } from "../errors.js";

export class Transcript {
  private constructor(private fd: number | undefined) {}

  static open(file: string, cwd: string): Transcript {
    const path = resolve(cwd, file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      return new Transcript(openSync(path, "a"));
    } catch (error) {
      throw new UsageError(
        `cannot write the transcript: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        { location: { file }, hint: "give --transcript a file in a folder you can write to" },
      );
    }
  }

  line(text: string): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${stripVTControlCharacters(text)}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
