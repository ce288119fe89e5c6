import { readFileSync } from 'node:fs';
import { analyze, BANDS, compareRisk, evaluateGate, createAnalyzer, loadModel, ratingText, type Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { analyzeModel, baselineGroups, filterRows, heatmap, isBaselineRow, isOpenRow, OPEN_FILTER, packAnalysis, unpackAnalysis, worstBandByElement, type ThreatRow } from './analysis.js';

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
    // Accepted, but without who, why and until when: not in force, so still open (as `check` says).
    { fingerprint: 'unencrypted-flow@F1', status: 'accepted', likelihood: 1, impact: 1 },
  ],
};

/** The same model with the acceptance in force. */
const accepted: Model = {
  ...model,
  threats: [
    { id: 'T1', title: 'Manual one', likelihood: 5, impact: 5, elements: ['C2'] },
    { fingerprint: 'unencrypted-flow@F1', status: 'accepted', likelihood: 1, impact: 1, accepted_by: 'ciso@example.com', justification: 'internal only', expires: '2999-01-01' },
  ],
};

/** What rows say, as JSON: the engine's threats word their texts when first read. */
const plain = (rows: readonly unknown[]): unknown => JSON.parse(JSON.stringify(rows));
const total = (grid: number[][]): number => grid.flat().reduce((a, b) => a + b, 0);

