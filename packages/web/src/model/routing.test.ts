import type { Model } from '@threatwright/core';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { autoLayout, elkRoute, resolveRects, type Rect } from './layout.js';
import { orthogonalRoute, pathHits, routeFlows, routePath } from './routing.js';

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('routing flows', () => {
  it('goes around a component that stands between the two ends', () => {
    const a = { x: 0, y: 0, width: 100, height: 60 };
    const b = { x: 400, y: 0, width: 100, height: 60 };
    const wall = { x: 200, y: -40, width: 100, height: 140 };
    const points = orthogonalRoute(a, b, [wall]);
    expect(pathHits(points, wall)).toBe(false);
    const onOutline = (r: Rect, p: { x: number; y: number } | undefined) => !!p && p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height && (p.x === r.x || p.x === r.x + r.width || p.y === r.y || p.y === r.y + r.height);
    expect(onOutline(a, points[0])).toBe(true);
    expect(onOutline(b, points.at(-1))).toBe(true);
    for (let i = 1; i < points.length; i++) expect(points[i]?.x === points[i - 1]?.x || points[i]?.y === points[i - 1]?.y).toBe(true);
  });

  it('gives parallel flows their own lanes and labels that overlap neither each other nor a component', () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'x' },
      components: [
        { id: 'C1', name: 'Browser', kind: 'external-entity' },
        { id: 'C2', name: 'Auth service', kind: 'process' },
        { id: 'C3', name: 'Sessions', kind: 'datastore' },
      ],
      flows: [
        { id: 'F1', from: 'C1', to: 'C2', label: 'login request' },
        { id: 'F2', from: 'C2', to: 'C1', label: 'session cookie' },
        { id: 'F3', from: 'C1', to: 'C2', label: 'logout' },
        { id: 'F4', from: 'C1', to: 'C3', label: 'read past the middle' },
      ],
      // C2 stands on the straight line from C1 to C3.
      layout: { positions: { C1: { x: 0, y: 0 }, C2: { x: 600, y: 0 }, C3: { x: 1200, y: 0 } } },
    };
    const rects = resolveRects(model);
    const { routes } = routeFlows(model, rects);
    expect(pathHits(routes.get('F4')?.points ?? [], rects.get('C2') as Rect)).toBe(false);
    const labels = [...routes.values()].map((r) => r.label);
    for (const [i, a] of labels.entries()) {
      for (const b of labels.slice(i + 1)) expect(overlap(a, b)).toBe(false);
      for (const id of ['C1', 'C2', 'C3']) expect(overlap(a, rects.get(id) as Rect)).toBe(false);
    }
    const middles = ['F1', 'F2', 'F3'].map((id) => JSON.stringify(routes.get(id)?.points));
    expect(new Set(middles).size).toBe(3);
  });

  it('uses the routes ELK made while the ends stay where ELK put them', async () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'x' },
      boundaries: [{ id: 'B1', name: 'Cloud' }],
      components: [
        { id: 'C1', name: 'Browser', kind: 'external-entity' },
        { id: 'C2', name: 'API', kind: 'process', boundary: 'B1' },
        { id: 'C3', name: 'DB', kind: 'datastore', boundary: 'B1' },
      ],
      flows: [
        { id: 'F1', from: 'C1', to: 'C2', label: 'request' },
        { id: 'F2', from: 'C2', to: 'C3', label: 'query' },
        { id: 'F3', from: 'C2', to: 'C3', label: 'write' },
      ],
    };
    const rects = resolveRects(model, await autoLayout(model, new ELK()));
    const { routes } = routeFlows(model, rects);
    // ELK's own route is drawn, starting where ELK made it start.
    const f1 = routes.get('F1')?.points ?? [];
    expect(f1).toEqual(elkRoute('F1', rects.get('C1') as Rect, rects.get('C2') as Rect)?.points);
    expect(f1.length).toBeGreaterThan(1);
    // Once C2 moves, F1 is routed again, from C1's outline to C2's new place.
    const moved = new Map(rects);
    const c2 = rects.get('C2') as Rect;
    moved.set('C2', { ...c2, x: c2.x + 500 });
    const again = routeFlows(model, moved).routes.get('F1')?.points ?? [];
    expect(again).not.toEqual(f1);
    expect(again.at(-1)?.x).toBeGreaterThanOrEqual(c2.x + 500);
    expect(new Set(['F2', 'F3'].map((id) => JSON.stringify(routes.get(id)?.points))).size).toBe(2);
    expect(overlap(routes.get('F2')?.label as Rect, routes.get('F3')?.label as Rect)).toBe(false);
  });

  it('draws a boundary that holds nothing and that flows cross (an imported curve) as a line across exactly those flows, round the element they share', () => {
    // Shaped like an import of a Threat Dragon diagram: the curves keep their extent, hold no
    // component, and the flows drawn across them list them in `crosses`.
    const model: Model = {
      threatwright: 1,
      system: { name: 'x' },
      boundaries: [{ id: 'B1', name: 'Internet edge' }, { id: 'B2', name: 'Database zone' }],
      components: [
        { id: 'C1', name: 'Browser', kind: 'external-entity' },
        { id: 'C2', name: 'Web app', kind: 'process' },
        { id: 'C3', name: 'Database', kind: 'datastore' },
      ],
      flows: [
        { id: 'F1', from: 'C1', to: 'C2', crosses: ['B1'] },
        { id: 'F2', from: 'C2', to: 'C3', label: 'query', crosses: ['B2'] },
        { id: 'F3', from: 'C3', to: 'C2', label: 'rows', crosses: ['B2'] },
      ],
      layout: { positions: { C1: { x: 0, y: 0 }, C2: { x: 0, y: 300 }, C3: { x: 500, y: 300 }, B1: { x: -50, y: 150, width: 300, height: 40 }, B2: { x: 430, y: 200, width: 40, height: 300 } } },
    };
    const rects = resolveRects(model);
    expect(rects.has('B1')).toBe(false);
    expect(rects.has('B2')).toBe(false);
    const { routes, lines } = routeFlows(model, rects);
    expect(lines.map((l) => l.id).sort()).toEqual(['B1', 'B2']);
    const cross = (p: { x: number; y: number }, q: { x: number; y: number }, r: { x: number; y: number }, t: { x: number; y: number }) => {
      const side = (a: typeof p, b: typeof p, c: typeof p) => Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
      return side(p, q, r) * side(p, q, t) <= 0 && side(r, t, p) * side(r, t, q) <= 0 && !(side(p, q, r) === 0 && side(p, q, t) === 0);
    };
    const crosses = (line: { x: number; y: number }[], path: { x: number; y: number }[]) => line.some((p, i) => i > 0 && path.some((q, j) => j > 0 && cross(line[i - 1] as typeof p, p, path[j - 1] as typeof q, q)));
    const b2 = lines.find((l) => l.id === 'B2')?.points ?? [];
    expect(crosses(b2, routes.get('F2')?.points ?? [])).toBe(true);
    expect(crosses(b2, routes.get('F3')?.points ?? [])).toBe(true);
    expect(crosses(b2, routes.get('F1')?.points ?? [])).toBe(false);
    const b1 = lines.find((l) => l.id === 'B1')?.points ?? [];
    expect(crosses(b1, routes.get('F1')?.points ?? [])).toBe(true);
    // Neither line runs through a component, and the names cover none.
    for (const l of lines) {
      for (const id of ['C1', 'C2', 'C3']) {
        expect(pathHits(l.points, rects.get(id) as Rect)).toBe(false);
        expect(overlap(l.name, rects.get(id) as Rect)).toBe(false);
      }
    }
  });

  it('rounds corners along the segments, so a segment a fraction of a pixel off the vertical is not drawn slanted', () => {
    const d = routePath([{ x: 0, y: 0 }, { x: 0.3, y: 100 }, { x: 100, y: 100 }]);
    // The corner starts 6 px before the bend, on the segment (x within a pixel of 0.3), not 6 px aside.
    const start = /L ([\d.-]+),([\d.-]+) Q/.exec(d);
    expect(Math.abs(Number(start?.[1]) - 0.3)).toBeLessThan(1);
    expect(Number(start?.[2])).toBeCloseTo(94, 0);
  });
});
