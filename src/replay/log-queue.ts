// The logs a replay has still to hand out, by index. Taking one is constant time: a replay
// of a million logs took one off a plain array with findIndex + splice, which is quadratic
// (12 s of queue work alone at 200,000 logs, nearly 4 minutes at a million).

/** The logs still to replay, in order; those a dead worker held come first, each to go alone. */
export class LogQueue {
  private readonly fresh: number[];
  private head = 0;
  /** Logs held by a worker that died, the latest first. */
  private readonly retries: number[] = [];

  constructor(count: number) {
    this.fresh = Array.from({ length: count }, (_, i) => i);
  }

  get size(): number {
    return this.retries.length + this.fresh.length - this.head;
  }

  /** The next log: one to try again if there is one, else the next fresh one. */
  next(): number | undefined {
    return this.retries.shift() ?? this.nextFresh();
  }

  /** The next log that no dead worker held. */
  nextFresh(): number | undefined {
    return this.head < this.fresh.length ? this.fresh[this.head++] : undefined;
  }

  /** A log to try again, ahead of every other. */
  retry(index: number): void {
    this.retries.unshift(index);
  }
}
