import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';
import { fakeGitHub, fakeGitLab, fakeJira, type FakeTracker } from './fake-trackers.js';

const fixture = fileURLToPath(new URL('../../../../render/test/fixtures/shop.yaml', import.meta.url));
let servers: FakeTracker[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function workdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-backlog-'));
  await writeFile(path.join(dir, 'threatmodel.yaml'), await readFile(fixture, 'utf8'));
  return dir;
}

async function edit(cwd: string, from: string, to: string): Promise<void> {
  const file = path.join(cwd, 'threatmodel.yaml');
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
  await writeFile(file, text.replace(from, to));
}

const open = (s: FakeTracker) => s.issues.filter((i) => i.state === 'open');

describe('threatwright backlog --to github', () => {
  const TOKEN = 'test-token';

  it('creates, then does not duplicate, then updates after a change, then closes what it opened once resolved', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const env = { GITHUB_TOKEN: TOKEN };
    const args = ['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url];
    // Someone's own issue with our label but no marker: never touched.
    gh.issues.push({ id: 1, key: '#1', title: 'Hand-written security note', body: 'not from the tool', labels: ['threatwright'], state: 'open', comments: [] });

    const dry = await runCli(args, { cwd, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing is written');
    expect(dry.stdout).toMatch(/\+ create\s+\[SEC\]\[P0\] Rate-limit and add MFA to the login\s+\(T1\)/u);
    expect(gh.issues).toHaveLength(1);
    // Baseline entries are questions: counted, never planned as issues.
    expect(dry.stdout).toMatch(/^\d+ baseline entr(y is|ies are) not in the backlog: /mu);
    expect(dry.stdout).not.toMatch(/create .*\(baseline-/u);

    const first = await runCli([...args, '--apply'], { cwd, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = gh.issues.slice(1);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const t1 = created.find((i) => i.title === '[SEC][P0] Rate-limit and add MFA to the login');
    expect(t1?.labels).toEqual(['threatwright', 'security', 'priority:P0']);
    expect(String(t1?.body)).toContain('- [ ] Ten failed logins in a minute lock the account for 15 minutes');
    expect(String(t1?.body)).toContain('threatwright:fingerprint=T1 hash=');

    const second = await runCli([...args, '--apply'], { cwd, env });
    expect(second.code).toBe(0);
    expect(gh.issues).toHaveLength(created.length + 1);
    expect(second.stdout).toContain(`0 created, 0 updated, 0 closed, ${created.length} unchanged`);
    expect(gh.requests.filter((r) => r.startsWith('PATCH') || r.startsWith('POST'))).toHaveLength(created.length);

    await edit(cwd, 'title: Rate-limit and add MFA to the login', 'title: Rate-limit logins and require MFA');
    const third = await runCli([...args, '--apply'], { cwd, env });
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('1 updated');
    expect(gh.issues).toHaveLength(created.length + 1);
    expect(t1?.title).toBe('[SEC][P0] Rate-limit logins and require MFA');

    await edit(cwd, 'status: open, owner: Ada Lovelace, identified: 2026-09-01', 'status: mitigated, owner: Ada Lovelace, identified: 2026-09-01');
    const fourth = await runCli([...args, '--apply'], { cwd, env });
    expect(fourth.code).toBe(0);
    expect(t1?.state).toBe('closed');
    expect(t1?.comments[0]).toBe('Closed by Threatwright: the threat is mitigated.');
    expect(gh.issues[0]?.state).toBe('open');
    expect(gh.issues[0]?.body).toBe('not from the tool');
  });

  it('closes with a comment that quotes the justification without mentioning anyone or linking an issue (I5)', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const env = { GITHUB_TOKEN: TOKEN };
    const args = ['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply'];
    expect((await runCli(args, { cwd, env })).code).toBe(0);
    await edit(cwd, 'status: open, owner: Ada Lovelace, identified: 2026-09-01', 'status: false-positive, justification: "per @alice and @acme/sec, see #4 and [x](https://evil.example)", owner: Ada Lovelace, identified: 2026-09-01');
    const run = await runCli(args, { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    const t1 = gh.issues.find((i) => i.title === '[SEC][P0] Rate-limit and add MFA to the login');
    expect(t1?.state).toBe('closed');
    expect(t1?.comments[0]).toBe('Closed by Threatwright: the threat is false-positive: per `@alice` and `@acme/sec`, see `#4` and \\[x\\]\\(https\\://evil.example\\).');
  });

  it('reports an API error per item and still creates the others', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    gh.failWhen = (req, body) => (req === 'POST /repos/acme/shop/issues' && body['title'] === '[SEC][P0] Rate-limit and add MFA to the login' ? 502 : undefined);
    const run = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply'], { cwd, env: { GITHUB_TOKEN: TOKEN } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✖ could not create [SEC][P0] Rate-limit and add MFA to the login: GitHub POST /repos/acme/shop/issues → 502: Server Error');
    expect(gh.issues.length).toBeGreaterThanOrEqual(1);
    expect(gh.issues.some((i) => i.title === '[SEC][P0] Rate-limit and add MFA to the login')).toBe(false);
    expect(run.stdout.trim().split('\n').pop()).toMatch(/\d+ created, 0 updated, 0 closed, 0 unchanged, 1 failed/u);
  });

  it('refuses to apply without a token, and says which variable to set', async () => {
    const cwd = await workdir();
    const run = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--apply'], { cwd, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no token for github');
    expect(run.stderr).toContain('GITHUB_TOKEN');
  });

  it('plans without a token on a dry run, saying it could not look', async () => {
    const cwd = await workdir();
    const run = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop'], { cwd, env: {} });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('existing issues were not looked up');
    expect(run.stdout).toContain('+ create');
  });

  it('explains a bad token instead of planning blind', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const run = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url], { cwd, env: { GITHUB_TOKEN: 'wrong' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('401: Bad credentials (is the token valid?)');
  });
});

describe('threatwright backlog --to gitlab and --to jira', () => {
  it('GitLab: creates with due dates, then no duplicate', async () => {
    const gl = await fakeGitLab('glpat');
    servers.push(gl);
    const cwd = await workdir();
    const args = ['backlog', '--to', 'gitlab', '--project', 'acme/shop', '--url', gl.url, '--apply'];
    expect((await runCli(args, { cwd, env: { GITLAB_TOKEN: 'glpat' } })).code).toBe(0);
    const n = gl.issues.length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(gl.issues.find((i) => i.title.includes('Rate-limit'))?.due).toBe('2026-12-15');
    expect(gl.requests).toContain('POST /api/v4/projects/acme%2Fshop/issues');
    const again = await runCli(args, { cwd, env: { GITLAB_TOKEN: 'glpat' } });
    expect(again.code).toBe(0);
    expect(gl.issues).toHaveLength(n);
    expect(open(gl)).toHaveLength(n);
  });

  it('Jira: creates Atlassian-document issues, then no duplicate, and closes through a done transition', async () => {
    const auth = `Basic ${Buffer.from('ada@example.com:tok').toString('base64')}`;
    const jr = await fakeJira(auth);
    servers.push(jr);
    const cwd = await workdir();
    const env = { JIRA_EMAIL: 'ada@example.com', JIRA_API_TOKEN: 'tok' };
    const args = ['backlog', '--to', 'jira', '--project', 'SEC', '--url', jr.url, '--apply'];
    const first = await runCli(args, { cwd, env });
    expect(first.stderr).toBe('');
    const t1 = jr.issues.find((i) => i.title.includes('Rate-limit'));
    expect(t1?.key).toMatch(/^SEC-\d+$/u);
    expect((t1?.body as { type?: string } | undefined)?.type).toBe('doc');
    const n = jr.issues.length;
    expect((await runCli(args, { cwd, env })).stdout).toContain(`${n} unchanged`);
    await edit(cwd, 'status: open, owner: Ada Lovelace, identified: 2026-09-01', 'status: accepted, accepted_by: CISO, justification: Low traffic, expires: 2027-06-30, owner: Ada Lovelace, identified: 2026-09-01');
    expect((await runCli(args, { cwd, env })).code).toBe(0);
    expect(t1?.state).toBe('closed');
    expect(jr.issues).toHaveLength(n);
  });
});
