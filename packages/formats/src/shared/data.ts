/** Defensive readers for untrusted parsed data: never trust a field's type. */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A non-empty string (numbers are turned into strings), else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** True only for `true` (and the strings "true"/"yes"); anything else is "not stated". */
export function yes(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes)$/i.test(v.trim()));
}

/** Removes undefined values, empty arrays and empty objects, so the written model stays tidy. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isObj(v) && Object.keys(v).length === 0) continue;
    setOwn(out, k, v);
  }
  return out as T;
}

/** The closest of `candidates` to `word` (edit distance ≤ 2), for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** Sets an own property, even one named `__proto__` (a key in a file), without touching the prototype. */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` assigns differently from defining; plain assignment is much faster.
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** A lookup table keyed by text from a file: a `Map`, so "constructor" or "__proto__" finds nothing. */
export function table<V>(entries: Readonly<Record<string, V>>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}

/** An own property of parsed data, never one its prototype has ("constructor", "toString", …). */
export function own(o: Obj | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}

/**
 * The smallest and largest of some numbers, or undefined when there are none. A loop, because
 * `Math.min(...xs)` overflows the stack once a list has some 100 000 items.
 */
export function extent(xs: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return lo === Infinity ? undefined : [lo, hi];
}
