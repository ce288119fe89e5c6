/**
 * Turn the bytes or text of one file into a YAML document with source positions and its plain
 * value, or into exactly one clear issue: too large, binary, not UTF-8, nested too deeply,
 * a syntax error, duplicate keys, too many aliases. Never throws; the nesting check runs first, so
 * nothing after it can recurse deeply.
 */
import jsyaml from 'js-yaml';
import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Issue, SourceLocation } from '../issues.js';
import { MAX_ALIAS_COUNT, MAX_MODEL_BYTES, MAX_NESTING_DEPTH } from './limits.js';
import { findExcessiveNesting } from './nesting.js';
import { printable } from './printable.js';
import { buildScanIndex, type ScanIndex } from './scan-locate.js';

/** One file as handed to the loader. */
export interface SourceInput {
  /** The name used in messages, usually relative to the working directory. */
  file: string;
  /** The content; bytes are checked to be UTF-8 text. */
  text: string | Uint8Array;
  /** The size on disk in bytes, when known: a file above the limit is refused without looking at `text`. */
  size?: number;
}

/**
 * One parsed file. `doc` (the YAML document with source positions) and `lines` are built on first
 * use: a clean file never needs them, and building them costs far more than reading the value.
 */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** Whether `doc` has been built (always, for a file the fast reader refused). */
  readonly built: boolean;
  /**
   * The line index for finding positions without building `doc` (see scan-locate.ts), built on
   * first use; undefined once `doc` is built, for a file the fast reader refused, and for YAML the
   * line scanner does not follow.
   */
  readonly scan: ScanIndex | undefined;
}

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false } as const;

/**
 * A SourceFile for a text that passed the size and nesting checks. Without `parsed`, the text must
 * be one js-yaml read without error: the line scanner relies on it.
 */
export function sourceFile(file: string, text: string, parsed?: { doc: Document.Parsed; lines: LineCounter }): SourceFile {
  let cache = parsed;
  let scan: ScanIndex | undefined | null = parsed ? undefined : null;
  const get = (): { doc: Document.Parsed; lines: LineCounter } => {
    if (!cache) {
      const lines = new LineCounter();
      cache = { doc: parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines }), lines };
      scan = undefined;
    }
    return cache;
  };
  return {
    file,
    text,
    get doc() {
      return get().doc;
    },
    get lines() {
      return get().lines;
    },
    get built() {
      return cache !== undefined;
    },
    get scan() {
      if (scan === null) scan = buildScanIndex(text);
      return scan;
    },
  };
}

export interface ParseLimits {
  maxBytes?: number;
  maxDepth?: number;
  maxAliases?: number;
}

export type ParsedSource = { ok: true; source: SourceFile; value: unknown } | { ok: false; issue: Issue; source?: SourceFile };

const MiB = 1024 * 1024;
function formatSize(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1).replace(/\.0$/, '')} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function fail(file: string, code: string, message: string, hint: string, at: { line: number; column: number } = { line: 1, column: 1 }): ParsedSource {
  return { ok: false, issue: { code, severity: 'error', message, path: [], location: { file, line: at.line, column: at.column }, hint } };
}

/** Line and column (1-based) of an offset, without building a line table. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Only called after decoding failed: find the offending byte for the message.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let j = 1; j < len; j++) if (((bytes[i + j] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

export function parseSource(input: SourceInput, limits: ParseLimits = {}): ParsedSource {
  const { file } = input;
  const maxBytes = limits.maxBytes ?? MAX_MODEL_BYTES;
  const size = input.size ?? (typeof input.text === 'string' ? input.text.length : input.text.byteLength);
  if (size > maxBytes) {
    return fail(file, 'file-too-large', `the file is ${formatSize(size)}, above the ${formatSize(maxBytes)} limit for a model file`, 'Split the model with `include:` (one file per team or feature); a model this large is almost certainly not a threat model.');
  }
  let text: string;
  if (typeof input.text === 'string') text = input.text;
  else {
    const bytes = input.text;
    const nul = bytes.indexOf(0);
    if (nul >= 0) return fail(file, 'binary-file', 'this is a binary file, not a YAML or JSON model (it contains a NUL byte)', 'Give the path of a .yaml or .json model file.', bytePosition(bytes, nul));
    try {
      text = decoder.decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return fail(file, 'not-utf8', `the file is not UTF-8 text (invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})`, 'Save the model as UTF-8.', bytePosition(bytes, at));
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\0');
  if (nul >= 0) return fail(file, 'binary-file', 'this is a binary file, not a YAML or JSON model (it contains a NUL character)', 'Give the path of a .yaml or .json model file.', positionOf(text, nul));

  const maxDepth = limits.maxDepth ?? MAX_NESTING_DEPTH;
  const deep = findExcessiveNesting(text, maxDepth);
  if (deep !== undefined) {
    return fail(file, 'nesting-too-deep', `lists and mappings are nested more than ${maxDepth} levels deep`, 'A model needs only a few levels; check for unbalanced brackets.', positionOf(text, deep));
  }

  const fast = readFast(text);
  if (fast.ok && fast.value !== null && fast.value !== undefined) return { ok: true, source: sourceFile(file, text), value: fast.value };

  // The slow path: the yaml library, for its precise errors and alias limits.
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  } catch {
    return fail(file, 'yaml-syntax', 'the file could not be parsed as YAML or JSON', 'Check the file is a YAML or JSON model.');
  }
  const source = sourceFile(file, text, { doc, lines });
  const at = (offset: number): SourceLocation => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const first = doc.errors[0];
  if (first) {
    const { code, message, hint, offset } = describeYamlError(first.code, first.message, text, first.pos[0]);
    const earlier = code === 'duplicate-key' ? firstKeyLike(doc, offset) : undefined;
    const where = earlier === undefined ? '' : ` (line ${lines.linePos(earlier).line})`;
    return { ok: false, source, issue: { code, severity: 'error', message: where ? message.replace('appears earlier in this mapping', `appears earlier in this mapping${where}`) : message, path: [], location: at(offset), hint } };
  }
  const contents = doc.contents;
  if (contents === null) return { ok: false, source, issue: emptyFile(file) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliases ?? MAX_ALIAS_COUNT });
  } catch (err) {
    const firstAlias = firstAliasOffset(doc);
    const bomb = err instanceof ReferenceError && /alias/i.test(err.message);
    return { ok: false, source, issue: { code: bomb ? 'too-many-aliases' : 'yaml-syntax', severity: 'error', message: bomb ? 'the YAML aliases (*name) expand into too much data: this looks like an alias bomb' : `the file could not be read: ${err instanceof Error ? err.message : String(err)}`, path: [], location: at(firstAlias), hint: bomb ? 'Write the repeated parts out, or use `include:` to share them.' : 'Check the YAML syntax around this place.' } };
  }
  return { ok: true, source, value };
}

function emptyFile(file: string): Issue {
  return { code: 'empty-file', severity: 'error', message: 'the file is empty', path: [], location: { file, line: 1, column: 1 }, hint: 'A model starts with `threatwright: 1` and a `system:` section; run `threatwright init` for a starter model.' };
}

/**
 * The fast path: js-yaml with the YAML 1.2 core schema, about 25 times faster than building a
 * positioned document. Anything unusual (a syntax error, duplicate keys, tags, several documents,
 * an alias to a list or mapping) returns not-ok, and the yaml library reads the file instead.
 */
