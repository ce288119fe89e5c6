import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const fixture = fileURLToPath(new URL('../../../../render/test/fixtures/shop.yaml', import.meta.url));
const CHROMIUM = process.env['THREATWRIGHT_CHROMIUM'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const ENV = { SOURCE_DATE_EPOCH: '1795000000' };

async function workdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-report-'));
  await writeFile(path.join(dir, 'threatmodel.yaml'), await readFile(fixture, 'utf8'));
  return dir;
}

describe('threatwright report', () => {
  it('prints the Markdown report with the date from SOURCE_DATE_EPOCH', async () => {
    const cwd = await workdir();
    const run = await runCli(['report'], { cwd, env: ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Threat model: Corner Shop\n/u);
    expect(run.stdout).toContain('| Date | 2026-11-18 |');
    // A full picture starts with the layout front matter (boundary title margins), then the flowchart.
    expect(run.stdout).toMatch(/```mermaid\n(?:---\n[\s\S]*?\n---\n)?flowchart LR\n/u);
  });

  it('writes every table format; SARIF points at the model file', async () => {
    const cwd = await workdir();
    for (const format of ['csv', 'json', 'sarif', 'html']) {
      const run = await runCli(['report', '--format', format, '-o', `out.${format}`], { cwd, env: ENV });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`wrote out.${format}`);
    }
    expect((await readFile(path.join(cwd, 'out.csv'), 'utf8')).split('\r\n')[0]).toBe('id,component,threat,description,likelihood,impact,risk_score,mitigation,owner,due,date_identified,status,confidence,priority,band,standing,category,why,closes_when,cwe,capec');
    const sarif = JSON.parse(await readFile(path.join(cwd, 'out.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
    const loc = sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation;
    expect(loc?.artifactLocation.uri).toBe('threatmodel.yaml');
    expect(loc?.region?.startLine).toBeGreaterThan(1);
    expect(await readFile(path.join(cwd, 'out.html'), 'utf8')).toContain('<svg');
  });

  it('asks for an output file for PDF', async () => {
    const cwd = await workdir();
    const run = await runCli(['report', '--format', 'pdf'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a PDF needs an output file');
  });

  it('says how to install Chromium when it is missing', async () => {
    const cwd = await workdir();
    const run = await runCli(['report', '--format', 'pdf', '-o', 'r.pdf'], { cwd, env: { ...ENV, THREATWRIGHT_CHROMIUM: path.join(cwd, 'no-such-browser') } });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('THREATWRIGHT_CHROMIUM is set to');
    expect(run.stderr).toContain('apt-get install chromium');
    expect(run.stderr).not.toContain('    at ');
    expect(existsSync(path.join(cwd, 'r.pdf'))).toBe(false);
  });
});

/** Share of pixels in a PNG that are not (near) white, measured by the browser itself. */
async function inkRatio(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d');
      if (!g) return 0;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, img.width, img.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if ((d[i] ?? 255) < 235 || (d[i + 1] ?? 255) < 235 || (d[i + 2] ?? 255) < 235) ink++;
      return ink / (d.length / 4);
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

describe.skipIf(!haveChromium)('in headless Chromium', () => {
  let browser: Browser;
  let cwd: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    cwd = await workdir();
    await writeFile(path.join(cwd, 'hostile.yaml'), 'threatwright: 1\nsystem: { name: "<img src=x onerror=alert(1)>" }\ncomponents:\n  - { id: C1, name: "<script>alert(2)</script>", kind: process }\n  - { id: C2, name: "\\"><svg onload=alert(3)>", kind: datastore }\nflows:\n  - { id: F1, from: C1, to: C2, label: "[x](javascript:alert(4))" }\n');
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  it('renders the HTML report with its DFD visible, makes no request and runs no script', async () => {
    expect((await runCli(['report', '--format', 'html', '-o', 'r.html'], { cwd, env: ENV })).code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${path.join(cwd, 'r.html')}`);
    const dfd = page.locator('figure.diagram svg').first();
    const box = await dfd.boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(box?.height).toBeGreaterThan(150);
    expect(await dfd.locator('text', { hasText: 'Orders DB' }).count()).toBe(1);
    await page.evaluate(() => document.querySelector('figure.diagram')?.scrollIntoView());
    const shot = await page.screenshot({ clip: { x: box?.x ?? 0, y: 0, width: box?.width ?? 800, height: Math.min(box?.height ?? 400, 900) } });
    expect(await inkRatio(browser, shot)).toBeGreaterThan(0.02);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows hostile names as text and executes none of them', async () => {
    expect((await runCli(['report', 'hostile.yaml', '--format', 'html', '-o', 'h.html'], { cwd, env: ENV })).code).toBe(0);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${path.join(cwd, 'h.html')}`);
    expect(await page.locator('h1').textContent()).toBe('Threat model: <img src=x onerror=alert(1)>');
    expect(await page.locator('script, img, iframe').count()).toBe(0);
    expect(await page.locator('figure.diagram svg text', { hasText: '<script>alert(2)</script>' }).count()).toBeGreaterThanOrEqual(1);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('prints a PDF whose pages carry the report, and the print layout shows the DFD', async () => {
    const run = await runCli(['report', '--format', 'pdf', '-o', 'r.pdf'], { cwd, env: { ...ENV, THREATWRIGHT_CHROMIUM: CHROMIUM } });
    expect(run.stderr).toContain('wrote r.pdf');
    expect(run.code).toBe(0);
    const pdf = await readFile(path.join(cwd, 'r.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/gu) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(8);
    // The same document in print media, as the PDF was made: the first diagram is on its page and drawn.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`file://${path.join(cwd, 'r.html')}`);
    const box = await page.locator('figure.diagram svg').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    const shot = await page.screenshot({ fullPage: true, clip: { x: box?.x ?? 0, y: box?.y ?? 0, width: box?.width ?? 300, height: Math.min(box?.height ?? 300, 1000) } });
    expect(await inkRatio(browser, shot)).toBeGreaterThan(0.02);
    await page.close();
  });
});
