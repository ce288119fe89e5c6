import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, stringify, type Document } from 'yaml';
import { syntheticModel } from '../../../../bench/synthetic.js';
import { loadModel } from './index.js';
import { locateIn, locateInDocument, type LocateOptions, type ModelPath } from './locate.js';
import { buildScanIndex, scanLocate } from './scan-locate.js';
import { parseSource, type SourceFile } from './source.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every path of the document (each key and index), and paths just past them that do not exist. */
function probes(doc: Document.Parsed): ModelPath[] {
  const out: ModelPath[] = [[], ['no-such-section'], [0]];
  const walk = (node: unknown, here: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const at = [...here, String(pair.key.value)];
        out.push(at, [...at, 'no-such-key'], [...at, 0], [...at, 7, 'name']);
        walk(pair.value, at);
      }
      out.push([...here, 'missing'], [...here, 'missing', 'deeper']);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const at = [...here, i];
        out.push(at, [...at, 'id'], [...at, 0]);
        walk(item, at);
      });
      out.push([...here, node.items.length], [...here, 'x'], [...here, -1], [...here, 1.5]);
    }
  };
  walk(doc.contents, []);
  return out;
}

interface Comparison {
  /** Paths where the scanner and the document disagree (must stay empty). */
  wrong: string[];
  /** Paths the scanner left to the document. */
  unanswered: string[];
  answered: number;
}

/** Compares the line scanner with the positioned document on every probe path of `text`. */
function compare(file: string, text: string): Comparison {
  const parsed = parseSource({ file, text });
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issue.message}`);
  const source = parsed.source;
  if (source.built) throw new Error(`${file} is not read on the fast path`);
  const index = buildScanIndex(source.text);
  const result: Comparison = { wrong: [], unanswered: [], answered: 0 };
  const options: LocateOptions[] = [{}, { key: true }];
  for (const p of probes(source.doc)) {
    for (const o of options) {
      const expected = locateInDocument(source, p, o);
      const scanned = index ? scanLocate(index, p, o) : undefined;
      const name = `${file} ${JSON.stringify(p)}${o.key ? ' (key)' : ''}`;
      if (!scanned) result.unanswered.push(name);
      else {
        result.answered++;
        if (expected?.line !== scanned.line || expected.column !== scanned.column) result.wrong.push(`${name}: scanned ${scanned.line}:${scanned.column}, document ${expected?.line ?? '?'}:${expected?.column ?? '?'}`);
      }
    }
  }
  return result;
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const f of yamlFilesUnder(full)) out.push(f);
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Fast-path files only: the scanner is never asked about text the fast reader refused. */
function readsFast(text: string): boolean {
  const parsed = parseSource({ file: 'x.yaml', text });
  return parsed.ok && !parsed.source.built;
}

describe('finding positions by reading lines', () => {
  it('answers every path of every example model, exactly as the positioned document does', () => {
    const dir = path.join(repo, 'examples');
    const files = readdirSync(dir).map((d) => path.join(dir, d, 'threatmodel.yaml')).filter((f) => statSync(path.dirname(f)).isDirectory());
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const r = compare(path.relative(repo, file), readFileSync(file, 'utf8'));
      expect(r.wrong).toEqual([]);
      expect(r.unanswered).toEqual([]);
      expect(r.answered).toBeGreaterThan(100);
    }
  });

  it('agrees with the positioned document on every YAML fixture of the packages', () => {
    const files = yamlFilesUnder(path.join(repo, 'packages')).filter((f) => readsFast(readFileSync(f, 'utf8')));
    expect(files.length).toBeGreaterThanOrEqual(15);
    let answered = 0;
    for (const file of files) {
      const r = compare(path.relative(repo, file), readFileSync(file, 'utf8'));
      expect(r.wrong).toEqual([]);
      answered += r.answered;
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('answers every path of a synthetic model, in the default and the compact sequence style', () => {
    const model = syntheticModel(50);
    for (const [name, text] of [['default', stringify(model)], ['compact', stringify(model, { indentSeq: false })], ['unfolded', stringify(model, { lineWidth: 0 })]] as const) {
      const r = compare(`synthetic-${name}.yaml`, text);
      expect(r.wrong).toEqual([]);
      expect(r.unanswered).toEqual([]);
      expect(r.answered).toBeGreaterThan(10_000);
    }
  });
});

/** Hand-written YAML the scanner must follow; each is read on the fast path. */
const TRICKY: Record<string, string> = {
  comments: `# leading comment
threatwright: 1 # trailing
# between

system:   # after a key
  # inside
  name: Shop  # c
    # an oddly indented comment
