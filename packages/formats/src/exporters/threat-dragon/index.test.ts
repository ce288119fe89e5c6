import { describe, expect, it } from 'vitest';
import { loadModel, type Model } from '@threatwright/core';
import { corpusAvailable, corpusNote, corpusText, exampleModels, loadErrors } from '../../../test/corpus.js';
import { importThreatDragon } from '../../importers/threat-dragon/index.js';
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
    const { document, notes } = await toThreatDragon(model);
    const doc = document as unknown as TdDocument;
    expect(doc.detail.diagrams.map((d) => [(d as unknown as { title: string }).title, d.cells.length])).toEqual([
      ['Login', 3],
      ['Batch', 1],
    ]);
    expect(notes.map((n) => n.subject)).toContain('flow F2');
    const back = importThreatDragon(JSON.stringify(document), { fileName: 'x.json' }).model;
    expect(withoutLayout(back)).toEqual(model);
  });

  it('gives stable UUID-shaped ids', () => {
    expect(stableUuid('cell:C1')).toBe(stableUuid('cell:C1'));
    expect(stableUuid('cell:C1')).not.toBe(stableUuid('cell:C2'));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
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
