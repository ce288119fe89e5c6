/**
 * Bad input through `threatwright validate`, end to end: each case gets one clear error with a
 * location and exit 2, quickly, and never a stack trace.
 */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

let dir: string;
const HEADER = 'threatwright: 1\nsystem:\n  name: X\n';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-hostile-'));
  // Load the command and the loader once, so each case's time is its own work, not start-up.
  await writeFile(path.join(dir, 'warm.yaml'), HEADER);
  await runCli(['validate', 'warm.yaml'], { cwd: dir });
}, 30_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cases: { name: string; file: string; make: (file: string) => Promise<void> }[] = [
  { name: 'a YAML syntax error', file: 'syntax.yaml', make: (f) => writeFile(f, `${HEADER}components: [\n  { id: C1, name: "unclosed }\n`) },
  { name: 'a binary file', file: 'binary.yaml', make: (f) => writeFile(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x01])) },
  {
    name: 'a YAML alias bomb',
    file: 'aliases.yaml',
    make: (f) => {
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
      return writeFile(f, `${HEADER}${lines.join('\n')}\n`);
    },
  },
  { name: 'duplicate keys', file: 'dupkeys.yaml', make: (f) => writeFile(f, `${HEADER}system:\n  name: Y\n`) },
  { name: 'a deep nesting bomb', file: 'deep.yaml', make: (f) => writeFile(f, `${HEADER}components: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`) },
  {
    name: 'a 200 MB file',
    file: 'huge.yaml',
    // A sparse file: 200 MB on paper, nothing on disk; it must be refused without being read.
    make: async (f) => {
      await writeFile(f, HEADER);
      await truncate(f, 200 * 1024 * 1024);
    },
  },
];

describe('validate on hostile input', () => {
  for (const c of cases) {
    it(`reports ${c.name} as an error with its location and exits 2, quickly`, async () => {
      const file = path.join(dir, c.file);
      await c.make(file);
      const started = performance.now();
      const r = await runCli(['validate', c.file], { cwd: dir });
      const ms = performance.now() - started;
      expect(r.code).toBe(2);
      expect(ms).toBeLessThan(5_000);
      const errors = r.stdout.split('\n').filter((l) => l.startsWith('✖') && !l.includes(' is invalid: '));
      expect(errors.length, r.stdout).toBeGreaterThanOrEqual(1);
      expect(errors[0], r.stdout).toMatch(new RegExp(`  → ${c.file.replace('.', '\\.')}:\\d+:\\d+$`));
      expect(r.stdout).toMatch(new RegExp(`^✖ ${c.file.replace('.', '\\.')} is invalid: \\d+ errors?`, 'm'));
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(r.stderr).toBe('');
    });
  }

  it('reports a device given as a model without reading it', async () => {
    const r = await runCli(['validate', '/dev/zero'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('not a regular file');
  });
});
