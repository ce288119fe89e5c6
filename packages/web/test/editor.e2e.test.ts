/**
 * End-to-end: the real server and the built editor in Debian's Chromium. Opens an example,
 * draws a component and a flow across a trust boundary, triages the threat that appears, saves,
 * and checks the file on disk; then changes the file behind the editor's back.
 *
 * Screenshots go to test-results/editor/ (ignored by git).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { analyze, bandName, BANDS, loadModel, type Model } from '@threatwright/core';
import { startServer, type RunningServer } from '@threatwright/server';
import { nextId } from '../src/model/ops.js';

const CHROMIUM = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const webRoot = path.join(repo, 'packages/web/dist');
const example = path.join(repo, 'examples/web-login/threatmodel.yaml');
const shots = path.join(repo, 'test-results/editor');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the editor's end-to-end tests: ${CHROMIUM} is not installed (apt-get install chromium).`);

let browser: Browser;
let server: RunningServer;
let dir: string;
let file: string;
let page: Page;
/** Ids the editor will give the new elements, whatever the example holds today. */
let C: string;
let F: string;
let R: string;
let C2nd: string;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

async function buildIfMissing(): Promise<void> {
  if (existsSync(path.join(webRoot, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(repo, 'packages/web/vite.config.ts'), logLevel: 'warn' });
}

async function openPage(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  p.setDefaultTimeout(8000);
  p.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(server.url);
  await p.waitForSelector('[data-testid="node-C1"]');
  return p;
}


/** A locator's box once two reads 100 ms apart agree: nodes animate into place after layout changes. */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox();
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await locator.boundingBox();
    if (last && next && Math.abs(next.x - last.x) < 0.5 && Math.abs(next.y - last.y) < 0.5) return next;
    last = next;
  }
  if (!last) throw new Error('handle not found');
  return last;
}

