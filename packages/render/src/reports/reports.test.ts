import { describe, expect, it } from 'vitest';
import { renderGfm } from '../../test/markdown-render.js';
import { adversarialModel, HOSTILE } from '../../test/fixtures/adversarial.js';
import { dataFor, dataForModel, SHOP_BASELINE, shopData, shopWithBaseline } from '../../test/fixtures/data.js';
import { allModelFiles } from '../../test/fixtures/models.js';
import { checkMermaid } from '../../test/mermaid-check.js';
import { inventory } from '../../test/xml-check.js';
import { toHtml, toMarkdown } from './index.js';
import { between } from '../testing.js';

const SECTIONS = ['1. Executive summary', '2. System overview', '3. Assets', '4. Trust boundaries', '5. Threat inventory', '6. Baseline: what the model does not yet say', '7. Attack trees', '8. Mitigation plan', '9. Test plan and validation', '10. Residual risks and acceptances', '11. Unanswered questions', '12. Appendix'];

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
    expect(md).toMatch(/1\. \*\*P0 critical \(20\)\*\* \[csrf@C2\]\(#threat-csrfc2\)/u);
    expect(md).toContain('### Threat csrf@C2');
    expect(md).toContain('Likelihood × impact');
  });

  it('says in the threat inventory why each threat was found and what closes it, with its CWE and CAPEC entries', () => {
    const md = toMarkdown(shopData());
    const csrf = between(md, '### Threat csrf@C2', '### Threat ');
    expect(csrf).toContain('**Why:** Web app (C2) is web-application (type web-app); C2 csrf_protection: false.');
    expect(csrf).toContain('**Closes when:** `C2 csrf_protection: true`.');
    expect(csrf).toContain('References: [CWE-352](https://cwe.mitre.org/data/definitions/352.html), [CAPEC-62](https://capec.mitre.org/data/definitions/62.html).');
    // A manual threat has no rule: no reasons, no references.
    expect(between(md, '### Threat T1', '### Threat ')).not.toMatch(/Why:|Closes when:|References:/u);
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
    expect(text).not.toMatch(/(?<!\\)<(script|img|svg)/iu);
    expect(renderGfm(text)).not.toMatch(/<(script|img|svg)|<a href="(?!#|https:\/\/(cwe|capec)\.mitre\.org\/data\/definitions\/\d+\.html")/iu);
    expect(text).not.toMatch(/(?<!\\)\]\((?!#|https:\/\/(cwe|capec)\.mitre\.org\/)/u);
    for (const t of tables(md)) {
      const width = cells(t[0] ?? '').length;
      for (const row of t) expect(cells(row)).toHaveLength(width);
    }
    for (const b of mermaidBlocks(md)) checkMermaid(b);
    expect(HOSTILE.length).toBeGreaterThan(0);
  });
});


