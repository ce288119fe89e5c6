import { describe, expect, it } from 'vitest';
import { compareRisk, type Rankable } from './rank.js';

const order = (items: Rankable[]) => [...items].sort(compareRisk).map((t) => t.id);

describe('the order of risks', () => {
  it('puts a higher band first, whatever the confidence', () => {
    expect(order([{ id: 'a', band: 'high', confidence: 'confirmed', score: 9 }, { id: 'b', band: 'critical', confidence: 'possible', score: 16 }])).toEqual(['b', 'a']);
  });
  it('ranks confirmed before possible before baseline within a band, even at a lower score', () => {
    expect(order([{ id: 'q', band: 'high', confidence: 'possible', score: 12 }, { id: 'k', band: 'high', confidence: 'confirmed', score: 9 }, { id: 'b', band: 'high', confidence: 'baseline', score: 12 }])).toEqual(['k', 'q', 'b']);
  });
  it('then by score, impact and id; unscored last', () => {
    expect(order([{ id: 'u' }, { id: 'c', band: 'low', score: 2, impact: 1 }, { id: 'd', band: 'low', score: 2, impact: 2 }, { id: 'e', band: 'low', score: 3 }, { id: 'b', band: 'low', score: 2, impact: 2 }])).toEqual(['e', 'b', 'd', 'c', 'u']);
  });
});
