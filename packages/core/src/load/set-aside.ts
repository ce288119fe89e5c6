/**
 * A file with schema errors, minus what the schema refused: so that the semantic checks can run over
 * the rest and a user sees every mistake of the file in one round.
 *
 * Each refused value is set aside at the smallest part that leaves the rest valid: an entry of
 * `properties`, else a field of a list item (`flows[3].encrypted`), else the item (`components[2]`,
 * when a required field is refused or missing), else an entry of a mapping section
 * (`system.review_every`, `rules.custom[0]`, `taxonomy.properties.x`), else the section. Lists
 * inside an item are set aside whole (`flows[3].data`), so that no index inside an item moves and
 * every path a check reports inside one is still the file's. The rest is checked again with the
 * fragment schema (a root without `system` is still checked), a few rounds at most: a field set
 * aside may leave its item without a required field, and then the item goes.
 *
 * What other parts of the model may name in what was set aside (ids, property keys) is collected
 * from the file as written, so that a reference to a component whose id is malformed is not also
 * reported as unknown.
 */
import type { z } from 'zod';
import { FragmentSchema } from '../model/schema.js';
import { valueAt } from '../data.js';
import { pathKey } from './locate.js';
import { SECTION_NOUNS } from './schema-issues.js';

type Key = string | number;
type Path = Key[];

/** Rounds of "set aside, check again": a field, its item, then the section; one more for luck. */
const MAX_ROUNDS = 4;

export interface FileRest {
  /** The file's value without what was set aside: valid against the fragment schema. */
  value: Record<string, unknown>;
  /** For each list that lost items (by `pathKey`, a section or a list inside a mapping section): the file's index of each item kept. */
  lists: Map<string, number[]>;
  /** List items of the rest that lost a part (the objects themselves). */
  items: Set<object>;
  /** Sections that lost anything. */
  sections: Set<string>;
  /** Ids of list items and attack-tree nodes as the file writes them, malformed ones included. */
  ids: Set<string>;
  /** Property keys the file declares in `taxonomy.properties` or its custom rules read, as written. */
  properties: Set<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const LIST_SECTIONS: ReadonlySet<string> = new Set(Object.keys(SECTION_NOUNS));


/** The part of `value` to set aside for a value refused at `path`. */
function partOf(value: unknown, path: readonly Key[]): Path {
  const [section, second, third, fourth] = path;
  let part: Path;
  if (section === undefined) return [];
  if (LIST_SECTIONS.has(String(section))) {
    if (typeof second !== 'number') part = [section];
    else if (third === undefined) part = [section, second];
    else if (third === 'properties' && fourth !== undefined) part = [section, second, third, fourth];
    else part = [section, second, third];
  } else part = path.slice(0, 3);
  // A value that is missing (a required key) cannot be set aside: its holder is.
  while (part.length > 0 && valueAt(value, part) === undefined) part = part.slice(0, -1);
  return part;
}

interface Trie {
  drop: boolean;
  children: Map<Key, Trie>;
}

/** The raw value without the parts in `trie`, copying only what changes; records moved list indices and changed items. */
function without(raw: Record<string, unknown>, trie: Trie, lists: Map<string, number[]>, items: Set<object>): Record<string, unknown> {
  const walk = (v: unknown, node: Trie, path: Path): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      const kept: number[] = [];
      for (let i = 0; i < v.length; i++) {
        const child = node.children.get(i);
        if (child?.drop) continue;
        out.push(child ? walk(v[i], child, [...path, i]) : v[i]);
        kept.push(i);
      }
      if (kept.length !== v.length) lists.set(pathKey(path), kept);
      return out;
    }
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = { ...v };
    for (const [key, child] of node.children) {
      if (typeof key !== 'string') continue;
      if (child.drop) Reflect.deleteProperty(out, key);
      else if (Object.hasOwn(v, key)) Object.defineProperty(out, key, { value: walk(v[key], child, [...path, key]), writable: true, enumerable: true, configurable: true });
    }
    if (path.length === 2 && typeof path[1] === 'number' && LIST_SECTIONS.has(String(path[0]))) items.add(out);
    return out;
  };
  return walk(raw, trie, []) as Record<string, unknown>;
}

