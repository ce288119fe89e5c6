/**
 * Turn the bytes or text of one file into a YAML document with source positions and its plain
 * value, or into exactly one clear issue: too large, binary, not UTF-8, nested too deeply,
 * a syntax error, duplicate keys, too many aliases. Never throws; the nesting check runs first, so
 * nothing after it can recurse deeply.
 */
import jsyaml from 'js-yaml';
import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Issue, SourceLocation } from '../issues.js';
import { MAX_ALIAS_COUNT, MAX_MODEL_BYTES, MAX_NESTING_DEPTH, MAX_SLOW_PARSE_BYTES } from './limits.js';
import { findExcessiveNesting } from './nesting.js';
import { printable } from './printable.js';
import { locateIn } from './locate.js';
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
  /** Largest file the slower, positioned parser reads (see MAX_SLOW_PARSE_BYTES). */
  maxSlowBytes?: number;
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

  // The fast path: js-yaml reads the value, refusing deep nesting as it goes (so it never recurses
  // deeply), and a loop over the value measures it exactly.
  const maxDepth = limits.maxDepth ?? MAX_NESTING_DEPTH;
  const fast = readFast(text, maxDepth);
  if (fast.ok) {
    const shape = measure(fast.value, maxDepth, text.includes('&') ? 'find' : 'none');
    if (shape.deepest !== undefined) return tooDeep(file, text, maxDepth, sourceFile(file, text), shape.deepest);
    if (shape.reserved !== undefined) return reservedKey(sourceFile(file, text), shape.reserved);
    const nothing = fast.value === null || fast.value === undefined; // empty, or `~`: the slow path tells which
    if (!shape.shared && !nothing) return { ok: true, source: sourceFile(file, text), value: fast.value };
    if (nothing && text.length > (limits.maxSlowBytes ?? MAX_SLOW_PARSE_BYTES)) return { ok: false, source: sourceFile(file, text), issue: emptyFile(file) };
  } else if (fast.error.tooDeep) {
    return fail(file, 'nesting-too-deep', `lists and mappings are nested more than ${maxDepth} levels deep`, NESTING_HINT, fast.error.at);
  }

  // The slow path: the yaml library, for its precise errors and its alias limits. Its positioned
  // document costs about a second and 80 MB per MiB (and far more on text with thousands of errors on
  // one line), and it recurses on nesting. So after a syntax error it reads the text only up to a
  // little past the place js-yaml stopped, never more than MAX_SLOW_PARSE_BYTES, and only when a
  // linear scan finds it nested within the limit; otherwise js-yaml's own error is reported.
  const slowBytes = limits.maxSlowBytes ?? MAX_SLOW_PARSE_BYTES;
  let upTo = text.length;
  if (!fast.ok) {
    const nl = text.indexOf('\n', fast.error.offset);
    upTo = Math.min(text.length, nl < 0 ? text.length : nl + 1, fast.error.offset + 1000);
    if (upTo > slowBytes) return { ok: false, source: sourceFile(file, text), issue: jsyamlIssue(file, fast.error, text) };
    if (findExcessiveNesting(upTo === text.length ? text : text.slice(0, upTo), maxDepth) !== undefined) return { ok: false, source: sourceFile(file, text), issue: jsyamlIssue(file, fast.error, text) };
  } else if (text.length > slowBytes) {
    return fail(file, 'aliases-in-large-file', `this file shares lists or mappings through aliases (*name), which are read only in files up to ${formatSize(slowBytes)}; it is ${formatSize(text.length)}`, 'Write the shared parts out, or split the model with `include:` so each file stays smaller.', positionOf(text, Math.max(0, text.indexOf('&'))));
  }

  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(upTo === text.length ? text : text.slice(0, upTo), { ...YAML_OPTIONS, lineCounter: lines });
  } catch {
    return fail(file, 'yaml-syntax', 'the file could not be parsed as YAML or JSON', 'Check the file is a YAML or JSON model.');
  }
  if (upTo < text.length) {
    // Read in part: the yaml library's first error stands when it is no later than js-yaml's.
    const first = doc.errors[0];
    if (!fast.ok && (!first || first.pos[0] > fast.error.offset)) return { ok: false, source: sourceFile(file, text), issue: jsyamlIssue(file, fast.error, text) };
  }
  const source = upTo === text.length ? sourceFile(file, text, { doc, lines }) : sourceFile(file, text);
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
    const location = at(firstAliasOffset(doc));
    if (err instanceof ReferenceError && /alias/i.test(err.message)) return { ok: false, source, issue: aliasBomb(file, location) };
    return { ok: false, source, issue: { code: 'yaml-syntax', severity: 'error', message: `the file could not be read: ${printable(err instanceof Error ? err.message : String(err), 200)}`, path: [], location, hint: 'Check the YAML syntax around this place.' } };
  }
  const shape = measure(value, maxDepth, 'expand');
  if (shape.tooMany) return { ok: false, source, issue: aliasBomb(file, at(firstAliasOffset(doc))) };
  if (shape.deepest !== undefined) return tooDeep(file, text, maxDepth, source, shape.deepest);
  if (shape.reserved !== undefined) return reservedKey(source, shape.reserved);
  return { ok: true, source, value };
}

