import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { corpusAvailable, corpusNote, corpusText, loadErrors } from '../../../test/corpus.js';
import { importer, importOtm } from './index.js';

interface OtmSource {
  components?: unknown[] | null;
  dataflows?: unknown[] | null;
  trustZones?: unknown[] | null;
  threats?: unknown[] | null;
  assets?: unknown[] | null;
  mitigations?: unknown[] | null;
}

describe(`OTM corpus${corpusNote}`, () => {
  it.skipIf(!corpusAvailable).each(['otm-spec-example.yaml', 'otm-spec-example.json', 'startleft-manual.yaml', 'startleft-minimal.yaml'])('imports %s with every item accounted for', (file) => {
    const text = corpusText(`otm/${file}`);
    expect(importer.detect(text, file)).toBe(true);
    const result = importOtm(text, { fileName: file });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    // Counts straight from the source (the YAML example needs the lenient reading, so use the JSON twin for it).
    const source = (file.endsWith('.json') ? JSON.parse(text) : parse(file === 'otm-spec-example.yaml' ? corpusText('otm/otm-spec-example.json') : text)) as OtmSource;
    expect(model.components?.length ?? 0).toBe(source.components?.length ?? 0);
    expect(model.flows?.length ?? 0).toBe(source.dataflows?.length ?? 0);
    expect(model.boundaries?.length ?? 0).toBe(source.trustZones?.length ?? 0);
    expect(model.assets?.length ?? 0).toBe(source.assets?.length ?? 0);
    expect(model.mitigations?.length ?? 0).toBe(source.mitigations?.length ?? 0);
    expect(result.report.found['threats'] ?? 0).toBe(source.threats?.length ?? 0);
  });

  it.skipIf(!corpusAvailable)('maps the specification example: zones, trust, CIA, instances, states and links', () => {
    const result = importOtm(corpusText('otm/otm-spec-example.json'), { fileName: 'otm-spec-example.json' });
    const model = result.model;
    const byName = (name: string) => model?.components?.find((c) => c.name === name);
    const internet = model?.boundaries?.find((b) => b.name === 'Internet');
    expect(internet?.trust).toBe(20);
    expect(byName('Web Client')).toMatchObject({ kind: 'external-entity', boundary: internet?.id, properties: { source_id: 'web-client' } });
    expect(byName('Customer Database')?.kind).toBe('datastore');
    expect(byName('Class CustomerDatabase')?.paths).toEqual(['src/main/otm-file/OTMClass.java:324']);
    const cc = model?.assets?.find((a) => a.name === 'Credit Card Data');
    expect(cc).toMatchObject({ confidentiality: 'high', integrity: 'high', availability: 'high' });
    expect(byName('Web Service')?.assets?.processed).toContain(cc?.id);
    const threat = model?.threats?.[0];
    expect(threat).toMatchObject({ title: 'Threat 1', category: 'spoofing', status: 'open', likelihood: 3, impact: 5, references: ['CWE-79', 'CWE-787'] });
    expect(threat?.tags).toContain('category:Tampering');
    expect(threat?.elements).toEqual([byName('Web Service')?.id, model?.flows?.find((f) => f.label?.includes('mongo'))?.id]);
    const mitigation = model?.mitigations?.find((m) => m.title === 'This is the name of mitigation 1');
    expect(mitigation?.threats).toEqual([threat?.id]);
    expect(threat?.mitigations).toEqual([mitigation?.id]);
    expect(mitigation?.status).toBe('implemented');
    expect(model?.layout?.positions?.[internet?.id ?? '']).toEqual({ x: 600, y: 100, width: 100, height: 100 });
    expect(result.report.dropped.map((d) => d.subject)).toContain('attributes cmdbId of project');
  });

  it.skipIf(!corpusAvailable)('reads the YAML example that other YAML tools accept, with a warning', () => {
    const result = importOtm(corpusText('otm/otm-spec-example.yaml'), { fileName: 'otm-spec-example.yaml' });
    expect(result.issues.map((i) => i.code)).toEqual(['yaml-lenient']);
    expect(result.model?.components?.find((c) => c.name === 'Class CustomerDatabase')).toBeDefined();
  });
});

