/**
 * Three-way merge for when the file changed on disk while it was being edited: my changes
 * (base -> mine) are applied on top of what is on disk now (theirs), item by item. An item both
 * sides changed differently is a conflict; mine wins and it is listed so the user can check it.
 */
import type { Model } from '@threatwright/core';

type Data = Record<string, unknown>;

export interface MergeResult {
  model: Model;
  /** Human-readable places where both sides changed the same thing (mine was kept). */
  conflicts: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function keyOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const o = item as Data;
  if (typeof o['id'] === 'string') return `id:${o['id']}`;
  if (typeof o['fingerprint'] === 'string') return `fp:${o['fingerprint']}`;
  return undefined;
}

function label(section: string, key: string): string {
  return `${section} ${key.slice(3)}`;
}

function mergeList(section: string, base: unknown[], mine: unknown[], theirs: unknown[], conflicts: string[]): unknown[] {
  if (![...base, ...mine, ...theirs].every((i) => keyOf(i) !== undefined)) {
    // Lists without ids (e.g. tags) are merged as a whole.
    if (same(mine, base)) return theirs;
    if (!same(theirs, base) && !same(theirs, mine)) conflicts.push(section);
    return mine;
  }
  const index = (l: unknown[]) => new Map(l.map((i) => [keyOf(i) ?? '', i]));
  const b = index(base);
  const m = index(mine);
  const t = index(theirs);
  const out: unknown[] = [];
  for (const item of theirs) {
    const k = keyOf(item) ?? '';
    const inBase = b.get(k);
    const inMine = m.get(k);
    if (inMine === undefined) {
      // Deleted by me: keep the deletion unless they changed it meanwhile.
      if (inBase !== undefined && same(inBase, item)) continue;
      if (inBase !== undefined) conflicts.push(`${label(section, k)} (deleted here, changed on disk: kept)`);
      out.push(item);
      continue;
    }
    if (inBase === undefined || same(inMine, inBase)) out.push(item);
    else if (same(item, inBase) || same(item, inMine)) out.push(inMine);
    else {
      out.push(mergeValue(label(section, k), inBase, inMine, item, conflicts));
    }
  }
  for (const item of mine) {
    const k = keyOf(item) ?? '';
    if (!t.has(k) && !b.has(k)) out.push(item);
    else if (!t.has(k) && b.has(k) && !same(b.get(k), item)) {
      conflicts.push(`${label(section, k)} (changed here, deleted on disk: kept)`);
      out.push(item);
    }
  }
  return out;
}

function mergeValue(where: string, base: unknown, mine: unknown, theirs: unknown, conflicts: string[]): unknown {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(theirs, mine)) return mine;
  const isObj = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(base) && isObj(mine) && isObj(theirs)) {
    const out: Data = {};
    const keys = new Set([...Object.keys(theirs), ...Object.keys(mine)]);
    for (const k of keys) {
      const v = mergeValue(`${where}.${k}`, base[k], mine[k], theirs[k], conflicts);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) return mergeList(where, base, mine, theirs, conflicts);
  conflicts.push(where);
  return mine;
}

export function mergeModels(base: Model, mine: Model, theirs: Model): MergeResult {
  const conflicts: string[] = [];
  const b = base as unknown as Data;
  const m = mine as unknown as Data;
  const t = theirs as unknown as Data;
  const out: Data = {};
  const keys = new Set([...Object.keys(t), ...Object.keys(m)]);
  for (const k of keys) {
    const bv = b[k];
    const mv = m[k];
    const tv = t[k];
    const v = Array.isArray(mv) || Array.isArray(tv) ? mergeList(k, Array.isArray(bv) ? bv : [], Array.isArray(mv) ? mv : [], Array.isArray(tv) ? tv : [], conflicts) : mergeValue(k, bv, mv, tv, conflicts);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0 && tv === undefined && mv === undefined)) out[k] = v;
  }
  return { model: out as unknown as Model, conflicts };
}
