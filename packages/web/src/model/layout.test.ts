import type { Model } from '@threatwright/core';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { autoLayout, boundaryAt, freeSpot, gridLayout, NODE_HEIGHT, NODE_WIDTH, nodeWidth, openingLayout, placeNew, resolveRects, squared, type Rect } from './layout.js';

const model: Model = {
  threatwright: 1,
  system: { name: 'x' },
  boundaries: [
    { id: 'B1', name: 'Cloud' },
    { id: 'B2', name: 'Private', parent: 'B1' },
  ],
  components: [
    { id: 'C1', name: 'Browser', kind: 'external-entity' },
    { id: 'C2', name: 'API', kind: 'process', boundary: 'B1' },
    { id: 'C3', name: 'DB', kind: 'datastore', boundary: 'B2' },
  ],
  flows: [
    { id: 'F1', from: 'C1', to: 'C2' },
    { id: 'F2', from: 'C2', to: 'C3' },
  ],
};

const inside = (outer: Rect | undefined, inner: Rect | undefined) => !!outer && !!inner && inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layout', () => {
  it('lays a model without positions out with every element inside its boundary and no components overlapping', async () => {
    const rects = resolveRects(model, await autoLayout(model, new ELK()));
    expect(inside(rects.get('B1'), rects.get('C2'))).toBe(true);
    expect(inside(rects.get('B2'), rects.get('C3'))).toBe(true);
    expect(inside(rects.get('B1'), rects.get('B2'))).toBe(true);
    expect(inside(rects.get('B1'), rects.get('C1'))).toBe(false);
    const comps = ['C1', 'C2', 'C3'].map((id) => rects.get(id) as Rect);
    for (const a of comps) for (const b of comps) if (a !== b) expect(overlap(a, b)).toBe(false);
  });

  it('lays out a grid by boundary for large models, nesting boxes the same way', () => {
    const rects = resolveRects(model, gridLayout(model));
    expect(inside(rects.get('B2'), rects.get('C3'))).toBe(true);
    expect(inside(rects.get('B1'), rects.get('B2'))).toBe(true);
  });

  it('sizes a boundary without a stored size around what it contains', () => {
    const m: Model = { ...model, layout: { positions: { C1: { x: 0, y: 0 }, C2: { x: 400, y: 100 }, C3: { x: 700, y: 100 } } } };
    const rects = resolveRects(m);
    expect(inside(rects.get('B1'), rects.get('C2'))).toBe(true);
    expect(inside(rects.get('B1'), rects.get('B2'))).toBe(true);
    expect(rects.get('C2')).toEqual({ x: 400, y: 100, width: nodeWidth({ id: 'C2', name: 'API', kind: 'process' }), height: NODE_HEIGHT });
  });

  it('finds the innermost boundary under a point', () => {
    const rects = resolveRects(model, gridLayout(model));
    const c3 = rects.get('C3') as Rect;
    expect(boundaryAt(model, rects, c3.x + 5, c3.y + 5)).toBe('B2');
    expect(boundaryAt(model, rects, c3.x + 5, c3.y + 5, 'B2')).toBe('B1');
    expect(boundaryAt(model, rects, -5000, -5000)).toBeUndefined();
  });

  it('finds a free spot next to occupied ones', () => {
    const rects = new Map<string, Rect>([['C1', { x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT }]]);
    const spot = freeSpot(rects, ['C1'], 10, 10);
    expect(overlap({ ...spot, width: NODE_WIDTH, height: NODE_HEIGHT }, rects.get('C1') as Rect)).toBe(false);
  });

  it('lays a large model without positions out on the grid as it opens, and leaves the others to ELK or their positions', () => {
    const large: Model = { ...model, components: Array.from({ length: 320 }, (_, i) => ({ id: `C${i}`, name: `C${i}`, kind: 'process' as const, boundary: i % 2 ? 'B1' : 'B2' })) };
    expect(openingLayout(large)).toEqual(gridLayout(large));
    expect(openingLayout(model)).toEqual({});
    expect(openingLayout({ ...large, layout: { positions: { C1: { x: 0, y: 0 } } } })).toEqual({});
  });

  it('wraps a boundary around 150 000 members without overflowing the call stack', () => {
    const big: Model = { threatwright: 1, system: { name: 'x' }, boundaries: [{ id: 'B1', name: 'Cloud' }], components: Array.from({ length: 150_000 }, (_, i) => ({ id: `C${i}`, name: 'n', kind: 'process' as const, boundary: 'B1' })) };
    const auto: Record<string, { x: number; y: number }> = {};
    for (let i = 0; i < 150_000; i++) auto[`C${i}`] = { x: (i % 100) * 200, y: Math.floor(i / 100) * 100 };
    const rects = resolveRects(big, auto);
    expect(rects.get('B1')).toMatchObject({ x: -28, y: -36 });
    expect(inside(rects.get('B1'), rects.get('C0'))).toBe(true);
    expect(inside(rects.get('B1'), rects.get('C149999'))).toBe(true);
  });

  it('sizes a component to its name, within limits', () => {
    expect(nodeWidth({ id: 'C1', name: 'DB', kind: 'datastore' })).toBe(NODE_WIDTH);
    const long = nodeWidth({ id: 'C1', name: 'Payment service provider (PSP) callbacks', kind: 'process' });
    expect(long).toBeGreaterThan(NODE_WIDTH);
    expect(nodeWidth({ id: 'C1', name: 'x'.repeat(300), kind: 'process' })).toBe(320);
  });

  it('places a component without a position in free space inside its boundary, not on the others', () => {
    const m: Model = { ...model, layout: { positions: { B1: { x: 0, y: 0, width: 700, height: 300 }, C1: { x: -400, y: 0 }, C3: { x: 40, y: 60 } } } };
    const rects = resolveRects(m);
    expect(inside(rects.get('B1'), rects.get('C2'))).toBe(true);
    expect(overlap(rects.get('C2') as Rect, rects.get('C3') as Rect)).toBe(false);
  });

  it('puts a new element into the boundary under the view, in free space; a new boundary covers nothing', () => {
    const m: Model = { ...model, layout: { positions: { B1: { x: 0, y: 0, width: 700, height: 300 }, B2: { x: 400, y: 50, width: 260, height: 200 }, C1: { x: -400, y: 0 }, C2: { x: 40, y: 60 }, C3: { x: 430, y: 100 } } } };
    const rects = resolveRects(m);
    const comp = placeNew(m, rects, 'component', { x: 130, y: 100 });
    expect(comp.boundary).toBe('B1');
    const box = { ...comp.position, width: NODE_WIDTH, height: NODE_HEIGHT };
    expect(inside(rects.get('B1'), box)).toBe(true);
    for (const id of ['C2', 'C3', 'B2']) expect(overlap(box, rects.get(id) as Rect)).toBe(false);
    const boundary = placeNew(m, rects, 'boundary', { x: -300, y: 30 });
    const b = { x: boundary.position.x, y: boundary.position.y, width: boundary.position.width ?? 0, height: boundary.position.height ?? 0 };
    for (const r of rects.values()) expect(overlap(b, r)).toBe(false);
  });

  it('makes every slanted step of a route a corner', () => {
    expect(squared([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 14, y: 3 }, { x: 14, y: 40 }])).toEqual([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 3 }, { x: 14, y: 3 }, { x: 14, y: 40 }]);
  });
});
