import { analyze, deriveHistory, revisionRecord, textHash, type Band, type ChangeSummary, type DiffList, type ElementStamp, type History, type MitigationStamp, type Model, type RevisionInput, type RevisionRecord, type ThreatStamp } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { renderGfm, textOf } from '../../test/markdown-render.js';
import { shopData } from '../../test/fixtures/data.js';
import { shop } from '../../test/fixtures/models.js';
import { inventory } from '../../test/xml-check.js';
import { buildReportData } from '../data/index.js';
import { numberContents, toHtml, toMarkdown } from '../reports/index.js';
import { changelogMarkdown, changeSummaryText, countTicks, dateTicks, decisionsTrendSvg, mttrSvg, openTrendSvg, REVISIONS_SHOWN, sampleDays } from './index.js';
import { between } from '../testing.js';

// ---- building histories by hand ----

const el = (list: DiffList, id: string, name: string, version = ''): ElementStamp => ({ list, id, name, hash: textHash(`${list}/${id}/${name}/${version}`) });
const threat = (id: string, standing: ThreatStamp['standing'], band?: Band, extra: Partial<ThreatStamp> = {}): ThreatStamp => ({ id, title: `Threat ${id}`, standing, status: standing === 'open' ? 'open' : standing === 'dismissed' ? 'false-positive' : standing, baseline: false, ...(band !== undefined ? { band } : {}), ...extra });
const mitigation = (id: string, status: MitigationStamp['status'], due?: string): MitigationStamp => ({ id, title: `Mitigation ${id}`, status, ...(due !== undefined ? { due } : {}), implemented: status === 'implemented' || status === 'verified' });
const record = (elements: ElementStamp[], threats: ThreatStamp[] = [], mitigations: MitigationStamp[] = []): RevisionRecord => ({ version: 1, elements, threats, mitigations });

let commits = 0;
function revision(date: string, state: RevisionInput['state'], info: Partial<RevisionInput> = {}): RevisionInput {
  commits++;
  return { commit: textHash(`commit ${String(commits)}`).padEnd(40, 'a'), date: `${date}T10:00:00Z`, author: 'Ada Lovelace', subject: `Change ${String(commits)}`, path: 'threatmodel.yaml', state, ...info };
}
const valid = (date: string, r: RevisionRecord, info: Partial<RevisionInput> = {}) => revision(date, { kind: 'valid', record: r }, info);

const isoDay = (start: string, days: number): string => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * `n` revisions `every` days apart from `start`: components and flows grow, threats (bands in turn)
 * open and after a while are mitigated, and mitigations move through their statuses.
 */
function growing(n: number, start: string, every: number): RevisionInput[] {
  const bands: (Band | undefined)[] = ['high', 'medium', 'low', 'critical', undefined];
  const out: RevisionInput[] = [];
  for (let k = 0; k < n; k++) {
    const elements: ElementStamp[] = [];
    for (let i = 1; i <= 2 + Math.floor(k / 3); i++) elements.push(el('components', `C${String(i)}`, `Service ${String(i)}`));
    const threats: ThreatStamp[] = [];
    for (let i = 0; i <= k; i++) threats.push(threat(`X${String(i)}`, k - i < 3 + (i % 5) ? 'open' : 'mitigated', bands[i % bands.length]));
    const mitigations: MitigationStamp[] = [];
    for (let j = 0; j * 4 <= k; j++) mitigations.push(mitigation(`M${String(j)}`, k - j * 4 < 3 ? 'planned' : 'implemented', isoDay(start, j * 4 * every + 5)));
    out.push(valid(isoDay(start, k * every), record(elements, threats, mitigations)));
  }
  return out;
}

const until = (day: string) => ({ until: new Date(`${day}T23:00:00Z`) });
const NO_THREATS = { new: 0, gone: 0, mitigated: 0, decided: 0, reopened: 0 };


/** Cells of a GFM table row, splitting on unescaped pipes. */
const cells = (row: string): string[] => row.trim().replace(/^\|/u, '').replace(/\|$/u, '').split(/(?<!\\)\|/u);

/** Every GFM table in some Markdown, as its lines. */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | undefined;
  for (const line of [...md.split('\n'), '']) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) {
      out.push(cur);
      cur = undefined;
    }
  }
  return out;
}

