/**
 * The last step of every importer: makes the model one the loader accepts, whatever the source
 * held, and reports each change. Importers map what they understand; this keeps the promise that
 * the written model loads, for everything they did not foresee:
 *
 * - text: characters YAML cannot hold or that have no place in a model (control characters other
 *   than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) are removed, in values and keys;
 * - names: an empty or blank `name` is filled from the item's id;
 * - ids: an id already used elsewhere in the model gets a fresh one (`C1` → `C1_2`);
 * - nesting: nothing deeper than the loader accepts (`MAX_NESTING_DEPTH`) is kept;
 * - then the model's schema and the loader's semantic checks run, and each value they refuse is
 *   removed (a whole item when a required part of it is refused), until nothing is refused.
 *
 * Every walk here is iterative: imported data may be as deep and as long as the limits allow.
 */
import { CHECKS, ID_PATTERN, MAX_NESTING_DEPTH, ModelSchema, SECTION_NOUNS, valueAt, type CheckContext, type Issue, type Model } from '@threatwright/core';
import { isObj, setOwn } from './data.js';
import type { ImportResult } from '../types.js';
import { declareSourceProperties } from './properties.js';
import { rejection, type ReportBuilder } from './report.js';

type Path = (string | number)[];
type Container = Record<string, unknown> | unknown[];

/** Sections whose items carry an `id` (the loader's list, in its order). */
const ID_SECTIONS = ['components', 'assets', 'flows', 'boundaries', 'dependencies', 'stakeholders', 'assumptions', 'threats', 'mitigations', 'attack_trees'] as const;
type IdSection = (typeof ID_SECTIONS)[number] | 'attack_tree_nodes';

const NOUN: Record<IdSection, string> = { ...SECTION_NOUNS, attack_tree_nodes: 'attack-tree node' };

/** The loader's checks that only ever warn: skipped here, they cannot stop a model from loading. */
const WARNING_CHECKS = new Set(['component-without-flows', 'unused-assets', 'flows-without-data', 'mitigations-without-owner', 'review-overdue', 'stale-layout']);

/** Most rounds of schema and checks: each removes what the last refused; real repairs need one or two. */
const MAX_ROUNDS = 8;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex -- as above
const HAS_BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text without the characters a model cannot hold (lone surrogates become U+FFFD). */
export function cleanText(text: string): string {
  if (!HAS_BAD_TEXT.test(text)) return text;
  return text.replace(BAD_TEXT, (c) => (c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '\ufffd' : ''));
}

/** Makes the imported model load cleanly, reporting every change; an error issue only when it cannot. */
export function conformModel(model: Model, report: ReportBuilder, file: string): { model: Model | undefined; issues: Issue[] } {
  const root = model as unknown as Record<string, unknown>;
  const say = subjects(root);
  cleanAllText(root, report, say);
  pruneDepth(root, report, say);
  const items = idItems(root);
  fillNames(root, items, report);
  dedupeIds(items, report);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const refused = refusals(root);
    if (refused.length === 0) return { model, issues: [] };
    remove(root, refused, report, say);
  }
  const left = refusals(root);
  if (left.length === 0) return { model, issues: [] };
  const first = left[0];
  return { model: undefined, issues: [rejection(file, 'import-invalid', `the file could not be turned into a valid model: ${first ? first.message : 'unknown reason'}`, 'Please report this with the file, so the importer can learn it.')] };
}

/**
 * An importer's answer for a model it built: what it kept outside the property catalogue declared
 * (properties.ts), the model made loadable, with the report.
 */
export function finishImport(model: Model, report: ReportBuilder, file: string, issues: Issue[] = []): ImportResult {
  declareSourceProperties(model, report.build().format, report);
  const done = conformModel(model, report, file);
  return { model: done.model, report: report.build(), issues: [...issues, ...done.issues] };
}

/** Describes a path for the report: `component C3 (name)`, or the path itself. */
function subjects(root: Record<string, unknown>): (path: Path) => string {
  return (path) => {
    const [section, index, ...rest] = path;
    if (typeof section === 'string' && typeof index === 'number' && (ID_SECTIONS as readonly string[]).includes(section)) {
      const list = root[section];
      const item: unknown = Array.isArray(list) ? list[index] : undefined;
      const id = isObj(item) && typeof item['id'] === 'string' ? item['id'] : `#${index + 1}`;
      return `${NOUN[section as IdSection]} ${cleanText(id)}${rest.length > 0 ? ` (${rest.join('.')})` : ''}`;
    }
    return path.length === 0 ? 'the model' : path.join('.');
  };
}

