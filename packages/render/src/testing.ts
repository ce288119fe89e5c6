/** Helpers the render package's tests share. */
import { expect } from 'vitest';

/** The text of a report between two markers (from the first, up to the next second); fails the test when either is missing. */
export function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  expect(start, from).toBeGreaterThanOrEqual(0);
  expect(end, to).toBeGreaterThan(start);
  return text.slice(start, end);
}
