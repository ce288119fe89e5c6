import { describe, expect, it } from 'vitest';
import { analyze, type Model } from '@threatwright/core';
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
    // Flows marked "public network" share one boundary the file does not draw.
    const added = result.report.adjusted.filter((n) => n.detail.startsWith('added, untrusted')).length;
    expect((model.boundaries?.length ?? 0) - added).toBe(expected.boundaries);
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
    expect(model?.flows?.find((f) => f.label === 'Web Request')).toMatchObject({ protocol: 'https', encrypted: true });
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

/** Derived findings as `rule@elements`, for checking what the analysis makes of an import. */
const findings = (model: Model | undefined) => new Set(model ? analyze(model).threats.filter((t) => t.source !== 'manual').map((t) => `${t.ruleId ?? '?'}@${t.elements.join('+')}`) : []);
const byLabel = (model: Model | undefined, label: string) => model?.flows?.find((f) => f.label === label);
const byName = (model: Model | undefined, name: string) => model?.components?.find((c) => c.name === name);

describe(`Threat Dragon corpus: what the drawing means${corpusNote}`, () => {
  it.skipIf(!corpusAvailable).each(['demo-threat-model.v2.json', 'demo-threat-model.v1.json'])('%s: flows drawn across a boundary curve list it in `crosses`, and the report says which', (file) => {
    const result = run(file);
    const model = result.model;
    const curveOf = (label: string) => (byLabel(model, label)?.crosses ?? []).filter((id) => model?.boundaries?.find((b) => b.id === id)?.name !== 'Public network');
    // The queue sits behind one curve, the database inside another, the browser behind a third.
    const queue = curveOf('Put Message');
    expect(queue).toHaveLength(1);
    expect(curveOf('Message')).toHaveLength(1);
    const database = curveOf('Queries');
    expect(database).toHaveLength(1);
    for (const label of ['Worker Query Results', 'Worker Queries']) expect(curveOf(label)).toEqual(database);
    expect(curveOf('Web Request')).toHaveLength(1);
    expect(curveOf('Web Response')).toEqual(curveOf('Web Request'));
    expect(new Set([queue[0], database[0], curveOf('Web Request')[0]]).size).toBe(3);
    // Reading configuration from the file system crosses nothing.
    expect(byLabel(model, 'Read web app config')?.crosses).toBeUndefined();
    expect(byLabel(model, 'Read worker config')?.crosses).toBeUndefined();
    const notes = [...result.report.mapped, ...result.report.adjusted].map((n) => `${n.subject}: ${n.detail}`);
    expect(notes.some((n) => n.includes('does not record which elements'))).toBe(false);
    expect(notes.filter((n) => /^trust boundary curve .* drawn across \d flow/.test(n))).toHaveLength(file.includes('v1') ? 4 : 3);
  });

  it.skipIf(!corpusAvailable)('demo v2: public-network flows cross one untrusted boundary; flags, names and the browser mean what they say', () => {
    const result = run('demo-threat-model.v2.json');
    const model = result.model;
    const publicNetwork = model?.boundaries?.filter((b) => b.name === 'Public network') ?? [];
    expect(publicNetwork).toEqual([expect.objectContaining({ trust: 'untrusted' })]);
    for (const label of ['Web Request', 'Web Response']) {
      expect(byLabel(model, label)?.crosses).toContain(publicNetwork[0]?.id);
      expect(byLabel(model, label)).toMatchObject({ protocol: 'https', encrypted: true });
    }
    expect(model?.flows?.filter((f) => f.crosses?.includes(publicNetwork[0]?.id ?? '')).length).toBe(2);
    expect(byName(model, 'Browser')).toMatchObject({ kind: 'external-entity', type: 'browser' });
    expect(byName(model, 'Web Application')?.type).toBe('web-app');
    expect(byName(model, 'Message Queue')?.type).toBe('queue');
    expect(byName(model, 'Background Worker Process')?.type).toBe('worker');
    // The file's own flag wins over the name, and the report says the name disagrees.
    expect(byName(model, 'Database')?.type).toBe('logs');
    expect(result.report.adjusted.some((n) => n.subject.includes('"Database"') && n.detail.includes('suggests database'))).toBe(true);
    const credentials = model?.assets?.find((a) => a.type === 'credentials');
    expect(byName(model, 'Worker Config')?.assets?.stored).toEqual([credentials?.id]);
    expect(byName(model, 'Web Application Config')).toMatchObject({ out_of_scope: true, assets: { stored: [credentials?.id] } });
    // Threat Dragon's default false is not a fact.
    expect(byName(model, 'Worker Config')?.properties?.['encrypted_at_rest']).toBeUndefined();
    expect(byLabel(model, 'Put Message')?.encrypted).toBeUndefined();
    expect(result.report.adjusted.some((n) => n.subject.startsWith('flags set to false'))).toBe(true);
    for (const guess of ['Browser', 'Message Queue', 'Web Application']) expect(result.report.adjusted.some((n) => n.subject.includes(`("${guess}")`) && /type guessed from the name: .*; set `type:` to correct it/.test(n.detail))).toBe(true);
    const unstated = result.report.adjusted.find((n) => n.subject.startsWith('trust of 3 boundaries'));
    expect(unstated?.detail).toContain('Trust boundary 1');
    expect(unstated?.detail).not.toContain('Public network');
  });

  it.skipIf(!corpusAvailable)('demo v2: the analysis finds what the drawing shows', () => {
    const model = run('demo-threat-model.v2.json').model;
    const id = (name: string) => byName(model, name)?.id ?? '?';
    const found = findings(model);
    // A web application used from a browser, data crossing a boundary unencrypted, credentials at rest.
    expect(found).toContain(`csrf@${id('Web Application')}`);
    expect(found).toContain(`unencrypted-flow@${byLabel(model, 'Put Message')?.id ?? '?'}`);
    expect(found).toContain(`unencrypted-data-store@${id('Worker Config')}`);
    // Stays quiet where the file says the flow is encrypted.
    expect(found).not.toContain(`unencrypted-flow@${byLabel(model, 'Queries')?.id ?? '?'}`);
    expect(found).not.toContain(`unencrypted-flow@${byLabel(model, 'Web Request')?.id ?? '?'}`);
  });

  it.skipIf(!corpusAvailable)('three-tier web app: the Internet box is untrusted, the rest is reported unstated, and the database is found', () => {
    const result = run('three-tier-web-app.json');
    const model = result.model;
    expect(model?.boundaries?.find((b) => b.name === 'Internet')?.trust).toBe('untrusted');
    expect(model?.boundaries?.find((b) => b.name === 'Public Cloud')?.trust).toBeUndefined();
    expect(result.report.adjusted.find((n) => n.subject.startsWith('trust of 1 boundary'))?.detail).toContain('"Public Cloud"');
    expect(byName(model, 'PostgresSQL')).toMatchObject({ kind: 'datastore', type: 'postgres' });
    expect(byName(model, 'Web Service')?.type).toBe('api');
    expect(byName(model, 'Web UI')?.type).toBe('web-app');
    const found = findings(model);
    expect(found).toContain(`sql-injection@${byName(model, 'Web Service')?.id ?? '?'}+${byName(model, 'PostgresSQL')?.id ?? '?'}`);
    expect([...found].some((f) => f.startsWith('unencrypted-flow@'))).toBe(true);
  });

  it.skipIf(!corpusAvailable)('all diagram types: curves across no flow say so, and out-of-scope elements keep their scope', () => {
    const result = run('test-reports-all-diagram-types.json');
    const model = result.model;
    expect(result.report.adjusted.filter((n) => n.subject.startsWith('trust boundary curve') && n.detail.startsWith('crosses no flow'))).toHaveLength(2);
    expect(model?.flows?.some((f) => f.crosses)).toBe(false);
    expect(byName(model, 'Out of scope')).toMatchObject({ out_of_scope: true });
    expect(byLabel(model, 'Out of scope data flow')).toMatchObject({ out_of_scope: true });
    // Placeholder names ("Actor", "Process", "Store") give no type.
    expect(model?.components?.some((c) => c.type !== undefined)).toBe(false);
  });
});