# at column 0 inside a mapping
  description: text#not-a-comment
components:
# at column 0 inside a list
  - id: C1 # c
    # c
    name: Web
  -   # a comment after the dash
    id: C2
    name: "Api" # c
  - # another
    - nested
    -   deeper
  -
    # before the mapping
    id: C3
`,
  'quoted keys': `"threatwright": 1
'system':
  "name": 'It''s'
  'de''sc': "x"
  "with: colon": 1
  'hash #key': 2
  "spaced"   : 3
  key with spaces  : 4
components:
  - "id": C1
    'name': a
  - { "id": C2, 'name': b, 'say ''hi''': c }
`,
  'multi-line quoted scalars with lookalike lines': `system:
  name: "Shop
    key: x
    - y"
  description: 'first
    line: two

    - three # not a comment'
  owner: plain
components:
  - "multi
    - line: item"
  - id: C2
    name: "a \\" b
      c: d
     # e"
    kind: process
  -   'single ''quoted''
     name: lookalike'
  - id: C4
`,
  'multi-line plain scalars with lookalike lines': `system:
  name: Shop
    - not an item
    key:x
  description:
    a plain scalar
    - y
    "not quoted
  owner: team # ends here
components:
- first item
  - continued
  'still plain
- id: C2
  name: two
    lines
- three
`,
  'block scalars with lookalike lines': `system:
  description: |
    key: value
    - item
    "quoted
    # not a comment
      more: indented

  notes: >-
    folded: text

    - more
  name: Shop
components:
  - |
    id: C9
  - id: C1
    text: |+
      a: b

    kind: process
  - id: C3
    body: |-
        deep
    after: x
last: |
  the end`,
  'flow sequences and mappings': `system: { name: Shop, tags: [a, "b, c", 'd'] }
components:
  - id: C1
    tags: [ one , "two" ,three ]
    data: []
    nested: [[a, b], [c, [d]], {}]
    map: {x: 1, "y": [2, 3], z: { deep: true } }
    urls: [http://x.example/a, 'it''s', "q\\"x"]
    trailing: [a, b, ]
  - [p, q]
  - {}
`,
  'compact sequences': `components:
- id: C1
  tags:
  - a
  - b
  props:
    list:
    - x
    - - y
      - z
    after: 1
- id: C2
  data:
  -
    deep: 1
  - id: x
    more:
    - 1
`,
  'sequences in sequences': `- - a
  - b
- - - c
    - d
  - e
-   - f
    -  g:  1
       h: 2
`,
  'document start': `--- # the model
threatwright: 1
system:
  name: x
`,
  'document start alone': `# yaml-language-server: $schema=x
---
threatwright: 1
`,
  'keys that look like other types': `200: ok
"404": nf
true: yes
null: n
0: zero
-1: minus
1.5: float
0x1F: hex
-key: dash
.well-known: dot
`,
  'keys with colons and hashes': `http://x: 1
a#b: 2
key : spaced
key:: double
"a:b": 3
::x: 4
`,
  'trailing spaces': 'threatwright: 1   \nsystem:   \n  name: Shop   \n  tags:   \n    - a   \n    -   b   \ncomponents:  \n  -   \n    id: C1   \n',
  'no final newline': 'threatwright: 1\nsystem:\n  name: Shop\n  description: >\n    folded',
  'four-space indentation': `system:
    name: Shop
    owner:
        team: web
        people:
            -   name: Ann
                role: lead
            -   name: Bo
components:
    -   id: C1
        tags:
            - a
`,
  'unicode': `system:
  name: "Café ☕ 𝒳"
  "𝒳 key": 𝒳 value
  ключ: значение
components:
  - { id: 𝒳, name: "😀" }
`,
  'an indented root': `  threatwright: 1
  system:
    name: x
`,
  'values on the next line': `system:
  name:
    Shop
  description:
    "quoted
    on two lines"
  owner:
    [a, b]
  tags:

    - a
components:
  -
    - x
`,
  'a flow root': '{ "threatwright": 1, "system": { "name": "Shop", "tags": ["a", "b"] }, "components": [{ "id": "C1" }] }',
};

describe('the scanner on hand-written YAML', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    it(`gives the document's positions: ${name}`, () => {
      expect(readsFast(text)).toBe(true);
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const r = compare(`${name}.yaml`, variant);
        expect(r.wrong).toEqual([]);
        // Keys such as `1.5` or `0x1F` are numbers whose printed form differs from the text: left to the document.
        if (name === 'keys that look like other types') expect(r.answered).toBeGreaterThan(20);
        else expect(r.unanswered).toEqual([]);
      }
    });
  }
});

