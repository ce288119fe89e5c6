import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History } from '@threatwright/core';
import { runCli } from '../../testing.js';

let repo = '';
let cache = '';
const git = (args: string[], date?: string, author?: string) =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...(date !== undefined ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}), ...(author !== undefined ? { GIT_AUTHOR_NAME: author, GIT_COMMITTER_NAME: author } : {}) } }).trim();
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};
const commit = (message: string, date: string, author?: string) => {
  git(['add', '-A']);
  git(['commit', '-qm', message], date, author);
};

const ROOT = (flow: string, extra = '') => `threatwright: 1\nsystem:\n  name: Shop\ninclude:\n  - parts/components.yaml\nboundaries:\n  - id: B1\n    name: Internet\n    trust: untrusted\n  - id: B2\n    name: Cloud\n    trust: medium\nflows:\n  - id: F1\n    from: C1\n    to: C2\n${flow}${extra}`;
const PLAIN = '    protocol: http\n    encrypted: false\n';
const TLS = '    protocol: https\n    encrypted: true\n';
const PARTS = 'components:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n    boundary: B1\n  - id: C2\n    name: Web app\n    kind: process\n    type: web-app\n    boundary: B2\n';
const DECISIONS = (m1: string, throttled: string) =>
  `threats:\n  - fingerprint: verbose-errors@C2\n    status: accepted\n    accepted_by: Ana (CISO)\n    justification: Errors only reach the support team\n    expires: 2026-02-01\n  - fingerprint: unthrottled-endpoint@C2\n    status: ${throttled}\nmitigations:\n  - id: M1\n    title: Rate limiting at the gateway\n    status: ${m1}\n    threats: [unthrottled-endpoint@C2]\n`;

/**
 * The fixture, by hand:
 * 1. 2026-01-01 the first model: F1 is plain HTTP (unencrypted-flow@F1, P1 high 4×3) and four P2 medium threats are open.
 * 2. 2026-01-11 TLS on F1: the high threat is gone, 10 days after it appeared.
 * 3. 2026-01-21 verbose-errors accepted until 2026-02-01; unthrottled-endpoint in progress with M1 planned (both triaged after 20 days).
 * 4. 2026-02-10 a broken include file: skipped.
 * 5. 2026-02-15 the include mended, M1 implemented, unthrottled-endpoint mitigated: 45 days after it appeared.
 * 6. 2026-03-01 the model renamed to tm.yaml.
 * Judged on 2026-03-10 (noon): the acceptance expired on 2026-02-01, so verbose-errors is open again from then.
 */
beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'tw-history-'));
  cache = mkdtempSync(path.join(tmpdir(), 'tw-history-cache-'));
  git(['init', '-q']);
  git(['config', 'user.email', 'dev@example.com']);
  git(['config', 'user.name', 'Dev']);
  write('model/threatmodel.yaml', ROOT(PLAIN));
  write('model/parts/components.yaml', PARTS);
  commit('first model', '2026-01-01T10:00:00Z');
  write('model/threatmodel.yaml', ROOT(TLS));
  commit('TLS on F1', '2026-01-11T10:00:00Z');
  write('model/threatmodel.yaml', ROOT(TLS, DECISIONS('planned', 'in-progress')));
  commit('accept verbose errors, plan rate limiting', '2026-01-21T10:00:00Z');
  write('model/parts/components.yaml', `${PARTS}  - id: [broken\n`);
  commit('half an edit', '2026-02-10T10:00:00Z');
  write('model/parts/components.yaml', PARTS);
  write('model/threatmodel.yaml', ROOT(TLS, DECISIONS('implemented', 'mitigated')));
  commit('rate limiting in place', '2026-02-15T10:00:00Z');
  git(['mv', 'model/threatmodel.yaml', 'model/tm.yaml']);
  // A hostile author name: a spreadsheet formula.
  commit('rename the model', '2026-03-01T10:00:00Z', '=HYPERLINK("http://evil.example","x")');
  // A commit that touches neither the model nor its include is not a revision of it.
  write('src/app.js', 'console.log(1)\n');
  commit('code only', '2026-03-02T10:00:00Z');
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const cwd = () => path.join(repo, 'model');
const env = () => ({ THREATWRIGHT_CACHE_DIR: cache });
type HistoryJson = History & { path: string; shallow: boolean };

async function historyJson(extra: string[] = []): Promise<HistoryJson> {
  const r = await runCli(['history', 'tm.yaml', '--format', 'json', '--today', '2026-03-10', ...extra], { cwd: cwd(), env: env() });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as HistoryJson;
}

