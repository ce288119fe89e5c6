import { describe, expect, it } from 'vitest';
import { compareThreats } from './build.js';
import type { ThreatView } from './types.js';

/** A threat whose inherent risk is `band`/`score`; its residual is the same unless given. */
const view = (id: string, band: ThreatView['band'], score: number, confidence: ThreatView['confidence'], residual?: { band: NonNullable<ThreatView['band']>; score: number }) =>
  ({ id, band, score, confidence, residual: residual ? { likelihood: 1, impact: 1, ...residual } : band ? { likelihood: 1, impact: 1, band, score } : undefined }) as ThreatView;

describe('the order of threats in reports', () => {
  it('lists a confirmed threat before a possible one of the same band, even at a lower score, and a higher band first', () => {
    const list = [view('asked', 'P1', 12, 'possible'), view('entry', 'P1', 12, 'baseline'), view('known', 'P1', 9, 'confirmed'), view('worst', 'P0', 16, 'possible'), view('unscored', undefined, 0, 'confirmed')];
    expect(list.sort(compareThreats).map((t) => t.id)).toEqual(['worst', 'known', 'asked', 'entry', 'unscored']);
  });
  it('orders by the residual risk, what is left after implemented mitigations, as the terminal and check do', () => {
    const list = [view('lowered', 'P0', 20, 'confirmed', { band: 'P2', score: 6 }), view('untouched', 'P1', 12, 'confirmed')];
    expect(list.sort(compareThreats).map((t) => t.id)).toEqual(['untouched', 'lowered']);
  });
  it('orders by score within a band and a confidence', () => {
    expect([view('b', 'P2', 4, 'possible'), view('a', 'P2', 6, 'possible')].sort(compareThreats).map((t) => t.id)).toEqual(['a', 'b']);
  });
});
