import { describe, expect, it } from 'vitest';
import { adversarialModel, HOSTILE } from '../../test/fixtures/adversarial.js';
import { dataFor, dataForModel, shopData } from '../../test/fixtures/data.js';
import { allModelFiles } from '../../test/fixtures/models.js';
import { checkMermaid } from '../../test/mermaid-check.js';
import { inventory } from '../../test/xml-check.js';
import { toHtml, toMarkdown } from './index.js';

const SECTIONS = ['1. Executive summary', '2. System overview', '3. Assets', '4. Trust boundaries', '5. Threat inventory', '6. Attack trees', '7. Mitigation plan', '8. Test plan and validation', '9. Residual risks and acceptances', '10. Unanswered questions', '11. Appendix'];

function mermaidBlocks(md: string): string[] {
  return Array.from(md.matchAll(/```mermaid\n([\s\S]*?)```/gu), (m) => m[1] ?? '');
}

/** The Markdown outside code fences. */
function prose(md: string): string {
  return md.replace(/```mermaid\n[\s\S]*?```/gu, '');
}

/** Cells of a GFM table row, splitting on unescaped pipes. */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/u, '').replace(/\|$/u, '').split(/(?<!\\)\|/u);
}

function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | undefined;
  for (const line of prose(md).split('\n')) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) {
      out.push(cur);
      cur = undefined;
    }
  }
  if (cur) out.push(cur);
  return out;
}

describe('Markdown report', () => {
  it('has the sections a security review expects, in order', () => {
    const md = toMarkdown(shopData());
    const positions = SECTIONS.map((s) => md.indexOf(`## ${s}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('| Git revision | abc1234 |');
    expect(md).toMatch(/1\. \*\*P0 \(20\)\*\* \[csrf@C2\]\(#threat-csrfc2\)/u);
    expect(md).toContain('### Threat csrf@C2');
    expect(md).toContain('Likelihood × impact');
  });

  it('shows test results and overdue mitigations from the risk assessment', () => {
    const md = toMarkdown(shopData());
    expect(md).toContain('| `R1` Rate-limit and add MFA to the login | login locks after ten failures | — | **failed: login locks after ten failures failed: expected 423, got 200** |');
    expect(md).toContain('| `R2` Parameterised queries everywhere | orders repository rejects injected input | CI run 1234 | verified: 1 of 1 tests passed |');
    expect(md).toContain('planned, overdue by 3 days');
  });

  it('inlines the DFD, the asset view, the risk overlay and each attack tree as Mermaid that parses', () => {
    const blocks = mermaidBlocks(toMarkdown(shopData()));
    expect(blocks).toHaveLength(4);
    for (const b of blocks) checkMermaid(b);
    expect(blocks[2]).toContain('riskP0');
  });

  it('keeps hostile text literal: no HTML, links or broken table rows', () => {
    const md = toMarkdown(dataForModel(adversarialModel()));
    const text = prose(md);
    expect(text).not.toMatch(/<(script|img|svg)/iu);
    expect(text).not.toMatch(/(?<!\\)\]\((?!#)/u);
    for (const t of tables(md)) {
      const width = cells(t[0] ?? '').length;
      for (const row of t) expect(cells(row)).toHaveLength(width);
    }
    for (const b of mermaidBlocks(md)) checkMermaid(b);
    expect(HOSTILE.length).toBeGreaterThan(0);
  });
});

describe('HTML report', () => {
  it('is self-contained: inline SVG diagrams and charts, a CSP that forbids external requests, no scripts', async () => {
    const page = await toHtml(shopData());
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/u);
    expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|\ssrc=|url\(/iu);
    expect(page).not.toMatch(/href="(?!#)/u);
    const svgs = Array.from(page.matchAll(/<svg[\s\S]*?<\/svg>/gu), (m) => m[0]);
    // DFD, asset view, risk overlay, one attack tree, heatmap, category chart, status chart.
    expect(svgs).toHaveLength(7);
    for (const svg of svgs) inventory(svg);
    expect(page).toContain('aria-label="Likelihood by impact heatmap of open threats"');
    expect(page).toContain('@media print');
    for (const s of SECTIONS) expect(page).toContain(`>${s}</h2>`);
  });

  it('escapes hostile text everywhere, including inside the SVG diagrams', async () => {
    const page = await toHtml(dataForModel(adversarialModel()));
    expect(page).not.toMatch(/<(script|img|iframe)\b/iu);
    // No tag carries an event-handler attribute (the hostile ones only appear as escaped text).
    // Attribute values are emptied first: escaped text inside them may mention onerror= harmlessly.
    expect(page.replace(/"[^"]*"/gu, '""')).not.toMatch(/<[a-z][\w:-]*[^>]*\son\w+\s*=/iu);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    const svgs = Array.from(page.matchAll(/<svg[\s\S]*?<\/svg>/gu), (m) => m[0]);
    for (const svg of svgs) expect([...inventory(svg).attributes].filter((a) => a.startsWith('on'))).toEqual([]);
  });
});

describe('every example', () => {
  it.each(allModelFiles())('%s gives both reports', async (_name, file) => {
    const data = dataFor(file);
    const md = toMarkdown(data);
    for (const b of mermaidBlocks(md)) checkMermaid(b);
    const page = await toHtml(data);
    expect((page.match(/<svg/gu) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});
