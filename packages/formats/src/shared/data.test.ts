import { describe, expect, it } from 'vitest';
import { extent, own, setOwn, table } from './data.js';

describe('readers for untrusted data', () => {
  it('extent takes any number of values (Math.min(...xs) overflows the stack at about 150 000)', () => {
    const xs = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_001);
    expect(extent(xs)).toEqual([xs.reduce((a, b) => (a < b ? a : b)), xs.reduce((a, b) => (a > b ? a : b))]);
    expect(extent([])).toBeUndefined();
  });
  it('table and own never answer with what a prototype has', () => {
    const t = table({ open: 1 });
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(t.get(k)).toBeUndefined();
      expect(own({ a: 1 }, k)).toBeUndefined();
    }
    expect(t.get('open')).toBe(1);
  });
  it('setOwn keeps a key named __proto__ as data', () => {
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', { polluted: true });
    expect(Object.keys(o)).toEqual(['__proto__']);
    expect((o as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
