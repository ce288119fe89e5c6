/**
 * Reads the history of a model from git: every revision (on the first-parent line of a branch) that
 * changed the model file (followed through renames) or a file it includes, each loaded with its
 * includes as that commit has them, analysed once per distinct content, and reduced to a record
 * (core's `revisionRecord`). Blobs come from two `git cat-file` processes per round, never one
 * process per file, and records are cached on disk by content, so a second walk analyses nothing
 * it has seen before. For `history`, `changelog`, `report --history` and a server alike.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  builtinRules,
  createAnalyzer,
  deriveHistory,
  hasErrors,
  HISTORY_FORMAT_VERSION,
  loadModel,
  MAX_MODEL_BYTES,
  RECORD_EPOCH,
  revisionRecord,
  type History,
  type IncludeRefusal,
  type Issue,
  type RevisionInput,
  type RevisionRecord,
  type RevisionState,
  type SourceInput,
} from '@threatwright/core';
import { UserError } from '../errors.js';
import { gitSync, tryGitSync } from '../git.js';
import { VERSION } from '../version.js';
import { ExitCode } from '../exit-codes.js';
import { displayPath } from '../files.js';

import { repositoryOf, resolveCommit, type Repository } from '../commands/diff/revisions.js';


/** At most this many revisions are read (the newest); more is almost always a mistake or a generated file. */
export const MAX_REVISIONS = 20_000;

/** Output of a walk's git call: up to 256 MiB (a batch of blobs). */
const git = (repo: Repository, args: readonly string[], input?: string, maxBuffer = 256 * 1024 * 1024): Buffer => gitSync(args, repo.root, { maxBuffer, ...(input !== undefined ? { input } : {}) });
const tryGit = (repo: Repository, args: readonly string[]): string | undefined => tryGitSync(args, repo.root)?.toString('utf8').trim();

interface Commit {
  commit: string;
  date: string;
  author: string;
  subject: string;
  /** name-status lines of the files it changed among those asked for. */
  changes: { status: string; paths: string[] }[];
}

const FORMAT = '%x1e%H%x1f%cI%x1f%an%x1f%s';

function parseLog(text: string): Commit[] {
  const out: Commit[] = [];
  for (const chunk of text.split('\x1e')) {
    if (chunk.trim() === '') continue;
    const [head = '', ...rest] = chunk.split('\n');
    const [commit = '', date = '', author = '', subject = ''] = head.split('\x1f');
    const changes = rest.filter((l) => l.trim() !== '').map((l) => {
      const [status = '', ...paths] = l.split('\t');
      return { status, paths };
    });
    out.push({ commit, date, author, subject, changes });
  }
  return out;
}

/** The commit log (newest first) of the paths, on the first-parent line from `tip`. */
function logOf(repo: Repository, tip: string, paths: readonly string[], follow: boolean, limit: number): Commit[] {
  if (paths.length === 0) return [];
  const args = ['log', '--first-parent', '-M', '--name-status', `--format=${FORMAT}`, `--max-count=${String(limit)}`, ...(follow ? ['--follow'] : []), tip, '--', ...paths.map((p) => `:(top,literal)${p}`)];
  return parseLog(git(repo, args).toString('utf8'));
}

/** Blob ids and sizes of `commit:path` names, in one process. */
function blobsOf(repo: Repository, names: readonly string[]): Map<string, { id: string; size: number } | undefined> {
  const out = new Map<string, { id: string; size: number } | undefined>();
  if (names.length === 0) return out;
  const text = git(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], `${names.join('\n')}\n`).toString('utf8');
  const lines = text.split('\n');
  names.forEach((name, i) => {
    const m = /^([0-9a-f]{40,64}) blob (\d+)$/u.exec(lines[i] ?? '');
    out.set(name, m?.[1] !== undefined ? { id: m[1], size: Number(m[2]) } : undefined);
  });
  return out;
}

