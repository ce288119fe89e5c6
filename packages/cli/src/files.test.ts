import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from './errors.js';
import { assertWritable, displayPath, readForUpdate, resolveModelPath, writeFileAtomic } from './files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function userError(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  return err;
}

describe('resolveModelPath', () => {
  it('prefers threatmodel.yaml in the folder', async () => {
    await writeFile(path.join(dir, 'threatmodel.yaml'), '');
    await writeFile(path.join(dir, 'threatmodel.yml'), '');
    expect(await resolveModelPath(dir)).toBe(path.join(dir, 'threatmodel.yaml'));
  });

  it('falls back to threatmodel.yml, then the only *.threatwright.yaml', async () => {
    await writeFile(path.join(dir, 'shop.threatwright.yaml'), '');
    expect(await resolveModelPath(dir)).toBe(path.join(dir, 'shop.threatwright.yaml'));
    await writeFile(path.join(dir, 'threatmodel.yml'), '');
    expect(await resolveModelPath(dir)).toBe(path.join(dir, 'threatmodel.yml'));
  });

  it('refuses to guess between several *.threatwright.yaml files', async () => {
    await writeFile(path.join(dir, 'a.threatwright.yaml'), '');
    await writeFile(path.join(dir, 'b.threatwright.yaml'), '');
    const err = await userError(resolveModelPath(dir));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('found several model files in .: a.threatwright.yaml, b.threatwright.yaml');
  });

  it('says what it looked for when there is no model', async () => {
    const err = await userError(resolveModelPath(dir));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('no model file in . (looked for threatmodel.yaml, threatmodel.yml, threatmodel.json and *.threatwright.yaml)');
    expect(err.hint).toContain('threatwright init');
  });

  it('uses a given file as is and searches a given folder', async () => {
    await mkdir(path.join(dir, 'svc'));
    await writeFile(path.join(dir, 'svc', 'threatmodel.yaml'), '');
    expect(await resolveModelPath(dir, 'other.yaml')).toBe(path.join(dir, 'other.yaml'));
    expect(await resolveModelPath(dir, 'svc')).toBe(path.join(dir, 'svc', 'threatmodel.yaml'));
  });
});

describe('displayPath', () => {
  it('shows paths inside the folder relatively, with / separators', () => {
    expect(displayPath(dir, path.join(dir, 'a', 'b.yaml'))).toBe('a/b.yaml');
    expect(displayPath(dir, dir)).toBe('.');
  });
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    await writeFileAtomic('out.yaml', 'hello\n', { cwd: dir });
    expect(await readFile(path.join(dir, 'out.yaml'), 'utf8')).toBe('hello\n');
    expect(await readdir(dir)).toEqual(['out.yaml']);
  });

  it('refuses to overwrite an existing file without force (exit 3) and keeps it intact', async () => {
    await writeFile(path.join(dir, 'out.yaml'), 'mine\n');
    const err = await userError(writeFileAtomic('out.yaml', 'theirs\n', { cwd: dir }));
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe('out.yaml already exists; not overwriting it');
    expect(err.hint).toContain('--force');
    expect(await readFile(path.join(dir, 'out.yaml'), 'utf8')).toBe('mine\n');
    expect(await readdir(dir)).toEqual(['out.yaml']);
  });

  it('overwrites with force, keeping the file mode', async () => {
    const file = path.join(dir, 'out.yaml');
    await writeFile(file, 'old\n');
    await chmod(file, 0o600);
    await writeFileAtomic(file, 'new\n', { force: true });
    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('replaces the file behind a symbolic link and keeps the link', async () => {
    await mkdir(path.join(dir, 'real'));
    await writeFile(path.join(dir, 'real', 'model.yaml'), 'old\n');
    await symlink(path.join(dir, 'real', 'model.yaml'), path.join(dir, 'model.yaml'));
    await writeFileAtomic('model.yaml', 'new\n', { cwd: dir, force: true });
    expect((await lstat(path.join(dir, 'model.yaml'))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(dir, 'real', 'model.yaml'), 'utf8')).toBe('new\n');
    expect(await readdir(path.join(dir, 'real'))).toEqual(['model.yaml']);
  });

  it('creates missing folders when asked', async () => {
    await writeFileAtomic('a/b/out.yaml', 'x', { cwd: dir, mkdir: true });
    expect(await readFile(path.join(dir, 'a', 'b', 'out.yaml'), 'utf8')).toBe('x');
  });

  it('replaces a file that is unchanged since it was read', async () => {
    const file = path.join(dir, 'model.yaml');
    await writeFile(file, 'v1\n');
    const { text, stamp } = await readForUpdate(file);
    expect(text).toBe('v1\n');
    await writeFileAtomic(file, 'v2\n', { expect: stamp });
    expect(await readFile(file, 'utf8')).toBe('v2\n');
  });

  it('refuses (exit 3) to replace a file changed on disk since it was read, and keeps the other change', async () => {
    const file = path.join(dir, 'model.yaml');
    await writeFile(file, 'v1\n');
    const { stamp } = await readForUpdate(file);
    await writeFile(file, 'edited in the editor\n');
    const err = await userError(writeFileAtomic(file, 'v2\n', { expect: stamp, cwd: dir }));
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe('model.yaml changed on disk since it was read; not overwriting it');
    expect(await readFile(file, 'utf8')).toBe('edited in the editor\n');
  });

  it('notices a file deleted since it was read', async () => {
    const file = path.join(dir, 'model.yaml');
    await writeFile(file, 'v1\n');
    const { stamp } = await readForUpdate(file);
    await rm(file);
    const err = await userError(writeFileAtomic(file, 'v2\n', { expect: stamp }));
    expect(err.exitCode).toBe(3);
  });
});

describe('assertWritable', () => {
  it('fails early for an existing file unless forced', async () => {
    await writeFile(path.join(dir, 'x.yaml'), '');
    expect((await userError(assertWritable('x.yaml', { cwd: dir }))).exitCode).toBe(3);
    await expect(assertWritable('x.yaml', { cwd: dir, force: true })).resolves.toBeUndefined();
    await expect(assertWritable('y.yaml', { cwd: dir })).resolves.toBeUndefined();
  });
});
