/**
 * Load a model: parse (with source positions) -> schema check -> merge includes -> semantic checks.
 * What the schema refuses is set aside and the semantic checks run over the rest, so that one load
 * reports every mistake (set-aside.ts). Returns `{ model, issues, sources }` and never throws for a
 * user's mistake.
 *
 * Pure: included files are read through `options.readFile`, supplied by the CLI or the server.
 * Merge rules for `include:` are documented in docs/model-format.md ("Splitting a model").
 */
import type { z } from 'zod';
import { append, valueAt } from '../data.js';
import type { Issue, SourceLocation } from '../issues.js';
import { FragmentSchema, ModelSchema } from '../model/schema.js';
import type { Model } from '../model/types.js';
import { buildContext, CHECKS, type CheckIssue, type SetAside } from './checks/index.js';
import { MAX_INCLUDED_FILES } from './limits.js';
import { locateIn, pathKey, resolveOrigin, type LocateOptions, type ModelPath, type Origins } from './locate.js';
import { printable } from './printable.js';
import { schemaIssues } from './schema-issues.js';
import { setAside, type FileRest } from './set-aside.js';
import { parseSource, type ParseLimits, type SourceFile, type SourceInput } from './source.js';

export interface LoadOptions extends ParseLimits {
  /**
   * Reads an included file, by the path as written in `include:`, relative to the including file
   * (`fromFile` is the including file's name as given to the loader). Returns undefined when the
   * file does not exist. Return bytes (and `size`) so that binary and oversized files are refused cleanly.
   */
  readFile?: (path: string, fromFile: string) => SourceInput | IncludeRefusal | undefined;
  /** "Today", for review-overdue and expiry checks; time-based checks are skipped without it. */
  now?: Date;
  /** Most files a model may span (root + includes). */
  maxFiles?: number;
}

/** What `readFile` returns for a file it will not read, e.g. one outside the project folder. */
export interface IncludeRefusal {
  file: string;
  /** Why, in a few words, e.g. "it is outside the folder of the root model". */
  refused: string;
}

/** An include that is not a relative path (absolute, a drive, a UNC share or a URL) is refused. */
const NOT_RELATIVE = /^(\/|\\|[A-Za-z]:|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/;

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  model: Model | undefined;
  /** Errors first found in parsing, then schema, then semantic checks, in file and line order. */
  issues: Issue[];
  /** The files the model was read from, the root first. */
  sources: SourceFile[];
  /** Which file each merged item came from; use `locate(result, path)`. */
  origins: Origins;
}

/** Sections allowed only in the root file. */
export const ROOT_ONLY_SECTIONS: readonly string[] = ['threatwright', 'system', 'questions'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a path of the loaded (merged) model is written: file, line and column (1-based). */
export function locate(result: Pick<LoadResult, 'sources' | 'origins'>, path: ModelPath, options: LocateOptions = {}): SourceLocation | undefined {
  const { source, path: local } = resolveOrigin(result.origins, path);
  const file = result.sources[source];
  return file ? locateIn(file, local, options) : undefined;
}

/**
 * Issues found after loading (by the analysis, the assessment, …) with the file, line and column of
 * their model path filled in, where they have none yet and the path leads somewhere in the files.
 */
export function locateIssues(result: Pick<LoadResult, 'sources' | 'origins'>, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => {
    // A custom rule from a rules file has no place in the model's files.
    if (i.location || i.path.length === 0 || i.path[0] === '<rules file>') return i;
    const location = locate(result, i.path);
    return location ? { ...i, location } : i;
  });
}

const KEY_CODES = new Set(['unknown-key', 'root-only-section']);

interface FileEntry {
  index: number;
  source: SourceFile;
  value: Record<string, unknown>;
}

