/**
 * File helpers shared by the commands: finding the model file, writing atomically,
 * and refusing to overwrite a file that changed on disk since it was read.
 */
import { constants, readFileSync, renameSync } from 'node:fs';
import { link, mkdir, open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/** The names looked for when no model file is given, in order of preference. */
export const DEFAULT_MODEL_NAMES = ['threatmodel.yaml', 'threatmodel.yml', 'threatmodel.json'] as const;
const MODEL_SUFFIXES = ['.threatwright.yaml', '.threatwright.yml', '.threatwright.json'];

/** `path` relative to `cwd` when it is inside it, with `/` separators, for messages and output. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(cwd, file) : rel;
  return shown.split(path.sep).join('/');
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function findModelIn(dir: string, cwd: string): Promise<string> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch {
    throw new UserError(`cannot read the folder ${displayPath(cwd, dir)}`, ExitCode.invalid);
  }
  for (const name of DEFAULT_MODEL_NAMES) if (entries.includes(name)) return path.join(dir, name);
  const suffixed = entries.filter((e) => MODEL_SUFFIXES.some((s) => e.endsWith(s)));
  const only = suffixed[0];
  if (suffixed.length === 1 && only !== undefined) return path.join(dir, only);
  const where = displayPath(cwd, dir);
  if (suffixed.length > 1) {
    throw new UserError(
      `found several model files in ${where}: ${suffixed.join(', ')}`,
      ExitCode.invalid,
      'Name the one you mean, e.g. `threatwright validate ' + displayPath(cwd, path.join(dir, suffixed[0] ?? '')) + '`.',
    );
  }
  throw new UserError(
    `no model file in ${where} (looked for ${DEFAULT_MODEL_NAMES.join(', ')} and *.threatwright.yaml)`,
    ExitCode.invalid,
    'Give the path of a model file, or run `threatwright init` to create one.',
  );
}

/**
 * Resolves the model file a command works on, as an absolute path:
 * - a given file is used as is (a folder is searched like the current one);
 * - otherwise `threatmodel.yaml`, `threatmodel.yml` or `threatmodel.json` in `cwd`,
 *   else the only `*.threatwright.yaml` (or `.yml`/`.json`) there;
 * - otherwise a UserError that says what was looked for and what to do.
 * Existence of a given file is not checked here: reading it reports a missing file.
 */
export async function resolveModelPath(cwd: string, given?: string): Promise<string> {
  if (given !== undefined) {
    const abs = path.resolve(cwd, given);
    return (await isDirectory(abs)) ? findModelIn(abs, cwd) : abs;
  }
  return findModelIn(cwd, cwd);
}

/** What a file looked like when it was read, to detect changes made meanwhile by someone else. */
export interface FileStamp {
  /** Absolute path. */
  file: string;
  /** SHA-256 of the content, or undefined when the file did not exist. */
  sha256: string | undefined;
}

// node:crypto is imported where a file is hashed or written: loading it takes a few milliseconds
// that the commands which only read (analyze, validate, check) would otherwise spend on every run.
async function sha256(data: string | Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(data).digest('hex');
}

function hashNow(file: string, createHash: typeof import('node:crypto').createHash): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function currentHash(file: string): Promise<string | undefined> {
  try {
    return await sha256(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Reads a text file for a later `writeFileAtomic(…, { expect: stamp })`. */
export async function readForUpdate(file: string): Promise<{ text: string; stamp: FileStamp }> {
  const bytes = await readFile(file);
  return { text: new TextDecoder().decode(bytes), stamp: { file: path.resolve(file), sha256: await sha256(bytes) } };
}

export interface WriteOptions {
  /** Replace an existing file. Without it, an existing file is an error (exit 3). */
  force?: boolean;
  /** The file as it was read: writing fails (exit 3) when it changed on disk since. Implies overwriting that file. */
  expect?: FileStamp;
  /** Used in messages instead of the absolute path. */
  cwd?: string;
  /** Create missing parent folders. */
  mkdir?: boolean;
}

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder, which then
 * replaces the target in one step (readers never see half a file, a crash never leaves one).
 * Refuses to replace an existing file unless `force` or `expect` is given, and with `expect`
 * refuses when the file changed on disk since it was read. Both refusals exit with 3.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const given = path.resolve(options.cwd ?? '.', file);
  const shown = options.cwd !== undefined ? displayPath(options.cwd, given) : given;
  // Write through a symbolic link to the file it points at, so the link stays a link.
  const target = await realpath(given).catch(() => given);
  const dir = path.dirname(target);
  if (options.mkdir) await mkdir(dir, { recursive: true });
  const changedOnDisk = async (): Promise<boolean> => options.expect !== undefined && (await currentHash(target)) !== options.expect.sha256;
  const changedError = () =>
    new UserError(`${shown} changed on disk since it was read; not overwriting it`, ExitCode.conflict, 'Run the command again to work on the current file (your other changes are kept).');
  // Checked before any work, and again immediately before the rename: a change made while the
  // new content was being written is not lost either.
  if (await changedOnDisk()) throw changedError();
  const overwrite = options.force === true || options.expect !== undefined;
  const { createHash, randomBytes } = await import('node:crypto');
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o666);
  try {
    await handle.writeFile(content);
    // A replaced file keeps its permissions.
    const mode = overwrite ? await stat(target).then((st) => st.mode & 0o7777, () => undefined) : undefined;
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (overwrite) {
      // Read and replaced with no await between, so nothing else runs in between.
      if (options.expect !== undefined && hashNow(target, createHash) !== options.expect.sha256) throw changedError();
      renameSync(temp, target);
    } else {
      // link() fails when the target exists, so a file created meanwhile is never clobbered.
      await link(temp, target).catch(async (err: unknown) => {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw existsError(shown);
        // File systems without hard links: check, then rename (a small window, but no data loss in practice).
        if ((await currentHash(target)) !== undefined) throw existsError(shown);
        await rename(temp, target);
      });
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function existsError(shown: string): UserError {
  return new UserError(`${shown} already exists; not overwriting it`, ExitCode.conflict, 'Use --force to replace it, or choose another file name.');
}

/** Throws the "already exists" error early (before asking questions or doing work) unless `force`. */
export async function assertWritable(file: string, options: { force?: boolean; cwd?: string } = {}): Promise<void> {
  const target = path.resolve(options.cwd ?? '.', file);
  if (options.force === true) return;
  try {
    await stat(target);
  } catch {
    return;
  }
  throw existsError(options.cwd !== undefined ? displayPath(options.cwd, target) : target);
}
