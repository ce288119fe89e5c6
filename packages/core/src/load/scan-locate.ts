/**
 * Source positions for model paths, found by reading lines instead of building a positioned YAML
 * document. Building the document costs seconds on a large model; one pass over the lines builds a
 * small index (where each line starts, the column of its first token, and the next line at the same
 * or a lower column), after which each lookup reads only the lines on its way to the path.
 *
 * The scanner follows the YAML a model file is written in: block mappings and sequences (compact
 * `key:\n- item` style too), `- key: value` items, plain and quoted keys, inline scalars, block
 * scalars, multi-line quoted and plain scalars, comments, a `---` first line, and flow collections
 * written on one line. It gives exactly the position the positioned document gives, or `undefined`
 * for anything it does not follow (anchors, aliases, tags, `? ` keys, tabs in indentation,
 * directives, empty values, flow collections spanning lines, unusual keys …); the caller then builds
 * the document. It assumes text that js-yaml has read without error.
 */
import type { LocateOptions, ModelPath } from './locate.js';

/** The line index of one text; see `buildScanIndex`. */
export interface ScanIndex {
  readonly text: string;
  /** Offset where each line starts; one extra entry, one past the end of the text. */
  readonly starts: Int32Array;
  /** Column (0-based) of the first token of each structural line; -1 for blank lines, comments and the inside of scalars and multi-line flow collections. */
  readonly cols: Int32Array;
  /** For a structural line, the next structural line at the same or a lower column; for any other line, the next structural line (the line count when there is none). */
  readonly next: Int32Array;
  /** The number of lines. */
  readonly count: number;
  /** The entry lines of long sequences, by the offset of their first entry, filled as lookups need them. */
  readonly entries: Map<number, Int32Array>;
  /** The entries of one-line flow collections, by the offset of their bracket, read once when a lookup first enters them. */
  readonly flows: Map<number, FlowEntries>;
  /**
   * The key lines of block mappings, by the offset of their first key, read once when a lookup first
   * enters them: the walk from one key to the next passes every entry of a long list between them
   * (`components:` before `flows:`), so each lookup from the root was as long as the model.
   */
  readonly maps: Map<number, MapKeys>;
}

interface MapKeys {
  /** The line of each key, in order. */
  readonly lines: Int32Array;
  /** The mapping goes on past the last key listed in a way the scanner does not follow. */
  readonly broken: boolean;
}

/**
 * The entries of a one-line flow collection (`{a: 1, b: [2]}`, or a whole model written as one line
 * of JSON), read in one pass so that every later lookup inside it is direct, not a walk from its
 * bracket (which made locating one issue per component quadratic on one-line JSON).
 */
interface FlowEntries {
  /** Where each entry starts: its key in a mapping, the item in a sequence. */
  readonly starts: number[];
  /** In a mapping, where each key ends (blanks trimmed). */
  readonly keyStops: number[];
  /** In a mapping, where each value starts. */
  readonly values: number[];
  /** The scanner cannot follow the collection past this many entries; undefined when it ends after the last. */
  readonly brokenAt: number | undefined;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Thrown inside the index pass when the text uses YAML the scanner does not follow. */
class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** How the line before leaves the next one. */
const enum Mode {
  /** The next line starts new content (or is blank or a comment). */
  Structure,
  /** Inside a block scalar (`|`, `>`). */
  Block,
  /** Inside a quoted scalar that has not closed yet. */
  Quoted,
  /** Inside a flow collection that has not closed yet. */
  Flow,
  /** After a plain scalar that may continue on more-indented lines. */
  Plain,
}

/** No open parent: a line-start scalar would be a continuation the scanner does not follow. */
const NO_PARENT = -2;

/** Where a flow collection's tokenizer is between characters. */
const enum FlowAt {
  /** Where a new scalar may start (after `[`, `{`, `,`, `:`). */
  Start,
  /** Inside a plain scalar. */
  Plain,
  /** Just after a quoted scalar or a closing bracket. */
  Closed,
}

/** The state of a flow collection being read, possibly across lines. */
interface FlowState {
  depth: number;
  /** The quote character of an open quoted scalar, or 0. */
  quote: number;
  at: FlowAt;
}

/** The index pass: one walk over the text, tracking what kind of line comes next. */
class Indexer {
  private mode = Mode.Structure;
  /** The indentation continuation lines must exceed, for the open scalar or collection. */
  private parent = -1;
  /** The content indentation of an open block scalar, or -1 until its first non-empty line. */
  private blockIndent = -1;
  private quote = 0;
  private readonly flow: FlowState = { depth: 0, quote: 0, at: FlowAt.Start };
  /** The column whose value the next line may hold (after `key:` or `-` with nothing after), or NO_PARENT. */
  private open = -1;
  private seenContent = false;

