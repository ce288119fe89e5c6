/**
 * Bounded decoding of foreign files: size limit, byte-order marks and encodings, then JSON or
 * YAML parsing with a nesting-depth limit and without alias expansion bombs.
 *
 * Every failure is an `Issue` naming the file, line and column and what to do; nothing throws.
 */
import { LineCounter, parseDocument } from 'yaml';
import { MAX_MODEL_BYTES, MAX_NESTING_DEPTH, type Issue } from '@threatwright/core';

/**
 * Largest input accepted, in bytes: the size limit of a model file (a real .tm7 with its knowledge
 * base is ~1–2 MB), so an import never produces work the loader would refuse for its size.
 */
export const MAX_INPUT_BYTES = MAX_MODEL_BYTES;
/**
 * Deepest nesting of objects/arrays accepted in JSON or YAML: the loader's own limit, so whatever
 * an importer reads, the model it writes can be loaded (the root mapping counts as one level).
 */
export const MAX_DEPTH = MAX_NESTING_DEPTH;
/** Most YAML alias dereferences accepted (the default `yaml` limit is generous; bombs need thousands). */
export const MAX_YAML_ALIASES = 100;

export type Decoded = { ok: true; text: string } | { ok: false; issue: Issue };

function fail(file: string, code: string, message: string, hint?: string, line = 1, column = 1): { ok: false; issue: Issue } {
  return { ok: false, issue: { code, severity: 'error', message, path: [], location: { file, line, column }, ...(hint ? { hint } : {}) } };
}

/**
 * Turns raw bytes into text: rejects oversized input, honours UTF-8 and UTF-16 byte-order marks,
 * and rejects bytes that are not valid UTF-8 (rather than silently replacing them).
 */
export function decodeBytes(bytes: Uint8Array, file: string, maxBytes = MAX_INPUT_BYTES): Decoded {
  if (bytes.byteLength > maxBytes) {
    return fail(file, 'input-too-large', `file is ${formatSize(bytes.byteLength)}, larger than the ${formatSize(maxBytes)} accepted`, 'Split the model or check that this is the right file.');
  }
  const binary = binaryKind(bytes);
  if (binary) return fail(file, 'binary-input', `file is ${binary}, not the text file a threat-modeling tool exports`, binary.includes('ZIP') ? 'Unzip it and import the model file inside, or check that this is the right file.' : 'Check that this is the right file.');
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    return fail(file, 'bad-encoding', `file is not valid ${encoding.toUpperCase()} text`, 'Save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.');
  }
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x1f, 0x8b], 'gzip-compressed'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
];

/** What kind of binary file the bytes are (by magic number, or NUL bytes in UTF-8 territory), if any. */
function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [magic, kind] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return kind;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return 'a binary file';
  return undefined;
}

/** Removes a leading byte-order mark from text that was decoded elsewhere. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: end - lastBreak };
}

/**
 * Finds the first place where JSON nesting exceeds `maxDepth`, scanning brackets outside strings.
 * Runs before `JSON.parse` so a hostile file cannot exhaust the stack.
 */
export function jsonDepthExceeded(text: string, maxDepth = MAX_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

export type Parsed = { ok: true; value: unknown; warnings?: Issue[] } | { ok: false; issue: Issue };

/** Parses JSON text with a depth limit; a syntax error names the line and column. */
export function parseJsonText(text: string, file: string, what = 'JSON'): Parsed {
  const body = stripBom(text);
  const deep = jsonDepthExceeded(body);
  if (deep !== undefined) {
    const at = lineColumn(body, deep);
    return fail(file, 'input-too-deep', `${what} is nested more than ${MAX_DEPTH} levels deep`, 'This is not a file a modelling tool writes; check its origin.', at.line, at.column);
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const error = findJsonError(body);
    const at = lineColumn(body, error.offset);
    return fail(file, 'json-syntax', `not valid ${what}: ${error.reason}`, 'Check that the file is complete and was saved by the tool that made it.', at.line, at.column);
  }
}

/**
 * Where JSON text first goes wrong, and why. Runs only after `JSON.parse` failed (whose messages
 * carry no position on some Node versions); depth is already bounded, so recursion is safe.
 */
export function findJsonError(text: string): { offset: number; reason: string } {
  let i = 0;
  class Stop extends Error {
    constructor(readonly offset: number, readonly reason: string) {
      super(reason);
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const unexpected = (expected: string): never => {
    throw new Stop(i, i >= text.length ? `unexpected end of file, expected ${expected}` : `unexpected ${JSON.stringify(text[i])}, expected ${expected}`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) throw new Stop(i, 'control character inside a string');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) throw new Stop(i, 'unterminated string');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') unexpected('a quoted key');
        string();
        ws();
        if (text[i] !== ':') unexpected('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else unexpected('"," or "}"');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else unexpected('"," or "]"');
      }
    } else if (c === '"') string();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) unexpected('a value');
      else i += m[0].length;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) unexpected('end of file');
    return { offset: 0, reason: 'unknown syntax error' };
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, reason: err.reason };
    throw err;
  }
}

