/**
 * `JSON.stringify(value, null, 2)` and a newline, handed on in pieces as it is produced.
 *
 * The JSON of a large analysis is tens of megabytes. Built as one string, it is one two-byte
 * string (a single `→` anywhere is enough) that is copied flat and encoded as UTF-8 in one go before
 * the first byte reaches stdout, and a reader on the other end of a pipe waits for all of it. Here the
 * long lists near the top are stringified a few dozen elements at a time and each piece is written
 * as soon as it is made. The text is byte for byte what `JSON.stringify` gives: only plain objects
 * and arrays near the top are split, and every piece is `JSON.stringify`'s own text for that part.
 */

/** Pieces are about this many characters. */
const PIECE_CHARS = 64 * 1024;

/** Arrays above this depth are written a group of elements at a time (the root is at depth 0)… */
const SPLIT_ARRAYS_ABOVE = 3;
/** …and objects above this one property at a time; deeper parts are stringified whole. */
const SPLIT_OBJECTS_ABOVE = 2;

const hasToJSON = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function';

/** A plain object or array that `JSON.stringify` writes as it is (no `toJSON`), shallow enough to be split. */
function splittable(v: unknown, depth: number): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null || hasToJSON(v)) return false;
  if (Array.isArray(v)) return depth < SPLIT_ARRAYS_ABOVE;
  const proto: unknown = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && depth < SPLIT_OBJECTS_ABOVE;
}

/** JSON.stringify with two-space indentation, typed as it behaves: undefined for undefined, a function or a symbol. */
const stringify = (value: unknown): string | undefined => JSON.stringify(value, null, 2);

/** `value` inside `depth` one-element arrays, which `JSON.stringify` indents as it would at that depth. */
function nest(value: unknown, depth: number): unknown {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  return wrapped;
}

/** Characters of the nesting arrays' text before the value at `depth`: each level's "[", newline and indentation. */
const before = (depth: number): number => 2 * depth + depth * (depth + 1);
/** Characters after it: each level's newline, indentation and "]". */
const after = (depth: number): number => depth + depth * depth;

/** The text `JSON.stringify` gives `value` at `depth` (at depth 0, "undefined" where it gives undefined). */
function textAt(value: unknown, depth: number): string {
  const text = stringify(nest(value, depth)) ?? 'undefined';
  return text.slice(before(depth), text.length - after(depth));
}

/**
 * The text of one property (`"key": value`) of an object at `depth`, or undefined when
 * `JSON.stringify` leaves it out (undefined, a function, a symbol, or a `toJSON` that gives one).
 */
function propertyAt(key: string, value: unknown, depth: number): string | undefined {
  const text = stringify(nest({ [key]: value }, depth)) ?? '';
  const start = before(depth);
  const end = text.length - after(depth);
  if (end - start === 2) return undefined; // "{}": left out
  // Inside "{", newline, indentation … newline, indentation, "}".
  return text.slice(start + 2 + 2 * (depth + 1), end - 2 - 2 * depth);
}

/**
 * The text of `list[start]` to `list[end - 1]` as an array at `depth`. JSON.stringify calls an
 * element's toJSON with the element's index, so it is called here with the index in `list`, not in
 * the group, and the group holds what it gives (a group's toJSON calls come before its text, which
 * gives the same text for a toJSON without side effects, as every toJSON here is). JSON.stringify
 * does not call a toJSON of that result in turn; where there is one, a replacer puts the result in.
 */
function groupText(list: readonly unknown[], start: number, end: number, depth: number): string {
  const values = list.slice(start, end);
  let nested = false;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (!hasToJSON(v)) continue;
    values[j] = (v as { toJSON: (key: string) => unknown }).toJSON(String(start + j));
    nested ||= hasToJSON(values[j]);
  }
  if (!nested) return textAt(values, depth);
  const stand = values.map(() => ({}));
  const put = new Map(stand.map((x, j) => [x, values[j]]));
  const text = JSON.stringify(nest(stand, depth), (_key, v: unknown) => (put.has(v as object) ? put.get(v as object) : v), 2);
  return text.slice(before(depth), text.length - after(depth));
}

/** Hands `JSON.stringify(value, null, 2) + '\n'` to `write`, in pieces of about 64 K characters. */
export function writeJson(value: unknown, write: (text: string) => void): void {
  // Short texts (brackets, keys, small values) are collected and written with the next long one.
  let pending: string[] = [];
  let pendingSize = 0;
  const flush = (): void => {
    if (pendingSize > 0) write(pending.join(''));
    pending = [];
    pendingSize = 0;
  };
  const put = (text: string): void => {
    if (text.length >= PIECE_CHARS / 16) {
      flush();
      write(text);
      return;
    }
    pending.push(text);
    pendingSize += text.length;
    if (pendingSize >= PIECE_CHARS) flush();
  };

  /** A split array at `depth`, a group of elements at a time. */
  const array = (list: unknown[], depth: number): void => {
    let group = 16;
    for (let i = 0; i < list.length; ) {
      const end = Math.min(list.length, i + group);
      const text = groupText(list, i, end, depth);
      // "[", then the elements each after a newline and indentation, then a newline, indentation and "]".
      const elements = text.slice(1, text.length - 2 - 2 * depth);
      put(i === 0 ? `[${elements}` : `,${elements}`);
      // Aim the next group at the piece size, from this group's characters per element.
      group = Math.max(1, Math.min(4096, Math.round((PIECE_CHARS * (end - i)) / text.length)));
      i = end;
    }
    put(`\n${'  '.repeat(depth)}]`);
  };

  const emit = (v: unknown, depth: number): void => {
    if (!splittable(v, depth)) {
      put(textAt(v, depth));
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) put('[]');
      else array(v, depth);
      return;
    }
    const indent = `\n${'  '.repeat(depth + 1)}`;
    let first = true;
    for (const key of Object.keys(v)) {
      const item = v[key];
      const lead = `${first ? '{' : ','}${indent}`;
      if (splittable(item, depth + 1)) {
        put(`${lead}${JSON.stringify(key)}: `);
        emit(item, depth + 1);
      } else {
        const text = propertyAt(key, item, depth);
        if (text === undefined) continue;
        put(lead);
        put(text);
      }
      first = false;
    }
    put(first ? '{}' : `\n${'  '.repeat(depth)}}`);
  };

  emit(value, 0);
  put('\n');
  flush();
}
