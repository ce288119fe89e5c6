/**
 * The printed report as a reader gets it: for each example and for a Threat Dragon model imported
 * from the corpus beside the repository, the PDF is converted to text page by page (poppler's
 * pdftotext) and checked for empty pages, headings left at the foot of a page, diagram text too
 * small to read and a table of contents whose page numbers are wrong. The pages are saved as PNG
 * under test-results/report/ for a reviewer to look at.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';
import { sectionPages } from './pdf.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const THREAT_DRAGON = path.join(CORPUS, 'threat-dragon/demo-threat-model.v2.json');
const RESULTS = path.join(REPO, 'test-results/report');
const CHROMIUM = process.env['THREATWRIGHT_CHROMIUM'] ?? '/usr/bin/chromium';
const ENV = { SOURCE_DATE_EPOCH: '1795000000', THREATWRIGHT_CHROMIUM: CHROMIUM };

async function have(cmd: string): Promise<boolean> {
  try {
    await run(cmd, ['-v']);
    return true;
  } catch {
    return false;
  }
}
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const HAVE_POPPLER = (await have('pdftotext')) && (await have('pdftoppm'));
const HAVE_CORPUS = existsSync(THREAT_DRAGON);
const skipNote = !HAVE_CHROMIUM ? ` (skipped: no Chromium at ${CHROMIUM})` : !HAVE_POPPLER ? ' (skipped: pdftotext and pdftoppm from poppler-utils are not installed)' : '';

/** Smallest text a page may carry outside its footer, as the height of a word's box in points (a 7 pt label measures about 7.3). */
const MIN_WORD_HEIGHT_PT = 7;
/** A line at least this high is heading-sized (h3 prints at 11.5 pt, body text at 9.5 pt, tables at 8.5 pt). */
const HEADING_LINE_PT = 11;
/** The footer Chromium prints in the bottom margin: left out of every check. */
const FOOTER_PT = 38;

interface Line {
  text: string;
  top: number;
  bottom: number;
}

interface Page {
  /** The lines above the footer, top to bottom. */
  lines: Line[];
  width: number;
  height: number;
  /** Height of the smallest word box above the footer, in points. */
  smallest: number;
}

function decode(text: string): string {
  return text
    .replace(/<[^>]*>/gu, '')
    .replace(/&#(\d+);/gu, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&(amp|lt|gt|quot);/gu, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Every page's lines with their positions and its smallest text, from pdftotext's word boxes. */
async function pages(pdf: string): Promise<Page[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return Array.from(stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/gu), (m) => {
    const height = Number(m[2]);
    const lines: Line[] = [];
    let smallest = Infinity;
    for (const l of (m[3] ?? '').matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/gu)) {
      const top = Number(l[1]);
      if (top >= height - FOOTER_PT) continue;
      const words = Array.from((l[3] ?? '').matchAll(/yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)</gu));
      for (const w of words) smallest = Math.min(smallest, Number(w[2]) - Number(w[1]));
      lines.push({ text: decode(words.map((w) => w[3] ?? '').join(' ')), top, bottom: Number(l[2]) });
    }
    lines.sort((a, b) => a.top - b.top);
    return { lines, width: Number(m[1]), height, smallest };
  });
}

/** A model ready to report: an example as it is, or the Threat Dragon demo imported through `threatwright import`. */
async function prepare(name: string, dir: string): Promise<string> {
  const model = path.join(dir, 'threatmodel.yaml');
  if (name === 'threat-dragon-demo') {
    const imported = await runCli(['import', THREAT_DRAGON, '-o', model], { cwd: dir, env: ENV });
    expect(imported.code, imported.stderr).toBe(0);
  } else {
    await copyFile(path.join(REPO, 'examples', name, 'threatmodel.yaml'), model);
    // Includes and evidence files the example refers to sit beside it.
    for (const f of await readdir(path.join(REPO, 'examples', name))) if (f !== 'threatmodel.yaml') await copyFile(path.join(REPO, 'examples', name, f), path.join(dir, f)).catch(() => undefined);
  }
  return model;
}

const MODELS = ['web-login', 'payments-api', 'blog', ...(HAVE_CORPUS ? ['threat-dragon-demo'] : [])];

describe.skipIf(!HAVE_CHROMIUM || !HAVE_POPPLER)(`the PDF report, page by page${skipNote}`, () => {
  if (!HAVE_CORPUS) it.skip('the imported Threat Dragon demo model (skipped: ../shared/corpus/threat-dragon not found next to the repository)', () => undefined);

  it.each(MODELS)('%s: no empty page, no heading at the foot of a page, legible diagrams, a numbered table of contents', async (name) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-pdf-'));
    try {
      const model = await prepare(name, dir);
      const pdf = path.join(dir, 'report.pdf');
      const printed = await runCli(['report', model, '--format', 'pdf', '-o', pdf], { cwd: dir, env: ENV });
      expect(printed.code, printed.stderr).toBe(0);
      const page = (await runCli(['report', model, '--format', 'html'], { cwd: dir, env: ENV })).stdout;
      const headings = Array.from(page.matchAll(/<h[1-4]\b[^>]*>([\s\S]*?)<\/h[1-4]>/gu), (m) => decode(m[1] ?? '')).filter((h) => h !== '');

      const all = await pages(pdf);
      const shots = path.join(RESULTS, name);
      await rm(shots, { recursive: true, force: true });
      await mkdir(shots, { recursive: true });
      await run('pdftoppm', ['-r', '50', '-png', pdf, path.join(shots, 'page')]);

      expect(all.length).toBeGreaterThan(5);
      all.forEach((p, i) => {
        const where = `${name}, page ${i + 1} of ${all.length}`;
        expect(p.lines.length, `${where} is empty`).toBeGreaterThan(0);
        // The last line of the page is not a heading (or the end of one wrapped over lines).
        const last = p.lines.reduce((a, b) => (b.bottom > a.bottom ? b : a));
        const orphan = last.bottom - last.top >= HEADING_LINE_PT ? headings.find((h) => h === last.text || h.endsWith(` ${last.text}`)) : undefined;
        expect(orphan, `${where} ends with the heading "${orphan ?? ''}"`).toBeUndefined();
        expect(p.smallest, `${where}: text ${p.smallest.toFixed(1)} pt high`).toBeGreaterThanOrEqual(MIN_WORD_HEIGHT_PT);
      });

      // The data-flow diagram is one figure on one page: its heading, drawing and caption together.
      const dfd = all.find((p) => p.lines.some((l) => l.text.startsWith('Data-flow diagram: trust boundaries dashed')));
      expect(dfd?.lines.some((l) => l.text === 'Data-flow diagram')).toBe(true);
      expect(dfd?.lines.some((l) => l.text.includes('data-flow diagram'))).toBe(true);

      // The contents give the page each section starts on, and that page opens with the section's heading.
      const contents = all[1]?.lines ?? [];
      expect(contents[0]?.text).toBe('Contents');
      const sections = await sectionPages(await readFile(pdf));
      expect(sections.size).toBe(12);
      for (const [id, n] of sections) {
        const k = Number(id.slice(1));
        const entry = contents.find((l) => l.text.startsWith(`${k}. `));
        const number = contents.find((l) => l !== entry && entry !== undefined && Math.abs(l.top - entry.top) < 3);
        expect(number?.text, `contents entry ${k}`).toBe(String(n));
        expect(all[n - 1]?.lines[0]?.text.startsWith(`${k}. `), `section ${k} opens page ${n}`).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
