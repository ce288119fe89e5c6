/**
 * The served model on disk: reading it with its includes, saving edits back into the same files
 * without loss, refusing to overwrite a file that changed meanwhile, and watching for changes.
 *
 * Only the served model and the files it includes are ever read or written, and an include is read
 * exactly as the CLI reads it (`model-files.ts`: inside the allowed folders after links are
 * followed, a regular file, within the size limit). Of those, only files that are YAML mappings (model
 * fragments) are returned to the editor or written; anything else is never rewritten.
 *
 * A save is checked three times: the edit must be based on the version on disk, the files it
 * produces must load with no error the model on disk did not already have, and every file of the
 * model must still read as it did immediately before the new files are renamed into place.
 */
import { createHash, randomBytes } from 'node:crypto';
import { realpathSync, renameSync, watch, type FSWatcher } from 'node:fs';
import { stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyze, freshVerification, loadModel, locateIssues, parseSource, parseVerificationRecord, verificationPathFor, type Issue, type MitigationVerification, type Model, type SourceInput, type VerificationRecord } from '@threatwright/core';
import type { AnalysisResponse, ModelSnapshot } from './api.js';
import { distribute } from './distribute.js';
import { HttpError } from './errors.js';
import { includeReader, readRegularFile, type FileRead } from './model-files.js';
import { ParsedYaml, patchYaml } from './yaml-patch.js';

/** One file of the model that a save may write. */
interface ModelFile {
  /** The path as the model names it (links not followed). */
  abs: string;
  /** Where writes go: the file a link points at, so the link stays a link. */
  real: string;
  name: string;
  text: string;
}

