/**
 * Load a model: parse (with source positions) -> schema check -> normalize -> semantic checks.
 * Returns `{ model, issues }` and never throws for a user's mistake.
 *
 * Pure: files are read through `options.readFile`, supplied by the CLI or the server.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { Issue, SourceLocation } from '../issues.js';
import { ModelSchema } from '../model/schema.js';
import type { Model } from '../model/types.js';

export interface LoadOptions {
  /** Reads an included file by the path as written in `include:`, relative to the including file. Returns undefined when missing. */
  readFile?: (path: string, fromFile: string) => { file: string; text: string } | undefined;
  /** "Today", for review-overdue and expiry checks. */
  now?: Date;
}

export interface SourceFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  model: Model | undefined;
  issues: Issue[];
  /** Where each path of the merged model came from: use `locate(result, path)`. */
  sources: SourceFile[];
}

export function loadModel(input: { file: string; text: string }, _options: LoadOptions = {}): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: SourceFile = { file: input.file, text: input.text, doc, lines };
  const issues: Issue[] = [];
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    issues.push({ code: 'yaml-syntax', severity: 'error', message: err.message.split('\n')[0] ?? err.message, path: [], location: { file: input.file, line: pos.line, column: pos.col } });
  }
  if (issues.length > 0) return { model: undefined, issues, sources: [source] };
  const parsed = ModelSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const loc = locateIn(source, zi.path.filter((p): p is string | number => typeof p !== 'symbol'));
      issues.push({ code: 'schema', severity: 'error', message: zi.message, path: zi.path.filter((p): p is string | number => typeof p !== 'symbol'), ...(loc ? { location: loc } : {}) });
    }
    return { model: undefined, issues, sources: [source] };
  }
  return { model: parsed.data, issues, sources: [source] };
}

/** The location of a path inside one source file, or of its nearest existing parent. */
export function locateIn(source: SourceFile, path: readonly (string | number)[]): SourceLocation | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = source.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = source.lines.linePos(node.range[0]);
      return { file: source.file, line: pos.line, column: pos.col };
    }
  }
  return undefined;
}
