/**
 * Exports carry the derived threats, with the decisions about them and their residual bands, and
 * importing an export back keeps those decisions on the same findings: never a manual threat more.
 */
import { describe, expect, it } from 'vitest';
import { analyze, bandLabel, loadModel, type AnalysisResult, type Model } from '@threatwright/core';
import { exampleModels, loadErrors } from '../../test/corpus.js';
import { importOtm } from '../importers/otm/index.js';
import { importer as threatComposerImporter } from '../importers/threat-composer/index.js';
import { importThreatDragon } from '../importers/threat-dragon/index.js';
import { digest } from '../shared/threat-dragon.js';
import type { ExportOptions, ImportResult } from '../types.js';
import { exporter as otm } from './otm/index.js';
import { exporter as threatComposer } from './threat-composer/index.js';
import { exporter as threatDragon } from './threat-dragon/index.js';

const NOW = new Date('2026-11-01');
const examples = exampleModels().map(({ name, text }) => {
  const model = loadModel({ file: `${name}.yaml`, text }).model;
  if (!model) throw new Error(`example ${name} does not load`);
  return [name, model] as const;
});

interface TdThreat {
  title: string;
  status: string;
  severity: string;
  type: string;
  description: string;
  mitigation: string;
  score: string;
  threatwright: Record<string, unknown> & { fingerprint?: string; id?: string; band?: string };
}
interface TdCell {
  data: { name?: string; threats?: TdThreat[] };
}
interface TdDocument {
  detail: { diagrams: { cells: TdCell[] }[] };
}
const tdThreats = (doc: TdDocument): TdThreat[] => doc.detail.diagrams.flatMap((d) => d.cells.flatMap((c) => c.data.threats ?? []));
const fingerprinted = (doc: TdDocument) => new Map(tdThreats(doc).flatMap((t) => (t.threatwright.fingerprint !== undefined && t.threatwright.id === undefined ? [[t.threatwright.fingerprint, t] as const] : [])));

/** Each threat as what people count: manual or derived, confidence, residual band, status. */
function tally(a: AnalysisResult): string[] {
  return a.threats.map((t, i) => `${t.source === 'manual' ? `manual ${t.id}` : `derived ${t.id}`} ${t.confidence} ${a.risk.threats[i]?.band ?? 'unrated'} ${t.status}`).sort();
}

/** Decisions in a comparable order (a file lists threats by risk, the model in its own order). */
const byFingerprint = (list: Model['threats']) => [...(list ?? [])].sort((a, b) => (a.fingerprint ?? '').localeCompare(b.fingerprint ?? ''));

const options = (model: Model, more: ExportOptions = {}): ExportOptions => ({ analysis: analyze(model, { now: NOW }), ...more });

const ROUND_TRIPS: [string, (model: Model, o: ExportOptions) => Promise<ImportResult>][] = [
  ['Threat Dragon', async (model, o) => importThreatDragon((await threatDragon.export(model, o)).text, { fileName: 'x.json' })],
  ['OTM', async (model, o) => importOtm((await otm.export(model, o)).text, { fileName: 'x.otm.json' })],
];

describe('derived threats through Threat Dragon and OTM', () => {
  const cases = examples.flatMap(([name, model]) => ROUND_TRIPS.map(([format, trip]) => [name, format, model, trip] as const));
  it.skipIf(cases.length === 0).each(cases)('the %s example comes back from %s with every threat, band, status and decision', async (_name, _format, model, trip) => {
    const before = analyze(model, { now: NOW });
    const back = await trip(model, options(model));
    expect(back.issues).toEqual([]);
    if (!back.model) throw new Error('no model');
    expect(loadErrors(back.model)).toEqual([]);
    // Decisions come back as decisions, on the same fingerprints, field for field; no manual threat is added.
    expect(back.model.threats).toEqual(model.threats);
    const after = analyze(back.model, { now: NOW });
    expect(tally(after)).toEqual(tally(before));
    // The counts every output shows: by band, by status, derived and manual.
    expect(after.counts).toEqual(before.counts);
    expect(back.report.found['derived threats']).toBe(before.threats.filter((t) => t.source !== 'manual' && (t.confidence !== 'baseline' || t.decided || t.mitigations.length > 0)).length);
  });
});

