import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INCLUDE_SCHEMA_ID, MODEL_SCHEMA_ID } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';

const MODEL = `# yaml-language-server: $schema=../../somebody/elses/clone/schema/threatwright.schema.json
# Our shop.
threatwright: 1
system: { name: Shop }
include: [parts/web.yaml]
components:
  - { id: C1, name: Browser, kind: external-entity, type: browser }
flows:
  - { id: F1, from: C1, to: C2, protocol: https, data: [A1] }
assets:
  - { id: A1, name: Orders }
`;
const PART = `components:
  - { id: C2, name: Web, kind: process, type: web-app }
`;

async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tw-schema-'));
  await mkdir(path.join(dir, 'parts'));
  await writeFile(path.join(dir, 'threatmodel.yaml'), MODEL);
  await writeFile(path.join(dir, 'parts', 'web.yaml'), PART);
  return dir;
}

const codes = async (cwd: string) => {
  const v = await runCli(['validate', '--format', 'json'], { cwd });
  return (JSON.parse(v.stdout) as { files: { issues: { code: string; line: number | null }[] }[] }).files.flatMap((f) => f.issues).filter((i) => i.code.startsWith('schema-'));
};

describe('threatwright schema', () => {
  it('prints the model schema, or the schema of an included file', async () => {
    const model = JSON.parse((await runCli(['schema'], { cwd: tmpdir() })).stdout) as { $id: string };
    const include = JSON.parse((await runCli(['schema', '--include'], { cwd: tmpdir() })).stdout) as { $id: string };
    expect(model.$id).toBe(MODEL_SCHEMA_ID);
    expect(include.$id).toBe(INCLUDE_SCHEMA_ID);
  });

  it('--write puts both schemas beside the model and points the model and its includes at them, keeping the rest of each file', async () => {
    const dir = await project();
    expect(await codes(dir)).toEqual([expect.objectContaining({ code: 'schema-line-unresolved', line: 1 })]);
    const r = await runCli(['schema', '--write'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pointed threatmodel.yaml, parts/web.yaml at it');
    const model = await readFile(path.join(dir, 'threatmodel.yaml'), 'utf8');
    expect(model).toBe(MODEL.replace('../../somebody/elses/clone/schema/threatwright.schema.json', './.threatwright/threatwright.schema.json'));
    expect((await readFile(path.join(dir, 'parts', 'web.yaml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../.threatwright/threatwright-include.schema.json');
    expect(await codes(dir)).toEqual([]);
    // A second run changes nothing.
    const again = await runCli(['schema', '--write'], { cwd: dir });
    expect(again.stdout).toContain('already');
    expect(await readFile(path.join(dir, 'threatmodel.yaml'), 'utf8')).toBe(model);
  });

  it("makes validate warn when the copy is another version's, naming the version that wrote it", async () => {
    const dir = await project();
    await runCli(['schema', '--write'], { cwd: dir });
    const file = path.join(dir, '.threatwright', 'threatwright.schema.json');
    const old = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...old, $comment: 'Written by threatwright 0.0.1. Refresh …', title: 'an older schema' }));
    const v = await runCli(['validate'], { cwd: dir });
    expect(v.stdout + v.stderr).toContain('is not this version\'s (written by threatwright 0.0.1');
    expect(v.stdout + v.stderr).toContain('threatwright schema --write');
    expect((await runCli(['validate', '--strict'], { cwd: dir })).code).toBe(1);
  });

  it('leaves a schema line that is a URL alone', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'threatmodel.yaml'), MODEL.replace(/\$schema=\S+/u, '$schema=https://example.test/threatwright.schema.json'));
    await writeFile(path.join(dir, 'parts', 'web.yaml'), PART);
    expect(await codes(dir)).toEqual([]);
  });
});
