// Writes a long stream of lines to an output that may be a slow pipe: lines are batched,
// the writer waits when the pipe is full so memory stays bounded, and stops quietly when
// the reader goes away (`drill log big.jsonl | head`).

import type { OutputStream } from "../context.js";

interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

function events(out: OutputStream): EventSource | undefined {
  const candidate = out as Partial<EventSource>;
  return typeof candidate.on === "function" &&
    typeof candidate.once === "function" &&
    typeof candidate.off === "function"
    ? (candidate as EventSource)
    : undefined;
}

const BATCH_CHARS = 1 << 16;

export class LineOutput {
  private batch: string[] = [];
  private chars = 0;
  private broken = false;
  private readonly source: EventSource | undefined;
  private readonly onError = () => {
    this.broken = true;
  };

  constructor(private readonly out: OutputStream) {
    this.source = events(out);
    // Stays attached: a write already queued can still fail after the last line.
    this.source?.on("error", this.onError);
  }

  /** True once the output has failed (e.g. the pipe was closed): stop producing lines. */
  get closed(): boolean {
    return this.broken;
  }

  async line(text: string): Promise<void> {
    this.batch.push(text, "\n");
    this.chars += text.length + 1;
    if (this.chars >= BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chars === 0 || this.broken) return;
    const text = this.batch.join("");
    this.batch = [];
    this.chars = 0;
    if (!this.out.write(text) && this.source) await this.drained(this.source);
  }

  private drained(source: EventSource): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        source.off("drain", done);
        source.off("error", done);
        source.off("close", done);
        resolve();
      };
      source.once("drain", done);
      source.once("error", done);
      source.once("close", done);
    });
  }
}