/** The contents of blobs, in one process (`git cat-file --batch`). */
function contentsOf(repo: Repository, ids: readonly { id: string; size: number }[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (ids.length === 0) return out;
  let total = 0;
  for (const b of ids) total += b.size + 100;
  const buf = git(repo, ['cat-file', '--batch'], `${ids.map((b) => b.id).join('\n')}\n`, total + 1024 * 1024);
  let at = 0;
  for (const b of ids) {
    const nl = buf.indexOf(10, at);
    const header = buf.subarray(at, nl).toString('utf8');
    const size = Number(header.split(' ')[2]);
    out.set(b.id, new Uint8Array(buf.buffer, buf.byteOffset + nl + 1, size));
    at = nl + 1 + size + 1;
  }
  return out;
}

export interface WalkOptions {
  /** The revision the history ends at (default HEAD). */
  readonly tip?: string;
  /** Where records are cached; undefined: no disk cache. */
  readonly cacheDir?: string | undefined;
  /** Name files in messages from this folder (default: from the repository's root). */
  readonly cwd?: string;
  /** Keep only the newest N revisions. */
  readonly maxRevisions?: number;
}

export interface Walk {
  readonly revisions: readonly RevisionInput[];
  /** The clone is shallow: the history starts at its boundary. */
  readonly shallow: boolean;
  /** The model's path in the repository now. */
  readonly path: string;
  /** Revisions analysed in this walk (the rest came from the cache or repeated a content seen). */
  readonly analysed: number;
  /** Revisions left out by `maxRevisions`. */
  readonly truncated: number;
}

/** The default cache folder: $XDG_CACHE_HOME/threatwright (or ~/.cache/threatwright). */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env['XDG_CACHE_HOME'] !== undefined && env['XDG_CACHE_HOME'] !== '' ? env['XDG_CACHE_HOME'] : path.join(os.homedir(), '.cache');
  return path.join(base, 'threatwright', 'history');
}

/** What a cached record depends on besides the content: the tool, the record shape and the rules. */
const ENGINE_KEY = createHash('sha256').update(`${VERSION}\0${String(HISTORY_FORMAT_VERSION)}\0${builtinRules.map((r) => r.id).join(',')}`).digest('hex').slice(0, 16);

