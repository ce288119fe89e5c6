import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { countsOf, deriveHistory, HISTORY_FORMAT_VERSION, revisionRecord, standingOn, textHash, type RevisionInput, type RevisionRecord, type ThreatStamp } from './index.js';

const threat = (id: string, over: Partial<ThreatStamp> = {}): ThreatStamp => ({ id, title: id, band: 'high', standing: 'open', status: 'open', baseline: false, ...over });
const record = (threats: ThreatStamp[], elements: RevisionRecord['elements'] = []): RevisionRecord => ({ version: HISTORY_FORMAT_VERSION, elements, threats, mitigations: [] });
let n = 0;
const rev = (date: string, state: RevisionInput['state']): RevisionInput => ({ commit: `c${String(++n)}`.padEnd(40, '0'), date, author: 'Dev', subject: `s${String(n)}`, path: 'threatmodel.yaml', state });
const valid = (date: string, threats: ThreatStamp[], elements?: RevisionRecord['elements']) => rev(date, { kind: 'valid', record: record(threats, elements) });

describe('deriveHistory', () => {
  it('gives an empty history for no revisions, and for revisions that are all invalid', () => {
    expect(deriveHistory([], { until: new Date('2026-01-10T00:00:00Z') })).toMatchObject({ revisions: [], days: [], threats: [], skipped: 0, triage: { triaged: 0, meanDays: null, waiting: 0 } });
    const h = deriveHistory([rev('2026-01-01T00:00:00Z', { kind: 'invalid', errors: 2, first: 'x.yaml:1:1: bad' })], { until: new Date('2026-01-10T00:00:00Z') });
    expect(h.revisions[0]).toMatchObject({ state: 'invalid', problem: '2 errors: x.yaml:1:1: bad' });
    expect(h.days).toEqual([]);
    expect(h.mttr.every((m) => m.meanDays === null && m.stillOpen === 0)).toBe(true);
  });

  it('starts a new open interval when a mitigated threat opens again, and keeps the highest band of each interval', () => {
    const h = deriveHistory(
      [
        valid('2026-01-01T00:00:00Z', [threat('t', { band: 'medium' })]),
        valid('2026-01-03T00:00:00Z', [threat('t', { band: 'critical' })]),
        valid('2026-01-05T00:00:00Z', [threat('t', { band: 'low', standing: 'mitigated', status: 'mitigated' })]),
        valid('2026-01-09T00:00:00Z', [threat('t', { band: 'low' })]),
        valid('2026-01-10T00:00:00Z', []),
      ],
      { until: new Date('2026-01-20T00:00:00Z') },
    );
    const t = h.threats[0];
    expect(t?.intervals.map((i) => [i.band, i.days, i.closure])).toEqual([
      ['critical', 4, 'mitigated'],
      ['low', 1, 'gone'],
    ]);
    expect(h.mttr.find((m) => m.band === 'critical')).toMatchObject({ remediated: 1, meanDays: 4 });
    expect(h.mttr.find((m) => m.band === 'low')).toMatchObject({ remediated: 1, meanDays: 1 });
    expect(t?.triaged).toBe('2026-01-05T00:00:00Z');
  });

  it('leaves baseline entries out of remediation and triage, and counts them apart', () => {
    const h = deriveHistory([valid('2026-01-01T00:00:00Z', [threat('q', { baseline: true, band: 'medium' }), threat('t')])], { until: new Date('2026-01-02T00:00:00Z') });
    expect(h.threats.map((t) => t.id)).toEqual(['t']);
    expect(h.revisions[0]?.counts).toMatchObject({ baseline: 1, open: { high: 1, medium: 0, total: 1 } });
  });

  it('skips an invalid revision in the trends: the day keeps the last valid state, and the next is compared with that one', () => {
    const h = deriveHistory(
      [valid('2026-01-01T00:00:00Z', [threat('a')]), rev('2026-01-02T00:00:00Z', { kind: 'invalid', errors: 1, first: 'bad' }), rev('2026-01-03T00:00:00Z', { kind: 'missing' }), valid('2026-01-04T00:00:00Z', [threat('a'), threat('b')])],
      { until: new Date('2026-01-04T12:00:00Z') },
    );
    expect(h.skipped).toBe(2);
    expect(h.days.map((d) => d.counts.open.total)).toEqual([1, 1, 1, 2]);
    expect(h.revisions[3]?.changes?.threats.new).toBe(1);
  });

  it('lists elements added, removed, changed and renamed between records by hash', () => {
    const h = deriveHistory(
      [
        valid('2026-01-01T00:00:00Z', [], [{ list: 'components', id: 'C1', name: 'Web', hash: 'a' }, { list: 'components', id: 'C2', name: 'DB', hash: 'b' }]),
        valid('2026-01-02T00:00:00Z', [], [{ list: 'components', id: 'C1', name: 'Storefront', hash: 'c' }, { list: 'flows', id: 'F1', name: 'F1', hash: 'd' }]),
      ],
      { until: new Date('2026-01-03T00:00:00Z') },
    );
    expect(h.revisions[1]?.changes?.elements).toEqual([
      { list: 'components', id: 'C1', name: 'Storefront', change: 'changed', renamedFrom: 'Web' },
      { list: 'flows', id: 'F1', name: 'F1', change: 'added' },
      { list: 'components', id: 'C2', name: 'DB', change: 'removed' },
    ]);
  });
});

