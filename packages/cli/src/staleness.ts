/**
 * Staleness from code: for each component with `paths:` (folders or files of the repository that
 * implement it, from the repository's root), how many commits and changed lines touched those paths
 * since the model last changed that component's entry (the newest commit `git blame` gives its
 * lines), or since the model's `reviewed_at` when that is later. Read with the git command line;
 * nothing when the model is not in a repository.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { locate, type LoadResult, type Model } from '@threatwright/core';
import { gitText as git } from './git.js';

export interface ComponentStaleness {
  id: string;
  name: string;
  paths: readonly string[];
  /** What the count starts from: the last commit that changed the component's entry, or the review date. */
  since: { kind: 'model' | 'review' | 'never'; commit?: string; date?: string };
  commits: number;
  added: number;
  removed: number;
  /** Days from `since` to the newest code commit under its paths. */
  days: number;
  /** Where the component is declared, for messages. */
  file: string;
  line: number;
}

/** The last line of the list item starting at `start` (1-based): before the next line indented as far as its dash, or less. */
export function itemEnd(lines: readonly string[], start: number): number {
  const first = lines[start - 1] ?? '';
  const indent = first.length - first.trimStart().length;
  let end = start;
  for (let n = start + 1; n <= lines.length; n++) {
    const line = lines[n - 1] ?? '';
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (line.length - line.trimStart().length <= indent) break;
    end = n;
  }
  return end;
}

const DAY = 86_400_000;

/** Per line of a file (1-based), the commit that last changed it and when (seconds); uncommitted lines as now. */
async function blame(root: string, rel: string): Promise<Map<number, { commit: string; time: number }> | undefined> {
  const out = await git(['blame', '--porcelain', '--', rel], root);
  if (out === undefined) return undefined;
  const times = new Map<string, number>();
  const lines = new Map<number, { commit: string; time: number }>();
  let current = '';
  for (const line of out.split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/u.exec(line);
    if (head?.[1] !== undefined && head[2] !== undefined) {
      current = head[1];
      lines.set(Number(head[2]), { commit: current, time: 0 });
      continue;
    }
    const t = /^committer-time (\d+)$/u.exec(line);
    if (t?.[1] !== undefined) times.set(current, Number(t[1]));
  }
  const now = Math.floor(Date.now() / 1000);
  for (const v of lines.values()) v.time = /^0+$/u.test(v.commit) ? now : (times.get(v.commit) ?? 0);
  return lines;
}