function readCache(dir: string | undefined, key: string): RevisionState | undefined {
  if (dir === undefined) return undefined;
  try {
    const value = JSON.parse(readFileSync(path.join(dir, key.slice(0, 2), `${key}.json`), 'utf8')) as { engine?: string; state?: RevisionState };
    return value.engine === ENGINE_KEY ? value.state : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written is only slower. Written atomically, so a reader never sees half a file. */
function writeJsonFile(file: string | undefined, value: unknown): void {
  if (file === undefined) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${String(process.pid)}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    // ignore: see above
  }
}

function writeCache(dir: string | undefined, key: string, state: RevisionState): void {
  writeJsonFile(dir === undefined ? undefined : path.join(dir, key.slice(0, 2), `${key}.json`), { engine: ENGINE_KEY, state });
}

/** "parts/components.yaml:12:1: YAML syntax error: …": one line, for a table. */
function issueLine(issue: Issue): string {
  const at = issue.location ? `${issue.location.file}:${String(issue.location.line)}:${String(issue.location.column)}: ` : '';
  return `${at}${issue.message}`;
}

interface Pending {
  info: Omit<RevisionInput, 'state'>;
  /** The include files read before were looked up once already. */
  guessed?: boolean;
}

/**
 * The model's revisions, oldest first, each with its record (or why it has none). A user error
 * outside a repository, or when the model has never been committed.
 */
export function walkModelHistory(modelAbs: string, options: WalkOptions = {}): Walk {
  const repo = repositoryOf(path.dirname(modelAbs));
  const tip = resolveCommit(repo, options.tip ?? 'HEAD');
  const modelPath = path.relative(repo.root, modelAbs).split(path.sep).join('/');
  const display = (repoPath: string) => (options.cwd === undefined ? repoPath : displayPath(options.cwd, path.join(repo.root, repoPath)));
  const shallow = git(repo, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
  const limit = Math.min(options.maxRevisions ?? MAX_REVISIONS, MAX_REVISIONS);

  // The model file through its renames: the name it has after each commit that touched it.
  // Followed from HEAD when the tip is behind it (`--rev HEAD~3`), so the name in the working tree
  // finds the file under the name it had at the tip; from the tip when it is on another line.
  const head = tryGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  const behindHead = head !== undefined && (head === tip || tryGit(repo, ['merge-base', '--is-ancestor', tip, head]) !== undefined);
  const followed = logOf(repo, behindHead ? head : tip, [modelPath], true, limit + 1);
  if (followed.length === 0) {
    throw new UserError(`${display(modelPath)} has no history at ${options.tip ?? 'HEAD'}: it was never committed there`, ExitCode.invalid, 'Commit the model first; history reads the revisions git has.');
  }
  const nameAfter = new Map<string, string>();
  const names = new Set<string>([modelPath]);
  let current = modelPath;
  for (const c of followed) {
    nameAfter.set(c.commit, current);
    const rename = c.changes.find((ch) => ch.status.startsWith('R') && ch.paths[1] === current);
    if (rename?.paths[0] !== undefined) {
      current = rename.paths[0];
      names.add(current);
    }
  }

  // Blob contents, shared by every revision that has the same file.
  const blobIds = new Map<string, { id: string; size: number } | undefined>();
  const contents = new Map<string, Uint8Array>();
  const includePaths = new Set<string>();
  const states = new Map<string, RevisionState>();
  const byContent = new Map<string, RevisionState>();
  const analyzer = createAnalyzer();
  let analysed = 0;
  let ordered: Omit<RevisionInput, 'state'>[] = [];
  let truncated = 0;

  /** Blob ids (and sizes) of `commit:path` names not looked up yet. */
  const fetchIds = (keys: readonly string[]) => {
    const todo = [...new Set(keys)].filter((k) => !blobIds.has(k));
    for (const [k, v] of blobsOf(repo, todo)) blobIds.set(k, v);
  };
  /** The contents of the blobs these names have, where not read yet. */
  const fetchContents = (keys: readonly string[]) => {
    fetchIds(keys);
    const need = new Map<string, { id: string; size: number }>();
    for (const k of keys) {
      const b = blobIds.get(k);
      if (b && b.size <= MAX_MODEL_BYTES && !contents.has(b.id)) need.set(b.id, b);
    }
    for (const [id, bytes] of contentsOf(repo, [...need.values()])) contents.set(id, bytes);
  };
  /** Which files a root blob read last time (in memory, and on disk beside the records). */
  const readsOf = new Map<string, string[]>();
  const readsFile = (rootBlob: string) => (options.cacheDir === undefined ? undefined : path.join(options.cacheDir, 'reads', rootBlob.slice(0, 2), `${rootBlob}.json`));
  const readsFor = (rootBlob: string): string[] | undefined => {
    const known = readsOf.get(rootBlob);
    if (known) return known;
    const file = readsFile(rootBlob);
    if (file === undefined) return undefined;
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return Array.isArray(value) && value.every((x) => typeof x === 'string') ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const stateKey = (root: string, read: readonly string[]) => createHash('sha256').update(`${ENGINE_KEY}\0${root}\0${read.join('\0')}`).digest('hex');

  const sourceOf = (commit: string, repoPath: string): SourceInput | undefined => {
    const b = blobIds.get(`${commit}:${repoPath}`);
    if (b === undefined) return undefined;
    if (b.size > MAX_MODEL_BYTES) return { file: display(repoPath), text: new Uint8Array(0), size: b.size };
    return { file: display(repoPath), text: contents.get(b.id) ?? new Uint8Array(0) };
  };

  /** Loads a revision from the blobs fetched so far; the `commit:path` names it still needs, when any. */
  const tryLoad = (p: Pending): string[] => {
    const { commit, path: root } = p.info;
    const rootKey = `${commit}:${root}`;
    if (!blobIds.has(rootKey)) return [rootKey];
    const rootBlob = blobIds.get(rootKey);
    if (rootBlob === undefined) {
      states.set(commit, { kind: 'missing' });
      return [];
    }
    // The files this root read before: when their blobs here give a key already seen, the record is
    // that one, with no parsing (the load is a function of exactly those blobs).
    const guess = readsFor(rootBlob.id);
    if (guess !== undefined) {
      for (const g of guess) includePaths.add(g);
      const missingIds = guess.map((g) => `${commit}:${g}`).filter((k) => !blobIds.has(k));
      if (missingIds.length > 0 && !p.guessed) {
        p.guessed = true;
        return missingIds;
      }
      if (missingIds.length === 0) {
        const key = stateKey(root, [rootBlob.id, ...guess.map((g) => `${g}=${blobIds.get(`${commit}:${g}`)?.id ?? 'none'}`)]);
        const known = byContent.get(key) ?? readCache(options.cacheDir, key);
        if (known !== undefined) {
          byContent.set(key, known);
          states.set(commit, known);
          return [];
        }
      }
    }
    // Read in the next batch with every other revision's, not one process each.
    if (rootBlob.size <= MAX_MODEL_BYTES && !contents.has(rootBlob.id)) return [rootKey];
    const input = sourceOf(commit, root);
    if (input === undefined) {
      states.set(commit, { kind: 'missing' });
      return [];
    }
    const needs: string[] = [];
    const readPaths: string[] = [];
    const read: string[] = [blobIds.get(rootKey)?.id ?? ''];
    const repoPathOf = new Map<string, string>([[input.file, root]]);
    const readFile = (include: string, fromFile: string): SourceInput | IncludeRefusal | undefined => {
      const from = repoPathOf.get(fromFile) ?? root;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), include.split('\\').join('/')));
      if (target.startsWith('../') || target === '..' || path.posix.isAbsolute(target)) return { file: include, refused: 'it is outside the repository' };
      includePaths.add(target);
      const key = `${commit}:${target}`;
      const id = blobIds.get(key);
      if (!blobIds.has(key) || (id !== undefined && id.size <= MAX_MODEL_BYTES && !contents.has(id.id))) {
        needs.push(key);
        return undefined;
      }
      read.push(`${target}=${blobIds.get(key)?.id ?? 'none'}`);
      readPaths.push(target);
      const src = sourceOf(commit, target);
      if (src) repoPathOf.set(src.file, target);
      return src;
    };
    const loaded = loadModel(input, { now: RECORD_EPOCH, readFile });
    if (needs.length > 0) return needs;
    const key = stateKey(root, read);
    if (readsOf.get(rootBlob.id)?.join('\0') !== readPaths.join('\0')) {
      readsOf.set(rootBlob.id, readPaths);
      writeJsonFile(readsFile(rootBlob.id), readPaths);
    }
    let state = byContent.get(key) ?? readCache(options.cacheDir, key);
    if (state === undefined) {
      if (!loaded.model || hasErrors(loaded.issues)) {
        const errors = loaded.issues.filter((i) => i.severity === 'error');
        state = { kind: 'invalid', errors: errors.length, first: errors[0] ? issueLine(errors[0]) : 'it could not be read' };
      } else {
        const record: RevisionRecord = revisionRecord(loaded.model, analyzer.analyze(loaded.model, { now: RECORD_EPOCH }));
        state = { kind: 'valid', record };
      }
      analysed++;
      writeCache(options.cacheDir, key, state);
    }
    byContent.set(key, state);
    states.set(commit, state);
    return [];
  };

  // Rounds: list the commits that touched the model's names or a file it includes, load them (fetching
  // the blobs they ask for), and go again when a revision includes a file not looked for yet.
  for (let round = 0; round < 20; round++) {
    const before = includePaths.size;
    const log = logOf(repo, tip, [...names, ...includePaths], false, limit + 1);
    truncated = Math.max(0, log.length - limit);
    const chronological = log.slice(0, limit).reverse();
    // Each commit reads the model under the name it had then: the name after the nearest model commit at or before it.
    ordered = [];
    // Before the model's first commit, an include's commits are not revisions of it; when the model's
    // own log was cut by the limit, the oldest commits kept read it under the oldest name known.
    let name: string | undefined = followed.length > limit ? nameAfter.get(followed[followed.length - 1]?.commit ?? '') : undefined;
    for (const c of chronological) {
      name = nameAfter.get(c.commit) ?? name;
      if (name === undefined) continue;
      ordered.push({ commit: c.commit, date: c.date, author: c.author, subject: c.subject, path: name });
    }
    let pending: Pending[] = ordered.filter((o) => !states.has(o.commit)).map((info) => ({ info }));
    for (let depth = 0; pending.length > 0 && depth < 64; depth++) {
      fetchIds(pending.map((p) => `${p.info.commit}:${p.info.path}`));
      const needs: string[] = [];
      const next: Pending[] = [];
      for (const p of pending) {
        const n = tryLoad(p);
        if (n.length > 0) {
          for (const k of n) needs.push(k);
          next.push(p);
        }
      }
      fetchContents(needs);
      pending = next;
    }
    if (includePaths.size === before) break;
  }

  if (ordered.length === 0) {
    throw new UserError(`${display(modelPath)} did not exist yet at ${options.tip ?? 'HEAD'}`, ExitCode.invalid, 'Give a later revision with --rev, or leave it out to read up to HEAD.');
  }
  const revisions: RevisionInput[] = ordered.map((info) => ({ ...info, state: states.get(info.commit) ?? { kind: 'invalid', errors: 1, first: 'its include: files nest too deep to read' } }));
  return { revisions, shallow, path: modelPath, analysed, truncated };
}

export interface HistoryRun extends Walk {
  readonly history: History;
}

/** The walk and the history derived from it, judged up to `until`. */
export function modelHistory(modelAbs: string, options: WalkOptions & { until: Date }): HistoryRun {
  const walk = walkModelHistory(modelAbs, options);
  return { ...walk, history: deriveHistory(walk.revisions, { until: options.until }) };
}
