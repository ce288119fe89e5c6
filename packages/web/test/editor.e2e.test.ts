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
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { analyze, bandName, BANDS, evaluateGate, loadModel, type Mitigation, type Model, type ThreatEntry } from '@threatwright/core';
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

/** `threatwright check --format json` on a file, as a build would run it. */
async function checkJson(modelFile: string, failOn: string): Promise<{ passed: boolean; items: { kind: string; subject: string }[]; posture: { open: Record<string, number> & { total: number }; accepted: number } }> {
  const bin = path.join(repo, 'packages/cli/bin/threatwright.js');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'check', modelFile, '--fail-on', failOn, '--format', 'json']);
    return JSON.parse(stdout) as Awaited<ReturnType<typeof checkJson>>;
  } catch (err) {
    // Exit code 1: the gate failed, and the JSON says why.
    const stdout = (err as { stdout?: string }).stdout;
    if (stdout === undefined || stdout === '') throw err;
    return JSON.parse(stdout) as Awaited<ReturnType<typeof checkJson>>;
  }
}

const hasCli = existsSync(path.join(repo, 'packages/cli/dist/threatwright.js'));

describe.skipIf(!hasChromium)('the editor finishes the work: acceptances, mitigations, what check asks', () => {
  let srv: RunningServer;
  let b: Browser;
  let p: Page;
  let work: string;
  let modelFile: string;
  const errors: string[] = [];

  beforeAll(async () => {
    await buildIfMissing();
    work = await mkdtemp(path.join(tmpdir(), 'tw-e2e-finish-'));
    modelFile = path.join(work, 'threatmodel.yaml');
    await copyFile(example, modelFile);
    await mkdir(shots, { recursive: true });
    srv = await startServer({ file: modelFile, port: 0, webRoot });
    b = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    p = await b.newPage({ viewport: { width: 1440, height: 900 } });
    p.setDefaultTimeout(8000);
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(srv.url);
    await p.waitForSelector('[data-testid="node-C1"]');
  }, 60_000);

  afterAll(async () => {
    await b.close();
    await srv.close();
    await rm(work, { recursive: true, force: true });
  });

  it('fits every tab, whole and unclipped, at 1440×900 and at 1024×768', async () => {
    for (const [width, height] of [[1440, 900], [1024, 768]] as const) {
      await p.setViewportSize({ width, height });
      await p.waitForTimeout(300);
      const strip = p.locator('.tabs');
      expect(await strip.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      const box = await strip.boundingBox();
      if (!box) throw new Error('no tab strip');
      const tabs = p.getByRole('tab');
      expect(await tabs.count()).toBe(7);
      const boxes: { x: number; y: number; width: number; height: number }[] = [];
      for (let i = 0; i < 7; i++) {
        const tab = tabs.nth(i);
        const r = await tab.boundingBox();
        if (!r) throw new Error(`tab ${String(i)} is not drawn`);
        // Inside the strip and the window, its label and counts not cut off.
        expect(r.x).toBeGreaterThanOrEqual(box.x - 0.5);
        expect(r.x + r.width).toBeLessThanOrEqual(Math.min(box.x + box.width, width) + 0.5);
        expect(await tab.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        for (const o of boxes) expect(r.x + r.width <= o.x + 0.5 || o.x + o.width <= r.x + 0.5 || r.y + r.height <= o.y + 0.5 || o.y + o.height <= r.y + 0.5).toBe(true);
        boxes.push(r);
      }
      await p.screenshot({ path: path.join(shots, `tabs-${String(width)}x${String(height)}.png`) });
    }
    await p.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows the selected element\'s own id in the properties panel, never the previous one\'s', async () => {
    const names = new Map(((parse(await readFile(modelFile, 'utf8')) as Model).components ?? []).map((c) => [c.id, c.name]));
    await p.getByRole('tab', { name: /Properties/ }).click();
    // Selected as a click on the node selects it; where the pointer lands is the canvas's own test.
    const pick = (id: string) => p.locator(`.react-flow__node[data-id="${id}"]`).dispatchEvent('click');
    await pick('C2');
    await expect.poll(() => p.getByLabel('Id', { exact: true }).inputValue()).toBe('C2');
    for (const id of ['C4', 'C3', 'C2']) {
      await pick(id);
      await expect.poll(() => p.getByLabel('Id', { exact: true }).inputValue()).toBe(id);
      expect(await p.getByLabel('Name *').inputValue()).toBe(names.get(id));
    }
    await p.screenshot({ path: path.join(shots, 'properties-id.png') });
  });

  it('closes the shortcuts dialog with Escape and gives the focus back to what opened it', async () => {
    const help = p.getByRole('button', { name: '?', exact: true });
    await help.click();
    const dialog = p.locator('[data-testid="shortcuts"]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Keys inside the dialog are the dialog's: P adds nothing behind it.
    const nodes = await p.locator('.react-flow__node-component').count();
    await p.keyboard.press('p');
    expect(await p.locator('.react-flow__node-component').count()).toBe(nodes);
    await p.screenshot({ path: path.join(shots, 'shortcuts.png') });
    await p.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await help.evaluate((el) => el === document.activeElement)).toBe(true);
    // Opened from the keyboard, it closes from the keyboard too.
    await p.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await p.keyboard.press('?');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await p.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('completes an acceptance and a mitigation end to end, saves them, and check counts them as the saved YAML does', async () => {
    const loaded = loadModel({ file: modelFile, text: await readFile(modelFile, 'utf8') });
    const before = analyze(loaded.model as Model);
    const suggestion = before.rules['open-redirect']?.mitigations[0];
    if (!suggestion) throw new Error('open-redirect should suggest a mitigation');
    const R = nextId(loaded.model as Model, 'R');
    const nextYear = String(new Date().getFullYear() + 1);

    // Accept CSRF on the web app: status, response, who, why and until when.
    await p.getByRole('tab', { name: /Threats/ }).click();
    const csrf = p.locator('[data-testid="threat-csrf@C2"]');
    await csrf.locator('.threat-head').click();
    await csrf.getByLabel('Status of this threat').selectOption('accepted');
    await csrf.getByLabel('Response').selectOption('accept');
    await csrf.getByLabel('Owner').fill('web-team@shopfront.example');
    await csrf.getByLabel('Justification').fill('Every form posts JSON with a custom header; the browser cannot send it cross-site.');
    await expect.poll(() => csrf.locator('.status-pill').innerText()).toBe('accepted · open');
    await csrf.getByLabel('Accepted by').fill('security-lead@shopfront.example');
    await csrf.getByLabel('Expires').fill(`${nextYear}-03-31`);
    await expect.poll(() => csrf.locator('.status-pill').innerText()).toBe('accepted');
    expect(await csrf.getAttribute('data-standing')).toBe('accepted');
    await p.screenshot({ path: path.join(shots, 'finish-1-accepted.png') });

    // The open-redirect rule's suggestion, adopted as `threatwright adopt` does.
    await csrf.locator('.threat-head').click();
    const redirect = p.locator('[data-testid="threat-open-redirect@C2"]');
    await redirect.locator('.threat-head').click();
    await redirect.getByRole('button', { name: `+ ${suggestion.title}` }).click();
    const linked = redirect.locator(`[data-testid="threat-mitigation-${R}"]`);
    await linked.waitFor();
    await p.screenshot({ path: path.join(shots, 'finish-2-adopted.png') });

    // Open it in the mitigations panel and fill every field.
    await linked.getByRole('button', { name: new RegExp(suggestion.title.slice(0, 20)) }).click();
    await expect.poll(() => p.getByRole('tab', { name: /Mitigations/ }).getAttribute('aria-selected')).toBe('true');
    const editor = p.locator(`[data-testid="mitigation-${R}"] [data-testid="mitigation-editor"]`);
    await editor.waitFor();
    expect(await editor.getByLabel('Acceptance criteria').inputValue()).toBe(suggestion.acceptance);
    expect(await editor.getByLabel('What the test shows').inputValue()).toBe(suggestion.verification);
    await editor.getByLabel('Description').fill('The login and sign-out handlers pass return_to through one allow-list check.');
    await editor.getByLabel('Status of this mitigation').selectOption('implemented');
    await editor.getByLabel('Strategy').selectOption('reduce');
    await editor.getByLabel('Owner').fill('web-team@shopfront.example');
    await editor.getByLabel('Due').fill(`${nextYear}-01-31`);
    await editor.getByLabel('Implemented on').fill(`${String(new Date().getFullYear())}-01-15`);
    await editor.getByLabel('Verified on').fill(`${String(new Date().getFullYear())}-01-16`);
    await editor.getByLabel('Estimate').fill('2d');
    await editor.getByLabel('Ticket').fill('WEB-1234');
    await editor.getByLabel('Tags').fill('redirects, auth');
    await editor.getByLabel('Acceptance criteria').fill(`${suggestion.acceptance}\nThe allow-list lives in configuration, not in code.`);
    await editor.getByLabel('Verification tests').fill('RedirectTest.rejectsForeignHosts\nRedirectTest.rejectsProtocolRelative');
    await editor.getByLabel('Evidence').fill('https://ci.shopfront.example/runs/812');
    await editor.getByLabel('Reduces likelihood by').selectOption('2');
    await editor.getByLabel('Reduces impact by').selectOption('1');
    await editor.getByLabel('Add an element').selectOption('C2');
    await editor.getByLabel('Link a threat').selectOption('session-fixation@C2');
    await editor.locator('[data-testid="linked-session-fixation@C2"]').waitFor();
    await p.screenshot({ path: path.join(shots, 'finish-3-mitigation.png') });
    // From the mitigation back to a threat it addresses.
    await editor.locator('[data-testid="linked-open-redirect@C2"]').getByRole('button', { name: /Open redirect/ }).click();
    await expect.poll(() => p.getByRole('tab', { name: /Threats/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => redirect.locator('.band-pill').innerText()).toMatch(/^P\d \w+ 2×3$/);

    await p.keyboard.press('Control+s');
    await p.getByRole('button', { name: 'Saved' }).waitFor();

    // On disk: the decision and the mitigation with every field.
    const saved = parse(await readFile(modelFile, 'utf8')) as Model;
    const decision = saved.threats?.find((t) => t.fingerprint === 'csrf@C2');
    expect(decision).toEqual({ fingerprint: 'csrf@C2', status: 'accepted', response: 'accept', owner: 'web-team@shopfront.example', justification: 'Every form posts JSON with a custom header; the browser cannot send it cross-site.', accepted_by: 'security-lead@shopfront.example', expires: `${nextYear}-03-31` } satisfies ThreatEntry);
    const mitigation = saved.mitigations?.find((m) => m.id === R);
    expect(mitigation).toEqual({
      id: R,
      title: suggestion.title,
      strategy: 'reduce',
      threats: ['open-redirect@C2', 'session-fixation@C2'],
      status: 'implemented',
      acceptance: [suggestion.acceptance, 'The allow-list lives in configuration, not in code.'],
      verification: { description: suggestion.verification, test: ['RedirectTest.rejectsForeignHosts', 'RedirectTest.rejectsProtocolRelative'], evidence: 'https://ci.shopfront.example/runs/812' },
      description: 'The login and sign-out handlers pass return_to through one allow-list check.',
      owner: 'web-team@shopfront.example',
      due: `${nextYear}-01-31`,
      implemented: `${String(new Date().getFullYear())}-01-15`,
      verified: `${String(new Date().getFullYear())}-01-16`,
      estimate: '2d',
      ticket: 'WEB-1234',
      tags: ['redirects', 'auth'],
      reduces: { likelihood: 2, impact: 1 },
      elements: ['C2'],
    } satisfies Mitigation);

    // Core's gate on the saved file, as `check` runs it, counts what the editor shows.
    const reread = loadModel({ file: modelFile, text: await readFile(modelFile, 'utf8') });
    expect(reread.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const after = analyze(reread.model as Model, { now: new Date() });
    const gate = evaluateGate(after.risk, 'high');
    const csrfAssessed = after.risk.threats.find((t) => t.id === 'csrf@C2');
    expect(csrfAssessed).toMatchObject({ standing: 'accepted', disposition: 'accepted' });
    expect(after.risk.threats.find((t) => t.id === 'open-redirect@C2')?.implemented).toEqual([R]);
    expect(after.risk.posture.accepted).toBe(before.risk.posture.accepted + 1);
    expect(after.risk.posture.open.total).toBeLessThan(before.risk.posture.open.total);
    const open = after.risk.posture.open;
    const tab = p.getByRole('tab', { name: /Threats/ });
    await expect.poll(() => tab.locator('.count').first().innerText()).toBe(String(open.total));
    expect(await p.locator('[data-testid="open-by-band"] .band-chip').allInnerTexts()).toEqual(BANDS.map((band) => `${bandName(band)} ${String(open[band])}`));
    await p.getByRole('tab', { name: /Issues/ }).click();
    await p.getByLabel('Fail on').selectOption('high');
    const shown = async () => (await p.locator('[data-testid^="gate-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).map((t) => t?.slice('gate-'.length));
    await expect.poll(shown).toEqual(gate.items.map((i) => i.subject));
    expect(gate.items.some((i) => i.subject === 'csrf@C2' || i.subject === 'open-redirect@C2')).toBe(false);
    await p.screenshot({ path: path.join(shots, 'finish-4-gate.png') });
    if (hasCli) {
      const check = await checkJson(modelFile, 'high');
      expect(check.items.map((i) => i.subject)).toEqual(gate.items.map((i) => i.subject));
      expect(check.posture.open).toEqual(open);
      expect(check.posture.accepted).toBe(after.risk.posture.accepted);
    } else console.warn('Skipping the comparison with `threatwright check`: the CLI bundle is not built (npm run build).');
    expect(errors).toEqual([]);
  });

  it('scores with the test evidence `threatwright verify` saved, as check does: a failed test puts the threat back in the gate', async () => {
    const saved = parse(await readFile(modelFile, 'utf8')) as Model;
    const mitigation = saved.mitigations?.find((m) => m.verification?.test !== undefined && m.threats?.includes('open-redirect@C2'));
    if (!mitigation) throw new Error('the mitigation adopted above should name its tests');
    const record = {
      version: 1,
      checked_at: new Date().toISOString(),
      sources: ['results.xml'],
      mitigations: [{ mitigation: mitigation.id, state: 'failed', tests: [{ test: 'RedirectTest.rejectsForeignHosts', outcome: 'failed', message: 'redirected to https://evil.example' }, { test: 'RedirectTest.rejectsProtocolRelative', outcome: 'passed' }], summary: 'RedirectTest.rejectsForeignHosts failed: redirected to https://evil.example' }],
    };
    await writeFile(path.join(work, 'threatmodel.verification.json'), JSON.stringify(record));
    // The editor reads the record again when its window comes back (from the terminal that ran `verify`).
    await p.evaluate(() => window.dispatchEvent(new Event('focus')));
    await p.getByRole('tab', { name: /Mitigations/ }).click();
    const item = p.locator(`[data-testid="mitigation-${mitigation.id}"]`);
    await expect.poll(() => item.locator('[data-testid="verification"]').innerText()).toBe('✖ test failed');
    await p.screenshot({ path: path.join(shots, 'finish-3b-test-failed.png') });
    if (hasCli) {
      const check = await checkJson(modelFile, 'high');
      expect(check.items.some((i) => i.subject === 'open-redirect@C2')).toBe(true);
      await p.getByRole('tab', { name: /Issues/ }).click();
      await p.getByLabel('Fail on').selectOption('high');
      const shown = async () => (await p.locator('[data-testid^="gate-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).map((t) => t?.slice('gate-'.length));
      await expect.poll(shown).toEqual(check.items.map((i) => i.subject));
      await expect.poll(() => p.getByRole('tab', { name: /Threats/ }).locator('.count').first().innerText()).toBe(String(check.posture.open.total));
    } else console.warn('Skipping the comparison with `threatwright check`: the CLI bundle is not built (npm run build).');
    await rm(path.join(work, 'threatmodel.verification.json'));
    await p.evaluate(() => window.dispatchEvent(new Event('focus')));
    await p.getByRole('tab', { name: /Mitigations/ }).click();
    await item.waitFor();
    await expect.poll(() => item.locator('[data-testid="verification"]').count()).toBe(0);
  });

  it('does in the editor what the issues tab and check ask: an owner for a new mitigation, an overdue one brought up to date', async () => {
    // A mitigation without an owner: the issues tab asks for one, and its entry opens the editor.
    await p.getByRole('tab', { name: /Mitigations/ }).click();
    await p.locator('[data-testid="mitigations"]').getByLabel('New mitigation').fill('Content-Security-Policy without inline scripts');
    await p.locator('[data-testid="mitigations"]').getByRole('button', { name: 'Add', exact: true }).click();
    const id = nextId(parse(await readFile(modelFile, 'utf8')) as Model, 'R');
    await p.locator(`[data-testid="mitigation-${id}"] [data-testid="mitigation-editor"]`).waitFor();
    await p.getByRole('tab', { name: /Issues/ }).click();
    const issue = p.locator('[data-testid="issues"] [data-code="mitigation-without-owner"]');
    await expect.poll(() => issue.count()).toBe(1);
    await issue.getByRole('button', { name: id }).click();
    const editor = p.locator(`[data-testid="mitigation-${id}"] [data-testid="mitigation-editor"]`);
    await editor.getByLabel('Owner').fill('web-team@shopfront.example');
    await p.getByRole('tab', { name: /Issues/ }).click();
    await expect.poll(() => issue.count()).toBe(0);

    // The overdue mitigation `check` fails on: its item opens it, and marking it implemented clears it.
    const overdue = p.locator('[data-testid="gate"] .gate-item.overdue-mitigation');
    await expect.poll(() => overdue.count()).toBeGreaterThan(0);
    const subject = (await overdue.first().getAttribute('data-testid'))?.slice('gate-'.length) ?? '';
    await overdue.first().getByRole('button').first().click();
    const late = p.locator(`[data-testid="mitigation-${subject}"] [data-testid="mitigation-editor"]`);
    await late.getByLabel('Status of this mitigation').selectOption('implemented');
    await late.getByLabel('Implemented on').fill(new Date().toISOString().slice(0, 10));
    await p.getByRole('tab', { name: /Issues/ }).click();
    await expect.poll(() => p.locator(`[data-testid="gate-${subject}"]`).count()).toBe(0);
    await p.screenshot({ path: path.join(shots, 'finish-5-issues.png') });

    // A conflict dialog closes with Escape too ("decide later"), keeping the unsaved edits.
    const text = await readFile(modelFile, 'utf8');
    await writeFile(modelFile, text.replace('name: Shopfront accounts', 'name: Shopfront customer accounts'));
    const conflict = p.locator('[data-testid="conflict"]');
    await expect.poll(() => conflict.isVisible()).toBe(true);
    await p.keyboard.press('Escape');
    await expect.poll(() => conflict.count()).toBe(0);
    await p.getByRole('button', { name: 'Save', exact: true }).waitFor();
    expect(errors).toEqual([]);
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