/** YAML the scanner leaves to the document: it must say so rather than guess. */
const GIVE_UP: Record<string, { text: string; path: ModelPath }> = {
  anchors: { text: 'system:\n  name: &n Shop\n  owner: *n\n', path: ['system', 'name'] },
  tags: { text: 'system:\n  name: !!str 12\n', path: ['system', 'name'] },
  'complex keys': { text: '? system\n: name: Shop\n', path: ['system', 'name'] },
  'empty values': { text: 'system:\n  name:\n  owner: x\n', path: ['system', 'name'] },
  'an empty sequence entry': { text: 'tags:\n-\n- a\n', path: ['tags', 0] },
  'flow sequences across lines': { text: 'system:\n  tags: [a,\n    b]\n', path: ['system', 'tags', 1] },
  'JSON across lines': { text: '{\n  "system": {\n    "name": "Shop"\n  }\n}\n', path: ['system', 'name'] },
  directives: { text: '%YAML 1.2\n---\nsystem:\n  name: Shop\n', path: ['system', 'name'] },
  'a document end marker': { text: 'system:\n  name: Shop\n...\n', path: ['system', 'name'] },
  'an indentation indicator': { text: 'system:\n  notes: |2\n     text\n  name: Shop\n', path: ['system', 'name'] },
  'a tab after a colon': { text: 'system:\n  name:\tShop\n', path: ['system', 'name'] },
  'escapes in a quoted key': { text: 'system:\n  "na\\u006de": Shop\n', path: ['system', 'name'] },
  'a lone carriage return': { text: 'system:\r  name: Shop\n', path: ['system', 'name'] },
  // js-yaml reads quoted scalars and flow collections that continue at or left of their key's
  // column; the yaml library calls them errors, so the scanner does not guess either.
  'a quoted scalar continuing at its key column': { text: 'system:\n  name: "Shop\n  owner: x"\nother: 1\n', path: ['other'] },
  'a quoted scalar continuing left of its key': { text: 'system:\n  name: "Shop\nother: x"\nthird: 1\n', path: ['third'] },
  'a flow sequence continuing at its key column': { text: 'system:\n  tags: [a,\n  b]\nother: 1\n', path: ['other'] },
};

describe('where the scanner gives up', () => {
  for (const [name, { text, path: p }] of Object.entries(GIVE_UP)) {
    it(`leaves ${name} to the positioned document`, () => {
      const parsed = parseSource({ file: 'x.yaml', text });
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const index = buildScanIndex(parsed.source.text);
      expect(index && scanLocate(index, p)).toBeUndefined();
      // locateIn still answers, through the document.
      const expected = locateInDocument(parsed.source, p);
      expect(locateIn(parsed.source, p)).toEqual(expected);
    });
  }
});