/** The repository file is the path or under it (`apps/web/` holds `apps/web/main.js`). */
export function underPath(file: string, p: string): boolean {
  const prefix = p.replace(/^\.?\//u, '').replace(/\/+$/u, '');
  return prefix === '' || file === prefix || file.startsWith(`${prefix}/`);
}

/**
 * Staleness of every component with `paths:`; undefined when the model is not in a git repository.
 * A few git calls whatever the model's size, in three rounds of calls that run at once: the root and
 * HEAD; a blame of each model file; one log of every path beside one rev-list per commit that last
 * changed some component.
 */
export async function componentStaleness(loaded: LoadResult, model: Model, modelAbs: string, cwd: string): Promise<ComponentStaleness[] | undefined> {
  const withPaths = (model.components ?? []).map((c, i) => ({ c, i })).filter(({ c }) => (c.paths ?? []).length > 0);
  if (withPaths.length === 0) return [];
  // The root and HEAD in one call: it fails outside a repository and before the first commit alike.
  const root = (await git(['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD'], path.dirname(modelAbs)))?.split('\n')[0]?.trim();
  if (root === undefined || root === '') return undefined;
  const reviewedAt = model.system.reviewed_at;
  const reviewed = reviewedAt !== undefined ? Date.parse(`${reviewedAt}T23:59:59Z`) / 1000 : undefined;
  const placed = withPaths.flatMap(({ c, i }) => {
    const loc = locate(loaded, ['components', i]);
    if (!loc) return [];
    const abs = path.resolve(cwd, loc.file);
    return [{ c, loc, abs, rel: path.relative(root, abs).split(path.sep).join('/') }];
  });
  const files = new Map<string, Promise<{ lines: string[]; blamed: Awaited<ReturnType<typeof blame>> }>>();
  for (const { abs, rel } of placed) {
    if (files.has(rel)) continue;
    files.set(
      rel,
      blame(root, rel).then((blamed) => {
        let lines: string[] = [];
        try {
          lines = readFileSync(abs, 'utf8').split('\n');
        } catch {
          // Unreadable now: counted from the review date, if any.
        }
        return { lines, blamed };
      }),
    );
  }
  const sinces: { c: (typeof withPaths)[number]['c']; since: ComponentStaleness['since']; time: number; file: string; line: number }[] = [];
  for (const { c, loc, rel } of placed) {
    const f = await files.get(rel);
    if (!f) continue;
    // The newest commit among the component's lines: the last time its entry changed.
    let last: { commit: string; time: number } | undefined;
    for (let n = loc.line; n <= itemEnd(f.lines, loc.line); n++) {
      const b = f.blamed?.get(n);
      if (b && (last === undefined || b.time > last.time)) last = b;
    }
    let since: ComponentStaleness['since'] = last ? { kind: 'model', commit: last.commit, date: new Date(last.time * 1000).toISOString().slice(0, 10) } : { kind: 'never' };
    let time = last?.time ?? 0;
    if (reviewed !== undefined && reviewed > time && reviewedAt !== undefined) {
      since = { kind: 'review', date: reviewedAt };
      time = reviewed;
    }
    sinces.push({ c, since, time, file: loc.file, line: loc.line });
  }
  let oldest = Number.POSITIVE_INFINITY;
  for (const x of sinces) oldest = Math.min(oldest, x.time);
  const allPaths = [...new Set(sinces.flatMap((x) => x.c.paths ?? []))];
  // Every count starts in the future (a review dated today counts to the end of the day): no commit to read.
  const nowSeconds = Date.now() / 1000;
  if (oldest > nowSeconds) return sinces.map(({ c, since, file, line }) => ({ id: c.id, name: c.name, paths: c.paths ?? [], since, commits: 0, added: 0, removed: 0, days: 0, file, line }));
  const modelCommit = (x: (typeof sinces)[number]) => (x.since.kind === 'model' && x.since.commit !== undefined && !/^0+$/u.test(x.since.commit) ? x.since.commit : undefined);
  // Commits after the one that last changed an entry, by ancestry (one rev-list per such commit), read
  // while the log runs.
  const after = new Map<string, Promise<Set<string>>>();
  for (const x of sinces) {
    const commit = modelCommit(x);
    if (commit !== undefined && !after.has(commit)) after.set(commit, git(['rev-list', `${commit}..HEAD`], root).then((out) => new Set((out ?? '').split('\n').filter((h) => h !== ''))));
  }
  // A day's slack: commit times are in seconds and clocks disagree; ancestry decides below.
  const log = (await git(['log', '--format=@%H%x09%ct', '--numstat', '--no-renames', ...(oldest > 0 && Number.isFinite(oldest) ? [`--since=${String(oldest - 86_400)}`] : []), 'HEAD', '--', ...allPaths.map((p) => `:(top)${p}`)], root)) ?? '';
  // Each commit with its time and the lines it changed per file.
  const commits: { hash: string; time: number; files: { file: string; added: number; removed: number }[] }[] = [];
  for (const line of log.split('\n')) {
    if (line.startsWith('@')) {
      const [hash, time] = line.slice(1).split('\t');
      commits.push({ hash: hash ?? '', time: Number(time ?? 0), files: [] });
      continue;
    }
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/u.exec(line);
    if (m?.[3] !== undefined) commits[commits.length - 1]?.files.push({ file: m[3], added: m[1] === '-' ? 0 : Number(m[1]), removed: m[2] === '-' ? 0 : Number(m[2]) });
  }
  const out: ComponentStaleness[] = [];
  for (const x of sinces) {
    const { c, since, time, file, line } = x;
    const commit = modelCommit(x);
    const byAncestry = commit !== undefined ? await after.get(commit) : undefined;
    let count = 0;
    let added = 0;
    let removed = 0;
    let newest = 0;
    for (const cm of commits) {
      if (byAncestry ? !byAncestry.has(cm.hash) : cm.time <= time) continue;
      const touched = cm.files.filter((f) => (c.paths ?? []).some((p) => underPath(f.file, p)));
      if (touched.length === 0) continue;
      count++;
      newest = Math.max(newest, cm.time);
      for (const f of touched) {
        added += f.added;
        removed += f.removed;
      }
    }
    const days = count > 0 && time > 0 ? Math.max(0, Math.round(((newest - time) * 1000) / DAY)) : 0;
    out.push({ id: c.id, name: c.name, paths: c.paths ?? [], since, commits: count, added, removed, days, file, line });
  }
  return out;
}

/** `--stale-after`: a number of commits (`20`) or of days (`30d`). */
export type StaleLimit = { commits: number } | { days: number };

export function parseStaleLimit(text: string): StaleLimit | undefined {
  const m = /^(\d+)\s*(d|days?|c|commits?)?$/u.exec(text.trim());
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return m[2] !== undefined && m[2].startsWith('d') ? { days: n } : { commits: n };
}

export function isStale(s: ComponentStaleness, limit: StaleLimit): boolean {
  if (s.commits === 0) return false;
  return 'commits' in limit ? s.commits >= limit.commits : s.days >= limit.days;
}

export function stalenessText(s: ComponentStaleness): string {
  const from = s.since.kind === 'model' ? `the model last changed it (${(s.since.commit ?? '').slice(0, 7)}, ${s.since.date ?? '?'})` : s.since.kind === 'review' ? `the review of ${s.since.date ?? '?'}` : 'ever';
  return `${String(s.commits)} commit${s.commits === 1 ? '' : 's'} (+${String(s.added)} −${String(s.removed)} lines) under ${s.paths.join(', ')} since ${from}`;
}
