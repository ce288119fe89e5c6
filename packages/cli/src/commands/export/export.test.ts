import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MODEL = `threatwright: 1
system: { name: Shop }
boundaries: [{ id: B1, name: Internet, trust: untrusted }]
components:
  - { id: C1, name: Browser, kind: external-entity, boundary: B1 }
  - { id: C2, name: API, kind: process, type: api }
flows: [{ id: F1, from: C1, to: C2, protocol: https, encrypted: true }]
threats: [{ id: T1, title: Stolen session, category: spoofing, elements: [C2], status: open, impact: 4 }]
`;

describe('threatwright export', () => {
  it('writes OTM that imports back into the same model', async () => {
    await writeFile(path.join(dir, 'threatmodel.yaml'), MODEL);
    const run = await runCli(['export', '--to', 'otm', '-o', 'shop.otm.json'], { cwd: dir });
    expect(run.code).toBe(0);
    const otm = JSON.parse(await readFile(path.join(dir, 'shop.otm.json'), 'utf8')) as { otmVersion: string; components: { id: string }[] };
    expect(otm.otmVersion).toBe('0.2.0');
    expect(otm.components.map((c) => c.id)).toEqual(['C1', 'C2']);
    expect(run.stderr).toMatch(/outside any boundary/);
    const back = await runCli(['import', 'shop.otm.json', '-o', '-'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('title: Stolen session');
    expect(back.stdout).toContain('encrypted: true');
  });

  it('prints to stdout without -o, and requires --to', async () => {
    await writeFile(path.join(dir, 'threatmodel.yaml'), MODEL);
    expect((await runCli(['export', '--to', 'otm'], { cwd: dir })).stdout).toMatch(/"otmVersion": "0\.2\.0"/);
    const missing = await runCli(['export'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--to is required/);
  });

  it('writes the derived threats with their decisions, says what it left out, and imports them back as decisions', async () => {
    const example = await readFile(path.resolve(import.meta.dirname, '../../../../../examples/web-login/threatmodel.yaml'), 'utf8');
    await writeFile(path.join(dir, 'threatmodel.yaml'), example);
    const run = await runCli(['export', '--to', 'threat-dragon', '-o', 'td.json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/from the model: .*39 derived threats, 12 baseline entries, 2 decisions/);
    expect(run.stderr).toMatch(/in the file: .*44 threats/);
    expect(run.stderr).toMatch(/Not exported \(1\):\n.*12 baseline entries: they are questions the model does not answer yet, not threats \(use --include-baseline/);
    const doc = JSON.parse(await readFile(path.join(dir, 'td.json'), 'utf8')) as { detail: { diagrams: { cells: { data: { threats?: { severity: string; threatwright: { fingerprint?: string } }[] } }[] }[] } };
    const threats = doc.detail.diagrams.flatMap((d) => d.cells.flatMap((c) => c.data.threats ?? []));
    expect(threats.find((t) => t.threatwright.fingerprint === 'csrf@C2')?.severity).toBe('Critical');

    const all = await runCli(['export', '--to', 'threat-dragon', '--include-baseline', '-o', 'all.json', '-v'], { cwd: dir });
    expect(all.stderr).toMatch(/in the file: .*56 threats/);
    expect(all.stderr).not.toMatch(/Not exported/);
    expect(all.stderr).toMatch(/finding csrf@C2 → threat on the cell of C2/);

    const back = await runCli(['import', 'td.json', '-o', 'back.yaml'], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toMatch(/found: .*5 threats, 39 derived threats/);
    expect(back.stderr).toMatch(/created: .*5 threats, 2 decisions/);
    const counts = async (file: string) => (JSON.parse((await runCli(['analyze', file, '--format', 'json'], { cwd: dir })).stdout) as { counts: unknown }).counts;
    expect(await counts('back.yaml')).toEqual(await counts('threatmodel.yaml'));
  });

  it('refuses a model with errors (exit 2)', async () => {
    await writeFile(path.join(dir, 'threatmodel.yaml'), MODEL.replace('to: C2', 'to: C9'));
    const run = await runCli(['export', '--to', 'otm'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/C9/);
  });
});