/** The first two steps of a path (section and index): what a note names. Deeper steps share it. */
function head(path: Path, k: string | number): Path {
  return path.length >= 2 ? path : [...path, k];
}

function cleanAllText(root: Record<string, unknown>, report: ReportBuilder, say: (p: Path) => string): void {
  const stack: { v: Container; path: Path }[] = [{ v: root, path: [] }];
  const noted = new Set<string>();
  const note = (path: Path) => {
    const subject = say(path);
    if (noted.has(subject)) return;
    noted.add(subject);
    report.adjusted(subject, 'control characters (or broken characters) in its text were removed');
  };
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: Container; path: Path };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'string') {
          const c = cleanText(x);
          if (c !== x) {
            v[i] = c;
            note(head(path, i));
          }
        } else if (x !== null && typeof x === 'object') stack.push({ v: x as Container, path: head(path, i) });
      }
      continue;
    }
    for (const key of Object.keys(v)) {
      const x = v[key];
      let k = key;
      const ck = cleanText(key);
      if (ck !== key) {
        Reflect.deleteProperty(v, key);
        k = ck === '' || Object.hasOwn(v, ck) ? `${ck}_` : ck;
        setOwn(v, k, x);
        note(head(path, k));
      }
      if (typeof x === 'string') {
        const c = cleanText(x);
        if (c !== x) {
          v[k] = c;
          note(head(path, k));
        }
      } else if (x !== null && typeof x === 'object') stack.push({ v: x as Container, path: head(path, k) });
    }
  }
}

/** Removes what lies deeper than the loader accepts (the root mapping is depth 1). */
function pruneDepth(root: Record<string, unknown>, report: ReportBuilder, say: (p: Path) => string): void {
  const stack: { v: Container; depth: number; path: Path }[] = [{ v: root, depth: 1, path: [] }];
  const cut = (path: Path) => { report.dropped(say(path), `nested more than ${MAX_NESTING_DEPTH} levels deep, more than a model may be`); };
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop() as { v: Container; depth: number; path: Path };
    const deeper = depth + 1 > MAX_NESTING_DEPTH;
    if (Array.isArray(v)) {
      let kept = 0;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object') {
          if (deeper) {
            cut(head(path, i));
            continue;
          }
          stack.push({ v: x as Container, depth: depth + 1, path: head(path, kept) });
        }
        v[kept++] = x;
      }
      v.length = kept;
      continue;
    }
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const x = v[k];
      if (x === null || typeof x !== 'object') continue;
      if (deeper) {
        Reflect.deleteProperty(v, k);
        cut(head(path, k));
      } else stack.push({ v: x as Container, depth: depth + 1, path: head(path, k) });
    }
  }
}

/** Items of the id sections (and attack-tree nodes) with their paths, in model order. */
function idItems(root: Record<string, unknown>): { item: Record<string, unknown>; kind: IdSection; path: Path }[] {
  const out: { item: Record<string, unknown>; kind: IdSection; path: Path }[] = [];
  for (const section of ID_SECTIONS) {
    const list = root[section];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (isObj(item)) out.push({ item, kind: section, path: [section, i] });
    }
  }
  const trees = root['attack_trees'];
  if (Array.isArray(trees)) {
    for (let t = 0; t < trees.length; t++) {
      const tree: unknown = trees[t];
      if (!isObj(tree) || !isObj(tree['root'])) continue;
      const stack: { node: Record<string, unknown>; path: Path }[] = [{ node: tree['root'], path: ['attack_trees', t, 'root'] }];
      while (stack.length > 0) {
        const { node, path } = stack.pop() as { node: Record<string, unknown>; path: Path };
        out.push({ item: node, kind: 'attack_tree_nodes', path });
        for (const gate of ['and', 'or']) {
          const children = node[gate];
          if (!Array.isArray(children)) continue;
          for (let c = children.length - 1; c >= 0; c--) {
            const child: unknown = children[c];
            if (isObj(child)) stack.push({ node: child, path: [...path, gate, c] });
          }
        }
      }
    }
  }
  return out;
}

