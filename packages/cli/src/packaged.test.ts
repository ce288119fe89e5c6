import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagedFile } from './packaged.js';

describe('files an installed package carries beside its bundle', () => {
  it('are found from dist/ and dist/chunks/, and never from elsewhere (a clone falls back to its own files)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-packaged-'));
    const dist = path.join(dir, 'node_modules', 'threatwright', 'dist');
    await mkdir(path.join(dist, 'schema'), { recursive: true });
    await mkdir(path.join(dist, 'chunks'));
    const shipped = path.join(dist, 'schema', 'threatwright.schema.json');
    await writeFile(shipped, '{}');
    expect(packagedFile(path.join('schema', 'threatwright.schema.json'), path.join(dist, 'chunks'))).toBe(shipped);
    expect(packagedFile(path.join('schema', 'threatwright.schema.json'), dist)).toBe(shipped);
    expect(packagedFile(path.join('schema', 'threatwright.schema.json'), path.join(dir, 'src'))).toBeUndefined();
    expect(packagedFile(path.join('web', 'index.html'), dist)).toBeUndefined();
  });
});