describe.skipIf(!hasChromium)('the editor in a browser', () => {
  beforeAll(async () => {
    await buildIfMissing();
    dir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-'));
    file = path.join(dir, 'threatmodel.yaml');
    await copyFile(example, file);
    const m = parse(await readFile(example, 'utf8')) as Model;
    C = nextId(m, 'C');
    F = nextId(m, 'F');
    R = nextId(m, 'R');
    C2nd = `C${Number(C.slice(1)) + 1}`;
    await mkdir(shots, { recursive: true });
    server = await startServer({ file, port: 0, webRoot });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await openPage();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the example with its diagram and threats, under the strict CSP, and removes the token from the address', async () => {
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(8);
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(5);
    await page.getByText('Credential stuffing against the login').waitFor();
    expect(page.url()).not.toContain('token');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(shots, '1-opened.png') });
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('says what `threatwright analyze` says: the same open count, the same counts by band, the same first threat and rating', async () => {
    const { model, issues } = loadModel({ file, text: await readFile(file, 'utf8') });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const core = analyze(model as Model);
    const open = core.risk.posture.open;
    const tab = page.getByRole('tab', { name: /Threats/ });
    await tab.click();
    await expect.poll(() => tab.locator('.count').first().innerText()).toBe(String(open.total));
    expect(await tab.locator('.count.baseline').innerText()).toBe(`+${String(core.risk.posture.baseline.total)}`);
    const chips = await page.locator('[data-testid="open-by-band"] .band-chip').allInnerTexts();
    expect(chips).toEqual(BANDS.map((b) => `${bandName(b)} ${String(open[b])}`));
    // The list opens on the open threats, as many as the tab says, highest risk first with the CLI's rating.
    await expect.poll(() => page.locator('.threats .summary').innerText()).toContain(`${String(open.total)} of ${String(core.counts.threats)} threats`);
    const first = page.locator('.threats > .threat-list > li').first();
    expect(await first.getAttribute('data-testid')).toBe('threat-T1');
    expect(await first.locator('.band-pill').innerText()).toBe('P0 critical 4×5');
    // Every tab fits beside the counts, with nothing scrolled out of sight.
    expect(await page.locator('.tabs').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  });

  it('lists baseline entries apart from the threats: a collapsed group with its count, per element with the questions', async () => {
    const tab = page.getByRole('tab', { name: /Threats/ });
    await tab.click();
    const group = page.locator('[data-testid="baseline"]');
    await group.waitFor();
    // Collapsed: no entry drawn, and no threat row above it is a baseline entry.
    expect(await group.getAttribute('open')).toBeNull();
    expect(await page.locator('.threats > .threat-list [data-confidence="baseline"]').count()).toBe(0);
    expect(await page.locator('.threats > .threat-list [data-confidence="confirmed"]').count()).toBeGreaterThan(0);
    const count = Number(await group.locator('summary .count').innerText());
    expect(count).toBeGreaterThan(0);
    expect(await tab.locator('.count.baseline').getAttribute('aria-label')).toBe(`${count} baseline`);
    await expect.poll(async () => page.locator('.threats .summary').innerText()).toContain(`· ${count} baseline`);
    await group.locator('summary').click();
    const web = group.locator('[data-testid="baseline-C2"]');
    await web.waitFor();
    expect(await web.innerText()).toContain('Web app');
    expect(await web.locator('.questions li').count()).toBeGreaterThan(0);
    expect(await group.locator('[data-confidence="baseline"]').count()).toBe(count);
    expect(await group.locator('[data-testid^="threat-"]').count()).toBe(count);
    // A specific finding is never in the group.
    expect(await group.locator('[data-testid="threat-csrf@C2"]').count()).toBe(0);
    await group.evaluate((el) => { el.scrollIntoView({ block: 'start' }); });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, '1b-baseline.png') });
    await group.locator('summary').click();
    expect(pageErrors).toEqual([]);
  });

  it('adds a component, connects a flow across a boundary, shows the new threat, triages it and saves without losing comments', async () => {
    const before = await readFile(file, 'utf8');
    await page.getByRole('button', { name: '+ Process' }).click();
    const node = page.locator(`[data-testid="node-${C}"]`);
    await node.waitFor();
    // Put the new process in the production account (B2) through the properties panel.
    await page.getByRole('tab', { name: /Properties/ }).click();
    await page.getByLabel('Name *').fill('Orders API');
    await page.getByLabel('Boundary').selectOption('B2');
    await expect.poll(() => node.textContent()).toContain('Orders API');

    // Drag a flow from the customer's browser (Internet, untrusted) to the new process.
    const from = page.locator('.react-flow__node[data-id="C1"] .react-flow__handle-right');
    const to = page.locator(`.react-flow__node[data-id="${C}"] .react-flow__handle-left`);
    // Moving the node into B2 re-lays it out: measure the handles only once they have stopped moving.
    await page.locator(`.react-flow__node[data-id="${C}"]`).hover();
    const b = await settledBox(to);
    await page.locator('.react-flow__node[data-id="C1"]').hover();
    const a = await settledBox(from);
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.locator(`[data-testid="flow-${F}"]`).waitFor();
    // The new flow is selected: say what it carries.
    await page.getByRole('tab', { name: /Properties/ }).click();
    await page.getByRole('checkbox', { name: 'A2 · Session cookie' }).check();

    // The new flow crosses from Internet into the cloud account and says nothing about encryption.
    await page.getByRole('tab', { name: /Threats/ }).click();
    const threat = page.locator(`[data-testid="threat-unencrypted-flow@${F}"]`);
    await threat.waitFor();
    await page.screenshot({ path: path.join(shots, '2-new-threat.png') });

    await threat.locator('.threat-head').click();
    await threat.getByLabel('Status of this threat').selectOption('accepted');
    await threat.getByLabel('Response').selectOption('accept');
    await threat.getByLabel('Owner').fill('orders-team@shopfront.example');
    await threat.getByLabel('Justification').fill('Internal test endpoint; TLS terminates at the load balancer.');
    await threat.getByLabel('New mitigation').fill('Terminate TLS for the orders API');
    await threat.getByRole('button', { name: 'Add', exact: true }).click();
    // Accepted without who accepted it and until when: not in force, so it still counts as open (as `check` says).
    const tabCount = page.getByRole('tab', { name: /Threats/ }).locator('.count').first();
    await expect.poll(() => threat.locator('.status-pill').innerText()).toBe('accepted · open');
    await threat.locator('[data-testid="standing-note"]').waitFor();
    const openBefore = Number(await tabCount.innerText());
    await page.screenshot({ path: path.join(shots, '3-triage.png') });
    await threat.getByLabel('Accepted by').fill('security-lead@shopfront.example');
    await threat.getByLabel('Expires').fill(`${String(new Date().getFullYear() + 1)}-06-30`);
    await expect.poll(() => threat.locator('.status-pill').innerText()).toBe('accepted');
    await expect.poll(async () => Number(await tabCount.innerText())).toBe(openBefore - 1);
    expect(await threat.getAttribute('data-standing')).toBe('accepted');
    await page.screenshot({ path: path.join(shots, '3b-accepted.png') });

    await page.keyboard.press('Control+s');
    await page.getByRole('button', { name: 'Saved' }).waitFor();
    const after = await readFile(file, 'utf8');
    // Every comment of the original file is still there, and untouched sections are byte-identical.
    for (const line of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(after).toContain(line);
    const untouched = before.slice(before.indexOf('# ---------------------------------------------------------------------------------------\ndependencies:'), before.indexOf('# ---------------------------------------------------------------------------------------\n# Manual threats'));
    expect(untouched.length).toBeGreaterThan(500);
    expect(after).toContain(untouched);
    expect(after).toContain(`- id: ${C}\n    name: Orders API\n    kind: process\n    boundary: B2\n`);
    expect(after).toContain(`- id: ${F}\n    from: C1\n    to: ${C}\n    data:\n      - A2\n`);
    expect(after).toContain(`fingerprint: unencrypted-flow@${F}\n    status: accepted\n    response: accept\n    owner: orders-team@shopfront.example\n`);
    expect(after).toContain(`- id: ${R}\n    title: Terminate TLS for the orders API\n    status: proposed\n    threats:\n      - unencrypted-flow@${F}\n`);
    expect(after).toMatch(new RegExp(`\\nlayout:\\n {2}positions:\\n[\\s\\S]* {4}${C}:`));
  });

  it('reloads when the file changes on disk and there is nothing unsaved, and shows what changed', async () => {
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('name: Shopfront accounts', 'name: Shopfront customer accounts'));
    await page.getByText('changed on disk — reloaded').waitFor();
    await expect.poll(() => page.locator('.toolbar .title').textContent()).toBe('Shopfront customer accounts');
    await page.getByRole('button', { name: 'show change' }).click();
    await expect.poll(() => page.locator('[data-testid="diff"] .diff-added').first().textContent()).toContain('Shopfront customer accounts');
    await page.screenshot({ path: path.join(shots, '4-external-change.png') });
  });

  it('never overwrites an external change: it offers reload or merge, and merging keeps both edits', async () => {
    await page.locator(`.react-flow__node[data-id="${C}"]`).click();
    await page.getByRole('tab', { name: /Properties/ }).click();
    await page.getByLabel('Tech').fill('Go 1.23');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('    tech: Amazon S3\n', '    tech: Amazon S3 (eu-west-1)\n'));
    const dialog = page.locator('[data-testid="conflict"]');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('.diff-added').first().textContent()).toContain('eu-west-1');
    await page.screenshot({ path: path.join(shots, '5-conflict.png') });
    // The file on disk is untouched by the editor so far.
    expect(await readFile(file, 'utf8')).toContain('Amazon S3 (eu-west-1)');
    await dialog.getByRole('button', { name: 'Merge my edits into it' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Saved' }).waitFor();
    const merged = await readFile(file, 'utf8');
    expect(merged).toContain('tech: Amazon S3 (eu-west-1)');
    expect(merged).toMatch(/name: Orders API\n[\s\S]*tech: Go 1.23/);
  });

  it('undoes and redoes with the keyboard', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    const count = () => page.locator('.react-flow__node-component').count();
    const n = await count();
    await page.keyboard.press('e');
    await expect.poll(count).toBe(n + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(count).toBe(n);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(count).toBe(n + 1);
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, '5b-added.png') });
    await page.locator(`.react-flow__node[data-id="${C2nd}"] .node-name`).click();
    await expect.poll(() => page.getByRole('button', { name: 'Delete' }).isEnabled()).toBe(true);
    await page.keyboard.press('Delete');
    await expect.poll(count).toBe(n);
  });

  it('shows the heatmap, report and guide panels, each with the open count the tab shows', async () => {
    const openNow = await page.getByRole('tab', { name: /Threats/ }).locator('.count').first().innerText();
    await page.getByRole('tab', { name: /Risk/ }).click();
    await page.locator('[data-testid="heatmap"]').waitFor();
    expect(await page.locator('[data-testid="heat-total"]').innerText()).toContain(`of ${openNow} open threats on the grid`);
    await page.screenshot({ path: path.join(shots, '6-heatmap.png') });
    await page.getByRole('tab', { name: /Report/ }).click();
    await page.locator('[data-testid="report"]').getByRole('heading', { name: 'Open threats' }).waitFor();
    expect(await page.locator('[data-testid="report-summary"]').innerText()).toContain(`, ${openNow} open: P0 critical `);
    await page.screenshot({ path: path.join(shots, '6b-report.png') });
    await page.getByRole('tab', { name: /Guide/ }).click();
    await page.getByText('What are we working on?').waitFor();
    expect(await page.locator('[data-testid="guide-found"]').innerText()).toContain(`, ${openNow} of them open`);
    // With a count on the issues tab too, every tab still fits.
    expect(await page.getByRole('tab', { name: /Issues/ }).locator('.count').count()).toBe(1);
    expect(await page.locator('.tabs').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, '7-guide.png') });
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows a threat imported with a severity and no likelihood as unrated everywhere, never with a guessed rating', async () => {
    await page.keyboard.press('Control+s');
    await page.getByRole('button', { name: 'Saved' }).waitFor();
    const m = parse(await readFile(file, 'utf8')) as Model;
    const id = nextId(m, 'T');
    // What a Threat Dragon "High" threat becomes: an impact, no likelihood.
    m.threats = [...(m.threats ?? []), { id, title: 'Imported: sessions survive a password change', impact: 4, elements: ['C2'] }];
    await writeFile(file, stringify(m));
    await page.getByText('changed on disk — reloaded').waitFor();
    const { model } = loadModel({ file, text: await readFile(file, 'utf8') });
    const core = analyze(model as Model);
    expect(core.risk.posture.open.unrated).toBe(1);

    const tab = page.getByRole('tab', { name: /Threats/ });
    await tab.click();
    await expect.poll(() => tab.locator('.count').first().innerText()).toBe(String(core.risk.posture.open.total));
    await expect.poll(() => page.locator('[data-testid="open-by-band"] .band-chip.unrated').innerText()).toBe('unrated 1');
    // Last in the list, as core orders every output.
    const rows = page.locator('.threats > .threat-list > li');
    await page.getByLabel('Band').selectOption('unrated');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-testid')).toBe(`threat-${id}`);
    expect(await rows.first().locator('.band-pill').innerText()).toBe('unrated');
    await page.screenshot({ path: path.join(shots, '8-unrated.png') });
    await page.getByLabel('Band').selectOption('');

    await page.getByRole('tab', { name: /Risk/ }).click();
    await expect.poll(() => page.locator('[data-testid="heat-total"]').innerText()).toContain('1 unrated');
    await page.screenshot({ path: path.join(shots, '8b-unrated-heatmap.png') });
    expect(pageErrors).toEqual([]);
  });
});

