import { createAnalyzer, type Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { analyzeModel, bandOf, baselineGroups, filterRows, heatmap, isBaselineRow, packAnalysis, unpackAnalysis, worstBandByElement, type ThreatRow } from './analysis.js';

const model: Model = {
  threatwright: 1,
  system: { name: 'x' },
  boundaries: [{ id: 'B1', name: 'Internet', trust: 'untrusted' }, { id: 'B2', name: 'Cloud', trust: 'high' }],
  components: [
    { id: 'C1', name: 'Browser', kind: 'external-entity', type: 'browser', boundary: 'B1' },
    { id: 'C2', name: 'API', kind: 'process', type: 'api', boundary: 'B2' },
  ],
  flows: [{ id: 'F1', from: 'C1', to: 'C2' }],
  threats: [
    { id: 'T1', title: 'Manual one', likelihood: 5, impact: 5, elements: ['C2'] },
    { fingerprint: 'unencrypted-flow@F1', status: 'accepted', likelihood: 1, impact: 1 },
  ],
};

/** What rows say, as JSON: the engine's threats word their texts when first read. */
const plain = (rows: readonly unknown[]): unknown => JSON.parse(JSON.stringify(rows));

describe('analysis for the threats panel', () => {
  it('bands likelihood × impact like the CLI (16–25 critical, 9–15 high, 4–8 medium)', () => {
    expect([bandOf(4, 4), bandOf(3, 3), bandOf(2, 4), bandOf(1, 3)]).toEqual(['critical', 'high', 'medium', 'low']);
  });

  it('merges derived findings with the decisions recorded by fingerprint, and lists manual threats', () => {
    const { rows } = analyzeModel(model);
    const derived = rows.find((r) => r.key === 'unencrypted-flow@F1');
    expect(derived?.kind).toBe('derived');
    expect(derived?.status).toBe('accepted');
    expect([derived?.likelihood, derived?.impact, derived?.band]).toEqual([1, 1, 'low']);
    expect(rows[0]?.key).toBe('T1');
    expect(rows[0]?.band).toBe('critical');
  });

  it('filters by element, band and unresolved status', () => {
    const { rows } = analyzeModel(model);
    expect(filterRows(rows, { status: 'unresolved' }).some((r) => r.key === 'unencrypted-flow@F1')).toBe(false);
    expect(filterRows(rows, { element: 'F1' }).every((r) => r.elements.includes('F1'))).toBe(true);
    expect(filterRows(rows, { band: 'critical' }).map((r) => r.key)).toEqual(['T1']);
  });

  it('counts only open threats in the heatmap and in element badges', () => {
    const { rows } = analyzeModel(model);
    expect(heatmap(rows)[0]?.[4]).toBe(1);
    expect(heatmap(rows).flat().reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.status !== 'accepted' && !isBaselineRow(r)).length);
    expect(worstBandByElement(rows).get('C2')?.band).toBe('critical');
  });

  it('marks baseline entries, groups them per element, and leaves them out of the heatmap and the badges; findings stay in', () => {
    const { rows } = analyzeModel(model);
    const baseline = rows.filter(isBaselineRow);
    expect(baseline.length).toBeGreaterThan(0);
    expect(baseline.every((r) => r.threat.confidence === 'baseline' && r.elements[0] === 'C2')).toBe(true);
    expect(rows.find((r) => r.key === 'T1')?.confidence).toBe('confirmed');
    const groups = baselineGroups(rows, new Map([['C1', 0], ['C2', 1], ['F1', 2]]));
    expect(groups.map((g) => [g.element, g.flows, g.rows.length])).toEqual([['C2', ['F1'], baseline.length]]);
    // Only baseline entries on an element: it gets no badge and the heatmap counts nothing.
    const only: ThreatRow[] = baseline.map((r) => ({ ...r, elements: ['C9', ...r.elements.slice(1)] }));
    expect(worstBandByElement(only).has('C9')).toBe(false);
    expect(heatmap(only).flat().reduce((a, b) => a + b, 0)).toBe(0);
    expect(heatmap(rows).flat().reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.status !== 'accepted' && !isBaselineRow(r)).length);
  });

  it('crosses from the worker to the page and back unchanged, each threat read only when asked for', () => {
    const analysis = analyzeModel(model);
    // What postMessage does to the message.
    const packed = structuredClone(packAnalysis(analysis));
    expect(packed.rows.every((r) => typeof r.threat === 'string')).toBe(true);
    const back = unpackAnalysis(packed);
    // The engine's threats word their texts when first read (and write them in JSON): compare what they say.
    expect(plain(back.rows)).toEqual(plain(analysis.rows));
    expect(back.rows.map((r) => r.threat.facts.map((f) => f.text))).toEqual(analysis.rows.map((r) => r.threat.facts.map((f) => f.text)));
    expect(back.rows.map((r) => r.threat.message)).toEqual(analysis.rows.map((r) => r.threat.message));
    expect(back.rows[0]?.threat).toBe(back.rows[0]?.threat);
    expect([back.problems, back.millis, back.result]).toEqual([analysis.problems, analysis.millis, undefined]);
  });

  it('gives the same rows with the analyzer kept between edits as with a full run', () => {
    const analyzer = createAnalyzer();
    const rows = (m: Model) => plain(analyzeModel(m, analyzer).rows);
    const full = (m: Model) => plain(analyzeModel(m).rows);
    expect(rows(model)).toEqual(full(model));
    const edited: Model = { ...model, flows: [{ id: 'F1', from: 'C1', to: 'C2', encrypted: true }], components: [...(model.components ?? []), { id: 'C3', name: 'DB', kind: 'datastore', boundary: 'B2' }] };
    expect(rows(edited)).toEqual(full(edited));
    expect(rows(model)).toEqual(full(model));
  });
});