  constructor(
    private readonly text: string,
    private readonly cols: Int32Array,
  ) {}

  /** True when the text ends inside a quoted scalar or a flow collection. */
  unfinished(): boolean {
    return this.mode === Mode.Quoted || this.mode === Mode.Flow;
  }

  line(i: number, start: number, end: number): void {
    const { text } = this;
    let pos = start;
    while (pos < end && text.charCodeAt(pos) === SPACE) pos++;
    const indent = pos - start;
    let blank = true;
    for (let p = pos; p < end; p++) {
      if (!isBlank(text.charCodeAt(p))) {
        blank = false;
        break;
      }
    }
    this.cols[i] = -1;
    if (this.mode === Mode.Block) {
      if (blank) return;
      if (this.blockIndent < 0) {
        if (indent > this.parent) {
          this.blockIndent = indent;
          return;
        }
      } else if (indent >= this.blockIndent) return;
      // The block scalar has ended. A line between its parent's and its own indentation is an error
      // that js-yaml and the yaml library may read differently.
      if (indent > this.parent && this.blockIndent >= 0) unsupported();
      this.mode = Mode.Structure;
    }
    if (blank) return;
    if (pos < end && text.charCodeAt(pos) === TAB) unsupported();
    switch (this.mode) {
      case Mode.Quoted: {
        if (indent <= this.parent) unsupported();
        const close = quoteEnd(text, pos, end, this.quote);
        if (close < 0) return;
        this.mode = Mode.Structure;
        this.afterToken(close, end);
        return;
      }
      case Mode.Flow: {
        if (indent <= this.parent) unsupported();
        const close = flowScan(text, pos, end, this.flow, pos);
        if (close < 0) return;
        this.mode = Mode.Structure;
        this.afterToken(close, end);
        return;
      }
      case Mode.Plain: {
        if (indent > this.parent) {
          const c = text.charCodeAt(pos);
          if (c === HASH) {
            this.mode = Mode.Structure;
            return;
          }
          // A continuation line of the plain scalar: it ends at a comment, and may not hold `: `.
          for (let p = pos; p < end; p++) {
            const d = text.charCodeAt(p);
            if (d === COLON && (p + 1 >= end || isBlank(text.charCodeAt(p + 1)))) unsupported();
            if (d === HASH && isBlank(text.charCodeAt(p - 1))) {
              this.mode = Mode.Structure;
              return;
            }
          }
          return;
        }
        this.mode = Mode.Structure;
        break;
      }
      default:
        break;
    }
    this.structural(i, start, pos, end);
  }

  /** A line that starts new content at `pos`. */
  private structural(i: number, start: number, pos: number, end: number): void {
    const { text } = this;
    const c = text.charCodeAt(pos);
    if (c === HASH) return;
    const column = pos - start;
    if (column === 0 && (c === DASH || c === DOT) && text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === c && (pos + 3 >= end || isBlank(text.charCodeAt(pos + 3)))) {
      // `---` may open the document, with nothing but a comment after it; `...` and later `---` are left to the document.
      if (c === DOT || this.seenContent) unsupported();
      this.seenContent = true;
      const rest = skipSpaces(text, pos + 3, end);
      if (rest < end && text.charCodeAt(rest) !== HASH) unsupported();
      return;
    }
    if (c === PERCENT) unsupported();
    this.seenContent = true;
    this.cols[i] = column;
    const open = this.open;
    this.open = NO_PARENT;
    let p = pos;
    let dash = -1;
    // Sequence entries: `- `, `- - `, …
    while (text.charCodeAt(p) === DASH && (p + 1 >= end || isBlank(text.charCodeAt(p + 1)))) {
      dash = p - start;
      p = skipSpaces(text, p + 1, end);
      if (p < end && text.charCodeAt(p) === TAB) unsupported();
      if (p >= end || text.charCodeAt(p) === HASH) {
        this.open = dash;
        return;
      }
    }
    if (dash < 0) {
      // A line that is not an entry or a key holds the value of the line that left one open.
      if (!isKeyLine(text, p, end)) {
        if (open === NO_PARENT || column <= open) unsupported();
        this.token(p, end, open, start, false);
        return;
      }
    }
    this.token(p, end, dash, start, true);
  }

