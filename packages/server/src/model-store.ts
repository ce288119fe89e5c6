/**
 * The served model on disk: reading it with its includes, saving edits back into the same files
 * without loss, refusing to overwrite a file that changed meanwhile, and watching for changes.
 * Only the served model and the files it includes are ever read or written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { loadModel } from '@threatwright/core';
import type { ModelSnapshot } from './api.js';
import { distribute } from './distribute.js';
import { HttpError } from './errors.js';
import { applyModel } from './yaml-patch.js';

interface Loaded {
  snapshot: ModelSnapshot;
  /** Absolute paths, the served model first. */
  paths: string[];
}

export class ModelStore {
  /** Absolute path of the served model. */
  readonly file: string;
  private readonly root: string;
  private queue: Promise<unknown> = Promise.resolve();
  private known = new Set<string>();

  constructor(file: string) {
    this.file = path.resolve(file);
    this.root = path.dirname(this.file);
  }

  /** The model as it is on disk now. */
  async read(): Promise<ModelSnapshot> {
    return (await this.load()).snapshot;
  }

  /** Files the served model consists of (absolute paths): the only ones ever read or written. */
  async files(): Promise<string[]> {
    return (await this.load()).paths;
  }

  private display(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  private async load(): Promise<Loaded> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      throw new HttpError(404, `${path.basename(this.file)} cannot be read: it was moved or deleted`);
    }
    const includes = new Map<string, string>();
    const name = this.display(this.file);
    const result = loadModel(
      { file: name, text },
      {
        readFile: (p, from) => {
          const target = path.resolve(this.root, path.dirname(from), p);
          if (target === this.file) return undefined;
          const cached = includes.get(target);
          if (cached !== undefined) return { file: this.display(target), text: cached };
          try {
            // The loader's readFile hook is synchronous.
            const body = readFileSync(target, 'utf8');
            includes.set(target, body);
            return { file: this.display(target), text: body };
          } catch {
            return undefined;
          }
        },
      },
    );
    const paths = [this.file, ...includes.keys()];
    const files = [{ name, text }, ...[...includes].map(([abs, body]) => ({ name: this.display(abs), text: body }))];
    // The schema only checks (no defaults, no transforms), so the loaded model is the file's own data,
    // merged with its includes. A model with errors is still opened from the file's data when it is YAML.
    let data: unknown = result.model ?? null;
    if (data === null) {
      const doc = parseDocument(text);
      if (doc.errors.length === 0) data = doc.toJS() as unknown;
    }
    this.known = new Set(paths);
    return {
      paths,
      snapshot: {
        file: name,
        version: versionOf(files),
        files,
        data,
        valid: result.model !== undefined,
        issues: result.issues,
      },
    };
  }

  /**
   * Writes `model` into the files it came from, if they are still at `baseVersion`; otherwise
   * throws a 409 carrying what is on disk now. Saves are serialised; each file is replaced atomically.
   */
  save(baseVersion: string, model: unknown): Promise<ModelSnapshot> {
    const run = this.queue.then(async () => {
      const current = await this.load();
      if (current.snapshot.version !== baseVersion) {
        throw new HttpError(409, 'the model changed on disk since it was loaded', { current: current.snapshot });
      }
      const texts = current.snapshot.files.map((f) => f.text);
      const datas = texts.map((t) => parseDocument(t).toJS() as unknown);
      const parts = distribute(datas, model);
      for (const [i, part] of parts.entries()) {
        const before = texts[i];
        const abs = current.paths[i];
        if (before === undefined || abs === undefined) continue;
        let after: string;
        try {
          after = applyModel(before, part);
        } catch (err) {
          throw new HttpError(409, `${this.display(abs)} is not valid YAML on disk: ${(err as Error).message}`, { current: current.snapshot });
        }
        if (after !== before) await writeAtomic(abs, after);
      }
      return (await this.load()).snapshot;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Calls `onChange(version)` when the served model or an included file changes on disk. */
  watch(onChange: (version: string) => void): () => void {
    const watchers: FSWatcher[] = [];
    let last: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      this.read().then(
        (s) => {
          if (last !== undefined && s.version !== last) onChange(s.version);
          last = s.version;
        },
        () => undefined,
      );
    };
    const dirs = new Set<string>([this.root]);
    const start = () => {
      for (const p of this.known) dirs.add(path.dirname(p));
      for (const dir of dirs) {
        try {
          // Watch folders, not files: editors save by replacing the file, which a file watch misses.
          watchers.push(
            watch(dir, (_event, filename) => {
              if (filename && !this.known.has(path.join(dir, filename))) return;
              clearTimeout(timer);
              timer = setTimeout(check, 40);
            }),
          );
        } catch {
          // A folder that cannot be watched: changes are still caught on the next save (409).
        }
      }
    };
    this.read().then(
      (s) => {
        last = s.version;
        start();
      },
      () => {
        start();
      },
    );
    return () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    };
  }
}

export function versionOf(files: readonly { name: string; text: string }[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.name).update('\0').update(f.text).update('\0');
  return h.digest('hex').slice(0, 20);
}

/** Write to a temporary file beside the target, then rename over it: readers never see half a file. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    await writeFile(tmp, text, mode === undefined ? { encoding: 'utf8', flag: 'wx' } : { encoding: 'utf8', flag: 'wx', mode });
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
