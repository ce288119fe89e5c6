import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, type Model } from '@threatwright/core';
import { loadErrors } from '../../test/corpus.js';
import { cleanText, conformModel } from './conform.js';
import { ReportBuilder } from './report.js';

const base = (): Model => ({ threatwright: 1, system: { name: 'S' }, components: [{ id: 'C1', name: 'A', kind: 'process' }, { id: 'C2', name: 'B', kind: 'datastore' }] });

function conform(model: unknown) {
  const report = new ReportBuilder('otm');
  const out = conformModel(model as Model, report, 'x.json');
  return { ...out, report: report.build() };
}

describe('conformModel', () => {
  it('leaves a valid model as it is and reports nothing', () => {
    const r = conform(base());
    expect(r.model).toEqual(base());
    expect(r.report.adjusted).toEqual([]);
    expect(r.report.dropped).toEqual([]);
  });

  it('renames an id used twice, across sections too, and says so', () => {
    const m = base();
    m.components?.push({ id: 'C1', name: 'Again', kind: 'process' });
    m.assets = [{ id: 'C2', name: 'Data' }];
    const r = conform(m);
    expect(r.model?.components?.map((c) => c.id)).toEqual(['C1', 'C2', 'C1_2']);
    expect(r.model?.assets?.[0]?.id).toBe('C2_2');
    expect(r.report.adjusted.map((n) => n.subject)).toEqual(['component C1', 'asset C2']);
    expect(loadErrors(r.model as Model)).toEqual([]);
  });

  it('fills blank names from the id and removes control characters from text and keys', () => {
    const m = base();
    m.components = [{ id: 'C1', name: ' \t ', kind: 'process', properties: { 'k\u0000ey': 'v\u001b[31m', ok: 'a\ud800b' } }];
    const r = conform(m);
    expect(r.model?.components?.[0]).toMatchObject({ name: 'C1', properties: { key: 'v[31m', ok: 'a\ufffdb' } });
    expect(loadErrors(r.model as Model)).toEqual([]);
  });

  it('removes what the schema or the loader refuses, item by item, and reports it', () => {
    const m = base() as Model & { flows: unknown[] };
    m.flows = [{ id: 'F1', from: 'C1', to: 'C9' }, { id: 'F2', from: 'C1', to: 'C2', bogus: 1 }, { id: 'F3', from: 'C1', to: 'C2' }];
    m.threats = [{ id: 'T1', title: 't', elements: ['C1', 'C404'] }];
    const r = conform(m);
    expect(r.issues).toEqual([]);
    expect(loadErrors(r.model as Model)).toEqual([]);
    expect(r.model?.flows?.map((f) => f.id)).toEqual(['F2', 'F3']);
    expect(r.model?.threats?.[0]?.elements).toEqual(['C1']);
    expect(r.report.dropped.length).toBeGreaterThanOrEqual(3);
  });

  it('cuts what lies deeper than the loader accepts', () => {
    let node: Record<string, unknown> = { id: 'N0', title: 'leaf' };
    for (let i = 1; i < MAX_NESTING_DEPTH + 20; i++) node = { id: `N${i}`, title: 'x', or: [node] };
    const m = { ...base(), attack_trees: [{ id: 'AT1', goal: 'deep', root: node }] };
    const r = conform(m);
    expect(r.report.dropped.some((n) => n.detail.includes(`nested more than ${MAX_NESTING_DEPTH} levels`))).toBe(true);
    expect(r.model?.attack_trees?.[0]?.id).toBe('AT1');
    expect(loadErrors(r.model as Model)).toEqual([]);
  });

  it('cleanText keeps tabs, line breaks and paired surrogates', () => {
    expect(cleanText('a\tb\nc\r\n😀')).toBe('a\tb\nc\r\n😀');
    expect(cleanText('\u0000\u007f\u0085\ufffe')).toBe('');
  });
});