  /** One token at `pos` (a key with its value, or a value); `parent` is the indentation continuation lines must exceed. */
  private token(pos: number, end: number, parent: number, start: number, allowKey: boolean): void {
    const { text } = this;
    const c = text.charCodeAt(pos);
    switch (c) {
      case PIPE:
      case GT: {
        let p = pos + 1;
        const d = text.charCodeAt(p);
        if (d === DASH || d === 43 /* + */) p++;
        if (p < end && !isBlank(text.charCodeAt(p))) unsupported();
        p = skipSpaces(text, p, end);
        if (p < end && text.charCodeAt(p) !== HASH) unsupported();
        this.mode = Mode.Block;
        this.parent = parent;
        this.blockIndent = -1;
        return;
      }
      case DQUOTE:
      case SQUOTE: {
        const close = quoteEnd(text, pos + 1, end, c);
        if (close < 0) {
          this.mode = Mode.Quoted;
          this.quote = c;
          this.parent = parent;
          return;
        }
        const p = skipSpaces(text, close, end);
        if (p < end && text.charCodeAt(p) === COLON && (p + 1 >= end || isBlank(text.charCodeAt(p + 1)))) {
          if (!allowKey) unsupported();
          this.value(p + 1, end, pos - start, start);
          return;
        }
        this.afterToken(close, end);
        return;
      }
      case LBRACKET:
      case LBRACE: {
        const flow = this.flow;
        flow.depth = 0;
        flow.quote = 0;
        flow.at = FlowAt.Start;
        const close = flowScan(text, pos, end, flow, -1);
        if (close < 0) {
          this.mode = Mode.Flow;
          this.parent = parent;
          return;
        }
        this.afterToken(close, end);
        return;
      }
      case QUESTION:
      case COLON:
      case DASH:
        if (pos + 1 >= end || isBlank(text.charCodeAt(pos + 1))) unsupported();
        break;
      case AMP:
      case STAR:
      case BANG:
      case PERCENT:
      case AT:
      case BACKTICK:
      case COMMA:
      case RBRACKET:
      case RBRACE:
      case HASH:
        unsupported();
        break;
      default:
        break;
    }
    // A plain scalar, or a plain key.
    for (let p = pos; p < end; p++) {
      const d = text.charCodeAt(p);
      if (d === COLON && (p + 1 >= end || isBlank(text.charCodeAt(p + 1)))) {
        if (!allowKey) unsupported();
        this.value(p + 1, end, pos - start, start);
        return;
      }
      if (d === HASH && isBlank(text.charCodeAt(p - 1))) return;
    }
    this.mode = Mode.Plain;
    this.parent = parent;
  }

  /** The value after a key's `:` at `pos`; the key is at column `keyColumn`. */
  private value(pos: number, end: number, keyColumn: number, start: number): void {
    const { text } = this;
    if (pos < end && text.charCodeAt(pos) === TAB) unsupported();
    const p = skipSpaces(this.text, pos, end);
    if (p < end && text.charCodeAt(p) === TAB) unsupported();
    if (p >= end || text.charCodeAt(p) === HASH) {
      this.open = keyColumn;
      return;
    }
    this.token(p, end, keyColumn, start, false);
  }

