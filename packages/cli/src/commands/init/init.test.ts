import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadModel } from '@threatwright/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';
import { findSchema } from './index.js';
import { starterModel } from './starter.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 0, 15) / 1000) };
const now = new Date(Date.UTC(2026, 0, 16));

async function read(name = 'threatmodel.yaml'): Promise<string> {
  return readFile(path.join(dir, name), 'utf8');
}

/** Loads a written model exactly as `validate` would, on the day after it was written. */
function load(text: string, file = 'threatmodel.yaml') {
  return loadModel({ file, text }, { now, readFile: () => undefined });
}

describe('threatwright init', () => {
  it('with --yes writes a starter model that loads with no errors and no warnings', async () => {
    const r = await runCli(['init', '--yes', '--name', 'Shop'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ Wrote threatmodel.yaml: a starter model (3 components, 2 flows, 2 boundaries, 2 assets)');
    expect(r.stdout).toContain('  2. threatwright validate threatmodel.yaml');
    const result = load(await read());
    expect(result.issues).toEqual([]);
    expect(result.model?.system.name).toBe('Shop');
    expect(result.model?.system.reviewed_at).toBe('2026-01-15');
    expect(result.model?.components?.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
  });

  it('validates cleanly through `threatwright validate` too', async () => {
    // Written today, so the first review is not overdue.
    await runCli(['init', '--yes'], { cwd: dir });
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ threatmodel.yaml is valid: 3 components, 2 flows, 2 boundaries\n');
  });

  it('names the system after the folder by default', async () => {
    await mkdir(path.join(dir, 'billing-service'));
    await runCli(['init', 'billing-service/threatmodel.yaml', '--yes'], { cwd: dir, env });
    expect(load(await read('billing-service/threatmodel.yaml')).model?.system.name).toBe('billing-service');
  });

  it('never overwrites an existing file without --force (exit 3), and does with it', async () => {
    await writeFile(path.join(dir, 'threatmodel.yaml'), 'my work\n');
    const r = await runCli(['init', '--yes'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('✖ threatmodel.yaml already exists; not overwriting it\n    Use --force to replace it, or choose another file name.\n');
    expect(await read()).toBe('my work\n');
    const forced = await runCli(['init', '--yes', '--force'], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(await read()).toContain('threatwright: 1');
  });

  it('refuses before asking any question when the file exists', async () => {
    await writeFile(path.join(dir, 'threatmodel.yaml'), 'my work\n');
    const r = await runCli(['init'], { cwd: dir, env, stdinIsTTY: true, stdoutIsTTY: true, stdin: ['Shop'] });
    expect(r.code).toBe(3);
    expect(r.stdout).not.toContain('?');
  });

  it('writes JSON for a .json file name, and that model validates', async () => {
    const r = await runCli(['init', 'model.json', '--yes', '--name', 'Shop'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = await read('model.json');
    const parsed = JSON.parse(text) as { threatwright: number; system: { name: string } };
    expect(parsed.threatwright).toBe(1);
    expect(parsed.system.name).toBe('Shop');
    const v = await runCli(['validate', 'model.json'], { cwd: dir });
    expect(v.stdout).toBe('✔ model.json is valid: 3 components, 2 flows, 2 boundaries\n');
  });

  it('creates missing folders', async () => {
    const r = await runCli(['init', 'docs/security/model.yaml', '--yes'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote docs/security/model.yaml');
    expect(load(await read('docs/security/model.yaml')).issues).toEqual([]);
  });

  it('in a terminal asks the framing questions and writes the answers', async () => {
    const r = await runCli(['init'], {
      cwd: dir,
      env,
      stdinIsTTY: true,
      stdoutIsTTY: true,
      stdin: ['Payments API', 'The public payments API', 'Card data and money', 'Fraudsters and bots', 'Two engineers for a sprint'],
    });
    expect(r.code).toBe(0);
    for (const q of ['What is the system called?', 'What are we working on?', 'What are we protecting?', 'From whom?', 'With how many resources?']) expect(r.stdout).toContain(q);
    const result = load(await read());
    expect(result.issues).toEqual([]);
    expect(result.model?.system).toMatchObject({ name: 'Payments API', description: 'The public payments API' });
    expect(result.model?.questions).toEqual({ protecting: 'Card data and money', from_whom: 'Fraudsters and bots', resources: 'Two engineers for a sprint' });
  });

  it('keeps the default for an empty answer and for questions left when input ends', async () => {
    await mkdir(path.join(dir, 'shop'));
    const r = await runCli(['init', 'shop/threatmodel.yaml'], { cwd: dir, env, stdinIsTTY: true, stdoutIsTTY: true, stdin: ['', 'A shop'] });
    expect(r.code).toBe(0);
    const result = load(await read('shop/threatmodel.yaml'));
    expect(result.issues).toEqual([]);
    expect(result.model?.system).toMatchObject({ name: 'shop', description: 'A shop' });
    expect(result.model?.questions).toBeUndefined();
  });

  it('does not ask when --name is given for the name, nor at all with --yes or without a terminal', async () => {
    const named = await runCli(['init', '--name', 'X'], { cwd: dir, env, stdinIsTTY: true, stdoutIsTTY: true, stdin: ['what', 'assets', 'whom', 'money'] });
    expect(named.stdout).not.toContain('What is the system called?');
    expect(load(await read()).model?.questions).toEqual({ protecting: 'assets', from_whom: 'whom', resources: 'money' });
    const piped = await runCli(['init', 'b.yaml'], { cwd: dir, env, stdinIsTTY: false, stdin: ['ignored'] });
    expect(piped.stdout).not.toContain('?');
    // Output redirected to a file: nobody would see the questions.
    const redirected = await runCli(['init', 'd.yaml'], { cwd: dir, env, stdinIsTTY: true, stdoutIsTTY: false, stdin: ['ignored'] });
    expect(redirected.stdout).not.toContain('?');
    expect(load(await read('d.yaml')).model?.system.name).not.toBe('ignored');
    const yes = await runCli(['init', 'c.yaml', '--yes'], { cwd: dir, env, stdinIsTTY: true, stdoutIsTTY: true, stdin: ['ignored'] });
    expect(yes.stdout).not.toContain('?');
  });

  it('escapes answers: quotes, comment marks, colons and line breaks stay text', async () => {
    const hostile = 'Evil" # x: y\nthreatwright: 2\n  - id: C1';
    const r = await runCli(['init', '--yes', '--name', hostile], { cwd: dir, env });
    expect(r.code).toBe(0);
    const result = load(await read());
    expect(result.issues).toEqual([]);
    expect(result.model?.system.name).toBe(hostile);
    expect(result.model?.threatwright).toBe(1);
  });

  it('rejects an empty --name', async () => {
    const r = await runCli(['init', '--yes', '--name', ' '], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--name cannot be empty');
  });

  it('writes the schema line editors read, pointing where --schema says', async () => {
    await runCli(['init', '--yes', '--schema', 'https://example.org/threatwright.schema.json'], { cwd: dir, env });
    expect((await read()).split('\n')[0]).toBe('# yaml-language-server: $schema=https://example.org/threatwright.schema.json');
  });

  it('by default points the schema line at the committed schema, relative to the model', async () => {
    const schema = findSchema();
    if (schema === undefined) {
      // The schema is generated into schema/threatwright.schema.json; without it there is nothing to point at.
      expect(starterModel({ name: 'x' }, { schema: undefined, today: '2026-01-01', file: 'x.yaml', commands: [] })).not.toContain('$schema');
      return;
    }
    await runCli(['init', 'a/b/threatmodel.yaml', '--yes'], { cwd: dir, env });
    const first = (await read('a/b/threatmodel.yaml')).split('\n')[0] ?? '';
    const ref = first.replace('# yaml-language-server: $schema=', '');
    expect(path.resolve(dir, 'a/b', ref)).toBe(schema);
  });

  it('finds the schema by walking up from a folder', async () => {
    await mkdir(path.join(dir, 'schema'));
    await writeFile(path.join(dir, 'schema', 'threatwright.schema.json'), '{}');
    await mkdir(path.join(dir, 'packages', 'cli', 'dist'), { recursive: true });
    expect(findSchema(path.join(dir, 'packages', 'cli', 'dist'))).toBe(path.join(dir, 'schema', 'threatwright.schema.json'));
  });

  it('prefers the schema an installed package carries beside its bundle', async () => {
    await mkdir(path.join(dir, 'schema'));
    await writeFile(path.join(dir, 'schema', 'threatwright.schema.json'), '{}');
    await mkdir(path.join(dir, 'node_modules', 'threatwright', 'dist', 'schema'), { recursive: true });
    await mkdir(path.join(dir, 'node_modules', 'threatwright', 'dist', 'chunks'));
    const shipped = path.join(dir, 'node_modules', 'threatwright', 'dist', 'schema', 'threatwright.schema.json');
    await writeFile(shipped, '{}');
    expect(findSchema(path.join(dir, 'node_modules', 'threatwright', 'dist', 'chunks'))).toBe(shipped);
    expect(findSchema(path.join(dir, 'node_modules', 'threatwright', 'dist'))).toBe(shipped);
  });

  it('mentions only commands that exist in the next steps', () => {
    const without = starterModel({ name: 'x' }, { schema: undefined, today: '2026-01-01', file: 'm.yaml', commands: ['init', 'validate'] });
    expect(without).not.toContain('threatwright analyze');
    const withAnalyze = starterModel({ name: 'x' }, { schema: undefined, today: '2026-01-01', file: 'm.yaml', commands: ['analyze', 'init', 'validate'] });
    expect(withAnalyze).toContain('threatwright analyze m.yaml');
  });
});
