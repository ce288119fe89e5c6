import { describe, expect, it } from 'vitest';
import { writeJson } from './json-text.js';

function written(value: unknown): { text: string; pieces: string[] } {
  const pieces: string[] = [];
  writeJson(value, (t) => pieces.push(t));
  return { text: pieces.join(''), pieces };
}

const expected = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe('writeJson', () => {
  it('writes what JSON.stringify(value, null, 2) gives, and a newline', () => {
    const values: unknown[] = [
      1,
      'text',
      null,
      true,
      undefined,
      {},
      [],
      { a: 1 },
      [1],
      { a: [], b: {}, c: [[]], d: [{}], e: { f: [], g: {} } },
      [[], {}, [[], [{}]], { a: [] }],
      { version: 1, list: [{ id: 'a', nested: { deep: [1, [2, [3, [4]]]] } }, { id: 'b' }], empty: [], last: 'x' },
      { skipped: undefined, fn: () => 1, sym: Symbol('s'), kept: 0, list: [undefined, () => 1, Symbol('s'), 2] },
      { nan: Number.NaN, inf: Infinity, negativeZero: -0, big: 1e21, small: 5e-7 },
      { 'quote"key': 1, 'new\nline': 2, '→': 3, '10': 4, '2': 5, '': 6, list: [{ '→ key': '→ value', '\u2028': '\u2028' }] },
      { text: 'tab\t, quote ", backslash \\, control \u0001, lone surrogate \ud800, emoji 😀, arrow →' },
      { date: new Date(0), list: [new Date(0)], nested: { date: new Date(0) } },
      { map: new Map([[1, 2]]), set: new Set([1]), boxed: [new String('s'), new Number(3), new Boolean(false)], typed: new Uint8Array([1, 2]) },
      { point: new Point(1, 2), list: [new Point(3, 4)], nested: { point: new Point(5, 6) } },
      { bare: Object.assign(Object.create(null) as object, { a: 1, b: [1, 2] }) },
      Object.assign(Object.create(null) as object, { root: [1, { a: [] }] }),
    ];
    for (const value of values) expect(written(value).text).toBe(expected(value));
  });

  it('gives toJSON the key or index JSON.stringify would give it, and leaves out what it turns into undefined', () => {
    const keyed = { toJSON: (key: string) => `key ${key}` };
    const gone = { toJSON: () => undefined };
    const values: unknown[] = [
      { toJSON: () => ({ replaced: [1, 2] }) },
      { toJSON: () => undefined },
      [keyed, keyed, { a: keyed }],
      { a: keyed, b: [keyed], c: { d: keyed, e: [keyed, keyed] } },
      { a: gone, b: [gone, 1], c: { d: gone, e: 2 }, f: 3 },
      { list: Object.assign([1, 2], { toJSON: () => 'a list' }) },
      { deep: { deeper: { list: [keyed, { a: keyed }] } } },
    ];
    for (const value of values) expect(written(value).text).toBe(expected(value));
  });

  it('calls toJSON of the elements of long lists with their own index, once each, and not on what it gives', () => {
    const calls: string[] = [];
    const indexed = Array.from({ length: 3000 }, (_, i) => ({
      toJSON(key: string) {
        calls.push(key);
        if (i % 97 === 0) return undefined;
        if (i % 89 === 0) return { toJSON: () => 'not called', own: key };
        if (i % 83 === 0) return [key, { toJSON: (k: string) => `inner ${k}` }];
        return { key, text: `→ ${'x'.repeat(i % 50)}` };
      },
    }));
    const value = { list: indexed, nested: { list: indexed }, plain: indexed.map((_, i) => i) };
    const text = written(value).text;
    const callsOfWrite = calls.splice(0);
    expect(text).toBe(expected(value));
    expect(callsOfWrite).toEqual(calls.splice(0));
    expect(callsOfWrite).toHaveLength(6000);
    expect(written(indexed).text).toBe(expected(indexed));
  });

  it('hands a large value on in pieces of about 64 K characters, lists a group of elements at a time', () => {
    const threats = Array.from({ length: 4000 }, (_, i) => ({
      id: `rule-${String(i)}@C${String(i)}`,
      title: i % 3 === 0 ? 'Unencrypted flow → data store' : 'Plain title',
      facts: [{ text: `C${String(i)} encrypted: false`, subject: `C${String(i)}` }],
      score: { likelihood: i % 5, impact: (i * 7) % 5, explanation: 'likelihood × impact' },
    }));
    const value = { version: 1, threats, questions: threats.map((t) => ({ text: `Is ${t.id} encrypted?`, affects: [t.id] })), risk: { threats, empty: [] }, file: 'm.yaml' };
    const { text, pieces } = written(value);
    expect(text).toBe(expected(value));
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.length).toBeLessThan(2 * 64 * 1024);
  });

  it('writes lists of elements of very different sizes, sparse lists and lists of lists the same way', () => {
    const mixed = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? { text: `→ ${'x'.repeat((i * 37) % 9000)}` } : i % 5 === 0 ? [i, [i], {}] : i % 3 === 0 ? null : `item ${String(i)}`));
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3, undefined, () => 1];
    const value = { mixed, nested: { mixed, sparse, lists: [mixed.slice(0, 50), [], [sparse]] }, sparse, tail: [{ toJSON: (key: string) => key }, ...mixed.slice(0, 100)] };
    expect(written(value).text).toBe(expected(value));
    expect(written(mixed).text).toBe(expected(mixed));
  });

  it('throws as JSON.stringify does on a value it cannot write', () => {
    expect(() => written({ n: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = { a: { b: 1 } };
    (cyclic['a'] as Record<string, unknown>)['self'] = cyclic;
    expect(() => written(cyclic)).toThrow(TypeError);
  });
});
