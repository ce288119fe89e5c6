import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const repo = path.resolve(import.meta.dirname, '../../../../..');

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-analyze-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const MODEL = `threatwright: 1
system: { name: Tiny }
boundaries:
  - { id: B1, name: Internet, trust: untrusted }
  - { id: B2, name: DC, trust: high }
components:
  - { id: U, name: Browser, kind: external-entity, type: browser, boundary: B1 }
  - { id: W, name: Web, kind: process, type: web-app, boundary: B2, properties: { csrf_protection: false } }
flows:
  - { id: F1, from: U, to: W, protocol: http }
threats:
  - { fingerprint: csrf@OLD, status: accepted, justification: gone }
`;

describe('threatwright analyze', () => {
  it('prints a summary with counts, top risks with their reasons, and warnings with locations', async () => {
    const cwd = tmp({ 'threatmodel.yaml': MODEL });
    const r = await runCli(['analyze'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tiny — ');
    expect(r.stdout).toMatch(/Open by risk: +P0 critical \d+ +P1 high \d+ +P2 medium \d+ +P3 low \d+/);
    expect(r.stdout).toContain('csrf@W');
    expect(r.stdout).toContain('why: Web (W) is web-application (type web-app)');
    expect(r.stdout).toContain('unencrypted-flow@F1');
    expect(r.stdout).toMatch(/⚠ csrf@OLD: decision about csrf@OLD matches no finding.*threatmodel\.yaml:12:/);
  });
  it('lists baseline entries apart from the findings: not in the top risks or the threat counts, one line per entry point', async () => {
    const cwd = tmp({ 'threatmodel.yaml': MODEL });
    const json = JSON.parse((await runCli(['analyze', '--format', 'json'], { cwd })).stdout) as { counts: { threats: number; open: number; baseline: number }; threats: { id: string; confidence: string; category: string; status: string; unstated: { question: string }[] }[]; questions: { text: string; affects: string[] }[] };
    const baseline = json.threats.filter((t) => t.confidence === 'baseline');
    expect(baseline.length).toBeGreaterThan(0);
    expect(json.counts.baseline).toBe(baseline.length);
    const r = await runCli(['analyze', '--all'], { cwd });
    const [header = ''] = r.stdout.split('\n');
    expect(header).toContain(`${json.counts.threats} threats`);
    expect(json.counts.threats).toBe(json.threats.length - baseline.length);
    expect(header).toContain(`${json.counts.open} open · ${baseline.length} baseline entries open`);
    const top = r.stdout.slice(r.stdout.indexOf('Open threats'), r.stdout.indexOf('\nBaseline:'));
    expect(top).toContain('csrf@W');
    for (const t of baseline) expect(top).not.toContain(t.id);
    const section = r.stdout.slice(r.stdout.indexOf('\nBaseline:'), r.stdout.indexOf('\nOpen questions'));
    expect(section).toContain(`Baseline: ${baseline.length} STRIDE categories open on 1 entry point`);
    expect(section).toMatch(/\n {2}Web \(W\) {2}[a-z-]+(, [a-z-]+)* {2}← F1\n/u);
    for (const t of baseline) expect(section).toContain(t.category);
    for (const t of baseline) for (const u of t.unstated) expect(section).toContain(`? ${u.question}`);
    expect(section).not.toContain('csrf');
    // A question only baseline entries ask is counted, not listed again; the others are listed.
    const ids = new Set(baseline.map((t) => t.id));
    const only = json.questions.filter((q) => q.affects.every((a) => ids.has(a)));
    const questions = r.stdout.slice(r.stdout.indexOf('\nOpen questions'));
    expect(questions).toContain(`, and ${only.length} more the baseline asks)`);
    for (const q of only) expect(questions).not.toContain(q.text);
    for (const q of json.questions.filter((x) => !only.includes(x)).slice(0, 10)) expect(questions).toContain(q.text);
  });
  it('prints no baseline section when the model turns the baseline off', async () => {
    const cwd = tmp({ 'threatmodel.yaml': `${MODEL}rules: { baseline: off }\n` });
    const r = await runCli(['analyze'], { cwd });
    expect(r.stdout).not.toContain('Baseline:');
    expect(r.stdout).not.toContain('baseline entr');
    expect(r.stdout).toContain('csrf@W');
  });
  it('prints versioned, deterministic JSON', async () => {
    const cwd = tmp({ 'threatmodel.yaml': MODEL });
    const a = await runCli(['analyze', '--format', 'json'], { cwd });
    const b = await runCli(['analyze', '--format', 'json'], { cwd });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout) as { version: number; threats: { id: string }[]; questions: unknown[] };
    expect(json.version).toBe(2);
    expect(json.threats.map((t) => t.id)).toEqual(expect.arrayContaining(['csrf@W', 'unencrypted-flow@F1']));
    expect(json.threats.map((t) => t.id)).toEqual([...json.threats.map((t) => t.id)].sort());
  });
  it('exits 2 on an invalid model, like validate', async () => {
    const cwd = tmp({ 'threatmodel.yaml': 'threatwright: 1\nsystem: { name: X }\ncomponents:\n  - { id: C1, kind: process }\n' });
    const r = await runCli(['analyze'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('threatmodel.yaml');
    const v = await runCli(['validate'], { cwd });
    expect(v.code).toBe(2);
    const j = await runCli(['analyze', '--format', 'json'], { cwd });
    expect(j.code).toBe(2);
    expect((JSON.parse(j.stdout) as { valid: boolean }).valid).toBe(false);
  });
  it('runs custom rules from a file and reports their mistakes with a location', async () => {
    const rules = 'rules:\n  - id: acme-no-http\n    title: No plain HTTP\n    category: information-disclosure\n    applies_to: flow\n    message: "{{element}} uses plain HTTP"\n    when: { attribute: protocol, equals: http }\n';
    const cwd = tmp({ 'threatmodel.yaml': MODEL, 'rules.yaml': rules, 'bad.yaml': 'rules:\n  - id: x\n    tittle: y\n' });
    const r = await runCli(['analyze', '--format', 'json', '--rules', 'rules.yaml'], { cwd });
    expect((JSON.parse(r.stdout) as { threats: { id: string }[] }).threats.map((t) => t.id)).toContain('acme-no-http@F1');
    const bad = await runCli(['analyze', '--rules', 'bad.yaml'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:3:5/);
  });
  it('analyses the example models', async () => {
    const r = await runCli(['analyze', 'examples/web-login/threatmodel.yaml'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Shopfront accounts');
  });
});
