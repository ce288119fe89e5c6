/**
 * The server's file boundary and save path: nothing outside the model's own set of files is read,
 * returned or written; a save is a valid model, checked against the disk immediately before the
 * files are replaced; links stay links; include layouts stay in their files.
 */
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER, type ModelSnapshot, type ServerEvent } from './api.js';
import { createApp } from './app.js';
import { HttpError } from './errors.js';
import { includeReader, readRegularFile } from './model-files.js';
import { ModelStore } from './model-store.js';

const MODEL = `# Shop model
threatwright: 1
system:
  name: Shop   # the public name
components:
  - id: C1
    name: Browser
    kind: external-entity
  - id: C2
    name: API
    kind: process
flows:
  - { id: F1, from: C1, to: C2, protocol: https }
`;
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3secret alice@laptop\n';

interface Data {
  system: { name: string };
  components: { id: string; name: string; kind: string }[];
  flows: { id: string; from: string; to: string }[];
  layout?: { positions?: Record<string, { x: number; y: number }> };
}

let top: string;
let dir: string;
let file: string;

beforeEach(async () => {
  top = await mkdtemp(path.join(tmpdir(), 'tw-boundary-'));
  dir = path.join(top, 'project');
  await mkdir(dir);
  file = path.join(dir, 'threatmodel.yaml');
  await writeFile(file, MODEL);
});
afterEach(async () => {
  await rm(top, { recursive: true, force: true });
});

function withInclude(ref: string): string {
  return MODEL.replace('system:\n', `include: [${JSON.stringify(ref)}]\nsystem:\n`);
}

function edit(data: unknown, change: (d: Data) => void): Data {
  const d = structuredClone(data) as Data;
  change(d);
  return d;
}

const rename = (d: Data) => {
  d.system.name = 'Shop 2';
};

describe('includes outside the model set are never read, returned or written (S1)', () => {
  it('refuses an include outside the model folder, returns none of its text, and a save leaves it as it was', async () => {
    const outside = path.join(top, 'authorized_keys');
    await writeFile(outside, KEY);
    await writeFile(file, withInclude('../authorized_keys'));
    const store = new ModelStore(file);
    const snap = await store.read();
    expect(JSON.stringify(snap)).not.toContain('AAAAC3Nza');
    expect(snap.files.map((f) => f.name)).toEqual(['threatmodel.yaml']);
    expect(snap.issues.map((i) => i.code)).toContain('include-refused');
    expect(snap.issues.find((i) => i.code === 'include-refused')?.message).toContain('outside');
    const saved = await store.save(snap.version, edit(snap.data, rename));
    expect(await readFile(outside, 'utf8')).toBe(KEY);
    expect(await readFile(file, 'utf8')).toContain('name: Shop 2 # the public name');
    expect(JSON.stringify(saved)).not.toContain('AAAAC3Nza');
  });

  it('refuses a link inside the folder that points outside it', async () => {
    const outside = path.join(top, 'id_ed25519');
    await writeFile(outside, KEY);
    await symlink(outside, path.join(dir, 'team.yaml'));
    await writeFile(file, withInclude('team.yaml'));
    const store = new ModelStore(file);
    const snap = await store.read();
    expect(JSON.stringify(snap)).not.toContain('AAAAC3Nza');
    expect(snap.issues.find((i) => i.code === 'include-refused')?.message).toMatch(/links to a file outside/);
    await store.save(snap.version, edit(snap.data, rename));
    expect(await readFile(outside, 'utf8')).toBe(KEY);
    expect((await lstat(path.join(dir, 'team.yaml'))).isSymbolicLink()).toBe(true);
  });

  it('never returns or rewrites an included file that is not a YAML mapping', async () => {
    const pem = path.join(dir, 'key.pem');
    await writeFile(pem, KEY);
    await writeFile(file, withInclude('key.pem'));
    const store = new ModelStore(file);
    const snap = await store.read();
    expect(snap.files.map((f) => f.name)).toEqual(['threatmodel.yaml']);
    expect(JSON.stringify(snap)).not.toContain('AAAAC3Nza');
    await store.save(snap.version, edit(snap.data, rename));
    expect(await readFile(pem, 'utf8')).toBe(KEY);
  });

  it('reads includes from the working folder the CLI allows, and no further', async () => {
    const model = path.join(dir, 'models', 'threatmodel.yaml');
    await mkdir(path.dirname(model));
    await writeFile(model, withInclude('../team.yaml'));
    await writeFile(path.join(dir, 'team.yaml'), 'components:\n  - id: C3\n    name: DB\n    kind: datastore\n');
    expect((await new ModelStore(model).read()).issues.map((i) => i.code)).toContain('include-refused');
    const snap = await new ModelStore(model, { folders: [dir] }).read();
    expect(snap.valid).toBe(true);
    expect(snap.files.map((f) => f.name)).toEqual(['threatmodel.yaml', '../team.yaml']);
  });
});

