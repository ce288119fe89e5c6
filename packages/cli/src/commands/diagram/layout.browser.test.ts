/**
 * Layout quality, measured in Chromium: every SVG the diagram command writes (Graphviz) and the
 * Mermaid it writes, drawn by Mermaid itself, for the three examples and the Threat Dragon demo
 * model imported through the importer. From the bounding boxes of what is drawn the test asserts
 * that no label overlaps another label or a node it does not belong to, that no edge passes
 * through a node it does not connect, and that boundary titles stay inside their boxes.
 * Screenshots go to test-results/diagrams/ for a reviewer to look at.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, type Model } from '@threatwright/core';
import { importText } from '@threatwright/formats';
import { buildDiagram, renderDiagram, toMermaid, type ViewSpec } from '@threatwright/render';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env['THREATWRIGHT_CHROMIUM'] ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const SHOTS = path.join(ROOT, 'test-results/diagrams');
const TD_DEMO = path.resolve(ROOT, '../shared/corpus/threat-dragon/demo-threat-model.v2.json');
const HAVE_TD = existsSync(TD_DEMO);
const require = createRequire(import.meta.url);

function exampleModels(): [string, Model][] {
  const dir = path.join(ROOT, 'examples');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'threatmodel.yaml')))
    .map((d): [string, Model] => {
      const file = path.join(dir, d.name, 'threatmodel.yaml');
      const { model, issues } = loadModel({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') });
      if (!model) throw new Error(`${d.name} does not load: ${issues.map((i) => i.message).join('; ')}`);
      return [d.name, model];
    });
}

function threatDragonDemo(): Model {
  const { model, issues } = importText(readFileSync(TD_DEMO, 'utf8'), { fileName: path.basename(TD_DEMO) });
  if (!model) throw new Error(`the Threat Dragon demo does not import: ${issues.map((i) => i.message).join('; ')}`);
  return model;
}

function viewsOf(model: Model): [string, ViewSpec][] {
  const views: [string, ViewSpec][] = [['system', { kind: 'system' }]];
  if ((model.assets ?? []).length > 0) views.push(['assets', { kind: 'assets' }]);
  return views;
}

/** What the page reports: one line per defect, so a failure names the labels and nodes. */
interface Measured {
  width: number;
  height: number;
  labelOverlaps: string[];
  labelOnNode: string[];
  edgeThroughNode: string[];
  titleOutside: string[];
}

/**
 * Runs in the page over the drawn SVG. `kind` says whose SVG it is: Graphviz groups every node,
 * edge and cluster in a `g` with its title; Mermaid draws labels in HTML inside foreignObject and
 * edges as paths in order (`edges` gives their ends).
 */
