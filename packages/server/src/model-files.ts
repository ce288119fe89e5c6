/**
 * The one way both shells (the CLI and the editor's server) read the files a model consists of: the
 * root model and whatever its `include:` entries reach. An included file is read only when
 *
 * - it lies inside one of the allowed folders (the root model's folder, and for the CLI also the
 *   working folder) after every symbolic link on its path is followed,
 * - it is a regular file (never a FIFO, a device or a socket, which could block or never end),
 * - and it is no larger than the model size limit; reading stops one byte past the limit even if
 *   the file grows meanwhile.
 *
 * Anything else is refused with a reason the loader turns into a clear issue. So a model from an
 * untrusted branch cannot make CI print other files on the machine, and the editor's server never
 * reads, returns or writes a file outside the model's own set.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { MAX_MODEL_BYTES, type IncludeRefusal, type LoadOptions, type SourceInput } from '@threatwright/core';

/** What reading one file gave. */
export type FileRead =
  | { kind: 'read'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string };

/** True when `target` is `dir` or below it (both absolute and normalised). */
export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Reads a regular file of at most `maxBytes` bytes. The file is opened without blocking (a FIFO
 * would otherwise wait for a writer), checked on the open descriptor (so a file swapped after a
 * check is still checked), and read no further than one byte past the limit.
 */
export function readRegularFile(file: string, maxBytes: number = MAX_MODEL_BYTES): FileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'refused', reason: 'permission denied' };
    if (code === 'EISDIR') return { kind: 'refused', reason: 'it is a folder, not a file' };
    return { kind: 'refused', reason: `it could not be opened (${code ?? 'error'})` };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { kind: 'refused', reason: 'it is a folder, not a file' };
    if (!stats.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
    if (stats.size > maxBytes) return { kind: 'too-large', size: stats.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 1 << 20));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { kind: 'too-large', size: total };
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    return { kind: 'refused', reason: `it could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/** One include the loader asked for. */
export interface IncludeRead {
  /** The path as resolved from the including file (links not followed): what the user wrote. */
  abs: string;
  /** Name given to the loader, and shown in messages. */
  name: string;
  read: FileRead;
}

export interface IncludeReaderOptions {
  /** Absolute path of the root model. */
  root: string;
  /** Folders includes may come from, besides the root model's own folder. */
  folders?: readonly string[];
  /** Name of a file in messages (and for the loader). Default: relative to the root model's folder. */
  display?: (abs: string) => string;
  /** Largest file read, in bytes (default: the model size limit). */
  maxBytes?: number;
}

export interface IncludeReader {
  /** The loader's `readFile` hook. */
  readFile: NonNullable<LoadOptions['readFile']>;
  /** Every include asked for, in the order first asked, by the path it resolved to. */
  reads: Map<string, IncludeRead>;
  /** Reads the file at an absolute path with the same checks (to see later whether an include changed). */
  readAt: (abs: string) => FileRead;
}

/**
 * The loader's hook for includes, with the checks above. One reader serves one load: it remembers
 * what it read, so the caller knows exactly which files the model consists of.
 */
export function includeReader(options: IncludeReaderOptions): IncludeReader {
  const rootDir = path.dirname(options.root);
  const display = options.display ?? ((abs: string) => path.relative(rootDir, abs).split(path.sep).join('/'));
  const allowed = [rootDir, ...(options.folders ?? [])].map((d) => path.resolve(d));
  const allowedReal = allowed.map(realOrSelf);
  const rootReal = realOrSelf(options.root);
  const several = options.folders !== undefined && options.folders.length > 0;
  const where = several ? 'both the working folder and the folder of the root model' : 'the folder of the root model';
  const linkWhere = several ? 'the working folder and the root model\'s folder' : 'the root model\'s folder';
  /** Loader names -> absolute path, so a nested include resolves from the file that holds it. */
  const byName = new Map<string, string>([[display(options.root), options.root]]);
  const reads = new Map<string, IncludeRead>();

  /** Reads a file at an absolute path as an include, with every check (nothing is opened before they pass). */
  const readAt = (abs: string): FileRead => {
    if (!allowed.some((dir) => isInside(dir, abs))) return { kind: 'refused', reason: `it is outside ${where}` };
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
      return { kind: 'refused', reason: 'it could not be read' };
    }
    if (!allowedReal.some((dir) => isInside(dir, real))) return { kind: 'refused', reason: `it links to a file outside ${linkWhere}` };
    if (real === rootReal) return { kind: 'refused', reason: 'it is the root model itself' };
    return readRegularFile(real, options.maxBytes);
  };

  const readFile = (p: string, from: string): SourceInput | IncludeRefusal | undefined => {
    const fromAbs = byName.get(from) ?? path.resolve(rootDir, from);
    const abs = path.resolve(path.dirname(fromAbs), p);
    const name = display(abs);
    let entry = reads.get(abs);
    if (!entry) {
      entry = { abs, name, read: readAt(abs) };
      reads.set(abs, entry);
    }
    const read = entry.read;
    if (read.kind === 'read' || read.kind === 'too-large') byName.set(name, abs);
    switch (read.kind) {
      case 'read':
        return { file: name, text: new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) };
      case 'too-large':
        return { file: name, text: new Uint8Array(0), size: read.size };
      case 'missing':
        return undefined;
      case 'refused':
        return { file: name, refused: read.reason };
    }
  };
  return { readFile, readAt, reads };
}
