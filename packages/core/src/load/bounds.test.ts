/**
 * Nesting is counted on what the parser reads, not on bracket characters; every input up to the
 * size limit is answered within seconds and a bounded amount of memory.
 */
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, MAX_SLOW_PARSE_BYTES } from './limits.js';
import { lines, load, model } from './test-helpers.js';

/** A list nested `depth` levels deep (the top mapping counts as one) in flow style, holding one scalar. */
const flowNested = (depth: number): string => model(`x: ${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}\n`);
/** The same in block style: `- ` per level, each on its own, deeper indented line. */
const blockNested = (depth: number): string => {
  const out = ['x:'];
  for (let d = 2; d <= depth; d++) out.push(`${'  '.repeat(d - 2)}  -${d === depth ? ' 1' : ''}`);
  return model(`${out.join('\n')}\n`);
};

describe('nesting, on the parsed structure', () => {
  it.each([
    ['flow', flowNested],
    ['block', blockNested],
  ])('accepts %s nesting of exactly the limit and refuses one level more, where it starts', (_, make) => {
    expect(load(make(MAX_NESTING_DEPTH)).issues.map((i) => i.code)).toEqual(['unknown-key']);
    const r = load(make(MAX_NESTING_DEPTH + 1));
    expect(r.issues.map((i) => i.code)).toEqual(['nesting-too-deep']);
    expect(r.issues[0]?.location?.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses an empty list one level past the limit too', () => {
    const r = load(model(`x: ${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}\n`));
    expect(lines(r.issues)).toEqual([`✖ lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep  → threatmodel.yaml:3:${3 + MAX_NESTING_DEPTH}`]);
  });

  it('does not count brackets inside quoted text, block scalars or comments', () => {
    const brackets = '['.repeat(5000) + '{'.repeat(5000);
    const text = `threatwright: 1
system:
  name: "${brackets} \\" ${brackets}"
  description: '${brackets} '' ${brackets}'
threats:
  - id: T1
    title: Brackets
    description: |
      ${brackets}
  # ${brackets}
`;
    const r = load(text);
    expect(r.issues).toEqual([]);
    expect(r.model?.system.name).toBe(`${brackets} " ${brackets}`);
    expect(r.model?.threats?.[0]?.description).toBe(`${brackets}\n`);
  });

  it('refuses a key named __proto__, which JavaScript would take as the prototype', () => {
    const r = load(model('components:\n  - { id: C1, name: A, kind: process, properties: { "__proto__": { polluted: true } } }\n'));
    expect(r.issues.map((i) => `${i.code} ${i.location?.line ?? 0}`)).toEqual(['reserved-key 4']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('counts nesting through aliases as the readers of the model will see it', () => {
    const deep = `${'['.repeat(MAX_NESTING_DEPTH - 3)}1${']'.repeat(MAX_NESTING_DEPTH - 3)}`;
    const r = load(model(`x: &a ${deep}\ny: [[[[*a]]]]\n`));
    expect(r.issues.map((i) => i.code)).toEqual(['nesting-too-deep']);
  });
});

describe('time and memory', { timeout: 60_000 }, () => {
  /** Runs `f` and returns how long it took and how much the heap grew, in MiB. */
  function cost<T>(f: () => T): { value: T; ms: number; mib: number } {
    const heap = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const value = f();
    return { value, ms: performance.now() - t0, mib: (process.memoryUsage().heapUsed - heap) / 2 ** 20 };
  }

  /** A model of about `bytes` in block style, as people write them. */
  function large(bytes: number): string {
    const out = ['threatwright: 1', 'system: { name: Large }', 'components:'];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const item = `  - id: C${i}\n    name: Component ${i}\n    kind: process\n    type: api\n    tags: [generated, "t${i}"]\n    properties: { mfa: true, rate_limiting: false }`;
      out.push(item);
      size += item.length + 1;
    }
    return `${out.join('\n')}\n`;
  }

  it('reports a syntax error near the end of a 15 MiB model in seconds, at its place', () => {
    const text = large(15 * 2 ** 20);
    const at = text.lastIndexOf('\n  - id: C');
    const broken = `${text.slice(0, at)}\n  - id: [oops\n${text.slice(at)}`;
    const line = broken.slice(0, at + 1).split('\n').length + 1;
    const { value: r, ms, mib } = cost(() => load(broken));
    // The time js-yaml alone takes to read the same text up to the mistake: loading may add little to it
    // (on a busy machine both grow; a positioned document of the whole file took 10 to 40 times as long).
    const { ms: read } = cost(() => {
      try {
        jsyaml.load(broken);
      } catch {
        // the mistake
      }
    });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.code).toBe('yaml-syntax');
    expect(r.issues[0]?.location?.line).toBeGreaterThanOrEqual(line);
    expect(r.issues[0]?.location?.line).toBeLessThanOrEqual(line + 1);
    expect(ms).toBeLessThan(Math.max(5000, 2 * read));
    expect(mib).toBeLessThan(512);
  });

  it('reports a duplicate key in a large model as precisely as in a small one when it comes early', () => {
    const text = large(MAX_SLOW_PARSE_BYTES + 1000).replace('    kind: process\n', '    kind: process\n    name: Again\n');
    const r = load(text);
    expect(lines(r.issues)).toEqual(['✖ duplicate key `name`: it already appears earlier in this mapping (line 5)  → threatmodel.yaml:7:5']);
  });

  it('reports a duplicate key late in a large model from the fast reader, at the second key', () => {
    const text = large(MAX_SLOW_PARSE_BYTES + 1000);
    const at = text.lastIndexOf('    kind: process\n');
    const broken = `${text.slice(0, at)}    name: Again\n${text.slice(at)}`;
    const line = broken.slice(0, at).split('\n').length;
    const r = load(broken);
    expect(r.issues.map((i) => `${i.code} ${i.message} ${i.location?.line ?? 0}`)).toEqual([`duplicate-key duplicate key: it already appears earlier in this mapping ${line}`]);
  });

  it('refuses aliases to lists in a large model with a clear reason', () => {
    const text = large(MAX_SLOW_PARSE_BYTES + 1000).replace('tags: [generated, "t0"]', 'tags: &t [generated]').replace('tags: [generated, "t1"]', 'tags: *t');
    const r = load(text);
    expect(r.issues.map((i) => `${i.code} ${i.location?.line ?? 0}`)).toEqual(['aliases-in-large-file 8']);
  });

  it('reads a 1 MB single-line value of any shape in well under a second each, also once warm', () => {
    const shapes = [
      'x'.repeat(1e6),
      '| '.repeat(5e5),
      '& '.repeat(5e5),
      '&a |'.repeat(2.5e5),
      "'' ".repeat(3e5),
      '- | '.repeat(2.5e5),
      `[${'x, '.repeat(3e5)}]`,
      `"${'\\"['.repeat(3e5)}"`,
    ];
    for (let round = 0; round < 3; round++) {
      for (const shape of shapes) {
        const { ms } = cost(() => load(model(`x: ${shape}\n`)));
        expect(ms).toBeLessThan(3000);
      }
    }
  });
});
