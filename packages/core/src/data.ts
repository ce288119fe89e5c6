/** Small helpers for the plain data that models and results are made of. */

/** The same type with its `readonly` removed: for building a result field by field before handing it out. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Whether two pieces of plain data (JSON-like: objects, arrays, primitives) are equal, whatever the
 * order of object keys; a key whose value is `undefined` counts as absent. Compares without building
 * strings, so it is cheap on copies of the same data (a model posted to a worker, a file read back).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    n++;
    if (!sameData(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) n--;
  return n === 0;
}

/**
 * Appends `items` to `list` one by one. `list.push(...items)` passes every item as an argument,
 * and a list of user-sized length (a model of 150 000 components) overflows the call stack.
 */
export function append<T>(list: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) list.push(items[i] as T);
  return list;
}

/**
 * `record[key]` when the record has `key` as its own property, else undefined. User text used as a
 * key ("constructor", "toString", "__proto__") must never reach what every object inherits.
 */
export function own<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The value at a path of plain data (`['components', 3, 'properties']`): numbers index lists, strings
 * name an object's own keys (never one it inherits, so "__proto__" or "constructor" in user text
 * finds nothing); undefined where the path leads nowhere.
 */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === 'number') v = v[key];
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof key === 'string' && Object.hasOwn(v, key)) v = (v as Record<string, unknown>)[key];
    else return undefined;
  }
  return v;
}
