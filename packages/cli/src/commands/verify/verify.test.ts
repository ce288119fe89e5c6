import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));
const JUNIT = fileURLToPath(new URL('./fixtures/web-login-junit.xml', import.meta.url));

async function workdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-verify-'));
  await writeFile(path.join(dir, 'threatmodel.yaml'), await readFile(path.join(REPO, 'examples/web-login/threatmodel.yaml'), 'utf8'));
  await writeFile(path.join(dir, 'results.xml'), await readFile(JUNIT, 'utf8'));
  return dir;
}

describe('threatwright verify', () => {
  it('shows one verified and one failed mitigation from one passing and one failing test, and saves the record', async () => {
    const cwd = await workdir();
    const run = await runCli(['verify', '--junit', 'results.xml'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('threatmodel.yaml: 4 test cases read from results.xml');
    // R1 names two tests: the first failed. R2 names one: it passed.
    expect(run.stdout).toMatch(/✖ R1 +Rate-limit failed logins per IP and per account\n +failed: auth\/login-rate-limit.spec.ts > blocks the 6th failed login within a minute failed: expected status 429, received 401\n/);
    expect(run.stdout).toMatch(/✔ R2 +Adaptive MFA on high-risk logins\n +verified: 1 test passed — its tests pass but its status is proposed: mark it implemented once it is in production\n/);
    expect(run.stdout).toContain('1 verified, 1 failed, 2 unverified, 2 with no test named');
    const record = JSON.parse(await readFile(path.join(cwd, 'threatmodel.verification.json'), 'utf8')) as { sources: string[]; mitigations: { mitigation: string; state: string }[] };
    expect(record.sources).toEqual(['results.xml']);
    expect(record.mitigations.map((m) => [m.mitigation, m.state])).toEqual([
      ['R1', 'failed'],
      ['R2', 'verified'],
      ['R3', 'unverified'],
      ['R4', 'unverified'],
      ['R5', 'no-tests'],
      ['R6', 'no-tests'],
    ]);

    // check reads the saved record.
    const check = await runCli(['check', '--today', '2026-11-23', '--format', 'json'], { cwd });
    const out = JSON.parse(check.stdout) as { evidence: string; metrics: { mitigationsByVerification: Record<string, number> }; mitigations: { id: string; verification: string }[] };
    expect(out.evidence).toMatch(/^threatmodel.verification.json \(tests read /);
    expect(out.metrics.mitigationsByVerification).toMatchObject({ verified: 1, failed: 1, unverified: 2 });
    expect(out.mitigations.find((m) => m.id === 'R2')?.verification).toBe('verified');

    // analyze shows it too, beside the attack trees.
    const analyze = await runCli(['analyze'], { cwd });
    expect(analyze.stdout).toMatch(/Mitigation tests \(threatmodel.verification.json \(tests read [^)]+\)\)\n/);
    expect(analyze.stdout).toContain('✖ R1 Rate-limit failed logins per IP and per account: failed — auth/login-rate-limit.spec.ts > blocks the 6th failed login within a minute failed: expected status 429, received 401');
    expect(analyze.stdout).toContain('✔ R2 Adaptive MFA on high-risk logins: verified — 1 test passed');
    expect(analyze.stdout).toContain('AT1 Get admin access: planned');
  });

  it('ignores a saved result once the mitigation names other tests', async () => {
    const cwd = await workdir();
    await runCli(['verify', '--junit', 'results.xml'], { cwd });
    const file = path.join(cwd, 'threatmodel.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('test: auth/adaptive-mfa.spec.ts > asks for a second factor on a new device', 'test: auth/adaptive-mfa.spec.ts > a renamed test'));
    const check = await runCli(['check', '--today', '2026-11-23', '--format', 'json'], { cwd });
    const out = JSON.parse(check.stdout) as { mitigations: { id: string; verification: string }[] };
    expect(out.mitigations.find((m) => m.id === 'R2')?.verification).toBe('not-checked');
    expect(out.mitigations.find((m) => m.id === 'R1')?.verification).toBe('failed');
  });

  it('takes results files as .xml arguments too, and --dry-run saves nothing', async () => {
    const cwd = await workdir();
    const run = await runCli(['verify', 'threatmodel.yaml', 'results.xml', '--dry-run', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ saved: null, tests: 4 });
    await expect(access(path.join(cwd, 'threatmodel.verification.json'))).rejects.toThrow();
  });

  it('explains a missing or malformed results file with exit 2', async () => {
    const cwd = await workdir();
    const missing = await runCli(['verify', '--junit', 'nope.xml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read JUnit results nope.xml: no such file');
    await writeFile(path.join(cwd, 'broken.xml'), '<testsuites>\n  <testsuite name="a">\n</testsuites>\n');
    const broken = await runCli(['verify', '--junit', 'broken.xml'], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.xml:3:\d+: not well-formed XML/);
    const none = await runCli(['verify'], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs test results: --junit <results.xml>');
  });

  it('exits 0 when no named test failed', async () => {
    const cwd = await workdir();
    await writeFile(path.join(cwd, 'ok.xml'), '<testsuite name="auth/adaptive-mfa.spec.ts"><testcase classname="auth/adaptive-mfa.spec.ts" name="asks for a second factor on a new device"/></testsuite>');
    const run = await runCli(['verify', '--junit', 'ok.xml', '--dry-run'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 verified, 0 failed, 3 unverified, 2 with no test named');
  });
});
