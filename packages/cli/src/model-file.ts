import { readFile, stat } from 'node:fs/promises';
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { loadModel, MAX_MODEL_BYTES, type LoadResult, type SourceInput } from '@threatwright/core';
import { UserError } from './errors.js';

export interface LoadModelFileOptions {
  /** "Today" for review and expiry checks; defaults to now. */
  now?: Date;
}

const NOT_A_MODEL_HINT = 'Give the path of a model file, or run `threatwright init` to create one.';

function describeStatError(file: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`cannot read ${file}: permission denied`, undefined, 'Check the file permissions.');
  return new UserError(`cannot read ${file}: no such file`, undefined, NOT_A_MODEL_HINT);
}

/**
 * What the loader needs for one file. The size is checked on disk first, so an oversized file is
 * refused without reading it into memory, and only regular files are read (never a FIFO or a device,
 * which could block forever or never end).
 */
function toInput(file: string, stats: Stats, read: () => Buffer): SourceInput {
  if (stats.size > MAX_MODEL_BYTES) return { file, text: new Uint8Array(0), size: stats.size };
  return { file, text: new Uint8Array(read()) };
}

/** Reads a model file (and its includes) from disk and loads it. Missing files are user errors. */
export async function loadModelFile(file: string, cwd: string, options: LoadModelFileOptions = {}): Promise<LoadResult> {
  const abs = path.resolve(cwd, file);
  let stats: Stats;
  try {
    stats = await stat(abs);
  } catch (err) {
    throw describeStatError(file, err);
  }
  if (stats.isDirectory()) throw new UserError(`${file} is a folder, not a model file`, undefined, `Give the path of the model inside it, e.g. ${path.join(file, 'threatmodel.yaml')}.`);
  if (!stats.isFile()) throw new UserError(`${file} is not a regular file`, undefined, NOT_A_MODEL_HINT);
  const name = path.relative(cwd, abs) || file;
  let input: SourceInput;
  if (stats.size > MAX_MODEL_BYTES) input = { file: name, text: new Uint8Array(0), size: stats.size };
  else {
    try {
      input = { file: name, text: new Uint8Array(await readFile(abs)) };
    } catch (err) {
      throw describeStatError(file, err);
    }
  }
  // Includes are read only from the working folder or the root model's folder (and below), so a
  // model from an untrusted branch cannot make CI print parts of other files on the machine.
  const allowed = [path.resolve(cwd), path.dirname(abs)];
  const inside = (target: string): boolean => allowed.some((dir) => !path.relative(dir, target).startsWith('..') && !path.isAbsolute(path.relative(dir, target)));
  return loadModel(input, {
    now: options.now ?? new Date(),
    readFile: (p, from) => {
      const target = path.resolve(path.dirname(path.resolve(cwd, from)), p);
      if (!inside(target)) return { file: p, refused: 'it is outside both the working folder and the folder of the root model' };
      try {
        const s = statSync(target);
        if (!s.isFile()) return undefined;
        return toInput(path.relative(cwd, target), s, () => readFileSync(target));
      } catch {
        return undefined;
      }
    },
  });
}
