/**
 * Explicit signatures for format detection: the syntax of a file, its top-level keys (JSON or
 * YAML), the local name of its XML root, and its first meaningful line — read with a linear
 * scan, without parsing the file or trying any importer.
 */
import { stripBom } from './decode.js';

export interface Signature {
  syntax: 'json' | 'xml' | 'yaml' | 'empty';
  /** Keys of the top-level object (JSON or YAML block mapping). */
  keys: ReadonlySet<string>;
  /** Local name of the XML root element (namespace prefix removed). */
  root: string | undefined;
  /** First line that is neither blank nor a comment (`#`, `%%`, `//`), trimmed. */
  firstLine: string;
}

let cache: { text: string; signature: Signature } | undefined;

export function sniff(text: string): Signature {
  if (cache?.text === text) return cache.signature;
  const body = stripBom(text);
  const start = body.search(/\S/);
  const first = start < 0 ? '' : body[start];
  const signature: Signature =
    start < 0
      ? { syntax: 'empty', keys: new Set(), root: undefined, firstLine: '' }
      : first === '{'
        ? { syntax: 'json', keys: jsonTopKeys(body, start), root: undefined, firstLine: firstLine(body) }
        : first === '<'
          ? { syntax: 'xml', keys: new Set(), root: xmlRoot(body, start), firstLine: firstLine(body) }
          : { syntax: 'yaml', keys: yamlTopKeys(body), root: undefined, firstLine: firstLine(body) };
  cache = { text, signature };
  return signature;
}

/** Keys at depth 1 of a JSON object, scanning strings and brackets only. */
function jsonTopKeys(text: string, start: number): Set<string> {
  const keys = new Set<string>();
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) {
        let k = j + 1;
        while (k < text.length && /\s/.test(text[k] ?? '')) k++;
        if (text[k] === ':') {
          try {
            keys.add(JSON.parse(text.slice(i, j + 1)) as string);
          } catch {
            keys.add(text.slice(i + 1, j));
          }
        }
      }
      i = j;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  return keys;
}

const YAML_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z_$][\w$.-]*))[ \t]*:(?:[ \t]|$)/;

/** Keys of a top-level YAML block mapping: lines that start in column 0 with `key:`. */
function yamlTopKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = YAML_KEY.exec(line);
    if (m) keys.add(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return keys;
}

/** Local name of the root element, after the prolog, comments and a doctype. */
function xmlRoot(text: string, start: number): string | undefined {
  let i = start;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (text.startsWith('<?', i)) i = text.indexOf('?>', i) + 2;
    else if (text.startsWith('<!--', i)) i = text.indexOf('-->', i) + 3;
    else if (text.startsWith('<!', i)) i = text.indexOf('>', i) + 1;
    else break;
    if (i <= 1) return undefined;
  }
  const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(i, i + 256));
  return m?.[2];
}

function firstLine(text: string): string {
  for (const raw of text.split(/\r?\n/, 200)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('%%') || line.startsWith('//')) continue;
    return line;
  }
  return '';
}
