import type { Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { diagramSvg, edgePoint, trustLevel } from './export-svg.js';
import { gridLayout, resolveRects } from './layout.js';

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
