import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { ModelSchema } from '../model/schema.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const model = (risk?: unknown) =>
  ModelSchema.parse({
    threatwright: 1,
    system: { name: 'Seam' },
    ...(risk !== undefined ? { risk } : {}),
    threats: [
      { id: 'T1', title: 'a', likelihood: 4, impact: 4, mitigations: ['R1'] },
      { id: 'T2', title: 'b', likelihood: 3, impact: 3 },
    ],
    mitigations: [{ id: 'R1', title: 'm', status: 'implemented', reduces: { likelihood: 1 } }],
    attack_trees: [{ id: 'AT1', goal: 'g', root: { title: 'leaf', cost: 1, threats: ['T1'] } }],
  });

describe('analyze runs the risk assessment after the triage merge', () => {
  it('counts open threats by residual band with the default bands', () => {
    const r = analyze(model(), { now: NOW });
    // T1: 4 × 4 = 16 Critical, 3 × 4 = 12 High after R1; T2: 9 High.
    expect(r.risk.threats.map((t) => [t.id, t.risk.inherent?.band, t.band])).toEqual([
      ['T1', 'critical', 'high'],
      ['T2', 'high', 'high'],
    ]);
    expect(r.counts.byBand).toEqual({ critical: 0, high: 2, medium: 0, low: 0 });
    // The leaf's threat has an implemented mitigation, so the goal is mitigated.
    expect(r.attackTrees[0]).toMatchObject({ status: 'mitigated' });
  });

  it('follows the model\'s own method and bands', () => {
    expect(analyze(model({ method: 'matrix' }), { now: NOW }).counts.byBand).toEqual({ critical: 0, high: 1, medium: 1, low: 0 });
    expect(analyze(model({ bands: { critical: 20, high: 12, medium: 6 } }), { now: NOW }).counts.byBand).toEqual({ critical: 0, high: 1, medium: 1, low: 0 });
  });

  it('takes test evidence into account', () => {
    const r = analyze(model(), { now: NOW, verification: [{ mitigation: 'R1', state: 'failed', tests: [], summary: 'x failed' }] });
    expect(r.risk.threats[0]?.band).toBe('critical');
    expect(r.issues.map((i) => i.code)).toContain('mitigation-test-failed');
    expect(r.attackTrees[0]).toMatchObject({ status: 'planned' });
  });
});
