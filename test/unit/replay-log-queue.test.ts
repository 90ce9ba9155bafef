import { describe, expect, it } from "vitest";
import { LogQueue } from "../../src/replay/log-queue.js";

describe("LogQueue", () => {
  it("hands out the logs in order, then nothing", () => {
    const queue = new LogQueue(3);
    expect(queue.size).toBe(3);
    expect([queue.next(), queue.nextFresh(), queue.next()]).toEqual([0, 1, 2]);
    expect(queue.size).toBe(0);
    expect(queue.next()).toBeUndefined();
    expect(queue.nextFresh()).toBeUndefined();
  });

  it("puts logs to try again first, the latest first, and never hands them out as fresh", () => {
    const queue = new LogQueue(5);
    expect([queue.next(), queue.next(), queue.next()]).toEqual([0, 1, 2]);
    // A worker holding 1 and 2 died: each goes back, as the pool gives them back in turn.
    queue.retry(1);
    queue.retry(2);
    expect(queue.size).toBe(4);
    expect(queue.nextFresh()).toBe(3);
    expect(queue.next()).toBe(2);
    expect(queue.next()).toBe(1);
    expect(queue.next()).toBe(4);
    expect(queue.size).toBe(0);
  });

  it("gives every one of a million logs exactly once", () => {
    const count = 1_000_000;
    const queue = new LogQueue(count);
    let sum = 0;
    let taken = 0;
    for (let i = queue.nextFresh(); i !== undefined; i = queue.nextFresh()) {
      sum += i;
      taken++;
    }
    expect(taken).toBe(count);
    expect(sum).toBe((count * (count - 1)) / 2);
  });
});
