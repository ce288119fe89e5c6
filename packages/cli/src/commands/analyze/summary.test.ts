import type { AnalysisResult, Threat } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { rankOpen, score } from './summary.js';

const STATUSES = ['open', 'mitigated', 'accepted', 'in-progress', 'transferred', 'false-positive', 'not-applicable'] as const;

/** Threats with every mix of likelihood, impact (some unrated) and status, in a scrambled order. */
function threats(n: number): Threat[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919) % n;
    const rated = k % 11 !== 0;
    return { id: `rule-${String(k % 13)}@C${String(k)}`, status: STATUSES[k % STATUSES.length], ...(rated ? { likelihood: (k % 5) + 1, impact: ((k * 3) % 5) + 1 } : {}) } as unknown as Threat;
  });
}

const result = (list: Threat[]) => ({ threats: list }) as unknown as AnalysisResult;

describe('rankOpen', () => {
  it('gives the open threats highest risk first, then by impact and id, and with a limit the first of them', () => {
    const list = threats(500);
    const open = list.filter((t) => !['mitigated', 'accepted', 'transferred', 'false-positive', 'not-applicable'].includes(t.status));
    const sorted = [...open].sort((a, b) => score(b) - score(a) || (b.impact ?? 0) - (a.impact ?? 0) || (a.id < b.id ? -1 : 1));
    expect(rankOpen(result(list))).toEqual({ ranked: sorted, open: open.length });
    for (const limit of [0, 1, 2, 10, 50, open.length - 1, open.length, open.length + 1]) {
      expect(rankOpen(result(list), limit)).toEqual({ ranked: sorted.slice(0, limit), open: open.length });
    }
    expect(rankOpen(result([]), 10)).toEqual({ ranked: [], open: 0 });
  });
});
