import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines } from './test-helpers.js';
import { locate, loadModel, type LoadOptions } from './index.js';

/** A tiny file system: paths are resolved relative to the including file's folder. */
function files(tree: Record<string, string>): NonNullable<LoadOptions['readFile']> {
  return (ref, from) => {
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
    const parts: string[] = [];
    for (const p of `${dir}${ref}`.split('/')) {
      if (p === '..') parts.pop();
      else if (p !== '.' && p !== '') parts.push(p);
    }
    const file = parts.join('/');
    const text = tree[file];
    return text === undefined ? undefined : { file, text };
  };
}

function loadTree(tree: Record<string, string>, root = 'threatmodel.yaml', options: LoadOptions = {}) {
  return loadModel({ file: root, text: tree[root] ?? '' }, { ...options, readFile: files(tree) });
}

const ROOT = `threatwright: 1
system: { name: Shop }
include:
  - teams/web.yaml
  - teams/data.yaml
components:
  - { id: C1, name: Browser, kind: external-entity }
assets:
  - { id: A1, name: Session }
flows:
  - { id: F1, from: C1, to: C2, data: [A1] }
`;
const WEB = `include: [shared.yaml]
components:
  - { id: C2, name: Web app, kind: process, boundary: B1 }
flows:
  - { id: F2, from: C2, to: C3, data: [A1] }
layout:
  positions:
    C2: { x: 100, y: 0 }
`;
const DATA = `components:
  - { id: C3, name: Orders DB, kind: datastore, boundary: B1 }
layout:
  positions:
    C3: { x: 200, y: 0 }
`;
const SHARED = `boundaries:
  - { id: B1, name: Cloud }
`;
const TREE = { 'threatmodel.yaml': ROOT, 'teams/web.yaml': WEB, 'teams/data.yaml': DATA, 'teams/shared.yaml': SHARED };