/** A path of the rest (whose lists may have lost items) as a path of the file. */
function inFile(path: readonly Key[], lists: ReadonlyMap<string, number[]>): Path {
  const out: Path = [];
  for (const key of path) out.push(typeof key === 'number' ? (lists.get(pathKey(out))?.[key] ?? key) : key);
  return out;
}

/** The refused paths of a zod error (an unknown key is refused on its own, not its object). */
function refused(issues: readonly z.core.$ZodIssue[]): Path[] {
  const out: Path[] = [];
  for (const i of issues) {
    const path = i.path.filter((k): k is Key => typeof k !== 'symbol');
    if (i.code === 'unrecognized_keys') for (const k of i.keys) out.push([...path, k]);
    else out.push(path);
  }
  return out;
}

/**
 * The rest of a file the schema refused, or undefined when no part can be set aside to leave a valid
 * rest (then the loader stops after the schema errors, as it must).
 */
export function setAside(raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): FileRest | undefined {
  const trie: Trie = { drop: false, children: new Map() };
  const sections = new Set<string>();
  let lists = new Map<string, number[]>();
  let rest: Record<string, unknown> = raw;
  let paths = refused(issues);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let added = false;
    for (const p of paths) {
      const part = inFile(partOf(rest, p), lists);
      if (part.length === 0) continue;
      let node = trie;
      for (const key of part) {
        if (node.drop) break;
        let next = node.children.get(key);
        if (!next) node.children.set(key, (next = { drop: false, children: new Map() }));
        node = next;
      }
      if (!node.drop) {
        node.drop = true;
        node.children.clear();
        added = true;
      }
      sections.add(String(part[0]));
    }
    // Nothing new to set aside (a required section missing, say): the fragment schema may still pass.
    if (added || round === 0) {
      lists = new Map();
      const items = new Set<object>();
      rest = without(raw, trie, lists, items);
      const checked = FragmentSchema.safeParse(rest);
      if (checked.success) return { value: rest, lists, items, sections, ...named(raw) };
      paths = refused(checked.error.issues);
    }
    if (!added) return undefined;
  }
  return undefined;
}

/** Ids and property keys as the file writes them, whatever their shape: a defensive walk, without recursion. */
function named(raw: Record<string, unknown>): { ids: Set<string>; properties: Set<string> } {
  const ids = new Set<string>();
  for (const section of LIST_SECTIONS) {
    const list = raw[section];
    if (!Array.isArray(list)) continue;
    for (const item of list) if (isRecord(item) && typeof item['id'] === 'string') ids.add(item['id']);
  }
  const trees = raw['attack_trees'];
  const nodes: unknown[] = Array.isArray(trees) ? trees.map((t) => (isRecord(t) ? t['root'] : undefined)) : [];
  while (nodes.length > 0) {
    const node = nodes.pop();
    if (!isRecord(node)) continue;
    if (typeof node['id'] === 'string') ids.add(node['id']);
    for (const gate of ['and', 'or']) {
      const children = node[gate];
      if (Array.isArray(children)) for (const c of children) nodes.push(c);
    }
  }
  const properties = new Set<string>();
  const declared = valueAt(raw, ['taxonomy', 'properties']);
  if (isRecord(declared)) for (const key of Object.keys(declared)) properties.add(key);
  const custom = valueAt(raw, ['rules', 'custom']);
  const conditions: unknown[] = Array.isArray(custom) ? custom.map((r) => (isRecord(r) ? r['when'] : undefined)) : [];
  while (conditions.length > 0) {
    const c = conditions.pop();
    if (!isRecord(c)) continue;
    for (const key of ['property', 'lacks']) if (typeof c[key] === 'string') properties.add(c[key]);
    for (const key of ['all', 'any']) {
      const list = c[key];
      if (Array.isArray(list)) for (const sub of list) conditions.push(sub);
    }
    for (const key of ['not', 'source', 'target']) conditions.push(c[key]);
  }
  return { ids, properties };
}