  /** After a closed quoted scalar or flow collection: only a comment may follow. */
  private afterToken(pos: number, end: number): void {
    const { text } = this;
    const p = skipSpaces(text, pos, end);
    if (p >= end) return;
    if (text.charCodeAt(p) === HASH && p > pos) return;
    unsupported();
  }
}

function skipSpaces(text: string, pos: number, end: number): number {
  let p = pos;
  while (p < end && text.charCodeAt(p) === SPACE) p++;
  return p;
}

/** Just past the quote closing a quoted scalar whose text starts at `pos`, or -1 when it does not close before `end`. */
function quoteEnd(text: string, pos: number, end: number, quote: number): number {
  for (let p = pos; p < end; p++) {
    const c = text.charCodeAt(p);
    if (quote === DQUOTE) {
      if (c === BACKSLASH) p++;
      else if (c === DQUOTE) return p + 1;
    } else if (c === SQUOTE) {
      if (p + 1 < end && text.charCodeAt(p + 1) === SQUOTE) p++;
      else return p + 1;
    }
  }
  return -1;
}

/**
 * Reads flow-collection text from `pos` to `end`, updating `state`; returns the offset just past
 * the bracket closing the outermost collection, or -1 when the line ends first. `lineStart` is the
 * offset of the first token when the line continues a collection (a `#` there starts a comment).
 */
function flowScan(text: string, pos: number, end: number, state: FlowState, lineStart: number): number {
  for (let p = pos; p < end; p++) {
    const c = text.charCodeAt(p);
    if (state.quote !== 0) {
      if (state.quote === DQUOTE) {
        if (c === BACKSLASH) p++;
        else if (c === DQUOTE) {
          state.quote = 0;
          state.at = FlowAt.Closed;
        }
      } else if (c === SQUOTE) {
        if (p + 1 < end && text.charCodeAt(p + 1) === SQUOTE) p++;
        else {
          state.quote = 0;
          state.at = FlowAt.Closed;
        }
      }
      continue;
    }
    switch (c) {
      case SPACE:
      case TAB:
        break;
      case HASH:
        if (p === lineStart || isBlank(text.charCodeAt(p - 1))) return -1;
        state.at = FlowAt.Plain;
        break;
      case LBRACKET:
      case LBRACE:
        if (state.at === FlowAt.Plain) unsupported();
        state.depth++;
        state.at = FlowAt.Start;
        break;
      case RBRACKET:
      case RBRACE:
        state.depth--;
        state.at = FlowAt.Closed;
        if (state.depth === 0) return p + 1;
        break;
      case COMMA:
        state.at = FlowAt.Start;
        break;
      case DQUOTE:
      case SQUOTE:
        if (state.at === FlowAt.Plain) break;
        if (state.at === FlowAt.Closed) unsupported();
        state.quote = c;
        break;
      case COLON: {
        const d = p + 1 < end ? text.charCodeAt(p + 1) : SPACE;
        if (state.at !== FlowAt.Plain || isBlank(d) || d === COMMA || d === RBRACKET || d === RBRACE || d === LBRACKET || d === LBRACE) state.at = FlowAt.Start;
        break;
      }
      case AMP:
      case STAR:
      case BANG:
      case QUESTION:
      case AT:
      case BACKTICK:
      case PERCENT:
      case PIPE:
      case GT:
        if (state.at === FlowAt.Start) unsupported();
        state.at = FlowAt.Plain;
        break;
      default:
        if (state.at === FlowAt.Closed) unsupported();
        state.at = FlowAt.Plain;
        break;
    }
  }
  return -1;
}

/** Whether the token at `pos` is a key (`key: …`, `"key": …`) on its line. */
function isKeyLine(text: string, pos: number, end: number): boolean {
  return keyEnd(text, pos, end) >= 0;
}

/** The offset of the `:` after a key starting at `pos`, or -1 when the token there is not a key. */
function keyEnd(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  if (c === DQUOTE || c === SQUOTE) {
    const close = quoteEnd(text, pos + 1, end, c);
    if (close < 0) return -1;
    const p = skipSpaces(text, close, end);
    return p < end && text.charCodeAt(p) === COLON && (p + 1 >= end || isBlank(text.charCodeAt(p + 1))) ? p : -1;
  }
  if (c === LBRACKET || c === LBRACE || c === PIPE || c === GT || c === HASH) return -1;
  for (let p = pos; p < end; p++) {
    const d = text.charCodeAt(p);
    if (d === COLON && (p + 1 >= end || isBlank(text.charCodeAt(p + 1)))) return p;
    if (d === HASH && p > pos && isBlank(text.charCodeAt(p - 1))) return -1;
  }
  return -1;
}

/** The line index of `text`, or undefined when the text uses YAML the scanner does not follow. */
export function buildScanIndex(text: string): ScanIndex | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  let count = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) count++;
  // A carriage return is a line break of its own unless a line feed follows.
  for (let p = text.indexOf('\r'); p >= 0; p = text.indexOf('\r', p + 1)) if (text.charCodeAt(p + 1) !== LF) return undefined;
  const starts = new Int32Array(count + 1);
  const cols = new Int32Array(count);
  const next = new Int32Array(count);
  const indexer = new Indexer(text, cols);
  let start = 0;
  try {
    for (let i = 0; i < count; i++) {
      starts[i] = start;
      const nl = text.indexOf('\n', start);
      const stop = nl < 0 ? text.length : nl;
      const end = stop > start && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      indexer.line(i, start, end);
      start = stop + 1;
    }
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  starts[count] = text.length + 1;
  if (indexer.unfinished()) return undefined;
  // Next line at the same or a lower column, by a stack of lines still waiting for theirs.
  const waiting = new Int32Array(count);
  let top = 0;
  for (let i = 0; i < count; i++) {
    const c = cols[i] ?? -1;
    if (c < 0) continue;
    while (top > 0 && (cols[waiting[top - 1] ?? 0] ?? 0) >= c) next[waiting[--top] ?? 0] = i;
    waiting[top++] = i;
  }
  while (top > 0) next[waiting[--top] ?? 0] = count;
  let following = count;
  for (let i = count - 1; i >= 0; i--) {
    if ((cols[i] ?? -1) >= 0) following = i;
    else next[i] = following;
  }
  return { text, starts, cols, next, count, entries: new Map(), flows: new Map(), maps: new Map() };
}