/** A small seeded generator, so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['id', 'name', 'with space', 'x: y', '- z', '#h', "it's", '"q"', '200', 'true', 'key:', 'a#b', 'ü', 'tags', 'data', '-1', 'null', '[x]', '{y}', '&a', '*b', '!c', '|', '>', '? q', 'long key that is quite long indeed'];
const STRINGS = ['plain', 'two words', 'key: value', '- item', '# hash', 'a #b', "it's", 'say "hi"', 'line one\nline two', 'first\n  key: x\n- y\n', 'trailing space ', ' leading', '', '123', 'true', 'null', '[a, b]', '{a: 1}', '&anchor', '*alias', '!tag', '|', '> folded', 'tab\there', 'back\\slash', 'é ☕ 𝒳', 'a: b: c', '"', "'", 'x'.repeat(30), 'word '.repeat(30), 'key: x - y # z '.repeat(8), 'ends with newline\n', '\n\nblank lines\n\n', '---', '...'];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const r = next();
  if (depth > 0 && r < 0.3) {
    const out: Record<string, unknown> = {};
    const n = Math.floor(next() * 5);
    for (let i = 0; i < n; i++) out[pick(KEYS)] = randomValue(next, depth - 1);
    return out;
  }
  if (depth > 0 && r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth - 1));
  if (r < 0.62) return Math.floor(next() * 2000) - 1000;
  if (r < 0.66) return next() < 0.5;
  if (r < 0.68) return null;
  return pick(STRINGS);
}

describe('the scanner on generated YAML', () => {
  it('never disagrees with the positioned document, whatever style the YAML is written in', () => {
    const next = random(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    let answered = 0;
    let files = 0;
    for (let i = 0; i < 400; i++) {
      const value = { threatwright: 1, system: randomValue(next, 3), components: Array.from({ length: 3 }, () => randomValue(next, 4)) };
      const text = stringify(value, {
        indent: pick([2, 3, 4]),
        indentSeq: next() < 0.5,
        lineWidth: pick([0, 20, 40, 80]),
        minContentWidth: pick([0, 10, 20]),
        defaultStringType: pick(['PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const),
        defaultKeyType: pick([null, null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const),
        collectionStyle: pick(['any', 'any', 'block', 'flow'] as const),
        flowCollectionPadding: next() < 0.5,
        doubleQuotedAsJSON: next() < 0.3,
        blockQuote: pick([true, false, 'literal', 'folded'] as const),
        nullStr: pick(['null', '~']),
      });
      const variant = next() < 0.2 ? text.replace(/\n/g, '\r\n') : next() < 0.2 ? `--- # doc\n${text}` : text;
      if (!readsFast(variant)) continue;
      files++;
      const r = compare(`generated-${i}.yaml`, variant);
      expect(r.wrong).toEqual([]);
      answered += r.answered;
    }
    expect(files).toBeGreaterThan(200);
    expect(answered).toBeGreaterThan(20_000);
  });
});

/** Odd or doubtful YAML, some of it refused by js-yaml: whatever is read on the fast path must never get a wrong position. */
const ODD = [
  'a: "x\n\n  y"\nb: 1\n',
  'a: "x\\\n  y"\nb: 1\n',
  "a: 'x\n\n  ''y'''\nb: 1\n",
  'a: [x, "y\n  z"]\nb: 1\n',
  'a: {x: 1,\n  y: 2}\nb: 1\n',
  'a: [\n  ]\nb: 1\n',
  '- foo\n bar\n- baz\n',
  'key:\n    foo\n  bar\nnext: 1\n',
  'a: foo\n  # c\n  bar\nb: 1\n',
  'a: foo\n\n  bar\nb: 1\n',
  'a:\n  - x\n  # c\n  - y\nb: 1\n',
  'a: |\n  x\n # c\nb: 1\n',
  'a: |\n\n\n  x\nb: 1\n',
  'a: >\n x\n\n\nb: 1\n',
  'a: |-\n\nb: 1\n',
  'a: |\n  x\n    y\n  z\nb: 1\n',
  'a: "x" # c\nb: 1\n',
  'a: "x"# c\nb: 1\n',
  'a:  \t\n  b: 1\n',
  'a: b\t# c\nc: 1\n',
  'a:\t\n  b: 1\n',
  '- \tx\n- y\n',
  'a: b #c: d\ne: 1\n',
  '"a" : 1\n"b":2\n',
  'a: -1\nb: - 1\n',
  'a:\n- b\n-c\n',
  '  # c\nkey: 1\n',
  'key: 1\n  # c indented\nnext: 2\n',
  'a:\n  - b: 1\n    c: 2\n  - d\n',
  'a: x\u2028y\nb: 1\n',
  'a: x\u0085y\nb: 1\n',
  'a: x\u00a0\nb: 1\n',
  'a: 1\n\t\nb: 2\n',
  'a: "x\n\ty"\nb: 1\n',
  'a: x\n\tb\nc: 1\n',
  'k: [a, b] # c\nl: {x: [1, {y: 2}]}\n',
  'k: [ "a]", b ]\nl: 1\n',
  "k: [ 'a'', b', c ]\nl: 1\n",
  'k: {a: [1, 2], b}\nl: 1\n',
  'k: {"a":1,"b":[2,3]}\nl: 1\n',
  'k: {a:1}\nl: 1\n',
  'k: [a,b,c]\nl: [ ]\nm: { }\n',
  'a: >+\n  x\n\n',
  '- - - a\n    - b\n  - c\n- d\n',
  'a:\n- b\nc:\n- d\n',
  '- a\n  - b\n',
  '- a:\n  b: 1\n',
  'a: b\n  c\nd: 1\n',
  'a:   "b"   \nc: d\n',
  'k: "a\\"\n  b"\nl: 1\n',
  'k: "a\\\\"\nl: 1\n',
  "k: 'a\\'\nl: 1\n",
  'a:\n  b:\n    - c\n    -   d: 1\n        e: [x]\n  f: 2\n',
  'a: 1\nb:\n  # only a comment\nc: 2\n',
  'a:\n\n\n  b: 1\n',
  'a: b:c\nd: e\n',
  'a: "b": c\n',
  '- "x":\n    y: 1\n',
  '-\n  -\n    a: 1\n',
  'a: [b, c]\n  # c\nd: 1\n',
  'a: "multi\n  line" # c\nb: 1\n',
  'a: - b\n',
  'a: [b\n, c]\nd: 1\n',
  'a:\n  b\n  c: d\n',
  '? a\n: b\n',
  'a: b\n---\nc: d\n',
  'a: b\n---\n',
  '--- a: b\n',
  '---\n---\n',
  'a: |\n\tx\nb: 1\n',
  'a: b # c\n  d\n',
  "a: 'b' 'c'\n",
  'a: [b] [c]\n',
  'a: "b" \\\n',
];