describe('threatwright history', () => {
  it('lists every revision of the model and its include files, through the rename, oldest first', async () => {
    const h = await historyJson();
    expect(h.revisions.map((r) => [r.subject, r.state, r.path])).toEqual([
      ['first model', 'valid', 'model/threatmodel.yaml'],
      ['TLS on F1', 'valid', 'model/threatmodel.yaml'],
      ['accept verbose errors, plan rate limiting', 'valid', 'model/threatmodel.yaml'],
      ['half an edit', 'invalid', 'model/threatmodel.yaml'],
      ['rate limiting in place', 'valid', 'model/threatmodel.yaml'],
      ['rename the model', 'valid', 'model/tm.yaml'],
    ]);
    expect(h.skipped).toBe(1);
    expect(h.revisions[3]?.problem).toMatch(/^1 error: parts\/components\.yaml:12:/u);
    expect(h.shallow).toBe(false);
  });

  it('counts open threats by band per revision, and what each revision changed', async () => {
    const h = await historyJson();
    const open = h.revisions.map((r) => (r.counts ? [r.counts.open.high, r.counts.open.medium, r.counts.mitigated, r.counts.accepted] : null));
    expect(open).toEqual([[1, 4, 0, 0], [0, 4, 0, 0], [0, 3, 0, 1], null, [0, 3, 1, 0], [0, 3, 1, 0]]);
    // On 2026-02-15 the acceptance (until 2026-02-01) has expired: verbose-errors counts as open again.
    expect(h.revisions[4]?.counts?.expired).toBe(1);
    expect(h.revisions[1]?.changes?.threats).toEqual({ new: 0, gone: 1, mitigated: 0, decided: 0, reopened: 0 });
    expect(h.revisions[1]?.changes?.elements).toEqual([{ list: 'flows', id: 'F1', name: 'F1', change: 'changed' }]);
    expect(h.revisions[2]?.changes?.mitigations).toEqual([{ id: 'M1', title: 'Rate limiting at the gateway', after: 'planned' }]);
    // The mended revision is compared with the last valid one, before the broken commit.
    expect(h.revisions[4]?.changes?.threats).toEqual({ new: 0, gone: 0, mitigated: 1, decided: 0, reopened: 1 });
    expect(h.revisions[5]?.changes).toEqual({ elements: [], threats: { new: 0, gone: 0, mitigated: 0, decided: 0, reopened: 0 }, mitigations: [] });
  });

  it('measures time to remediate per band and time to triage from the revisions (checked by hand)', async () => {
    const h = await historyJson();
    const byBand = Object.fromEntries(h.mttr.map((m) => [m.band, m]));
    // unencrypted-flow@F1: open 2026-01-01 10:00, gone 2026-01-11 10:00.
    expect(byBand['high']).toMatchObject({ remediated: 1, meanDays: 10, medianDays: 10, decided: 0, stillOpen: 0 });
    // unthrottled-endpoint@C2: 2026-01-01 → mitigated 2026-02-15 (45 days); verbose-errors accepted on 2026-01-21 (decided),
    // open again from its expiry 2026-02-01 to 2026-03-10 noon (37.5 days); missing-audit-log and spoofed-caller open
    // since 2026-01-01 10:00 (68.1 days).
    expect(byBand['medium']).toMatchObject({ remediated: 1, meanDays: 45, medianDays: 45, decided: 1, stillOpen: 3, oldestOpenDays: 68.1 });
    const verbose = h.threats.find((t) => t.id === 'verbose-errors@C2');
    expect(verbose?.intervals.map((i) => [i.from.slice(0, 10), i.to?.slice(0, 10), i.closure, i.days])).toEqual([
      ['2026-01-01', '2026-01-21', 'accepted', 20],
      ['2026-02-01', undefined, undefined, 37.5],
    ]);
    // Two threats got a decision after 20 days each; two still wait (the gone one does not).
    expect(h.triage).toEqual({ triaged: 2, meanDays: 20, medianDays: 20, waiting: 2, oldestWaitingDays: 68.1 });
  });

  it('gives one row per day, each judged as of that day, up to --today', async () => {
    const h = await historyJson();
    expect(h.days[0]?.day).toBe('2026-01-01');
    expect(h.days[h.days.length - 1]?.day).toBe('2026-03-10');
    expect(h.days).toHaveLength(31 + 28 + 10);
    const on = (day: string) => h.days.find((d) => d.day === day)?.counts;
    expect(on('2026-01-31')).toMatchObject({ accepted: 1, expired: 0 });
    // The acceptance expires on 2026-02-01: from that day it counts as open, before any new revision.
    expect(on('2026-02-01')).toMatchObject({ accepted: 0, expired: 1 });
    expect(on('2026-02-01')?.open.medium).toBe(4);
    // The broken revision of 2026-02-10 is skipped: that day keeps the state of 2026-01-21.
    expect(h.days.find((d) => d.day === '2026-02-10')?.commit).toBe(h.revisions[2]?.commit);
  });

  it('writes CSV by revision and by day, with hostile commit text neutralised', async () => {
    const byRevision = await runCli(['history', 'tm.yaml', '--format', 'csv', '--today', '2026-03-10'], { cwd: cwd(), env: env() });
    const lines = byRevision.stdout.trim().split('\n');
    expect(lines[0]).toBe('commit,date,author,subject,state,critical,high,medium,low,unrated,open,baseline,mitigated,accepted,transferred,dismissed,expired,mitigations_proposed,mitigations_planned,mitigations_in_progress,mitigations_implemented,mitigations_verified,overdue,changes,problem');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^[0-9a-f]{40},2026-01-01T10:00:00\+00:00,Dev,first model,valid,0,1,4,0,0,5,2,0,0,0,0,0,0,0,0,0,0,0,/u);
    expect(lines[6]).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",rename the model,valid,`);
    const byDay = await runCli(['history', 'tm.yaml', '--format', 'csv', '--by', 'day', '--today', '2026-03-10'], { cwd: cwd(), env: env() });
    expect(byDay.stdout.split('\n')[0]).toBe('day,commit,critical,high,medium,low,unrated,open,baseline,mitigated,accepted,transferred,dismissed,expired,mitigations_proposed,mitigations_planned,mitigations_in_progress,mitigations_implemented,mitigations_verified,overdue');
    expect(byDay.stdout.trim().split('\n')).toHaveLength(1 + 69);
  });

  it('prints a table and the figures for people', async () => {
    const r = await runCli(['history', 'tm.yaml', '--today', '2026-03-10'], { cwd: cwd(), env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tm.yaml: 6 revisions from 2026-01-01 to 2026-03-01 up to HEAD, 1 skipped (invalid)');
    expect(r.stdout).toMatch(/2026-02-10 {2}[0-9a-f]{7} {2}skipped: 1 error: parts\/components\.yaml:12:/u);
    expect(r.stdout).toContain('  P1 high      1 remediated; mean 10 days, median 10 days; none open');
    expect(r.stdout).toContain('  P2 medium    1 remediated; mean 45 days, median 45 days; 1 decided instead; 3 still open, the oldest for 68.1 days');
    expect(r.stdout).toContain('Time to triage (first revision with a decision): 2 threats decided, mean 20 days, median 20 days; 2 waiting, the oldest for 68.1 days');
    expect(r.stdout).toContain('Open on 2026-03-10: P0 critical 0 · P1 high 0 · P2 medium 3 · P3 low 0');
  });

  it('caches each content once: a second walk reads the records instead of analysing', async () => {
    rmSync(cache, { recursive: true, force: true });
    const first = await historyJson();
    const files = readdirSync(cache, { recursive: true }).map(String).filter((f) => f.endsWith('.json') && !f.startsWith('reads'));
    // Six revisions; the renamed one has new content (its path), the rest are distinct.
    expect(files.length).toBe(6);
    const second = await historyJson();
    expect(second).toEqual(first);
    const uncached = await historyJson(['--no-cache']);
    expect(uncached).toEqual(first);
  });

  it('reads only up to --rev and only the newest --max-revisions', async () => {
    const h = await historyJson(['--rev', 'HEAD~3']);
    expect(h.revisions.map((r) => r.subject)).toEqual(['first model', 'TLS on F1', 'accept verbose errors, plan rate limiting', 'half an edit']);
    const newest = await historyJson(['--max-revisions', '2']);
    expect(newest.revisions.map((r) => r.subject)).toEqual(['rate limiting in place', 'rename the model']);
  });

  it('says what to do outside a repository, for a model never committed, and for an unknown revision', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'tw-history-out-'));
    try {
      writeFileSync(path.join(outside, 'threatmodel.yaml'), ROOT(PLAIN).replace(/include:\n {2}- parts\/components.yaml\n/u, ''));
      const r = await runCli(['history'], { cwd: outside, env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not in a git repository');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    write('model/new.yaml', ROOT(PLAIN));
    try {
      const r = await runCli(['history', 'new.yaml'], { cwd: cwd(), env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('new.yaml has no history at HEAD: it was never committed there');
    } finally {
      rmSync(path.join(repo, 'model/new.yaml'));
    }
    const bad = await runCli(['history', 'tm.yaml', '--rev', 'no-such-branch'], { cwd: cwd(), env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no revision or file named "no-such-branch"');
    const max = await runCli(['history', 'tm.yaml', '--max-revisions', '0'], { cwd: cwd(), env: env() });
    expect(max.code).toBe(2);
  });

  it('warns on a shallow clone that the history starts where the clone was cut', async () => {
    const shallow = mkdtempSync(path.join(tmpdir(), 'tw-history-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo}`, shallow]);
      const r = await runCli(['history', 'model/tm.yaml', '--today', '2026-03-10'], { cwd: shallow, env: env() });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('this clone is shallow');
      const j = await runCli(['history', 'model/tm.yaml', '--format', 'json'], { cwd: shallow, env: env() });
      expect((JSON.parse(j.stdout) as HistoryJson).shallow).toBe(true);
      expect(j.stderr).toContain('shallow');
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});

describe('threatwright changelog', () => {
  it('writes one entry per revision, newest first, with what it changed, skipped ones marked, text escaped', async () => {
    const r = await runCli(['changelog', 'tm.yaml', '--today', '2026-03-10'], { cwd: cwd(), env: env() });
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.map((h) => h.replace(/ · [0-9a-f]{7} · /u, ' · '))).toEqual([
      '## 2026-03-01 · rename the model',
      '## 2026-02-15 · rate limiting in place',
      '## 2026-02-10 · half an edit',
      '## 2026-01-21 · accept verbose errors, plan rate limiting',
      '## 2026-01-11 · TLS on F1',
      '## 2026-01-01 · first model',
    ]);
    expect(r.stdout.startsWith('# Changelog of tm.yaml\n')).toBe(true);
    expect(r.stdout).toMatch(/- Failed validation and was skipped: 1 error: parts\/components\.yaml:12:1: YAML syntax error/u);
    expect(r.stdout).toContain('- Threats: 1 gone');
    expect(r.stdout).toContain('- Mitigation M1 planned → implemented');
    // The hostile author is text, not a link or markup.
    expect(r.stdout).toContain('by \\=HYPERLINK(');
    expect(r.stdout).not.toContain('](http');
  });

  it('keeps the newest --limit entries and writes to a file only with --force when it exists', async () => {
    const out = path.join(repo, 'CHANGES.md');
    const r = await runCli(['changelog', 'tm.yaml', '--limit', '2', '-o', out], { cwd: cwd(), env: env() });
    expect(r.code).toBe(0);
    const again = await runCli(['changelog', 'tm.yaml', '-o', out], { cwd: cwd(), env: env() });
    expect(again.code).toBe(3);
    const text = execFileSync('cat', [out], { encoding: 'utf8' });
    expect(text.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(2);
    expect(text).toMatch(/4 older revisions/u);
    rmSync(out);
  });
});

describe('threatwright report --history', () => {
  it('adds the Trend section and the revision history to the Markdown report, judged as of the report date', async () => {
    const r = await runCli(['report', 'tm.yaml', '--history'], { cwd: cwd(), env: { ...env(), SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, 10) / 1000) } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## 12. Trend');
    expect(r.stdout).toContain('## 13. Appendix');
    expect(r.stdout).toContain('### Revision history');
    expect(r.stdout).toMatch(/\| 2026-02-10 \| `[0-9a-f]{7}` \| Dev \| \*\*half an edit\*\* — _failed validation/u);
    const plain = await runCli(['report', 'tm.yaml'], { cwd: cwd(), env: env() });
    expect(plain.stdout).not.toContain('Trend');
  });

  it('refuses --history for the table formats, and outside a repository says why', async () => {
    const csv = await runCli(['report', 'tm.yaml', '--history', '--format', 'csv'], { cwd: cwd(), env: env() });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--history adds a section to a report: it works with md, html and pdf, not csv');
    const outside = mkdtempSync(path.join(tmpdir(), 'tw-history-out-'));
    try {
      writeFileSync(path.join(outside, 'threatmodel.yaml'), `${ROOT(PLAIN).replace(/include:\n {2}- parts\/components.yaml\n/u, '')}${PARTS}`);
      const r = await runCli(['report', '--history'], { cwd: outside, env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not in a git repository');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