export function loadModel(input: SourceInput, options: LoadOptions = {}): LoadResult {
  const issues: Issue[] = [];
  const sources: SourceFile[] = [];
  const origins: Origins = { lists: new Map(), keys: new Map() };
  const result = (model: Model | undefined): LoadResult => ({ model, issues: issues.map(safeIssue), sources, origins });
  const maxFiles = options.maxFiles ?? MAX_INCLUDED_FILES;

  // 1. Parse the root and its includes, depth first, in the order written.
  const files: FileEntry[] = [];
  const seen = new Set<string>([input.file]); // files already read
  const parse = (src: SourceInput): FileEntry | undefined => {
    const parsed = parseSource(src, options);
    if (!parsed.ok) {
      if (parsed.source) sources.push(parsed.source);
      issues.push(parsed.issue);
      return undefined;
    }
    const index = sources.length;
    sources.push(parsed.source);
    if (!isRecord(parsed.value)) {
      issues.push({ code: 'not-a-model', severity: 'error', message: `a model is a mapping of sections (threatwright, system, components, …), not ${Array.isArray(parsed.value) ? 'a list' : 'a single value'}`, path: [], location: locateIn(parsed.source, []) ?? { file: src.file, line: 1, column: 1 }, hint: 'Run `threatwright init` for a starter model.' });
      return undefined;
    }
    const entry: FileEntry = { index, source: parsed.source, value: parsed.value };
    files.push(entry);
    return entry;
  };
  const root = parse(input);
  if (!root) return result(undefined);

  const visit = (entry: FileEntry, chain: string[]): void => {
    const list = entry.value['include'];
    if (!Array.isArray(list)) return; // the schema reports a wrong type
    for (let i = 0; i < list.length; i++) {
      const ref: unknown = list[i];
      if (typeof ref !== 'string') continue;
      const at = locateIn(entry.source, ['include', i]);
      const report = (code: string, message: string, hint: string, severity: 'error' | 'warning' = 'error'): void => {
        issues.push({ code, severity, message, path: ['include', i], ...(at ? { location: at } : {}), hint });
      };
      const shown = printable(ref);
      if (NOT_RELATIVE.test(ref)) {
        report('include-not-relative', `cannot include "${shown}": include paths are relative to the including file`, 'Write the path relative to this file, e.g. teams/web.yaml; absolute paths and URLs are not read.');
        continue;
      }
      let read: SourceInput | IncludeRefusal | undefined;
      try {
        read = options.readFile?.(ref, entry.source.file);
      } catch {
        read = { file: ref, refused: 'it could not be read' };
      }
      if (read && 'refused' in read) report('include-refused', `cannot include "${shown}": ${printable(read.refused)}`, 'Include files that belong to the project, beside the model or below it.');
      else if (!options.readFile) report('include-unsupported', `cannot include "${shown}" here: this loader reads a single file`, 'Load the model from a file so its includes can be read.');
      else if (!read) report('include-missing', `included file "${shown}" does not exist`, `Paths in \`include:\` are relative to ${entry.source.file}.`);
      else if (chain.includes(read.file)) report('include-cycle', `include cycle: ${[...chain.slice(chain.indexOf(read.file)), read.file].join(' → ')}`, 'A file cannot include itself, directly or through another file.');
      else if (seen.has(read.file)) report('include-repeated', `"${shown}" is already included; its content is read once`, 'Remove the second `include:` entry.', 'warning');
      else if (files.length >= maxFiles) report('too-many-includes', `the model spans more than ${maxFiles} files`, 'Combine small files.');
      else {
        seen.add(read.file);
        const child = parse(read);
        if (child) visit(child, [...chain, read.file]);
      }
    }
  };
  visit(root, [root.source.file]);

  // A file that could not be read leaves references to its content dangling: check no further.
  const unread = issues.some((i) => i.severity === 'error');

  // 2. Schema check, file by file, so that each error points at the file that holds it. What the
  //    schema refuses is set aside (set-aside.ts), so that the semantic checks still run over the
  //    rest and every mistake is reported in one round.
  const data: MergeInput[] = [];
  const rests: FileRest[] = [];
  let whole = true; // every file left a rest that can be checked
  for (const entry of files) {
    let value = entry.value;
    let schema: z.ZodType = ModelSchema;
    if (entry !== root) {
      schema = FragmentSchema;
      const misplaced = ROOT_ONLY_SECTIONS.filter((k) => k in value);
      for (const key of misplaced) {
        issues.push({ code: 'root-only-section', severity: 'error', message: `\`${key}\` may appear only in the root model, not in an included file`, path: [key], location: locateIn(entry.source, [key], { key: true }) ?? { file: entry.source.file, line: 1, column: 1 }, hint: `Move it to ${root.source.file}, or remove it here.` });
      }
      if (misplaced.length > 0) value = Object.fromEntries(Object.entries(value).filter(([k]) => !ROOT_ONLY_SECTIONS.includes(k)));
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      data.push({ source: entry.index, value: parsed.data as Record<string, unknown>, raw: value });
      continue;
    }
    const located = schemaIssues(parsed.error.issues, value, schema).map((issue) => {
      const location = locateIn(entry.source, issue.path, { key: KEY_CODES.has(issue.code) });
      return location ? { ...issue, location } : issue;
    });
    append(issues, inFileOrder(located, sources));
    const rest = unread ? undefined : setAside(value, parsed.error.issues);
    if (rest) {
      rests.push(rest);
      data.push({ source: entry.index, value: rest.value, raw: value, lists: rest.lists });
    } else whole = false;
  }
  if (unread || !whole) return result(undefined);

  // 3. Merge: lists concatenated root first, then includes in order; mappings merged key by key.
  const beforeMerge = issues.length;
  const [first, ...rest] = data;
  const merged: Record<string, unknown> = { ...first?.value };
  delete merged['include'];
  if (first?.lists) for (const [key, kept] of first.lists) origins.lists.set(key, kept.map((index) => ({ source: first.source, index })));
  for (const part of rest) {
    const fragment = { ...part.value };
    delete fragment['include'];
    mergeInto(merged, fragment, [], part, origins, issues, sources);
  }
  if (issues.slice(beforeMerge).some((i) => i.severity === 'error')) return result(undefined);
  const model = merged as Model;

  // 4. Semantic checks over the merged model (or, after schema errors, over what the schema let through).
  const ctx = buildContext(model, options.now);
  if (rests.length > 0) ctx.setAside = setAsideOf(rests);
  const where = { sources, origins, ...(rests.length > 0 ? { files: data } : {}) };
  const found: Issue[] = [];
  for (const { check } of CHECKS) {
    for (const issue of check(ctx)) found.push(finish(issue, where));
  }
  append(issues, inFileOrder(found, sources));
  return result(issues.some((i) => i.severity === 'error') ? undefined : model);
}