const svgsOf = (page: string): string[] => Array.from(page.matchAll(/<svg[\s\S]*?<\/svg>/gu), (m) => m[0]);

/** Well-formed XML, as many `<svg` as `</svg>`, and no number that went wrong. */
function expectSoundSvg(svg: string): void {
  expect(() => inventory(svg)).not.toThrow();
  expect((svg.match(/<svg\b/gu) ?? []).length).toBe((svg.match(/<\/svg>/gu) ?? []).length);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/u);
}

/** The number of points of the first drawn series (its `d` path). */
function pointsOfFirstLine(svg: string): number {
  const d = /<path d="M([^"]*)" fill="none"/u.exec(svg)?.[1] ?? '';
  return d.split(' L').length;
}

// ---- the change summary ----

describe('changeSummaryText', () => {
  it('groups added, changed (with renames) and removed elements, threat movements and mitigation status moves', () => {
    const before = record([el('components', 'C2', 'Web app'), el('boundaries', 'B9', 'DMZ'), el('mitigations', 'M1', 'Rate limit')], [threat('X1', 'open', 'high'), threat('X2', 'open', 'medium'), threat('X3', 'open', 'low')], [mitigation('M1', 'planned')]);
    const after = record(
      [el('components', 'C2', 'Portal'), el('components', 'C3', 'Admin'), el('flows', 'F2', 'F2'), el('mitigations', 'M1', 'Rate limit', 'implemented')],
      [threat('X1', 'mitigated', 'high'), threat('X2', 'open', 'medium'), threat('X4', 'open', 'critical'), threat('X5', 'open', 'low')],
      [mitigation('M1', 'implemented')],
    );
    const h = deriveHistory([valid('2026-03-01', before), valid('2026-03-02', after)], until('2026-03-03'));
    const changes = h.revisions[1]?.changes;
    expect(changes).toBeDefined();
    expect(changeSummaryText(changes as ChangeSummary)).toBe('added component C3 "Admin", flow F2; changed component C2 (renamed from "Web app"); removed boundary B9 "DMZ"; threats: 2 new, 1 mitigated, 1 gone; mitigation M1 planned → implemented');
  });

  it('words decisions, reopened threats, several entries of one list and new or dropped mitigations', () => {
    const c: ChangeSummary = {
      elements: [
        { list: 'components', id: 'C4', name: 'Queue', change: 'added' },
        { list: 'components', id: 'C5', name: 'Cache', change: 'added' },
        { list: 'attack_trees', id: 'AT1', name: 'Steal money', change: 'removed' },
        { list: 'dependencies', id: 'D1', name: 'Stripe', change: 'changed' },
      ],
      threats: { ...NO_THREATS, decided: 2, reopened: 1 },
      mitigations: [{ id: 'M7', title: 'WAF', after: 'proposed' }, { id: 'M8', title: 'MFA', before: 'verified' }, { id: 'M9', title: 'Logs', before: 'proposed', after: 'in-progress' }],
    };
    expect(changeSummaryText(c)).toBe('added components C4 "Queue", C5 "Cache"; changed dependency D1; removed attack tree AT1 "Steal money"; threats: 2 decided, 1 reopened; mitigations M7 new (proposed), M8 gone (was verified), M9 proposed → in-progress');
  });

  it('tells a mitigation added or removed with its model entry once, as an element', () => {
    const first = record([el('mitigations', 'M1', 'Rate limit')], [], [mitigation('M1', 'planned')]);
    const second = record([el('mitigations', 'M2', 'MFA')], [], [mitigation('M2', 'proposed')]);
    const h = deriveHistory([valid('2026-03-01', first), valid('2026-03-02', second)], until('2026-03-02'));
    expect(changeSummaryText(h.revisions[1]?.changes as ChangeSummary)).toBe('added mitigation M2 "MFA"; removed mitigation M1 "Rate limit"');
  });

  it('counts a long group instead of listing it, so the line stays readable', () => {
    const many = Array.from({ length: 14 }, (_v, i) => el('components', `C${String(i + 1)}`, `Service ${String(i + 1)}`));
    const six = Array.from({ length: 6 }, (_v, i) => el('assets', `A${String(i + 1)}`, `A${String(i + 1)}`));
    const h = deriveHistory([valid('2026-03-01', record([...many, ...six, el('flows', 'F1', 'F1'), el('flows', 'F2', 'Login')]))], until('2026-03-01'));
    expect(changeSummaryText(h.revisions[0]?.changes as ChangeSummary)).toBe('added 14 components, flows F1, F2 "Login", assets A1, A2, A3, A4, A5, A6');
    const seven = { elements: Array.from({ length: 7 }, (_v, i) => ({ list: 'flows' as const, id: `F${String(i)}`, name: `F${String(i)}`, change: 'removed' as const })), threats: NO_THREATS, mitigations: [] };
    expect(changeSummaryText(seven)).toBe('removed 7 flows');
  });

  it('says when a revision changed nothing', () => {
    const r = record([el('components', 'C1', 'App')], [threat('X1', 'open', 'high')]);
    const h = deriveHistory([valid('2026-03-01', r), valid('2026-03-02', r)], until('2026-03-02'));
    expect(changeSummaryText(h.revisions[1]?.changes as ChangeSummary)).toBe('no change to elements or threats');
    expect(changeSummaryText({ elements: [], threats: NO_THREATS, mitigations: [] })).toBe('no change to elements or threats');
  });

  it('reads the records of real models and analyses: a renamed and an added component, a mitigation implemented', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const before = shop();
    const after: Model = structuredClone(before);
    after.components = [...(after.components ?? []).map((c) => (c.id === 'C2' ? { ...c, name: 'Storefront' } : c)), { id: 'C6', name: 'Admin console', kind: 'process' }];
    after.mitigations = (after.mitigations ?? []).map((m) => (m.id === 'R1' ? { ...m, status: 'implemented' } : m));
    const h = deriveHistory([valid('2026-10-01', revisionRecord(before, analyze(before, { now }))), valid('2026-10-20', revisionRecord(after, analyze(after, { now })))], { until: now });
    const text = changeSummaryText(h.revisions[1]?.changes as ChangeSummary);
    expect(text).toMatch(/^added component C6 "Admin console"; changed component C2 \(renamed from "Web app"\)/u);
    expect(text).toContain('mitigation R1 planned → implemented');
    expect(text).not.toContain('changed mitigation');
  });
});