describe('OTM importer', () => {
  it('splits instances of one threat by state', () => {
    const otm = {
      otmVersion: '0.2.0',
      project: { name: 'P', id: 'p' },
      trustZones: [{ id: 'z', name: 'Z', risk: { trustRating: 50 } }],
      components: [
        { id: 'a', name: 'A', type: 'web-service', parent: { trustZone: 'z' }, threats: [{ threat: 't', state: 'mitigated' }] },
        { id: 'b', name: 'B', type: 'web-service', parent: { component: 'a' }, threats: [{ threat: 't', state: 'exposed' }] },
      ],
      dataflows: [{ id: 'f', name: 'to nowhere', source: 'a', destination: 'z' }],
      threats: [{ id: 't', name: 'T', risk: { likelihood: 10, impact: 90 }, categories: ['Elevation of privilege'] }],
    };
    const result = importOtm(JSON.stringify(otm), { fileName: 'x.otm.json' });
    const threats = result.model?.threats ?? [];
    expect(threats.map((t) => [t.elements, t.status])).toEqual([
      [['C1'], 'mitigated'],
      [['C2'], 'open'],
    ]);
    expect(threats[0]).toMatchObject({ likelihood: 1, impact: 5, category: 'elevation-of-privilege' });
    // A nested component lands in its parent's zone; a flow to a zone is dropped with the reason.
    expect(result.model?.components?.[1]).toMatchObject({ boundary: 'B1', properties: { parent_component: 'C1' } });
    expect(result.report.dropped.find((d) => d.subject.startsWith('data flow'))?.detail).toMatch(/not a component/);
  });

  it('survives fields of the wrong type and dangling references, reporting each', () => {
    const otm = {
      otmVersion: '0.2.0',
      project: { name: ['x'], id: 3 },
      trustZones: 'none',
      assets: [null, { id: 'a', name: 'A', risk: 'high' }],
      components: [{ id: 'c', name: 'C', type: 7, parent: { trustZone: 'missing' }, assets: { processed: ['a', 'ghost'] }, threats: [{ threat: 'nope', state: 'open' }] }, 5],
      dataflows: [{ id: 'f', source: 'c', destination: 'c', assets: 'a' }],
      threats: [{ id: 't', name: 'T', risk: { likelihood: 'high', impact: 500 } }],
      mitigations: [{ id: 'm' }],
    };
    const result = importOtm(JSON.stringify(otm), { fileName: 'odd.otm.json' });
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    expect(model.system.name).toBe('3');
    expect(model.threats?.[0]).toMatchObject({ title: 'T', impact: 5 });
    expect(model.threats?.[0]?.likelihood).toBeUndefined();
    const dropped = result.report.dropped.map((d) => d.subject);
    expect(dropped).toEqual(expect.arrayContaining(['trust zone of component "C"', 'asset reference "ghost" on component C1', 'threat instance "nope" on C1']));
    expect(result.report.dropped.find((d) => d.subject.startsWith('data flow'))?.detail).toMatch(/to itself/);
  });

  it('breaks cycles of trust zone parents so the model loads', () => {
    const otm = {
      otmVersion: '0.2.0',
      project: { name: 'P', id: 'p' },
      trustZones: [
        { id: 'a', name: 'A', risk: { trustRating: 1 }, parent: { trustZone: 'b' } },
        { id: 'b', name: 'B', risk: { trustRating: 1 }, parent: { trustZone: 'a' } },
      ],
      components: [],
      dataflows: [],
    };
    const result = importOtm(JSON.stringify(otm), { fileName: 'cycle.otm.json' });
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    expect(model.boundaries?.filter((b) => b.parent !== undefined)).toHaveLength(1);
    expect(result.report.adjusted.some((a) => /cycle/.test(a.detail))).toBe(true);
  });

  it('rejects a file without a project, and malformed YAML with its position', () => {
    expect(importOtm('otmVersion: 0.2.0\n', { fileName: 'x.yaml' }).issues[0]?.message).toMatch(/"project" is missing/);
    const bad = importOtm('otmVersion: 0.2.0\nproject: [\n', { fileName: 'x.yaml' });
    expect(bad.model).toBeUndefined();
    expect(bad.issues[0]?.code).toBe('yaml-syntax');
  });

  it('detects OTM by its otmVersion key in JSON or YAML', () => {
    expect(importer.detect('{"otmVersion":"0.2.0","project":{}}', 'a.json')).toBe(true);
    expect(importer.detect('# c\notmVersion: 0.1.0\n', 'a.yaml')).toBe(true);
    expect(importer.detect('project:\n  otmVersion: 1\n', 'a.yaml')).toBe(false);
  });
});