describe('Threat Dragon export of derived threats', () => {
  const webLogin = examples.find(([name]) => name === 'web-login')?.[1];

  it.skipIf(!webLogin)('writes every derived threat but the undecided baseline entries on its cell, severity from the residual band, status from its decision', async () => {
    const model = webLogin as Model;
    const o = options(model);
    const analysis = o.analysis as AnalysisResult;
    const { text, report } = await threatDragon.export(model, o);
    const written = fingerprinted(JSON.parse(text) as TdDocument);
    const derived = analysis.threats.map((t, i) => ({ t, band: analysis.risk.threats[i]?.band })).filter(({ t }) => t.source !== 'manual');
    const baseline = derived.filter(({ t }) => t.confidence === 'baseline');
    expect(baseline.length).toBeGreaterThan(0);
    expect([...written.keys()].sort()).toEqual(derived.filter(({ t }) => t.confidence !== 'baseline').map(({ t }) => t.id).sort());
    for (const { t, band } of derived) {
      const td = written.get(t.id);
      if (t.confidence === 'baseline') {
        expect(td).toBeUndefined();
        continue;
      }
      expect(td?.title).toBe(t.title);
      expect(td?.severity).toBe(band ? bandLabel(band) : 'TBD');
      expect(td?.threatwright.band).toBe(band);
    }
    const csrf = written.get('csrf@C2');
    expect(csrf).toMatchObject({ status: 'Open', severity: 'Critical', type: 'Spoofing', score: '16' });
    expect(csrf?.description).toMatch(/^Another website can make/);
    expect(csrf?.description).toContain('Closes when: C2 csrf_protection: true.');
    expect(csrf?.description).toContain('Risk: P0 critical (likelihood 4 × impact 4 = 16)');
    expect(csrf?.description).toContain('fingerprint csrf@C2');
    expect(csrf?.mitigation).toMatch(/^Suggested by the rule:\n- Require an anti-CSRF token/);
    // A linked mitigation of the model is named instead of the rule's suggestion.
    expect(written.get('credential-stuffing@C3')?.mitigation).toContain('Rate-limit failed logins per IP and per account (R1, planned)');
    // Accepted and transferred have no Threat Dragon status: Open, the decision in the text and the extension.
    const accepted = written.get('no-deletion-path@C6');
    expect(accepted).toMatchObject({ status: 'Open', threatwright: { fingerprint: 'no-deletion-path@C6', status: 'accepted', accepted_by: 'Data protection officer (S4)', decided: true } });
    expect(accepted?.description).toContain('Decision: accepted (response: accept), accepted by Data protection officer (S4), until 2027-06-30');
    expect(report.dropped).toContainEqual({ subject: `${baseline.length} baseline entries`, detail: expect.stringContaining('use --include-baseline') as string });
    expect(report.found).toMatchObject({ 'derived threats': derived.length - baseline.length, 'baseline entries': baseline.length, threats: 5 });
    expect(report.created['threats']).toBe(written.size + 5);
  });

  it.skipIf(!webLogin)('writes the baseline entries too when asked, and still imports back into the same model', async () => {
    const model = webLogin as Model;
    const o = options(model, { includeBaseline: true });
    const { text, report } = await threatDragon.export(model, o);
    const written = fingerprinted(JSON.parse(text) as TdDocument);
    const baseline = (o.analysis as AnalysisResult).threats.filter((t) => t.confidence === 'baseline');
    for (const t of baseline) expect(written.get(t.id)?.threatwright.confidence).toBe('baseline');
    expect(written.get(baseline[0]?.id ?? '')?.description).toContain('Baseline entry: a question the model does not answer yet');
    expect(report.dropped.some((n) => n.subject.includes('baseline'))).toBe(false);
    expect(importThreatDragon(text, { fileName: 'x.json' }).model).toEqual(importThreatDragon((await threatDragon.export(model, options(model))).text, { fileName: 'x.json' }).model);
  });

  it('exports a baseline entry someone decided about, so the decision travels', async () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'Entry' },
      components: [
        { id: 'C1', name: 'User', kind: 'external-entity' },
        { id: 'C2', name: 'API', kind: 'process', type: 'api' },
      ],
      flows: [{ id: 'F1', from: 'C1', to: 'C2', protocol: 'https' }],
    };
    const entry = analyze(model, { now: NOW }).threats.find((t) => t.confidence === 'baseline');
    if (!entry) throw new Error('no baseline entry');
    const decided: Model = { ...model, threats: [{ fingerprint: entry.id, status: 'not-applicable', justification: 'internal tool' }] };
    const { text } = await threatDragon.export(decided, options(decided));
    const td = fingerprinted(JSON.parse(text) as TdDocument).get(entry.id);
    expect(td).toMatchObject({ status: 'NotApplicable', mitigation: 'internal tool' });
    expect(importThreatDragon(text, { fileName: 'x.json' }).model?.threats).toEqual(decided.threats);
  });

  it.skipIf(!webLogin)('turns what was decided in Threat Dragon into decisions on the same findings', async () => {
    const model = webLogin as Model;
    const { text } = await threatDragon.export(model, options(model));
    const doc = JSON.parse(text) as TdDocument & { detail: { threatwright: { derived: string[] } } };
    const byFp = fingerprinted(doc);
    const edit = (fp: string, change: Partial<TdThreat>) => {
      const t = byFp.get(fp);
      if (!t) throw new Error(`no ${fp}`);
      Object.assign(t, change);
    };
    // Dismissed with a reason (Threat Dragon asks for it in the mitigation field).
    edit('csrf@C2', { status: 'NotApplicable', mitigation: 'Only bearer tokens in headers, never cookies.' });
    // Marked mitigated, nothing else.
    edit('open-redirect@C2', { status: 'Mitigated' });
    // Rated lower in Threat Dragon.
    edit('session-fixation@C2', { severity: 'Low' });
    // Re-worded: not kept, and said so.
    edit('session-hijacking@C2', { title: 'Session theft' });
    // A reason while still open: not kept, and said so.
    edit('insecure-deserialization@C2', { mitigation: 'we will fix it' });
    // The accepted decision is re-opened.
    edit('no-deletion-path@C6', { status: 'Mitigated' });
    // Deleted.
    for (const cell of doc.detail.diagrams[0]?.cells ?? []) if (cell.data.threats) cell.data.threats = cell.data.threats.filter((t) => t.threatwright.fingerprint !== 'verbose-errors@C2');

    const back = importThreatDragon(JSON.stringify(doc), { fileName: 'x.json' });
    const decisions = (back.model?.threats ?? []).filter((t) => t.fingerprint !== undefined);
    const of = (fp: string) => decisions.find((t) => t.fingerprint === fp);
    expect(of('csrf@C2')).toEqual({ fingerprint: 'csrf@C2', status: 'not-applicable', justification: 'Only bearer tokens in headers, never cookies.' });
    expect(of('open-redirect@C2')).toEqual({ fingerprint: 'open-redirect@C2', status: 'mitigated' });
    expect(of('session-fixation@C2')).toEqual({ fingerprint: 'session-fixation@C2', impact: 2 });
    expect(of('session-hijacking@C2')).toBeUndefined();
    expect(of('insecure-deserialization@C2')).toBeUndefined();
    expect(of('no-deletion-path@C6')).toMatchObject({ status: 'mitigated', accepted_by: 'Data protection officer (S4)' });
    expect(of('excessive-collection@F14')).toEqual(model.threats?.find((t) => t.fingerprint === 'excessive-collection@F14'));
    expect(decisions).toHaveLength(5);
    const notes = [...back.report.dropped, ...back.report.adjusted].map((n) => `${n.subject}: ${n.detail}`);
    expect(notes).toContainEqual(expect.stringMatching(/^title of threat "Session theft" \(finding session-hijacking@C2\): edited in Threat Dragon, not kept/));
    expect(notes).toContainEqual(expect.stringMatching(/^mitigation text of .*insecure-deserialization@C2.*: edited in Threat Dragon, not kept/));
    expect(notes).toContainEqual(expect.stringMatching(/^finding verbose-errors@C2: deleted in Threat Dragon/));
    expect(back.report.mapped).toContainEqual({ subject: 'threat "Cross-site request forgery" (finding csrf@C2)', detail: expect.stringContaining('set in Threat Dragon: status not-applicable, justification from its mitigation text') as string });

    // The analysis of the imported model finds the same threats, with the decisions made in Threat Dragon.
    if (!back.model) throw new Error('no model');
    const before = analyze(model, { now: NOW });
    const after = analyze(back.model, { now: NOW });
    expect(after.threats.map((t) => t.id).sort()).toEqual(before.threats.map((t) => t.id).sort());
    expect(after.threats.find((t) => t.id === 'csrf@C2')).toMatchObject({ status: 'not-applicable', decided: true });
    expect(after.risk.threats.find((t) => t.id === 'csrf@C2')?.disposition).toBe('dismissed');
    expect(after.threats.find((t) => t.id === 'session-fixation@C2')?.impact).toBe(2);
  });

  it('keeps hostile model text as data: JSON-escaped, never markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>\u001b[31m"quoted"\nnext';
    const model: Model = {
      threatwright: 1,
      system: { name: 'Hostile' },
      components: [
        { id: 'C1', name: 'User', kind: 'external-entity' },
        { id: 'C2', name: hostile, kind: 'process', type: 'web-app', properties: { csrf_protection: false } },
      ],
      flows: [{ id: 'F1', from: 'C1', to: 'C2', protocol: 'https' }],
    };
    const { text } = await threatDragon.export(model, options(model));
    expect(text).not.toContain('\u001b');
    const threats = tdThreats(JSON.parse(text) as TdDocument);
    expect(threats.length).toBeGreaterThan(0);
    expect(threats.some((t) => t.description.includes(hostile))).toBe(true);
    expect(importThreatDragon(text, { fileName: 'x.json' }).model?.threats).toBeUndefined();
  });

  it('maps each band to the Threat Dragon severity of the same name, and an unrated threat to its impact or TBD', async () => {
    const at = (l: 1 | 2 | 3 | 4 | 5, i: 1 | 2 | 3 | 4 | 5) => ({ likelihood: l, impact: i });
    const model: Model = {
      threatwright: 1,
      system: { name: 'Bands' },
      components: [{ id: 'C1', name: 'A', kind: 'process' }],
      threats: [
        { id: 'T1', title: 'critical', elements: ['C1'], ...at(5, 5) },
        { id: 'T2', title: 'high', elements: ['C1'], ...at(3, 3) },
        { id: 'T3', title: 'medium', elements: ['C1'], ...at(2, 2) },
        { id: 'T4', title: 'low', elements: ['C1'], ...at(1, 1) },
        { id: 'T5', title: 'impact only', elements: ['C1'], impact: 4 },
        { id: 'T6', title: 'nothing', elements: ['C1'] },
      ],
    };
    const { text } = await threatDragon.export(model, options(model));
    const severities = Object.fromEntries(tdThreats(JSON.parse(text) as TdDocument).map((t) => [t.title, t.severity]));
    expect(severities).toEqual({ critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', 'impact only': 'High', nothing: 'TBD' });
    expect(importThreatDragon(text, { fileName: 'x.json' }).model?.threats).toEqual(model.threats);
  });

  it('tells edited texts from written ones by a digest of what it wrote', () => {
    expect(digest('abc')).toMatch(/^[0-9a-f]{8}$/);
    expect(digest('abc')).not.toBe(digest('abd'));
  });
});

