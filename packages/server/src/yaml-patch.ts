/**
 * Writes a changed model back into its YAML document without disturbing what did not change.
 *
 * The editor sends the whole model as plain data; this walks the existing document and the new
 * value side by side and changes only the nodes whose value differs, so comments, key order,
 * quoting, flow/block style and blank lines of untouched parts survive. Lists of objects are
 * matched by `id` (or `fingerprint` for triage decisions), so reordering or inserting an element
 * keeps the comments attached to the others.
 */
import { Document, isMap, isNode, isScalar, isSeq, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq, type Node, type ToStringOptions } from 'yaml';

import { MAX_ALIAS_COUNT, sameData } from '@threatwright/core';

/** Aliases are expanded as far as the loader allows, so a file that loads can be written. */
const TO_JS = { maxAliasCount: MAX_ALIAS_COUNT } as const;

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
 * A YAML file's text with what writing into it needs: its parsed document and data, and an outline
 * of where each part is. The server keeps one per file between writes, so writing an edit neither
 * parses the file it already knows again nor reprints it whole: only the parts that changed are
 * printed, parsed and checked. Everything is worked out on first use.
 */
export class ParsedYaml {
  private parsed: Document | undefined;
  private js: { value: unknown } | undefined;
  private outlined: { value: Outline | undefined } | undefined;

  constructor(
    readonly text: string,
    known: { doc?: Document; data?: unknown; outline?: Outline } = {},
  ) {
    this.parsed = known.doc;
    if ('data' in known) this.js = { value: known.data };
    if (known.outline) this.outlined = { value: known.outline };
  }

  /** The document parsed from the text (never one changed by a patch). */
  get doc(): Document {
    this.parsed ??= parseDocument(this.text);
    return this.parsed;
  }

  /** The file's data (what `parseDocument(text).toJS()` gives), computed once. */
  data(): unknown {
    this.js ??= { value: this.doc.toJS(TO_JS) as unknown };
    return this.js.value;
  }

  /** Where each part of the file is, when the file has the plain shape a part-wise patch needs. */
  outline(): Outline | undefined {
    this.outlined ??= { value: this.doc.errors.length > 0 ? undefined : outlineOf(this.text, this.doc, this.data()) };
    return this.outlined.value;
  }
}

/**
 * Returns `source` with `next` written into it. Top-level entries and the items of top-level lists
 * (components, flows, threats, …) whose value did not change keep their exact original text;
 * changed ones keep their comments. The result is checked to read back as `next`.
 */
export function applyModel(source: string, next: unknown): string {
  return patchYaml(new ParsedYaml(source), next).text;
}

/**
 * `applyModel` on a file already read: gives the new text with what the next write needs. Edits
 * that change, or append, items of top-level lists and change top-level entries are written part
 * by part; anything else (a new or removed section or element, reordering) reprints the document
 * and puts the untouched parts' original text back.
 */
export function patchYaml(file: ParsedYaml, next: unknown): ParsedYaml {
  // Only valid YAML has an outline.
  const outline = file.outline();
  if (outline) {
    const fast = patchParts(file.text, outline, next);
    if (fast.result) return fast.result;
    // A part-wise patch that gave up may have changed the outline's nodes, which can be the document's.
    if (fast.touched) return patchWhole(file.text, parseDocument(file.text), next);
  }
  if (file.doc.errors.length > 0) throw new Error('the file is not valid YAML');
  return patchWhole(file.text, file.doc, next);
}

/** Reprints the whole document, then puts the original text back for every unit whose value is unchanged. */
function patchWhole(source: string, doc: Document, next: unknown): ParsedYaml {
  // The units of the original are read before the document is changed in place.
  const before = units(doc);
  patchDocument(doc, next);
  const printed = doc.toString(detectStyle(source));
  // Unchanged: the document was patched in place, so the text is parsed again when it is next needed.
  if (printed === source) return new ParsedYaml(source);
  const printedDoc = before ? parseDocument(printed) : undefined;
  const spliced = before && printedDoc ? splice(source, before, printedDoc, printed) : printed;
  if (spliced !== printed) {
    const splicedDoc = parseDocument(spliced);
    if (readsBackAs(splicedDoc, next)) return new ParsedYaml(spliced, { doc: splicedDoc });
  }
  return new ParsedYaml(printed, printedDoc ? { doc: printedDoc } : {});
}

