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

const R1_TITLE = '[SEC][P0 critical] Rate-limit and add MFA to the login';
const T1_OPEN = 'status: open, owner: Ada Lovelace, identified: 2026-09-01';
/** Two more manual threats that R1 addresses, so one mitigation is shared by three threats. */
const SHARED_THREATS =
  '  - { id: T3, title: Password spraying across accounts, category: spoofing, elements: [C5], likelihood: 4, impact: 3, status: open, mitigations: [R1] }\n' +
  '  - { id: T4, title: Session takeover after a phished login, category: spoofing, elements: [F1], likelihood: 3, impact: 4, status: open, mitigations: [R1] }\nmitigations:\n';

describe('threatwright backlog --to github', () => {
  const TOKEN = 'test-token';

  it('creates one issue per planned mitigation, then does not duplicate, then updates after a change, then closes it once implemented', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const env = { GITHUB_TOKEN: TOKEN };
    const args = ['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url];
    // Someone's own issue with our label but no marker: never touched.
    gh.issues.push({ id: 1, key: '#1', title: 'Hand-written security note', body: 'not from the tool', labels: ['threatwright'], state: 'open', comments: [] });

    const dry = await runCli(args, { cwd, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Plan for GitHub acme/shop: one issue per planned mitigation of the threats open at P1 high or above (dry run: nothing is written');
    expect(dry.stdout).toContain(`+ create     ${R1_TITLE}  (mitigation R1, 1 threat)`);
    expect(dry.stdout).toMatch(/\+ create\s+\[SEC\]\[P\d \w+\] Decide how to address: .+ \(decide on [\w@+-]+\)/u);
    expect(gh.issues).toHaveLength(1);
    // Baseline entries are questions: counted, never planned as issues.
    expect(dry.stdout).toMatch(/^\d+ baseline entr(y is|ies are) not in the backlog: /mu);
    expect(dry.stdout).not.toMatch(/create .*baseline-/u);

    const first = await runCli([...args, '--apply'], { cwd, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = gh.issues.slice(1);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const r1 = created.find((i) => i.title === R1_TITLE);
    expect(r1?.labels).toEqual(['threatwright', 'security', 'priority:P0']);
    expect(String(r1?.body)).toContain('- [ ] Ten failed logins in a minute lock the account for 15 minutes');
    expect(String(r1?.body)).toContain('- `T1` Credential stuffing against the login — P0 critical, open');
    expect(String(r1?.body)).toContain('threatwright:mitigation=R1 hash=');
    expect(created.filter((i) => i.title === R1_TITLE)).toHaveLength(1);

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
    expect(r1?.title).toBe('[SEC][P0 critical] Rate-limit logins and require MFA');

    await edit(cwd, 'status: planned', 'status: implemented');
    const fourth = await runCli([...args, '--apply'], { cwd, env });
    expect(fourth.code).toBe(0);
    expect(r1?.state).toBe('closed');
    expect(r1?.comments[0]).toBe('Closed by Threatwright: mitigation R1 is implemented.');
    // R1 reduces nothing it states, so T1 is still critical, with nothing planned: it asks for a decision.
    expect(gh.issues.find((i) => i.state === 'open' && String(i.body).includes('threatwright:decision=T1 hash='))?.title).toBe('[SEC][P0 critical] Decide how to address: Credential stuffing against the login (Login, Web app)');
    expect(gh.issues[0]?.state).toBe('open');
    expect(gh.issues[0]?.body).toBe('not from the tool');
  });

  it('opens one issue for a mitigation shared by three threats, listing all three', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    await edit(cwd, 'mitigations:\n', SHARED_THREATS);
    const run = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply'], { cwd, env: { GITHUB_TOKEN: TOKEN } });
    expect(run.code, run.stderr).toBe(0);
    const r1 = gh.issues.filter((i) => String(i.body).includes('threatwright:mitigation=R1 '));
    expect(r1).toHaveLength(1);
    expect(r1[0]?.title).toBe(R1_TITLE);
    const body = String(r1[0]?.body);
    expect(body).toContain('which addresses 3 threats open at P1 high or above');
    for (const line of ['- `T1` Credential stuffing against the login — P0 critical, open', '- `T3` Password spraying across accounts — P1 high, open', '- `T4` Session takeover after a phished login — P1 high, open']) expect(body).toContain(line);
    expect(gh.issues.some((i) => /threatwright:(fingerprint|decision)=T[134] /u.test(String(i.body)))).toBe(false);
    // --per threat still makes one issue per threat, titled with the same mitigation.
    const perThreat = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--per', 'threat'], { cwd, env: {} });
    expect(perThreat.stdout).toContain('Plan for github: one issue per threat open at P1 high or above (dry run');
    expect(perThreat.stdout.match(/create\s+\[SEC\]\[P\d \w+\] Rate-limit and add MFA to the login {2}\(T\d\)/gu)).toHaveLength(3);
  });

  it('moves a per-threat backlog to per mitigation without closing anyone\'s issue unless asked', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const env = { GITHUB_TOKEN: TOKEN };
    const args = ['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply'];
    expect((await runCli([...args, '--per', 'threat'], { cwd, env })).code).toBe(0);
    const t1 = gh.issues.find((i) => String(i.body).includes('threatwright:fingerprint=T1 '));
    expect(t1?.title).toBe(R1_TITLE);
    const perThreat = gh.issues.length;

    const moved = await runCli(args, { cwd, env });
    expect(moved.code, moved.stderr).toBe(0);
    // R1's issue is new; T1's stays open and is listed; unmitigated threats' issues become their decisions, in place.
    expect(gh.issues).toHaveLength(perThreat + 1);
    expect(t1?.state).toBe('open');
    expect(moved.stdout).toMatch(/· keep +#\d+ \[SEC\]\[P0 critical\] Rate-limit and add MFA to the login: the backlog is per mitigation now, and the issue for R1 \(Rate-limit and add MFA to the login\) covers it; close it, or run again with --close-superseded/u);
    expect(moved.stdout).toContain('1 of our issues was opened per threat and is covered by the issues above: left open; close it by hand, or run again with --close-superseded.');
    expect(moved.stdout).toMatch(/GitHub acme\/shop: 1 created, \d+ updated, 0 closed/u);
    expect(gh.issues.filter((i) => String(i.body).includes('threatwright:fingerprint='))).toEqual([t1]);

    const closing = await runCli([...args, '--close-superseded'], { cwd, env });
    expect(closing.code).toBe(0);
    expect(t1?.state).toBe('closed');
    expect(t1?.comments[0]).toBe('Closed by Threatwright: the backlog is per mitigation now, and the issue for R1 (Rate-limit and add MFA to the login) covers it.');
    const settled = await runCli(args, { cwd, env });
    expect(settled.stdout).toMatch(/: 0 created, 0 updated, 0 closed, \d+ unchanged\.\n$/u);
    expect(gh.issues).toHaveLength(perThreat + 1);
  });

  it('closes with a comment that quotes the justification without mentioning anyone or linking an issue (I5)', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const env = { GITHUB_TOKEN: TOKEN };
    const args = ['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply'];
    expect((await runCli(args, { cwd, env })).code).toBe(0);
    await edit(cwd, T1_OPEN, 'status: false-positive, justification: "per @alice and @acme/sec, see #4 and [x](https://evil.example)", owner: Ada Lovelace, identified: 2026-09-01');
    const run = await runCli(args, { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    const r1 = gh.issues.find((i) => i.title === R1_TITLE);
    expect(r1?.state).toBe('closed');
    expect(r1?.comments[0]).toBe('Closed by Threatwright: every threat it addresses is resolved (T1 false-positive: per `@alice` and `@acme/sec`, see `#4` and [x\\](https\\://evil.example)).');
  });

  it('closes a per-threat issue once its threat is resolved, as before', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    const env = { GITHUB_TOKEN: TOKEN };
    const args = ['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply', '--per', 'threat'];
    expect((await runCli(args, { cwd, env })).code).toBe(0);
    await edit(cwd, T1_OPEN, T1_OPEN.replace('status: open', 'status: not-applicable, justification: The shop signs in through its identity provider only'));
    expect((await runCli(args, { cwd, env })).code).toBe(0);
    const t1 = gh.issues.find((i) => i.title === R1_TITLE);
    expect(t1?.state).toBe('closed');
    expect(t1?.comments[0]).toBe('Closed by Threatwright: the threat is not-applicable: The shop signs in through its identity provider only.');
  });

  it('reports an API error per item and still creates the others', async () => {
    const gh = await fakeGitHub(TOKEN);
    servers.push(gh);
    const cwd = await workdir();
    gh.failWhen = (req, body) => (req === 'POST /repos/acme/shop/issues' && body['title'] === R1_TITLE ? 502 : undefined);
    const run = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--url', gh.url, '--apply'], { cwd, env: { GITHUB_TOKEN: TOKEN } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`✖ could not create ${R1_TITLE}: GitHub POST /repos/acme/shop/issues → 502: Server Error`);
    expect(gh.issues.length).toBeGreaterThanOrEqual(1);
    expect(gh.issues.some((i) => i.title === R1_TITLE)).toBe(false);
    expect(run.stdout.trim().split('\n').pop()).toMatch(/\d+ created, 0 updated, 0 closed, 0 unchanged, 1 failed/u);
  });

  it('reads --min-band as a word or a priority', async () => {
    const cwd = await workdir();
    const base = ['backlog', '--to', 'github', '--repo', 'acme/shop'];
    const p0 = await runCli([...base, '--min-band', 'P0'], { cwd, env: {} });
    expect(p0.code, p0.stderr).toBe(0);
    expect(p0.stdout).toContain('open at P0 critical or above');
    expect(p0.stdout).not.toMatch(/create\s+\[SEC\]\[P1 high\]/u);
    expect(p0.stdout).toContain(`+ create     ${R1_TITLE}`);
    expect((await runCli([...base, '--min-band', 'critical'], { cwd, env: {} })).stdout).toBe(p0.stdout);
    const bad = await runCli([...base, '--min-band', 'severe'], { cwd, env: {} });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-band must be one of critical, high, medium, low, P0, P1, P2, P3');
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

describe('threatwright backlog --print', () => {
  it('writes the issues as Markdown without a tracker or token', async () => {
    const cwd = await workdir();
    const run = await runCli(['backlog', '--print'], { cwd, env: {} });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('# Backlog: Corner Shop\n\n')).toBe(true);
    expect(run.stdout).toContain('## 1. [SEC][P0 critical] Rate-limit and add MFA to the login\n\nLabels: `threatwright`, `security`, `priority:P0` · Owner: Ada Lovelace · Due: 2026-12-15 · Estimate: 3d\n');
    expect(run.stdout).toContain('<!-- threatwright:mitigation=R1 hash=');
    expect(run.stdout).toMatch(/^## \d+\. \[SEC\]\[P\d \w+\] Decide how to address: /mu);
    // What is left out is said on stderr, apart from the document.
    expect(run.stderr).toMatch(/^\d+ baseline entr(y is|ies are) not in the backlog/mu);
    expect(run.stdout).not.toContain('baseline entr');
  });

  it('writes stable JSON with --format json, and reads the band either way', async () => {
    const cwd = await workdir();
    const run = await runCli(['backlog', '--print', '--format', 'json', '--min-band', 'P0'], { cwd, env: {} });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { version: number; per: string; threshold: unknown; issues: { kind: string; subject: string; priority: string; band: string; body: string }[] };
    expect(json).toMatchObject({ version: 1, per: 'mitigation', threshold: { priority: 'P0', band: 'critical' } });
    expect(json.issues.find((i) => i.subject === 'R1')).toMatchObject({ kind: 'mitigation', priority: 'P0', band: 'critical' });
    expect(json.issues.every((i) => i.priority === 'P0')).toBe(true);
    expect((await runCli(['backlog', '--print', '--format', 'json', '--min-band', 'critical'], { cwd, env: {} })).stdout).toBe(run.stdout);
    expect((await runCli(['backlog', '--print', '--format', 'json'], { cwd, env: {} })).stdout).not.toBe(run.stdout);
    const perThreat = JSON.parse((await runCli(['backlog', '--print', '--format', 'json', '--per', 'threat'], { cwd, env: {} })).stdout) as typeof json;
    expect(perThreat.per).toBe('threat');
    expect(perThreat.issues.find((i) => i.subject === 'T1')?.kind).toBe('threat');
  });

  it('says what does not fit together', async () => {
    const cwd = await workdir();
    const both = await runCli(['backlog', '--print', '--apply'], { cwd, env: {} });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--print and --apply contradict each other');
    const format = await runCli(['backlog', '--to', 'github', '--repo', 'acme/shop', '--format', 'json'], { cwd, env: {} });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format applies to --print only');
    const nowhere = await runCli(['backlog'], { cwd, env: {} });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('`threatwright backlog --print`');
    const band = await runCli(['backlog', '--print', '--min-band', 'severe'], { cwd, env: {} });
    expect(band.code).toBe(2);
    expect(band.stderr).toContain('--min-band must be one of critical, high, medium, low, P0, P1, P2, P3');
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