/** What a located node is. */
const enum Kind {
  Map,
  Seq,
  Flow,
  Scalar,
}

/** A node found on the way: its kind, its line and the offset where the positioned document says it starts. */
interface Found {
  kind: Kind;
  line: number;
  pos: number;
}

/** `undefined`: the scanner cannot tell (the caller builds the document); `null`: the path does not exist past this point. */
type Step = Found | null | undefined;

/**
 * The position (1-based line and column) of `path` in the indexed text, or of its nearest existing
 * parent, exactly as the positioned document gives it; undefined when the scanner cannot tell.
 */
export function scanLocate(index: ScanIndex, path: ModelPath, options: LocateOptions = {}): { line: number; column: number } | undefined {
  const first = structuralFrom(index, 0);
  if (first >= index.count) return undefined;
  let node: Found | undefined = classify(index, first, at(index.starts, first) + at(index.cols, first));
  if (!node) return undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] ?? '';
    const last = i === path.length - 1;
    let step: Step;
    if (node.kind === Kind.Map) step = inMap(index, node, key, last && options.key === true);
    else if (node.kind === Kind.Seq) step = typeof key === 'number' ? inSeq(index, node, key) : null;
    else if (node.kind === Kind.Flow) step = inFlow(index, node, key, last && options.key === true);
    else step = null;
    if (step === undefined) return undefined;
    if (step === null) break;
    node = step;
  }
  return { line: node.line + 1, column: node.pos - at(index.starts, node.line) + 1 };
}

const at = (array: Int32Array, i: number): number => array[i] ?? -1;

function lineEnd(index: ScanIndex, line: number): number {
  const start = at(index.starts, line);
  let end = at(index.starts, line + 1) - 1;
  if (end > start && index.text.charCodeAt(end - 1) === CR) end--;
  return end;
}

/** The first structural line at or after `line`. */
function structuralFrom(index: ScanIndex, line: number): number {
  return line < index.count && at(index.cols, line) < 0 ? at(index.next, line) : line;
}