/** One part of a file: its text is `text.slice(start, end)`, it holds `value`, and `node` is its (mutable) node. */
interface Part {
  start: number;
  end: number;
  node: Node;
  value: unknown;
}

interface Section extends Part {
  /** The top-level key, as a node (its style and comments are kept). */
  key: Scalar;
  name: string;
  /** The items of a block list whose items are maps with distinct ids, with their keys. */
  items: { key: string; part: Part }[] | undefined;
}

/** Where each top-level entry, and each item of a top-level list, is in a file's text. */
export interface Outline {
  sections: Section[];
  style: ToStringOptions;
}

/** The outline of a document, or undefined when its shape is not the plain one part-wise patching handles. */
function outlineOf(text: string, doc: Document, data: unknown): Outline | undefined {
  const contents = doc.contents;
  if (doc.errors.length > 0 || !isMap(contents) || contents.flow || !isRecord(data)) return undefined;
  const found = { alias: false };
  visit(doc, {
    Alias: () => {
      found.alias = true;
      return visit.BREAK;
    },
  });
  // Anchors and aliases tie parts together: they are patched as a whole.
  if (found.alias) return undefined;
  const sections: Section[] = [];
  for (const pair of contents.items) {
    const key = pair.key;
    const value = pair.value;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range || !isNode(value) || !value.range) return undefined;
    const name = key.value;
    let items: Section['items'];
    const list = data[name];
    if (isSeq(value) && !value.flow && value.items.length > 0 && Array.isArray(list) && list.length === value.items.length) {
      items = [];
      const seen = new Set<string>();
      for (const [i, item] of value.items.entries()) {
        const k = nodeKey(item);
        if (k === undefined || seen.has(k) || !isMap(item) || !item.range) {
          items = undefined;
          break;
        }
        seen.add(k);
        items.push({ key: k, part: { start: item.range[0], end: item.range[1], node: item, value: list[i] } });
      }
    }
    sections.push({ key, name, start: key.range[0], end: value.range[1], node: value, value: data[name], items });
  }
  return { sections, style: detectStyle(text) };
}

/**
 * Writes `next` into the parts of the file that changed, each printed on its own and checked to
 * read back as its new value. Gives up (no result) on anything it does not handle; `touched`
 * says whether it changed nodes of the outline before giving up.
 */