interface Loaded {
  snapshot: ModelSnapshot;
  /** The served model first, then each include that is a YAML mapping: the only files ever written. */
  files: ModelFile[];
  /** What every file the load looked at read as (root included, missing and refused ones too). */
  reads: Map<string, string>;
  /** Some file of the model is not UTF-8 text: saving could lose its bytes, so it is refused. */
  notText: string | undefined;
  /** Errors of the model on disk, by code and message: a save may not add others. */
  errors: Set<string>;
  /** Warnings such as an overdue review depend on the date. */
  day: string;
  /** The analysis's issues located in the files this load read. */
  locateIssues: (issues: readonly Issue[]) => Issue[];
  /** The analysis of this load, made on first request. */
  analysis?: AnalysisResponse;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A file's state as one comparable string: its text, or what kept it from being read. */
function stampOf(read: FileRead): string {
  switch (read.kind) {
    case 'read':
      return `text:${read.bytes.toString('utf8')}`;
    case 'too-large':
      return `too-large:${read.size}`;
    case 'missing':
      return 'missing';
    case 'refused':
      return `refused:${read.reason}`;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const errorKey = (i: Issue): string => `${i.code}\0${i.message}`;

export interface ModelStoreOptions {
  /** Folders includes may come from besides the model's own (the CLI passes the working folder). */
  folders?: readonly string[];
  /**
   * Called during a save after the new texts are in their temporary files, just before every file
   * is read again for the last check: tests use it to change a file at the worst moment.
   */
  beforeCommit?: () => void | Promise<void>;
}

export class ModelStore {
  /** Absolute path of the served model. */
  readonly file: string;
  private readonly root: string;
  private readonly folders: readonly string[];
  private readonly beforeCommit: (() => void | Promise<void>) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Every path the last load read (as named and as linked to): the watcher's filter. */
  private known = new Set<string>();
  /**
   * Loading a large model takes a while: the last one is kept and answered again for as long as the
   * files read the same (they are read, and compared, on every request).
   */
  private last: Loaded | undefined;
  /** Each file's parsed YAML as last read or written, used by the next save while the file still reads the same. */
  private readonly parsed = new Map<string, ParsedYaml>();

  constructor(file: string, options: ModelStoreOptions = {}) {
    this.file = path.resolve(file);
    this.root = path.dirname(this.file);
    this.folders = (options.folders ?? []).map((f) => path.resolve(f));
    this.beforeCommit = options.beforeCommit;
  }

  /** The model as it is on disk now. */
  async read(): Promise<ModelSnapshot> {
    return (await this.load()).snapshot;
  }

  /**
   * The analysis of the model as it is on disk, exactly what `threatwright analyze --format json`
   * prints for it (with the test evidence `threatwright verify` saved beside it), or the errors that
   * keep it from being analysed. Made once per version of the files.
   */
  async analysis(): Promise<AnalysisResponse> {
    const loaded = await this.load();
    if (loaded.analysis) return loaded.analysis;
    const snap = loaded.snapshot;
    if (!snap.valid) {
      loaded.analysis = { version: 1, file: snap.file, valid: false, issues: snap.issues.filter((i) => i.severity === 'error') };
      return loaded.analysis;
    }
    const model = snap.data as Model;
    const result = analyze(model, { now: new Date(), ...this.verificationFor(model) });
    const issues = loaded.locateIssues(result.issues);
    loaded.analysis = { ...result, file: snap.file, issues: [...snap.issues.filter((i) => i.severity !== 'error'), ...issues] };
    return loaded.analysis;
  }

  /** The saved verification record beside the model (what `threatwright verify` wrote), when there is a readable one. */
  verificationRecord(): VerificationRecord | null {
    const read = readRegularFile(verificationPathFor(this.file));
    if (read.kind !== 'read') return null;
    const parsed = parseVerificationRecord(read.bytes.toString('utf8'));
    return 'record' in parsed ? parsed.record : null;
  }

  private verificationFor(model: Model): { verification?: MitigationVerification[] } {
    const record = this.verificationRecord();
    return record ? { verification: freshVerification(record, model) } : {};
  }

  /** Files the served model consists of (absolute paths): the only ones ever written. */
  async files(): Promise<string[]> {
    return (await this.load()).files.map((f) => f.abs);
  }

  private display(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  private reader() {
    return includeReader({ root: this.file, folders: this.folders, display: (abs) => this.display(abs) });
  }

  /**
   * Whether every file `loaded` read still reads the same (each include read again with the same
   * checks); the served model too, unless the caller has just read and compared it.
   */
  private unchanged(loaded: Loaded, rootCompared = false): boolean {
    const reader = this.reader();
    for (const [abs, stamp] of loaded.reads) {
      if (abs === this.file) {
        if (!rootCompared && stampOf(readRegularFile(abs)) !== stamp) return false;
      } else if (stampOf(reader.readAt(abs)) !== stamp) return false;
    }
    return true;
  }

  private load(): Promise<Loaded> {
    // Synchronous reads on purpose: the checks and reads of one load are not interleaved with a save.
    return Promise.resolve().then(() => this.loadNow());
  }

  private loadNow(): Loaded {
    const rootRead = readRegularFile(this.file);
    const name = this.display(this.file);
    if (rootRead.kind === 'missing') throw new HttpError(404, `${name} cannot be read: it was moved or deleted`);
    if (rootRead.kind === 'refused') throw new HttpError(422, `${name} cannot be read: ${rootRead.reason}`);
    const last = this.last;
    if (last && last.day === today() && last.reads.get(this.file) === stampOf(rootRead) && this.unchanged(last, true)) return last;

    const reads = new Map<string, string>([[this.file, stampOf(rootRead)]]);
    const reader = this.reader();
    const input: SourceInput = rootRead.kind === 'read' ? { file: name, text: new Uint8Array(rootRead.bytes) } : { file: name, text: new Uint8Array(0), size: rootRead.size };
    const result = loadModel(input, { readFile: reader.readFile, now: new Date() });

    const rootText = rootRead.kind === 'read' ? rootRead.bytes.toString('utf8') : '';
    let notText = rootRead.kind === 'read' && !isUtf8(rootRead.bytes) ? name : undefined;
    const files: ModelFile[] = [{ abs: this.file, real: realOr(this.file), name, text: rootText }];
    for (const r of reader.reads.values()) {
      reads.set(r.abs, stampOf(r.read));
      if (r.read.kind !== 'read') continue;
      const text = r.read.bytes.toString('utf8');
      // Only a file that is a model fragment is part of what the editor shows and writes.
      if (!isRecord(this.dataOf(r.abs, text))) continue;
      if (!isUtf8(r.read.bytes)) notText ??= r.name;
      files.push({ abs: r.abs, real: realOr(r.abs), name: r.name, text });
    }

    // The schema only checks (no defaults, no transforms), so the loaded model is the file's own data,
    // merged with its includes. A model with errors is still opened from the file's data when it
    // parses (within the loader's bounds: no alias expansion past its limit).
    let data: unknown = result.model ?? null;
    if (data === null && rootRead.kind === 'read') {
      const own = parseSource({ file: name, text: rootText });
      if (own.ok && isRecord(own.value)) data = own.value;
    }
    this.known = new Set([...reads.keys(), ...files.map((f) => f.real)]);
    const loaded: Loaded = {
      files,
      reads,
      notText,
      errors: new Set(result.issues.filter((i) => i.severity === 'error').map(errorKey)),
      day: today(),
      locateIssues: (issues) => locateIssues(result, issues),
      snapshot: {
        file: name,
        version: versionOf([...reads].map(([abs, stamp]) => ({ name: this.display(abs), text: stamp }))),
        files: files.map((f) => ({ name: f.name, text: f.text })),
        data,
        valid: result.model !== undefined,
        issues: result.issues,
      },
    };
    this.last = loaded;
    this.prepare(loaded);
    return loaded;
  }

  /** A file's data as YAML, or undefined when it does not parse (or expands past the alias limit). */
  private dataOf(abs: string, text: string): unknown {
    try {
      return this.parsedFor(abs, text).data();
    } catch {
      return undefined;
    }
  }

  /**
   * Parses the files a moment after they were loaded, while the user reads, so the first save is
   * as quick as the next ones.
   */
  private prepare(loaded: Loaded): void {
    const timer = setTimeout(() => {
      if (this.last !== loaded) return;
      for (const f of loaded.files) {
        try {
          this.parsedFor(f.abs, f.text).outline();
        } catch {
          // A file that does not parse is reported on save.
        }
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
   * throws a 409 carrying what is on disk now. A result that loads with new errors is refused
   * (422, with the issues). Saves are serialised; each file is replaced atomically, and only after
   * every file of the model was read again and found unchanged.
   */
  save(baseVersion: string, model: unknown): Promise<ModelSnapshot> {
    const run = this.queue.then(async () => {
      const current = await this.load();
      const conflict = (message: string) => new HttpError(409, message, { current: this.loadNow().snapshot });
      if (current.snapshot.version !== baseVersion) throw conflict('the model changed on disk since it was loaded');
      if (!isRecord(model)) throw new HttpError(422, 'a model is a mapping of sections');
      if (current.notText !== undefined) throw new HttpError(422, `${current.notText} is not UTF-8 text, and writing it could lose bytes; fix its encoding first`);

      const parsedFiles: ParsedYaml[] = [];
      const data: unknown[] = [];
      for (const f of current.files) {
        const yaml = this.parsedFor(f.abs, f.text);
        let value: unknown;
        try {
          if (yaml.doc.errors.length > 0) throw new Error(yaml.doc.errors[0]?.message ?? 'syntax error');
          value = yaml.data();
        } catch (err) {
          throw new HttpError(409, `${f.name} is not valid YAML on disk: ${(err as Error).message}`, { current: current.snapshot });
        }
        parsedFiles.push(yaml);
        data.push(value);
      }
      const parts = distribute(data, model);
      const next = new Map<string, { file: ModelFile; yaml: ParsedYaml }>();
      for (const [i, part] of parts.entries()) {
        const file = current.files[i];
        const yaml = parsedFiles[i];
        if (file === undefined || yaml === undefined) continue;
        let after: ParsedYaml;
        try {
          // Patching changes the kept document in place: it is forgotten until the new text is known.
          this.parsed.delete(file.abs);
          after = patchYaml(yaml, part);
        } catch (err) {
          throw new HttpError(409, `${file.name} is not valid YAML on disk: ${(err as Error).message}`, { current: current.snapshot });
        }
        next.set(file.abs, { file, yaml: after });
      }

      this.checkValid(current, next);

      // New texts go to temporary files beside their targets; then every file of the model is read
      // again, and only if all read as the edit's base are the new files renamed into place.
      const writes: { tmp: string; real: string }[] = [];
      try {
        for (const { file, yaml } of next.values()) {
          if (yaml.text === file.text) continue;
          writes.push({ tmp: await writeTemp(file.real, yaml.text), real: file.real });
        }
        if (writes.length > 0) {
          await this.beforeCommit?.();
          if (!this.unchanged(current)) throw conflict('the model changed on disk while it was being saved');
          for (const w of writes) renameSync(w.tmp, w.real);
        }
      } finally {
        for (const w of writes) await unlink(w.tmp).catch(() => undefined);
      }
      for (const { file, yaml } of next.values()) this.parsed.set(file.abs, yaml);
      return (await this.load()).snapshot;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Refuses a save whose files load with an error the model on disk did not have. */
  private checkValid(current: Loaded, next: Map<string, { file: ModelFile; yaml: ParsedYaml }>): void {
    const root = next.get(this.file);
    if (!root) return;
    const reader = this.reader();
    const byName = new Map([...next.values()].map((n) => [n.file.name, n.yaml.text]));
    const result = loadModel(
      { file: root.file.name, text: root.yaml.text },
      {
        now: new Date(),
        readFile: (p, from) => {
          const target = path.resolve(this.root, path.dirname(from), p);
          const text = byName.get(this.display(target));
          return text !== undefined ? { file: this.display(target), text } : reader.readFile(p, from);
        },
      },
    );
    const added = result.issues.filter((i) => i.severity === 'error' && !current.errors.has(errorKey(i)));
    if (added.length === 0) return;
    // One line, as the editor shows it in its status bar; every issue travels in `issues`.
    const first = added[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line}:${first.location.column})` : '';
    const shown = first ? `${first.subject ? `${first.subject}: ` : ''}${first.message}${where}` : '';
    throw new HttpError(422, `the edit would make the model invalid: ${shown}${added.length > 1 ? `; and ${added.length - 1} more` : ''}`, { issues: added });
  }

  /** Calls `onChange(version)` when the served model or an included file changes on disk. */
  watch(onChange: (version: string) => void): () => void {
    const watchers: FSWatcher[] = [];
    let last: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = () => {
      this.read().then(
        (s) => {
          if (stopped) return;
          if (last !== undefined && s.version !== last) onChange(s.version);
          last = s.version;
        },
        () => undefined,
      );
    };
    const dirs = new Set<string>([this.root]);
    const start = () => {
      if (stopped) return;
      for (const p of this.known) dirs.add(path.dirname(p));
      for (const dir of dirs) {
        try {
          // Watch folders, not files: editors save by replacing the file, which a file watch misses.
          const w = watch(dir, (_event, filename) => {
            if (filename && !this.known.has(path.join(dir, filename))) return;
            clearTimeout(timer);
            timer = setTimeout(check, 40);
          });
          w.on('error', () => undefined);
          // A watch never keeps the process alive on its own: stopping the server ends it.
          w.unref();
          watchers.push(w);
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
      stopped = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
    };
  }
}

function realOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

export function versionOf(files: readonly { name: string; text: string }[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.name).update('\0').update(f.text).update('\0');
  return h.digest('hex').slice(0, 20);
}

/** Writes `text` to a new temporary file beside `file`, with `file`'s permissions; returns its path. */
async function writeTemp(file: string, text: string): Promise<string> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  await writeFile(tmp, text, mode === undefined ? { encoding: 'utf8', flag: 'wx' } : { encoding: 'utf8', flag: 'wx', mode });
  return tmp;
}

/** Write to a temporary file beside the target, then rename over it: readers never see half a file. Writes through a link to its target. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const real = realOr(file);
  const tmp = await writeTemp(real, text);
  try {
    renameSync(tmp, real);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