/** The first structural line at or after `line` whose column is at most `column`. */
function nextAtOrBelow(index: ScanIndex, line: number, column: number): number {
  let j = line;
  while (j < index.count) {
    const c = at(index.cols, j);
    if (c >= 0 && c <= column) return j;
    j = at(index.next, j);
  }
  return index.count;
}

/** Whether a sequence entry (`- ` or a lone `-`) starts at `pos`. */
function isEntry(text: string, pos: number, end: number): boolean {
  return text.charCodeAt(pos) === DASH && (pos + 1 >= end || isBlank(text.charCodeAt(pos + 1)));
}

/** The node whose first token is at `pos` of `line`, at the start of block content. */
function classify(index: ScanIndex, line: number, pos: number): Found | undefined {
  const { text } = index;
  const end = lineEnd(index, line);
  const c = text.charCodeAt(pos);
  if (isEntry(text, pos, end)) return { kind: Kind.Seq, line, pos };
  if (c === LBRACKET || c === LBRACE) return { kind: Kind.Flow, line, pos };
  if (c === AMP || c === STAR || c === BANG || c === QUESTION || c === HASH) return undefined;
  return { kind: keyEnd(text, pos, end) >= 0 ? Kind.Map : Kind.Scalar, line, pos };
}

/** The value written after a key's `:` or an entry's `-` at `pos`, or on the lines below. */
function valueAfter(index: ScanIndex, line: number, pos: number, column: number, inMapping: boolean): Found | undefined {
  const { text } = index;
  const end = lineEnd(index, line);
  const p = skipSpaces(text, pos, end);
  if (p < end && text.charCodeAt(p) !== HASH) {
    if (inMapping) {
      const c = text.charCodeAt(p);
      if (c === LBRACKET || c === LBRACE) return { kind: Kind.Flow, line, pos: p };
      if (c === AMP || c === STAR || c === BANG || c === QUESTION || isEntry(text, p, end)) return undefined;
      return { kind: Kind.Scalar, line, pos: p };
    }
    return classify(index, line, p);
  }
  const below = structuralFrom(index, line + 1);
  if (below >= index.count) return undefined;
  const c = at(index.cols, below);
  const start = at(index.starts, below);
  if (c > column) return classify(index, below, start + c);
  // A compact sequence (`key:` then `- item` at the key's column) belongs to the key.
  if (inMapping && c === column && isEntry(text, start + c, lineEnd(index, below))) return { kind: Kind.Seq, line: below, pos: start + c };
  return undefined; // an empty value
}

function inMap(index: ScanIndex, node: Found, key: string | number, wantKey: boolean): Step {
  const { text } = index;
  const column = node.pos - at(index.starts, node.line);
  let keys = index.maps.get(node.pos);
  if (!keys) {
    keys = mapKeys(index, node, column);
    index.maps.set(node.pos, keys);
  }
  for (let i = 0; i < keys.lines.length; i++) {
    const line = at(keys.lines, i);
    const pos = i === 0 ? node.pos : at(index.starts, line) + column;
    const colon = keyEnd(text, pos, lineEnd(index, line));
    const same = keyIs(text, pos, colon, key);
    if (same === undefined) return undefined;
    if (same) return wantKey ? { kind: Kind.Scalar, line, pos } : valueAfter(index, line, colon + 1, column, true);
  }
  return keys.broken ? undefined : null;
}

/** The lines of a block mapping's keys, from the one at `node`, up to the first line that is not a key. */
function mapKeys(index: ScanIndex, node: Found, column: number): MapKeys {
  const { text } = index;
  const lines: number[] = [];
  let line = node.line;
  let pos = node.pos;
  for (;;) {
    if (keyEnd(text, pos, lineEnd(index, line)) < 0) return { lines: Int32Array.from(lines), broken: true };
    lines.push(line);
    line = nextAtOrBelow(index, line + 1, column);
    // A compact sequence (its entries at the key's column) belongs to the key before it.
    while (line < index.count && at(index.cols, line) === column && isEntry(text, at(index.starts, line) + column, lineEnd(index, line))) line = nextAtOrBelow(index, line + 1, column);
    if (line >= index.count || at(index.cols, line) !== column) return { lines: Int32Array.from(lines), broken: false };
    pos = at(index.starts, line) + column;
  }
}

