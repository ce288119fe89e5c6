/**
 * The canvas measured in Debian's Chromium, as a person first sees it at 1440 × 900: on each
 * example and on a Threat Dragon model imported with `threatwright import`, no flow label overlaps
 * another label or a component, no flow passes through a component it does not connect, component
 * text is drawn at 11 px or more, and a click at a component's centre selects that component.
 *
 * Screenshots go to test-results/canvas/ (ignored by git). With THREATWRIGHT_README_SHOT set, the
 * web-login screenshot is also written to docs/images/editor.png, the picture the README shows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '@threatwright/server';

const CHROMIUM = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const webRoot = path.join(repo, 'packages/web/dist');
const shots = path.join(repo, 'test-results/canvas');
const corpus = path.join(repo, '../shared/corpus/threat-dragon');
const tdDemo = path.join(corpus, 'demo-threat-model.v2.json');
const cli = path.join(repo, 'packages/cli/bin/threatwright.js');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the canvas's browser tests: ${CHROMIUM} is not installed (apt-get install chromium).`);
const hasDemo = existsSync(tdDemo);
if (!hasDemo) console.warn(`Skipping the canvas test on the Threat Dragon demo model: ${tdDemo} is not there (the corpus of other tools' files lies beside the repository).`);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

let browser: Browser;
let dir: string;

async function buildIfMissing(): Promise<void> {
  if (existsSync(path.join(webRoot, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(repo, 'packages/web/vite.config.ts'), logLevel: 'warn' });
}

const hit = (a: Box, b: Box, gap = 0) => a.x < b.x + b.width - gap && b.x < a.x + a.width - gap && a.y < b.y + b.height - gap && b.y < a.y + a.height - gap;

/** Everything the canvas shows, in page pixels (the diagram as laid out, read from the drawn page). */
async function measure(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const nodes = [...document.querySelectorAll('.react-flow__node-component')].map((n) => ({ id: n.getAttribute('data-id') ?? '', box: box(n) }));
    const labels = [...document.querySelectorAll('.flow-label')].map((l) => ({ id: (l.getAttribute('data-testid') ?? '').replace(/^flow-/, ''), box: box(l) }));
    // Each flow's path as points in page pixels, sampled along its length.
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((g) => {
      const p = g.querySelector<SVGPathElement>('path.flow-edge');
      const id = g.getAttribute('data-id') ?? '';
      if (!p) return { id, points: [] as { x: number; y: number }[] };
      const m = p.getScreenCTM();
      const len = p.getTotalLength();
      const points: { x: number; y: number }[] = [];
      for (let d = 0; d <= len; d += 3) {
        const q = p.getPointAtLength(d);
        points.push(m ? { x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f } : { x: q.x, y: q.y });
      }
      return { id, points };
    });
    // The smallest text drawn on a component, in screen pixels.
    const zoom = (() => {
      const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      const m = /scale\(([\d.]+)\)/.exec(t);
      return m ? Number(m[1]) : 1;
    })();
    let smallest = Infinity;
    for (const el of document.querySelectorAll('.react-flow__node-component .node-kind, .react-flow__node-component .node-name, .react-flow__node-component .node-id')) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * zoom);
    }
    const canvas = box(document.querySelector('.react-flow') as Element);
    return { nodes, labels, edges, smallest, zoom, canvas };
  });
}