describe('only regular files of bounded size are read (S3)', () => {
  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = path.join(dir, 'team.yaml');
    execFileSync('mkfifo', [fifo]);
    await writeFile(file, withInclude('team.yaml'));
    const snap = await new ModelStore(file).read();
    expect(snap.issues.find((i) => i.code === 'include-refused')?.message).toContain('not a regular file');
  });

  it('refuses a device, and stops reading one byte past the limit', () => {
    expect(readRegularFile('/dev/zero')).toEqual({ kind: 'refused', reason: 'it is not a regular file' });
    const reader = includeReader({ root: file });
    expect(reader.readFile('../../../../../../../../dev/zero', 'threatmodel.yaml')).toMatchObject({ refused: expect.stringContaining('outside') as unknown });
  });

  it('reports an oversized include by its size without reading it whole', async () => {
    await writeFile(path.join(dir, 'big.yaml'), 'x'.repeat(2048));
    expect(readRegularFile(path.join(dir, 'big.yaml'), 1024)).toEqual({ kind: 'too-large', size: 2048 });
    expect(readRegularFile(path.join(dir, 'big.yaml'), 4096)).toMatchObject({ kind: 'read' });
  });

  it('starts on a model whose include is a FIFO, through the whole server', async () => {
    execFileSync('mkfifo', [path.join(dir, 'team.yaml')]);
    await writeFile(file, withInclude('team.yaml'));
    const a = createApp({ store: new ModelStore(file), token: 't', hosts: () => ['127.0.0.1:1'] });
    const res = await a.request('/api/model', { headers: { host: '127.0.0.1:1', [TOKEN_HEADER]: 't' } });
    expect(res.status).toBe(200);
  });
});

describe('a save is a valid model (S5)', () => {
  it('refuses an empty object and leaves the file, comments and all', async () => {
    const a = createApp({ store: new ModelStore(file), token: 't', hosts: () => ['127.0.0.1:1'] });
    const headers = { host: '127.0.0.1:1', [TOKEN_HEADER]: 't', 'content-type': 'application/json' };
    const snap = (await (await a.request('/api/model', { headers })).json()) as ModelSnapshot;
    const res = await a.request('/api/model', { method: 'PUT', headers, body: JSON.stringify({ baseVersion: snap.version, model: {} }) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; issues: { code: string }[] };
    expect(body.error).toMatch(/^the edit would make the model invalid/);
    expect(body.issues.length).toBeGreaterThan(0);
    expect(await readFile(file, 'utf8')).toBe(MODEL);
  });

  it('refuses an edit that breaks a reference, with the issue', async () => {
    const store = new ModelStore(file);
    const snap = await store.read();
    const bad = store.save(snap.version, edit(snap.data, (d) => { d.flows[0] = { id: 'F1', from: 'C1', to: 'C9' }; }));
    await expect(bad).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/^the edit would make the model invalid: F1: flow target "C9" does not exist \(threatmodel\.yaml:\d+:\d+\)$/) as unknown });
    expect(await readFile(file, 'utf8')).toBe(MODEL);
  });

  it('saves a model that already had an error on disk, as long as the edit adds none', async () => {
    const broken = MODEL.replace('to: C2', 'to: C7');
    await writeFile(file, broken);
    const store = new ModelStore(file);
    const snap = await store.read();
    expect(snap.valid).toBe(false);
    await store.save(snap.version, edit(snap.data, rename));
    expect(await readFile(file, 'utf8')).toBe(broken.replace('name: Shop   #', 'name: Shop 2 #'));
    const fixed = await store.read();
    await store.save(fixed.version, edit(fixed.data, (d) => { d.flows[0] = { id: 'F1', from: 'C1', to: 'C2' }; }));
    expect((await store.read()).valid).toBe(true);
  });
});