function measure(arg: { kind: 'graphviz' | 'mermaid'; edges: [string, string][] }): Measured {
  type Box = { x0: number; y0: number; x1: number; y1: number };
  const svg = document.querySelector('svg');
  if (!svg) throw new Error('no svg');
  const shrink = (r: DOMRect, by: number): Box => ({ x0: r.left + by, y0: r.top + by, x1: r.right - by, y1: r.bottom - by });
  const hit = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const inside = (a: Box, b: Box) => a.x0 >= b.x0 - 0.5 && a.y0 >= b.y0 - 0.5 && a.x1 <= b.x1 + 0.5 && a.y1 <= b.y1 + 0.5;
  const fillHas = (shape: SVGGeometryElement, x: number, y: number) => {
    const m = shape.getScreenCTM();
    if (!m) return false;
    const p = new DOMPoint(x, y).matrixTransform(m.inverse());
    return shape.isPointInFill(p);
  };
  const textOf = (el: Element) => (el.textContent || '').trim().replace(/\s+/gu, ' ').slice(0, 40);

  // Owners: nodes (with their outline), edges, clusters (with their box); labels belong to one.
  const nodes: { id: string; el: Element; shape: SVGGeometryElement }[] = [];
  const clusters: { id: string; box: Box }[] = [];
  const labels: { owner: string; text: string; box: Box }[] = [];
  const paths: { id: string; from: string; to: string; path: SVGPathElement }[] = [];

  if (arg.kind === 'graphviz') {
    const title = (g: Element) => g.querySelector(':scope > title')?.textContent ?? '';
    for (const g of Array.from(svg.querySelectorAll('g.node'))) {
      const shape = g.querySelector<SVGGeometryElement>('ellipse, polygon, path');
      if (shape) nodes.push({ id: title(g), el: g, shape });
      for (const t of Array.from(g.querySelectorAll('text'))) labels.push({ owner: title(g), text: textOf(t), box: shrink(t.getBoundingClientRect(), 1) });
    }
    for (const g of Array.from(svg.querySelectorAll('g.edge'))) {
      const id = title(g);
      const [from = '', to = ''] = id.split(/->|--/u);
      const p = g.querySelector('path');
      if (p) paths.push({ id, from, to, path: p });
      for (const t of Array.from(g.querySelectorAll('text'))) labels.push({ owner: id, text: textOf(t), box: shrink(t.getBoundingClientRect(), 1) });
    }
    for (const g of Array.from(svg.querySelectorAll('g.cluster'))) {
      const outline = g.querySelector('polygon, path');
      if (!outline) continue;
      const box = shrink(outline.getBoundingClientRect(), 0);
      clusters.push({ id: title(g), box });
      for (const t of Array.from(g.querySelectorAll('text'))) labels.push({ owner: title(g), text: textOf(t), box: shrink(t.getBoundingClientRect(), 1) });
    }
  } else {
    // Mermaid writes each label as one <p> (lines split by <br>) inside a span in a foreignObject.
    const textsIn = (g: Element) => Array.from(g.querySelectorAll('span.nodeLabel > p, span.edgeLabel > p')).filter((t) => textOf(t) !== '');
    for (const g of Array.from(svg.querySelectorAll('g.node'))) {
      const shape = g.querySelector<SVGGeometryElement>('.label-container');
      if (shape) nodes.push({ id: g.id, el: g, shape });
      for (const t of textsIn(g)) labels.push({ owner: g.id, text: textOf(t), box: shrink(t.getBoundingClientRect(), 1) });
    }
    Array.from(svg.querySelectorAll('path.flowchart-link')).forEach((p, i) => {
      const [from = '', to = ''] = arg.edges[i] ?? [];
      paths.push({ id: p.getAttribute('data-id') ?? p.id, from, to, path: p as SVGPathElement });
    });
    for (const g of Array.from(svg.querySelectorAll('g.edgeLabel > g.label'))) {
      for (const t of textsIn(g)) labels.push({ owner: g.getAttribute('data-id') ?? '', text: textOf(t), box: shrink(t.getBoundingClientRect(), 1) });
    }
    for (const g of Array.from(svg.querySelectorAll('g.cluster'))) {
      const rect = g.querySelector(':scope > rect');
      if (!rect) continue;
      clusters.push({ id: g.id, box: shrink(rect.getBoundingClientRect(), 0) });
      for (const t of textsIn(g)) labels.push({ owner: g.id, text: textOf(t), box: shrink(t.getBoundingClientRect(), 1) });
    }
  }

  const labelOverlaps: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i];
      const b = labels[j];
      if (a && b && a.owner !== b.owner && a.text !== '' && b.text !== '' && hit(a.box, b.box)) labelOverlaps.push(`"${a.text}" (${a.owner}) overlaps "${b.text}" (${b.owner})`);
    }
  }

  const labelOnNode: string[] = [];
  for (const l of labels) {
    if (l.text === '') continue;
    for (const n of nodes) {
      if (n.id === l.owner) continue;
      const nb = n.shape.getBoundingClientRect();
      if (!hit(l.box, shrink(nb, 0))) continue;
      // A label touches a node when a point of it lies inside the node's outline.
      let touches = false;
      for (let fx = 0; fx <= 1 && !touches; fx += 0.25) for (let fy = 0; fy <= 1 && !touches; fy += 0.5) touches = fillHas(n.shape, l.box.x0 + fx * (l.box.x1 - l.box.x0), l.box.y0 + fy * (l.box.y1 - l.box.y0));
      if (touches) labelOnNode.push(`"${l.text}" (${l.owner}) lies on node ${n.id}`);
    }
  }

  const edgeThroughNode: string[] = [];
  const mine = (nodeId: string, end: string) => (arg.kind === 'graphviz' ? nodeId === end : nodeId.includes(`-${end}-`));
  for (const e of paths) {
    const len = e.path.getTotalLength();
    const m = e.path.getScreenCTM();
    if (!m) continue;
    const points: DOMPoint[] = [];
    for (let l = 0; l <= len; l += 2) points.push(e.path.getPointAtLength(l).matrixTransform(m));
    for (const n of nodes) {
      if (mine(n.id, e.from) || mine(n.id, e.to)) continue;
      const nb = n.shape.getBoundingClientRect();
      let run = 0;
      let crossed = false;
      for (const p of points) {
        if (p.x < nb.left || p.x > nb.right || p.y < nb.top || p.y > nb.bottom || !fillHas(n.shape, p.x, p.y)) run = 0;
        else if (++run >= 3) crossed = true;
      }
      if (crossed) edgeThroughNode.push(`edge ${e.id} passes through node ${n.id}`);
    }
  }

  const titleOutside: string[] = [];
  for (const c of clusters) {
    for (const l of labels.filter((x) => x.owner === c.id)) if (!inside(l.box, c.box)) titleOutside.push(`title "${l.text}" sticks out of ${c.id}`);
  }
  const r = svg.getBoundingClientRect();
  return { width: Math.round(r.width), height: Math.round(r.height), labelOverlaps, labelOnNode, edgeThroughNode, titleOutside };
}

