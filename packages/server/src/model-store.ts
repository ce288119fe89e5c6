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
import { ParsedYaml, patchYaml } from './yaml-patch.js';

interface Loaded {
  snapshot: ModelSnapshot;
  /** Absolute paths, the served model first. */
  paths: string[];
}

/** The last model loaded, and what it was loaded from: valid while every file read reads the same. */
interface LoadedFrom {
  loaded: Loaded;
  text: string;
  /** Every include the loader asked for (absolute path) and what it read: the text, or undefined when missing. */
  reads: Map<string, string | undefined>;
  /** Warnings such as an overdue review depend on the date. */
  day: string;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readOrUndefined(file: string): string | undefined {
  try {
    // The loader's readFile hook is synchronous.
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export class ModelStore {
  /** Absolute path of the served model. */
  readonly file: string;
  private readonly root: string;
  private queue: Promise<unknown> = Promise.resolve();
  private known = new Set<string>();
  /**
   * Loading a large model takes a while: the last one is kept and answered again for as long as the
   * files read the same (they are read, and compared, on every request).
   */
  private last: LoadedFrom | undefined;
  /** Each file's parsed YAML as last read or written, used by the next save while the file still reads the same. */
  private readonly parsed = new Map<string, ParsedYaml>();

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
    const last = this.last;
    if (last && last.text === text && last.day === today() && [...last.reads].every(([abs, body]) => readOrUndefined(abs) === body)) {
      return last.loaded;
    }
    const reads = new Map<string, string | undefined>();
    const includes = new Map<string, string>();
    const name = this.display(this.file);
    const result = loadModel(
      { file: name, text },
      {
        readFile: (p, from) => {
          const target = path.resolve(this.root, path.dirname(from), p);
          if (target === this.file) return undefined;
          if (!reads.has(target)) {
            const body = readOrUndefined(target);
            reads.set(target, body);
            if (body !== undefined) includes.set(target, body);
          }
          const body = reads.get(target);
          return body === undefined ? undefined : { file: this.display(target), text: body };
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
    const loaded: Loaded = {
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
    this.last = { loaded, text, reads, day: today() };
    this.prepare(loaded);
    return loaded;
  }

  /**
   * Parses the files a moment after they were loaded, while the user reads, so the first save is
   * as quick as the next ones.
   */
  private prepare(loaded: Loaded): void {
    const timer = setTimeout(() => {
      if (this.last?.loaded !== loaded) return;
      for (const [i, f] of loaded.snapshot.files.entries()) {
        const abs = loaded.paths[i];
        if (abs !== undefined) this.parsedFor(abs, f.text).outline();
      }
    }, 250);
    timer.unref();
  }

  /** The parsed YAML of a file that reads `text` now: the one kept from the last save or parse when it is still that text. */
  private parsedFor(abs: string, text: string): ParsedYaml {
    const kept = this.parsed.get(abs);
    if (kept?.text === text) return kept;
    const fresh = new ParsedYaml(text);
    this.parsed.set(abs, fresh);
    return fresh;
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
      const files = current.snapshot.files.map((f, i) => {
        const abs = current.paths[i];
        return abs === undefined ? undefined : { abs, yaml: this.parsedFor(abs, f.text) };
      });
      const parts = distribute(files.map((f) => f?.yaml.data()), model);
      for (const [i, part] of parts.entries()) {
        const file = files[i];
        if (file === undefined) continue;
        const { abs, yaml } = file;
        // Patching changes the kept document in place: it is forgotten until the new text is known.
        this.parsed.delete(abs);
        let after: ParsedYaml;
        try {
          after = patchYaml(yaml, part);
        } catch (err) {
          throw new HttpError(409, `${this.display(abs)} is not valid YAML on disk: ${(err as Error).message}`, { current: current.snapshot });
        }
        if (after.text !== yaml.text) await writeAtomic(abs, after.text);
        this.parsed.set(abs, after);
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