/** Past this many entries, a sequence's entry lines are listed once and kept, so that each later lookup is direct. */
const LIST_ENTRIES_FROM = 16;

function inSeq(index: ScanIndex, node: Found, key: number): Step {
  if (!Number.isInteger(key) || key < 0) return null;
  const column = node.pos - at(index.starts, node.line);
  let line = node.line;
  if (key >= LIST_ENTRIES_FROM) {
    let lines = index.entries.get(node.pos);
    if (!lines) {
      lines = entryLines(index, node.line, column);
      index.entries.set(node.pos, lines);
    }
    if (key >= lines.length) return null;
    line = at(lines, key);
  } else {
    for (let k = 0; k < key; k++) {
      line = nextEntry(index, line, column);
      if (line < 0) return null;
    }
  }
  const pos = line === node.line ? node.pos : at(index.starts, line) + column;
  return valueAfter(index, line, pos + 1, column, false);
}

/** The line of the sequence entry after the one on `line`, or -1 after the last. */
function nextEntry(index: ScanIndex, line: number, column: number): number {
  const next = nextAtOrBelow(index, line + 1, column);
  if (next >= index.count || at(index.cols, next) !== column) return -1;
  // A key at the column of a compact sequence ends it.
  return isEntry(index.text, at(index.starts, next) + column, lineEnd(index, next)) ? next : -1;
}

/** The lines of all entries of the sequence whose first entry is on `first`. */
function entryLines(index: ScanIndex, first: number, column: number): Int32Array {
  let n = 0;
  for (let line = first; line >= 0; line = nextEntry(index, line, column)) n++;
  const lines = new Int32Array(n);
  let i = 0;
  for (let line = first; line >= 0; line = nextEntry(index, line, column)) lines[i++] = line;
  return lines;
}

/** Inside a flow collection written on one line. */
function inFlow(index: ScanIndex, node: Found, key: string | number, wantKey: boolean): Step {
  const { text } = index;
  const mapping = text.charCodeAt(node.pos) === LBRACE;
  if (!mapping && typeof key !== 'number') return null;
  let entries = index.flows.get(node.pos);
  if (!entries) {
    entries = flowEntries(text, node.pos, lineEnd(index, node.line), mapping);
    index.flows.set(node.pos, entries);
  }
  const kindAt = (pos: number) => (text.charCodeAt(pos) === LBRACKET || text.charCodeAt(pos) === LBRACE ? Kind.Flow : Kind.Scalar);
  if (mapping) {
    for (let i = 0; i < entries.starts.length; i++) {
      const start = entries.starts[i] ?? 0;
      const same = keyIs(text, start, entries.keyStops[i] ?? start, key);
      if (same === undefined) return undefined;
      if (!same) continue;
      if (wantKey) return { kind: Kind.Scalar, line: node.line, pos: start };
      const v = entries.values[i] ?? 0;
      return { kind: kindAt(v), line: node.line, pos: v };
    }
  } else if (typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < entries.starts.length) {
    const start = entries.starts[key] ?? 0;
    return { kind: kindAt(start), line: node.line, pos: start };
  }
  return entries.brokenAt !== undefined ? undefined : null;
}

/** Reads the entries of the flow collection whose bracket is at `pos`, up to the first thing the scanner does not follow. */
function flowEntries(text: string, pos: number, end: number, mapping: boolean): FlowEntries {
  const close = mapping ? RBRACE : RBRACKET;
  const starts: number[] = [];
  const keyStops: number[] = [];
  const values: number[] = [];
  const done = (brokenAt?: number): FlowEntries => ({ starts, keyStops, values, brokenAt });
  let p = pos + 1;
  for (;;) {
    p = skipBlanks(text, p, end);
    if (p >= end) return done(starts.length);
    if (text.charCodeAt(p) === close) return done();
    const start = p;
    let stop = flowNodeEnd(text, p, end);
    if (stop < 0) return done(starts.length);
    p = skipBlanks(text, stop, end);
    if (mapping) {
      if (text.charCodeAt(start) === LBRACKET || text.charCodeAt(start) === LBRACE || text.charCodeAt(p) !== COLON) return done(starts.length);
      while (stop > start && isBlank(text.charCodeAt(stop - 1))) stop--;
      const v = skipBlanks(text, p + 1, end);
      const c = text.charCodeAt(v);
      // An empty value: where it is, the scanner cannot tell what follows.
      if (v >= end || c === COMMA || c === close) return done(starts.length);
      starts.push(start);
      keyStops.push(stop);
      values.push(v);
      const vStop = flowNodeEnd(text, v, end);
      if (vStop < 0) return done(starts.length);
      p = skipBlanks(text, vStop, end);
    } else {
      // `[a: b]` is a pair, not a plain item.
      if (text.charCodeAt(p) === COLON) return done(starts.length);
      starts.push(start);
    }
    const c = text.charCodeAt(p);
    if (c === COMMA) p++;
    else if (c === close) return done();
    else return done(starts.length);
  }
}

