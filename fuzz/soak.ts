/**
 * The data-loss soak: random edit sequences through the editor's API and the CLI's writer, each
 * raced by an external program that changes the same files at a random moment. After every step
 * the model must load with no error, every comment must survive, every external change must still
 * be there (nothing overwritten), and every edit the writer was told succeeded must be there
 * (nothing dropped). A refused save (409 from the server, exit 3 from the CLI) is fine: the writer
 * reads the files again and retries, as the editor's merge and the CLI's "run it again" do.
 *
 * `fuzz/soak.test.ts` runs 100 sequences in `npm test`; `npm run soak -- --sequences N` runs more.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadModel } from '@threatwright/core';
import { rng } from '../bench/synthetic.js';
import { createApp, ModelStore, TOKEN_HEADER, type ModelSnapshot } from '@threatwright/server';
import { includeReader } from '@threatwright/server/model-files';
import { UserError } from '../packages/cli/src/errors.js';
import { ExitCode } from '../packages/cli/src/exit-codes.js';
import { readForUpdate, writeFileAtomic } from '../packages/cli/src/files.js';

const ROOT_MODEL = `# Soak model: every comment here must survive
threatwright: 1
include: [team.yaml]
system:
  name: Soak   # keep: system comment
components:
  # keep: before the first component
  - id: C1
    name: Browser
    kind: external-entity
  - id: C2
    name: API   # keep: trailing comment
    kind: process
flows:
  - { id: F1, from: C1, to: C2, protocol: https }   # keep: flow comment
`;
const TEAM = `# keep: team file header
components:
  - id: C3
    name: Orders DB   # keep: team comment
    kind: datastore
`;
const COMMENTS = ['# keep: system comment', '# keep: before the first component', '# keep: trailing comment', '# keep: flow comment', '# keep: team file header', '# keep: team comment'];

export interface SoakResult {
  sequences: number;
  steps: number;
  /** Writes the writer was told succeeded. */
  saves: number;
  /** Writes refused because the files changed meanwhile (then retried). */
  conflicts: number;
  externalEdits: number;
  /** Steps after which something was lost or broken; each described. */
  losses: string[];
}

interface Component {
  id: string;
  name: string;
  kind: string;
}

/** Inserts a component into a file's `components:` list the way a person's editor would: read, change, write. */
function externalEdit(file: string, id: string): void {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('components:\n');
  if (at < 0) throw new Error(`no components list in ${file}`);
  const end = at + 'components:\n'.length;
  writeFileSync(file, `${text.slice(0, end)}  - id: ${id}\n    name: External ${id}\n    kind: process\n${text.slice(end)}`);
}

function loadAll(file: string): { components: Component[]; problems: string[] } {
  const reader = includeReader({ root: file });
  const result = loadModel({ file: 'threatmodel.yaml', text: readFileSync(file, 'utf8') }, { readFile: reader.readFile });
  const problems = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}: ${i.message}`);
  return { components: (result.model?.components ?? []), problems };
}

/** Runs `sequences` random sequences of `steps` steps each. */
export async function runSoak(options: { sequences: number; steps?: number; seed?: number }): Promise<SoakResult> {
  const out: SoakResult = { sequences: options.sequences, steps: 0, saves: 0, conflicts: 0, externalEdits: 0, losses: [] };
  const steps = options.steps ?? 8;
  // Seeded, so a failing sequence can be run again.
  const rand = rng(options.seed ?? 1);
  for (let s = 0; s < options.sequences; s++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-soak-'));
    try {
      await sequence(dir, s, steps, rand, out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

async function sequence(dir: string, s: number, steps: number, rand: () => number, out: SoakResult): Promise<void> {
  const file = path.join(dir, 'threatmodel.yaml');
  const team = path.join(dir, 'team.yaml');
  writeFileSync(file, ROOT_MODEL);
  writeFileSync(team, TEAM);
  const app = createApp({ store: new ModelStore(file), token: 't', hosts: () => ['127.0.0.1:1'] });
  const headers = { host: '127.0.0.1:1', [TOKEN_HEADER]: 't', 'content-type': 'application/json' };
  /** What must be in the model after each step: component id -> name. */
  const expected = new Map<string, string>([
    ['C1', 'Browser'],
    ['C2', 'API'],
    ['C3', 'Orders DB'],
  ]);
  let externals = 0;

  const race = (): Promise<void> => {
    const id = `X${s}n${externals++}`;
    const target = rand() < 0.7 ? file : team;
    const delay = Math.floor(rand() * 6);
    out.externalEdits++;
    expected.set(id, `External ${id}`);
    return new Promise((resolve) => {
      const go = () => {
        externalEdit(target, id);
        resolve();
      };
      if (delay === 0) setImmediate(go);
      else setTimeout(go, delay);
    });
  };

  for (let step = 0; step < steps; step++) {
    out.steps++;
    const viaCli = rand() < 0.3;
    const which = ['C1', 'C2', 'C3'][Math.floor(rand() * 3)] ?? 'C1';
    const name = `Edited ${s}.${step}`;
    const external = rand() < 0.8 ? race() : Promise.resolve();
    let done = false;
    for (let attempt = 0; attempt < 20 && !done; attempt++) {
      if (viaCli) {
        // The CLI's way: read for update, change the text, write atomically against the stamp.
        const owner = which === 'C3' ? team : file;
        const { text, stamp } = await readForUpdate(owner);
        const re = new RegExp(`(- id: ${which}\\n\\s+name: )[^#\\n]*?(\\s*(#[^\\n]*)?\\n)`);
        const next = text.replace(re, `$1${name}$2`);
        try {
          await writeFileAtomic(owner, next, { expect: stamp });
          done = true;
        } catch (err) {
          if (!(err instanceof UserError) || err.exitCode !== ExitCode.conflict) throw err;
          out.conflicts++;
        }
      } else {
        const snap = (await (await app.request('/api/model', { headers })).json()) as ModelSnapshot;
        const data = structuredClone(snap.data) as { components: Component[] };
        data.components = data.components.map((c) => (c.id === which ? { ...c, name } : c));
        const res = await app.request('/api/model', { method: 'PUT', headers, body: JSON.stringify({ baseVersion: snap.version, model: data }) });
        if (res.status === 200) done = true;
        else if (res.status === 409) out.conflicts++;
        else throw new Error(`save answered ${res.status}: ${await res.text()}`);
      }
    }
    await external;
    if (!done) {
      out.losses.push(`sequence ${s} step ${step}: the edit was refused 20 times in a row`);
      continue;
    }
    out.saves++;
    expected.set(which, name);

    const now = loadAll(file);
    const texts = readFileSync(file, 'utf8') + readFileSync(team, 'utf8');
    const lost: string[] = [...now.problems];
    for (const c of COMMENTS) if (!texts.includes(c)) lost.push(`comment "${c}" is gone`);
    const names = new Map(now.components.map((c) => [c.id, c.name]));
    for (const [id, want] of expected) {
      const got = names.get(id);
      if (got !== want) lost.push(`${id} is ${got === undefined ? 'missing' : `named "${got}"`}, expected "${want}"`);
    }
    if (names.size !== expected.size) lost.push(`${names.size} components, expected ${expected.size}`);
    if (lost.length > 0) {
      out.losses.push(`sequence ${s} step ${step} (${viaCli ? 'CLI' : 'editor'} edit of ${which}): ${lost.join('; ')}`);
      return;
    }
  }
}
