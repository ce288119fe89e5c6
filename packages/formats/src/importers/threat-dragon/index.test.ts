import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusJson, corpusNote, corpusText, loadErrors } from '../../../test/corpus.js';
import { importer, importThreatDragon } from './index.js';

const run = (file: string) => importThreatDragon(corpusText(`threat-dragon/${file}`), { fileName: file });

interface TdCell {
  shape?: string;
  type?: string;
  data?: { type?: string; threats?: unknown[] };
  threats?: unknown[];
}
/** Counts taken from the source file itself, independently of the importer. */
function sourceCounts(file: string) {
  const root = corpusJson(`threat-dragon/${file}`) as { detail: { diagrams: { cells?: TdCell[]; diagramJson?: { cells: TdCell[] } }[] } };
  const cells = root.detail.diagrams.flatMap((d) => d.cells ?? d.diagramJson?.cells ?? []);
  const type = (c: TdCell) => c.data?.type ?? c.type ?? '';
  return {
    elements: cells.filter((c) => ['tm.Actor', 'tm.Process', 'tm.Store'].includes(type(c))).length,
    flows: cells.filter((c) => type(c) === 'tm.Flow').length,
    boundaries: cells.filter((c) => ['tm.Boundary', 'tm.BoundaryBox'].includes(type(c))).length,
    threats: cells.reduce((n, c) => n + (c.data?.threats ?? c.threats ?? []).length, 0),
  };
}

describe(`Threat Dragon corpus${corpusNote}`, () => {
  it.skipIf(!corpusAvailable).each([
    ['demo-threat-model.v2.json', { elements: 7, flows: 10, boundaries: 3, threats: 14 }],
    ['demo-threat-model.v1.json', { elements: 7, flows: 10, boundaries: 4, threats: 14 }],
    ['three-tier-web-app.json', { elements: 3, flows: 3, boundaries: 2, threats: 2 }],
    ['test-reports-all-diagram-types.json', { elements: 24, flows: 9, boundaries: 4, threats: 8 }],
    ['new-model.v2.json', { elements: 0, flows: 0, boundaries: 0, threats: 0 }],
  ])('imports %s with every element, flow, boundary and threat accounted for', (file, expected) => {
    expect(sourceCounts(file)).toEqual(expected);
    const result = run(file);
    expect(result.issues).toEqual([]);
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    const found = result.report.found;
    expect([found['elements'] ?? 0, found['flows'] ?? 0, found['boundaries'] ?? 0, found['threats'] ?? 0]).toEqual([expected.elements, expected.flows, expected.boundaries, expected.threats]);
    expect(model.components?.length ?? 0).toBe(expected.elements);
    expect(model.boundaries?.length ?? 0).toBe(expected.boundaries);
    // Flows and threats not created are each explained in the report.
    const droppedFlows = result.report.dropped.filter((n) => n.subject.startsWith('flow ')).length;
    expect((model.flows?.length ?? 0) + droppedFlows).toBe(expected.flows);
    const droppedThreats = result.report.dropped.filter((n) => n.subject.startsWith('threat ')).length;
    expect((model.threats?.length ?? 0) + droppedThreats).toBe(expected.threats);
  });

  it.skipIf(!corpusAvailable)('keeps names, statuses, severities, mitigations and positions of the v2 demo', () => {
    const model = run('demo-threat-model.v2.json').model;
    if (!model) throw new Error('no model');
    expect(model.system).toMatchObject({ name: 'Demo Threat Model', owner: 'Mike Goodwin', authors: ['Tom Brown', 'Albert Moneypenny'] });
    const worker = model.components?.find((c) => c.name === 'Background Worker Process');
    expect(worker).toMatchObject({ kind: 'process', properties: { source_id: '3e75b596-9c70-41b6-a2cf-a15899c254d3' } });
    expect(model.layout?.positions?.[worker?.id ?? '']).toEqual({ x: 685, y: 180, width: 100, height: 100 });
    const creds = model.threats?.find((t) => t.title === 'Accessing DB credentials');
    expect(creds).toMatchObject({ category: 'information-disclosure', status: 'open', impact: 4 });
    const mitigation = model.mitigations?.find((m) => m.id === creds?.mitigations?.[0]);
    expect(mitigation).toMatchObject({ title: 'Encrypt the DB credentials in the configuration file.', threats: [creds?.id] });
    expect(mitigation?.description).toContain('Expire and replace the DB credentials regularly.');
    expect(model.threats?.filter((t) => t.status === 'mitigated').length).toBeGreaterThan(0);
    const webRequest = model.flows?.find((f) => f.label === 'Web Request');
    expect(webRequest?.from).toBe(model.components?.find((c) => c.name === 'Browser')?.id);
  });

  it.skipIf(!corpusAvailable)('places elements in the trust boundary boxes that contain them', () => {
    const model = run('three-tier-web-app.json').model;
    const boundary = (name: string) => model?.boundaries?.find((b) => b.name === name)?.id;
    const component = (name: string) => model?.components?.find((c) => c.name === name);
    expect(component('Web UI')?.boundary).toBe(boundary('Internet'));
    expect(component('Web Service')?.boundary).toBe(boundary('Public Cloud'));
    expect(component('PostgresSQL')?.boundary).toBe(boundary('Public Cloud'));
  });

  it.skipIf(!corpusAvailable)('reads every diagram type, the legacy curve shape and non-STRIDE threat types', () => {
    const result = run('test-reports-all-diagram-types.json');
    expect(result.report.found['diagrams']).toBe(7);
    expect(result.report.mapped.some((n) => n.subject.includes('trust-broundary-curve'))).toBe(true);
    const die = result.model?.threats?.find((t) => t.title === 'New DIE threat');
    expect(die?.category).toBeUndefined();
    expect(die?.tags).toContain('type:Distributed');
    expect(result.model?.threats?.find((t) => t.title === 'Out of scope threat mitigated')?.status).toBe('mitigated');
    // Placeholder texts are not imported as if the author wrote them.
    expect(result.model?.threats?.some((t) => t.description === 'Provide a description for this threat')).toBe(false);
    expect(result.model?.flows?.find((f) => f.label === 'Out of scope data flow')?.out_of_scope).toBe(true);
  });

  it.skipIf(!corpusAvailable)('reads v1 element names and flow labels from the drawing attributes', () => {
    const model = run('demo-threat-model.v1.json').model;
    expect(model?.components?.map((c) => c.name)).toContain('Message Queue');
    expect(model?.flows?.find((f) => f.label === 'Web Request')).toMatchObject({ protocol: 'HTTP/S', encrypted: true });
    expect(model?.threats?.filter((t) => t.status === 'mitigated').length).toBeGreaterThan(0);
  });

  it.skipIf(!corpusAvailable)('rejects the malformed file with one clear error naming the misspelled key', () => {
    const text = corpusText('threat-dragon/malformed-v2.json');
    expect(importer.detect(text, 'malformed-v2.json')).toBe(true);
    const result = importThreatDragon(text, { fileName: 'malformed-v2.json' });
    expect(result.model).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.message).toMatch(/"detail".*missing.*"details"/);
  });
});