describe('the scanner on odd YAML', () => {
  it('never gives a position the positioned document would not', () => {
    let fast = 0;
    for (const [i, text] of ODD.entries()) {
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        if (!readsFast(variant)) continue;
        fast++;
        expect(compare(`odd-${i}.yaml`, variant).wrong).toEqual([]);
      }
    }
    expect(fast).toBeGreaterThan(60);
  });
});

describe('finding positions in one-line flow collections', () => {
  it('answers every path of a model written as one line of JSON, each collection read once and reused for every later lookup', () => {
    const text = JSON.stringify(syntheticModel(50));
    const r = compare('synthetic.json', text);
    expect(r.wrong).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(r.answered).toBeGreaterThan(10_000);
    const index = buildScanIndex(text);
    if (!index) throw new Error('not indexed');
    // Entering the same collections again, in another order, gives the same answers from what was read.
    const paths: ModelPath[] = [['components', 40, 'properties'], ['components', 3, 'name'], ['flows', 99, 'to'], ['components', 40, 'name']];
    const first = paths.map((p) => scanLocate(index, p));
    const read = index.flows.size;
    expect([...paths].reverse().map((p) => scanLocate(index, p))).toEqual([...first].reverse());
    expect(index.flows.size).toBe(read);
  });

  it('reads the keys of each block mapping once, so a lookup past a long list does not walk the list again', () => {
    const text = stringify(syntheticModel(300));
    const index = buildScanIndex(text);
    if (!index) throw new Error('not indexed');
    const flows = Array.from({ length: 50 }, (_, i): ModelPath => ['flows', i * 7, 'from']);
    const first = flows.map((p) => scanLocate(index, p));
    const read = index.maps.size;
    // The root's keys were read once; the same lookups again read nothing new and agree.
    expect(flows.map((p) => scanLocate(index, p))).toEqual(first);
    expect(index.maps.size).toBe(read);
    const parsed = parseSource({ file: 'x.yaml', text });
    if (!parsed.ok) throw new Error('not parsed');
    expect(flows.map((p) => locateInDocument(parsed.source, p))).toEqual(first.map((at) => ({ file: 'x.yaml', ...at })));
  });

  it('stops where a flow mapping has an empty value or a key it cannot read, as the walk did', () => {
    for (const [text, path, expected] of [
      ['{a: , b: 1}', ['b'], undefined],
      ['{a: 1, b: 2}', ['b'], { line: 1, column: 11 }],
      ['{a: 1, b: 2}', ['c'], { line: 1, column: 1 }],
      ['[1, 2, 3]', [2], { line: 1, column: 8 }],
      ['[1, 2, 3]', [5], { line: 1, column: 1 }],
      ['[1, a: b, 3]', [2], undefined],
    ] as const) {
      const index = buildScanIndex(text);
      if (!index) throw new Error(text);
      const parsed = parseSource({ file: 'x.yaml', text });
      const at = scanLocate(index, path);
      expect(at, `${text} ${JSON.stringify(path)}`).toEqual(expected);
      if (at && parsed.ok) expect(locateInDocument(parsed.source, path)).toMatchObject(at);
    }
  });
});

describe('loading a large model', () => {
  it('places its warnings without building the positioned document', () => {
    const model = syntheticModel(2000);
    model.components = [...(model.components ?? []), { id: 'LONELY', name: 'Lonely', kind: 'process', type: 'service' }];
    const text = stringify(model);
    const loaded = loadModel({ file: 'big.yaml', text });
    const lonely = loaded.issues.find((i) => i.code === 'component-without-flows' && i.subject === 'LONELY');
    const source = loaded.sources[0] as SourceFile;
    expect(source.built).toBe(false);
    const lines = text.split('\n');
    const line = lines.indexOf('  - id: LONELY') + 1;
    expect(line).toBeGreaterThan(0);
    expect(lonely?.location).toEqual({ file: 'big.yaml', line, column: 5 });
    // The same places as through the document, for every issue.
    const located = loaded.issues.map((i) => i.location);
    expect(located.length).toBeGreaterThan(1);
    expect(loaded.issues.map((i) => locateInDocument(source, i.path, { key: i.code === 'unknown-key' }))).toEqual(located);
    expect(source.built).toBe(true);
  });
});