/** A large model without positions: `n` components in nested boundaries, two flows each. */
function largeModel(n: number): Model {
  const boundaries = Array.from({ length: Math.ceil(n / 40) }, (_, i) => ({ id: `B${i}`, name: `Zone ${i}`, ...(i > 2 ? { parent: `B${i % 3}` } : {}) }));
  const kinds = ['process', 'datastore', 'external-entity'] as const;
  const components = Array.from({ length: n }, (_, i) => ({ id: `C${i}`, name: `Element ${i}`, kind: kinds[i % 3] ?? 'process', boundary: `B${i % boundaries.length}` }));
  const flows = components.flatMap((c, i) => [1, 7].map((d, j) => ({ id: `F${2 * i + j}`, from: c.id, to: `C${(i + d) % n}`, ...(j === 1 ? { encrypted: false } : {}) })));
  return { threatwright: 1, system: { name: 'Large' }, boundaries, components, flows };
}

describe.skipIf(!hasChromium)('the editor on a large model', () => {
  let big: RunningServer;
  let bigDir: string;
  let b: Browser;

  beforeAll(async () => {
    await buildIfMissing();
    bigDir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-large-'));
    const bigFile = path.join(bigDir, 'threatmodel.yaml');
    await writeFile(bigFile, stringify(largeModel(400)));
    big = await startServer({ file: bigFile, port: 0, webRoot });
    b = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    await mkdir(shots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await b.close();
    await big.close();
    await rm(bigDir, { recursive: true, force: true });
  });

  it('opens zoomed out with components as shapes and flows in a few paths, draws them in full when zoomed in, and connects there', async () => {
    const p = await b.newPage({ viewport: { width: 1600, height: 1000 } });
    p.setDefaultTimeout(15_000);
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(big.url);
    await p.waitForFunction(() => /400 components/.test(document.querySelector('.status')?.textContent ?? '') && /analysis [\d.]+ ms/.test(document.querySelector('.status')?.textContent ?? ''));
    // Zoomed out: shapes without text or handles, and every flow in one of a few paths.
    await expect.poll(() => p.locator('.dfd-node.far').count()).toBeGreaterThan(300);
    expect(await p.locator('.react-flow__edge').count()).toBe(0);
    const paths = await p.locator('[data-testid="far-flows"] path').count();
    expect(paths).toBeGreaterThan(0);
    expect(paths).toBeLessThanOrEqual(16);
    await p.screenshot({ path: path.join(shots, 'large-1-zoomed-out.png') });

    // Zoomed in: full nodes with their handles, flows as edges with labels.
    const first = p.locator('.react-flow__node[data-id="C0"]');
    const box = await first.boundingBox();
    if (!box) throw new Error('C0 is not drawn');
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 12 && (await p.locator('.dfd-node.far').count()) > 0; i++) {
      await p.mouse.wheel(0, -400);
      await p.waitForTimeout(120);
    }
    await expect.poll(() => p.locator('.react-flow__edge').count()).toBeGreaterThan(0);
    expect(await p.locator('[data-testid="far-flows"]').count()).toBe(0);
    await p.locator('.react-flow__node[data-id="C0"] .node-name').waitFor();
    await p.screenshot({ path: path.join(shots, 'large-2-zoomed-in.png') });

    // Handles drawn on zooming in work: connect C0 to a neighbour it has no flow to yet.
    const from = p.locator('.react-flow__node[data-id="C0"] .react-flow__handle-right');
    const to = p.locator('.react-flow__node[data-id="C10"] .react-flow__handle-left');
    await to.waitFor();
    const a = await settledBox(from);
    const c = await settledBox(to);
    await p.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await p.mouse.down();
    await p.mouse.move((a.x + c.x) / 2, (a.y + c.y) / 2, { steps: 8 });
    await p.mouse.move(c.x + c.width / 2, c.y + c.height / 2, { steps: 8 });
    await p.mouse.up();
    await p.locator('[data-testid="flow-F800"]').waitFor();
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});