/**
 * What Mermaid's own layout (dagre) still does on the examples: nested subgraph titles it
 * stacks on each other, and lines it routes through a subgraph's border across other nodes.
 * Before this layout work the same pictures had 17 label overlaps, 2 labels on nodes and 38 edges
 * through nodes; lower these when Mermaid improves.
 */
const MERMAID_CEILING: Record<string, { titles: number; onNodes: number; edges: number }> = {
  'payments-api system': { titles: 1, onNodes: 0, edges: 0 },
  'payments-api assets': { titles: 0, onNodes: 1, edges: 0 },
  'web-login system': { titles: 0, onNodes: 0, edges: 1 },
  'web-login assets': { titles: 3, onNodes: 0, edges: 19 },
};

interface Case {
  name: string;
  model: () => Model;
}

const cases: Case[] = HAVE_CHROMIUM ? exampleModels().map(([name, model]): Case => ({ name, model: () => model })) : [];
if (HAVE_TD) cases.push({ name: 'threat-dragon-demo', model: threatDragonDemo });

if (!HAVE_TD) {
  describe('the Threat Dragon demo model', () => {
    it.skip('is measured too when ../shared/corpus/threat-dragon/demo-threat-model.v2.json is beside the repository (skipped: not found)', () => undefined);
  });
}