/** Fills an empty or blank `name` (every section that has one requires it) from the item's id. */
function fillNames(root: Record<string, unknown>, items: ReturnType<typeof idItems>, report: ReportBuilder): void {
  const system = root['system'];
  if (isObj(system) && (typeof system['name'] !== 'string' || system['name'].trim() === '')) {
    system['name'] = 'Imported model';
    report.adjusted('the system', 'has no name; named "Imported model"');
  }
  for (const { item, kind: section } of items) {
    if (section === 'attack_tree_nodes' || !('name' in item)) continue;
    const name = item['name'];
    if (typeof name === 'string' && name.trim() !== '') continue;
    const id = typeof item['id'] === 'string' && item['id'].trim() !== '' ? item['id'] : undefined;
    const filled = id ?? NOUN[section];
    item['name'] = filled;
    report.adjusted(`${NOUN[section]} ${id ?? '(no id)'}`, `has no name; named "${filled}"`);
  }
}

/** Gives every id used a second time in the model a fresh one, reporting the rename. */
function dedupeIds(items: ReturnType<typeof idItems>, report: ReportBuilder): void {
  const used = new Set<string>();
  for (const { item } of items) if (typeof item['id'] === 'string') used.add(item['id']);
  const seen = new Set<string>();
  for (const { item, kind: section } of items) {
    const id = item['id'];
    if (typeof id !== 'string') continue;
    if (!seen.has(id)) {
      seen.add(id);
      continue;
    }
    const base = id.length > 56 ? id.slice(0, 56) : id;
    let n = 2;
    let fresh = `${base}_${n}`;
    while (used.has(fresh) || !ID_PATTERN.test(fresh)) {
      n++;
      fresh = ID_PATTERN.test(base) ? `${base}_${n}` : `X${n}`;
    }
    used.add(fresh);
    seen.add(fresh);
    item['id'] = fresh;
    report.adjusted(`${NOUN[section]} ${id}`, `its id is also used by an earlier item of the model; renamed ${fresh} (references to ${id} mean the first)`);
  }
}

interface Refusal {
  path: Path;
  message: string;
}

/** What the model's schema and the loader's error checks refuse, by path. */
function refusals(root: Record<string, unknown>): Refusal[] {
  const parsed = ModelSchema.safeParse(root);
  if (!parsed.success) {
    const out: Refusal[] = [];
    for (const i of parsed.error.issues) {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      // An unknown key is refused on its object: remove the key, not the object.
      if (i.code === 'unrecognized_keys') for (const k of i.keys) out.push({ path: [...path, k], message: `unknown key "${k}"` });
      else out.push({ path, message: i.message });
    }
    return out;
  }
  const ctx = context(root as unknown as Model);
  const out: Refusal[] = [];
  for (const { name, check } of CHECKS) {
    if (WARNING_CHECKS.has(name)) continue;
    for (const issue of check(ctx)) if (issue.severity === 'error') out.push({ path: issue.path, message: issue.message });
  }
  return out;
}

function context(model: Model): CheckContext {
  // The items themselves serve as the loader's id entries (they carry its `kind` and `path`).
  const ids = new Map<string, { kind: IdSection; path: Path }>();
  const duplicates: { id: string; entry: { kind: IdSection; path: Path } }[] = [];
  for (const entry of idItems(model)) {
    const id = entry.item['id'];
    if (typeof id !== 'string') continue;
    if (ids.has(id)) duplicates.push({ id, entry });
    else ids.set(id, entry);
  }
  return { model, ids, duplicates, now: undefined };
}

/** Removes each refused value (or, when it is missing or required, the item holding it), deepest first. */
function remove(root: Record<string, unknown>, refused: Refusal[], report: ReportBuilder, say: (p: Path) => string): void {
  const targets = new Map<string, { path: Path; message: string }>();
  for (const r of refused) {
    let path = r.path;
    // A missing value (a required key) or a blank name cannot be removed on its own: remove its holder.
    while (path.length > 0 && valueAt(root, path) === undefined) path = path.slice(0, -1);
    if (path.length <= 1) path = nearestItem(r.path);
    if (path.length === 0) continue;
    targets.set(JSON.stringify(path), { path, message: r.message });
  }
  const sorted = [...targets.values()].sort((a, b) => comparePaths(b.path, a.path));
  for (const { path, message } of sorted) {
    const parent = valueAt(root, path.slice(0, -1));
    const key = path[path.length - 1];
    const subject = say(path);
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else if (isObj(parent) && typeof key === 'string') Reflect.deleteProperty(parent, key);
    else continue;
    report.dropped(subject, `not kept: ${message}`);
  }
}

/** The list item a path is in (`components.3`), or the path itself when shorter. */
function nearestItem(path: Path): Path {
  return path.length >= 2 && typeof path[1] === 'number' ? path.slice(0, 2) : path;
}


/** Orders paths element by element (numbers by value); a path before the paths it is a prefix of. */
function comparePaths(a: Path, b: Path): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
