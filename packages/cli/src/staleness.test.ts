import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemEnd, parseStaleLimit } from './staleness.js';
import { runCli } from './testing.js';

let repo = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const MODEL = 'threatwright: 1\nsystem:\n  name: Shop\ncomponents:\n  - id: C1\n    name: Web app\n    kind: process\n    paths: [apps/web/]\n\n  - id: C2\n    name: Worker\n    kind: process\n    paths: [apps/worker/]\nflows:\n  - id: F1\n    from: C1\n    to: C2\n';
function commitCode(dir: string, n: number): void {
  for (let i = 0; i < n; i++) {
    writeFileSync(path.join(repo, dir, 'main.js'), `// change ${String(i)}\n${'x\n'.repeat(i + 1)}`);
    git('add', '-A');
    git('commit', '-qm', `${dir} change ${String(i)}`);
  }
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'tw-stale-'));
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  mkdirSync(path.join(repo, 'apps/web'), { recursive: true });
  mkdirSync(path.join(repo, 'apps/worker'), { recursive: true });
  writeFileSync(path.join(repo, 'threatmodel.yaml'), MODEL);
  writeFileSync(path.join(repo, 'apps/web/main.js'), '');
  writeFileSync(path.join(repo, 'apps/worker/main.js'), '');
  git('add', '-A');
  git('commit', '-qm', 'model and code');
  commitCode('apps/web', 12);
  commitCode('apps/worker', 2);
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('staleness from code', () => {
  it('finds where a list item ends, comments and blank lines inside it included', () => {
    const lines = MODEL.split('\n');
    expect(itemEnd(lines, 5)).toBe(8);
    expect(itemEnd(lines, 10)).toBe(13);
    expect(parseStaleLimit('20')).toEqual({ commits: 20 });
    expect(parseStaleLimit('30d')).toEqual({ days: 30 });
    expect(parseStaleLimit('soon')).toBeUndefined();
  });

  it('validate warns about a component whose code moved on 10 commits or more while its entry did not', async () => {
    const r = await runCli(['validate', '--format', 'json'], { cwd: repo });
    const issues = (JSON.parse(r.stdout) as { files: { issues: { code: string; subject: string; message: string; line: number }[] }[] }).files[0]?.issues.filter((i) => i.code === 'code-moved-on');
    expect(issues).toHaveLength(1);
    expect(issues?.[0]).toMatchObject({ subject: 'C1', line: 5 });
    expect(issues?.[0]?.message).toMatch(/^12 commits \(\+\d+ −\d+ lines\) under apps\/web\/ since the model last changed it \([0-9a-f]{7}, \d{4}-\d{2}-\d{2}\), and not its model$/);
  });

  it('diff lists the components whose code changed between the revisions while their entry did not', async () => {
    const r = await runCli(['diff', 'HEAD~3', 'HEAD', '--format', 'json'], { cwd: repo });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { empty: boolean; codeWithoutModel: { id: string; files: number; added: number; removed: number }[] };
    expect(j.empty).toBe(true);
    expect(j.codeWithoutModel.map((c) => `${c.id} ${String(c.files)}`)).toEqual(['C1 1', 'C2 1']);
    const text = await runCli(['diff', 'HEAD~1'], { cwd: repo });
    expect(text.stdout).toContain('No change to the model or its threats.');
    expect(text.stdout).toMatch(/Code changed, model not\n {2}! C2 Worker: 1 file \(\+\d+ −\d+ lines\) under apps\/worker\//);
    expect(text.stdout).not.toContain('C1 Web app');
  });

  it('check --stale-after fails on each such component, and editing its entry resets the count', async () => {
    const failing = await runCli(['check', '--stale-after', '2', '--format', 'json'], { cwd: repo });
    expect(failing.code).toBe(1);
    const items = (JSON.parse(failing.stdout) as { items: { kind: string; subject: string }[] }).items.filter((i) => i.kind === 'stale-component');
    expect(items.map((i) => i.subject)).toEqual(['C1', 'C2']);
    expect((await runCli(['check', '--stale-after', '3'], { cwd: repo })).stdout).toMatch(/\n {2}stale +— +C1 +Web app\n +12 commits \(\+\d+ −\d+ lines\) under apps\/web\/ since the model last changed it/);
    // The worker's entry is updated (its owner written down): only the web app stays stale.
    writeFileSync(path.join(repo, 'threatmodel.yaml'), readFileSync(path.join(repo, 'threatmodel.yaml'), 'utf8').replace('    paths: [apps/worker/]\n', '    paths: [apps/worker/]\n    owner: jobs-team\n'));
    git('commit', '-qam', 'worker reviewed');
    const after = JSON.parse((await runCli(['check', '--stale-after', '2', '--format', 'json'], { cwd: repo })).stdout) as { items: { kind: string; subject: string }[] };
    expect(after.items.filter((i) => i.kind === 'stale-component').map((i) => i.subject)).toEqual(['C1']);
    // A review date after the code's changes counts as a look at every component.
    writeFileSync(path.join(repo, 'threatmodel.yaml'), readFileSync(path.join(repo, 'threatmodel.yaml'), 'utf8').replace('  name: Shop\n', `  name: Shop\n  reviewed_at: ${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}\n`));
    const reviewed = await runCli(['check', '--stale-after', '2', '--format', 'json'], { cwd: repo });
    expect((JSON.parse(reviewed.stdout) as { items: { kind: string }[] }).items.filter((i) => i.kind === 'stale-component')).toEqual([]);
    const bad = await runCli(['check', '--stale-after', 'soon'], { cwd: repo });
    expect(bad.code).toBe(2);
  });
});