function aliasBomb(file: string, location: SourceLocation): Issue {
  return { code: 'too-many-aliases', severity: 'error', message: 'the YAML aliases (*name) expand into too much data: this looks like an alias bomb', path: [], location: { ...location, file }, hint: 'Write the repeated parts out, or use `include:` to share them.' };
}

const NESTING_HINT = 'A model needs only a few levels; check for unbalanced brackets.';

function tooDeep(file: string, text: string, maxDepth: number, source: SourceFile, path: (string | number)[]): ParsedSource {
  const at = locateIn(source, path) ?? { file, ...positionOf(text, 0) };
  return { ok: false, source, issue: { code: 'nesting-too-deep', severity: 'error', message: `lists and mappings are nested more than ${maxDepth} levels deep`, path, location: at, hint: NESTING_HINT } };
}

function reservedKey(source: SourceFile, path: (string | number)[]): ParsedSource {
  const at = locateIn(source, path, { key: true }) ?? { file: source.file, line: 1, column: 1 };
  return { ok: false, source, issue: { code: 'reserved-key', severity: 'error', message: 'the key `__proto__` is not allowed: JavaScript gives it a meaning of its own', path, location: at, hint: 'Rename the key.' } };
}

/** Most list and mapping references `measure` follows in a value whose aliases it expands. */
const MAX_MEASURED_REFERENCES = 4_000_000;

interface Shape {
  /** A list or mapping is reached twice (through an alias); only looked for with `aliases: 'find'`. */
  shared: boolean;
  /** With `aliases: 'expand'`: the references to follow ran past MAX_MEASURED_REFERENCES. */
  tooMany?: boolean;
  /** The path of the first list or mapping nested past the limit. */
  deepest?: (string | number)[];
  /** The path of the first `__proto__` key. */
  reserved?: (string | number)[];
}

/**
 * One loop over a parsed value (no recursion): how deeply its lists and mappings nest (a mapping or
 * list at the top is level 1) and where the first `__proto__` key is. Aliases make a list or mapping
 * reachable twice: `'none'` says the text has no anchors; `'find'` notes the first one shared and
 * measures it once; `'expand'` follows every reference, as the model's readers will, within a budget.
 */
function measure(value: unknown, maxDepth: number, aliases: 'none' | 'find' | 'expand'): Shape {
  // The first pass keeps no paths (a large model has a million objects); only a problem found is
  // looked for again, with them.
  const shape = walk(value, maxDepth, aliases, false);
  return shape.deepest !== undefined || shape.reserved !== undefined ? walk(value, maxDepth, aliases, true) : shape;
}

function walk(value: unknown, maxDepth: number, aliases: 'none' | 'find' | 'expand', paths: boolean): Shape {
  if (typeof value !== 'object' || value === null) return { shared: false };
  const seen = aliases === 'find' ? new Set<object>() : undefined;
  // Parallel stacks: the object, its depth, its parent's entry in the trail and its key there.
  const stack: object[] = [value];
  const depths: number[] = [1];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  // Every entry popped, to rebuild a path when one is needed.
  const trailParent: number[] = [];
  const trailKey: (string | number)[] = [];
  let shared = false;
  let count = 0;
  const pathOf = (entry: number, last?: string | number): (string | number)[] => {
    if (!paths) return [];
    const out: (string | number)[] = last === undefined ? [] : [last];
    for (let e = entry; e > 0; e = trailParent[e] ?? -1) out.push(trailKey[e] ?? '');
    return out.reverse();
  };
  const push = (c: object, depth: number, parent: number, key: string | number): void => {
    stack.push(c);
    depths.push(depth);
    parents.push(parent);
    keys.push(key);
  };
  while (stack.length > 0) {
    const v = stack.pop() as object;
    const depth = depths.pop() as number;
    const parent = parents.pop() as number;
    const key = keys.pop() as string | number;
    const entry = count++;
    if (entry > MAX_MEASURED_REFERENCES && aliases === 'expand') return { shared, tooMany: true };
    if (paths) {
      trailParent.push(parent);
      trailKey.push(key);
    }
    if (depth > maxDepth) return { shared, deepest: pathOf(entry) };
    if (seen) {
      if (seen.has(v)) {
        shared = true;
        continue;
      }
      seen.add(v);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const c: unknown = v[i];
        if (typeof c === 'object' && c !== null) push(c, depth + 1, entry, i);
      }
    } else {
      const record = v as Record<string, unknown>;
      const names = Object.keys(record);
      for (let i = names.length - 1; i >= 0; i--) {
        const name = names[i] as string;
        if (name === '__proto__') return { shared, reserved: pathOf(entry, name) };
        const c = record[name];
        if (typeof c === 'object' && c !== null) push(c, depth + 1, entry, name);
      }
    }
  }
  return { shared };
}