describe('an external edit racing a save is never lost (S2)', () => {
  it('refuses the save when the file changes after the version check and before the rename', async () => {
    const theirs = MODEL.replace('name: API', 'name: Orders API');
    const store = new ModelStore(file, { beforeCommit: () => writeFile(file, theirs) });
    const snap = await store.read();
    const saving = store.save(snap.version, edit(snap.data, rename));
    await expect(saving).rejects.toBeInstanceOf(HttpError);
    await expect(saving).rejects.toMatchObject({ status: 409, body: { current: { files: [{ text: theirs }] } } });
    expect(await readFile(file, 'utf8')).toBe(theirs);
    expect((await readdirNames(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses when only an included file changed meanwhile, and writes none of the files', async () => {
    const team = path.join(dir, 'team.yaml');
    const teamText = 'components:\n  - id: C3\n    name: DB\n    kind: datastore\n';
    await writeFile(team, teamText);
    await writeFile(file, withInclude('team.yaml'));
    const theirs = teamText.replace('name: DB', 'name: Orders DB');
    const store = new ModelStore(file, { beforeCommit: () => writeFile(team, theirs) });
    const snap = await store.read();
    const saving = store.save(snap.version, edit(snap.data, (d) => {
      rename(d);
      d.components = d.components.map((c) => (c.id === 'C3' ? { ...c, name: 'Ledger' } : c));
    }));
    await expect(saving).rejects.toMatchObject({ status: 409 });
    expect(await readFile(team, 'utf8')).toBe(theirs);
    expect(await readFile(file, 'utf8')).toBe(withInclude('team.yaml'));
  });
});

async function readdirNames(d: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return readdir(d);
}

describe('layouts of included files stay in their files (S4)', () => {
  it('writes an included element\'s position into its file, and the model loads again', async () => {
    const team = path.join(dir, 'team.yaml');
    await writeFile(team, 'components:\n  - id: C3\n    name: DB\n    kind: datastore\nlayout:\n  positions:\n    C3: { x: 10, y: 20 }\n');
    await writeFile(file, `${withInclude('team.yaml')}layout:\n  positions:\n    C1: { x: 0, y: 0 }\n`);
    const store = new ModelStore(file);
    const snap = await store.read();
    expect(snap.valid).toBe(true);
    const moved = edit(snap.data, (d) => {
      d.layout = { positions: { C1: { x: 5, y: 5 }, C2: { x: 300, y: 0 }, C3: { x: 99, y: 20 } } };
    });
    const saved = await store.save(snap.version, moved);
    expect(saved.valid).toBe(true);
    expect(saved.issues.map((i) => i.code)).not.toContain('include-conflict');
    const main = await readFile(file, 'utf8');
    expect(main).not.toContain('C3:');
    expect(main).toMatch(/C2: \{ x: 300, y: 0 \}|C2:\n\s+x: 300/);
    expect(await readFile(team, 'utf8')).toContain('C3: { x: 99, y: 20 }');
    expect((saved.data as Data).layout?.positions).toEqual(moved.layout?.positions);
  });
});

describe('links (S6)', () => {
  it('writes through a linked model to its target, and the link stays a link', async () => {
    const real = path.join(dir, 'real.yaml');
    await writeFile(real, MODEL);
    const link = path.join(dir, 'linked.yaml');
    await symlink('real.yaml', link);
    const store = new ModelStore(link);
    const snap = await store.read();
    await store.save(snap.version, edit(snap.data, rename));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real.yaml');
    expect(await readFile(real, 'utf8')).toContain('name: Shop 2');
  });

  it('writes through a linked include inside the folder', async () => {
    await mkdir(path.join(dir, 'teams'));
    const real = path.join(dir, 'teams', 'data.yaml');
    await writeFile(real, 'components:\n  - id: C3\n    name: DB\n    kind: datastore\n');
    await symlink('teams/data.yaml', path.join(dir, 'team.yaml'));
    await writeFile(file, withInclude('team.yaml'));
    const store = new ModelStore(file);
    const snap = await store.read();
    await store.save(snap.version, edit(snap.data, (d) => {
      d.components = d.components.map((c) => (c.id === 'C3' ? { ...c, name: 'Ledger' } : c));
    }));
    expect((await lstat(path.join(dir, 'team.yaml'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toContain('name: Ledger');
  });
});

describe('hostile models and clients (C9, S7)', () => {
  it('opens an alias-bomb model with its issue instead of failing', async () => {
    const bomb = ['threatwright: 1', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    await writeFile(file, `${bomb.join('\n')}\nsystem: { name: Bomb }\n`);
    const snap = await new ModelStore(file).read();
    expect(snap.valid).toBe(false);
    expect(snap.issues.length).toBeGreaterThan(0);
  });

  it('saves a model with as many aliases as the loader allows (200)', async () => {
    const tags = Array.from({ length: 200 }, () => '      - *common').join('\n');
    const withAnchor = MODEL.replace('    kind: process\n', `    kind: process\n    tags:\n${tags}\n`).replace('  name: Shop   # the public name\n', '  name: Shop   # the public name\n  description: &common shared\n');
    await writeFile(file, withAnchor);
    const store = new ModelStore(file);
    const snap = await store.read();
    expect(snap.valid).toBe(true);
    const saved = await store.save(snap.version, edit(snap.data, rename));
    expect(saved.valid).toBe(true);
    const after = await readFile(file, 'utf8');
    expect(after).toContain('name: Shop 2 # the public name');
    expect((saved.data as { components: { tags?: string[] }[] }).components[1]?.tags).toEqual(Array(200).fill('shared'));
  });

  it('releases the subscription of an event-stream client that disconnects at once', async () => {
    let watching = 0;
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store = {
      read: async () => {
        await slow;
        return { version: 'v1' } as ModelSnapshot;
      },
      watch: (_fn: (v: string) => void) => {
        watching++;
        return () => {
          watching--;
        };
      },
    } as unknown as ModelStore;
    const a = createApp({ store, token: 't', hosts: () => ['127.0.0.1:1'] });
    const res = await a.request('/api/events', { headers: { host: '127.0.0.1:1', [TOKEN_HEADER]: 't' } });
    await res.body?.cancel();
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(watching).toBe(0);
  });

  it('ends open event streams when the server shuts down', async () => {
    let watching = 0;
    const store = {
      read: () => Promise.resolve({ version: 'v1' } as ModelSnapshot),
      watch: () => {
        watching++;
        return () => {
          watching--;
        };
      },
    } as unknown as ModelStore;
    const shutdown = new AbortController();
    const a = createApp({ store, token: 't', hosts: () => ['127.0.0.1:1'], shutdown: shutdown.signal });
    const res = await a.request('/api/events', { headers: { host: '127.0.0.1:1', [TOKEN_HEADER]: 't' } });
    const reader = res.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(JSON.parse(first.split('data: ')[1] ?? '{}') as ServerEvent).toEqual({ type: 'hello', version: 'v1' });
    expect(watching).toBe(1);
    shutdown.abort();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
    }
    expect(watching).toBe(0);
  });
});
