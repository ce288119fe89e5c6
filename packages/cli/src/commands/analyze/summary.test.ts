import { riskBand, type AnalysisResult, type Threat } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { baselineGroups, rankOpen } from './summary.js';

const score = (t: Threat): number => (t.likelihood !== undefined && t.impact !== undefined ? t.likelihood * t.impact : 0);
const CLOSED = new Set(['mitigated', 'accepted', 'transferred', 'false-positive', 'not-applicable']);

const STATUSES = ['open', 'mitigated', 'accepted', 'in-progress', 'transferred', 'false-positive', 'not-applicable'] as const;

/** Threats with every mix of likelihood, impact (some unrated) and status, in a scrambled order. */
function threats(n: number): Threat[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919) % n;
    const rated = k % 11 !== 0;
    return { id: `rule-${String(k % 13)}@C${String(k)}`, status: STATUSES[k % STATUSES.length], ...(rated ? { likelihood: (k % 5) + 1, impact: ((k * 3) % 5) + 1 } : {}) } as unknown as Threat;
  });
}

/** A result whose assessment scores each threat by likelihood × impact with the default bands, and stands it by its status. */
const result = (list: Threat[]) =>
  ({
    threats: list,
    risk: {
      threats: list.map((t) => {
        const rated = t.likelihood !== undefined && t.impact !== undefined;
        return {
          id: t.id,
          confidence: t.confidence,
          standing: CLOSED.has(t.status) ? 'dismissed' : 'open',
          ...(rated ? { band: riskBand(t.likelihood, t.impact) } : {}),
          risk: rated ? { residual: { method: 'likelihood-impact', value: score(t), likelihood: t.likelihood, impact: t.impact } } : {},
        };
      }),
    },
  }) as unknown as AnalysisResult;
const ids = (r: ReturnType<typeof rankOpen>) => ({ ranked: r.ranked.map((x) => x.threat), open: r.open });

describe('rankOpen', () => {
  it('gives the open threats highest risk first, then by impact and id, and with a limit the first of them', () => {
    const list = threats(500);
    const open = list.filter((t) => !CLOSED.has(t.status));
    const sorted = [...open].sort((a, b) => score(b) - score(a) || (b.impact ?? 0) - (a.impact ?? 0) || (a.id < b.id ? -1 : 1));
    expect(ids(rankOpen(result(list)))).toEqual({ ranked: sorted, open: open.length });
    for (const limit of [0, 1, 2, 10, 50, open.length - 1, open.length, open.length + 1]) {
      expect(ids(rankOpen(result(list), limit))).toEqual({ ranked: sorted.slice(0, limit), open: open.length });
    }
    expect(ids(rankOpen(result([]), 10))).toEqual({ ranked: [], open: 0 });
  });
});

describe('the order within a band', () => {
  it('puts a confirmed finding before a possible one of the same band, even at a lower score, and a higher band first', () => {
    const t = (id: string, confidence: string, likelihood: number, impact: number) => ({ id, confidence, status: 'open', likelihood, impact, unstated: [] }) as unknown as Threat;
    const list = [t('asked@C1', 'possible', 3, 4), t('known@C2', 'confirmed', 3, 3), t('worst@C3', 'possible', 4, 5)];
    expect(rankOpen(result(list)).ranked.map((x) => x.threat.id)).toEqual(['worst@C3', 'known@C2', 'asked@C1']);
  });
});

describe('baseline entries', () => {
  const entry = (id: string, category: string, elements: string[], question: string, status = 'open') =>
    ({ id, confidence: 'baseline', category, elements, status, likelihood: 2, impact: 3, unstated: [{ question }] }) as unknown as Threat;
  const finding = { id: 'csrf@C2', confidence: 'confirmed', category: 'tampering', elements: ['C2'], status: 'open', likelihood: 4, impact: 4, unstated: [] } as unknown as Threat;
  const list = [
    entry('baseline-tampering@C2', 'tampering', ['C2', 'F3', 'F1'], 'Does C2 validate input?'),
    entry('baseline-spoofing@C2', 'spoofing', ['C2', 'F1'], 'Is F1 authenticated?'),
    entry('baseline-repudiation@C1', 'repudiation', ['C1', 'F2'], 'Does C1 keep an audit log?'),
    entry('baseline-repudiation@C9', 'repudiation', ['C9'], 'closed', 'not-applicable'),
    finding,
  ];

  it('are not ranked among the open threats; a specific finding is', () => {
    expect(ids(rankOpen(result(list)))).toEqual({ ranked: [finding], open: 1 });
  });

  it('group by the element they are about, in model order, categories in STRIDE order, flows in model order; closed ones left out', () => {
    const order = new Map([['C1', 'A'], ['C2', 'B'], ['F1', 'f'], ['F2', 'g'], ['F3', 'h']]);
    expect(baselineGroups(result(list), order)).toEqual([
      { element: 'C1', categories: ['repudiation'], flows: ['F2'], questions: ['Does C1 keep an audit log?'], entries: 1 },
      { element: 'C2', categories: ['spoofing', 'tampering'], flows: ['F1', 'F3'], questions: ['Does C2 validate input?', 'Is F1 authenticated?'], entries: 2 },
    ]);
  });
});