function emptyFile(file: string): Issue {
  return { code: 'empty-file', severity: 'error', message: 'the file is empty', path: [], location: { file, line: 1, column: 1 }, hint: 'A model starts with `threatwright: 1` and a `system:` section; run `threatwright init` for a starter model.' };
}

interface FastError {
  /** Nesting past the limit, which js-yaml refuses as it reads. */
  tooDeep: boolean;
  reason: string;
  at: { line: number; column: number };
  offset: number;
}

/**
 * The fast path: js-yaml with the YAML 1.2 core schema, about 25 times faster than building a
 * positioned document. Anything unusual (a syntax error, duplicate keys, tags, several documents)
 * throws, with the place of the mistake; an alias to a list or mapping is found by `measure`.
 * js-yaml's `maxDepth` only keeps it from recursing deeply: it counts its own steps (a scalar inside
 * the deepest list, and one or two more per level in block style), so the limit it gets is twice
 * the model's, and `measure` counts lists and mappings exactly on the value.
 */
function readFast(text: string, maxDepth: number): { ok: true; value: unknown } | { ok: false; error: FastError } {
  try {
    // maxDepth is newer than the type declarations of js-yaml.
    const options = { schema: jsyaml.CORE_SCHEMA, json: false, maxDepth: 2 * maxDepth + 8 } as jsyaml.LoadOptions;
    return { ok: true, value: jsyaml.load(text, options) };
  } catch (err) {
    const e = err as { reason?: unknown; mark?: { line?: unknown; column?: unknown; position?: unknown }; message?: unknown };
    const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(err);
    let line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : 1;
    let column = typeof e.mark?.column === 'number' ? e.mark.column + 1 : 1;
    // Without a mark (several documents) the place is unknown: the slow path then reads the whole text.
    const offset = typeof e.mark?.position === 'number' ? e.mark.position : text.length;
    // For a key repeated in a flow mapping that spans lines, js-yaml pairs the key's position with
    // a later line's start, so its column comes out negative: the position alone is right.
    if (line < 1 || column < 1) ({ line, column } = positionOf(text, Math.min(offset, text.length)));
    // A stack overflow inside js-yaml is nesting too, whatever the limit.
    return { ok: false, error: { tooDeep: /maxDepth|call stack/i.test(reason), reason, at: { line, column }, offset } };
  }
}

/** An issue for js-yaml's error, when the yaml library is not asked for its own (large files). */
function jsyamlIssue(file: string, error: FastError, text: string): Issue {
  const location = { file, ...error.at };
  const reason = error.reason.split('\n')[0] ?? error.reason;
  if (/duplicated mapping key/.test(reason)) {
    return { code: 'duplicate-key', severity: 'error', message: 'duplicate key: it already appears earlier in this mapping', path: [], location, hint: YAML_HINTS['DUPLICATE_KEY'] ?? '' };
  }
  if (/expected a single document/.test(reason)) {
    return { code: 'yaml-syntax', severity: 'error', message: 'the file holds more than one YAML document (a second `---`)', path: [], location, hint: YAML_HINTS['MULTIPLE_DOCS'] ?? '' };
  }
  const quoted = /end of the stream within a (single|double) quoted scalar/.exec(reason);
  if (quoted) {
    // js-yaml reports the end of the file; the opening quote is where the mistake is.
    const open = text.lastIndexOf(quoted[1] === 'single' ? "'" : '"', Math.max(0, error.offset - 1));
    return { code: 'yaml-syntax', severity: 'error', message: `YAML syntax error: this ${quoted[1] ?? 'double'}-quoted text is never closed`, path: [], location: open >= 0 ? { file, ...positionOf(text, open) } : location, hint: YAML_HINTS['MISSING_CHAR'] ?? '' };
  }
  return { code: 'yaml-syntax', severity: 'error', message: `YAML syntax error: ${printable(reason, 200)}`, path: [], location, hint: 'Check the YAML syntax around this place.' };
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
