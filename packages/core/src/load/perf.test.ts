import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel } from './index.js';

/** A generated model: n components in one boundary, a chain of n-1 flows, one asset. */
function generated(n: number, mistakeAt?: number): string {
  const out = ['threatwright: 1', 'system: { name: Generated }', 'boundaries:', '  - { id: B1, name: Zone }', 'assets:', '  - { id: A1, name: Data, classification: internal }', 'components:'];
  for (let i = 1; i <= n; i++) out.push(`  - id: C${i}`, `    name: Component ${i}`, `    kind: ${i % 3 === 0 ? 'datastore' : 'process'}`, '    type: api', '    boundary: B1', '    tags: [generated]', '    assets: { processed: [A1] }');
  out.push('flows:');
  for (let i = 1; i < n; i++) out.push(`  - { id: F${i}, from: C${i}, to: C${i === mistakeAt ? 'X' : i + 1}, data: [A1], protocol: https, encrypted: true }`);
  return `${out.join('\n')}\n`;
}

describe('loading speed', () => {
  it('loads a 10 000-component model (parse, schema and checks) in well under a second of CPU', () => {
    const text = generated(10_000);
    loadModel({ file: 'warm-up.yaml', text: generated(100) });
    const t0 = performance.now();
    const r = loadModel({ file: 'big.yaml', text });
    const ms = performance.now() - t0;
    expect(r.issues).toEqual([]);
    expect(r.model?.components).toHaveLength(10_000);
    // About 0.2 s on an idle machine; the bound leaves room for a busy CI runner and still catches
    // anything quadratic (which would take minutes at this size).
    expect(ms).toBeLessThan(5000);
  });

  it('locates the one mistake in a large model', () => {
    const r = loadModel({ file: 'big.yaml', text: generated(2000, 1500) });
    expect(r.issues.map((i) => `${i.subject ?? ''} ${i.location?.line ?? 0}:${i.location?.column ?? 0}`)).toEqual(['F1500 15508:35']);
  });

  it('loads the complete fixture cleanly, schema comment line included', () => {
    const text = readFileSync(new URL('../../test/fixtures/valid/complete.yaml', import.meta.url), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
    const r = loadModel({ file: 'complete.yaml', text }, { now: new Date('2025-05-01T00:00:00Z') });
    expect(r.issues).toEqual([]);
    expect(r.model?.attack_trees?.[0]?.root.or?.[1]?.and).toHaveLength(2);
  });
});