function readFast(text: string): { ok: true; value: unknown } | { ok: false } {
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return { ok: false };
  }
  // Only an alias shares a list or mapping, and an alias needs an anchor (`&name`): a text without
  // any `&` cannot have one, and most models are checked without walking every object.
  return text.includes('&') && sharesObjects(value) ? { ok: false } : { ok: true, value };
}

/** True when one list or mapping is reachable twice (an alias): the yaml library then enforces alias limits. */
function sharesObjects(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const seen = new Set<object>();
  const stack: object[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === undefined) break;
    if (seen.has(v)) return true;
    seen.add(v);
    const children: unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (typeof c === 'object' && c !== null) stack.push(c);
  }
  return false;
}

function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** For a duplicate key at `offset`, where the first key with the same value is in that mapping. */
function firstKeyLike(doc: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_key, map) {
      const second = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!second || !isScalar(second.key)) return undefined;
      const value = second.key.value;
      const first = map.items.find((p) => isScalar(p.key) && p.key.value === value);
      found = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      return visit.BREAK;
    },
  });
  return found;
}

/** Where the first alias (`*name`) is, to point at when aliases expand too much. */
function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'Each key may appear once per mapping; remove or rename the second one.',
  TAB_AS_INDENT: 'Indent with spaces, not tabs.',
  MULTIPLE_DOCS: 'A model file holds one document; split others into their own files and use `include:`.',
  MISSING_CHAR: 'Check for an unclosed quote or bracket.',
  BAD_INDENT: 'Check the indentation: items of one list or mapping line up under each other.',
};

function describeYamlError(code: string, raw: string, text: string, offset: number): { code: string; message: string; hint: string; offset: number } {
  let message = raw.split('\n')[0] ?? raw;
  message = message.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^\s:,{}[\]]+|^"[^"]*"|^'[^']*'/.exec(text.slice(offset, offset + 200))?.[0];
    return { code: 'duplicate-key', message: key ? `duplicate key \`${printable(key.replace(/^["']|["']$/g, ''), 60)}\`: it already appears earlier in this mapping` : 'duplicate key: it already appears earlier in this mapping', hint: YAML_HINTS[code] ?? '', offset };
  }
  if (/call stack/i.test(message)) return { code: 'nesting-too-deep', message: 'lists and mappings are nested too deeply', hint: 'A model needs only a few levels; check for unbalanced brackets.', offset };
  if (code === 'MULTIPLE_DOCS') return { code: 'yaml-syntax', message: 'the file holds more than one YAML document (a second `---`)', hint: YAML_HINTS[code] ?? '', offset };
  if (code === 'MISSING_CHAR' && /quote/i.test(message)) {
    // yaml reports the end of the file; the opening quote is where the mistake is.
    const quote = message.includes("'quote") ? "'" : '"';
    const open = text.lastIndexOf(quote, Math.max(0, offset - 1));
    return { code: 'yaml-syntax', message: `YAML syntax error: this ${quote === '"' ? 'double' : 'single'}-quoted text is never closed`, hint: YAML_HINTS[code] ?? '', offset: open >= 0 ? open : offset };
  }
  const lower = message.charAt(0).toLowerCase() + message.slice(1);
  return { code: 'yaml-syntax', message: `YAML syntax error: ${lower}`, hint: YAML_HINTS[code] ?? 'Check the YAML syntax around this place.', offset };
}