describe('countsOf and standingOn', () => {
  it('counts a decision as open again from its expiry day, and a mitigation overdue the day after its due date', () => {
    const accepted = threat('t', { standing: 'accepted', status: 'accepted', until: '2026-02-01' });
    expect(standingOn(accepted, '2026-01-31')).toBe('accepted');
    expect(standingOn(accepted, '2026-02-01')).toBe('open');
    // A mitigated threat never expires.
    expect(standingOn(threat('m', { standing: 'mitigated', until: '2026-01-01' }), '2026-03-01')).toBe('mitigated');
    const r: RevisionRecord = { ...record([accepted]), mitigations: [{ id: 'M1', title: 'x', status: 'planned', due: '2026-02-01', implemented: false }, { id: 'M2', title: 'y', status: 'verified', due: '2026-01-01', implemented: true }] };
    expect(countsOf(r, '2026-02-01')).toMatchObject({ expired: 1, accepted: 0, overdue: 0, mitigations: { planned: 1, verified: 1 } });
    expect(countsOf(r, '2026-02-02')).toMatchObject({ overdue: 1 });
  });

  it('hashes text stably and tells different texts apart', () => {
    expect(textHash('{"id":"C1"}')).toBe(textHash('{"id":"C1"}'));
    expect(textHash('{"id":"C1"}')).not.toBe(textHash('{"id":"C2"}'));
    expect(textHash('')).toMatch(/^[0-9a-f]{14}$/u);
  });
});

describe('revisionRecord names', () => {
  it('names an element by its name, title or goal, never by its description, so editing a description is no rename', () => {
    const model = (description: string) => ({ threatwright: 1 as const, system: { name: 'S' }, components: [{ id: 'C1', name: 'Web', kind: 'process' as const }, { id: 'C2', name: 'DB', kind: 'datastore' as const }], flows: [{ id: 'F1', from: 'C1', to: 'C2', description }] });
    const before = revisionRecord(model('old words'), analyze(model('old words')));
    const after = revisionRecord(model('new words'), analyze(model('new words')));
    expect(before.elements.find((e) => e.id === 'F1')?.name).toBe('F1');
    const h = deriveHistory([rev('2026-01-01T00:00:00Z', { kind: 'valid', record: before }), rev('2026-01-02T00:00:00Z', { kind: 'valid', record: after })], { until: new Date('2026-01-03T00:00:00Z') });
    expect(h.revisions[1]?.changes?.elements).toEqual([{ list: 'flows', id: 'F1', name: 'F1', change: 'changed' }]);
  });
});
