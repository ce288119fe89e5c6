import { describe, expect, it } from 'vitest';
import { crossesLine, line, type Point } from './crossings.js';

const crosses = (flow: Point[], curve: Point[], pairs = 1_000_000) => crossesLine(line(flow), line(curve), { pairs });

describe('crossesLine', () => {
  const vertical = [
    { x: 0, y: -10 },
    { x: 0, y: 10 },
  ];

  it('finds a flow drawn across a line once, and not one beside it', () => {
    expect(crosses([{ x: -5, y: 0 }, { x: 5, y: 0 }], vertical)).toBe(true);
    expect(crosses([{ x: 1, y: 0 }, { x: 5, y: 0 }], vertical)).toBe(false);
    expect(crosses([{ x: -5, y: 20 }, { x: 5, y: 20 }], vertical)).toBe(false);
  });

  it('counts a crossing at a shared bend point once, and a flow that crosses and comes back as no crossing', () => {
    expect(crosses([{ x: -5, y: 0 }, { x: 0, y: 0 }, { x: 5, y: 0 }], vertical)).toBe(true);
    expect(crosses([{ x: -5, y: -5 }, { x: 5, y: -5 }, { x: -5, y: 5 }], vertical)).toBe(false);
    expect(crosses([{ x: -5, y: 0 }, { x: 5, y: 0 }], [{ x: 0, y: -10 }, { x: 0, y: 0 }, { x: 0, y: 10 }])).toBe(true);
  });

  it('does not count a flow drawn along the line, or lines with fewer than two points', () => {
    expect(crosses([{ x: 0, y: -5 }, { x: 0, y: 5 }], vertical)).toBe(false);
    expect(crosses([{ x: -5, y: 0 }], vertical)).toBe(false);
  });

  it('gives up, saying so, when the segment pairs exceed the budget', () => {
    const budget = { pairs: 1 };
    expect(crossesLine(line([{ x: -5, y: 0 }, { x: 0, y: 1 }, { x: 5, y: 0 }]), line(vertical), budget)).toBeUndefined();
    expect(budget.pairs).toBe(1);
  });
});
