import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import pc from 'picocolors';
import { evaluateGate } from '@threatwright/core';
import { runCli } from '../../testing.js';
import { assessModel, loadValidModel } from './assessment.js';
import { textReport } from './index.js';

const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));
const EXAMPLE = path.join(REPO, 'examples/web-login/threatmodel.yaml');
const TODAY = ['--today', '2026-11-23'];

interface CheckJson {
  passed: boolean;
  items: { kind: string; subject: string; message: string }[];
  threats: { id: string; band: string | null; residual: { value?: number; explanation: string } | null; inherent: { value?: number } | null }[];
  metrics: { overdueMitigations: number; expiredAcceptances: number; mttrDays: number | null };
}

/** A copy of the web-login example with the mitigation `id` set to `status`. */
async function exampleWith(changes: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-check-'));
  const doc = parseDocument(await readFile(EXAMPLE, 'utf8'));
  const mitigations = doc.toJS() as { mitigations: { id: string }[] };
  mitigations.mitigations.forEach((m, i) => {
    const status = changes[m.id];
    if (status !== undefined) doc.setIn(['mitigations', i, 'status'], status);
  });
  await writeFile(path.join(dir, 'threatmodel.yaml'), doc.toString());
  return dir;
}

async function json(args: string[], cwd: string): Promise<{ code: number; out: CheckJson }> {
  const run = await runCli(['check', ...args, '--format', 'json'], { cwd });
  expect(run.stderr).toBe('');
  return { code: run.code, out: JSON.parse(run.stdout) as CheckJson };
}

describe('threatwright check on examples/web-login', () => {
  it('fails --fail-on critical on credential stuffing (4 × 5 = 20, P0) and says why', async () => {
    const run = await runCli(['check', 'examples/web-login/threatmodel.yaml', '--fail-on', 'critical', ...TODAY], { cwd: REPO });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✖ examples\/web-login\/threatmodel.yaml fails the gate at P0 critical: \d+ items \(today 2026-11-23\)/);
    expect(run.stdout).toMatch(/risk {4}P0 critical {2}T1 +Credential stuffing against the login\n +open: likelihood 4 \(likely\) × impact 5 \(severe\) = 20; 16–25 of 25 is P0 critical \(immediate\); not yet implemented: R1, R2\n/);
    expect(run.stdout).toContain('Mean time to remediate: 26 days over 1 threat');
  });

  it('drops credential stuffing from the failing items once R1 is implemented: residual 2 × 5 = 10, High', async () => {
    const before = await json(['--fail-on', 'critical', ...TODAY], await exampleWith());
    expect(before.code).toBe(1);
    expect(before.out.items.map((i) => i.subject)).toContain('T1');

    const after = await json(['--fail-on', 'critical', ...TODAY], await exampleWith({ R1: 'implemented' }));
    expect(after.out.items.map((i) => i.subject)).not.toContain('T1');
    expect(after.out.items.length).toBe(before.out.items.length - 1);
    expect(after.code).toBe(after.out.items.length > 0 ? 1 : 0);
    const t1 = after.out.threats.find((t) => t.id === 'T1');
    expect(t1).toMatchObject({ band: 'high', inherent: { value: 20 }, residual: { value: 10 } });
    expect(t1?.residual?.explanation).toBe('after R1 (likelihood −2): likelihood 4 − 2 → 2, impact 5 → 5 (never below 1); likelihood 2 (unlikely) × impact 5 (severe) = 10; 9–15 of 25 is P1 high (next sprint)');
    // At --fail-on high the residual High still fails.
    const high = await json(['--fail-on', 'high', ...TODAY], await exampleWith({ R1: 'implemented' }));
    expect(high.out.items.map((i) => i.subject)).toContain('T1');
  });

  it('flags R3 once it is overdue for the P1 SQL injection', async () => {
    const cwd = await exampleWith();
    const onTime = await json(['--fail-on', 'critical', '--today', '2026-11-30'], cwd);
    expect(onTime.out.items.some((i) => i.kind === 'overdue-mitigation')).toBe(false);
    const late = await json(['--fail-on', 'critical', '--today', '2026-12-01'], cwd);
    expect(late.out.items.find((i) => i.subject === 'R3')).toMatchObject({ kind: 'overdue-mitigation', message: 'in-progress, due 2026-11-30 (1 day overdue), for P1 high threat T3; owner identity-team@shopfront.example' });
    expect(late.out.metrics.overdueMitigations).toBe(1);
  });

  it('reads JUnit results given with --junit: a failed test keeps an implemented mitigation from counting', async () => {
    const cwd = await exampleWith({ R1: 'implemented' });
    const junit = fileURLToPath(new URL('../verify/fixtures/web-login-junit.xml', import.meta.url));
    const { out } = await json(['--fail-on', 'critical', ...TODAY, '--junit', junit], cwd);
    expect(out.items.map((i) => i.subject)).toContain('T1');
    expect(out.threats.find((t) => t.id === 'T1')?.residual?.value).toBe(20);
  });
});

