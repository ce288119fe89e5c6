import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));

async function webLogin(): Promise<{ cwd: string; original: string }> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'tw-adopt-'));
  const original = await readFile(path.join(REPO, 'examples/web-login/threatmodel.yaml'), 'utf8');
  await writeFile(path.join(cwd, 'threatmodel.yaml'), original);
  return { cwd, original };
}

describe('threatwright adopt', () => {
  it('adds the rule\'s suggestion as a linked mitigation with acceptance and test, keeping every comment', async () => {
    const { cwd, original } = await webLogin();
    const run = await runCli(['adopt', 'csrf@C2', '--owner', 'web-team@shopfront.example', '--due', '2027-01-31'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Adopted into threatmodel.yaml: 1 new mitigation\n {2}\+ R7 {2}Require an anti-CSRF token/);
    const text = await readFile(path.join(cwd, 'threatmodel.yaml'), 'utf8');
    // A pure insertion: the original text, comments included, is untouched around it.
    let prefix = 0;
    while (prefix < original.length && original[prefix] === text[prefix]) prefix++;
    let suffix = 0;
    while (suffix < original.length - prefix && original[original.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
    expect(prefix + suffix).toBe(original.length);
    expect(text.slice(prefix, text.length - suffix)).toMatch(/^ {2}- id: R7\n/);
    const model = loadModel({ file: 'threatmodel.yaml', text }).model;
    expect(model?.mitigations?.find((m) => m.id === 'R7')).toMatchObject({
      strategy: 'reduce',
      threats: ['csrf@C2'],
      status: 'proposed',
      owner: 'web-team@shopfront.example',
      due: '2027-01-31',
      acceptance: expect.stringContaining('rejects requests without a valid per-session token') as unknown,
      verification: { description: expect.stringContaining('expects 403') as unknown },
    });
    // The check now names R7 as the pending mitigation of the finding.
    const check = await runCli(['check', '--today', '2026-11-23'], { cwd });
    expect(check.stdout).toMatch(/csrf@C2 .*\n.*not yet implemented: R7/);
  });

  it('is idempotent: adopting again links nothing new and leaves the file as it is', async () => {
    const { cwd } = await webLogin();
    await runCli(['adopt', 'csrf@C2'], { cwd });
    const once = await readFile(path.join(cwd, 'threatmodel.yaml'), 'utf8');
    const again = await runCli(['adopt', 'csrf@C2'], { cwd });
    expect(again.stdout).toContain('Nothing to adopt in threatmodel.yaml: already adopted');
    expect(await readFile(path.join(cwd, 'threatmodel.yaml'), 'utf8')).toBe(once);
  });

  it('--all --dry-run shows what would be adopted without writing', async () => {
    const { cwd, original } = await webLogin();
    const run = await runCli(['adopt', '--all', '--dry-run'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Would adopt into threatmodel.yaml: \d+ new mitigations/);
    expect(run.stdout).toContain('for csrf@C2');
    expect(run.stdout).toContain('Not written (--dry-run).');
    expect(await readFile(path.join(cwd, 'threatmodel.yaml'), 'utf8')).toBe(original);
  });

  it('explains an unknown fingerprint and a manual threat with exit 2', async () => {
    const { cwd } = await webLogin();
    const unknown = await runCli(['adopt', 'nope@C9'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nope@C9: no such finding in the analysis');
    const bad = await runCli(['adopt', 'csrf@C2', '--pick', '0'], { cwd });
    expect(bad.code).toBe(2);
    expect((await runCli(['adopt'], { cwd })).stderr).toContain('name the findings to adopt mitigations for');
  });
});