/** One file's part of the merge: its checked value, the value as written, and the index each kept list item had. */
interface MergeInput {
  source: number;
  value: Record<string, unknown>;
  raw: Record<string, unknown>;
  lists?: ReadonlyMap<string, readonly number[]>;
}

/** What the files' set-aside parts name, for the checks. */
function setAsideOf(rests: readonly FileRest[]): SetAside {
  const out = { ids: new Set<string>(), properties: new Set<string>(), sections: new Set<string>(), items: new Set<object>() };
  for (const r of rests) {
    for (const id of r.ids) out.ids.add(id);
    for (const key of r.properties) out.properties.add(key);
    for (const s of r.sections) out.sections.add(s);
    for (const item of r.items) out.items.add(item);
  }
  return out;
}

/** Issues sorted by file (in the order the files were read), line and column; stable otherwise. */
function inFileOrder(list: Issue[], sources: readonly SourceFile[]): Issue[] {
  const order = new Map(sources.map((s, i) => [s.file, i]));
  return list.sort((a, b) => (order.get(a.location?.file ?? '') ?? 0) - (order.get(b.location?.file ?? '') ?? 0) || (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
}

/** No control or bidirectional-override characters from the input reach a message, whatever printed it. */
function safeIssue(issue: Issue): Issue {
  const out: Issue = { ...issue, message: printable(issue.message, Infinity) };
  if (issue.hint !== undefined) out.hint = printable(issue.hint, Infinity);
  if (issue.subject !== undefined) out.subject = printable(issue.subject, 60);
  if (issue.location) out.location = { ...issue.location, file: printable(issue.location.file, Infinity) };
  return out;
}

function finish(issue: CheckIssue, where: Pick<LoadResult, 'sources' | 'origins'> & { files?: readonly MergeInput[] }): Issue {
  const { seeAlso, atKey, ...rest } = issue;
  const location = locate(where, rest.path, atKey === true ? { key: true } : {});
  const out: Issue = location ? { ...rest, location } : rest;
  // After schema errors the checks saw the model without what was set aside: say where, as the files have it.
  if (where.files) out.path = asWritten(rest.path, where.origins, where.files);
  if (seeAlso) {
    const other = locate(where, seeAlso);
    if (other) out.hint = `${out.hint ? `${out.hint} ` : ''}First declared at ${other.file}:${other.line}:${other.column}.`;
  }
  return out;
}

/**
 * A path of the merged model the checks saw (without what the schema set aside) as the path of the
 * merged model as written: each list index counts the items set aside before it, in every file.
 */
function asWritten(path: readonly (string | number)[], origins: Origins, files: readonly MergeInput[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string | number;
    const origin = typeof key === 'number' ? origins.lists.get(pathKey(path.slice(0, i)))?.[key] : undefined;
    if (!origin) {
      out.push(key);
      continue;
    }
    let before = 0;
    for (const f of files) {
      if (f.source === origin.source) break;
      const list = valueAt(f.raw, path.slice(0, i));
      if (Array.isArray(list)) before += list.length;
    }
    out.push(before + origin.index);
  }
  return out;
}


/**
 * Merges an included file's sections into the model: lists are concatenated (recording where each
 * item came from), mappings are merged key by key, and a single value set in two files is an error.
 */
function mergeInto(target: Record<string, unknown>, fragment: Record<string, unknown>, path: string[], part: Pick<MergeInput, 'source' | 'lists'>, origins: Origins, issues: Issue[], sources: SourceFile[]): void {
  const { source } = part;
  for (const [key, value] of Object.entries(fragment)) {
    if (value === undefined) continue;
    const here = [...path, key];
    // Keys are user text: "constructor" or "__proto__" must find (and set) only the target's own entry.
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    // The index each item has in its file (items set aside after schema errors shift the rest).
    const kept = part.lists?.get(pathKey(here));
    if (existing === undefined) {
      setOwn(target, key, Array.isArray(value) ? [...(value as unknown[])] : value);
      if (Array.isArray(value)) origins.lists.set(pathKey(here), value.map((_, index) => ({ source, index: kept?.[index] ?? index })));
      else origins.keys.set(pathKey(here), source);
    } else if (Array.isArray(existing) && Array.isArray(value)) {
      const k = pathKey(here);
      let list = origins.lists.get(k);
      if (!list) {
        const owner = ownerOf(origins, here);
        list = existing.map((_, index) => ({ source: owner, index }));
        origins.lists.set(k, list);
      }
      for (let i = 0; i < value.length; i++) list.push({ source, index: kept?.[i] ?? i });
      setOwn(target, key, [...(existing as unknown[]), ...(value as unknown[])]);
    } else if (isRecord(existing) && isRecord(value)) {
      const copy = { ...existing };
      setOwn(target, key, copy);
      mergeInto(copy, value, here, part, origins, issues, sources);
    } else {
      const first = sources[ownerOf(origins, here)];
      const location = sources[source] ? locateIn(sources[source], here, { key: true }) : undefined;
      issues.push({ code: 'include-conflict', severity: 'error', message: `\`${here.join('.')}\` is already set in ${first?.file ?? 'another file'}`, path: here, ...(location ? { location } : {}), hint: 'Set it in one file only.' });
    }
  }
}

/** Sets an own property, also for the key "__proto__" (which an assignment would take as the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The file that contributed a mapping entry: the nearest recorded owner on the path, else the root. */
function ownerOf(origins: Origins, path: readonly string[]): number {
  for (let n = path.length; n > 0; n--) {
    const owner = origins.keys.get(pathKey(path.slice(0, n)));
    if (owner !== undefined) return owner;
  }
  return 0;
}

export { locateIn, type LocateOptions, type ModelPath, type Origins } from './locate.js';
export { parseSource, type SourceFile, type SourceInput, type ParseLimits, type ParsedSource } from './source.js';
export { SECTION_NOUNS } from './schema-issues.js';
export { MAX_ALIAS_COUNT, MAX_BOUNDARY_DEPTH, MAX_INCLUDED_FILES, MAX_MODEL_BYTES, MAX_NESTING_DEPTH } from './limits.js';
export { didYouMean, editDistance } from './suggest.js';
export { CHECKS, addInterval, FINGERPRINT_PATTERN, type Check, type CheckContext, type CheckIssue } from './checks/index.js';
