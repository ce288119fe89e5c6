import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, load } from './test-helpers.js';
import { loadModel } from './index.js';
import { parseSource } from './source.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

/** Runs `f`, failing if it takes longer than `ms` (hostile input must be refused quickly). */
function quickly<T>(ms: number, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  expect(performance.now() - t0).toBeLessThan(ms);
  return r;
}

describe('parsing hostile or broken input', () => {
  it('reports a syntax error once, at the opening quote that is never closed', () => {
    const r = load(fixture('broken/parse/syntax-error.yaml'));
    expect(r.model).toBeUndefined();
    expect(lines(r.issues)).toEqual(['✖ YAML syntax error: this double-quoted text is never closed  → threatmodel.yaml:3:9']);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const r = load(fixture('broken/parse/duplicate-key.yaml'));
    expect(lines(r.issues)).toEqual(['✖ duplicate key `name`: it already appears earlier in this mapping (line 3)  → threatmodel.yaml:5:3']);
  });

  it('reports a duplicate key in JSON too', () => {
    const r = load('{"threatwright": 1, "system": {"name": "a", "name": "b"}}', {}, 'model.json');
    expect(lines(r.issues)).toEqual(['✖ duplicate key `name`: it already appears earlier in this mapping (line 1)  → model.json:1:45']);
  });

  it('refuses a YAML alias bomb quickly, pointing at the first alias', () => {
    const r = quickly(2000, () => load(fixture('broken/parse/alias-bomb.yaml')));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.code).toBe('too-many-aliases');
    expect(r.issues[0]?.location).toEqual({ file: 'threatmodel.yaml', line: 4, column: 8 });
  });

  it('reads aliases that stay small, through the positioned parser', () => {
    const r = load('threatwright: 1\nsystem: { name: Shop, owner: &team web-team }\ncomponents:\n  - { id: C1, name: A, kind: process, owner: *team, properties: &p { internet_facing: true } }\n  - { id: C2, name: B, kind: process, properties: *p }\n');
    expect(r.model?.components?.[1]?.properties).toEqual({ internet_facing: true });
    expect(r.model?.components?.[0]?.owner).toBe('web-team');
  });

  it('refuses tabs used as indentation and a second document', () => {
    expect(lines(load(fixture('broken/parse/tabs.yaml')).issues)).toEqual(['✖ YAML syntax error: tabs are not allowed as indentation  → threatmodel.yaml:3:1']);
    expect(lines(load(fixture('broken/parse/two-documents.yaml')).issues)).toEqual(['✖ the file holds more than one YAML document (a second `---`)  → threatmodel.yaml:3:1']);
  });

  it('refuses a binary file with one error', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const r = loadModel({ file: 'logo.png', text: png });
    expect(lines(r.issues)).toEqual(['✖ this is a binary file, not a YAML or JSON model (it contains a NUL byte)  → logo.png:3:1']);
  });

  it('refuses text that is not UTF-8, naming the byte and where it is', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('threatwright: 1\nsystem: { name: Caf'), 0xe9, ...new TextEncoder().encode(' }\n')]);
    const r = loadModel({ file: 'cafe.yaml', text: latin1 });
    expect(lines(r.issues)).toEqual(['✖ the file is not UTF-8 text (invalid byte 0xe9)  → cafe.yaml:2:20']);
  });

  it('reads UTF-8 bytes with a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('threatwright: 1\nsystem: { name: Café }\n')]);
    expect(loadModel({ file: 'a.yaml', text: bytes }).model?.system.name).toBe('Café');
  });

  it('refuses a file above the size limit from its size alone, without decoding it', () => {
    const r = quickly(100, () => loadModel({ file: 'huge.yaml', text: new Uint8Array(0), size: 200 * 1024 * 1024 }));
    expect(lines(r.issues)).toEqual(['✖ the file is 200 MiB, above the 16 MiB limit for a model file  → huge.yaml:1:1']);
    const small = loadModel({ file: 'a.yaml', text: 'threatwright: 1\n'.repeat(100) }, { maxBytes: 1024 });
    expect(small.issues[0]?.code).toBe('file-too-large');
  });

  it.each([
    ['flow sequences', '['.repeat(200_000) + ']'.repeat(200_000)],
    ['flow mappings', '{a: '.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['compact block sequences', '- '.repeat(200_000) + 'x'],
    ['ever deeper indentation', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
    ['brackets after an anchor', 'a: &x ' + '['.repeat(500)],
    ['brackets hidden after a misleading quote', "a: x\n  'y\nb: " + '['.repeat(500)],
  ])('refuses a nesting bomb made of %s quickly, with its location', (_name, text) => {
    const r = quickly(1500, () => load(text));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.code).toBe('nesting-too-deep');
    expect(r.issues[0]?.location?.line).toBeGreaterThan(0);
  });

  it('accepts a deep but reasonable attack tree', () => {
    let node = '{ title: leaf }';
    for (let i = 0; i < 30; i++) node = `{ title: step ${i}, or: [${node}] }`;
    const r = load(`threatwright: 1\nsystem: { name: Shop }\nattack_trees:\n  - { id: AT1, goal: g, root: ${node} }\n`);
    expect(r.issues).toEqual([]);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(lines(load('# nothing here\n').issues)).toEqual(['✖ the file is empty  → threatmodel.yaml:1:1']);
    expect(lines(load('~\n').issues)).toEqual(['✖ a model is a mapping of sections (threatwright, system, components, …), not a single value  → threatmodel.yaml:1:1']);
    expect(lines(load('- a\n- b\n').issues)).toEqual(['✖ a model is a mapping of sections (threatwright, system, components, …), not a list  → threatmodel.yaml:1:1']);
  });

  it('reads JSON and YAML to the same model', () => {
    const yaml = load('threatwright: 1\nsystem: { name: Shop, reviewed_at: 2025-01-02 }\ncomponents:\n  - { id: C1, name: Web, kind: process }\n');
    const json = load(JSON.stringify({ threatwright: 1, system: { name: 'Shop', reviewed_at: '2025-01-02' }, components: [{ id: 'C1', name: 'Web', kind: 'process' }] }), {}, 'm.json');
    expect(json.model).toEqual(yaml.model);
    expect(yaml.model?.system.reviewed_at).toBe('2025-01-02');
  });

  it('builds source positions only when something asks for them', () => {
    const parsed = parseSource({ file: 'a.yaml', text: 'a: 1\nb: [x, y]\n' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual({ a: 1, b: ['x', 'y'] });
    expect(parsed.source.lines.linePos(7)).toEqual({ line: 2, col: 3 });
  });
});