describe('analysis for the threats panel', () => {
  it('merges derived findings with the decisions recorded by fingerprint, and lists manual threats, highest risk first', () => {
    const { rows } = analyzeModel(model);
    const derived = rows.find((r) => r.key === 'unencrypted-flow@F1');
    expect(derived?.kind).toBe('derived');
    expect(derived?.status).toBe('accepted');
    expect([derived?.likelihood, derived?.impact, derived?.band, derived?.rating]).toEqual([1, 1, 'low', 'P3 low 1×1']);
    expect(rows[0]?.key).toBe('T1');
    expect([rows[0]?.band, rows[0]?.rating, rows[0]?.standing]).toEqual(['critical', 'P0 critical 5×5', 'open']);
  });

  it('counts an acceptance as open until it says who accepted it, why and until when, as the command line does', () => {
    const open = analyzeModel(model);
    const row = open.rows.find((r) => r.key === 'unencrypted-flow@F1');
    expect([row?.status, row?.standing]).toEqual(['accepted', 'open']);
    expect(row?.reason).toContain('not in force');
    expect(filterRows(open.rows, OPEN_FILTER).some((r) => r.key === 'unencrypted-flow@F1')).toBe(true);
    expect(worstBandByElement(open.rows).get('F1')?.count).toBe(1);

    const decided = analyzeModel(accepted);
    const now = decided.rows.find((r) => r.key === 'unencrypted-flow@F1');
    expect(now?.standing).toBe('accepted');
    expect(filterRows(decided.rows, OPEN_FILTER).some((r) => r.key === 'unencrypted-flow@F1')).toBe(false);
    expect(filterRows(decided.rows, { standing: 'accepted' }).map((r) => r.key)).toEqual(['unencrypted-flow@F1']);
    expect(decided.posture.open.total).toBe(open.posture.open.total - 1);
    expect(decided.posture.accepted).toBe(1);
  });

  it('filters by element, band, standing and status', () => {
    const { rows } = analyzeModel(accepted);
    expect(filterRows(rows, { element: 'F1' }).every((r) => r.elements.includes('F1'))).toBe(true);
    expect(filterRows(rows, { band: 'critical' }).map((r) => r.key)).toEqual(['T1']);
    expect(filterRows(rows, { status: 'accepted' }).map((r) => r.key)).toEqual(['unencrypted-flow@F1']);
    expect(filterRows(rows, OPEN_FILTER).every(isOpenRow)).toBe(true);
  });

  it('counts only open threats in the heatmap and in element badges', () => {
    const { rows, posture } = analyzeModel(accepted);
    const map = heatmap(rows);
    expect(map.grid[0]?.[4]).toBe(1);
    expect(total(map.grid)).toBe(posture.open.total);
    expect(total(heatmap(rows, true).grid)).toBe(rows.filter((r) => !isBaselineRow(r)).length);
    expect(worstBandByElement(rows).get('C2')?.band).toBe('critical');
    expect(worstBandByElement(rows).has('F1')).toBe(false);
  });

  it('shows an unrated threat as unrated everywhere: no guessed likelihood, last in the list, apart on the heatmap, its own filter', () => {
    // An imported threat with a severity (an impact) and no likelihood, as Threat Dragon's "High" comes in.
    const imported: Model = { ...accepted, threats: [...(accepted.threats ?? []), { id: 'T2', title: 'Imported from Threat Dragon', impact: 4, elements: ['C1'] }] };
    const { rows, posture, result } = analyzeModel(imported);
    const row = rows.find((r) => r.key === 'T2');
    expect([row?.band, row?.likelihood, row?.impact, row?.rating, row?.standing]).toEqual([undefined, undefined, undefined, 'unrated', 'open']);
    expect(rows.at(-1)?.key).toBe('T2');
    expect(posture.open.unrated).toBe(1);
    expect(result?.counts.unrated).toBe(1);
    expect(filterRows(rows, { band: 'unrated' }).map((r) => r.key)).toEqual(['T2']);
    const map = heatmap(rows);
    expect(map.unrated).toBe(1);
    expect(total(map.grid) + map.unrated + map.offGrid).toBe(posture.open.total);
    expect(worstBandByElement(rows).get('C1')).toEqual({ band: 'unrated', count: 1, unrated: 1 });
  });

  it('keeps threats scored by CVSS off the likelihood × impact grid, counted beside it', () => {
    const cvss: Model = { ...accepted, risk: { method: 'cvss' }, threats: [...(accepted.threats ?? []), { id: 'T3', title: 'Scored by CVSS', cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', elements: ['C2'] }] };
    const { rows, posture } = analyzeModel(cvss);
    const row = rows.find((r) => r.key === 'T3');
    expect([row?.band, row?.rating, row?.likelihood]).toEqual(['critical', 'P0 critical CVSS 9.8', undefined]);
    const map = heatmap(rows);
    expect(map.offGrid).toBe(1);
    expect(total(map.grid) + map.unrated + map.offGrid).toBe(posture.open.total);
  });

  it("bands the heatmap's cells with the model's own method and bands", () => {
    expect(analyzeModel(model).cells.map((r) => r.join(' '))).toEqual([
      'medium high high critical critical',
      'medium medium high critical critical',
      'low medium high high high',
      'low medium medium medium high',
      'low low low medium medium',
    ]);
    const matrix = analyzeModel({ ...model, risk: { method: 'matrix' } }).cells;
    // Likelihood 5 (high) × impact 5 (high) is critical in the default 3 × 3 matrix; 1 × 1 is low.
    expect([matrix[0]?.[4], matrix[4]?.[0], matrix[2]?.[2]]).toEqual(['critical', 'low', 'medium']);
  });

  it('marks baseline entries, groups them per element, and leaves them out of the heatmap and the badges; findings stay in', () => {
    const { rows } = analyzeModel(accepted);
    const baseline = rows.filter(isBaselineRow);
    expect(baseline.length).toBeGreaterThan(0);
    expect(baseline.every((r) => r.threat.confidence === 'baseline' && r.elements[0] === 'C2')).toBe(true);
    expect(rows.find((r) => r.key === 'T1')?.confidence).toBe('confirmed');
    const groups = baselineGroups(rows, new Map([['C1', 0], ['C2', 1], ['F1', 2]]));
    expect(groups.map((g) => [g.element, g.flows, g.rows.length])).toEqual([['C2', ['F1'], baseline.length]]);
    // Only baseline entries on an element: it gets no badge and the heatmap counts nothing.
    const only: ThreatRow[] = baseline.map((r) => ({ ...r, elements: ['C9', ...r.elements.slice(1)] }));
    expect(worstBandByElement(only).has('C9')).toBe(false);
    expect(total(heatmap(only).grid)).toBe(0);
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
    expect([back.posture, back.counts, back.cells]).toEqual([analysis.posture, analysis.counts, analysis.cells]);
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

describe('the editor says what the command line says, for every example', () => {
  const examples = ['web-login', 'blog', 'payments-api'];
  const load = (name: string): Model => {
    const file = new URL(`../../../../examples/${name}/threatmodel.yaml`, import.meta.url);
    const { model: m, issues } = loadModel({ file: `examples/${name}/threatmodel.yaml`, text: readFileSync(file, 'utf8') });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    return m as Model;
  };

  it.each(examples)('%s: every count per band is core’s posture, and the rows come in core’s order with its ratings', (name) => {
    const m = load(name);
    const now = new Date();
    const analysis = analyzeModel(m);
    // What `threatwright analyze` and `check` print from.
    const core = analyze(m, { now });
    expect(analysis.posture).toEqual(core.risk.posture);
    expect(analysis.counts).toMatchObject({ threats: core.counts.threats, derived: core.counts.derived, manual: core.counts.manual });
    expect(analysis.counts.questions + analysis.counts.baselineQuestions).toBe(core.counts.questions);

    // What the list shows with the filter it opens with, counted per band, is what the tab and the status bar say.
    const listed = filterRows(analysis.rows, OPEN_FILTER);
    const threats = listed.filter((r) => !isBaselineRow(r));
    for (const b of BANDS) expect(threats.filter((r) => r.band === b).length, `${name} ${b}`).toBe(core.risk.posture.open[b]);
    expect(threats.filter((r) => r.band === undefined).length).toBe(core.risk.posture.open.unrated);
    expect(threats.length).toBe(core.counts.open);
    expect(listed.length - threats.length).toBe(core.counts.baseline);
    expect(analysis.rows.filter((r) => !isBaselineRow(r)).length).toBe(core.counts.threats);
    // The heatmap places or counts beside it every open threat.
    const map = heatmap(analysis.rows);
    expect(total(map.grid) + map.unrated + map.offGrid).toBe(core.risk.posture.open.total);

    // The order: core's compareRisk on the residual risk, as the terminal summary ranks.
    const expected = core.threats
      .map((t, i) => ({ t, a: core.risk.threats[i] }))
      .map(({ t, a }) => ({ id: t.id, band: a?.band, confidence: t.confidence, score: a?.risk.residual?.value, impact: a?.risk.residual?.impact, rating: a ? ratingText(a) : '' }))
      .sort(compareRisk);
    expect(analysis.rows.map((r) => r.key)).toEqual(expected.map((e) => e.id));
    expect(analysis.rows.map((r) => r.rating)).toEqual(expected.map((e) => e.rating));
  });

  it('carries what `check` reports: core\'s gate items, the analysis\'s notes and each mitigation\'s state, through the worker too', () => {
    const m: Model = {
      ...model,
      mitigations: [{ id: 'R1', title: 'Rate limit', status: 'in-progress', due: '2000-01-01', threats: ['T1'] }],
    };
    const now = new Date();
    const a = analyzeModel(m);
    const core = analyze(m, { now });
    expect(a.gate).toEqual(evaluateGate(core.risk, 'low', { unrated: 'fail' }).items);
    expect(a.gate.some((i) => i.kind === 'overdue-mitigation' && i.subject === 'R1')).toBe(true);
    expect(a.issues.map((i) => i.code)).toContain('acceptance-incomplete');
    expect(a.mitigations.find((x) => x.id === 'R1')).toMatchObject({ overdue: true, threats: ['T1'] });
    const back = unpackAnalysis(JSON.parse(JSON.stringify(packAnalysis(a))) as ReturnType<typeof packAnalysis>);
    expect(back.gate).toEqual(a.gate);
    expect(back.issues).toEqual(a.issues);
    expect(back.mitigations).toEqual(a.mitigations);
  });

  it('scores with the test evidence `threatwright verify` saved, as `check` does: a failed test takes its mitigation out of residual risk', () => {
    const m: Model = {
      ...model,
      mitigations: [{ id: 'R1', title: 'WAF', status: 'implemented', owner: 'ops', reduces: { likelihood: 3 }, threats: ['T1'], verification: { test: 'waf_blocks' } }],
    };
    const record = { version: 1 as const, checked_at: '2026-11-20T10:00:00.000Z', sources: ['results.xml'], mitigations: [{ mitigation: 'R1', state: 'failed' as const, tests: [{ test: 'waf_blocks', outcome: 'failed' as const, message: 'got 200' }], summary: 'waf_blocks failed: got 200' }] };
    const without = analyzeModel(m);
    const withRecord = analyzeModel(m, undefined, record);
    const t1 = (a: ReturnType<typeof analyzeModel>) => a.rows.find((r) => r.key === 'T1');
    expect(t1(without)?.likelihood).toBe(2);
    expect(t1(withRecord)?.likelihood).toBe(5);
    const core = analyze(m, { now: new Date(), verification: record.mitigations });
    expect(withRecord.posture).toEqual(core.risk.posture);
    expect(withRecord.mitigations[0]).toMatchObject({ verification: 'failed', verificationSummary: 'waf_blocks failed: got 200' });
    expect(withRecord.issues.map((i) => i.code)).toContain('mitigation-test-failed');
    // An entry for tests the mitigation no longer names is stale, and ignored.
    const renamed: Model = { ...m, mitigations: [{ ...(m.mitigations?.[0] ?? { id: 'R1', title: 'WAF' }), verification: { test: 'waf_blocks_sqli' } }] };
    expect(t1(analyzeModel(renamed, undefined, record))?.likelihood).toBe(2);
  });
});
