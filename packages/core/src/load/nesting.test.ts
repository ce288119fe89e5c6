import { describe, expect, it } from 'vitest';
import { findExcessiveNesting } from './nesting.js';

const depthOk = (text: string, limit: number): boolean => findExcessiveNesting(text, limit, 10_000) === undefined;

describe('findExcessiveNesting', () => {
  it('counts flow brackets where YAML opens a collection', () => {
    expect(depthOk('a: [[[1]]]', 4)).toBe(false);
    expect(depthOk('a: [[[1]]]', 5)).toBe(true);
  });

  it('ignores brackets inside quotes, comments, plain text and block scalars', () => {
    const text = [
      'a: "[[[[[[[["',
      "b: '{{{{{{{{'",
      'c: text with [[[[[[[[ brackets',
      '# [[[[[[[[[[[[',
      'd: |',
      '  [[[[[[[[[[[[',
      '  {{{{{{{{{{{{',
      'e: ok',
    ].join('\n');
    expect(depthOk(text, 4)).toBe(true);
  });

  it('counts compact block sequences on one line', () => {
    expect(depthOk('- - - - - - x', 5)).toBe(false);
    expect(depthOk('- - x', 5)).toBe(true);
  });

  it('counts indentation levels and forgets them when a line dedents', () => {
    const deep = Array.from({ length: 10 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(depthOk(deep, 8)).toBe(false);
    const flat = Array.from({ length: 50 }, (_, i) => `k${i}:\n  v: 1`).join('\n');
    expect(depthOk(flat, 4)).toBe(true);
  });

  it('returns the offset where the limit is crossed', () => {
    expect(findExcessiveNesting('a: 1\nb: [[[[x]]]]', 3, 10_000)).toBe(9);
  });

  it('does not let a quote in plain text hide a bomb on a later line', () => {
    expect(depthOk("a: x\n  'y\nb: [[[[[[[[1]]]]]]]]", 5)).toBe(false);
    expect(depthOk("a: it's\nb: [[[[[[[[1]]]]]]]]", 5)).toBe(false);
  });

  it('counts brackets blindly against a higher limit as a backstop', () => {
    expect(findExcessiveNesting('a: "' + '['.repeat(50) + '"', 10, 20)).toBe(24);
  });
});
