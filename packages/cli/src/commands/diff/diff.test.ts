import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

let repo = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const ROOT = 'threatwright: 1\nsystem:\n  name: Shop\ninclude:\n  - parts/components.yaml\nboundaries:\n  - id: B1\n    name: Internet\n    trust: untrusted\n  - id: B2\n    name: Cloud\n    trust: medium\nflows:\n  - id: F1\n    from: C1\n    to: C2\n    protocol: https\n    encrypted: true\n';
const PARTS = 'components:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n    boundary: B1\n  - id: C2\n    name: Web app\n    kind: process\n    type: web-app\n    boundary: B2\n';

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'tw-diff-'));
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  mkdirSync(path.join(repo, 'model/parts'), { recursive: true });
  writeFileSync(path.join(repo, 'model/threatmodel.yaml'), ROOT);
  writeFileSync(path.join(repo, 'model/parts/components.yaml'), PARTS);
  git('add', '-A');
  git('commit', '-qm', 'first model');
  git('tag', 'v1');
  // The second commit renames C2 in the included file and adds a plain-HTTP flow to a new component.
  writeFileSync(path.join(repo, 'model/parts/components.yaml'), `${PARTS.replace('name: Web app', 'name: Storefront')}  - id: C3\n    name: Admin\n    kind: process\n    type: web-app\n    boundary: B2\n`);
  writeFileSync(path.join(repo, 'model/threatmodel.yaml'), `${ROOT}  - id: F2\n    from: C1\n    to: C3\n    protocol: http\n    encrypted: false\n`);
  git('add', '-A');
  git('commit', '-qm', 'admin console');
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

const cwd = () => path.join(repo, 'model');

