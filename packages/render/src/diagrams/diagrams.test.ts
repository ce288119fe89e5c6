import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { beforeAll, describe, expect, it } from 'vitest';
import { adversarialModel, HOSTILE } from '../../test/fixtures/adversarial.js';
import { allModelFiles, loadFile, shop } from '../../test/fixtures/models.js';
import { checkMermaid } from '../../test/mermaid-check.js';
import { inventory } from '../../test/xml-check.js';
import type { Model } from '@threatwright/core';
import { bundleParallel, clipWords, wrapWords } from './graph.js';
import { buildDiagram, DiagramError, layoutDot, parseView, renderDiagram, toDot, toMermaid, TRUST_COLOUR, type ViewSpec } from './index.js';

let gv: Graphviz;
beforeAll(async () => {
  gv = await Graphviz.load();
});

/** Parses DOT with Graphviz itself; throws on a syntax error. Returns the node and cluster names. */
function parseDot(dot: string): { nodes: string[]; clusters: string[]; edges: number } {
  const json = JSON.parse(gv.dot(dot, 'dot_json')) as { objects?: { name: string; nodes?: number[] }[]; edges?: unknown[] };
  const objects = json.objects ?? [];
  return {
    nodes: objects.filter((o) => !o.nodes).map((o) => o.name),
    clusters: objects.filter((o) => o.nodes).map((o) => o.name),
    edges: (json.edges ?? []).length,
  };
}

describe('the whole-system view', () => {
  it('draws every component, each boundary as a dashed nested subgraph, and flows labelled with data and protocol', () => {
    const text = toMermaid(buildDiagram(shop()));
    const shape = checkMermaid(text);
    expect([...shape.nodes.keys()].filter((id) => id.startsWith('n_'))).toHaveLength(5);
    expect(shape.subgraphs).toEqual(['g_b_B1', 'g_b_B4', 'g_b_B5', 'g_b_B2', 'g_b_B3', 'key_key']);
    // B3 is nested in B2, nested in B5.
    const lines = text.split('\n');
    const indent = (needle: string) => (lines.find((l) => l.includes(needle)) ?? '').search(/\S/u);
    expect(indent('subgraph g_b_B3')).toBeGreaterThan(indent('subgraph g_b_B2'));
    expect(indent('subgraph g_b_B2')).toBeGreaterThan(indent('subgraph g_b_B5'));
    expect(text).toMatch(/style g_b_B2 [^\n]*stroke-dasharray/u);
    expect(shape.edges.find((e) => e.label?.includes('F1'))?.label).toBe('|"F1: Login<br>Credentials<br>HTTPS"|');
  });

  it('writes DOT that Graphviz parses, with one cluster per boundary', () => {
    const parsed = parseDot(toDot(buildDiagram(shop())));
    expect(parsed.nodes.sort()).toEqual(['c:C1', 'c:C2', 'c:C3', 'c:C4', 'c:C5']);
    expect(parsed.clusters.sort()).toEqual(['cluster_b:B1', 'cluster_b:B2', 'cluster_b:B3', 'cluster_b:B4', 'cluster_b:B5']);
    expect(parsed.edges).toBe(4);
  });

  it('renders SVG in-process with element ids and the flow labels', async () => {
    const svg = await renderDiagram(shop(), 'svg');
    expect(svg).toMatch(/<svg[^>]+viewBox/u);
    expect(svg).toContain('id="c:C3"');
    expect(svg).toContain('Verify password');
    expect(svg).toMatch(/stroke-dasharray/u);
  });
});

