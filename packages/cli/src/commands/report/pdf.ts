/**
 * PDF = the HTML report printed by headless Chromium. Only a browser already installed on the
 * machine is used (never a downloaded one); without it, a clear message says how to get one.
 */
import { access, constants } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { escapeHtml, numberContents } from '@threatwright/render';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`) or Google Chrome, or point THREATWRIGHT_CHROMIUM at its executable. Meanwhile `--format html` gives the same report; print it from any browser.';

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to print with: THREATWRIGHT_CHROMIUM, CHROME_PATH, then the usual install locations. */
export async function findChromium(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const name of ['THREATWRIGHT_CHROMIUM', 'CHROME_PATH']) {
    const given = env[name];
    if (given === undefined || given === '') continue;
    if (await executable(given)) return given;
    throw new UserError(`${name} is set to ${given}, which is not an executable file`, ExitCode.unavailable, INSTALL_HINT);
  }
  for (const c of CANDIDATES) if (await executable(c)) return c;
  return undefined;
}

/**
 * Prints the HTML report to PDF: A4 portrait, diagrams on pages of their own size where the HTML
 * asks for one (CSS named pages), page numbers in the footer, bookmarks for the headings, and the
 * table of contents numbered from a first printing (Chromium has no `target-counter()`). No
 * network: every request is refused.
 */
export async function htmlToPdf(html: string, env: NodeJS.ProcessEnv, title: string): Promise<Uint8Array> {
  const executablePath = await findChromium(env);
  if (executablePath === undefined) throw new UserError('PDF needs Chromium or Chrome, and none was found', ExitCode.unavailable, INSTALL_HINT);
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
  } catch (err) {
    throw new UserError(`could not start ${executablePath}: ${(err as Error).message.split('\n')[0] ?? ''}`, ExitCode.unavailable, INSTALL_HINT);
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    const print = async (content: string): Promise<Uint8Array> => {
      await page.setContent(content, { waitUntil: 'load' });
      return page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        outline: true,
        tagged: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;display:flex;justify-content:space-between;color:#5b6b7a"><span>${escapeHtml(title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      });
    };
    let pdf = await print(html);
    // The numbers fill slots the first printing already left room for, so a second printing keeps every page where it was.
    for (let round = 0; round < 2; round++) {
      const pages = await sectionPages(pdf);
      if (pages.size === 0) break;
      const numbered = numberContents(html, pages);
      const again = await print(numbered);
      const after = await sectionPages(again);
      pdf = again;
      if ([...pages].every(([id, n]) => after.get(id) === n)) break;
      html = numberContents(html, after);
    }
    return pdf;
  } finally {
    await browser.close();
  }
}

/** The page (from 1) each report section starts on: the named destinations Chromium writes for the links to `#s1`, `#s2`, …. */
export async function sectionPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) {
    const id = key.decodeText();
    if (!/^s\d+$/u.test(id)) continue;
    const dest = doc.context.lookup(value);
    const target = dest instanceof PDFArray ? dest.get(0) : dest instanceof PDFDict ? dest.lookupMaybe(PDFName.of('D'), PDFArray)?.get(0) : undefined;
    const n = target instanceof PDFRef ? index.get(target.toString()) : undefined;
    if (n !== undefined) out.set(id, n);
  }
  return out;
}
