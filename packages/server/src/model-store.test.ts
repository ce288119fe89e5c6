import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from './errors.js';
import { ModelStore } from './model-store.js';
import { applyModel } from './yaml-patch.js';

const MODEL = `# Shop model
threatwright: 1
system:
  name: Shop   # the public name
include: [team.yaml]
components:
  # Customers' browsers
  - id: C1
    name: Browser
    kind: external-entity
  - id: C2
    name: API   # Node.js
    kind: process
flows:
  - { id: F1, from: C1, to: C2, protocol: https }
`;
const TEAM = `# Owned by the data team
components:
  - id: C3
    name: Orders DB
    kind: datastore
`;

interface Data {
  system: { name: string };
  components: { id: string; name: string; kind: string; tech?: string }[];
  flows: { id: string; from: string; to: string; encrypted?: boolean }[];
}

let dir: string;
let file: string;
let team: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-store-'));
  file = path.join(dir, 'threatmodel.yaml');
  team = path.join(dir, 'team.yaml');
  await writeFile(file, MODEL);
  await writeFile(team, TEAM);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function edit(data: unknown, change: (d: Data) => void): Data {
  const d = structuredClone(data) as Data;
  change(d);
  return d;
}

describe('ModelStore', () => {
  it('answers from what it loaded while its files read the same, and loads again when one changes on disk', async () => {
    const store = new ModelStore(file);
    const first = await store.read();
    expect(await store.read()).toBe(first);
    await writeFile(team, TEAM.replace('Orders DB', 'Orders database'));
    const changed = await store.read();
    expect(changed.version).not.toBe(first.version);
    expect((changed.data as Data).components.map((c) => c.name)).toContain('Orders database');
    await writeFile(file, MODEL.replace('name: Shop', 'name: Shop 2'));
    const again = await store.read();
    expect(again.version).not.toBe(changed.version);
    expect((again.data as Data).system.name).toBe('Shop 2');
  });

  it('notices an included file that appears where it was missing', async () => {
    await rm(team);
    const store = new ModelStore(file);
    const before = await store.read();
    expect(before.files.map((f) => f.name)).toEqual(['threatmodel.yaml']);
    await writeFile(team, TEAM);
    const after = await store.read();
    expect(after.files.map((f) => f.name)).toEqual(['threatmodel.yaml', 'team.yaml']);
    expect(after.version).not.toBe(before.version);
  });

  it('writes successive edits through the document it keeps, byte for byte as writing each into the file read afresh', async () => {
    await writeFile(file, MODEL.replace('include: [team.yaml]\n', ''));
    const store = new ModelStore(file);
    let snap = await store.read();
    let expected = MODEL.replace('include: [team.yaml]\n', '');
    const edits: ((d: Data) => void)[] = [
      (d) => {
        d.components[1] = { ...d.components[1], name: 'Orders API' } as Data['components'][number];
      },
      (d) => {
        d.components.push({ id: 'C4', name: 'Queue', kind: 'datastore' });
      },
      (d) => {
        d.system.name = 'Shopfront';
        d.flows[0] = { ...d.flows[0], encrypted: true } as Data['flows'][number];
      },
      // Removing an element rewrites the list; the next edit works from that.
      (d) => {
        d.components = d.components.filter((c) => c.id !== 'C1');
        d.flows = [];
      },
      (d) => {
        d.components[0] = { ...d.components[0], tech: 'Go' } as Data['components'][number];
      },
    ];
    for (const change of edits) {
      const next = edit(snap.data, change);
      snap = await store.save(snap.version, next);
      expected = applyModel(expected, next);
      expect(await readFile(file, 'utf8')).toBe(expected);
      expect(snap.data).toEqual(next);
    }
    expect(expected).toContain('  - id: C2\n    name: Orders API # Node.js\n    kind: process\n    tech: Go\n  - id: C4\n    name: Queue\n    kind: datastore\n');
  });

  it('never writes over a change made on disk after a save, and builds the next save on what is there', async () => {
    const store = new ModelStore(file);
    const snap = await store.read();
    const saved = await store.save(snap.version, edit(snap.data, (d) => { d.system.name = 'Shop 2'; }));
    // Another program edits the file the store has just written (and keeps parsed).
    const theirs = (await readFile(file, 'utf8')).replace('kind: external-entity', 'kind: external-entity\n    tech: Firefox');
    await writeFile(file, theirs);
    const refused = store.save(saved.version, edit(saved.data, (d) => { d.system.name = 'Shop 3'; }));
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ status: 409 });
    expect(await readFile(file, 'utf8')).toBe(theirs);
    const current = await store.read();
    await store.save(current.version, edit(current.data, (d) => { d.system.name = 'Shop 3'; }));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('tech: Firefox');
    expect(text).toContain('name: Shop 3 # the public name');
  });

  it('writes an edit to an included element into the file that holds it', async () => {
    const store = new ModelStore(file);
    const snap = await store.read();
    await store.save(snap.version, edit(snap.data, (d) => {
      d.components = d.components.map((c) => (c.id === 'C3' ? { ...c, tech: 'PostgreSQL' } : c));
    }));
    expect(await readFile(team, 'utf8')).toBe(TEAM + '    tech: PostgreSQL\n');
    expect(await readFile(file, 'utf8')).toBe(MODEL);
  });
});
