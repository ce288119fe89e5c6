import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, runSpec } from '../../testing.js';
import { command, runServe } from './index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-serve-'));
  await writeFile(path.join(dir, 'threatmodel.yaml'), 'threatwright: 1\nsystem:\n  name: Demo\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('threatwright serve', () => {
  it('serves the model on 127.0.0.1 with a token in the printed address, and refuses calls without it', async () => {
    let stop: () => void = () => undefined;
    let url = '';
    const spec = {
      ...command,
      run: (ctx: Parameters<typeof command.run>[0]) =>
        runServe(
          { ...ctx, print: (t: string) => { ctx.print(t); url ||= /http:\/\/\S+/.exec(t)?.[0] ?? ''; } },
          () => new Promise<void>((resolve) => { stop = resolve; }),
        ),
    };
    const running = runSpec(spec, ['--port', '0'], { cwd: dir });
    while (!url) await new Promise((r) => setTimeout(r, 10));
    const { origin, hash } = new URL(url);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect((await fetch(`${origin}/api/model`)).status).toBe(401);
    const res = await fetch(`${origin}/api/model`, { headers: { 'x-threatwright-token': token } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { file: string }).file).toBe('threatmodel.yaml');
    stop();
    const done = await running;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Editing threatmodel.yaml');
  });

  it('warns when asked to listen beyond this machine', async () => {
    let stop: () => void = () => undefined;
    let started = false as boolean;
    const spec = {
      ...command,
      run: (ctx: Parameters<typeof command.run>[0]) =>
        runServe({ ...ctx, print: (t: string) => { ctx.print(t); started = true; } }, () => new Promise<void>((resolve) => { stop = resolve; })),
    };
    const running = runSpec(spec, ['--port', '0', '--host', '0.0.0.0'], { cwd: dir });
    while (!started) await new Promise((r) => setTimeout(r, 10));
    stop();
    const done = await running;
    expect(done.stderr).toContain('listening on 0.0.0.0, not only on this machine');
  });

  it('explains a bad port and a missing model without starting', async () => {
    const bad = await runCli(['serve', '--port', 'eighty'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a number');
    const missing = await runCli(['serve', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toContain('    at ');
  });
});