/** Parses YAML text (one document) with alias and depth limits; errors name the line and column. */
export function parseYamlText(text: string, file: string, what = 'YAML'): Parsed {
  const lines = new LineCounter();
  const options = { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false } as const;
  const body = stripBom(text);
  // The yaml library parses nesting by recursion: bound it first, in one linear pass.
  const deep = yamlDepthExceeded(body);
  if (deep !== undefined) {
    const at = lineColumn(body, deep);
    return fail(file, 'input-too-deep', `${what} is nested more than ${MAX_DEPTH} levels deep`, 'This is not a file a modelling tool writes; check its origin.', at.line, at.column);
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(body, options);
  } catch (err) {
    return fail(file, 'yaml-syntax', `not valid ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let first = doc.errors[0];
  const warnings: Issue[] = [];
  if (first?.code === 'MISSING_CHAR') {
    // Other YAML readers (PyYAML, SnakeYAML) accept a quoted value whose continuation lines sit at
    // its key's indentation; files written for them (the OTM specification's example among them)
    // rely on it. Re-indent those lines and accept the result only if it then parses cleanly.
    const relaxed = relaxQuotedIndentation(stripBom(text));
    if (relaxed) {
      const retry = parseDocument(relaxed.text, { ...options, lineCounter: new LineCounter() });
      if (retry.errors.length === 0) {
        doc = retry;
        first = undefined;
        warnings.push({ code: 'yaml-lenient', severity: 'warning', message: `a quoted value continues at its key's indentation (line ${relaxed.lines.join(', ')}); read as other YAML tools read it`, path: [], location: { file, line: relaxed.lines[0] ?? 1, column: 1 } });
      }
    }
  }
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    return fail(file, 'yaml-syntax', `not valid ${what}: ${first.message.split('\n')[0] ?? first.message}`, undefined, pos.line, pos.col);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    return fail(file, 'yaml-aliases', `${what} expands too many aliases (${err instanceof Error ? err.message : String(err)})`, 'This looks like an alias bomb; it is not a file a modelling tool writes.');
  }
  if (depthOf(value, MAX_DEPTH + 1) > MAX_DEPTH) {
    return fail(file, 'input-too-deep', `${what} is nested more than ${MAX_DEPTH} levels deep`, 'This is not a file a modelling tool writes; check its origin.');
  }
  return { ok: true, value, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * Where YAML nesting may first exceed `maxDepth`, by one linear pass over the lines: an upper
 * estimate (each deeper indentation opens a level, as does each `- ` that starts a compact entry
 * and each flow bracket outside quotes), so a nesting bomb never reaches the parser's recursion.
 * Block scalars (`|`, `>`) are skipped; a real model nests about ten levels, so an estimate that
 * over-counts a little refuses nothing real.
 */
export function yamlDepthExceeded(text: string, maxDepth = MAX_DEPTH): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let blockScalar = -1; // indentation of the line that opened a block scalar, while inside it
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const first = text.charCodeAt(i);
    const blank = i >= end || first === 13 || first === 35; // empty, CR only, or a comment
    if (blockScalar >= 0 && (blank || indent > blockScalar)) {
      lineStart = end + 1;
      continue;
    }
    blockScalar = -1;
    if (!blank) {
      if (flow === 0) {
        while (indents.length > 0 && (indents.at(-1) ?? 0) >= indent) indents.pop();
        indents.push(indent);
      }
      let depth = indents.length + flow;
      if (depth > maxDepth) return i;
      // Compact entries (`- - x`, `- a: b`) and flow collections on the line.
      let quote = 0;
      for (let k = i; k < end; k++) {
        const c = text.charCodeAt(k);
        if (quote !== 0) {
          if (c === quote) quote = 0;
          else if (c === 92 && quote === 34) k++;
          continue;
        }
        if (c === 34 || c === 39) {
          const prev = text.charCodeAt(k - 1);
          if (k === i || prev === 32 || prev === 91 || prev === 123 || prev === 44 || prev === 58) quote = c;
        } else if (c === 35 && text.charCodeAt(k - 1) === 32) break;
        else if (c === 45 && flow === 0 && (text.charCodeAt(k + 1) === 32 || k + 1 === end) && (k === i || text.charCodeAt(k - 1) === 32)) depth++;
        else if (c === 91 || c === 123) {
          flow++;
          depth++;
        } else if ((c === 93 || c === 125) && flow > 0) flow--;
        if (depth > maxDepth) return k;
      }
      if (flow === 0 && /[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(Math.max(i, end - 16), end))) blockScalar = indent;
    }
    lineStart = end + 1;
  }
  return undefined;
}

/**
 * Indents continuation lines of multi-line quoted scalars that are not indented beyond their key.
 * Returns undefined when there is nothing to change.
 */
export function relaxQuotedIndentation(text: string): { text: string; lines: number[] } | undefined {
  const lines = text.split('\n');
  const changed: number[] = [];
  let open: { quote: string; indent: number } | undefined;
  /** Indentation of a `key:` whose value starts on the next line. */
  let keyIndent: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (open) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' && indent <= open.indent) {
        lines[i] = ' '.repeat(open.indent + 2) + line.trimStart();
        changed.push(i + 1);
      }
      if (closes(line, open.quote)) open = undefined;
      continue;
    }
    const trimmed = line.trimStart();
    if (keyIndent !== undefined && trimmed !== '') {
      const quote = trimmed[0];
      if ((quote === "'" || quote === '"') && !closes(trimmed.slice(1), quote)) open = { quote, indent: keyIndent };
      keyIndent = undefined;
      if (open) continue;
    }
    const m = /^(\s*(?:-\s+)?)[^\s#'"][^#'"]*?:(?:\s+(['"])(.*))?\s*$/.exec(line);
    if (!m) continue;
    if (m[2] === undefined) keyIndent = (m[1] ?? '').length;
    else if (!closes(m[3] ?? '', m[2])) open = { quote: m[2], indent: (m[1] ?? '').length };
  }
  return changed.length > 0 ? { text: lines.join('\n'), lines: changed } : undefined;
}

/** Whether a line (inside a quoted scalar) contains its closing quote. */
function closes(rest: string, quote: string): boolean {
  if (quote === "'") return rest.replace(/''/g, '').includes("'");
  return /(^|[^\\])(\\\\)*"/.test(rest);
}

/** Nesting depth of plain data, stopping once `limit` is reached (iterative: no recursion on hostile data). */
export function depthOf(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max >= limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}
