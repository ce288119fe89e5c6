/**
 * A model as it was at a git revision: the model file and every file it includes read from that
 * commit with `git show`, never from the working tree. Includes resolve inside the repository
 * only, within the loader's size limit, as the working-tree reader allows them.
 */
import path from 'node:path';
import { loadModel, MAX_MODEL_BYTES, type IncludeRefusal, type LoadResult, type SourceInput } from '@threatwright/core';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { underPath } from '../../staleness.js';
import { gitSync, tryGitSync } from '../../git.js';

export interface Repository {
  /** The work tree's root. */
  root: string;
}

/** The repository the folder is in; a user error outside one. */
export function repositoryOf(dir: string): Repository {
  const out = tryGitSync(['rev-parse', '--show-toplevel'], dir);
  if (out === undefined) {
    throw new UserError(`${dir} is not in a git repository`, ExitCode.invalid, 'Compare two model files instead: `threatwright diff old.yaml new.yaml`.');
  }
  return { root: out.toString('utf8').trim() };
}

/** The commit a revision names (a branch, tag, `HEAD~3`, a hash); a user error when it names none. */
export function resolveCommit(repo: Repository, revision: string): string {
  // `--end-of-options` keeps a revision that starts with "-" from being read as an option.
  const out = revision.startsWith('-') ? undefined : tryGitSync(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], repo.root);
  if (out === undefined) {
    throw new UserError(`no revision or file named "${revision}"`, ExitCode.invalid, 'Give a branch, tag or commit of this repository (main, HEAD~1, v1.2), or the path of a model file.');
  }
  return out.toString('utf8').trim();
}

/** The size of a file at a commit, or undefined when the commit has no such file. */
function sizeAt(repo: Repository, commit: string, file: string): number | undefined {
  const type = tryGitSync(['cat-file', '-t', `${commit}:${file}`], repo.root)?.toString('utf8').trim();
  if (type !== 'blob') return undefined;
  const size = tryGitSync(['cat-file', '-s', `${commit}:${file}`], repo.root);
  return size === undefined ? undefined : Number(size.toString('utf8').trim());
}

function readAt(repo: Repository, commit: string, file: string, shown: string): SourceInput | undefined {
  const size = sizeAt(repo, commit, file);
  if (size === undefined) return undefined;
  if (size > MAX_MODEL_BYTES) return { file: shown, text: new Uint8Array(0), size };
  const bytes = gitSync(['cat-file', 'blob', `${commit}:${file}`], repo.root, { maxBuffer: MAX_MODEL_BYTES + 1024 });
  return { file: shown, text: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

export interface LoadAtRevisionOptions {
  now: Date;
  /** How files are named in messages: the path from the current folder, as `validate` shows it. */
  display: (repoPath: string) => string;
}

/**
 * Loads the model at `modelAbs` as the commit has it. Undefined when the commit has no such file
 * (the model is new since then).
 */
export function loadAtRevision(repo: Repository, commit: string, modelAbs: string, options: LoadAtRevisionOptions): LoadResult | undefined {
  const toRepo = (abs: string) => path.relative(repo.root, abs).split(path.sep).join('/');
  const rootPath = toRepo(modelAbs);
  const input = readAt(repo, commit, rootPath, options.display(rootPath));
  if (input === undefined) return undefined;
  // Names given to the loader are display names; map them back to repository paths.
  const repoPathOf = new Map<string, string>([[input.file, rootPath]]);
  const readFile = (include: string, fromFile: string): SourceInput | IncludeRefusal | undefined => {
    const from = repoPathOf.get(fromFile) ?? rootPath;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), include.split('\\').join('/')));
    if (target.startsWith('../') || target === '..' || path.posix.isAbsolute(target)) {
      return { file: include, refused: 'it is outside the repository' };
    }
    const shown = options.display(target);
    repoPathOf.set(shown, target);
    return readAt(repo, commit, target, shown);
  };
  return loadModel(input, { now: options.now, readFile });
}

export interface RevisionModel {
  /** "main (1a2b3c4)" */
  label: string;
  /** Undefined when the commit has no such file. */
  loaded: LoadResult | undefined;
  /** The commit and repository, for a side read from git. */
  commit?: string;
  root?: string;
}

/** The model at `modelAbs` as a revision of its repository has it, with a label for people. */
export function modelAtRevision(modelAbs: string, revision: string, cwd: string, now: Date, displayPath: (cwd: string, file: string) => string): RevisionModel {
  const repo = repositoryOf(path.dirname(modelAbs));
  const commit = resolveCommit(repo, revision);
  const display = (repoPath: string) => displayPath(cwd, path.join(repo.root, repoPath));
  // A commit named by its hash (as CI gives it) is shown short, once: "1a2b3c4", not the 40 characters and then again.
  const label = /^[0-9a-f]{7,64}$/u.test(revision) && commit.startsWith(revision) ? commit.slice(0, 7) : `${revision} (${commit.slice(0, 7)})`;
  return { label, loaded: loadAtRevision(repo, commit, modelAbs, { now, display }), commit, root: repo.root };
}

export interface CodeWithoutModel {
  id: string;
  name: string;
  paths: readonly string[];
  files: number;
  added: number;
  removed: number;
}

/**
 * Components whose code (`paths:`, from the repository's root) changed between the base commit and
 * the head (a commit, or the working tree) while their entry in the model did not: one `git diff`.
 */
export function codeWithoutModel(root: string, base: string, head: string | undefined, components: readonly { id: string; name: string; paths?: readonly string[] | undefined }[], changed: ReadonlySet<string>): CodeWithoutModel[] {
  const watched = components.filter((c) => (c.paths ?? []).length > 0 && !changed.has(c.id));
  if (watched.length === 0) return [];
  const all = [...new Set(watched.flatMap((c) => c.paths ?? []))].map((p) => `:(top)${p}`);
  const out = tryGitSync(['diff', '--numstat', '--no-renames', base, ...(head !== undefined ? [head] : []), '--', ...all], root, { maxBuffer: 64 * 1024 * 1024 })?.toString('utf8') ?? '';
  const rows: { file: string; added: number; removed: number }[] = [];
  for (const line of out.split('\n')) {
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/u.exec(line);
    if (m?.[3] !== undefined) rows.push({ file: m[3], added: m[1] === '-' ? 0 : Number(m[1]), removed: m[2] === '-' ? 0 : Number(m[2]) });
  }
  const result: CodeWithoutModel[] = [];
  for (const c of watched) {
    const touched = rows.filter((r) => (c.paths ?? []).some((p) => underPath(r.file, p)));
    if (touched.length === 0) continue;
    let added = 0;
    let removed = 0;
    for (const r of touched) {
      added += r.added;
      removed += r.removed;
    }
    result.push({ id: c.id, name: c.name, paths: c.paths ?? [], files: touched.length, added, removed });
  }
  return result;
}