describe('OTM and Threat Composer: a status changed in the other tool becomes a decision', () => {
  const model: Model = {
    threatwright: 1,
    system: { name: 'Clear text' },
    components: [
      { id: 'C1', name: 'Shop', kind: 'process', boundary: 'B1', type: 'api' },
      { id: 'C2', name: 'Bank', kind: 'external-entity', boundary: 'B2' },
    ],
    boundaries: [
      { id: 'B1', name: 'Ours', trust: 'high' },
      { id: 'B2', name: 'Theirs', trust: 'low' },
    ],
    flows: [
      { id: 'F1', from: 'C1', to: 'C2', encrypted: false, authenticated: false },
      { id: 'F2', from: 'C2', to: 'C1', encrypted: false, authenticated: false },
    ],
    threats: [{ fingerprint: 'unencrypted-flow@F1', status: 'transferred', transfer_to: 'The bank', response: 'transfer', owner: 'Ops' }],
  };
  const derived = analyze(model, { now: NOW }).threats.filter((t) => t.source !== 'manual' && t.confidence !== 'baseline' && t.id !== 'unencrypted-flow@F1');

  it.each(ROUND_TRIPS)('%s keeps the model\'s order of decisions and manual threats', async (_format, trip) => {
    const mixed: Model = { ...model, threats: [...(model.threats ?? []), { id: 'T1', title: 'Manual', elements: ['C1'] }, { fingerprint: 'spoofed-caller@F2', status: 'in-progress', ticket: 'SEC-1' }] };
    expect((await trip(mixed, options(mixed))).model?.threats).toEqual(mixed.threats);
  });

  it('OTM: the instances\' state', async () => {
    const doc = JSON.parse((await otm.export(model, options(model))).text) as { components: { threats?: { threat: string; state: string }[] }[]; dataflows: { threats?: { threat: string; state: string }[] }[]; threats: { id: string; attributes: { threatwright: Record<string, unknown> } }[] };
    expect(doc.threats.find((t) => t.id === 'unencrypted-flow@F1')?.attributes.threatwright).toMatchObject({ fingerprint: 'unencrypted-flow@F1', status: 'transferred', transfer_to: 'The bank', derived: true, decided: true });
    const other = derived[0];
    if (!other) throw new Error('no other finding');
    for (const item of [...doc.components, ...doc.dataflows]) for (const i of item.threats ?? []) if (i.threat === other.id) i.state = 'mitigated';
    const back = importOtm(JSON.stringify(doc), { fileName: 'x.otm.json' }).model;
    expect(byFingerprint(back?.threats)).toEqual(byFingerprint([...(model.threats ?? []), { fingerprint: other.id, status: 'mitigated' }]));
  });

  it('Threat Composer: the threat\'s status, the whole decision kept', async () => {
    const { text, report } = await threatComposer.export(model, options(model));
    const doc = JSON.parse(text) as { threats: { status: string; metadata: { key: string; value: unknown }[] }[] };
    const meta = (t: { metadata: { key: string; value: unknown }[] }, key: string) => t.metadata.find((m) => m.key === key)?.value;
    const finding = doc.threats.find((t) => meta(t, 'custom:threatwright-fingerprint') === 'unencrypted-flow@F1');
    expect(finding && meta(finding, 'custom:threatwright-band')).toMatch(/^(critical|high|medium|low)$/);
    const other = doc.threats.find((t) => meta(t, 'custom:threatwright-fingerprint') === derived[0]?.id);
    if (!other) throw new Error('no other finding');
    other.status = 'threatResolvedNotUseful';
    const back = threatComposerImporter.import(JSON.stringify(doc), { fileName: 'x.tc.json' }).model;
    expect(byFingerprint(back?.threats)).toEqual(byFingerprint([...(model.threats ?? []), { fingerprint: derived[0]?.id, status: 'not-applicable' }]));
    expect(report.found['derived threats']).toBe(derived.length + 1);
  });
});