describe('Threat Dragon importer: crossings, trust, types and flags', () => {
  const doc = (cells: unknown[]) => JSON.stringify({ version: '2.6.0', summary: { title: 'T' }, detail: { diagrams: [{ title: 'D', cells }] } });
  const node = (id: string, shape: 'actor' | 'process' | 'store', x: number, y: number, data: object = {}) => ({ id, shape, position: { x, y }, size: { width: 100, height: 60 }, data: { type: `tm.${shape === 'actor' ? 'Actor' : shape === 'process' ? 'Process' : 'Store'}`, name: id, ...data } });
  const edge = (id: string, source: object, target: object, vertices: object[] = [], data: object = {}) => ({ id, shape: 'flow', source, target, vertices, data: { type: 'tm.Flow', name: id, ...data } });
  const curve = (id: string, source: object, target: object, vertices: object[] = [], data: object = {}) => ({ id, shape: 'trust-boundary-curve', source, target, vertices, data: { type: 'tm.Boundary', name: id, ...data } });
  const box = (id: string, x: number, y: number, w: number, h: number) => ({ id, shape: 'trust-boundary-box', position: { x, y }, size: { width: w, height: h }, data: { type: 'tm.BoundaryBox', name: id } });
  const imported = (cells: unknown[]) => importThreatDragon(doc(cells), { fileName: 'x.json' });
  const boundaryId = (model: Model | undefined, name: string) => model?.boundaries?.find((b) => b.name === name)?.id;

  // a at (0..100, 0..60), b at (300..400, 0..60): a vertical curve at x = 200 separates them.
  const a = node('a', 'process', 0, 0);
  const b = node('b', 'process', 300, 0);
  const wall = curve('Wall', { x: 200, y: -100 }, { x: 200, y: 200 });

  it('names a curve drawn without a label after its description, and numbers one with neither', () => {
    const result = imported([a, b, curve('c1', { x: 200, y: -100 }, { x: 200, y: 200 }, [], { name: '', description: 'Hospital network\nonly clinical devices' }), curve('c2', { x: 250, y: -100 }, { x: 250, y: 200 }, [], { name: '' })]);
    const names = result.model?.boundaries?.map((x) => x.name);
    expect(names).toContain('Hospital network only clinical devices');
    expect(names).toContain('Trust boundary 1');
  });

  it('lists a curve in `crosses` on the flows drawn across it, whatever their ends look like', () => {
    const result = imported([a, b, wall, edge('straight', { cell: 'a' }, { cell: 'b' }), edge('ported', { cell: 'b', port: 'p1' }, { cell: 'a', port: 'p2' }), edge('loose', { x: 105, y: 30 }, { cell: 'b' })]);
    const model = result.model;
    const wallId = boundaryId(model, 'Wall');
    for (const label of ['straight', 'ported', 'loose']) expect(byLabel(model, label)?.crosses, label).toEqual([wallId]);
    expect(result.report.mapped.find((n) => n.subject.startsWith('trust boundary curve Wall in'))?.detail).toMatch(/^drawn across 3 flow\(s\)/);
    expect(loadErrors(model as Model)).toEqual([]);
  });

  it('follows bend points: a flow routed around the curve, or over it and back, does not cross it', () => {
    const around = edge('around', { cell: 'a' }, { cell: 'b' }, [{ x: 50, y: 300 }, { x: 350, y: 300 }]);
    const overAndBack = node('c', 'process', 50, 200);
    const back = edge('back', { cell: 'a' }, { cell: 'c' }, [{ x: 250, y: 100 }, { x: 250, y: 150 }]);
    const short = curve('Short', { x: 200, y: 100 }, { x: 200, y: 150 }, [{ x: 210, y: 120 }]);
    const model = imported([a, b, overAndBack, curve('Wall', { x: 200, y: -100 }, { x: 200, y: 250 }), short, around, back, edge('beside', { cell: 'a' }, { cell: 'c' })]).model;
    expect(byLabel(model, 'around')?.crosses).toBeUndefined();
    expect(byLabel(model, 'back')?.crosses).toBeUndefined();
    expect(byLabel(model, 'beside')?.crosses).toBeUndefined();
  });

  it('reads the crossings Threat Dragon 2.6 records, on flows and on curves, and ignores recorded boxes', () => {
    const pointless = curve('Recorded', { x: 900, y: 900 }, { x: 950, y: 950 }, [], { crossingFlows: ['f2'] });
    const model = imported([a, b, box('Box', -10, -10, 150, 100), pointless, curve('Listed', { x: 800, y: 800 }, { x: 850, y: 850 }), edge('f1', { cell: 'a' }, { cell: 'b' }, [], { trustBoundaryIds: ['Listed', 'Box', 'nowhere', 7] }), edge('f2', { cell: 'b' }, { cell: 'a' })]).model;
    expect(byLabel(model, 'f1')?.crosses).toEqual([boundaryId(model, 'Listed')]);
    expect(byLabel(model, 'f2')?.crosses).toEqual([boundaryId(model, 'Recorded')]);
  });

  it('marks boxes named for the internet, the public, customers or outsiders untrusted, and reports every boundary left unstated', () => {
    const names = ['Internet', 'Public network', 'Customer devices', 'External partners', 'Untrusted zone', 'Public Cloud', 'Internal network', 'Non-public', 'Trusted zone', 'Customers'];
    const cells = names.map((name, i) => ({ ...box(`b${i}`, i * 1000, 0, 500, 500), attrs: { label: { text: name } }, data: { type: 'tm.BoundaryBox', name } }));
    const result = imported(cells);
    const trust = Object.fromEntries((result.model?.boundaries ?? []).map((b) => [b.name, b.trust]));
    expect(trust).toEqual({ Internet: 'untrusted', 'Public network': 'untrusted', 'Customer devices': 'untrusted', 'External partners': 'untrusted', 'Untrusted zone': 'untrusted', 'Public Cloud': undefined, 'Internal network': undefined, 'Non-public': undefined, 'Trusted zone': undefined, Customers: 'untrusted' });
    const unstated = result.report.adjusted.find((n) => n.subject === 'trust of 4 boundaries');
    for (const name of ['Public Cloud', 'Internal network', 'Non-public', 'Trusted zone']) expect(unstated?.detail).toContain(`"${name}"`);
  });

  it('adds one untrusted "Public network" boundary for every flow Threat Dragon marks as public, and none without', () => {
    const model = imported([a, b, edge('out', { cell: 'a' }, { cell: 'b' }, [], { isPublicNetwork: true }), edge('in', { cell: 'b' }, { cell: 'a' }, [], { isPublicNetwork: true }), edge('quiet', { cell: 'a' }, { cell: 'b' }, [], { isPublicNetwork: false })]).model;
    const pn = model?.boundaries?.filter((x) => x.name === 'Public network') ?? [];
    expect(pn).toEqual([expect.objectContaining({ trust: 'untrusted', type: 'network' })]);
    expect(byLabel(model, 'out')?.crosses).toEqual([pn[0]?.id]);
    expect(byLabel(model, 'in')?.crosses).toEqual([pn[0]?.id]);
    expect(byLabel(model, 'quiet')?.crosses).toBeUndefined();
    expect(imported([a, b, edge('f', { cell: 'a' }, { cell: 'b' })]).model?.boundaries).toBeUndefined();
  });

  it('maps flags with a meaning in the catalogue, keeps the others by name, and reads false as not stated', () => {
    const cells = [
      node('Identity', 'actor', 0, 0, { providesAuthentication: true }),
      node('Checkout', 'process', 200, 0, { handlesCardPayment: true, handlesGoodsOrServices: true, privilegeLevel: 'root', isWebApplication: true }),
      node('Vault', 'store', 400, 0, { storesCredentials: true, isEncrypted: true, isSigned: true, isALog: true }),
      node('Plain', 'store', 600, 0, { storesCredentials: false, isEncrypted: false, isALog: false, isSigned: false }),
      edge('f1', { cell: 'Identity' }, { cell: 'Checkout' }, [], { isEncrypted: true, isBidirectional: true, protocol: 'TLS 1.3' }),
      edge('f2', { cell: 'Checkout' }, { cell: 'Vault' }, [], { isEncrypted: false, isBidirectional: false, protocol: 'HTTP/S' }),
      edge('f3', { cell: 'Checkout' }, { cell: 'Plain' }),
    ];
    const result = imported(cells);
    const model = result.model;
    const card = model?.assets?.find((x) => x.type === 'payment-card');
    const creds = model?.assets?.find((x) => x.type === 'credentials');
    expect(byName(model, 'Identity')?.properties).toMatchObject({ authenticates_users: true });
    expect(byName(model, 'Checkout')).toMatchObject({ type: 'web-app', assets: { processed: [card?.id] }, properties: { handles_goods_or_services: true, privilege_level: 'root' } });
    expect(byName(model, 'Vault')).toMatchObject({ type: 'logs', assets: { stored: [creds?.id] }, properties: { encrypted_at_rest: true, signed: true } });
    expect(byName(model, 'Plain')).toEqual({ id: byName(model, 'Plain')?.id, name: 'Plain', kind: 'datastore', properties: { source_id: 'Plain' } });
    expect(byLabel(model, 'f1')).toMatchObject({ encrypted: true, bidirectional: true, protocol: 'tls' });
    // "HTTP/S" on a flow not stated as encrypted stays as written: https would claim encryption.
    expect(byLabel(model, 'f2')).toEqual(expect.objectContaining({ protocol: 'HTTP/S' }));
    expect(byLabel(model, 'f2')?.encrypted).toBeUndefined();
    expect(byLabel(model, 'f2')?.bidirectional).toBeUndefined();
    expect(result.report.mapped.find((n) => n.subject.startsWith('flags of process Checkout'))?.detail).toContain('handlesCardPayment → processes asset');
    // The card data makes the checkout sensitive, so the analysis knows what is at stake there.
    expect(analyze(model as Model).threats.length).toBeGreaterThan(0);
  });

  it('imports browsers and client apps drawn as processes as external entities, and guesses nothing from unclear names', () => {
    const cells = [node('Mobile app', 'process', 0, 0), node('Browser extension', 'process', 200, 0), node('Database admin', 'actor', 400, 0), node('API', 'process', 600, 0), edge('f1', { cell: 'Mobile app' }, { cell: 'API' }), edge('f2', { cell: 'Browser extension' }, { cell: 'API' })];
    const result = imported(cells);
    const model = result.model;
    expect(byName(model, 'Mobile app')).toMatchObject({ kind: 'external-entity', type: 'mobile-app' });
    expect(result.report.adjusted.some((n) => n.subject.includes('("Mobile app")') && n.detail.startsWith('drawn as a process, but a mobile-app is a client'))).toBe(true);
    expect(byName(model, 'Browser extension')).toMatchObject({ kind: 'process' });
    expect(byName(model, 'Browser extension')?.type).toBeUndefined();
    expect(byName(model, 'Database admin')).toMatchObject({ kind: 'external-entity', type: 'admin' });
    expect(byName(model, 'API')?.type).toBe('api');
  });

  it('imports databases and buckets drawn as processes as data stores, and keeps services processes', () => {
    const cells = [node('PostgreSQL', 'process', 0, 0), node('Web Service', 'process', 200, 0), node('Audit logs', 'process', 400, 0), edge('f1', { cell: 'Web Service' }, { cell: 'PostgreSQL' })];
    const result = imported(cells);
    const model = result.model;
    expect(byName(model, 'PostgreSQL')).toMatchObject({ kind: 'datastore', type: 'postgres' });
    expect(byName(model, 'Audit logs')).toMatchObject({ kind: 'datastore', type: 'logs' });
    expect(byName(model, 'Web Service')).toMatchObject({ kind: 'process', type: 'api' });
    expect(result.report.adjusted.some((n) => n.subject.includes('("PostgreSQL")') && n.detail.startsWith('drawn as a process, but a postgres is where data rests'))).toBe(true);
  });

  it('bounds the geometry of hostile drawings and says what it did not test', () => {
    // Zigzags whose every segment meets every other: more pairs than the budget allows.
    const zigzag = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i % 2 === 0 ? 150 : 250, y: 30 + (i % 3) }));
    const started = Date.now();
    const result = imported([a, b, curve('Zigzag', { x: 200, y: -100 }, { x: 200, y: 200 }, zigzag(5_000)), edge('f', { cell: 'a' }, { cell: 'b' }, zigzag(5_000)), edge('g', { cell: 'b' }, { cell: 'a' }, zigzag(20_000))]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.model?.flows).toHaveLength(2);
    expect(result.model?.flows?.some((f) => f.crosses)).toBe(false);
    expect(result.report.adjusted.find((n) => /flow\/curve pair\(s\)$/.test(n.subject))?.subject).toBe('2 flow/curve pair(s)');
  });
});