async function open(file: string, name: string, minComponents: number, laidOut: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
  const server = await startServer({ file, port: 0, webRoot });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await expect.poll(() => page.locator('.react-flow__node-component').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(minComponents);
  // Let the automatic layout land and the view settle.
  // A model without positions is laid out by ELK after the first drawing: wait for it to land.
  if (laidOut) await page.waitForSelector('[data-testid="canvas"]:not([data-layouts="0"])', { timeout: 20_000 });
  // Then let the view settle: the same boxes for a whole second.
  let last = '';
  let same = 0;
  for (let i = 0; i < 80 && same < 5; i++) {
    await page.waitForTimeout(200);
    const now = await page.evaluate(() => [...document.querySelectorAll('.react-flow__node-component, .flow-label, .react-flow__viewport')].map((n) => { const r = n.getBoundingClientRect(); return `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}`; }).join(';'));
    same = now === last ? same + 1 : 0;
    last = now;
  }
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  expect(errors).toEqual([]);
  return { page, close: async () => { await page.close(); await server.close(); } };
}

/** Pans the view so that (x, y) in page pixels is inside the canvas, for a click on it. */
async function checkDiagram(page: Page, name: string): Promise<void> {
  const first = await measure(page);
  expect(first.smallest, `${name}: component text at the first view`).toBeGreaterThanOrEqual(11);
  // What is laid out beyond the first view is measured all the same: the boxes are read in page
  // pixels whatever lies outside the window.
  const { nodes, labels, edges } = first;
  const problems: string[] = [];
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) if (hit(a.box, b.box, 0.5)) problems.push(`label ${a.id} overlaps label ${b.id}`);
    for (const n of nodes) if (hit(a.box, n.box, 0.5)) problems.push(`label ${a.id} overlaps component ${n.id}`);
  }
  const flows = await page.evaluate(() => [...document.querySelectorAll('.react-flow__edge')].map((g) => g.getAttribute('data-id') ?? ''));
  expect(flows.length).toBe(edges.length);
  const ends = await flowEnds(page);
  for (const e of edges) {
    const [from, to] = ends.get(e.id) ?? [];
    for (const n of nodes) {
      if (n.id === from || n.id === to) continue;
      const inner = { x: n.box.x + 2, y: n.box.y + 2, width: n.box.width - 4, height: n.box.height - 4 };
      if (e.points.some((p) => p.x > inner.x && p.x < inner.x + inner.width && p.y > inner.y && p.y < inner.y + inner.height)) problems.push(`flow ${e.id} passes through component ${n.id}`);
    }
  }
  expect(problems, name).toEqual([]);
  // A click at each component's centre selects that component, never a flow; the view is panned
  // to bring it in first when it lies outside.
  for (const n of nodes) {
    const locator = page.locator(`.react-flow__node-component[data-id="${n.id}"]`);
    let b = await locator.boundingBox();
    const canvas = first.canvas;
    // The minimap and the zoom buttons float over the canvas: a component under them is panned out too.
    const panels = await page.evaluate(() => [...document.querySelectorAll('.react-flow__minimap, .react-flow__controls, .react-flow__attribution')].map((e) => { const r = e.getBoundingClientRect(); return { x: r.x - 8, y: r.y - 8, width: r.width + 16, height: r.height + 16 }; }));
    const outside = (r: Box) => r.x < canvas.x + 4 || r.y < canvas.y + 4 || r.x + r.width > canvas.x + canvas.width - 4 || r.y + r.height > canvas.y + canvas.height - 4 || panels.some((p) => hit(p, { x: r.x + r.width / 2 - 1, y: r.y + r.height / 2 - 1, width: 2, height: 2 }));
    for (let step = 0; step < 16 && b && outside(b); step++) {
      const dx = Math.max(-canvas.width * 0.4, Math.min(canvas.width * 0.4, canvas.x + canvas.width / 2 - (b.x + b.width / 2)));
      const dy = Math.max(-canvas.height * 0.4, Math.min(canvas.height * 0.4, canvas.y + canvas.height / 2 - (b.y + b.height / 2)));
      // Pan with the minimap (a drag there moves the view over the diagram), by the distance in
      // diagram units converted to the minimap's scale.
      const mini = await page.evaluate(() => {
        const svg = document.querySelector('.react-flow__minimap svg');
        const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
        const zoom = Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? '1');
        if (!svg) return undefined;
        const r = svg.getBoundingClientRect();
        const vb = (svg.getAttribute('viewBox') ?? '0 0 1 1').split(/\s+/).map(Number);
        return { x: r.x + r.width / 2, y: r.y + r.height / 2, perPixel: Math.max((vb[2] ?? 1) / r.width, (vb[3] ?? 1) / r.height), zoom };
      });
      if (!mini) throw new Error('the minimap is not drawn');
      await page.mouse.move(mini.x, mini.y);
      await page.mouse.down();
      await page.mouse.move(mini.x - dx / mini.zoom / mini.perPixel, mini.y - dy / mini.zoom / mini.perPixel, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(100);
      b = await locator.boundingBox();
    }
    if (!b) throw new Error(`component ${n.id} is not drawn`);
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    await expect.poll(() => page.locator('.react-flow__node-component.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), { timeout: 2000 }).toEqual([n.id]);
    expect(await page.locator('.react-flow__edge.selected').count(), `${name}: click on ${n.id}`).toBe(0);
  }
}

/** Each flow's two components, read from the model the page was given. */
async function flowEnds(page: Page): Promise<Map<string, [string, string]>> {
  const pairs = await page.evaluate(() => [...document.querySelectorAll('.react-flow__edge')].map((g) => {
    const id = g.getAttribute('data-id') ?? '';
    const label = g.getAttribute('aria-label') ?? '';
    return { id, label };
  }));
  const out = new Map<string, [string, string]>();
  for (const p of pairs) {
    // React Flow names an edge "Edge from <source> to <target>".
    const m = /from (\S+) to (\S+)/.exec(p.label);
    if (m) out.set(p.id, [m[1] as string, m[2] as string]);
  }
  return out;
}

describe.skipIf(!hasChromium)('the canvas at first view, measured', () => {
  beforeAll(async () => {
    await buildIfMissing();
    await mkdir(shots, { recursive: true });
    dir = await mkdtemp(path.join(tmpdir(), 'tw-canvas-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });

  const examples = ['web-login', 'payments-api', 'blog'];
  for (const name of examples) {
    it(`${name}: readable, no overlaps, flows around components, a click selects the component under it`, async () => {
      const file = path.join(dir, name, 'threatmodel.yaml');
      await mkdir(path.dirname(file), { recursive: true });
      await copyFile(path.join(repo, 'examples', name, 'threatmodel.yaml'), file);
      const { page, close } = await open(file, name, 3, true);
      try {
        if (name === 'web-login' && process.env['THREATWRIGHT_README_SHOT']) {
          await mkdir(path.join(repo, 'docs/images'), { recursive: true });
          await page.screenshot({ path: path.join(repo, 'docs/images/editor.png') });
        }
        await checkDiagram(page, name);
      } finally {
        await close();
      }
    }, 90_000);
  }

  it.skipIf(!hasDemo)('the imported Threat Dragon demo model: curves drawn as lines, readable, no overlaps, clicks select components', async () => {
    const file = path.join(dir, 'td', 'threatmodel.yaml');
    await mkdir(path.dirname(file), { recursive: true });
    execFileSync(process.execPath, [cli, 'import', tdDemo, '-o', file, '--force'], { stdio: 'pipe' });
    expect((await readdir(path.dirname(file))).includes('threatmodel.yaml')).toBe(true);
    const { page, close } = await open(file, 'threat-dragon-demo', 3, false);
    try {
      // The demo's boundary curve is a line across the flows that cross it, not a box over the nodes.
      expect(await page.locator('.react-flow__node-boundaryLine').count()).toBeGreaterThan(0);
      await checkDiagram(page, 'threat-dragon-demo');
      // A boundary line is selected by a click on its name.
      const name = page.locator('.boundary-line-name').first();
      await name.scrollIntoViewIfNeeded();
      const nb = await name.boundingBox();
      if (!nb) throw new Error('the boundary line has no name drawn');
      await page.mouse.click(nb.x + nb.width / 2, nb.y + nb.height / 2);
      await expect.poll(() => page.locator('.react-flow__node-boundaryLine.selected').count(), { timeout: 2000 }).toBe(1);
    } finally {
      await close();
    }
  }, 90_000);
});