describe('the baseline in the reports', () => {
  const question = SHOP_BASELINE.unstated?.[0]?.question ?? '';

  it('Markdown: a section of its own after the threats, per element with categories and questions; the threat sections leave it out', () => {
    const md = toMarkdown(shopWithBaseline());
    const section = between(md, '## 6. Baseline: what the model does not yet say\n', '## 7. Attack trees');
    expect(section).toContain('Baseline: 1 STRIDE category open on 1 entry point');
    expect(section).toContain('### Web app (`C2`)');
    expect(section).toContain('Entered by `F1` Login.');
    expect(section).toContain(`| repudiation | ${question} | \`baseline-repudiation@C2\` |`);
    expect(section).not.toContain('csrf');
    // Not a threat: not in the top risks, the inventory, residual risks or the appendix's table.
    const rest = md.replace(section, '');
    expect(rest).not.toContain('baseline-repudiation');
    expect(between(md, '### Top risks', '### Residual risk')).toContain('csrf@C2');
    expect(between(md, '## 5. Threat inventory', '## 6.')).toContain('### Threat csrf@C2');
    expect(md).toContain('4 threats: **3 open** (P0 critical 2, P1 high 1, P2 medium 0, P3 low 0), 1 mitigated, 0 accepted or transferred. Baseline: 1 STRIDE category open on 1 entry point: questions the model does not answer yet, listed apart in section 6.');
    // Its question is the baseline's: counted under the unanswered questions, not listed again.
    const questions = between(md, '## 11. Unanswered questions', '## 12. Appendix');
    expect(questions).toContain('`C2.csrf_protection`');
    expect(questions).not.toContain('audit log');
    expect(questions).toContain('1 more question is asked only by baseline entries: see section 6.');
  });

  it('Markdown without baseline entries says there are none and keeps every question', () => {
    const md = toMarkdown(shopData());
    expect(between(md, '## 6. Baseline', '## 7.')).toContain('_Nothing: the model answers every baseline question');
    expect(md).not.toContain('asked only by baseline entries');
  });

  it('HTML: the same section, escaped, and the threat sections leave the entry out', async () => {
    // Line-break opportunities (<wbr>) in long tokens are not text.
    const page = (await toHtml(shopWithBaseline())).replaceAll('<wbr>', '');
    const section = between(page, '>6. Baseline: what the model does not yet say</h2>', '>7. Attack trees</h2>');
    expect(section).toContain('<h3>Web app <code>C2</code></h3>');
    expect(section).toContain('<td>repudiation</td><td>Does Web app (C2) write security and admin events to an audit log?</td><td><code>baseline-repudiation@C2</code></td>');
    expect(page.replace(section, '')).not.toContain('baseline-repudiation');
    expect(page).toContain('id="threat-csrf_C2"');
    expect(between(page, '>11. Unanswered questions</h2>', '>12. Appendix</h2>')).toContain('1 more question is asked only by baseline entries');
  });

  it('escapes hostile element names and questions in the baseline section', async () => {
    const data = shopWithBaseline();
    const hostile = { ...data, model: { ...data.model, components: (data.model.components ?? []).map((c) => (c.id === 'C2' ? { ...c, name: '<img src=x onerror=alert(1)> | [x](http://evil)' } : c)) }, threats: data.threats.map((t) => (t.confidence === 'baseline' ? { ...t, questions: ['<script>alert(1)</script> | *bold*'] } : t)) };
    const page = (await toHtml(hostile)).replaceAll('<wbr>', '');
    const section = between(page, '>6. Baseline', '>7. Attack trees</h2>');
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = toMarkdown(hostile);
    const mdSection = between(md, '## 6. Baseline', '## 7. Attack trees');
    expect(mdSection).not.toMatch(/(?<!\\)<(script|img)/iu);
    expect(renderGfm(mdSection)).not.toMatch(/<(script|img)|<a href="(?!#|https:\/\/(cwe|capec)\.mitre\.org\/data\/definitions\/\d+\.html")/iu);
    expect(mdSection).not.toMatch(/(?<!\\)\]\((?!#|https:\/\/(cwe|capec)\.mitre\.org\/)/u);
    for (const t of tables(mdSection)) for (const row of t) expect(cells(row)).toHaveLength(3);
  });
});

describe('HTML report', () => {
  it('says in the threat inventory why each threat was found and what closes it, with its CWE and CAPEC entries', async () => {
    const page = await toHtml(shopData());
    const csrf = between(page, 'id="threat-csrf_C2"', '</div>');
    expect(csrf).toContain('<p class="why"><strong>Why:</strong> Web app (C2) is web-application (type web-app); C2 csrf_protection: false.</p>');
    expect(csrf).toContain('<p class="closes"><strong>Closes when:</strong> <code>C2 csrf_protection: true</code>.</p>');
    expect(csrf).toContain('<a href="https://cwe.mitre.org/data/definitions/352.html">CWE-352</a>, <a href="https://capec.mitre.org/data/definitions/62.html">CAPEC-62</a>');
  });

  it('is self-contained: inline SVG diagrams and charts, a CSP that forbids external requests, no scripts', async () => {
    const page = await toHtml(shopData());
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/u);
    expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|\ssrc=|url\(/iu);
    // Links go to sections of the page, or out to MITRE's CWE and CAPEC entries (a click, never a request).
    expect(page).not.toMatch(/href="(?!#|https:\/\/(cwe|capec)\.mitre\.org\/)/u);
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
    // Nothing escaped that could not become markup: no "\\(C2\\)", "2\\.3", "data\\:" or "&gt;".
    expect(prose(md)).not.toMatch(/\\[().{}+!#-]|(?<!https?|ftp|mailto)\\:|&(gt|lt|amp);/u);
    const page = await toHtml(data);
    expect((page.match(/<svg/gu) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});
