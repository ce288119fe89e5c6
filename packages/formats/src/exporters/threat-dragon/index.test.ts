import { describe, expect, it } from 'vitest';
import { loadModel, type Model } from '@threatwright/core';
import { corpusAvailable, corpusJson, corpusNote, corpusText, exampleModels, loadErrors } from '../../../test/corpus.js';
import { importThreatDragon } from '../../importers/threat-dragon/index.js';
import { extent } from '../../shared/data.js';
import { exporter, stableUuid, toThreatDragon } from './index.js';

interface Cell {
  id: string;
  shape: string;
  position?: { x: number; y: number };
  size?: { width: number; height: number };
  source?: { cell: string };
  target?: { cell: string };
  data: { name?: string; type: string; threats?: { title: string; status: string; severity: string; type: string; mitigation: string; description: string }[] };
}
interface TdDocument {
  version: string;
  summary: { title: string };
  detail: { diagrams: { diagramType: string; cells: Cell[] }[] };
}

const examples = exampleModels().map(({ name, text }) => {
  const model = loadModel({ file: `${name}.yaml`, text }).model;
  if (!model) throw new Error(`example ${name} does not load`);
  return [name, model] as const;
});
const withoutLayout = (m: Model | undefined) => (m ? { ...m, layout: undefined } : m);

async function exported(model: Model): Promise<TdDocument> {
  return JSON.parse((await exporter.export(model)).text) as TdDocument;
}

function inside(outer: Cell, inner: Cell): boolean {
  const [o, i] = [outer, inner].map((c) => ({ ...(c.position ?? { x: 0, y: 0 }), ...(c.size ?? { width: 0, height: 0 }) }));
  if (!o || !i) return false;
  return i.x >= o.x && i.y >= o.y && i.x + i.width <= o.x + o.width && i.y + i.height <= o.y + o.height;
}

