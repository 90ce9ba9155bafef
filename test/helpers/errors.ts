// The error an attempt was rejected with, checked to be of the expected class.
import { expect } from "vitest";

export async function rejection<T extends Error>(
  attempt: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
