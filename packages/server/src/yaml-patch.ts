/**
 * Writes a changed model back into its YAML document without disturbing what did not change.
 *
 * The editor sends the whole model as plain data; this walks the existing document and the new
 * value side by side and changes only the nodes whose value differs, so comments, key order,
 * quoting, flow/block style and blank lines of untouched parts survive. Lists of objects are
 * matched by `id` (or `fingerprint` for triage decisions), so reordering or inserting an element
 * keeps the comments attached to the others.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node, type Pair, type ToStringOptions } from 'yaml';

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The key that identifies an item in a list of objects: its id, else its fingerprint. */
export function itemKey(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  if (typeof v['id'] === 'string') return `id:${v['id']}`;
  if (typeof v['fingerprint'] === 'string') return `fp:${v['fingerprint']}`;
  return undefined;
}

function nodeKey(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const id = node.get('id');
  if (typeof id === 'string') return `id:${id}`;
  const fp = node.get('fingerprint');
  if (typeof fp === 'string') return `fp:${fp}`;
  return undefined;
}

function pairKey(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/**
 * Returns `source` with `next` written into it. Top-level entries and the items of top-level lists
 * (components, flows, threats, …) whose value did not change keep their exact original text;
 * changed ones keep their comments. The result is checked to read back as `next`.
 */
export function applyModel(source: string, next: unknown): string {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) throw new Error('the file is not valid YAML');
  // The units of the original are read before the document is changed in place.
  const before = units(doc);
  patchDocument(doc, next);
  const printed = doc.toString(detectStyle(source));
  if (printed === source) return source;
  const spliced = before ? splice(source, before, printed) : printed;
  if (spliced !== printed && sameData(spliced, next)) return spliced;
  return printed;
}

function sameData(text: string, next: unknown): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && canonical(doc.toJS()) === canonical(next);
}

/** JSON with object keys sorted: key order is the file's business, not the data's. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value));
}

/** Indentation used by the file, so untouched text can be kept next to reprinted text. */
function detectStyle(source: string): ToStringOptions {
  // Flow maps are usually written `{ a: 1 }` and flow lists `[a, b]`; follow the file's flow maps.
  const style: ToStringOptions = { flowCollectionPadding: /(?:^|[:-]\s)\{ [^}\n]/m.test(source), lineWidth: 100, indent: 2, indentSeq: true };
  const nested = /^[A-Za-z_][^\n:]*:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)(-?)/m.exec(source);
  if (nested) {
    const spaces = nested[1]?.length ?? 0;
    if (nested[2] === '-' && spaces === 0) style.indentSeq = false;
    else if (spaces > 0) style.indent = spaces;
  }
  return style;
}

interface Unit {
  start: number;
  end: number;
  data: string;
}

/** The units of a document: each top-level entry, and each item of a top-level block list. */
function units(doc: Document): Map<string, Unit> | undefined {
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const out = new Map<string, Unit>();
  for (const pair of doc.contents.items) {
    const key = pairKey(pair);
    if (typeof key !== 'string' || !isScalar(pair.key)) continue;
    const value = pair.value;
    if (isSeq(value) && !value.flow) {
      for (const item of value.items) {
        const k = nodeKey(item);
        if (k === undefined || !isMap(item)) continue;
        if (item.range) out.set(`${key}/${k}`, { start: item.range[0], end: item.range[1], data: JSON.stringify(item.toJSON()) });
      }
      continue;
    }
    if ((isScalar(value) || isMap(value) || isSeq(value)) && value.range && pair.key.range) {
      out.set(key, { start: pair.key.range[0], end: value.range[1], data: JSON.stringify(value.toJSON()) });
    }
  }
  return out;
}

/** Puts the original text back for every unit whose value is unchanged. */
function splice(source: string, before: Map<string, Unit>, printed: string): string {
  const after = units(parseDocument(printed));
  if (!after) return printed;
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const [key, unit] of after) {
    const old = before.get(key);
    if (old && old.data === unit.data) replacements.push({ start: unit.start, end: unit.end, text: source.slice(old.start, old.end) });
  }
  replacements.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of replacements) {
    if (r.start < at) continue;
    out += printed.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + printed.slice(at);
}

/** Replaces the document's content with `next`, touching only the nodes that change. */
export function patchDocument(doc: Document, next: unknown): void {
  doc.contents = patchNode(doc, doc.contents, next);
}

function patchNode(doc: Document, node: unknown, value: unknown): Node | null {
  if (value === undefined) return null;
  if (isRecord(value) && isMap(node)) {
    patchMap(doc, node, value);
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    patchSeq(doc, node, value);
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) {
      // A changed type (e.g. string -> number) must not keep a quoting style that would change it back.
      if (typeof node.value !== typeof value) node.type = Scalar.PLAIN;
      node.value = value;
    }
    return node;
  }
  const created = doc.createNode(value as Plain);
  // Keep a comment that was attached to the replaced node.
  if (node && typeof node === 'object' && 'commentBefore' in node) {
    const old = node as { commentBefore?: string | null; comment?: string | null };
    if (old.commentBefore) created.commentBefore = old.commentBefore;
    if (old.comment) created.comment = old.comment;
  }
  return created;
}

function patchMap(doc: Document, map: YAMLMap, value: Record<string, unknown>): void {
  const seen = new Set<string>();
  const kept: Pair[] = [];
  for (const pair of map.items) {
    const key = pairKey(pair);
    const k = typeof key === 'string' ? key : String(key);
    if (!Object.hasOwn(value, k) || value[k] === undefined) continue;
    seen.add(k);
    pair.value = patchNode(doc, pair.value, value[k]);
    kept.push(pair);
  }
  for (const [k, v] of Object.entries(value)) {
    if (seen.has(k) || v === undefined) continue;
    kept.push(doc.createPair(k, v));
  }
  map.items = kept;
}

function patchSeq(doc: Document, seq: YAMLSeq, value: unknown[]): void {
  const keyed = value.length > 0 && value.every((v) => itemKey(v) !== undefined);
  if (keyed) {
    const byKey = new Map<string, unknown>();
    for (const item of seq.items) {
      const k = nodeKey(item);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, item);
    }
    const first: unknown = seq.items[0];
    const firstKey = nodeKey(first);
    seq.items = value.map((v) => {
      const k = itemKey(v);
      const existing = k === undefined ? undefined : byKey.get(k);
      return patchNode(doc, existing, v);
    });
    // The parser attaches a comment above the first item to the list; it belongs to that item.
    if (seq.commentBefore && firstKey !== undefined && firstKey !== itemKey(value[0])) {
      if (isMap(first) && value.some((v) => itemKey(v) === firstKey)) first.commentBefore = seq.commentBefore;
      seq.commentBefore = null;
    }
    return;
  }
  const items: unknown[] = [];
  value.forEach((v, i) => {
    items.push(patchNode(doc, seq.items[i], v));
  });
  seq.items = items;
}