describe('Threat Dragon exporter', () => {
  it.skipIf(examples.length === 0).each(examples)('lays out the %s example as cells Threat Dragon 2 opens', async (_name, model) => {
    const doc = await exported(model);
    expect(doc.version).toMatch(/^2\./);
    const cells = doc.detail.diagrams[0]?.cells ?? [];
    const nodes = cells.filter((c) => ['actor', 'process', 'store', 'trust-boundary-box'].includes(c.shape));
    expect(nodes.length).toBe((model.components?.length ?? 0) + (model.boundaries?.length ?? 0));
    for (const n of nodes) {
      expect(n.position).toBeDefined();
      expect(n.size?.width).toBeGreaterThan(0);
    }
    const ids = new Set(cells.map((c) => c.id));
    expect(ids.size).toBe(cells.length);
    const flows = cells.filter((c) => c.shape === 'flow');
    expect(flows).toHaveLength(model.flows?.length ?? 0);
    for (const f of flows) expect(ids.has(f.source?.cell ?? '') && ids.has(f.target?.cell ?? '')).toBe(true);
    // Every component sits inside the box of its boundary.
    for (const c of model.components ?? []) {
      if (!c.boundary) continue;
      const box = cells.find((x) => x.shape === 'trust-boundary-box' && x.data.name === model.boundaries?.find((b) => b.id === c.boundary)?.name);
      const node = cells.find((x) => x.data.name === c.name && x.shape !== 'flow');
      expect(box && node && inside(box, node), `${c.id} inside ${c.boundary}`).toBe(true);
    }
  });

  it.skipIf(examples.length === 0).each(examples)('gives the %s example every field Threat Dragon 2 checks when it opens a file', async (_name, model) => {
    // The fields Threat Dragon's own v2 schema requires (td.vue/src/assets/schema/threat-dragon-v2.schema.json).
    const doc = JSON.parse((await exporter.export(model)).text) as Record<string, unknown> & TdDocument;
    expect(doc.version.length).toBeLessThanOrEqual(10);
    expect(Object.keys(doc.detail)).toEqual(expect.arrayContaining(['contributors', 'diagrams', 'diagramTop', 'reviewer', 'threatTop']));
    const diagram = doc.detail.diagrams[0] as unknown as Record<string, unknown>;
    expect(Number.isInteger(diagram['id'])).toBe(true);
    for (const key of ['diagramType', 'thumbnail', 'title', 'version']) expect(typeof diagram[key]).toBe('string');
    for (const cell of doc.detail.diagrams[0]?.cells ?? []) {
      const raw = cell as unknown as { id: string; shape: string; zIndex: unknown; size?: { width: number; height: number }; attrs?: { line?: { targetMarker?: unknown } }; data: Record<string, unknown> };
      expect(raw.id.length).toBeGreaterThanOrEqual(2);
      expect(Number.isInteger(raw.zIndex)).toBe(true);
      expect(typeof raw.data['type']).toBe('string');
      expect(typeof raw.data['hasOpenThreats']).toBe('boolean');
      if (raw.size) expect(Math.min(raw.size.width, raw.size.height)).toBeGreaterThanOrEqual(10);
      if (raw.shape === 'flow') expect(raw.attrs?.line?.targetMarker).toBeDefined();
      for (const t of cell.data.threats ?? []) for (const key of ['description', 'mitigation', 'severity', 'status', 'title', 'type'] as const) expect(typeof t[key]).toBe('string');
    }
  });

  it.skipIf(examples.length === 0).each(examples)('round-trips the %s example through Threat Dragon without losing anything', async (_name, model) => {
    const back = importThreatDragon((await exporter.export(model)).text, { fileName: 'x.json' });
    expect(back.issues).toEqual([]);
    expect(withoutLayout(back.model)).toEqual(withoutLayout(model));
  });

  it('writes threats as Threat Dragon shows them: labels, statuses, severities and mitigation text', async () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'Shop' },
      components: [{ id: 'C1', name: '<img src=x onerror=alert(1)>', kind: 'process' }],
      threats: [{ id: 'T1', title: 'Guessable ids', category: 'information-disclosure', elements: ['C1'], status: 'mitigated', impact: 4, mitigations: ['R1'] }],
      mitigations: [{ id: 'R1', title: 'Use random ids', description: 'UUIDv4', threats: ['T1'] }],
    };
    const doc = await exported(model);
    const cell = doc.detail.diagrams[0]?.cells.find((c) => c.shape === 'process');
    expect(cell?.data.name).toBe('<img src=x onerror=alert(1)>');
    expect(cell?.data.threats?.[0]).toMatchObject({ title: 'Guessable ids', status: 'Mitigated', severity: 'High', type: 'Information disclosure', mitigation: 'Use random ids\n\nUUIDv4' });
    const back = importThreatDragon(JSON.stringify(doc), { fileName: 'x.json' }).model;
    expect(back && loadErrors(back)).toEqual([]);
    expect(withoutLayout(back)).toEqual(model);
  });

  it('takes edits made in Threat Dragon over the values it exported', async () => {
    const model: Model = { threatwright: 1, system: { name: 'S' }, components: [{ id: 'C1', name: 'A', kind: 'process' }], threats: [{ id: 'T1', title: 'X', elements: ['C1'], status: 'in-progress', impact: 3 }] };
    const doc = await exported(model);
    const threat = doc.detail.diagrams[0]?.cells[0]?.data.threats?.[0];
    if (!threat) throw new Error('no threat');
    threat.status = 'Mitigated';
    threat.severity = 'Low';
    threat.title = 'X (renamed)';
    const back = importThreatDragon(JSON.stringify(doc), { fileName: 'x.json' }).model;
    expect(back?.threats?.[0]).toMatchObject({ id: 'T1', title: 'X (renamed)', status: 'mitigated', impact: 2 });
  });

  it('draws one diagram per diagram tag and keeps flows between diagrams for the way back', async () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'Two views' },
      components: [
        { id: 'C1', name: 'User', kind: 'external-entity', tags: ['diagram:Login'] },
        { id: 'C2', name: 'Web', kind: 'process', tags: ['diagram:Login'] },
        { id: 'C3', name: 'Worker', kind: 'process', tags: ['diagram:Batch'] },
      ],
      flows: [
        { id: 'F1', from: 'C1', to: 'C2' },
        { id: 'F2', from: 'C2', to: 'C3', label: 'jobs' },
      ],
      threats: [{ id: 'T1', title: 'Job injection', elements: ['F2'], status: 'open' }],
    };
    const { document, report } = await toThreatDragon(model);
    const doc = document as unknown as TdDocument;
    expect(doc.detail.diagrams.map((d) => [(d as unknown as { title: string }).title, d.cells.length])).toEqual([
      ['Login', 3],
      ['Batch', 1],
    ]);
    expect(report.adjusted.map((n) => n.subject)).toContain('flow F2');
    const back = importThreatDragon(JSON.stringify(document), { fileName: 'x.json' }).model;
    expect(withoutLayout(back)).toEqual(model);
  });

  it('gives stable UUID-shaped ids', () => {
    expect(stableUuid('cell:C1')).toBe(stableUuid('cell:C1'));
    expect(stableUuid('cell:C1')).not.toBe(stableUuid('cell:C2'));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  describe("Threat Dragon's checkboxes, from what the model means", () => {
    const FLAGS = ['providesAuthentication', 'storesCredentials', 'handlesCardPayment', 'isEncrypted', 'isALog', 'isWebApplication', 'isSigned', 'handlesGoodsOrServices', 'storesInventory', 'isPublicNetwork', 'isBidirectional'] as const;
    type Flag = (typeof FLAGS)[number];
    interface FlagCell {
      id: string;
      shape: string;
      source?: { cell?: string; x?: number; y?: number };
      target?: { cell?: string; x?: number; y?: number };
      vertices?: { x: number; y: number }[];
      data: Partial<Record<Flag, boolean>> & { name?: string; crossingFlows?: string[]; trustBoundaryIds?: string[] };
    }
    const cellsOf = (doc: Record<string, unknown>) => (doc as unknown as { detail: { diagrams: { cells: FlagCell[] }[] } }).detail.diagrams.flatMap((d) => d.cells);
    /** The checkboxes ticked on a cell. */
    const ticked = (c: FlagCell | undefined) => FLAGS.filter((f) => c?.data[f] === true);
    /** Every copy of the data our importer would read back instead of the checkboxes, removed. */
    const withoutExtension = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(withoutExtension) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'threatwright').map(([k, x]) => [k, withoutExtension(x)])) : v;

    const model: Model = {
      threatwright: 1,
      system: { name: 'Shop' },
      boundaries: [
        { id: 'B1', name: 'Internet', trust: 'untrusted' },
        { id: 'B2', name: 'Data centre', trust: 'high' },
        { id: 'B3', name: 'Customers', trust: 'untrusted' },
        { id: 'B4', name: 'Office line', trust: 'medium' },
      ],
      assets: [
        { id: 'A1', name: 'Passwords', type: 'password' },
        { id: 'A2', name: 'Card numbers', type: 'payment-card' },
        { id: 'A3', name: 'Orders', type: 'personal-data' },
      ],
      components: [
        { id: 'C1', name: 'Customer', kind: 'external-entity', boundary: 'B3' },
        { id: 'C2', name: 'Shop front', kind: 'process', type: 'web-app', boundary: 'B2', properties: { authenticates_users: true } },
        { id: 'C3', name: 'Login service', kind: 'process', type: 'auth-service', boundary: 'B2' },
        { id: 'C4', name: 'Checkout', kind: 'process', type: 'api', boundary: 'B2', assets: { processed: ['A2'] } },
        { id: 'C5', name: 'Users', kind: 'datastore', type: 'database', boundary: 'B2', assets: { stored: ['A1'] }, properties: { encrypted_at_rest: true } },
        { id: 'C6', name: 'Audit trail', kind: 'datastore', type: 'logs', boundary: 'B2' },
        { id: 'C7', name: 'Orders', kind: 'datastore', type: 'database', boundary: 'B2', assets: { stored: ['A3'] }, properties: { encrypted_at_rest: false } },
        { id: 'C8', name: 'Worker', kind: 'process', boundary: 'B2', properties: { authenticates_users: false } },
        { id: 'C9', name: 'Card vault', kind: 'datastore', boundary: 'B2', assets: { stored: ['A2'] } },
      ],
      flows: [
        { id: 'F1', from: 'C1', to: 'C2', protocol: 'https', crosses: ['B1'] },
        { id: 'F2', from: 'C2', to: 'C5', encrypted: true, bidirectional: true },
        { id: 'F3', from: 'C2', to: 'C6', protocol: 'https', encrypted: false },
        { id: 'F4', from: 'C4', to: 'C7', crosses: ['B4'] },
        { id: 'F5', from: 'C8', to: 'C7', crosses: ['B3'] },
        { id: 'F6', from: 'C3', to: 'C9' },
      ],
    };

    it.each([false, true])('writes them on the cells of a model written by hand (positions stored: %s)', async (positioned) => {
      const source: Model = positioned ? { ...model, layout: { positions: Object.fromEntries((model.components ?? []).map((c, i) => [c.id, { x: 200 * (i % 3), y: 150 * Math.floor(i / 3) }])) } } : model;
      const { document, report } = await toThreatDragon(source);
      const cells = cellsOf(document);
      const cell = (name: string) => cells.find((c) => c.data.name === name);
      expect(Object.fromEntries(['Customer', 'Shop front', 'Login service', 'Checkout', 'Users', 'Audit trail', 'Orders', 'Worker', 'Card vault'].map((n) => [n, ticked(cell(n))]))).toEqual({
        Customer: [],
        'Shop front': ['providesAuthentication', 'isWebApplication'],
        'Login service': ['providesAuthentication'],
        Checkout: ['handlesCardPayment'],
        Users: ['storesCredentials', 'isEncrypted'],
        'Audit trail': ['isALog'],
        Orders: [],
        Worker: [],
        'Card vault': ['handlesCardPayment'],
      });
      // Every kind of cell keeps all of its own checkboxes, unticked ones as false.
      expect(cell('Worker')?.data).toMatchObject({ handlesCardPayment: false, handlesGoodsOrServices: false, isWebApplication: false });
      expect(cell('Orders')?.data).toMatchObject({ isALog: false, storesCredentials: false, isEncrypted: false, isSigned: false, storesInventory: false });
      expect(cell('Customer')?.data).toMatchObject({ providesAuthentication: false });

      const flow = (id: string) => cells.find((c) => c.id === stableUuid(`cell:${id}`));
      expect(Object.fromEntries(['F1', 'F2', 'F3', 'F4', 'F5', 'F6'].map((f) => [f, ticked(flow(f))]))).toEqual({
        F1: ['isEncrypted', 'isPublicNetwork'],
        F2: ['isEncrypted', 'isBidirectional'],
        F3: [],
        F4: [],
        // B3 is untrusted but has a box of its own (the customer is in it): crossing it is not a public network.
        F5: [],
        F6: [],
      });

      // The untrusted line is the flag; the trusted line is a curve across its flow; neither is a box.
      const boxes = cells.filter((c) => c.shape === 'trust-boundary-box').map((c) => c.data.name);
      expect(boxes.sort()).toEqual(['Customers', 'Data centre']);
      const curves = cells.filter((c) => c.shape === 'trust-boundary-curve');
      expect(curves.map((c) => c.data.name)).toEqual(['Office line']);
      expect(curves[0]?.data.crossingFlows).toEqual([flow('F4')?.id]);
      expect(flow('F4')?.data.trustBoundaryIds).toEqual([curves[0]?.id]);
      expect(report.adjusted).toContainEqual({ subject: 'boundary B1', detail: expect.stringContaining('"public network" flag') as string });

      // Threat Dragon's own reading of the file (without our extension) finds the same meaning.
      const plain = importThreatDragon(JSON.stringify(withoutExtension(document)), { fileName: 'x.json' }).model;
      const back = (id: string) => plain?.components?.find((c) => c.name === model.components?.find((m) => m.id === id)?.name);
      const typeOfAsset = (id: string | undefined) => plain?.assets?.find((a) => a.id === id)?.type;
      expect(back('C2')?.properties?.['authenticates_users']).toBe(true);
      expect(back('C8')?.properties?.['authenticates_users']).toBeUndefined();
      expect(back('C5')?.assets?.stored?.map(typeOfAsset)).toEqual(['credentials']);
      expect(back('C5')?.properties?.['encrypted_at_rest']).toBe(true);
      expect(back('C4')?.assets?.processed?.map(typeOfAsset)).toEqual(['payment-card']);
      expect(back('C6')?.type).toBe('logs');
      const flowBack = (from: string, to: string) => plain?.flows?.find((f) => f.from === back(from)?.id && f.to === back(to)?.id);
      const crossedNames = (from: string, to: string) => (flowBack(from, to)?.crosses ?? []).map((b) => plain?.boundaries?.find((x) => x.id === b));
      expect(crossedNames('C1', 'C2')).toMatchObject([{ name: 'Public network', trust: 'untrusted' }]);
      expect(crossedNames('C4', 'C7')).toMatchObject([{ name: 'Office line' }]);
      expect(crossedNames('C2', 'C5')).toEqual([]);

      // And our own reading gives the model back (the importer lists boundaries kept only in the
      // extension, here the public network, after the drawn ones).
      const again = importThreatDragon(JSON.stringify(document), { fileName: 'x.json' });
      expect(again.issues).toEqual([]);
      const byId = (m: Model | undefined) => (m ? { ...m, layout: undefined, boundaries: [...(m.boundaries ?? [])].sort((x, y) => x.id.localeCompare(y.id)) } : m);
      expect(byId(again.model)).toEqual(byId(source));
    });

    it('reads no checkbox from a model that states nothing', async () => {
      const bare: Model = {
        threatwright: 1,
        system: { name: 'Bare' },
        components: [
          { id: 'C1', name: 'A', kind: 'external-entity' },
          { id: 'C2', name: 'B', kind: 'process' },
          { id: 'C3', name: 'C', kind: 'datastore' },
        ],
        flows: [
          { id: 'F1', from: 'C1', to: 'C2' },
          { id: 'F2', from: 'C2', to: 'C3' },
        ],
      };
      const cells = cellsOf((await toThreatDragon(bare)).document);
      expect(cells.flatMap(ticked)).toEqual([]);
      expect(cells.filter((c) => c.shape === 'flow').map((c) => c.data)).toEqual(cells.filter((c) => c.shape === 'flow').map(() => expect.objectContaining({ isBidirectional: false, isEncrypted: false, isPublicNetwork: false }) as unknown));
    });

    describe(`a file drawn in Threat Dragon${corpusNote}`, () => {
      it.skipIf(!corpusAvailable)('keeps its checkboxes on the same cells, and its curves as curves, through import and export', async () => {
        const original = corpusJson('threat-dragon/demo-threat-model.v2.json') as Record<string, unknown>;
        const model = importThreatDragon(JSON.stringify(original), { fileName: 'demo-threat-model.v2.json' }).model;
        if (!model) throw new Error('no model');
        const { document } = await toThreatDragon(model);
        const before = cellsOf(original);
        const after = new Map(cellsOf(document).map((c) => [c.id, c]));
        const changed: string[] = [];
        for (const c of before.filter((x) => ['actor', 'process', 'store', 'flow'].includes(x.shape))) {
          const out = after.get(c.id);
          expect(out, `cell ${c.data.name ?? c.id}`).toBeDefined();
          for (const f of FLAGS) if ((c.data[f] === true) !== (out?.data[f] === true)) changed.push(`${(c.data.name ?? '').replace(/\n/g, ' ')}: ${f} ${out?.data[f] === true ? 'ticked' : 'unticked'}`);
        }
        // The one change is implied by the model: the importer reports "Web Application" as a web-app by its name.
        expect(changed).toEqual(['Web Application: isWebApplication ticked']);
        expect(before.filter((c) => ticked(c).length > 0).length).toBeGreaterThan(5);

        // Its three curves stay curves over the same extent, crossed by the same flows; no box is drawn.
        const shapes = (cells: FlagCell[]) => cells.filter((c) => c.shape.startsWith('trust-')).map((c) => c.shape);
        expect(shapes([...after.values()])).toEqual(shapes(before));
        const extentOf = (c: FlagCell) => {
          const xs = [c.source?.x ?? 0, c.target?.x ?? 0, ...(c.vertices ?? []).map((v) => v.x)];
          const ys = [c.source?.y ?? 0, c.target?.y ?? 0, ...(c.vertices ?? []).map((v) => v.y)];
          return [extent(xs), extent(ys)];
        };
        expect([...after.values()].filter((c) => c.shape === 'trust-boundary-curve').map(extentOf)).toEqual(before.filter((c) => c.shape === 'trust-boundary-curve').map(extentOf));
        const plain = importThreatDragon(JSON.stringify(withoutExtension(document)), { fileName: 'x.json' }).model;
        const crossings = (m: Model | undefined) => (m?.flows ?? []).map((f) => [f.label, (f.crosses ?? []).map((b) => m?.boundaries?.find((x) => x.id === b)?.name)]);
        expect(crossings(plain)).toEqual(crossings(model));
      });
    });
  });

  describe(`imported corpus files${corpusNote}`, () => {
    it.skipIf(!corpusAvailable).each(['demo-threat-model.v2.json', 'demo-threat-model.v1.json', 'three-tier-web-app.json', 'test-reports-all-diagram-types.json'])('round-trips %s, positions included', async (file) => {
      const model = importThreatDragon(corpusText(`threat-dragon/${file}`), { fileName: file }).model;
      if (!model) throw new Error('no model');
      const { document } = await toThreatDragon(model);
      const back = importThreatDragon(JSON.stringify(document), { fileName: 'back.json' }).model;
      expect(back).toEqual(model);
    });
  });
});
