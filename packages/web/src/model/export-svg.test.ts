import type { Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { diagramSvg, edgePoint, trustLevel } from './export-svg.js';
import { gridLayout, nodeWidth, rememberRoutes, resolveRects } from './layout.js';

describe('diagram SVG export', () => {
  it('escapes model text, so a name is never markup', () => {
    const model: Model = {
      threatwright: 1,
      system: { name: '<script>alert(1)</script>' },
      boundaries: [{ id: 'B1', name: '"><img src=x onerror=alert(1)>', trust: 'untrusted' }],
      components: [{ id: 'C1', name: 'A & B <b>', kind: 'process', boundary: 'B1' }, { id: 'C2', name: 'x', kind: 'datastore' }],
      flows: [{ id: 'F1', from: 'C1', to: 'C2', label: "it's </text><script>" }],
    };
    const svg = diagramSvg(model, resolveRects(model, gridLayout(model)));
    expect(svg).not.toMatch(/<script|<img|<b>/);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('A &amp; B &lt;b&gt;');
    expect(svg).toContain('it&apos;s &lt;/text&gt;');
  });

  it('maps trust to a level for colouring', () => {
    expect([trustLevel(0), trustLevel(30), trustLevel('medium'), trustLevel(80), trustLevel('trusted'), trustLevel(undefined)]).toEqual(['untrusted', 'low', 'medium', 'high', 'trusted', undefined]);
  });

  it('starts an edge where the line between two boxes leaves the first', () => {
    expect(edgePoint({ x: 0, y: 0, width: 100, height: 50 }, { x: 300, y: 0, width: 100, height: 50 })).toEqual([100, 25]);
  });
});

describe('the exported picture of parallel flows', () => {
  it('gives each label a box of its own, clear of the others and of the components', () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'x' },
      components: [{ id: 'C1', name: 'Browser', kind: 'external-entity' }, { id: 'C2', name: 'Auth service', kind: 'process' }],
      flows: [
        { id: 'F1', from: 'C1', to: 'C2', label: 'login request' },
        { id: 'F2', from: 'C2', to: 'C1', label: 'session cookie' },
        { id: 'F3', from: 'C1', to: 'C2', label: 'logout' },
      ],
      layout: { positions: { C1: { x: 0, y: 0 }, C2: { x: 500, y: 0 } } },
    };
    const rects = resolveRects(model);
    const svg = diagramSvg(model, rects);
    const boxes = [...svg.matchAll(/<g><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="5"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }));
    expect(boxes).toHaveLength(3);
    const hit = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(hit(a, b)).toBe(false);
      for (const id of ['C1', 'C2']) expect(hit(a, rects.get(id) as { x: number; y: number; width: number; height: number })).toBe(false);
    }
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#475569"/g)).toHaveLength(3);
  });

  it('takes in flows routed round the outside of the diagram', () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'x' },
      components: [{ id: 'C1', name: 'A', kind: 'process' }, { id: 'C2', name: 'B', kind: 'process' }],
      flows: [{ id: 'F1', from: 'C2', to: 'C1' }],
    };
    // A route as ELK makes one for a flow back against the layout's direction: up and over, its
    // label lower down, at the middle of its length.
    const w = nodeWidth({ id: 'C1', name: 'A', kind: 'process' });
    rememberRoutes({ id: 'root', children: [{ id: 'C1', x: 0, y: 0, width: w, height: 72 }, { id: 'C2', x: 400, y: 0, width: w, height: 72 }], edges: [{ id: 'F1', sources: ['C2'], targets: ['C1'], sections: [{ id: 's', startPoint: { x: 400 + w / 2, y: 0 }, bendPoints: [{ x: 400 + w / 2, y: -300 }, { x: 350 + w / 2, y: -300 }, { x: 350 + w / 2, y: -20 }, { x: w / 2, y: -20 }], endPoint: { x: w / 2, y: 0 } }] }] }, model);
    const rects = resolveRects(model, { C1: { x: 0, y: 0 }, C2: { x: 400, y: 0 } });
    const svg = diagramSvg(model, rects);
    const [, minY] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? '').split(' ').map(Number) as [number, number];
    expect(svg).toContain(`,-300`);
    expect(minY).toBeLessThanOrEqual(-300);
  });
});
