/**
 * Safe XML reading for .tm7 files: no DTDs, no entity expansion beyond the five predefined
 * entities and character references, bounded size and depth. Elements are matched by local name
 * (the Threat Modeling Tool's namespace prefixes vary between files and versions).
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';

/** A parsed element: local name, attributes by local name, child elements in order, text. */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

/** Deepest element nesting accepted (a real .tm7 nests about 12 levels). */
export const MAX_XML_DEPTH = 64;

export type XmlResult = { ok: true; root: XNode } | { ok: false; message: string; hint: string; at?: { line: number; column: number } };

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined XML entities and numeric character references; nothing else is expanded. */
export function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return Object.hasOwn(ENTITY, ref) ? (ENTITY[ref] ?? whole) : whole;
  });
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Finds where element nesting first exceeds `max`, scanning tags linearly (before any parser recursion). */
function depthExceededAt(text: string, max: number): number | undefined {
  let depth = 0;
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const next = text[i + 1];
    if (next === '/') depth--;
    else if (next === '!' || next === '?') {
      const close = text.startsWith('<![CDATA[', i) ? text.indexOf(']]>', i) : text.startsWith('<!--', i) ? text.indexOf('-->', i) : text.indexOf('>', i);
      if (close < 0) return undefined;
      i = text.indexOf('<', close);
      continue;
    } else {
      const end = text.indexOf('>', i);
      if (end < 0) return undefined;
      if (text[end - 1] !== '/' && ++depth > max) return i;
    }
    i = text.indexOf('<', i + 1);
  }
  return undefined;
}

type Ordered = Record<string, unknown>;

function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function toNode(name: string, body: unknown, attrs: unknown): XNode {
  const node: XNode = { name: localName(name), attrs: {}, children: [], text: '' };
  if (attrs && typeof attrs === 'object') {
    for (const [k, v] of Object.entries(attrs as Record<string, unknown>)) {
      if (typeof v === 'string') node.attrs[localName(k)] = decodeXmlText(v);
    }
  }
  if (Array.isArray(body)) {
    for (const item of body as Ordered[]) {
      for (const [key, value] of Object.entries(item)) {
        if (key === ':@') continue;
        if (key === '#text') node.text += decodeXmlText(typeof value === 'string' ? value : String(value));
        else node.children.push(toNode(key, value, item[':@']));
      }
    }
  }
  return node;
}

/**
 * Parses XML text into an `XNode` tree. Refuses DTDs (the Threat Modeling Tool never writes one,
 * and they are how XXE and entity-expansion attacks arrive), over-deep nesting and malformed XML.
 */
export function parseXml(text: string): XmlResult {
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype) {
    return { ok: false, message: 'the XML declares a DTD (<!DOCTYPE …>), which is not accepted', hint: 'Files saved by the Threat Modeling Tool have no DTD; check where this file came from.', at: position(text, doctype.index) };
  }
  const deep = depthExceededAt(text, MAX_XML_DEPTH);
  if (deep !== undefined) {
    return { ok: false, message: `the XML nests elements more than ${MAX_XML_DEPTH} levels deep`, hint: 'This is not a file the Threat Modeling Tool writes; check its origin.', at: position(text, deep) };
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: MAX_XML_DEPTH + 1,
  });
  try {
    // Well-formedness first: the parser itself is lenient about unclosed or mismatched tags.
    SyntaxValidator.validate(text, { docType: { maxEntityCount: 0, maxEntitySize: 0 } });
  } catch (err) {
    const e = err as { message?: unknown; line?: unknown; col?: unknown };
    const raw = typeof e.message === 'string' ? e.message : String(err);
    const at = typeof e.line === 'number' ? { line: e.line, column: typeof e.col === 'number' ? e.col : 1 } : undefined;
    return { ok: false, message: `not well-formed XML: ${raw.split('\n')[0] ?? raw}`, hint: 'Open and save the model again in the Threat Modeling Tool, or check that the file is complete.', ...(at ? { at } : {}) };
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `not well-formed XML: ${raw.split('\n')[0] ?? raw}`, hint: 'Open and save the model again in the Threat Modeling Tool, or check that the file is complete.' };
  }
  if (!Array.isArray(parsed)) return { ok: false, message: 'no XML root element', hint: 'Check that this is a .tm7 file.' };
  for (const item of parsed as Ordered[]) {
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@' || key.startsWith('#') || key.startsWith('?')) continue;
      return { ok: true, root: toNode(key, value, item[':@']) };
    }
  }
  return { ok: false, message: 'no XML root element', hint: 'Check that this is a .tm7 file.' };
}

// ---- navigation helpers --------------------------------------------------------------------

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function children(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Text of a direct child, or undefined when absent or nil. */
export function textOf(node: XNode | undefined, name: string): string | undefined {
  const c = child(node, name);
  if (!c || c.attrs.nil === 'true') return undefined;
  return c.text;
}

/** All descendants with the local name, depth first. */
export function descendants(node: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  const stack = [...node.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop() as XNode;
    if (n.name === name) out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as XNode);
  }
  return out;
}

/** The `i:type` of an element, without its namespace prefix (e.g. `BorderBoundary`). */
export function xsiType(node: XNode): string | undefined {
  const t = node.attrs.type;
  return t === undefined ? undefined : localName(t);
}