describe('views', () => {
  it('a tag view shows the feature and its detail (tech, authentication), not the rest', () => {
    const g = buildDiagram(shop(), { view: parseView('tag:login') });
    expect(g.nodes.map((n) => n.key).sort()).toEqual(['c:C1', 'c:C2', 'c:C5']);
    expect(g.edges.map((e) => e.key).sort()).toEqual(['f:F1', 'f:F2']);
    expect(g.nodes.find((n) => n.key === 'c:C2')?.label.join(' ')).toContain('Node.js 20');
    expect(g.edges.find((e) => e.key === 'f:F2')?.label.join(' ')).toContain('auth: mtls');
  });

  it('feature: is an alias of tag:', () => {
    expect(parseView('feature:checkout')).toEqual({ kind: 'tag', tag: 'checkout' });
  });

  it('a boundary view shows what is inside (nested boundaries too) and its neighbours faded', () => {
    const g = buildDiagram(shop(), { view: parseView('boundary:B2') });
    expect(g.nodes.map((n) => n.key).sort()).toEqual(['c:C1', 'c:C2', 'c:C3', 'c:C4', 'c:C5']);
    expect(g.nodes.filter((n) => n.dim).map((n) => n.key).sort()).toEqual(['c:C1', 'c:C4']);
    const g3 = buildDiagram(shop(), { view: parseView('boundary:B3') });
    expect(g3.nodes.filter((n) => !n.dim).map((n) => n.key)).toEqual(['c:C3']);
    expect(g3.nodes.filter((n) => n.dim).map((n) => n.key)).toEqual(['c:C2']);
  });

  it('the data-asset view links each asset to where it is stored, processed and received', () => {
    const g = buildDiagram(shop(), { view: parseView('assets') });
    const edge = (c: string, a: string) => g.edges.find((e) => e.from === `c:${c}` && e.to === `a:${a}`);
    // The line style says how (the key explains it); the tooltip says through which flows.
    expect(edge('C3', 'A3')?.tooltip).toContain('stores, receives via F3');
    expect(edge('C3', 'A3')?.style).toBe('solid');
    expect(edge('C2', 'A1')?.tooltip).toContain('processes, receives via F1');
    expect(edge('C2', 'A1')?.style).toBe('dashed');
    expect(edge('C5', 'A1')?.tooltip).toContain('stores, receives via F2');
    expect(g.edges.every((e) => e.label.length === 0)).toBe(true);
    expect(g.legend?.lines.map((l) => `${l.style}: ${l.meaning}`)).toEqual(['solid: stores', 'dotted: receives (flows in the tooltip)', 'dashed: processes']);
    expect(g.nodes.filter((n) => n.shape === 'asset')).toHaveLength(3);
    expect(g.nodes.find((n) => n.key === 'a:A1')?.label.join(' ')).toContain('secret');
  });

  it('attack trees draw AND/OR gates and the mitigations on leaves', () => {
    const g = buildDiagram(shop(), { view: parseView('attack-tree:AT1') });
    expect(g.direction).toBe('TB');
    expect(g.nodes).toHaveLength(5);
    expect(g.nodes[0]?.shape).toBe('goal');
    expect(g.nodes.find((n) => n.label.join(' ').includes('Steal the session'))?.label).toContain('AND — all of');
    expect(g.nodes.find((n) => n.label.join(' ').includes('stuff the password'))?.label.join(' ')).toContain('mitigated by: Rate-limit');
    expect(g.edges).toHaveLength(4);
    checkMermaid(toMermaid(g));
    expect(parseDot(toDot(g)).nodes).toHaveLength(5);
  });

  it('the risk overlay colours elements and flows by their band', () => {
    const overlay = new Map([['C2', 'P0' as const], ['F1', 'P1' as const], ['B3', 'P2' as const]]);
    const g = buildDiagram(shop(), { overlay });
    const mermaid = toMermaid(g);
    expect(mermaid).toMatch(/class n_c_C2 riskP0/u);
    expect(mermaid).toMatch(/linkStyle 0 stroke:#d9730d/u);
    // A boundary at risk is filled with its band's colour; its outline keeps its trust colour.
    expect(mermaid).toMatch(/style g_b_B3 fill:#fcf3cf,stroke:#[0-9a-f]{6},stroke-width:3px/u);
    // The key lists the bands the picture uses, and only those.
    expect(mermaid).toContain('"P0 critical risk"');
    expect(mermaid).toContain('"P2 medium risk"');
    expect(mermaid).not.toContain('"P3 low risk"');
    const dot = toDot(g);
    expect(dot).toMatch(/"c:C2" \[[^\n]*fillcolor="#fde2e1", color="#b42318"/u);
  });

  it.each<[string, string]>([
    ['tag:nope', 'no component or flow has the tag "nope"'],
    ['boundary:B9', 'no boundary with id "B9"'],
    ['attack-tree:AT9', 'no attack tree with id "AT9"'],
  ])('an unknown %s is a clear error that lists what exists', (view, message) => {
    expect(() => buildDiagram(shop(), { view: parseView(view) })).toThrow(DiagramError);
    expect(() => buildDiagram(shop(), { view: parseView(view) })).toThrow(message);
  });

  it('rejects an unknown view name with the list of views', () => {
    expect(() => parseView('everything')).toThrow(/unknown view "everything"/u);
  });
});

const VIEWS: ViewSpec[] = [{ kind: 'system' }, { kind: 'tag', tag: 'feature' }, { kind: 'boundary', id: 'B2' }, { kind: 'assets' }, { kind: 'attack-tree' }];

describe('hostile text in every view and format', () => {
  const model = adversarialModel();
  it.each(VIEWS.map((v) => [v.kind, v] as const))('the %s view stays well-formed in Mermaid and DOT', (_name, view) => {
    const g = buildDiagram(model, { view });
    const shape = checkMermaid(toMermaid(g));
    expect([...shape.nodes.keys()].filter((id) => !id.startsWith('key_'))).toHaveLength(g.nodes.length);
    const parsed = parseDot(toDot(g));
    expect(parsed.nodes).toHaveLength(g.nodes.length);
  });

  it('SVG shows the hostile names as text: no script element, no event handler, no foreign markup', async () => {
    const svg = await renderDiagram(model, 'svg');
    const inv = inventory(svg);
    expect([...inv.elements].filter((e) => !['svg', 'g', 'title', 'text', 'polygon', 'path', 'ellipse', 'a', 'polyline'].includes(e))).toEqual([]);
    expect([...inv.attributes].filter((a) => a.startsWith('on'))).toEqual([]);
    expect(inv.text).toContain('<script>alert(1)</script>');
    expect(inv.text).toContain('[click me](javascript:alert(1))');
    expect(svg).toContain('⟨U+202E⟩');
    expect(svg).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    // Long names are shortened and wrapped in boxes (the tooltip has more), so no line of text is wide.
    const textLines = Array.from(svg.matchAll(/<text[^>]*>([^<]*)<\/text>/gu), (m) => Array.from((m[1] ?? '').replace(/&[#\w]+;/gu, '_')).length);
    expect(textLines.reduce((m, n) => Math.max(m, n), 0)).toBeLessThanOrEqual(60);
    expect(svg).not.toContain('x'.repeat(400));
  });

  it('Mermaid keeps code fences and HTML out of labels', () => {
    const text = toMermaid(buildDiagram(model));
    expect(text).not.toContain('```');
    expect(text).not.toContain('<script');
    expect(HOSTILE.length).toBeGreaterThan(20);
  });
});

describe('every example', () => {
  it.each(allModelFiles())('%s renders in every format and view it has', async (_name, file) => {
    const { model } = loadFile(file);
    const views: ViewSpec[] = [{ kind: 'system' }, { kind: 'assets' }];
    for (const b of model.boundaries ?? []) views.push({ kind: 'boundary', id: b.id });
    const tags = new Set([...(model.components ?? []).flatMap((c) => c.tags ?? []), ...(model.flows ?? []).flatMap((f) => f.tags ?? [])]);
    for (const t of tags) views.push({ kind: 'tag', tag: t });
    if ((model.attack_trees ?? []).length > 0) views.push({ kind: 'attack-tree' });
    for (const view of views) {
      const g = buildDiagram(model, { view });
      checkMermaid(toMermaid(g));
      parseDot(toDot(g));
    }
    const svg = await renderDiagram(model, 'svg');
    expect(svg).toContain('<svg');
  });
});

describe('labels, key and layout', () => {
  const chain = (n: number, label: string): Model => ({
    threatwright: 1,
    system: { name: 'Chain' },
    boundaries: [{ id: 'B1', name: 'A boundary whose name is much longer than anything inside it', trust: 'high' }],
    components: Array.from({ length: n }, (_, i) => ({ id: `C${i}`, name: `Step ${i}`, kind: 'process' as const, ...(i === 1 ? { boundary: 'B1' } : {}) })),
    flows: Array.from({ length: n - 1 }, (_, i) => ({ id: `F${i}`, from: `C${i}`, to: `C${i + 1}`, label })),
  });

  it('wraps and shortens labels only at word boundaries', () => {
    const label = 'Forward the request with the caller verified identity and the idempotency key';
    const g = buildDiagram(chain(3, label));
    const words = new Set(`F0: ${label}`.split(' '));
    const lines = g.edges[0]?.label ?? [];
    expect(lines.length).toBeGreaterThan(1);
    for (const w of lines.join(' ').replace(/…$/u, '').split(' ')) expect(words.has(w), w).toBe(true);
    expect(lines.join(' ')).toMatch(/…$/u);
    expect(clipWords('Payment instruction, Account holder and beneficiary details', 30)).toBe('Payment instruction, Account…');
    // A token longer than a line breaks after its own separators, never inside a word.
    expect(wrapWords('see https://example.com/a/very/long/path/to/something here', 16)).toEqual(['see https://', 'example.com/a/', 'very/long/path/', 'to/something', 'here']);
  });

  it('draws flows between the same two elements as one Graphviz edge that lists each flow and where it goes', () => {
    const m = chain(2, 'Request');
    m.flows?.push({ id: 'F9', from: 'C1', to: 'C0', label: 'Response' });
    const g = buildDiagram(m);
    const dot = toDot(g);
    expect(parseDot(dot).edges).toBe(1);
    expect(dot).toContain('"F0: Request\\n→ Step 1\\n\\nF9: Response\\n→ Step 0"');
    expect(dot).toContain('dir=both');
    // Mermaid gets the same bundle for flows running both ways, but keeps same-direction flows apart.
    expect(checkMermaid(toMermaid(g)).edges).toHaveLength(1);
    m.flows?.push({ id: 'F10', from: 'C0', to: 'C1', label: 'Again' });
    expect(bundleParallel(buildDiagram(m), 'opposite')).toHaveLength(1);
    const same = chain(2, 'Request');
    same.flows?.push({ id: 'F9', from: 'C0', to: 'C1', label: 'Another' });
    expect(checkMermaid(toMermaid(buildDiagram(same))).edges).toHaveLength(2);
  });

  it('keys what the picture shows: element kinds, trust colours of the boundaries, line styles, risk bands', () => {
    const g = buildDiagram(shop(), { overlay: new Map([['C2', 'P1' as const]]) });
    expect(g.legend?.shapes).toEqual(['process', 'datastore', 'external']);
    expect(g.legend?.bands).toEqual(['P1']);
    const dot = toDot(g);
    expect(dot).toContain('process (oval)');
    expect(dot).toContain('P1 high');
    expect(dot).not.toContain('P0 critical');
    for (const t of g.legend?.trust ?? []) expect(dot).toContain(`COLOR="${TRUST_COLOUR[t]}"`);
    // Each boundary is outlined in its trust's colour.
    expect(dot).toMatch(new RegExp(`"cluster_b:B2" \\{\\n\\s+graph \\[[^\\]]*color="${TRUST_COLOUR.high}"`, 'u'));
    expect(buildDiagram(shop(), { view: { kind: 'attack-tree' } }).legend).toBeUndefined();
    expect(buildDiagram(shop(), { legend: false }).legend).toBeUndefined();
  });

  it('lays a chain out in whichever direction comes closer to 3:2, and fits boundary titles in their boxes', async () => {
    const g = buildDiagram(chain(4, 'Hand the order over to the next step'));
    const ratio = (dot: string) => {
      // eslint-disable-next-line no-control-regex
      const [, , w = 0, h = 1] = (JSON.parse(gv.dot(dot, 'json').replace(/[\u0000-\u001f]/gu, ' ')) as { bb: string }).bb.split(',').map(Number);
      return w / h;
    };
    const off = (r: number) => (r > 1.5 ? 1.5 : 1) * Math.abs(Math.log(r / 1.5));
    const chosen = await layoutDot(g);
    const lr = ratio(toDot(g, { direction: 'LR' }));
    const tb = ratio(toDot(g, { direction: 'TB' }));
    expect(off(ratio(chosen))).toBeLessThanOrEqual(Math.min(off(lr), off(tb)) + 0.06);
    // Written top to bottom, the same graph comes out the other way round.
    const turned = await layoutDot({ ...g, direction: 'TB' });
    expect(ratio(turned)).toBeCloseTo(ratio(chosen), 1);
    // eslint-disable-next-line no-control-regex
    const laid = JSON.parse(gv.dot(chosen, 'json').replace(/[\u0000-\u001f]/gu, ' ')) as { objects: { name: string; bb?: string; lwidth?: number }[] };
    const box = laid.objects.find((o) => o.name === 'cluster_b:B1');
    const [x0 = 0, , x1 = 0] = (box?.bb ?? '').split(/[ ,]/u).map(Number);
    expect((box?.lwidth ?? Infinity) * 72).toBeLessThanOrEqual(x1 - x0);
  });
});
