import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const fixture = fileURLToPath(new URL('../../../../render/test/fixtures/shop.yaml', import.meta.url));

async function workdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-diagram-'));
  await writeFile(path.join(dir, 'threatmodel.yaml'), await readFile(fixture, 'utf8'));
  return dir;
}

describe('threatwright diagram', () => {
  it('prints the whole system as Mermaid by default', async () => {
    const cwd = await workdir();
    const run = await runCli(['diagram'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^---\n[\s\S]*?\n---\nflowchart LR\n/u);
    expect(run.stdout).toContain('subgraph g_b_B2 ["Application VPC (trust: 75)"]');
  });

  it('writes one feature as SVG to a file, and refuses to overwrite it without --force', async () => {
    const cwd = await workdir();
    const first = await runCli(['diagram', '--view', 'tag:login', '--format', 'svg', '-o', 'login.svg'], { cwd });
    expect(first.code).toBe(0);
    const svg = await readFile(path.join(cwd, 'login.svg'), 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('Identity provider');
    expect(svg).not.toContain('Orders DB');
    const again = await runCli(['diagram', '--view', 'tag:login', '--format', 'svg', '-o', 'login.svg'], { cwd });
    expect(again.code).toBe(3);
    const forced = await runCli(['diagram', '--format', 'dot', '-o', 'login.svg', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(await readFile(path.join(cwd, 'login.svg'), 'utf8')).toMatch(/^digraph/u);
  });

  it('explains an unknown view or tag without a stack trace', async () => {
    const cwd = await workdir();
    const tag = await runCli(['diagram', '--view', 'tag:nope'], { cwd });
    expect(tag.code).toBe(2);
    expect(tag.stderr).toContain('no component or flow has the tag "nope"');
    expect(tag.stderr).toContain('checkout, login');
    expect(tag.stderr).not.toContain('    at ');
    const view = await runCli(['diagram', '--view', 'everything'], { cwd });
    expect(view.code).toBe(2);
    expect(view.stderr).toContain('unknown view');
  });

  it('colours the DFD by the highest open risk with --overlay risk', async () => {
    const cwd = await workdir();
    const plain = await runCli(['diagram'], { cwd });
    expect(plain.stdout).not.toMatch(/class [\w,]+ riskP\d/u);
    const run = await runCli(['diagram', '--overlay', 'risk'], { cwd });
    expect(run.code).toBe(0);
    // T1 (open, likelihood 4 × impact 4: P0 or P1 whatever the bands) sits on F1 and C2.
    expect(run.stdout).toMatch(/class [\w,]*n_c_C2[\w,]* riskP[01]/u);
    expect(run.stdout).toMatch(/linkStyle 0 stroke:#(b42318|d9730d)/u);
  });

  it('rejects an unknown format with the choices', async () => {
    const cwd = await workdir();
    const run = await runCli(['diagram', '--format', 'png'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mermaid, dot, svg');
  });

  it('reports the errors of a broken model instead of drawing it', async () => {
    const cwd = await workdir();
    await writeFile(path.join(cwd, 'threatmodel.yaml'), 'threatwright: 1\nsystem: { name: x }\ncomponents: [ { id: C1, kind: nope } ]\n');
    const run = await runCli(['diagram'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('threatmodel.yaml');
    expect(run.stdout).toBe('');
  });
});

describe('the diagram image in the docs', () => {
  it('is what the documented command draws from the example today', async () => {
    const root = fileURLToPath(new URL('../../../../../', import.meta.url));
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-diagram-doc-'));
    const run = await runCli(['diagram', path.join(root, 'examples/web-login/threatmodel.yaml'), '--overlay', 'risk', '--format', 'svg', '-o', path.join(dir, 'diagram.svg')], { cwd: dir });
    expect(run.code).toBe(0);
    const committed = await readFile(path.join(root, 'docs/images/diagram.svg'), 'utf8');
    expect(await readFile(path.join(dir, 'diagram.svg'), 'utf8'), 'regenerate it with the command in docs/outputs.md').toBe(committed);
  });
});
