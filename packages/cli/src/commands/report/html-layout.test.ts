/**
 * The HTML report's tables as Chromium lays them out, on screen and at the printed column's
 * width: no word is broken mid-word ("redu ce", "R / 1") and no table is wider than the page.
 * A long token may wrap only where the report allows it: after a hyphen, or after `@`, `/`, `.`,
 * `_`, `+` or `:`. Screenshots go to test-results/report/.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));
const THREAT_DRAGON = path.resolve(REPO, '../shared/corpus/threat-dragon/demo-threat-model.v2.json');
const RESULTS = path.join(REPO, 'test-results/report');
const CHROMIUM = process.env['THREATWRIGHT_CHROMIUM'] ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const HAVE_CORPUS = existsSync(THREAT_DRAGON);
const ENV = { SOURCE_DATE_EPOCH: '1795000000' };
const MODELS = ['web-login', 'payments-api', 'blog', ...(HAVE_CORPUS ? ['threat-dragon-demo'] : [])];
/** The window people read the report in, and the printed A4 column (182 mm at 96 px per inch). */
const WIDTHS = [
  { name: 'screen', width: 1280, media: 'screen' as const },
  { name: 'print', width: 688, media: 'print' as const },
];

async function htmlReport(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-html-'));
  try {
    const model = path.join(dir, 'threatmodel.yaml');
    if (name === 'threat-dragon-demo') expect((await runCli(['import', THREAT_DRAGON, '-o', model], { cwd: dir, env: ENV })).code).toBe(0);
    else await copyFile(path.join(REPO, 'examples', name, 'threatmodel.yaml'), model);
    const run = await runCli(['report', model, '--format', 'html'], { cwd: dir, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let browser: Browser | undefined;
beforeAll(async () => {
  if (HAVE_CHROMIUM) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!HAVE_CHROMIUM)(`the HTML report's tables in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  if (!HAVE_CORPUS) it.skip('the imported Threat Dragon demo model (skipped: ../shared/corpus/threat-dragon not found next to the repository)', () => undefined);

  it.each(MODELS)('%s: no word broken mid-word and no table wider than the page', async (name) => {
    const report = await htmlReport(name);
    await mkdir(RESULTS, { recursive: true });
    for (const w of WIDTHS) {
      const page = await (browser as Browser).newPage({ viewport: { width: w.width, height: 900 } });
      try {
        await page.emulateMedia({ media: w.media });
        await page.setContent(report, { waitUntil: 'load' });
        const found = await page.evaluate(() => {
          const broken: string[] = [];
          const wide: string[] = [];
          const top = (node: Text, at: number): number => {
            const r = document.createRange();
            r.setStart(node, at);
            r.setEnd(node, at + 1);
            return Math.round(r.getClientRects()[0]?.top ?? -1);
          };
          for (const cell of Array.from(document.querySelectorAll('td, th'))) {
            // A word may continue across <wbr> and inline elements: read the cell's characters in order.
            const chars: { node: Text; at: number; ch: string }[] = [];
            // SHOW_TEXT | SHOW_ELEMENT: a <br> ends a word as a space would.
            const walker = document.createTreeWalker(cell, 0x4 | 0x1);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (n.nodeName === 'BR') chars.push({ node: n.firstChild as Text, at: 0, ch: ' ' });
              if (n.nodeType !== 3) continue;
              const t = n as Text;
              for (let i = 0; i < t.data.length; i++) chars.push({ node: t, at: i, ch: t.data[i] ?? '' });
            }
            for (let i = 1; i < chars.length; i++) {
              const a = chars[i - 1];
              const b = chars[i];
              if (!a || !b || /\s/u.test(a.ch) || /\s/u.test(b.ch)) continue;
              const ta = top(a.node, a.at);
              const tb = top(b.node, b.at);
              if (ta < 0 || tb < 0 || tb <= ta) continue;
              if (/[-/@._+:—–]/u.test(a.ch)) continue;
              const word = (s: number, e: number) => chars.slice(s, e).map((c) => c.ch).join('');
              let s = i - 1;
              while (s > 0 && !/\s/u.test(chars[s - 1]?.ch ?? ' ')) s--;
              let e = i;
              while (e < chars.length && !/\s/u.test(chars[e]?.ch ?? ' ')) e++;
              broken.push(`${word(s, i)}|${word(i, e)}`);
            }
          }
          for (const table of Array.from(document.querySelectorAll('table'))) {
            const room = (table.parentElement ?? document.body).clientWidth;
            if (table.getBoundingClientRect().width > room + 1) wide.push(`${Array.from(table.querySelectorAll('th'), (h) => h.textContent).join(', ')}: ${Math.round(table.getBoundingClientRect().width)} > ${room}`);
          }
          return { broken, wide };
        });
        await page.screenshot({ path: path.join(RESULTS, `${name}-html-${w.name}.png`), fullPage: false });
        expect(found.broken, `${name} (${w.name}): words broken mid-word`).toEqual([]);
        expect(found.wide, `${name} (${w.name}): tables wider than the page`).toEqual([]);
      } finally {
        await page.close();
      }
    }
  }, 120_000);
});
