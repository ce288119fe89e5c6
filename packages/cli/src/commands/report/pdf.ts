/**
 * PDF = the HTML report printed by headless Chromium. Only a browser already installed on the
 * machine is used (never a downloaded one); without it, a clear message says how to get one.
 */
import { access, constants } from 'node:fs/promises';
import { escapeHtml } from '@threatwright/render';
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

/** Prints the HTML to an A4 PDF with page numbers. No network: every request is refused. */
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
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;display:flex;justify-content:space-between;color:#5b6b7a"><span>${escapeHtml(title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close();
  }
}