describe('threatwright diff', () => {
  it('compares two revisions, reading the model and its include: files as each commit has them', async () => {
    // The working tree has moved on and lost the included file: the revisions must not read it.
    unlinkSync(path.join(repo, 'model/parts/components.yaml'));
    try {
      const r = await runCli(['diff', 'v1', 'HEAD', '--format', 'json'], { cwd: cwd() });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const d = JSON.parse(r.stdout) as { elements: { id: string; change: string; renamed?: { from: string; to: string } }[]; crossings: { flow: string; boundary: string; change: string }[]; threats: { id: string; changes: string[]; worse: boolean }[]; base: string; head: string };
      expect(d.base).toMatch(/^v1 \([0-9a-f]{7}\)$/);
      expect(d.elements.map((e) => `${e.change} ${e.id}`)).toEqual(['changed C2', 'added C3', 'added F2']);
      expect(d.elements[0]?.renamed).toEqual({ from: 'Web app', to: 'Storefront' });
      expect(d.crossings).toEqual(expect.arrayContaining([{ flow: 'F2', boundary: 'B1', change: 'added' }]));
      expect(d.threats.find((t) => t.id === 'unencrypted-flow@F2')).toMatchObject({ changes: ['new'], worse: true });
    } finally {
      git('checkout', '--', 'model/parts/components.yaml');
    }
  });

  it('fails with --fail-on when the change brings an open threat at or above the band, and says which', async () => {
    const r = await runCli(['diff', 'v1', 'HEAD', '--fail-on', 'high'], { cwd: cwd() });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('threatmodel.yaml: v1 (');
    expect(r.stdout).toContain('~ component C2 Storefront (renamed from "Web app")');
    expect(r.stdout).toMatch(/✖ 1 threat new or worse at or above the band: unencrypted-flow@F2/);
    // Back the other way nothing is worse: the threat is gone.
    const back = await runCli(['diff', 'HEAD', 'v1', '--fail-on', 'low'], { cwd: cwd() });
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/- P1 high +unencrypted-flow@F2 .*: gone/);
  });

  it('compares the working tree with HEAD by default, and says when nothing changed', async () => {
    const same = await runCli(['diff'], { cwd: cwd() });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No change to the model or its threats.');
    const parts = path.join(repo, 'model/parts/components.yaml');
    writeFileSync(parts, readFileSync(parts, 'utf8').replace('type: web-app', 'type: web-app\n    properties:\n      csrf_protection: true'));
    try {
      const r = await runCli(['diff'], { cwd: cwd() });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('HEAD (');
      expect(r.stdout).toContain('→ the working tree');
      expect(r.stdout).toContain('properties.csrf_protection: (none) → true');
    } finally {
      git('checkout', '--', 'model/parts/components.yaml');
    }
  });

  it('writes a pull-request comment with the posture move, the tables and a Mermaid picture of the change', async () => {
    const r = await runCli(['diff', 'v1', 'HEAD', '--format', 'markdown'], { cwd: cwd() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### Threat model: threatmodel\.yaml, v1 /);
    expect(r.stdout).toContain('| Open by residual risk | Before | After | |');
    expect(r.stdout).toContain('```mermaid\nflowchart');
    expect(r.stdout).toMatch(/Admin.*\[added\]/);
  });

  it('takes a model that is not at the base as empty, and compares two files', async () => {
    const r = await runCli(['diff', 'v1', '--model', 'other.yaml'], { cwd: cwd() }).catch((e: unknown) => e);
    expect(r).toMatchObject({ code: 2 });
    writeFileSync(path.join(cwd(), 'new.yaml'), 'threatwright: 1\nsystem:\n  name: New\ncomponents:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n');
    try {
      const added = await runCli(['diff', '--model', 'new.yaml'], { cwd: cwd() });
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('+ component C1 Visitor');
      const files = await runCli(['diff', 'new.yaml', 'threatmodel.yaml', '--format', 'json'], { cwd: cwd() });
      expect(files.code).toBe(0);
      expect((JSON.parse(files.stdout) as { elements: { id: string; change: string }[] }).elements.filter((e) => e.change === 'added').map((e) => e.id)).toEqual(['C2', 'C3', 'F1', 'F2', 'B1', 'B2']);
    } finally {
      unlinkSync(path.join(cwd(), 'new.yaml'));
    }
  });

  it('names a revision that does not exist, without a stack trace', async () => {
    const r = await runCli(['diff', 'no-such-branch'], { cwd: cwd() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no revision or file named "no-such-branch"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const dash = await runCli(['diff', '--', '--output=x'], { cwd: cwd() });
    expect(dash.code).toBe(2);
  });
});

describe('threatwright check --since', () => {
  it('fails only on what the change brought, and lists what was there already apart', async () => {
    const full = JSON.parse((await runCli(['check', '--fail-on', 'medium', '--format', 'json'], { cwd: cwd() })).stdout) as { items: { subject: string }[] };
    expect(full.items.length).toBeGreaterThan(1);
    const sinceV1 = await runCli(['check', '--fail-on', 'medium', '--since', 'v1', '--format', 'json'], { cwd: cwd() });
    expect(sinceV1.code).toBe(1);
    const j = JSON.parse(sinceV1.stdout) as { passed: boolean; items: { subject: string }[]; since: { revision: string; before: { subject: string }[] } };
    // Only the new admin console's threats fail; the web app's were there at v1.
    expect(j.items.length).toBeGreaterThan(0);
    expect(j.items.every((i) => i.subject.endsWith('@F2') || i.subject.endsWith('@C3'))).toBe(true);
    expect(j.since.revision).toMatch(/^v1 \([0-9a-f]{7}\)$/);
    expect(j.items.length + j.since.before.length).toBe(full.items.length);
    const sinceHead = await runCli(['check', '--fail-on', 'medium', '--since', 'HEAD'], { cwd: cwd() });
    expect(sinceHead.code).toBe(0);
    expect(sinceHead.stdout).toContain(`Since HEAD (`);
    expect(sinceHead.stdout).toContain(`${String(full.items.length)} failing items were there already and are not gated`);
    const unknown = await runCli(['check', '--since', 'nope'], { cwd: cwd() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no revision or file named "nope"');
  });
});