function patchParts(text: string, outline: Outline, next: unknown): { result?: ParsedYaml; touched: boolean } {
  if (!isRecord(next)) return { touched: false };
  const present = Object.keys(next).filter((k) => next[k] !== undefined);
  if (present.length !== outline.sections.length || !outline.sections.every((s) => next[s.name] !== undefined)) return { touched: false };
  // Plan first, so that giving up on an edit's shape happens before any node is changed.
  for (const s of outline.sections) {
    const v = next[s.name];
    if (s.items === undefined || sameData(s.value, v)) continue;
    if (!Array.isArray(v) || v.length < s.items.length) {
      if (Array.isArray(v) && v.every((x) => itemKey(x) !== undefined)) return { touched: false };
      continue;
    }
    const keys = new Set(s.items.map((i) => i.key));
    if (s.items.some((item, i) => itemKey(v[i]) !== item.key)) return { touched: false };
    for (const added of v.slice(s.items.length)) {
      const k = itemKey(added);
      if (k === undefined || keys.has(k)) return { touched: false };
      keys.add(k);
    }
  }
  const factory = new Document();
  const sections: Section[] = [];
  let out = '';
  let at = 0;
  let changed = false;
  const give = () => ({ touched: true });
  for (const s of outline.sections) {
    const v = next[s.name];
    out += text.slice(at, s.start);
    at = s.start;
    const shift = out.length - s.start;
    const moved = (p: Part): Part => ({ ...p, start: p.start + shift, end: p.end + shift });
    if (sameData(s.value, v)) {
      out += text.slice(s.start, s.end);
      at = s.end;
      sections.push({ ...moved(s), key: s.key, name: s.name, items: s.items?.map((i) => ({ key: i.key, part: moved(i.part) })) });
      continue;
    }
    changed = true;
    if (s.items !== undefined && Array.isArray(v) && v.length >= s.items.length && s.items.every((item, i) => itemKey(v[i]) === item.key)) {
      const items: { key: string; part: Part }[] = [];
      for (const [i, item] of s.items.entries()) {
        out += text.slice(at, item.part.start);
        const start = out.length;
        let node = item.part.node;
        if (sameData(item.part.value, v[i])) {
          out += text.slice(item.part.start, item.part.end);
        } else {
          const printed = printItem(outline.style, s.name, patchNode(factory, item.part.node, v[i]));
          if (!printed || !sameData(printed.value, v[i]) || printed.column !== column(text, item.part.start)) return give();
          out += printed.text;
          // Kept as read back from its text, like every other part.
          node = printed.node;
        }
        at = item.part.end;
        items.push({ key: item.key, part: { start, end: out.length, node, value: v[i] } });
      }
      // New items go after the last one, which must end its line.
      const last = s.items[s.items.length - 1];
      for (const added of v.slice(s.items.length)) {
        if (!last || text[last.part.end - 1] !== '\n') return give();
        const printed = printItem(outline.style, s.name, factory.createNode(added));
        if (!printed || !sameData(printed.value, added) || printed.column !== column(text, last.part.start)) return give();
        out += printed.line.slice(0, printed.column);
        const start = out.length;
        out += printed.text;
        items.push({ key: itemKey(added) ?? '', part: { start, end: out.length, node: printed.node, value: added } });
      }
      out += text.slice(at, s.end);
      at = s.end;
      const begin = s.start + shift;
      sections.push({ key: s.key, name: s.name, start: begin, end: out.length, node: s.node, value: v, items });
      continue;
    }
    const printed = printEntry(outline.style, s.key, patchNode(factory, s.node, v));
    if (!printed || !sameData(printed.value, v)) return give();
    const start = out.length;
    out += printed.text;
    at = s.end;
    sections.push({ key: s.key, name: s.name, start, end: out.length, node: printed.node, value: v, items: undefined });
  }
  out += text.slice(at);
  if (!changed) return { result: new ParsedYaml(text, { data: next, outline }), touched: false };
  const result: Outline = { sections, style: outline.style };
  return { result: new ParsedYaml(out, { data: next, outline: result }), touched: true };
}

function column(text: string, at: number): number {
  return at - (text.lastIndexOf('\n', at - 1) + 1);
}

/** Prints `key: value` as the file would, and reads it back. */
function printEntry(style: ToStringOptions, key: Scalar, value: Node | null): { text: string; node: Node; value: unknown } | undefined {
  const tmp = new Document();
  const map = new YAMLMap();
  map.items.push(new Pair(key, value));
  tmp.contents = map;
  const printed = tmp.toString(style);
  const back = parseDocument(printed);
  const pair = isMap(back.contents) ? back.contents.items[0] : undefined;
  if (back.errors.length > 0 || !pair || !isScalar(pair.key) || !isNode(pair.value)) return undefined;
  return { text: printed.slice(pair.key.range[0], pair.value.range[1]), node: pair.value, value: (back.toJS(TO_JS) as Record<string, unknown>)[String(key.value)] };
}

/** Prints an item of the top-level list `name` as the file would, and reads it back. */
function printItem(style: ToStringOptions, name: string, item: Node | null): { text: string; line: string; column: number; node: Node; value: unknown } | undefined {
  const tmp = new Document();
  const seq = new YAMLSeq();
  seq.items.push(item);
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(name), seq));
  tmp.contents = map;
  const printed = tmp.toString(style);
  const back = parseDocument(printed);
  const list = isMap(back.contents) ? back.contents.items[0]?.value : undefined;
  const node = isSeq(list) ? list.items[0] : undefined;
  if (back.errors.length > 0 || !isMap(node)) return undefined;
  const lineStart = printed.lastIndexOf('\n', node.range[0] - 1) + 1;
  const values = (back.toJS(TO_JS) as Record<string, unknown[]>)[name];
  return { text: printed.slice(node.range[0], node.range[1]), line: printed.slice(lineStart, node.range[1]), column: node.range[0] - lineStart, node, value: values?.[0] };
}

/** Whether a document reads back as `next` (key order is the file's business, not the data's). */
function readsBackAs(doc: Document, next: unknown): boolean {
  return doc.errors.length === 0 && sameData(doc.toJS(TO_JS), next);
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
function splice(source: string, before: Map<string, Unit>, printedDoc: Document, printed: string): string {
  const after = units(printedDoc);
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
