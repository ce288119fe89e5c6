import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from './errors.js';
import { loadModelFile } from './model-file.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(path.join(tmpdir(), 'threatwright-model-file-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const VALID = 'threatwright: 1\nsystem: { name: Shop }\n';

describe('reading model files safely', () => {
  it('refuses a 200 MB file from its size, without reading it, with exit code 2', async () => {
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, 200 * 1024 * 1024); // sparse: takes no disk space
    const t0 = performance.now();
    const r = await runCli(['validate', 'huge.yaml'], { cwd: dir });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('✖ the file is 200 MiB, above the 16 MiB limit for a model file  → huge.yaml:1:1');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a binary file with one error and exit code 2', async () => {
    writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const r = await runCli(['validate', 'image.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect((r.stdout + r.stderr).match(/ → /g)).toHaveLength(1);
    expect(r.stdout + r.stderr).toContain('this is a binary file, not a YAML or JSON model (it contains a NUL byte)  → image.yaml:3:1');
  });

  it('says clearly when the path is a folder, missing, or not a regular file', async () => {
    mkdirSync(path.join(dir, 'models'), { recursive: true });
    await expect(loadModelFile('models', dir)).rejects.toThrow('models is a folder, not a model file');
    await expect(loadModelFile('nope.yaml', dir)).rejects.toThrow('cannot read nope.yaml: no such file');
    await expect(loadModelFile('nope.yaml', dir)).rejects.toBeInstanceOf(UserError);
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      await expect(loadModelFile('pipe.yaml', dir)).rejects.toThrow('pipe.yaml is not a regular file');
      const r = await runCli(['validate', 'pipe.yaml'], { cwd: dir });
      expect(r.code).toBe(2);
    }
  });

  it('reads includes relative to the including file, and refuses an oversized include at its entry', async () => {
    mkdirSync(path.join(dir, 'split/teams'), { recursive: true });
    writeFileSync(path.join(dir, 'split/threatmodel.yaml'), `${VALID}include: [teams/web.yaml, teams/big.yaml]\n`);
    writeFileSync(path.join(dir, 'split/teams/web.yaml'), 'components:\n  - { id: C1, name: Web, kind: process }\n');
    writeFileSync(path.join(dir, 'split/teams/big.yaml'), '');
    truncateSync(path.join(dir, 'split/teams/big.yaml'), 17 * 1024 * 1024);
    const r = await loadModelFile('split/threatmodel.yaml', dir);
    expect(r.sources.map((s) => s.file)).toEqual([path.join('split', 'threatmodel.yaml'), path.join('split', 'teams', 'web.yaml')]);
    expect(r.issues.map((i) => `${i.code} ${i.location?.file ?? ''}`)).toEqual([`file-too-large ${path.join('split', 'teams', 'big.yaml')}`]);
  });

  it('passes today to the loader, so an overdue review is a warning', async () => {
    writeFileSync(path.join(dir, 'old.yaml'), 'threatwright: 1\nsystem: { name: Shop, reviewed_at: 2020-01-01, review_every: 1y }\n');
    const r = await loadModelFile('old.yaml', dir, { now: new Date('2022-01-01T00:00:00Z') });
    expect(r.issues.map((i) => i.code)).toEqual(['review-overdue']);
    const today = await loadModelFile('old.yaml', dir);
    expect(today.issues.map((i) => i.code)).toEqual(['review-overdue']);
  });
});

describe('include boundaries', () => {
  it('refuses includes outside the working folder and the root model\'s folder, and absolute paths', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'threatwright-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.yaml'), 'TOKEN: abc\n');
      mkdirSync(path.join(dir, 'fenced'), { recursive: true });
      const rel = path.relative(path.join(dir, 'fenced'), path.join(outside, 'secret.yaml'));
      writeFileSync(path.join(dir, 'fenced/threatmodel.yaml'), `${VALID}include: [${JSON.stringify(rel)}, ${JSON.stringify(path.join(outside, 'secret.yaml'))}]\n`);
      const r = await loadModelFile('fenced/threatmodel.yaml', dir);
      expect(r.issues.map((i) => `${i.code}: ${i.message}`)).toEqual([
        `include-refused: cannot include "${rel}": it is outside both the working folder and the folder of the root model`,
        `include-not-relative: cannot include "${path.join(outside, 'secret.yaml')}": include paths are relative to the including file`,
      ]);
      expect(JSON.stringify(r.issues)).not.toContain('TOKEN');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses an include that is a link to a file outside, and one that is not a regular file', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'threatwright-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.yaml'), 'TOKEN: abc\n');
      mkdirSync(path.join(dir, 'linked'), { recursive: true });
      symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'linked/team.yaml'));
      writeFileSync(path.join(dir, 'linked/threatmodel.yaml'), `${VALID}include: [team.yaml]\n`);
      const r = await loadModelFile('linked/threatmodel.yaml', dir);
      expect(r.issues.map((i) => `${i.code}: ${i.message}`)).toEqual([
        "include-refused: cannot include \"team.yaml\": it links to a file outside the working folder and the root model's folder",
      ]);
      expect(JSON.stringify(r)).not.toContain('TOKEN');
      if (process.platform !== 'win32') {
        execFileSync('mkfifo', [path.join(dir, 'linked/pipe.yaml')]);
        writeFileSync(path.join(dir, 'linked/piped.yaml'), `${VALID}include: [pipe.yaml]\n`);
        const p = await loadModelFile('linked/piped.yaml', dir);
        expect(p.issues.map((i) => `${i.code}: ${i.message}`)).toEqual(['include-refused: cannot include "pipe.yaml": it is not a regular file']);
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
