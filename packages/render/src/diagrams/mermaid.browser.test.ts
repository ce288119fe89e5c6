/**
 * Mermaid itself parses and draws what we write: mermaid.min.js runs in headless Chromium
 * (it needs a DOM), over every view of every example, the report's blocks and the hostile model.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adversarialModel } from '../../test/fixtures/adversarial.js';
import { shopData } from '../../test/fixtures/data.js';
import { allModelFiles, loadFile } from '../../test/fixtures/models.js';
import { toMarkdown } from '../reports/markdown.js';
import { buildDiagram, toMermaid, type ViewSpec } from './index.js';

const CHROMIUM = process.env['THREATWRIGHT_CHROMIUM'] ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);

function viewsOf(file: string): [string, string][] {
  const { model } = loadFile(file);
  const views: ViewSpec[] = [{ kind: 'system' }, { kind: 'assets' }, ...(model.boundaries ?? []).map((b): ViewSpec => ({ kind: 'boundary', id: b.id }))];
  if ((model.attack_trees ?? []).length > 0) views.push({ kind: 'attack-tree' });
  return views.map((v) => [`${file} ${JSON.stringify(v)}`, toMermaid(buildDiagram(model, { view: v }))]);
}

describe.skipIf(!existsSync(CHROMIUM))('Mermaid in the browser', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage();
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => {
      (window as unknown as { mermaid: { initialize: (c: object) => void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    });
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  async function check(text: string): Promise<{ ok: boolean; error?: string; svg?: string }> {
    return page.evaluate(async (src) => {
      const m = (window as unknown as { mermaid: { parse: (t: string) => Promise<unknown>; render: (id: string, t: string) => Promise<{ svg: string }> } }).mermaid;
      try {
        await m.parse(src);
        const { svg } = await m.render(`d${String(Math.random()).slice(2)}`, src);
        return { ok: true, svg };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    }, text);
  }

  it('rejects broken Mermaid (the check can fail)', async () => {
    expect((await check('flowchart LR\n  a["x" -->|"y"| b\n')).ok).toBe(false);
  });

  it('parses and draws every view of every example', async () => {
    for (const [file] of allModelFiles().map(([, f]) => [f])) {
      for (const [name, text] of viewsOf(file ?? '')) {
        const r = await check(text);
        expect(r.error, name).toBeUndefined();
      }
    }
  });

  it('parses every diagram of the Markdown report', async () => {
    const md = toMarkdown(shopData());
    const blocks = Array.from(md.matchAll(/```mermaid\n([\s\S]*?)```/gu), (m) => m[1] ?? '');
    expect(blocks.length).toBe(4);
    for (const b of blocks) expect((await check(b)).error).toBeUndefined();
  });

  it('draws hostile names as literal text, in nested dashed boundaries', async () => {
    const model = adversarialModel();
    for (const view of [{ kind: 'system' }, { kind: 'boundary', id: 'B2' }, { kind: 'assets' }, { kind: 'attack-tree' }] as ViewSpec[]) {
      const r = await check(toMermaid(buildDiagram(model, { view })));
      expect(r.error).toBeUndefined();
      await page.setContent(`<!doctype html><body>${r.svg ?? ''}</body>`);
      expect(await page.locator('script, img, iframe, svg svg, [onerror], [onload], [onmouseover], a[href^="javascript"]').count()).toBe(0);
    }
    const r = await check(toMermaid(buildDiagram(model)));
    await page.setContent(`<!doctype html><body>${r.svg ?? ''}</body>`);
    const texts = await page.locator('svg .nodeLabel').allTextContents();
    expect(texts.some((t) => t.includes('<script>alert(1)</script>'))).toBe(true);
    // Text that looks like Mermaid entity codes or HTML entities is shown as typed, not decoded.
    const all = texts.join('\n');
    expect(all).toContain('#35;');
    expect(all).toContain('&amp;');
    expect(all).toContain('%%{init:');
    expect(await page.locator('svg .cluster rect[style*="stroke-dasharray"]').count()).toBeGreaterThan(0);
  });
});