// ---- the changelog ----

function mixedHistory(): History {
  const a = record([el('components', 'C1', 'App')], [threat('X1', 'open', 'high')], [mitigation('M1', 'planned')]);
  const b = record([el('components', 'C1', 'App'), el('flows', 'F1', 'Login')], [threat('X1', 'mitigated', 'high'), threat('X2', 'open', 'medium')], [mitigation('M1', 'implemented')]);
  return deriveHistory(
    [
      valid('2026-01-10', a, { subject: 'first model' }),
      revision('2026-01-12', { kind: 'invalid', errors: 2, first: 'flows[3].to: C9 is not a component' }, { subject: 'broken flow' }),
      valid('2026-01-15', b, { subject: 'login flow' }),
      revision('2026-01-20', { kind: 'missing' }, { subject: 'move the model', path: 'old/threatmodel.yaml' }),
      valid('2026-01-25', b, { subject: 'model back' }),
    ],
    until('2026-02-01'),
  );
}

describe('changelogMarkdown', () => {
  it('lists the revisions newest first, each with its date, short hash, subject, author and what moved', () => {
    const h = mixedHistory();
    const md = changelogMarkdown(h, { file: 'threatmodel.yaml' });
    expect(md.startsWith('# Changelog of threatmodel.yaml\n')).toBe(true);
    const subjects = ['model back', 'move the model', 'login flow', 'broken flow', 'first model'].map((s) => md.indexOf(` · ${s}\n`));
    expect(subjects.every((p) => p > 0)).toBe(true);
    expect([...subjects].sort((x, y) => x - y)).toEqual(subjects);
    const login = between(md, '· login flow\n', '## ');
    expect(md).toContain(`## 2026-01-15 · ${(h.revisions[2]?.commit ?? '').slice(0, 7)} · login flow\n\nby Ada Lovelace\n`);
    expect(login).toContain('- Added flow F1 "Login"\n');
    expect(login).toContain('- Threats: 1 new, 1 mitigated\n');
    expect(login).toContain('- Mitigation M1 planned → implemented\n');
    expect(login).toContain('- Open: P0 critical 0 · P1 high 0 · P2 medium 1 · P3 low 0\n');
    expect(md.slice(md.indexOf('· first model\n'))).toContain('- Added component C1 "App"\n- Threats: 1 new\n- Mitigation M1 new (planned)\n- Open: P0 critical 0 · P1 high 1 ·');
    expect(between(md, '· model back\n', '## ')).toContain('- No change to elements or threats.');
  });

  it('says which revisions failed validation or lost the model, and skips them', () => {
    const md = changelogMarkdown(mixedHistory(), { file: 'threatmodel.yaml' });
    const text = textOf(renderGfm(md));
    expect(text).toContain('Failed validation and was skipped: 2 errors: flows[3].to: C9 is not a component');
    expect(text).toContain('The model (old/threatmodel.yaml) was removed in this revision: skipped.');
    expect(between(md, '· broken flow\n', '## ')).not.toContain('Open:');
  });

  it('with a limit, shows the newest revisions and says how many older ones were left out', () => {
    const md = changelogMarkdown(mixedHistory(), { file: 'threatmodel.yaml', limit: 2 });
    expect(md.match(/^## /gmu)).toHaveLength(2);
    expect(md).toContain('· model back\n');
    expect(md).toContain('· move the model\n');
    expect(md).not.toContain('· login flow');
    expect(md.trimEnd().endsWith('_3 older revisions not shown._')).toBe(true);
    expect(changelogMarkdown(mixedHistory(), { file: 'threatmodel.yaml', limit: 5 })).not.toContain('not shown');
    expect(changelogMarkdown(mixedHistory(), { file: 'threatmodel.yaml', limit: 4 })).toContain('_1 older revision not shown._');
  });

  it('keeps hostile commit and model text literal', () => {
    const subject = '<script>alert(1)</script> | [x](javascript:alert(1)) `tick` **bold**';
    const author = 'Eve <img src=x onerror=alert(1)> | _em_';
    const name = '[click](javascript:alert(1)) <script>x</script>';
    const h = deriveHistory([valid('2026-01-10', record([el('components', 'C1', name)], [threat('X1', 'open', 'high')]), { subject, author })], until('2026-01-11'));
    const md = changelogMarkdown(h, { file: '# [f](javascript:x).yaml' });
    const rendered = renderGfm(md);
    expect(rendered).not.toMatch(/<(script|img|a|code|em|strong)\b/iu);
    const text = textOf(rendered);
    for (const s of [subject, author, `Added component C1 "${name}"`, '# [f](javascript:x).yaml']) expect(text).toContain(s);
    // One heading per entry: the subject made none of its own.
    expect(rendered.match(/<h[12]\b/gu)).toHaveLength(2);
  });

  it('says so when there is no revision at all', () => {
    expect(changelogMarkdown(deriveHistory([], until('2026-01-01')), { file: 'm.yaml' })).toBe('# Changelog of m.yaml\n\n_No revisions of the model found._\n');
  });
});

// ---- the charts ----

describe('trend charts', () => {
  it('draw one day across the whole width, labelled with its date', () => {
    const h = deriveHistory([valid('2026-03-10', record([], [threat('X1', 'open', 'high'), threat('X2', 'open', 'low'), threat('X3', 'mitigated', 'low')]))], until('2026-03-10'));
    expect(h.days).toHaveLength(1);
    for (const svg of [openTrendSvg(h.days).value, decisionsTrendSvg(h.days).value, mttrSvg(h.mttr).value]) expectSoundSvg(svg);
    const open = openTrendSvg(h.days).value;
    expect(pointsOfFirstLine(open)).toBe(2);
    expect(open).toContain('<title>P1 high: 1 open on 2026-03-10, at most 1</title>');
    expect(open).toContain('>10 Mar<');
  });

  it('downsample a long series to about a point a week, keeping the last day', () => {
    const h = deriveHistory(growing(60, '2023-01-02', 15), until('2025-06-30'));
    expect(h.days.length).toBeGreaterThan(900);
    const open = openTrendSvg(h.days).value;
    expectSoundSvg(open);
    expectSoundSvg(decisionsTrendSvg(h.days).value);
    const points = pointsOfFirstLine(open);
    expect(points).toBeLessThan(h.days.length / 5);
    expect(points).toBeGreaterThan(h.days.length / 8);
    expect(open).toContain('On 2025-06-30:');
    expect(open.length).toBeLessThan(60_000);
    const sampled = sampleDays(h.days);
    expect(sampled[sampled.length - 1]).toBe(h.days[h.days.length - 1]);
    expect(sampled[0]).toBe(h.days[0]);
    expect(sampleDays(h.days.slice(0, 400))).toHaveLength(400);
  });

  it('draw an all-zero series as an empty chart with a note, not a broken one', () => {
    const h = deriveHistory([valid('2026-03-10', record([el('components', 'C1', 'App')])), valid('2026-04-20', record([el('components', 'C1', 'App v2')]))], until('2026-05-01'));
    const open = openTrendSvg(h.days).value;
    const decisions = decisionsTrendSvg(h.days).value;
    const mttr = mttrSvg(h.mttr).value;
    for (const svg of [open, decisions, mttr]) expectSoundSvg(svg);
    expect(open).toContain('No open threats on any day');
    expect(open).not.toContain('fill-opacity');
    expect(decisions).toContain('No decisions and nothing overdue on any day');
    expect(mttr).toContain('none remediated');
    expect(mttr).not.toContain('<rect');
    expect(openTrendSvg([]).value).not.toMatch(/NaN|Infinity|1970/u);
  });

  it('draw MTTR bars to scale, with the median and the count', () => {
    const h = deriveHistory(
      [valid('2026-01-01', record([], [threat('X1', 'open', 'critical'), threat('X2', 'open', 'high')])), valid('2026-01-11', record([], [threat('X1', 'mitigated', 'critical'), threat('X2', 'open', 'high')])), valid('2026-01-21', record([], [threat('X1', 'mitigated', 'critical')]))],
      until('2026-01-30'),
    );
    const svg = mttrSvg(h.mttr).value;
    expectSoundSvg(svg);
    expect(svg).toContain('>10 days mean, median 10 (1 remediated)<');
    expect(svg).toContain('>20 days mean, median 20 (1 remediated)<');
    const widths = Array.from(svg.matchAll(/<rect x="100" y="\d+" width="([\d.]+)"/gu), (m) => Number(m[1]));
    expect(widths).toEqual([150, 300]);
    expect(svg).not.toContain('unrated');
  });

  it('put a few readable date ticks on any span, and round count ticks', () => {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const labels = (a: string, b: string) => dateTicks(day(a), day(b)).map((t) => `${t.label}${t.year !== undefined ? ` ${t.year}` : ''}`);
    expect(labels('2026-03-10', '2026-03-10')).toEqual(['10 Mar 2026']);
    expect(labels('2026-03-01', '2026-03-05')).toEqual(['1 Mar 2026', '2 Mar', '3 Mar', '4 Mar', '5 Mar']);
    // Eight Mondays would be too many: every other one.
    expect(labels('2026-03-01', '2026-04-20')).toEqual(['9 Mar 2026', '23 Mar', '6 Apr', '20 Apr']);
    expect(labels('2026-03-01', '2026-04-10')).toEqual(['2 Mar 2026', '9 Mar', '16 Mar', '23 Mar', '30 Mar', '6 Apr']);
    expect(labels('2026-01-05', '2026-07-05')).toEqual(['Feb 2026', 'Mar', 'Apr', 'May', 'Jun', 'Jul']);
    expect(labels('2025-11-01', '2026-03-01')).toEqual(['Nov 2025', 'Dec', 'Jan 2026', 'Feb', 'Mar']);
    expect(labels('2020-01-01', '2026-01-01')).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    for (const [a, b] of [['2026-01-01', '2026-01-20'], ['2024-02-01', '2026-11-30'], ['2000-01-01', '2026-01-01']] as const) expect(dateTicks(day(a), day(b)).length).toBeLessThanOrEqual(7);
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(countTicks(480)).toEqual([0, 100, 200, 300, 400, 500]);
  });
});

// ---- the reports ----

function withHistory(h: History) {
  return { ...shopData(), history: h };
}

const HOSTILE_SUBJECT = '<script>alert(1)</script> | [x](javascript:alert(1)) `tick`';
const HOSTILE_AUTHOR = 'Eve <img src=x onerror=alert(1)> | *bold*';

function hostileHistory(): History {
  const revs = growing(5, '2026-02-01', 7).map((r, i) => (i === 2 ? { ...r, subject: HOSTILE_SUBJECT, author: HOSTILE_AUTHOR } : r));
  revs.push(valid('2026-03-20', record([el('components', 'C1', '<script>alert(2)</script> [c](javascript:x) | `b`')]), { author: HOSTILE_AUTHOR }));
  return deriveHistory(revs, until('2026-03-31'));
}

describe('report data', () => {
  it('carries the history a caller gives, and none otherwise', () => {
    const h = mixedHistory();
    expect(buildReportData(shop(), { history: h }).history).toBe(h);
    expect('history' in buildReportData(shop())).toBe(false);
  });
});

describe('the Trend section of the HTML report', () => {
  it('is numbered before the Appendix, which becomes 13, in the contents and the headings', async () => {
    const page = await toHtml(withHistory(deriveHistory(growing(12, '2026-01-05', 7), until('2026-04-01'))));
    const contents = Array.from(between(page, '<nav>', '</nav>').matchAll(/<a href="#(s\d+)">([^<]*)<\/a><span class="toc-page" data-section="(s\d+)">/gu), (m) => [m[1], m[2], m[3]]);
    expect(contents).toHaveLength(13);
    expect(contents.slice(-2)).toEqual([
      ['s12', '12. Trend', 's12'],
      ['s13', '13. Appendix', 's13'],
    ]);
    expect(page).toContain('<section id="s12"><h2>12. Trend</h2>');
    expect(page).toContain('<section id="s13"><h2>13. Appendix</h2>');
    expect(page).toContain('<section id="s11"><h2>11. Unanswered questions</h2>');
    expect(page.indexOf('>12. Trend</h2>')).toBeLessThan(page.indexOf('>13. Appendix</h2>'));
    expect(numberContents(page, new Map([['s13', 40]]))).toContain('<span class="toc-page" data-section="s13">40</span>');
    const trend = between(page, '>12. Trend</h2>', '>13. Appendix</h2>');
    expect(trend).toContain('12 revisions analysed from 2026-01-05 to');
    for (const h3 of ['Time to remediate', 'Time to triage', 'Open threats now']) expect(trend).toContain(`<h3>${h3}</h3>`);
    expect(trend).toContain('<th>Band</th><th>Remediated</th><th>Mean days</th><th>Median days</th><th>Decided instead</th><th>Still open</th><th>Oldest open (days)</th>');
    // Both trend charts and the MTTR chart, each a figure in a .charts block (kept whole when printed).
    expect(trend.match(/<div class="charts trend">\s*<figure><svg/gu)).toHaveLength(2);
    expect(svgsOf(trend)).toHaveLength(3);
    for (const svg of svgsOf(page)) expectSoundSvg(svg);
    expect(page).not.toMatch(/NaN|Infinity/u);
    expect(between(page, '>13. Appendix</h2>', '</section>')).toContain('<h3>Revision history</h3>');
  });

  it('is absent without a history, and nothing is renumbered', async () => {
    const page = await toHtml(shopData());
    expect(page).not.toContain('Trend');
    expect(page).not.toContain('Revision history');
    expect(page).toContain('<section id="s12"><h2>12. Appendix</h2>');
    expect(page.match(/class="toc-page"/gu)).toHaveLength(12);
  });

  it('lists the revisions newest first in the appendix, at most a hundred, with a note about the rest', async () => {
    const h = deriveHistory(growing(130, '2025-01-01', 2), until('2025-09-30'));
    const page = await toHtml(withHistory(h));
    const table = between(page, '<h3>Revision history</h3>', '</table>');
    const rows = Array.from(table.matchAll(/<tr><td>.*?<\/tr>/gu), (m) => m[0]);
    expect(rows).toHaveLength(REVISIONS_SHOWN);
    const newest = h.revisions[h.revisions.length - 1];
    expect(rows[0]).toContain(`<code>${(newest?.commit ?? '').slice(0, 7)}</code>`);
    expect(rows[0]).toContain('2025-09-16');
    expect(rows[99]).toContain(`<code>`);
    expect(page).toContain('30 older revisions are not listed');
  });

  it('escapes hostile commit subjects, authors and names: no markup from them', async () => {
    const page = await toHtml(withHistory(hostileHistory()));
    expect(page).not.toMatch(/<(script|img)\b/iu);
    expect(page.replace(/"[^"]*"/gu, '""')).not.toMatch(/<[a-z][\w:-]*[^>]*\son\w+\s*=/iu);
    const appendix = between(page, '<h3>Revision history</h3>', '</table>').replaceAll('<wbr>', '');
    expect(appendix).toContain('Eve &lt;img src=x onerror=alert(1)&gt; | *bold*');
    expect(appendix).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt; | [x](javascript:alert(1)) `tick`</strong>');
    expect(appendix).toContain('changed component C1 (renamed from &quot;Service 1&quot;)');
    for (const svg of svgsOf(page)) expectSoundSvg(svg);
  });
});

describe('the Trend section of the Markdown report', () => {
  it('is numbered before the Appendix, with a row per revision when there are few', () => {
    const h = deriveHistory(growing(12, '2026-01-05', 7), until('2026-04-01'));
    const md = toMarkdown(withHistory(h));
    expect(md).toContain('12. [Trend](#12-trend)\n13. [Appendix](#13-appendix)\n');
    expect(md.indexOf('\n## 12. Trend\n')).toBeGreaterThan(md.indexOf('\n## 11. Unanswered questions\n'));
    expect(md.indexOf('\n## 12. Trend\n')).toBeLessThan(md.indexOf('\n## 13. Appendix\n'));
    const trend = between(md, '## 12. Trend\n', '## 13. Appendix');
    const [open, mttr, triage] = tables(trend);
    expect(open?.[0]).toBe('| Date | Commit | P0 critical | P1 high | P2 medium | P3 low | unrated | Total |');
    expect(open).toHaveLength(2 + 12);
    const last = h.revisions[11];
    expect(open?.[13]).toBe(`| 2026-03-23 | \`${(last?.commit ?? '').slice(0, 7)}\` | ${['critical', 'high', 'medium', 'low', 'unrated'].map((b) => String(last?.counts?.open[b as Band | 'unrated'])).join(' | ')} | ${String(last?.counts?.open.total)} |`);
    expect(mttr?.[0]).toBe('| Band | Remediated | Mean days | Median days | Decided instead | Still open | Oldest open (days) |');
    expect(triage?.[2]).toBe(`| ${String(h.triage.triaged)} | ${h.triage.meanDays === null ? '—' : String(h.triage.meanDays)} | ${h.triage.medianDays === null ? '—' : String(h.triage.medianDays)} | ${String(h.triage.waiting)} | ${h.triage.oldestWaitingDays === null ? '—' : String(h.triage.oldestWaitingDays)} |`);
    expect(trend).toContain(`On 2026-04-01: P0 critical ${String(h.days[h.days.length - 1]?.counts.open.critical)} ·`);
    expect(between(md, '## 13. Appendix', '_Generated by')).toContain('### Revision history');
  });

  it('has a row per month end and the last day when there are many revisions, and caps the revision history', () => {
    const h = deriveHistory(growing(130, '2025-01-01', 2), until('2025-09-30'));
    const md = toMarkdown(withHistory(h));
    const open = tables(between(md, '### Open threats by band', '### Time to remediate'))[0] ?? [];
    expect(open.slice(2).map((r) => cells(r)[0]?.trim())).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30']);
    const revisions = tables(between(md, '### Revision history', '_Generated by'))[0] ?? [];
    expect(revisions).toHaveLength(2 + REVISIONS_SHOWN);
    expect(md).toContain('_30 older revisions are not listed; `threatwright changelog` lists every revision._');
  });

  it('escapes hostile commit subjects, authors and names in every cell', () => {
    const md = toMarkdown(withHistory(hostileHistory()));
    const part = between(md, '## 12. Trend', '_Generated by');
    for (const t of tables(part)) {
      const width = cells(t[0] ?? '').length;
      for (const row of t) expect(cells(row)).toHaveLength(width);
    }
    const rendered = renderGfm(part);
    // The subject is set in bold by the table itself; nothing else of the hostile text becomes markup.
    expect(rendered).not.toMatch(/<(script|img|a|em)\b/iu);
    expect(rendered.match(/<strong>/gu)?.length).toBe(hostileHistory().revisions.length);
    const text = textOf(rendered);
    expect(text).toContain('Eve <img src=x onerror=alert(1)> | *bold*');
    expect(text).toContain('changed component C1 (renamed from "Service 1")');
  });

  it('is absent without a history', () => {
    const md = toMarkdown(shopData());
    expect(md).not.toContain('Trend');
    expect(md).not.toContain('Revision history');
    expect(md).toContain('\n## 12. Appendix\n');
  });
});
