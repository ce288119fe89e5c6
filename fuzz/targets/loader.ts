/**
 * The model loader on mutated real and generated models, alone (`load`) and spread over included
 * files read through the `readFile` hook (`load:includes`). The contract: a model with no error
 * issues (then analysed), or at least one error issue that says in which file and on which line;
 * never a throw.
 */
import { analyze, loadModel, type IncludeRefusal, type Issue, type LoadResult, type SourceInput } from '@threatwright/core';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { syntheticModel } from '../../bench/synthetic.js';
import { expect, hostileString, mutatedText, seeds, target } from '../harness.js';

const NOW = new Date('2026-01-01T00:00:00Z');

let cached: string[] | undefined;
/** The examples, the core's test fixtures, and a few generated models in block and flow style. */
function modelSeeds(): string[] {
  if (cached) return cached;
  const out = seeds({ repo: ['examples', 'packages/core/test/fixtures'], ext: /\.(ya?ml|json)$/ });
  for (const [n, seed] of [
    [3, 1],
    [12, 2],
    [40, 3],
  ] as const) {
    const m = syntheticModel(n, seed);
    out.push(stringify(m, { lineWidth: 0 }), stringify(m, { collectionStyle: 'flow', lineWidth: 0 }), JSON.stringify(m, null, 1));
  }
  cached = out;
  return out;
}

/** YAML features that parsers and the loader's bounds treat specially. */
const YAML_PIECES = [
  '&a ', '*a', '&a [1, 2]', '*a\n', '<<: *a\n', 'x: &b { k: *b }\n', '[*a, *a, *a, *a, *a, *a, *a, *a]',
  '{', '}', '[', ']', '{ a: [', ']}', ', ', ': ', '? ', '- ', '-\n  -\n    - ', '|\n  ', '>-\n  ', '|+2\n',
  '"', "'", '"\\', '"\\u0000"', '"\\x00"', "'it''s'", '"\\"["', '#', ' # [[[[', '\t', '\r\n', '\ufeff',
  '!!str ', '!!binary ', '!!js/function ', '!foo ', '!<tag:x> ', '%YAML 1.1\n---\n', '---\n', '...\n',
  '__proto__: { polluted: true }\n', '"__proto__": 1\n', 'constructor: 1\n', 'toString', 'constructor', '\u0000', '\u001b[2J', '\u202e',
  '1e309', '0x1F', '.nan', '~', 'null', 'true', 'yes', '2025-13-45', '9999999999999999999',
];

type YamlEdit = { at: number; piece: string } | { at: number; repeat: string; times: number };

const yamlEdit: fc.Arbitrary<YamlEdit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ at: fc.nat(), piece: fc.oneof(fc.constantFrom(...YAML_PIECES), hostileString()) }) },
  // Long lines and deep nesting, around the loader's limits (128 levels, about a million characters).
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), repeat: fc.constantFrom('[', '{a: ', '- ', '  ', 'x', '& ', "'' ", '| ', '*a ', '"[', '\\'), times: fc.oneof(fc.integer({ min: 100, max: 300 }), fc.integer({ min: 10_000, max: 400_000 })) }) },
);

function applyYaml(text: string, e: YamlEdit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  const insert = 'piece' in e ? e.piece : e.repeat.repeat(e.times);
  return text.slice(0, at) + insert + text.slice(at);
}

/** Mutated model texts: the harness's generic edits, then YAML-specific ones. */
function modelTexts(): fc.Arbitrary<string> {
  return fc.tuple(mutatedText(modelSeeds()), fc.array(yamlEdit, { maxLength: 3 })).map(([text, edits]) => edits.reduce(applyYaml, text));
}

/** The contract, for the result of one load. */
function checkResult(result: LoadResult, files: ReadonlySet<string>): void {
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (result.model === undefined) {
    expect(errors.length > 0, 'no model and no error');
    expect(
      errors.some((i) => located(i, files)),
      `no error says where it is: ${errors.map((i) => `${i.code} ${JSON.stringify(i.location)}`).join(', ')}`,
    );
  } else {
    expect(errors.length === 0, `a model with errors: ${errors.map((i) => i.code).join(', ')}`);
    analyze(result.model, { now: NOW });
  }
  for (const i of result.issues) expect(typeof i.message === 'string' && i.message.length > 0, `issue ${i.code} has no message`);
}

