import { describe, expect, it } from 'vitest';
import { fittedViewport, READABLE_ZOOM } from './Canvas.js';

describe('the opening view', () => {
  it('fits every rectangle into the canvas, centred, without zooming in past 110 %', () => {
    const rects = new Map([
      ['B1', { x: -100, y: 0, width: 1100, height: 500 }],
      ['C1', { x: 0, y: 40, width: 184, height: 72 }],
    ]);
    const v = fittedViewport(rects, 1000, 800, false);
    // The bounds (1 100 × 500) fill the width, less the 8 % padding.
    expect(v.zoom).toBeCloseTo(1000 / (1100 * 1.08), 2);
    const left = -100 * v.zoom + v.x;
    const right = 1000 * v.zoom + v.x;
    expect(left).toBeGreaterThan(0);
    expect(1000 - right).toBeCloseTo(left, 0);
    const small = fittedViewport(new Map([['C1', { x: 0, y: 0, width: 184, height: 72 }]]), 1000, 800);
    expect(small.zoom).toBe(1.1);
  });

  it('opens a diagram too wide to fit readably at the readable zoom, from its top left corner, centred where it fits', () => {
    const rects = new Map([
      ['B1', { x: 100, y: 50, width: 2400, height: 400 }],
      ['C1', { x: 140, y: 100, width: 184, height: 72 }],
    ]);
    const v = fittedViewport(rects, 1000, 800);
    // Fitted, the text would be drawn at 11 px × 0.39: pan instead.
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(11 * v.zoom).toBeGreaterThanOrEqual(11);
    expect(100 * v.zoom + v.x).toBe(24);
    // 400 px high fits in 800: centred vertically.
    expect(50 * v.zoom + v.y).toBe(200);
    // A diagram that fits at a readable zoom is fitted as before.
    expect(fittedViewport(new Map([['C1', { x: 0, y: 0, width: 600, height: 300 }]]), 1000, 800).zoom).toBe(1.1);
  });

  it('opens an empty diagram at 100 %', () => {
    expect(fittedViewport(new Map(), 1000, 800)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