describe('Threat Dragon importer', () => {
  const v2 = (cells: unknown[], extra: object = {}) => JSON.stringify({ version: '2.3.0', summary: { title: 'T' }, detail: { diagrams: [{ title: 'D', cells }], ...extra } });

  it('detects Threat Dragon files by their top-level keys only', () => {
    expect(importer.detect(v2([]), 'x.json')).toBe(true);
    expect(importer.detect('{"otmVersion": "0.2.0"}', 'x.json')).toBe(false);
    expect(importer.detect('summary: x\ndetail: y\n', 'x.yaml')).toBe(false);
  });

  it('rejects text that is not JSON with its line and column', () => {
    const result = importThreatDragon('{\n "summary": {,\n}', { fileName: 'bad.json' });
    expect(result.model).toBeUndefined();
    expect(result.issues[0]).toMatchObject({ code: 'json-syntax', location: { file: 'bad.json', line: 2 } });
  });

  it('survives fields of the wrong type without throwing and still yields a valid model', () => {
    const cells = [
      { id: 1, shape: 'process', position: 'x', size: null, data: { type: 'tm.Process', name: 42, threats: 'none', outOfScope: 'yes' } },
      { id: 'a', shape: 'actor', data: null },
      { id: 'f', shape: 'flow', source: 5, target: { cell: 1 }, data: { type: 'tm.Flow', threats: [null, 7, { title: ['x'], severity: {} }] } },
      null,
      'cell',
      { id: 'u', shape: 'unknown-shape' },
    ];
    const result = importThreatDragon(JSON.stringify({ summary: { title: 7 }, detail: { diagrams: [{ cells }, 'x', null], contributors: 'me' } }), { fileName: 'odd.json' });
    expect(result.issues).toEqual([]);
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    expect(model.components?.map((c) => c.name)).toEqual(['42', 'External entity 1']);
    expect(result.report.dropped.map((d) => d.subject)).toEqual(expect.arrayContaining(['flow f ("")', 'cell u in "diagram 1"']));
  });

  it('keeps hostile names as data', () => {
    const cells = [{ id: 'a', shape: 'actor', position: { x: 0, y: 0 }, size: { width: 10, height: 10 }, data: { type: 'tm.Actor', name: '<script>alert(1)</script>' } }];
    const model = importThreatDragon(v2(cells), { fileName: 'x.json' }).model;
    expect(model?.components?.[0]?.name).toBe('<script>alert(1)</script>');
  });

  it('nests boxes inside boxes and drops flows with loose ends, saying why', () => {
    const box = (id: string, x: number, w: number) => ({ id, shape: 'trust-boundary-box', position: { x, y: 0 }, size: { width: w, height: w }, attrs: { label: { text: id } }, data: { type: 'tm.BoundaryBox' } });
    const cells = [
      box('outer', 0, 500),
      box('inner', 10, 200),
      { id: 'p', shape: 'process', position: { x: 50, y: 50 }, size: { width: 20, height: 20 }, data: { type: 'tm.Process', name: 'P', threats: [{ title: 'x', type: 'Tampering', status: 'Open', severity: 'Low' }] } },
      { id: 'f', shape: 'flow', source: { x: 900, y: 900 }, target: { cell: 'p' }, data: { type: 'tm.Flow', name: 'Loose', threats: [{ title: 'lost' }] } },
    ];
    const result = importThreatDragon(v2(cells), { fileName: 'x.json' });
    const model = result.model;
    expect(model?.boundaries?.find((b) => b.name === 'inner')?.parent).toBe(model?.boundaries?.find((b) => b.name === 'outer')?.id);
    expect(model?.components?.[0]?.boundary).toBe(model?.boundaries?.find((b) => b.name === 'inner')?.id);
    expect(model?.flows).toBeUndefined();
    expect(result.report.dropped.map((n) => n.subject)).toEqual(expect.arrayContaining(['flow f ("Loose")', 'threat "lost"']));
    expect(model?.threats?.[0]).toMatchObject({ category: 'tampering', impact: 2, status: 'open', elements: ['C1'] });
  });
});
