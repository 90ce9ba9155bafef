// Group commit for the room: entries that arrive together (within one turn of the event
// loop) are appended with one write and one fsync, and each is answered only after that
// fsync, so a seat is told "saved" only for what a crash cannot take back.

import type { DrillEvent, NewEvent } from "../core/events.js";

/** What becomes of one item of a batch: an event to log, or an answer without logging. */
export type Prepared<R> = { event: NewEvent } | { answer: R };
export type Outcome<R> = { logged: DrillEvent } | { answer: R };

interface Pending<T, R> {
  item: T;
  resolve: (outcome: Outcome<R>) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;

  /**
   * `prepare` turns one batch's items into events or answers, in arrival order, at the time
   * of the batch (so its events' times never run behind the log); `commit` appends the
   * events durably with one write and returns them as logged.
   */
  constructor(
    private readonly prepare: (items: readonly T[]) => Prepared<R>[],
    private readonly commit: (events: NewEvent[]) => DrillEvent[],
  ) {}

  add(item: T): Promise<Outcome<R>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After this turn's I/O callbacks: every request already read joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    let logged: DrillEvent[];
    let prepared: Prepared<R>[];
    try {
      prepared = this.prepare(batch.map((pending) => pending.item));
      logged = this.commit(prepared.flatMap((p) => ("event" in p ? [p.event] : [])));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let next = 0;
    batch.forEach((pending, i) => {
      const p = prepared[i];
      if (!p) pending.reject(new Error("an entry of the batch was not prepared"));
      else if ("event" in p) pending.resolve({ logged: logged[next++] as DrillEvent });
      else pending.resolve({ answer: p.answer });
    });
  }
}