function skipBlanks(text: string, pos: number, end: number): number {
  let p = pos;
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  return p;
}

/** Where one node inside a one-line flow collection ends (before any blanks), or -1 when the scanner does not follow it. */
function flowNodeEnd(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  if (c === LBRACKET || c === LBRACE) return flowScan(text, pos, end, { depth: 0, quote: 0, at: FlowAt.Start }, -1);
  if (c === DQUOTE || c === SQUOTE) return quoteEnd(text, pos + 1, end, c);
  if (c === AMP || c === STAR || c === BANG || c === QUESTION || c === PIPE || c === GT || c === AT || c === BACKTICK || c === PERCENT || c === HASH || c === COMMA || c === RBRACKET || c === RBRACE) return -1;
  if ((c === DASH || c === COLON) && (pos + 1 >= end || isBlank(text.charCodeAt(pos + 1)))) return -1;
  let p = pos;
  for (; p < end; p++) {
    const d = text.charCodeAt(p);
    if (d === COMMA || d === RBRACKET || d === RBRACE) break;
    if (d === LBRACKET || d === LBRACE) return -1;
    if (d === HASH && isBlank(text.charCodeAt(p - 1))) return -1;
    if (d === COLON) {
      const e = p + 1 < end ? text.charCodeAt(p + 1) : SPACE;
      if (isBlank(e) || e === COMMA || e === RBRACKET || e === RBRACE || e === LBRACKET || e === LBRACE) break;
    }
  }
  while (p > pos && isBlank(text.charCodeAt(p - 1))) p--;
  return p;
}

/** Scalars that YAML 1.2's core schema reads as something other than a string. */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Those of them whose value prints back as the same text, so comparing the text is exact. */
const PRINTS_AS_WRITTEN = /^(?:null|true|false|0|-?[1-9][0-9]{0,14})$/;

/**
 * Whether the key written from `start` to the `:` at `colon` is `key`, compared as the document
 * compares them (`String(value) === String(key)`); undefined when the scanner cannot tell.
 */
function keyIs(text: string, start: number, colon: number, key: string | number): boolean | undefined {
  const want = typeof key === 'number' ? String(key) : key;
  let end = colon;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  const c = text.charCodeAt(start);
  if (c === DQUOTE) {
    for (let p = start + 1; p < end - 1; p++) if (text.charCodeAt(p) === BACKSLASH) return undefined;
    return sameText(text, start + 1, end - 1, want);
  }
  if (c === SQUOTE) {
    let j = 0;
    for (let p = start + 1; p < end - 1; p++, j++) {
      const d = text.charCodeAt(p);
      if (d !== want.charCodeAt(j)) return false;
      if (d === SQUOTE) p++;
    }
    return j === want.length;
  }
  if ((c >= 48 && c <= 57) || c === 43 || c === DASH || c === DOT || c === 126 || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46 || c === 0x6e || c === 0x4e) {
    const written = text.slice(start, end);
    if (NOT_A_STRING.test(written) && !PRINTS_AS_WRITTEN.test(written)) return undefined;
  }
  return sameText(text, start, end, want);
}

function sameText(text: string, start: number, end: number, want: string): boolean {
  if (end - start !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (text.charCodeAt(start + i) !== want.charCodeAt(i)) return false;
  return true;
}