/** A file name as messages show it: control and bidirectional characters escaped (as core's `printable`). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const shown = (name: string): string => name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function located(i: Issue, files: ReadonlySet<string>): boolean {
  const at = i.location;
  return at !== undefined && (files.has(at.file) || [...files].some((f) => shown(f) === at.file)) && Number.isInteger(at.line) && at.line >= 1 && Number.isInteger(at.column) && at.column >= 1;
}

/** A model spread over files: the root and its includes, all in memory. */
interface FileSet {
  root: string;
  files: [name: string, text: string][];
  /** How the hook answers for names it holds: as text, as bytes, refused, or by throwing. */
  mode: 'text' | 'bytes' | 'refuse-some' | 'throw-some';
}

const INCLUDE_NAMES = ['part.yaml', 'teams/web.yaml', 'teams/../part.yaml', '../outside.yaml', '/etc/passwd', 'C:\\x.yaml', 'http://x/y.yaml', 'missing.yaml', 'threatmodel.yaml', 'constructor', '__proto__', 'a\u0000b.yaml', 'a\nb.yaml', '\u202eevil.yaml'];

/** A fragment made from a model: its sections without the root-only ones (some keep them, to be refused). */
function fragment(text: string, keepRoot: boolean): string {
  return keepRoot ? text : text.replace(/^(threatwright|system|questions):.*(\n[ \t].*)*\n?/gm, '');
}

function fileSets(): fc.Arbitrary<FileSet> {
  const names = fc.constantFrom(...INCLUDE_NAMES);
  return fc
    .record({
      root: modelTexts(),
      includes: fc.array(names, { minLength: 1, maxLength: 4 }),
      parts: fc.array(fc.record({ name: names, text: modelTexts(), keepRoot: fc.boolean(), include: fc.array(names, { maxLength: 2 }) }), { minLength: 1, maxLength: 4 }),
      mode: fc.constantFrom('text', 'text', 'bytes', 'refuse-some', 'throw-some'),
    })
    .map(({ root, includes, parts, mode }) => {
      const withIncludes = (text: string, list: readonly string[]) => (list.length === 0 ? text : `include: ${JSON.stringify(list)}\n${text.replace(/^include:.*\n/m, '')}`);
      const files: [string, string][] = parts.map((p) => [p.name, withIncludes(fragment(p.text, p.keepRoot), p.include)]);
      return { root: withIncludes(root, includes), files, mode };
    });
}

function loadSet(set: FileSet): LoadResult {
  const byName = new Map(set.files);
  let n = 0;
  const readFile = (ref: string, from: string): SourceInput | IncludeRefusal | undefined => {
    n++;
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
    const parts: string[] = [];
    for (const p of `${dir}${ref}`.split('/')) {
      if (p === '..') parts.pop();
      else if (p !== '.' && p !== '') parts.push(p);
    }
    const file = parts.join('/');
    const text = byName.get(file);
    if (text === undefined) return undefined;
    if (set.mode === 'refuse-some' && n % 2 === 0) return { file, refused: 'it is outside the folder of the root model' };
    if (set.mode === 'throw-some' && n % 2 === 0) throw new Error(`EACCES: ${file}`);
    return set.mode === 'bytes' ? { file, text: new TextEncoder().encode(text) } : { file, text };
  };
  return loadModel({ file: 'threatmodel.yaml', text: set.root }, { readFile, now: NOW });
}

export const targets = [
  target<string>({
    name: 'load',
    arbitrary: modelTexts,
    check: (text) => {
      checkResult(loadModel({ file: 'threatmodel.yaml', text }, { now: NOW }), new Set(['threatmodel.yaml']));
    },
  }),
  target<FileSet>({
    name: 'load:includes',
    arbitrary: fileSets,
    check: (set) => {
      checkResult(loadSet(set), new Set(['threatmodel.yaml', ...set.files.map(([name]) => name)]));
    },
    fromFixture: (text) => JSON.parse(text) as FileSet,
    toFixture: (set) => JSON.stringify(set, null, 1),
  }),
];