describe('include', () => {
  it('concatenates lists root first, then includes depth first in the order written', () => {
    const r = loadTree(TREE);
    expect(r.issues).toEqual([]);
    expect(r.model?.components?.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect(r.model?.flows?.map((f) => f.id)).toEqual(['F1', 'F2']);
    expect(r.model?.boundaries?.map((b) => b.id)).toEqual(['B1']);
    expect(r.model?.layout?.positions).toEqual({ C2: { x: 100, y: 0 }, C3: { x: 200, y: 0 } });
    expect(r.model && 'include' in r.model).toBe(false);
    expect(r.sources.map((s) => s.file)).toEqual(['threatmodel.yaml', 'teams/web.yaml', 'teams/shared.yaml', 'teams/data.yaml']);
  });

  it('locates any path of the merged model in the file that holds it', () => {
    const r = loadTree(TREE);
    expect(locate(r, ['components', 0, 'name'])).toEqual({ file: 'threatmodel.yaml', line: 7, column: 21 });
    expect(locate(r, ['components', 2, 'boundary'])).toEqual({ file: 'teams/data.yaml', line: 2, column: 59 });
    expect(locate(r, ['flows', 1, 'to'])).toEqual({ file: 'teams/web.yaml', line: 5, column: 29 });
    expect(locate(r, ['boundaries', 0])).toEqual({ file: 'teams/shared.yaml', line: 2, column: 5 });
    expect(locate(r, ['layout', 'positions', 'C3', 'x'])).toEqual({ file: 'teams/data.yaml', line: 5, column: 14 });
    expect(locate(r, ['system', 'name'])).toEqual({ file: 'threatmodel.yaml', line: 2, column: 17 });
    expect(locate(r, ['components', 0, 'name'], { key: true })).toEqual({ file: 'threatmodel.yaml', line: 7, column: 15 });
  });

  it('points each semantic error at the file that holds the mistake', () => {
    const r = loadTree({ ...TREE, 'teams/data.yaml': DATA.replace('boundary: B1', 'boundary: B9') });
    expect(lines(r.issues)).toEqual(['✖ C3: boundary "B9" does not exist  → teams/data.yaml:2:59']);
  });

  it('keeps ids unique across files and names the first declaration', () => {
    const r = loadTree({ ...TREE, 'teams/data.yaml': DATA.replace('id: C3', 'id: C1') });
    const dup = r.issues.find((i) => i.code === 'duplicate-id');
    expect(dup && lines([dup])).toEqual(['✖ C1: id "C1" is already used by another component  → teams/data.yaml:2:11']);
    expect(dup?.hint).toContain('First declared at threatmodel.yaml:7:11.');
  });

  it('points schema errors at the included file', () => {
    const r = loadTree({ ...TREE, 'teams/web.yaml': WEB.replace('kind: process', 'kind: proces') });
    expect(lines(r.issues)).toEqual(['✖ C2: unknown kind "proces"; did you mean "process"?  → teams/web.yaml:3:36']);
  });

  it('allows system, questions and the version only in the root', () => {
    const r = loadTree({ ...TREE, 'teams/data.yaml': `threatwright: 1\nsystem: { name: Other }\n${DATA}` });
    expect(lines(r.issues)).toEqual([
      '✖ `threatwright` may appear only in the root model, not in an included file  → teams/data.yaml:1:1',
      '✖ `system` may appear only in the root model, not in an included file  → teams/data.yaml:2:1',
    ]);
  });

  it('reports a missing file and a cycle at the include entry', () => {
    const missing = loadTree({ ...TREE, 'teams/data.yaml': undefined as unknown as string });
    expect(lines(missing.issues)).toEqual(['✖ included file "teams/data.yaml" does not exist  → threatmodel.yaml:5:5']);
    const cycle = loadTree({ ...TREE, 'teams/shared.yaml': `include: [../threatmodel.yaml]\n${SHARED}` });
    expect(lines(cycle.issues)).toEqual(['✖ include cycle: threatmodel.yaml → teams/web.yaml → teams/shared.yaml → threatmodel.yaml  → teams/shared.yaml:1:11']);
    const self = loadTree({ 'threatwright.yaml': '', 'threatmodel.yaml': 'threatwright: 1\nsystem: { name: S }\ninclude: [threatmodel.yaml]\n' });
    expect(lines(self.issues)).toEqual(['✖ include cycle: threatmodel.yaml → threatmodel.yaml  → threatmodel.yaml:3:11']);
  });

  it('reads a file included twice once, with a warning', () => {
    const r = loadTree({ ...TREE, 'teams/data.yaml': `include: [shared.yaml]\n${DATA}` });
    expect(lines(r.issues)).toEqual(['⚠ "shared.yaml" is already included; its content is read once  → teams/data.yaml:1:11']);
    expect(r.model?.boundaries).toHaveLength(1);
  });

  it('reports a single value set in two files, in the later file', () => {
    const r = loadTree({ ...TREE, 'teams/data.yaml': DATA.replace('C3: { x: 200', 'C2: { x: 200') });
    expect(lines(r.issues)).toEqual([
      '✖ `layout.positions.C2.x` is already set in teams/web.yaml  → teams/data.yaml:5:11',
      '✖ `layout.positions.C2.y` is already set in teams/web.yaml  → teams/data.yaml:5:19',
    ]);
  });

  it('reports a syntax error in an included file with that file\'s name', () => {
    const r = loadTree({ ...TREE, 'teams/shared.yaml': 'boundaries:\n  - { id: B1, name: "Cloud }\n' });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.location?.file).toBe('teams/shared.yaml');
  });

  it('says so when includes cannot be read', () => {
    const r = loadModel({ file: 'threatmodel.yaml', text: ROOT });
    expect(lines(r.issues)[0]).toBe('✖ cannot include "teams/web.yaml" here: this loader reads a single file  → threatmodel.yaml:4:5');
  });

  it('refuses absolute paths and URLs, and reports what the reader refuses or fails to read', () => {
    const root = 'threatwright: 1\nsystem: { name: S }\ninclude: [/etc/passwd, "C:\\\\x.yaml", "https://example.test/m.yaml", far.yaml, broken.yaml]\n';
    const r = loadModel({ file: 'threatmodel.yaml', text: root }, {
      readFile: (ref) => {
        if (ref === 'far.yaml') return { file: ref, refused: 'it is outside the project' };
        throw new Error('EIO');
      },
    });
    expect(lines(r.issues)).toEqual([
      '✖ cannot include "/etc/passwd": include paths are relative to the including file  → threatmodel.yaml:3:11',
      '✖ cannot include "C:\\x.yaml": include paths are relative to the including file  → threatmodel.yaml:3:24',
      '✖ cannot include "https://example.test/m.yaml": include paths are relative to the including file  → threatmodel.yaml:3:38',
      '✖ cannot include "far.yaml": it is outside the project  → threatmodel.yaml:3:69',
      '✖ cannot include "broken.yaml": it could not be read  → threatmodel.yaml:3:79',
    ]);
  });

  it('stops at the file limit', () => {
    const tree: Record<string, string> = { 'threatmodel.yaml': 'threatwright: 1\nsystem: { name: S }\ninclude: [f1.yaml]\n' };
    for (let i = 1; i <= 10; i++) tree[`f${i}.yaml`] = `include: [f${i + 1}.yaml]\n`;
    const r = loadTree(tree, 'threatmodel.yaml', { maxFiles: 4 });
    expect(r.issues.map((i) => i.code)).toEqual(['too-many-includes']);
    expect(r.issues[0]?.location?.file).toBe('f3.yaml');
  });
});

describe('include fixture on disk', () => {
  it('loads a root and an included file whose schema lines point at the two JSON Schemas', () => {
    const base = new URL('../../test/fixtures/includes/', import.meta.url);
    const read = (file: string): string => readFileSync(new URL(file, base), 'utf8');
    const r = loadModel({ file: 'threatmodel.yaml', text: read('threatmodel.yaml') }, { readFile: (ref) => ({ file: ref, text: read(ref) }) });
    expect(r.issues).toEqual([]);
    expect(r.model?.flows?.[0]).toMatchObject({ id: 'F1', from: 'C1', to: 'C2' });
    expect(locate(r, ['flows', 0, 'to'])).toEqual({ file: 'teams/web.yaml', line: 5, column: 29 });
  });
});