describe('threatwright check', () => {
  async function model(body: string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-check-'));
    await writeFile(path.join(dir, 'threatmodel.yaml'), `threatwright: 1\nsystem: { name: Gate test }\n${body}`);
    return dir;
  }

  it('passes with exit 0 when nothing reaches the band', async () => {
    const cwd = await model('threats:\n  - { id: T1, title: Minor, likelihood: 2, impact: 4 }\n');
    const run = await runCli(['check', '--fail-on', 'high', ...TODAY], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ threatmodel.yaml passes: nothing at or above P1 high/);
    expect(run.stdout).toContain('Open by residual risk: P0 critical 0 · P1 high 0 · P2 medium 1 · P3 low 0');
    // 2 × 4 = 8 is Medium: it fails a medium gate.
    expect((await runCli(['check', '--fail-on', 'medium', ...TODAY], { cwd })).code).toBe(1);
  });

  it('fails on an expired acceptance and explains it', async () => {
    const cwd = await model(
      'threats:\n  - { id: T1, title: Legacy TLS, likelihood: 2, impact: 2, status: accepted, response: accept, accepted_by: CISO, justification: partners migrate, expires: "2026-10-01" }\n',
    );
    const run = await runCli(['check', ...TODAY], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('expired P2 medium  T1  Legacy TLS');
    expect(run.stdout).toContain('acceptance by CISO expired on 2026-10-01; review it and record a new decision');
    const { out } = await json([...TODAY], cwd);
    expect(out.metrics.expiredAcceptances).toBe(1);
  });

  it('scores with the model\'s method: CVSS 3.1', async () => {
    const cwd = await model('risk: { method: cvss }\nthreats:\n  - { id: T1, title: RCE, cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }\n');
    const run = await runCli(['check', ...TODAY], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H: CVSS 3.1 base score 9.8; 9.0–10.0 is P0 critical (immediate)');
  });

  it('rejects a bad --today and a bad --fail-on as usage errors', async () => {
    const cwd = await model('');
    const run = await runCli(['check', '--today', '23/11/2026'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--today must be a date as YYYY-MM-DD');
    expect((await runCli(['check', '--fail-on', 'severe'], { cwd })).code).toBe(2);
  });

  it('reports an invalid model with exit 2, not a stack trace', async () => {
    const cwd = await model('risk: { method: guess }\n');
    const run = await runCli(['check'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/threatmodel.yaml has 1 error/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('threatwright check and the baseline', () => {
  // W states nothing about authentication, input validation or authorisation: the baseline asks, at medium.
  const BASELINE_MODEL = `threatwright: 1
system: { name: Baseline gate }
boundaries:
  - { id: B1, name: Internet, trust: untrusted }
  - { id: B2, name: DC, trust: high }
components:
  - { id: U, name: Browser, kind: external-entity, type: browser, boundary: B1 }
  - { id: W, name: Web, kind: process, type: web-app, boundary: B2, properties: { csrf_protection: false } }
flows:
  - { id: F1, from: U, to: W, protocol: http }
`;
  interface BaselineJson extends CheckJson { baseline: { live: number; atOrAbove: number; counted: boolean }; threats: (CheckJson['threats'][number] & { confidence: string })[] }

  async function baselineModel(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-check-'));
    await writeFile(path.join(dir, 'threatmodel.yaml'), BASELINE_MODEL);
    return dir;
  }

  it('does not fail on baseline entries by default, counts them, and says so', async () => {
    const cwd = await baselineModel();
    const run = await runCli(['check', '--fail-on', 'low', '--format', 'json', ...TODAY], { cwd });
    const out = JSON.parse(run.stdout) as BaselineJson;
    const baseline = out.threats.filter((t) => t.confidence === 'baseline');
    expect(baseline.length).toBeGreaterThan(0);
    expect(out.baseline).toEqual({ live: baseline.length, atOrAbove: baseline.length, counted: false });
    // A specific finding still fails the gate; no baseline entry is among the items.
    expect(out.items.map((i) => i.subject)).toContain('csrf@W');
    expect(out.items.filter((i) => baseline.some((b) => b.id === i.subject))).toEqual([]);
    const text = await runCli(['check', '--fail-on', 'low', '--quiet', ...TODAY], { cwd });
    expect(text.stdout).toContain(`Baseline: ${baseline.length} entries open, STRIDE questions the model does not answer yet; not gated (${baseline.length} at or above P3 low would fail with --count-baseline).`);
    expect(text.stdout).not.toMatch(/^ {2}risk +baseline-/mu);
  });

  it('fails on them with --count-baseline', async () => {
    const cwd = await baselineModel();
    const run = await runCli(['check', '--fail-on', 'low', '--count-baseline', '--format', 'json', ...TODAY], { cwd });
    const out = JSON.parse(run.stdout) as BaselineJson;
    const baseline = out.threats.filter((t) => t.confidence === 'baseline').map((t) => t.id);
    expect(out.baseline.counted).toBe(true);
    expect(out.items.map((i) => i.subject)).toEqual(expect.arrayContaining([...baseline, 'csrf@W']));
  });

  it('passes a gate only baseline entries would reach', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'tw-check-'));
    // Every specific finding answered or dismissed: only the baseline is left.
    await writeFile(path.join(cwd, 'threatmodel.yaml'), BASELINE_MODEL);
    const first = JSON.parse((await runCli(['check', '--fail-on', 'low', '--format', 'json', ...TODAY], { cwd })).stdout) as BaselineJson;
    const decisions = first.threats.filter((t) => t.confidence !== 'baseline').map((t) => `  - { fingerprint: "${t.id}", status: not-applicable, justification: test }`);
    await writeFile(path.join(cwd, 'threatmodel.yaml'), `${BASELINE_MODEL}threats:\n${decisions.join('\n')}\n`);
    const run = await runCli(['check', '--fail-on', 'low', ...TODAY], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ threatmodel.yaml passes/u);
    expect(run.stdout).toMatch(/Baseline: \d+ entries open/u);
    expect((await runCli(['check', '--fail-on', 'low', '--count-baseline', ...TODAY], { cwd })).code).toBe(1);
  });
});

describe('threatwright check on very long lists', () => {
  it('prints 150 000 failing items and notes without overflowing the call stack (C1)', async () => {
    const m = await loadValidModel('examples/web-login/threatmodel.yaml', REPO);
    const assessed = assessModel(m, new Date('2026-11-23T00:00:00Z'), undefined);
    const gate = evaluateGate(assessed.assessment, 'critical');
    const item = gate.items[0];
    if (!item) throw new Error('the example fails on no item');
    const note = { code: 'risk-scoring', severity: 'warning' as const, message: 'x', path: [] };
    const text = textReport(m.file, '2026-11-23', { ...gate, items: Array.from({ length: 150_000 }, () => item) }, { ...assessed, issues: Array.from({ length: 150_000 }, () => note) }, undefined, pc.createColors(false), false);
    expect(text.split('\n').length).toBeGreaterThan(450_000);
  });
});


describe('threatwright check speaks one band vocabulary', () => {
  it('reads --fail-on as a priority or a word alike', async () => {
    const byWord = await runCli(['check', 'examples/web-login/threatmodel.yaml', '--fail-on', 'high', '--today', '2026-11-23', '--format', 'json'], { cwd: REPO });
    const byPriority = await runCli(['check', 'examples/web-login/threatmodel.yaml', '--fail-on', 'P1', '--today', '2026-11-23', '--format', 'json'], { cwd: REPO });
    expect(byPriority.code).toBe(byWord.code);
    expect(byPriority.stdout).toBe(byWord.stdout);
    expect((JSON.parse(byPriority.stdout) as { failOn: string }).failOn).toBe('high');
    const bad = await runCli(['check', 'examples/web-login/threatmodel.yaml', '--fail-on', 'P5'], { cwd: REPO });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('P0, P1, P2, P3');
  });

  it('lists failing items highest risk first, not by id', async () => {
    const run = await runCli(['check', 'examples/web-login/threatmodel.yaml', '--fail-on', 'P2', '--today', '2026-11-23', '--format', 'json'], { cwd: REPO });
    const items = (JSON.parse(run.stdout) as { items: { band?: string }[] }).items;
    const rank = { critical: 3, high: 2, medium: 1, low: 0 } as Record<string, number>;
    const ranks = items.map((i) => (i.band === undefined ? -1 : (rank[i.band] ?? -1)));
    expect(ranks.length).toBeGreaterThan(5);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });
});

describe('threatwright check and unrated threats', () => {
  const model = `threatwright: 1
system: { name: Imported }
components:
  - { id: C1, name: Web, kind: process, type: web-app }
threats:
  - { id: T1, title: Imported High threat, elements: [C1], impact: 4 }
`;

  it('counts an open threat without a band and says how to gate on it; --unrated fail fails on it', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'tw-check-'));
    await writeFile(path.join(cwd, 'threatmodel.yaml'), model);
    const warned = await runCli(['check', '--fail-on', 'low', '--today', '2026-11-23'], { cwd });
    expect(warned.stdout).toContain('Unrated: 1 open threat has no likelihood and impact');
    expect(warned.stdout).toContain('unrated 1');
    const failed = await runCli(['check', '--fail-on', 'low', '--unrated', 'fail', '--today', '2026-11-23', '--format', 'json'], { cwd });
    expect(failed.code).toBe(1);
    const out = JSON.parse(failed.stdout) as { items: { kind: string; subject: string }[]; posture: { open: { unrated: number } } };
    expect(out.items).toContainEqual(expect.objectContaining({ kind: 'unrated', subject: 'T1' }));
    expect(out.posture.open.unrated).toBe(1);
  });
});

describe('check for pipelines', () => {
  it('writes the verdict, the open risks by band and the failing items as Markdown, with the exit code of the gate', async () => {
    const dir = await exampleWith();
    const md = await runCli(['check', '--fail-on', 'P1', ...TODAY, '--format', 'markdown'], { cwd: dir });
    const { out } = await json(['--fail-on', 'P1', ...TODAY], dir);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^### ❌ Threatwright: threatmodel\.yaml fails the gate at P1 high: \d+ items\n/);
    expect(md.stdout).toContain(`fails the gate at P1 high: ${String(out.items.length)} items`);
    expect(md.stdout).toContain('| Residual risk | Open | Mitigated | Baseline |');
    // Where each item is written, as file:line, since no forge link is known.
    expect(md.stdout).toMatch(/\| risk \| P0 critical \| T1 \| Credential stuffing against the login \| .+ \| threatmodel\.yaml:\d+ \|/);
    await writeFile(path.join(dir, 'quiet.yaml'), 'threatwright: 1\nsystem:\n  name: Quiet\ncomponents:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n');
    const passing = await runCli(['check', 'quiet.yaml', '--fail-on', 'critical', '--format', 'markdown'], { cwd: dir });
    expect(passing.code).toBe(0);
    expect(passing.stdout.split('\n')[0]).toBe('### ✅ Threatwright: quiet.yaml passes the gate at P0 critical');
    expect(passing.stdout).not.toContain('Failing items');
  });

  it('annotates the failing items and leaves the runner files alone outside GitHub Actions', async () => {
    const dir = await exampleWith();
    const r = await runCli(['check', '--fail-on', 'P1', ...TODAY, '--format', 'github'], { cwd: dir, env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fails the gate at P1 high');
    expect(r.stdout).toMatch(/^::error file=threatmodel\.yaml,line=\d+,col=\d+,title=threatwright check%3A P0 critical risk \(T1\)::/m);
  });

  it('appends the summary and the outputs to the files GitHub Actions names, and says so when it cannot', async () => {
    const dir = await exampleWith();
    const summary = path.join(dir, 'summary.md');
    const output = path.join(dir, 'output');
    await writeFile(summary, 'earlier step\n');
    const r = await runCli(['check', '--fail-on', 'P1', ...TODAY, '--format', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output } });
    expect(r.code).toBe(1);
    expect(await readFile(summary, 'utf8')).toMatch(/^earlier step\n### ❌ Threatwright/);
    expect(await readFile(output, 'utf8')).toMatch(/^passed=false\nfail-on=high\nitems=\d+\ncritical=\d+\nhigh=\d+\nmedium=\d+\nlow=\d+\nunrated=\d+\nopen=\d+\nmitigated=\d+\naccepted=\d+\nbaseline=\d+\n$/);
    const bad = await runCli(['check', '--fail-on', 'P1', ...TODAY, '--format', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: path.join(dir, 'no/such/folder/summary.md') } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot append to GITHUB_STEP_SUMMARY');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