describe.skipIf(!HAVE_CHROMIUM)(`diagram layout in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  async function show(markup: string, shot: string): Promise<void> {
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${markup}</body></html>`);
    await page.locator('svg').first().screenshot({ path: path.join(SHOTS, shot) });
  }

  function expectClean(name: string, m: Measured): void {
    expect(m.labelOverlaps, `${name}: labels on labels`).toEqual([]);
    expect(m.labelOnNode, `${name}: labels on nodes`).toEqual([]);
    expect(m.edgeThroughNode, `${name}: edges through nodes`).toEqual([]);
    expect(m.titleOutside, `${name}: boundary titles outside their boxes`).toEqual([]);
  }

  it('the measurement finds overlaps where they are (the check can fail)', async () => {
    const overlapping = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200"><g class="graph">
      <g class="node"><title>a</title><ellipse cx="60" cy="60" rx="40" ry="20"/><text x="60" y="64" text-anchor="middle">Alpha</text></g>
      <g class="node"><title>b</title><ellipse cx="240" cy="60" rx="40" ry="20"/><text x="240" y="64" text-anchor="middle">Beta</text></g>
      <g class="node"><title>c</title><ellipse cx="150" cy="60" rx="30" ry="20"/><text x="150" y="150" text-anchor="middle">Gamma</text></g>
      <g class="edge"><title>a->b</title><path d="M100,60 L200,60" fill="none" stroke="black"/><text x="150" y="152" text-anchor="middle">Flow label</text></g>
      <g class="cluster"><title>cluster_x</title><polygon points="10,100 90,100 90,190 10,190" fill="none" stroke="red"/><text x="50" y="115" text-anchor="middle">A title far too long for the box</text></g>
    </g></svg>`;
    await show(overlapping, 'self-check.png');
    const m = await page.evaluate(measure, { kind: 'graphviz' as const, edges: [] });
    expect(m.labelOverlaps).toHaveLength(1);
    expect(m.edgeThroughNode).toEqual(['edge a->b passes through node c']);
    expect(m.titleOutside).toHaveLength(1);
  });

  describe.each(cases)('$name', ({ name, model }) => {
    it.each(['system', 'assets'])('the %s view as SVG (Graphviz) is clean', async (viewName) => {
      const view = viewsOf(model()).find(([n]) => n === viewName)?.[1];
      if (!view) return;
      const svg = await renderDiagram(model(), 'svg', { view });
      await show(svg.slice(svg.indexOf('<svg')), `${name}-${viewName}.svg.png`);
      const m = await page.evaluate(measure, { kind: 'graphviz' as const, edges: [] });
      expectClean(`${name} ${viewName} svg (${m.width}×${m.height})`, m);
      const ratio = Math.max(m.width / m.height, m.height / m.width);
      expect(ratio, `${name} ${viewName}: ${m.width}×${m.height}`).toBeLessThanOrEqual(2.5);
    });

    it.each(['system', 'assets'])('the %s view as Mermaid, drawn by Mermaid, keeps flow labels apart and titles in their boxes', async (viewName) => {
      const view = viewsOf(model()).find(([n]) => n === viewName)?.[1];
      if (!view) return;
      const graph = buildDiagram(model(), { view });
      const text = toMermaid(graph);
      await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="out"></div></body></html>');
      await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
      const svg = await page.evaluate(async (src) => {
        const mm = (window as unknown as { mermaid: { initialize: (c: object) => void; render: (id: string, t: string) => Promise<{ svg: string }> } }).mermaid;
        mm.initialize({ startOnLoad: false, securityLevel: 'strict' });
        const { svg: out } = await mm.render('d', src);
        return out;
      }, text);
      await show(svg, `${name}-${viewName}.mermaid.png`);
      const nodeIds = new Map<string, string>();
      for (const line of text.split('\n')) {
        const m = /^\s*(n_[A-Za-z0-9_]+)[[({]/u.exec(line);
        if (m?.[1]) nodeIds.set(m[1], m[1]);
      }
      const edges = Array.from(text.matchAll(/^\s+(n_\w+) \S+ (?:\|[^\n]*\| )?(n_\w+)$/gmu), (m): [string, string] => [m[1] ?? '', m[2] ?? '']);
      const m = await page.evaluate(measure, { kind: 'mermaid' as const, edges });
      const where = `${name} ${viewName} mermaid (${m.width}×${m.height})`;
      // What the text decides (label widths, bundled opposite flows, the key) is held to the same
      // standard as the SVG: no flow label on another label or on a node, titles in their boxes.
      expect(m.labelOverlaps.filter((x) => !x.includes('(d-g_')), `${where}: flow labels on labels`).toEqual([]);
      expect(m.titleOutside, `${where}: boundary titles outside their boxes`).toEqual([]);
      // Mermaid places nested subgraph titles and routes lines itself, where it is shown; what it
      // does today is pinned so the text we write can only make it better.
      const pinned = MERMAID_CEILING[`${name} ${viewName}`] ?? { titles: 0, onNodes: 0, edges: 0 };
      expect(m.labelOverlaps.filter((x) => x.includes('(d-g_')).length, `${where}: ${m.labelOverlaps.join('; ')}`).toBeLessThanOrEqual(pinned.titles);
      expect(m.labelOnNode.length, `${where}: ${m.labelOnNode.join('; ')}`).toBeLessThanOrEqual(pinned.onNodes);
      expect(m.edgeThroughNode.length, `${where}: ${m.edgeThroughNode.join('; ')}`).toBeLessThanOrEqual(pinned.edges);
    });
  });
});
